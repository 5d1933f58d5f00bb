package dev.berth.apiserver.wiring;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.berth.api.apply.ApplyResult;
import dev.berth.api.apply.FieldManager;
import dev.berth.api.apply.FieldPath;
import dev.berth.api.apply.FieldSet;
import dev.berth.api.schema.Schema;
import dev.berth.apiserver.registry.FieldTracker;
import dev.berth.apiserver.registry.ResourceType;
import java.time.Clock;

/** managedFields tracking and server-side apply over the api module's FieldManager. */
final class ApiFieldTracker implements FieldTracker {

  private static final FieldSet STATUS = FieldSet.of(FieldPath.fields("status"));
  private static final FieldSet SPEC_AND_METADATA =
      FieldSet.of(FieldPath.fields("spec"), FieldPath.fields("metadata"));

  private final FieldManager manager;

  ApiFieldTracker(Clock clock) {
    this.manager = new FieldManager(clock);
  }

  @Override
  public ObjectNode update(ResourceType type, ObjectNode old, ObjectNode updated, String fieldManager,
      String subresource) {
    Schema schema = type.schema().get();
    if (schema == null) {
      return updated;
    }
    return manager.update(old, updated, fieldManager, subresource,
        type.descriptor().apiVersion(), schema, ignored(type, subresource));
  }

  @Override
  public ObjectNode apply(ResourceType type, ObjectNode live, ObjectNode applied,
      String fieldManager, boolean force, String subresource) {
    FieldManager.checkAppliedKind(applied, type.descriptor().gvk());
    Schema schema = type.schema().get();
    ApplyResult result = manager.apply(live, applied, fieldManager, subresource, force,
        type.descriptor().apiVersion(), schema, ignored(type, subresource));
    return switch (result) {
      case ApplyResult.Applied a -> a.object();
      case ApplyResult.Conflicted c -> throw c.toApiException();
    };
  }

  /** Upstream's reset fields: status on the main resource; spec and metadata on /status. */
  private static FieldSet ignored(ResourceType type, String subresource) {
    if (!type.descriptor().hasStatus()) {
      return FieldSet.empty();
    }
    return "status".equals(subresource) ? SPEC_AND_METADATA : subresource == null ? STATUS
        : FieldSet.empty();
  }
}
