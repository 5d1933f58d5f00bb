package dev.berth.api.openapi;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.berth.api.openapi.SchemaRenderer.Dialect;
import dev.berth.api.schema.Schema;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Publishes the OpenAPI documents of a set of resources: the v3 root discovery document, one v3
 * document per group-version, and the v2 (swagger 2.0) document of everything.
 *
 * <p>Documents are serialised once and cached as bytes. {@link #update} replaces the resource set
 * (custom resources come and go at runtime); documents are regenerated lazily, on the next request,
 * and only for group-versions whose resources changed. The v2 document is built only when asked for.
 * Thread-safe: readers get immutable snapshots; regeneration is serialised.
 */
public final class OpenApiPublisher {

  private static final System.Logger LOG = System.getLogger(OpenApiPublisher.class.getName());

  private final Function<String, Schema> sharedComponents;
  private final String kubernetesVersion;
  private final ObjectMapper mapper = new ObjectMapper();

  private final Object lock = new Object();
  /** Current inputs by group-version path ("api/v1"), sorted. Guarded by {@link #lock}. */
  private Map<String, List<OpenApiResource>> inputs = Map.of();
  /** Generated documents and the inputs they were generated from. Guarded by {@link #lock}. */
  private final Map<String, Generated> generated = new TreeMap<>();
  private volatile Snapshot snapshot;
  private volatile OpenApiDocument v2;

  private record Generated(List<OpenApiResource> inputs, OpenApiDocument document) {}

  private record Snapshot(OpenApiDocument root, Map<String, OpenApiDocument> groupVersions) {}

  /**
   * @param sharedComponents the canonical named components by name, for references from any
   *     document: pass {@code BuiltinSchemas::component}. It must know ObjectMeta, ListMeta,
   *     Status and DeleteOptions.
   * @param kubernetesVersion the version reported in {@code info.version}, e.g. "v1.32.4"
   */
  public OpenApiPublisher(Function<String, Schema> sharedComponents, String kubernetesVersion) {
    this.sharedComponents = Objects.requireNonNull(sharedComponents);
    this.kubernetesVersion = Objects.requireNonNull(kubernetesVersion);
  }

  /**
   * Replaces the published resources. Cheap: nothing is generated here.
   *
   * @return whether the set differs from the previous one
   * @throws IllegalArgumentException if two resources claim the same group-version and plural
   */
  public boolean update(Collection<OpenApiResource> resources) {
    Map<String, List<OpenApiResource>> byPath = new TreeMap<>();
    Map<String, OpenApiResource> seen = new LinkedHashMap<>();
    for (OpenApiResource r : resources) {
      OpenApiResource clash = seen.put(r.groupVersionPath() + "/" + r.plural(), r);
      if (clash != null) {
        throw new IllegalArgumentException("resource " + r.plural() + " in " + r.groupVersionPath() + " given twice");
      }
      byPath.computeIfAbsent(r.groupVersionPath(), k -> new ArrayList<>()).add(r);
    }
    byPath.values().forEach(list -> list.sort((a, b) -> a.plural().compareTo(b.plural())));
    synchronized (lock) {
      if (byPath.equals(inputs)) {
        return false;
      }
      inputs = Map.copyOf(byPath);
      snapshot = null;
      v2 = null;
      return true;
    }
  }

  /** The v3 root: {@code {"paths":{"api/v1":{"serverRelativeURL":"/openapi/v3/api/v1?hash=..."}}}}. */
  public OpenApiDocument v3Root() {
    return current().root();
  }

  /** The v3 document of a group-version path ("api/v1", "apis/apps/v1"), if published. */
  public Optional<OpenApiDocument> v3(String groupVersionPath) {
    return Optional.ofNullable(current().groupVersions().get(groupVersionPath));
  }

  /** Every v3 group-version document by path (for an HTTP layer that pre-registers routes). */
  public Map<String, OpenApiDocument> v3Documents() {
    return current().groupVersions();
  }

  /** The swagger 2.0 document of all resources ({@code /openapi/v2}). */
  public OpenApiDocument v2() {
    OpenApiDocument doc = v2;
    if (doc != null) {
      return doc;
    }
    synchronized (lock) {
      if (v2 == null) {
        long start = System.nanoTime();
        DocumentBuilder builder = new DocumentBuilder(Dialect.V2, sharedComponents);
        inputs.values().forEach(list -> list.forEach(r -> addResource(builder, r)));
        v2 = serialise(builder.build(kubernetesVersion));
        LOG.log(System.Logger.Level.DEBUG, () -> "generated /openapi/v2 (" + v2.json().length + " bytes) in "
            + (System.nanoTime() - start) / 1_000_000 + " ms");
      }
      return v2;
    }
  }

  private Snapshot current() {
    Snapshot s = snapshot;
    if (s != null) {
      return s;
    }
    synchronized (lock) {
      if (snapshot == null) {
        snapshot = regenerate();
      }
      return snapshot;
    }
  }

  /** Rebuilds changed group-version documents and the root. Caller holds {@link #lock}. */
  private Snapshot regenerate() {
    generated.keySet().retainAll(inputs.keySet());
    Map<String, OpenApiDocument> docs = new TreeMap<>();
    for (Map.Entry<String, List<OpenApiResource>> e : inputs.entrySet()) {
      Generated g = generated.get(e.getKey());
      if (g == null || !g.inputs().equals(e.getValue())) {
        long start = System.nanoTime();
        DocumentBuilder builder = new DocumentBuilder(Dialect.V3, sharedComponents);
        e.getValue().forEach(r -> addResource(builder, r));
        g = new Generated(e.getValue(), serialise(builder.build(kubernetesVersion)));
        generated.put(e.getKey(), g);
        OpenApiDocument doc = g.document();
        LOG.log(System.Logger.Level.DEBUG, () -> "generated /openapi/v3/" + e.getKey() + " (" + doc.json().length
            + " bytes) in " + (System.nanoTime() - start) / 1_000_000 + " ms");
      }
      docs.put(e.getKey(), g.document());
    }
    ObjectNode root = mapper.createObjectNode();
    ObjectNode paths = root.putObject("paths");
    docs.forEach((path, doc) -> paths.putObject(path)
        .put("serverRelativeURL", "/openapi/v3/" + path + "?hash=" + doc.hash()));
    return new Snapshot(serialise(root), Map.copyOf(docs));
  }

  private void addResource(DocumentBuilder builder, OpenApiResource r) {
    PublishedResource published = PublishedResource.of(r, sharedComponents);
    builder.add(published);
    if (published.listSchema() != null) {
      builder.include(published.listSchema());
    }
  }

  private OpenApiDocument serialise(ObjectNode doc) {
    try {
      byte[] json = mapper.writeValueAsBytes(doc);
      return new OpenApiDocument(json, sha512(json));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("OpenAPI document does not serialise", e);
    }
  }

  private static String sha512(byte[] bytes) {
    try {
      return HexFormat.of().withUpperCase().formatHex(MessageDigest.getInstance("SHA-512").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-512 is required of every JDK", e);
    }
  }
}
