package dev.berth.api.schema.builtin;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.berth.api.meta.GroupVersionKind;
import dev.berth.api.schema.Schema;
import dev.berth.api.schema.Schema.Type;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * The serialised form of the derived built-in schemas, so a server can load them in milliseconds
 * instead of reflecting over ~450 model classes (over a second on a cold JVM).
 *
 * <p>Format: {@code {"fingerprint": ..., "kinds": {"apps/v1/Deployment": component}, "components":
 * {name: node}}}. Named nodes are written once under "components" and referred to as
 * {@code {"$ref": name}}; a per-field view of a component (see {@link Overlays}) is
 * {@code {"$ref": name, "view": {its field-level attributes}}}. Reading restores the same graph:
 * shared components are one node, views are copies, cycles (JSONSchemaProps) are preserved.
 */
final class SchemaSnapshot {

  /** Bump when the format or the meaning of a field changes. */
  static final int FORMAT = 1;

  private static final ObjectMapper MAPPER = new ObjectMapper()
      .enable(SerializationFeature.INDENT_OUTPUT);

  /** The graph read back from a snapshot. */
  record Loaded(String fingerprint, Map<GroupVersionKind, Schema> kinds, Map<String, Schema> components) {}

  private SchemaSnapshot() {}

  /** Writes the components (canonical nodes by name) and the kinds' top-level schemas. */
  static byte[] write(String fingerprint, Map<GroupVersionKind, Schema> kinds, Map<String, Schema> components) {
    ObjectNode root = MAPPER.createObjectNode();
    root.put("fingerprint", fingerprint);
    ObjectNode kindsNode = root.putObject("kinds");
    for (Map.Entry<GroupVersionKind, Schema> e : kinds.entrySet()) {
      kindsNode.put(key(e.getKey()), e.getValue().name());
    }
    ObjectNode componentsNode = root.putObject("components");
    new TreeMap<>(components).forEach((name, node) -> componentsNode.set(name, body(node, components)));
    try {
      return MAPPER.writeValueAsBytes(root);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The fingerprint recorded in a snapshot, without reading the rest. */
  static String fingerprintOf(JsonNode snapshot) {
    return snapshot.path("fingerprint").asText();
  }

  static Loaded read(JsonNode root) {
    JsonNode componentsNode = root.get("components");
    Map<String, Schema> components = new LinkedHashMap<>();
    componentsNode.fieldNames().forEachRemaining(name -> components.put(name, new Schema().name(name)));
    List<View> views = new ArrayList<>();
    componentsNode.properties().forEach(e -> fill(components.get(e.getKey()), e.getValue(), components, views));
    resolveViews(views, components);
    Map<GroupVersionKind, Schema> kinds = new LinkedHashMap<>();
    root.get("kinds").properties().forEach(e -> {
      Schema schema = components.get(e.getValue().asText());
      if (schema == null) {
        throw new IllegalStateException("snapshot kind " + e.getKey() + " refers to a missing component");
      }
      kinds.put(parseKey(e.getKey()), schema);
    });
    return new Loaded(fingerprintOf(root), kinds, components);
  }

  // ---- writing

  private static ObjectNode body(Schema s, Map<String, Schema> components) {
    if (s.validations() != null) {
      throw new IllegalStateException(s + ": value validations are not part of built-in schemas");
    }
    ObjectNode out = MAPPER.createObjectNode();
    out.put("type", s.type().name());
    putIfSet(out, "description", s.description());
    putIfSet(out, "format", s.format());
    if (!s.properties().isEmpty()) {
      ObjectNode properties = out.putObject("properties");
      s.properties().forEach((field, value) -> properties.set(field, use(value, components)));
    }
    if (!s.required().isEmpty()) {
      ArrayNode required = out.putArray("required");
      s.required().forEach(required::add);
    }
    if (s.additionalProperties() != null) {
      out.set("additionalProperties", use(s.additionalProperties(), components));
    }
    if (s.items() != null) {
      out.set("items", use(s.items(), components));
    }
    if (s.preserveUnknownFields()) {
      out.put("preserveUnknownFields", true);
    }
    if (s.embeddedResource()) {
      out.put("embeddedResource", true);
    }
    if (!s.enumValues().isEmpty()) {
      ArrayNode values = out.putArray("enum");
      s.enumValues().forEach(values::add);
    }
    if (!s.groupVersionKinds().isEmpty()) {
      ArrayNode gvks = out.putArray("gvk");
      s.groupVersionKinds().forEach(gvk -> gvks.add(key(gvk)));
    }
    fieldAttributes(s, out);
    return out;
  }

  /** The attributes a field can have on its own (the ones a component view may change). */
  private static void fieldAttributes(Schema s, ObjectNode out) {
    if (s.nullable()) {
      out.put("nullable", true);
    }
    putIfSet(out, "listType", s.listType());
    if (!s.listMapKeys().isEmpty()) {
      ArrayNode keys = out.putArray("listMapKeys");
      s.listMapKeys().forEach(keys::add);
    }
    putIfSet(out, "mapType", s.mapType());
    putIfSet(out, "patchStrategy", s.patchStrategy());
    putIfSet(out, "patchMergeKey", s.patchMergeKey());
    if (s.defaultValue() != null) {
      out.set("default", s.defaultValue());
    }
  }

  private static ObjectNode use(Schema s, Map<String, Schema> components) {
    if (s.name() == null) {
      return body(s, components);
    }
    Schema canonical = components.get(s.name());
    if (canonical == null) {
      throw new IllegalStateException("component " + s.name() + " is not among the components written");
    }
    ObjectNode ref = MAPPER.createObjectNode().put("$ref", s.name());
    if (canonical != s) {
      if (!canonical.properties().equals(s.properties()) || canonical.type() != s.type()) {
        throw new IllegalStateException("view of " + s.name() + " differs in structure from its component");
      }
      ObjectNode view = ref.putObject("view");
      if (s.description() != null) {
        view.put("description", s.description());
      }
      fieldAttributes(s, view);
    }
    return ref;
  }

  private static void putIfSet(ObjectNode out, String key, String value) {
    if (value != null) {
      out.put(key, value);
    }
  }

  private static String key(GroupVersionKind gvk) {
    return gvk.group() + "/" + gvk.version() + "/" + gvk.kind();
  }

  private static GroupVersionKind parseKey(String key) {
    String[] parts = key.split("/", -1);
    if (parts.length != 3) {
      throw new IllegalStateException("bad kind key in snapshot: " + key);
    }
    return new GroupVersionKind(parts[0], parts[1], parts[2]);
  }

  // ---- reading

  /** A view whose component may not be complete yet: created once every component is filled. */
  private record View(String component, JsonNode attributes, Schema owner, Consumer<Schema> target) {}

  private static void fill(Schema s, JsonNode in, Map<String, Schema> components, List<View> views) {
    s.type(Type.valueOf(in.get("type").asText()));
    s.description(text(in, "description"));
    s.format(text(in, "format"));
    JsonNode properties = in.get("properties");
    if (properties != null) {
      properties.properties().forEach(e -> {
        String field = e.getKey();
        s.property(field, null); // keep declaration order; the value may be a view resolved later
        s.property(field, use(e.getValue(), s, components, views, value -> s.property(field, value)));
      });
    }
    JsonNode required = in.get("required");
    if (required != null) {
      required.forEach(r -> s.require(r.asText()));
    }
    if (in.has("additionalProperties")) {
      s.additionalProperties(use(in.get("additionalProperties"), s, components, views, s::additionalProperties));
    }
    if (in.has("items")) {
      s.items(use(in.get("items"), s, components, views, s::items));
    }
    s.preserveUnknownFields(in.path("preserveUnknownFields").asBoolean(false));
    s.embeddedResource(in.path("embeddedResource").asBoolean(false));
    JsonNode values = in.get("enum");
    if (values != null) {
      values.forEach(s.enumValues()::add);
    }
    JsonNode gvks = in.get("gvk");
    if (gvks != null) {
      gvks.forEach(g -> s.groupVersionKind(parseKey(g.asText())));
    }
    fieldAttributes(s, in);
  }

  private static void fieldAttributes(Schema s, JsonNode in) {
    s.nullable(in.path("nullable").asBoolean(false));
    s.listType(text(in, "listType"));
    List<String> keys = new ArrayList<>();
    in.path("listMapKeys").forEach(k -> keys.add(k.asText()));
    s.listMapKeys(keys);
    s.mapType(text(in, "mapType"));
    s.patchStrategy(text(in, "patchStrategy"));
    s.patchMergeKey(text(in, "patchMergeKey"));
    s.defaultValue(in.get("default"));
  }

  /** The node for a reference or an inline body; views are queued (null is returned for now). */
  private static Schema use(JsonNode in, Schema owner, Map<String, Schema> components, List<View> views,
      Consumer<Schema> target) {
    JsonNode ref = in.get("$ref");
    if (ref == null) {
      Schema anonymous = new Schema();
      fill(anonymous, in, components, views);
      return anonymous;
    }
    Schema canonical = components.get(ref.asText());
    if (canonical == null) {
      throw new IllegalStateException("snapshot refers to a missing component " + ref.asText());
    }
    JsonNode view = in.get("view");
    if (view == null) {
      return canonical;
    }
    views.add(new View(ref.asText(), view, owner, target));
    return null;
  }

  /**
   * Creates the views. A view is a shallow copy of its component, so the component's own direct
   * children must be in place when it is copied (deeper nodes are shared, and get their views
   * whenever those are made). Resolve in rounds: components without a pending direct child first.
   */
  private static void resolveViews(List<View> views, Map<String, Schema> components) {
    List<View> pending = new ArrayList<>(views);
    while (!pending.isEmpty()) {
      Set<Schema> waiting = Collections.newSetFromMap(new IdentityHashMap<>());
      pending.forEach(v -> waiting.add(v.owner()));
      boolean progress = false;
      for (Iterator<View> it = pending.iterator(); it.hasNext(); ) {
        View v = it.next();
        Schema canonical = components.get(v.component());
        if (!waiting.contains(canonical)) {
          Schema copy = Overlays.copyOf(canonical);
          String description = text(v.attributes(), "description");
          if (description != null) {
            copy.description(description);
          }
          fieldAttributes(copy, v.attributes());
          v.target().accept(copy);
          it.remove();
          progress = true;
        }
      }
      if (!progress) {
        throw new IllegalStateException("snapshot views depend on each other in a cycle");
      }
    }
  }

  private static String text(JsonNode in, String key) {
    JsonNode value = in.get(key);
    return value == null || value.isNull() ? null : value.asText();
  }
}
