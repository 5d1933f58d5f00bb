package dev.berth.api.schema.builtin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.berth.api.meta.GroupVersion;
import dev.berth.api.meta.GroupVersionKind;
import dev.berth.api.schema.Schema;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The structural schemas of every built-in kind, derived from the fabric8 model classes and
 * completed with the upstream patch/list metadata tables (patch-metadata.tsv, field-overrides.tsv).
 *
 * <p>Deriving means reflecting over ~450 classes, which takes over a second on a cold JVM. So the
 * derived graph is also shipped as a snapshot (builtin-schemas.json, checked by a test to equal a
 * fresh derivation) and loaded in milliseconds on first use. When the snapshot does not match the
 * tables, the model version or the kind catalog (its fingerprint differs), the schemas are derived
 * instead, lazily per group-version: the first {@link #schemaFor} of a kind builds the kinds of its
 * group-version and the shared components they use.
 *
 * <p>Returned schemas are finished and must not be modified. Thread-safe.
 */
public final class BuiltinSchemas {

  private static final System.Logger LOG = System.getLogger(BuiltinSchemas.class.getName());

  static final String SNAPSHOT = "/dev/berth/api/schema/builtin-schemas.json";
  static final String[] TABLES = {
      "/dev/berth/api/schema/patch-metadata.tsv", "/dev/berth/api/schema/field-overrides.tsv"};
  private static final String FABRIC8_POM = "/META-INF/maven/io.fabric8/kubernetes-model-core/pom.properties";

  private final BuiltinCatalog catalog = new BuiltinCatalog();
  private final Map<GroupVersionKind, BuiltinKind> kinds = new LinkedHashMap<>();
  /** Resource path of the snapshot to try, or null to always derive. */
  private final String snapshotResource;
  private final Map<GroupVersionKind, Schema> ready = new ConcurrentHashMap<>();
  private final Map<String, Schema> components = new ConcurrentHashMap<>();
  private final Set<GroupVersion> built = ConcurrentHashMap.newKeySet();
  private final Object lock = new Object();
  /** Created on the first derivation; guarded by {@link #lock}. */
  private ModelSchemaBuilder builder;
  /** Whether the snapshot was tried; guarded by {@link #lock}. */
  private boolean snapshotTried;

  /** Cheap: reads nothing until a schema is asked for. */
  public BuiltinSchemas() {
    this(SNAPSHOT);
  }

  /**
   * @param snapshotResource the snapshot to try first, or null to always derive from the model
   *     classes (tests, snapshot generation)
   */
  BuiltinSchemas(String snapshotResource) {
    this.snapshotResource = snapshotResource;
    for (BuiltinKind kind : catalog.kinds()) {
      kinds.put(kind.gvk(), kind);
    }
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
    ensure(gvk.groupVersion());
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
   * Suitable as the shared-component resolver of the OpenAPI publisher.
   */
  public Schema component(String name) {
    Schema schema = components.get(name);
    if (schema == null && built.size() < catalog.byGroupVersion().size()) {
      deriveAll();
      schema = components.get(name);
    }
    return schema;
  }

  /** Every named component of every built-in kind, sorted by name. */
  public Map<String, Schema> components() {
    deriveAll();
    return Collections.unmodifiableMap(new TreeMap<>(components));
  }

  /** Makes every built-in schema available now (warm-up; a no-op once done). */
  public void deriveAll() {
    for (GroupVersion gv : catalog.byGroupVersion().keySet()) {
      ensure(gv);
    }
  }

  /** Whether the schemas were loaded from the snapshot rather than derived (for tests). */
  boolean loadedFromSnapshot() {
    synchronized (lock) {
      return builder == null && !built.isEmpty();
    }
  }

  /** Table rows that matched no field; non-empty means a table or model mismatch (for tests). */
  Set<String> unusedFacts() {
    if (snapshotResource != null) {
      throw new IllegalStateException("only a deriving instance knows which facts it used");
    }
    deriveAll();
    synchronized (lock) {
      return new LinkedHashSet<>(builder.unusedFacts());
    }
  }

  /** The snapshot of everything this instance knows, with the current fingerprint. */
  byte[] snapshot() {
    deriveAll();
    Map<GroupVersionKind, Schema> all = new LinkedHashMap<>();
    kinds.keySet().forEach(gvk -> all.put(gvk, ready.get(gvk)));
    return SchemaSnapshot.write(fingerprint(), all, components);
  }

  private void ensure(GroupVersion gv) {
    if (built.contains(gv)) {
      return;
    }
    synchronized (lock) {
      if (built.contains(gv)) {
        return;
      }
      if (snapshotResource != null && !snapshotTried) {
        snapshotTried = true;
        if (loadSnapshot()) {
          return;
        }
      }
      derive(gv);
    }
  }

  /** Caller holds {@link #lock}. */
  private boolean loadSnapshot() {
    long start = System.nanoTime();
    try (InputStream in = BuiltinSchemas.class.getResourceAsStream(snapshotResource)) {
      if (in == null) {
        LOG.log(System.Logger.Level.INFO, "no built-in schema snapshot; deriving schemas from the model classes");
        return false;
      }
      JsonNode root = new ObjectMapper().readTree(in);
      String expected = fingerprint();
      if (!expected.equals(SchemaSnapshot.fingerprintOf(root))) {
        LOG.log(System.Logger.Level.WARNING, "built-in schema snapshot is stale (regenerate it, see "
            + "BuiltinSchemaSnapshotTest); deriving schemas from the model classes");
        return false;
      }
      SchemaSnapshot.Loaded loaded = SchemaSnapshot.read(root);
      if (!loaded.kinds().keySet().equals(kinds.keySet())) {
        LOG.log(System.Logger.Level.WARNING, "built-in schema snapshot lists other kinds; deriving instead");
        return false;
      }
      components.putAll(loaded.components());
      ready.putAll(loaded.kinds());
      built.addAll(catalog.byGroupVersion().keySet());
      LOG.log(System.Logger.Level.DEBUG, () -> "loaded " + loaded.components().size()
          + " built-in schema components in " + (System.nanoTime() - start) / 1_000_000 + " ms");
      return true;
    } catch (IOException | RuntimeException e) {
      LOG.log(System.Logger.Level.WARNING, "unreadable built-in schema snapshot; deriving instead", e);
      return false;
    }
  }

  /** Caller holds {@link #lock}. */
  private void derive(GroupVersion gv) {
    long start = System.nanoTime();
    if (builder == null) {
      builder = new ModelSchemaBuilder(FieldFacts.load(), catalog::kindsOf);
    }
    Map<GroupVersionKind, Schema> derived = new LinkedHashMap<>();
    for (BuiltinKind kind : catalog.byGroupVersion().get(gv)) {
      derived.put(kind.gvk(), builder.component(BuiltinCatalog.load(kind)));
    }
    // Publish only finished nodes: components first, then the kinds that refer to them.
    components.putAll(builder.components());
    ready.putAll(derived);
    built.add(gv);
    LOG.log(System.Logger.Level.DEBUG, () -> "derived the built-in schemas of " + gv + " in "
        + (System.nanoTime() - start) / 1_000_000 + " ms");
  }

  /**
   * What the derived graph depends on besides the derivation code: the snapshot format, the fact
   * tables, the fabric8 model version and the kind catalog.
   */
  String fingerprint() {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      digest.update(("format " + SchemaSnapshot.FORMAT + "\n").getBytes(StandardCharsets.UTF_8));
      for (String table : TABLES) {
        digest.update(resource(table));
      }
      Properties pom = new Properties();
      try (InputStream in = BuiltinSchemas.class.getResourceAsStream(FABRIC8_POM)) {
        if (in != null) {
          pom.load(in);
        }
      }
      digest.update(("fabric8 " + pom.getProperty("version", "unknown") + "\n").getBytes(StandardCharsets.UTF_8));
      for (BuiltinKind kind : catalog.kinds()) {
        digest.update((kind + "\n").getBytes(StandardCharsets.UTF_8));
      }
      return HexFormat.of().formatHex(digest.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required of every JDK", e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static byte[] resource(String name) throws IOException {
    try (InputStream in = BuiltinSchemas.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + name);
      }
      return in.readAllBytes();
    }
  }
}
