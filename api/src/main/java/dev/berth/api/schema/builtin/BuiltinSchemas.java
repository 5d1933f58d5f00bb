package dev.berth.api.schema.builtin;

import dev.berth.api.meta.GroupVersion;
import dev.berth.api.meta.GroupVersionKind;
import dev.berth.api.schema.Schema;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The structural schemas of every built-in kind, derived from the fabric8 model classes and
 * completed with the upstream patch/list metadata tables (patch-metadata.tsv, field-overrides.tsv).
 *
 * <p>Derivation is lazy per group-version: the first {@link #schemaFor} of a kind builds every kind
 * of its group-version (and the shared components they use), so a server that only touches core/v1
 * never pays for apiextensions. {@link #deriveAll()} builds everything, e.g. for OpenAPI publishing.
 * Returned schemas are finished and must not be modified. Thread-safe.
 */
public final class BuiltinSchemas {

  private final BuiltinCatalog catalog = new BuiltinCatalog();
  private final Map<GroupVersionKind, BuiltinKind> kinds = new LinkedHashMap<>();
  private final ModelSchemaBuilder builder;
  private final Map<GroupVersionKind, Schema> ready = new ConcurrentHashMap<>();
  private final Map<String, Schema> components = new ConcurrentHashMap<>();
  private final Set<GroupVersion> built = ConcurrentHashMap.newKeySet();

  /** Loads the metadata tables; schemas are derived on first use. */
  public BuiltinSchemas() {
    for (BuiltinKind kind : catalog.kinds()) {
      kinds.put(kind.gvk(), kind);
    }
    builder = new ModelSchemaBuilder(FieldFacts.load(), catalog::kindsOf);
  }

  /** Every built-in kind, list kinds included, in catalog order. */
  public List<BuiltinKind> kinds() {
    return List.copyOf(kinds.values());
  }

  /** Whether the kind is built in (and {@link #schemaFor} will answer it). */
  public boolean isBuiltin(GroupVersionKind gvk) {
    return kinds.containsKey(gvk);
  }

  /** The top-level schema of a built-in kind, or empty when the kind is not built in. */
  public Optional<Schema> find(GroupVersionKind gvk) {
    Schema schema = ready.get(gvk);
    if (schema != null) {
      return Optional.of(schema);
    }
    if (!kinds.containsKey(gvk)) {
      return Optional.empty();
    }
    deriveGroupVersion(gvk.groupVersion());
    return Optional.of(ready.get(gvk));
  }

  /**
   * The top-level schema of a built-in kind ({@code apps/v1 Deployment}, {@code v1 PodList}).
   *
   * @throws IllegalArgumentException if the kind is not built in (check {@link #isBuiltin})
   */
  public Schema schemaFor(GroupVersionKind gvk) {
    return find(gvk).orElseThrow(() -> new IllegalArgumentException("not a built-in kind: " + gvk));
  }

  /**
   * A named component ({@code io.k8s.api.core.v1.PodSpec},
   * {@code io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta}), or null if no built-in kind uses it.
   * Derives everything on the first miss.
   */
  public Schema component(String name) {
    Schema schema = components.get(name);
    if (schema == null && built.size() < catalog.byGroupVersion().size()) {
      deriveAll();
      schema = components.get(name);
    }
    return schema;
  }

  /** Every named component of every built-in kind, sorted by name; derives everything. */
  public Map<String, Schema> components() {
    deriveAll();
    return Collections.unmodifiableMap(new TreeMap<>(components));
  }

  /** Derives the schemas of every built-in group-version now (warm-up). */
  public void deriveAll() {
    for (GroupVersion gv : catalog.byGroupVersion().keySet()) {
      deriveGroupVersion(gv);
    }
  }

  /** Table rows that matched no field; non-empty means a table or model mismatch (for tests). */
  Set<String> unusedFacts() {
    deriveAll();
    synchronized (builder) {
      return new LinkedHashSet<>(builder.unusedFacts());
    }
  }

  private void deriveGroupVersion(GroupVersion gv) {
    if (built.contains(gv)) {
      return;
    }
    synchronized (builder) {
      if (built.contains(gv)) {
        return;
      }
      Map<GroupVersionKind, Schema> derived = new LinkedHashMap<>();
      for (BuiltinKind kind : catalog.byGroupVersion().get(gv)) {
        derived.put(kind.gvk(), builder.component(kind.modelClass()));
      }
      // Publish only finished nodes: components first, then the kinds that refer to them.
      components.putAll(builder.components());
      ready.putAll(derived);
      built.add(gv);
    }
  }
}
