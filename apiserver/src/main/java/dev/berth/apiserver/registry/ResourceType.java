package dev.berth.apiserver.registry;

import dev.berth.api.fields.SelectableFields;
import dev.berth.api.kinds.KindStrategy;
import dev.berth.api.meta.GroupResource;
import dev.berth.api.registry.ResourceDescriptor;
import dev.berth.api.schema.Schema;
import dev.berth.api.table.TablePrinter;
import dev.berth.apiserver.cache.ObjectIndexer;
import java.util.function.Supplier;

/**
 * Everything the API server needs to serve one resource in one version: its descriptor plus the
 * behaviour bound to its kind (defaulting and validation, registry hooks, table printing, selectable
 * fields, schema, version conversion).
 *
 * @param fields the fields field selectors may name, and their values
 * @param schema the kind's structural schema (lazily derived); null supplier result = no schema
 * @param custom whether this is a custom resource (no strategic merge patch, schema pruning)
 */
public record ResourceType(
    ResourceDescriptor descriptor,
    KindStrategy strategy,
    KindHooks hooks,
    TablePrinter table,
    SelectableFields fields,
    ObjectIndexer indexer,
    Supplier<Schema> schema,
    VersionConverter converter,
    boolean custom,
    ScaleMapping scale) {

  public GroupResource groupResource() {
    return descriptor.groupResource();
  }

  public GroupResource storage() {
    return descriptor.storage();
  }

  public boolean namespaced() {
    return descriptor.namespaced();
  }

  public String kind() {
    return descriptor.kind();
  }

  /**
   * Where the scale subresource reads and writes: the JSON paths (as field lists) of desired replicas,
   * observed replicas and the label selector. Upstream: spec.replicas, status.replicas and, for apps
   * kinds, spec.selector (structured) rendered as a string.
   */
  public record ScaleMapping(String specReplicasPath, String statusReplicasPath,
      String labelSelectorPath, boolean structuredSelector) {
    public static final ScaleMapping APPS =
        new ScaleMapping(".spec.replicas", ".status.replicas", ".spec.selector", true);
  }
}
