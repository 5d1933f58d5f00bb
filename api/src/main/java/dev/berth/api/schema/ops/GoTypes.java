package dev.berth.api.schema.ops;

import com.fasterxml.jackson.databind.JsonNode;
import dev.berth.api.schema.Schema;

/** How Go's encoding/json names types and values in its decode errors, derived from a Schema. */
final class GoTypes {

  private GoTypes() {}

  /** {@code io.k8s.api.core.v1.PodSpec} becomes {@code v1.PodSpec}, as reflect prints it. */
  static String qualified(String componentName) {
    int last = componentName.lastIndexOf('.');
    if (last < 0) {
      return componentName;
    }
    int prev = componentName.lastIndexOf('.', last - 1);
    return componentName.substring(prev + 1);
  }

  /** The bare struct name ({@code PodSpec}), or "" for an anonymous schema. */
  static String structName(Schema s) {
    if (s == null || s.name() == null) {
      return "";
    }
    String n = s.name();
    return n.substring(n.lastIndexOf('.') + 1);
  }

  static boolean isQuantity(Schema s) {
    return s.name() != null && s.name().endsWith(".Quantity");
  }

  static boolean isTime(Schema s) {
    return s.type() == Schema.Type.STRING
        && ("date-time".equals(s.format()) || (s.name() != null && s.name().endsWith(".Time")));
  }

  /** The Go type a field of this schema has: {@code int32}, {@code []v1.Container}, {@code map[string]string}. */
  static String typeName(Schema s) {
    if (s == null) {
      return "interface {}";
    }
    String format = s.format() == null ? "" : s.format();
    return switch (s.type()) {
      case OBJECT -> s.name() != null ? qualified(s.name())
          : s.isMap() ? "map[string]" + typeName(s.additionalProperties()) : "map[string]interface {}";
      case ARRAY -> "[]" + typeName(s.items());
      case STRING -> "byte".equals(format) ? "[]uint8"
          : s.name() != null ? qualified(s.name()) : "string";
      case INTEGER -> switch (format) {
        case "int32" -> "int32";
        case "int64" -> "int64";
        default -> "int";
      };
      case NUMBER -> "float".equals(format) ? "float32" : "float64";
      case BOOLEAN -> "bool";
      case INT_OR_STRING -> s.name() != null ? qualified(s.name()) : "intstr.IntOrString";
      case ANY -> s.name() != null ? qualified(s.name()) : "interface {}";
    };
  }

  /** How Go names a JSON value in {@code cannot unmarshal <value> into ...}. */
  static String valueName(JsonNode v, boolean withNumberLiteral) {
    if (v.isTextual()) {
      return "string";
    }
    if (v.isBoolean()) {
      return "bool";
    }
    if (v.isArray()) {
      return "array";
    }
    if (v.isObject()) {
      return "object";
    }
    return withNumberLiteral ? "number " + v.asText() : "number";
  }

  /** Whether a JSON number fits a Go integer of the given OpenAPI format. */
  static boolean fitsInteger(JsonNode v, String format) {
    if (!v.isIntegralNumber()) {
      return false;
    }
    if ("int32".equals(format)) {
      return v.canConvertToInt();
    }
    return v.canConvertToLong();
  }
}
