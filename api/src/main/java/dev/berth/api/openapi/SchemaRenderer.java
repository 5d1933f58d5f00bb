package dev.berth.api.openapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.berth.api.meta.GroupVersionKind;
import dev.berth.api.schema.Schema;
import dev.berth.api.schema.Validations;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * Renders {@link Schema} graphs as OpenAPI schema objects, collecting every named node into the
 * document's components (v3 {@code components.schemas}, v2 {@code definitions}) and referring to it
 * with {@code $ref}. One renderer serves one document.
 *
 * <p>A named node that is not its component's canonical node is a per-field view of the component
 * (e.g. DeploymentSpec.strategy with {@code x-kubernetes-patch-strategy: retainKeys}); it is
 * rendered as a reference plus the attributes it adds, the way upstream documents do
 * ({@code allOf: [$ref]} plus siblings in v3, {@code $ref} plus siblings in v2).
 */
final class SchemaRenderer {

  enum Dialect { V2, V3 }

  static final String INT_OR_STRING = "io.k8s.apimachinery.pkg.util.intstr.IntOrString";
  static final String QUANTITY = "io.k8s.apimachinery.pkg.api.resource.Quantity";

  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

  private final Dialect dialect;
  private final String refPrefix;
  private final Function<String, Schema> shared;
  /** Names given to nodes that have none (custom resource top-level schemas). */
  private final Map<Schema, String> assignedNames = new IdentityHashMap<>();
  private final Map<String, Schema> canonical = new TreeMap<>();
  private final Deque<String> pending = new ArrayDeque<>();

  SchemaRenderer(Dialect dialect, Function<String, Schema> shared) {
    this.dialect = dialect;
    this.refPrefix = dialect == Dialect.V3 ? "#/components/schemas/" : "#/definitions/";
    this.shared = shared;
  }

  /** Publishes an unnamed node under {@code name} (it becomes that component's canonical node). */
  void assignName(Schema node, String name) {
    assignedNames.put(node, name);
    Schema previous = canonical.putIfAbsent(name, node);
    if (previous == null) {
      pending.add(name);
    }
  }

  /** The schema object for a value of this schema: a {@code $ref} for named nodes, inline otherwise. */
  ObjectNode use(Schema node) {
    String name = nameOf(node);
    if (name == null) {
      return body(node, false);
    }
    Schema base = register(name, node);
    ObjectNode ref = JSON.objectNode().put("$ref", refPrefix + name);
    if (base == node) {
      return ref;
    }
    ObjectNode extra = differences(node, base);
    if (extra.isEmpty()) {
      return ref;
    }
    if (dialect == Dialect.V3) {
      ObjectNode wrapped = JSON.objectNode();
      wrapped.putArray("allOf").add(ref);
      wrapped.setAll(extra);
      return wrapped;
    }
    ref.setAll(extra);
    return ref;
  }

  /** Renders every component referenced so far (and those they reference), sorted by name. */
  ObjectNode components() {
    Map<String, ObjectNode> rendered = new TreeMap<>();
    while (!pending.isEmpty()) {
      String name = pending.poll();
      rendered.put(name, body(canonical.get(name), true));
    }
    ObjectNode out = JSON.objectNode();
    rendered.forEach(out::set);
    return out;
  }

  private String nameOf(Schema node) {
    String assigned = assignedNames.get(node);
    return assigned != null ? assigned : node.name();
  }

  private Schema register(String name, Schema node) {
    Schema known = canonical.get(name);
    if (known != null) {
      return known;
    }
    Schema base = node.name() != null ? shared.apply(name) : null;
    if (base == null) {
      base = node;
    }
    canonical.put(name, base);
    pending.add(name);
    return base;
  }

  /** The attributes a per-field view adds to (or changes on) its component. */
  private ObjectNode differences(Schema view, Schema base) {
    ObjectNode out = JSON.objectNode();
    if (view.description() != null && !view.description().equals(base.description())) {
      out.put("description", view.description());
    }
    if (view.defaultValue() != null && !view.defaultValue().equals(base.defaultValue())) {
      out.set("default", view.defaultValue());
    }
    if (view.nullable() && !base.nullable() && dialect == Dialect.V3) {
      out.put("nullable", true);
    }
    putIfChanged(out, "x-kubernetes-list-type", view.listType(), base.listType());
    if (!view.listMapKeys().equals(base.listMapKeys()) && !view.listMapKeys().isEmpty()) {
      strings(out.putArray("x-kubernetes-list-map-keys"), view.listMapKeys());
    }
    putIfChanged(out, "x-kubernetes-map-type", view.mapType(), base.mapType());
    putIfChanged(out, "x-kubernetes-patch-merge-key", view.patchMergeKey(), base.patchMergeKey());
    putIfChanged(out, "x-kubernetes-patch-strategy", view.patchStrategy(), base.patchStrategy());
    return out;
  }

  private static void putIfChanged(ObjectNode out, String key, String value, String base) {
    if (value != null && !value.equals(base)) {
      out.put(key, value);
    }
  }

  private ObjectNode body(Schema s, boolean component) {
    ObjectNode out = JSON.objectNode();
    if (s.description() != null) {
      out.put("description", s.description());
    }
    switch (s.type()) {
      case OBJECT -> {
        out.put("type", "object");
        if (!s.properties().isEmpty()) {
          ObjectNode properties = out.putObject("properties");
          new TreeMap<>(s.properties()).forEach((field, value) -> properties.set(field, use(value)));
        }
        if (!s.required().isEmpty()) {
          strings(out.putArray("required"), List.copyOf(s.required()));
        }
        if (s.additionalProperties() != null) {
          out.set("additionalProperties", use(s.additionalProperties()));
        }
      }
      case ARRAY -> {
        out.put("type", "array");
        out.set("items", s.items() == null ? JSON.objectNode() : use(s.items()));
      }
      case STRING -> out.put("type", "string");
      case INTEGER -> out.put("type", "integer");
      case NUMBER -> out.put("type", "number");
      case BOOLEAN -> out.put("type", "boolean");
      case INT_OR_STRING -> intOrString(s, out);
      case ANY -> { }
    }
    if (s.format() != null && !out.has("format")) {
      out.put("format", s.format());
    }
    if (s.nullable() && dialect == Dialect.V3) {
      out.put("nullable", true);
    }
    if (s.defaultValue() != null) {
      out.set("default", s.defaultValue());
    }
    enums(s, out);
    Validations v = s.validations();
    if (v != null) {
      validations(v, out);
    }
    if (s.embeddedResource()) {
      out.put("x-kubernetes-embedded-resource", true);
    }
    if (s.preserveUnknownFields()) {
      out.put("x-kubernetes-preserve-unknown-fields", true);
    }
    if (component && !s.groupVersionKinds().isEmpty()) {
      ArrayNode gvks = out.putArray("x-kubernetes-group-version-kind");
      for (GroupVersionKind gvk : s.groupVersionKinds()) {
        gvks.addObject().put("group", gvk.group()).put("kind", gvk.kind()).put("version", gvk.version());
      }
    }
    if (s.listType() != null) {
      out.put("x-kubernetes-list-type", s.listType());
    }
    if (!s.listMapKeys().isEmpty()) {
      strings(out.putArray("x-kubernetes-list-map-keys"), s.listMapKeys());
    }
    if (s.mapType() != null) {
      out.put("x-kubernetes-map-type", s.mapType());
    }
    if (s.patchMergeKey() != null) {
      out.put("x-kubernetes-patch-merge-key", s.patchMergeKey());
    }
    if (s.patchStrategy() != null) {
      out.put("x-kubernetes-patch-strategy", s.patchStrategy());
    }
    return out;
  }

  /**
   * IntOrString and Quantity are published as upstream does (v3: oneOf the two JSON types); other
   * int-or-string nodes (from custom resources) carry the structural-schema extension.
   */
  private void intOrString(Schema s, ObjectNode out) {
    String name = nameOf(s);
    boolean v3 = dialect == Dialect.V3;
    if (INT_OR_STRING.equals(name)) {
      out.put("format", "int-or-string");
      if (v3) {
        ArrayNode oneOf = out.putArray("oneOf");
        oneOf.addObject().put("type", "integer");
        oneOf.addObject().put("type", "string");
      } else {
        out.put("type", "string");
      }
      return;
    }
    if (QUANTITY.equals(name)) {
      if (v3) {
        ArrayNode oneOf = out.putArray("oneOf");
        oneOf.addObject().put("type", "string");
        oneOf.addObject().put("type", "number");
      } else {
        out.put("type", "string");
      }
      return;
    }
    out.put("x-kubernetes-int-or-string", true);
    if (v3 && (s.validations() == null || s.validations().anyOf.isEmpty())) {
      ArrayNode anyOf = out.putArray("anyOf");
      anyOf.addObject().put("type", "integer");
      anyOf.addObject().put("type", "string");
    }
  }

  private static void enums(Schema s, ObjectNode out) {
    TreeSet<String> seen = new TreeSet<>();
    ArrayNode values = JSON.arrayNode();
    List<List<JsonNode>> sources = s.validations() == null
        ? List.of(s.enumValues()) : List.of(s.enumValues(), s.validations().enumValues);
    for (List<JsonNode> source : sources) {
      for (JsonNode value : source) {
        if (seen.add(value.toString())) {
          values.add(value);
        }
      }
    }
    if (!values.isEmpty()) {
      out.set("enum", values);
    }
  }

  private void validations(Validations v, ObjectNode out) {
    if (v.minimum != null) {
      out.put("minimum", v.minimum);
    }
    if (v.maximum != null) {
      out.put("maximum", v.maximum);
    }
    if (v.exclusiveMinimum) {
      out.put("exclusiveMinimum", true);
    }
    if (v.exclusiveMaximum) {
      out.put("exclusiveMaximum", true);
    }
    if (v.multipleOf != null) {
      out.put("multipleOf", v.multipleOf);
    }
    putLong(out, "minLength", v.minLength);
    putLong(out, "maxLength", v.maxLength);
    if (v.pattern != null) {
      out.put("pattern", v.pattern);
    }
    putLong(out, "minItems", v.minItems);
    putLong(out, "maxItems", v.maxItems);
    if (v.uniqueItems) {
      out.put("uniqueItems", true);
    }
    putLong(out, "minProperties", v.minProperties);
    putLong(out, "maxProperties", v.maxProperties);
    combinator(out, "allOf", v.allOf);
    // Swagger 2.0 has no anyOf/oneOf/not; upstream drops them from the v2 document as well.
    if (dialect == Dialect.V3) {
      combinator(out, "anyOf", v.anyOf);
      combinator(out, "oneOf", v.oneOf);
      if (v.not != null) {
        out.set("not", use(v.not));
      }
    }
    if (!v.celRules.isEmpty()) {
      ArrayNode rules = out.putArray("x-kubernetes-validations");
      v.celRules.forEach(rules::add);
    }
  }

  private void combinator(ObjectNode out, String key, List<Schema> schemas) {
    if (schemas.isEmpty() || (key.equals("anyOf") && out.has("anyOf"))) {
      return;
    }
    ArrayNode array = out.putArray(key);
    for (Schema s : schemas) {
      array.add(use(s));
    }
  }

  private static void putLong(ObjectNode out, String key, Long value) {
    if (value != null) {
      out.put(key, value);
    }
  }

  private static void strings(ArrayNode array, List<String> values) {
    values.forEach(array::add);
  }

  /** Whether a component of this name was referenced; for callers adding well-known components. */
  boolean knows(String name) {
    return canonical.containsKey(Objects.requireNonNull(name));
  }
}
