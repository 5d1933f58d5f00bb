package dev.berth.apiserver.cache;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.berth.apiserver.util.Json;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * One object version as the watch cache holds it: its serialised JSON (with {@code
 * metadata.resourceVersion} set) plus what selectors need, extracted once. The tree is not kept, to
 * keep 150k objects in a few hundred MB; {@link #tree()} parses a fresh mutable copy on demand.
 */
public final class CachedObject {

  private static final byte[] ADDED = "{\"type\":\"ADDED\",\"object\":".getBytes(StandardCharsets.UTF_8);
  private static final byte[] MODIFIED =
      "{\"type\":\"MODIFIED\",\"object\":".getBytes(StandardCharsets.UTF_8);
  private static final byte[] DELETED =
      "{\"type\":\"DELETED\",\"object\":".getBytes(StandardCharsets.UTF_8);

  private final String key;
  private final String namespace;
  private final String name;
  private final long revision;
  private final byte[] json;
  private final Map<String, String> labels;
  private final Map<String, String> fields;
  private volatile byte[] addedLine;
  private volatile byte[] modifiedLine;
  private volatile byte[] deletedLine;

  public CachedObject(String key, String namespace, String name, long revision, byte[] json,
      Map<String, String> labels, Map<String, String> fields) {
    this.key = key;
    this.namespace = namespace;
    this.name = name;
    this.revision = revision;
    this.json = json;
    this.labels = labels;
    this.fields = fields;
  }

  /** {@code namespace/name} or {@code name}: the order lists are returned in. */
  public String key() {
    return key;
  }

  /** The namespace, or "" for cluster-scoped objects. */
  public String namespace() {
    return namespace;
  }

  public String name() {
    return name;
  }

  /** The store revision of this version, i.e. its resourceVersion. */
  public long revision() {
    return revision;
  }

  /** The serialised object; never modify the array. */
  public byte[] json() {
    return json;
  }

  public Map<String, String> labels() {
    return labels;
  }

  /** Values of the kind's selectable fields (metadata.name, metadata.namespace and kind-specific). */
  public Map<String, String> fields() {
    return fields;
  }

  /** A fresh, mutable parse of the object. */
  public ObjectNode tree() {
    return Json.parseTrusted(json);
  }

  /** The watch event line {@code {"type":T,"object":...}\n} for this object, built once per type. */
  public byte[] eventLine(EventType type) {
    return switch (type) {
      case ADDED -> addedLine != null ? addedLine : (addedLine = line(ADDED));
      case MODIFIED -> modifiedLine != null ? modifiedLine : (modifiedLine = line(MODIFIED));
      case DELETED -> deletedLine != null ? deletedLine : (deletedLine = line(DELETED));
    };
  }

  private byte[] line(byte[] head) {
    byte[] out = new byte[head.length + json.length + 2];
    System.arraycopy(head, 0, out, 0, head.length);
    System.arraycopy(json, 0, out, head.length, json.length);
    out[out.length - 2] = '}';
    out[out.length - 1] = '\n';
    return out;
  }
}
