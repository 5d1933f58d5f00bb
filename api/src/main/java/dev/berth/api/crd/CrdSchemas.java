package dev.berth.api.crd;

import com.fasterxml.jackson.databind.JsonNode;
import dev.berth.api.schema.Schema;
import dev.berth.api.schema.Schema.Type;
import dev.berth.api.schema.Validations;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Turns a CRD version's {@code openAPIV3Schema} (JSONSchemaProps as JSON) into the shared
 * {@link Schema}: shape (type, properties, items, additionalProperties), the Kubernetes extensions
 * ({@code x-kubernetes-preserve-unknown-fields}, {@code -embedded-resource}, {@code -int-or-string},
 * {@code -list-type}, {@code -list-map-keys}, {@code -map-type}), {@code default}, {@code enum},
 * {@code nullable}, and every value constraint including allOf/anyOf/oneOf/not into
 * {@link Validations}. {@code x-kubernetes-validations} rules are kept raw for CEL admission.
 *
 * <p>Call on schemas that passed {@link CrdValidation}; anything unstructural is mapped leniently
 * (a missing type becomes {@link Type#ANY}).
 */
public final class CrdSchemas {

  private CrdSchemas() {}

  /** The schema of one CRD version; null input gives null (no schema). */
  public static Schema toSchema(JsonNode openAPIV3Schema) {
    if (openAPIV3Schema == null || openAPIV3Schema.isNull() || !openAPIV3Schema.isObject()) {
      return null;
    }
    return convert(openAPIV3Schema);
  }

  /**
   * The schema of the named version of a CRD ({@code spec.versions[name].schema.openAPIV3Schema});
   * null when the version or its schema does not exist.
   */
  public static Schema forVersion(JsonNode crd, String version) {
    for (JsonNode v : crd.path("spec").path("versions")) {
      if (version.equals(v.path("name").asText())) {
        return toSchema(v.path("schema").get("openAPIV3Schema"));
      }
    }
    return null;
  }

  private static Schema convert(JsonNode p) {
    Schema s = new Schema(type(p));
    text(p, "description").ifPresent(s::description);
    text(p, "format").ifPresent(s::format);
    s.nullable(p.path("nullable").asBoolean(false));
    s.preserveUnknownFields(p.path("x-kubernetes-preserve-unknown-fields").asBoolean(false));
    s.embeddedResource(p.path("x-kubernetes-embedded-resource").asBoolean(false));
    text(p, "x-kubernetes-list-type").ifPresent(s::listType);
    text(p, "x-kubernetes-map-type").ifPresent(s::mapType);
    List<String> keys = strings(p.get("x-kubernetes-list-map-keys"));
    if (!keys.isEmpty()) {
      s.listMapKeys(keys);
    }
    if (p.has("default")) {
      s.defaultValue(p.get("default").deepCopy());
    }
    for (JsonNode e : p.path("enum")) {
      s.enumValues().add(e.deepCopy());
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = p.path("properties").fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      if (e.getValue().isObject()) {
        s.property(e.getKey(), convert(e.getValue()));
      }
    }
    for (String r : strings(p.get("required"))) {
      s.require(r);
    }
    JsonNode items = p.get("items");
    if (items != null && items.isObject()) {
      s.items(convert(items));
    }
    JsonNode additional = p.get("additionalProperties");
    if (additional != null) {
      if (additional.isObject()) {
        s.additionalProperties(convert(additional));
      } else if (additional.asBoolean(false)) {
        // "additionalProperties: true": values of any shape (objects among them are pruned empty,
        // as upstream's nil value schema prunes them)
        s.additionalProperties(new Schema(Type.ANY));
      }
    }
    Validations v = validations(p);
    if (v != null) {
      s.validations(v);
    }
    return s;
  }

  private static Type type(JsonNode p) {
    if (p.path("x-kubernetes-int-or-string").asBoolean(false)) {
      return Type.INT_OR_STRING;
    }
    return switch (p.path("type").asText("")) {
      case "object" -> Type.OBJECT;
      case "array" -> Type.ARRAY;
      case "string" -> Type.STRING;
      case "integer" -> Type.INTEGER;
      case "number" -> Type.NUMBER;
      case "boolean" -> Type.BOOLEAN;
      default -> Type.ANY;
    };
  }

  private static Validations validations(JsonNode p) {
    Validations v = new Validations();
    boolean any = false;
    if (p.path("minimum").isNumber()) {
      v.minimum = p.get("minimum").doubleValue();
      any = true;
    }
    if (p.path("maximum").isNumber()) {
      v.maximum = p.get("maximum").doubleValue();
      any = true;
    }
    if (p.path("exclusiveMinimum").asBoolean(false)) {
      v.exclusiveMinimum = true;
      any = true;
    }
    if (p.path("exclusiveMaximum").asBoolean(false)) {
      v.exclusiveMaximum = true;
      any = true;
    }
    if (p.path("multipleOf").isNumber()) {
      v.multipleOf = p.get("multipleOf").doubleValue();
      any = true;
    }
    v.minLength = count(p, "minLength");
    v.maxLength = count(p, "maxLength");
    v.minItems = count(p, "minItems");
    v.maxItems = count(p, "maxItems");
    v.minProperties = count(p, "minProperties");
    v.maxProperties = count(p, "maxProperties");
    any |= v.minLength != null || v.maxLength != null || v.minItems != null || v.maxItems != null
        || v.minProperties != null || v.maxProperties != null;
    if (p.path("pattern").isTextual()) {
      v.pattern = p.get("pattern").textValue();
      any = true;
    }
    if (p.path("uniqueItems").asBoolean(false)) {
      v.uniqueItems = true;
      any = true;
    }
    any |= subschemas(p.get("allOf"), v.allOf);
    any |= subschemas(p.get("anyOf"), v.anyOf);
    any |= subschemas(p.get("oneOf"), v.oneOf);
    if (p.path("not").isObject()) {
      v.not = convert(p.get("not"));
      any = true;
    }
    for (JsonNode rule : p.path("x-kubernetes-validations")) {
      v.celRules.add(rule.deepCopy());
      any = true;
    }
    return any ? v : null;
  }

  private static boolean subschemas(JsonNode list, List<Schema> into) {
    if (list == null || !list.isArray()) {
      return false;
    }
    for (JsonNode sub : list) {
      if (sub.isObject()) {
        into.add(convert(sub));
      }
    }
    return !into.isEmpty();
  }

  private static Long count(JsonNode p, String field) {
    JsonNode n = p.get(field);
    return n != null && n.isIntegralNumber() ? n.longValue() : null;
  }

  private static Optional<String> text(JsonNode p, String field) {
    JsonNode n = p.get(field);
    return n != null && n.isTextual() ? Optional.of(n.textValue()) : Optional.empty();
  }

  private static List<String> strings(JsonNode list) {
    List<String> out = new ArrayList<>();
    if (list != null) {
      for (JsonNode n : list) {
        if (n.isTextual()) {
          out.add(n.textValue());
        }
      }
    }
    return out;
  }
}
