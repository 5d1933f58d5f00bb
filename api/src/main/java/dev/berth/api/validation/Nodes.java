package dev.berth.api.validation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * Null-tolerant accessors for Jackson trees, with the "unset" semantics of Go API types: a missing field,
 * a JSON null and an empty string all read as unset.
 */
public final class Nodes {

  private Nodes() {}

  public static final JsonNodeFactory FACTORY = JsonNodeFactory.instance;

  /** The field, or null when absent or JSON null. */
  public static JsonNode get(JsonNode parent, String field) {
    if (parent == null || !parent.isObject()) {
      return null;
    }
    JsonNode n = parent.get(field);
    return n == null || n.isNull() ? null : n;
  }

  /** True when the field exists and is not null. */
  public static boolean has(JsonNode parent, String field) {
    return get(parent, field) != null;
  }

  /** The field's text; "" when absent or null. Numbers and booleans read as their JSON text. */
  public static String text(JsonNode parent, String field) {
    JsonNode n = get(parent, field);
    if (n == null) {
      return "";
    }
    if (n.isTextual()) {
      return n.textValue();
    }
    return n.isValueNode() ? n.asText() : "";
  }

  /** The node's text ("" for null/absent/containers). */
  public static String text(JsonNode n) {
    if (n == null || n.isNull()) {
      return "";
    }
    if (n.isTextual()) {
      return n.textValue();
    }
    return n.isValueNode() ? n.asText() : "";
  }

  /** The field as an object, or null when absent or not an object. */
  public static ObjectNode object(JsonNode parent, String field) {
    JsonNode n = get(parent, field);
    return n instanceof ObjectNode o ? o : null;
  }

  /** The field as an array, or null when absent or not an array. */
  public static ArrayNode array(JsonNode parent, String field) {
    JsonNode n = get(parent, field);
    return n instanceof ArrayNode a ? a : null;
  }

  /** The number of elements of an array field, 0 when absent. */
  public static int size(JsonNode parent, String field) {
    JsonNode n = get(parent, field);
    return n == null || !(n.isArray() || n.isObject()) ? 0 : n.size();
  }

  /** The object field, created empty when absent (or replaced when not an object). */
  public static ObjectNode objectOrCreate(ObjectNode parent, String field) {
    JsonNode n = parent.get(field);
    if (n instanceof ObjectNode o) {
      return o;
    }
    return parent.putObject(field);
  }

  /** The field as a long, or {@code fallback} when absent or not integral. */
  public static long longValue(JsonNode parent, String field, long fallback) {
    JsonNode n = get(parent, field);
    return n != null && n.canConvertToLong() && n.isIntegralNumber() ? n.longValue() : fallback;
  }

  /** The field as a boolean ({@code false} when absent). */
  public static boolean bool(JsonNode parent, String field) {
    JsonNode n = get(parent, field);
    return n != null && n.isBoolean() && n.booleanValue();
  }

  /** Sets {@code field} to {@code value} when the field is absent or null. */
  public static void defaultText(ObjectNode o, String field, String value) {
    JsonNode n = o.get(field);
    if (n == null || n.isNull() || (n.isTextual() && n.textValue().isEmpty())) {
      o.put(field, value);
    }
  }

  public static void defaultLong(ObjectNode o, String field, long value) {
    JsonNode n = o.get(field);
    if (n == null || n.isNull()) {
      o.put(field, value);
    }
  }

  public static void defaultBool(ObjectNode o, String field, boolean value) {
    JsonNode n = o.get(field);
    if (n == null || n.isNull()) {
      o.put(field, value);
    }
  }

  /** Visits each element of an array field that is an object, with its index. */
  public static void eachObject(JsonNode parent, String field, BiConsumer<Integer, ObjectNode> visitor) {
    JsonNode a = get(parent, field);
    if (a == null || !a.isArray()) {
      return;
    }
    for (int i = 0; i < a.size(); i++) {
      if (a.get(i) instanceof ObjectNode o) {
        visitor.accept(i, o);
      }
    }
  }

  /** Visits each entry of an object field. */
  public static void eachEntry(JsonNode parent, String field, BiConsumer<String, JsonNode> visitor) {
    JsonNode o = get(parent, field);
    if (o == null || !o.isObject()) {
      return;
    }
    for (Map.Entry<String, JsonNode> e : o.properties()) {
      visitor.accept(e.getKey(), e.getValue());
    }
  }

  /**
   * Semantic equality for "is this field unchanged": absent, null, empty object and empty array are all the
   * same "unset" value, as Go's omitempty makes them; numbers compare by value.
   */
  public static boolean semanticEquals(JsonNode a, JsonNode b) {
    return equal(a, b, false);
  }

  /**
   * Like {@link #semanticEquals} but also treats {@code ""}, {@code 0} and {@code false} as unset, the way a
   * Go struct compares when a client spells out zero values of non-pointer fields. Used where upstream
   * compares whole typed structs (pod spec munging), so that {@code hostNetwork: false} equals its absence.
   */
  public static boolean zeroTolerantEquals(JsonNode a, JsonNode b) {
    return equal(a, b, true);
  }

  private static boolean equal(JsonNode a, JsonNode b, boolean zeroIsUnset) {
    boolean aUnset = zeroIsUnset ? isZero(a) : isUnset(a);
    boolean bUnset = zeroIsUnset ? isZero(b) : isUnset(b);
    if (aUnset || bUnset) {
      return aUnset && bUnset;
    }
    if (a.isNumber() && b.isNumber()) {
      return a.decimalValue().compareTo(b.decimalValue()) == 0;
    }
    if (a.isObject() && b.isObject()) {
      for (Map.Entry<String, JsonNode> e : a.properties()) {
        if (!equal(e.getValue(), b.get(e.getKey()), zeroIsUnset)) {
          return false;
        }
      }
      for (Map.Entry<String, JsonNode> e : b.properties()) {
        if (!a.has(e.getKey()) && !(zeroIsUnset ? isZero(e.getValue()) : isUnset(e.getValue()))) {
          return false;
        }
      }
      return true;
    }
    if (a.isArray() && b.isArray()) {
      if (a.size() != b.size()) {
        return false;
      }
      for (int i = 0; i < a.size(); i++) {
        if (!equal(a.get(i), b.get(i), zeroIsUnset)) {
          return false;
        }
      }
      return true;
    }
    return a.equals(b);
  }

  /** Absent, JSON null, {@code {}} or {@code []}. Empty strings and zeros are values. */
  public static boolean isUnset(JsonNode n) {
    return n == null || n.isNull() || n.isMissingNode()
        || ((n.isObject() || n.isArray()) && n.isEmpty());
  }

  private static boolean isZero(JsonNode n) {
    if (isUnset(n)) {
      return true;
    }
    if (n.isTextual()) {
      return n.textValue().isEmpty();
    }
    if (n.isBoolean()) {
      return !n.booleanValue();
    }
    if (n.isNumber()) {
      return n.decimalValue().signum() == 0;
    }
    return false;
  }

  /** The node or JSON null, for error values that must print as {@code null}. */
  public static JsonNode orNull(JsonNode n) {
    return n == null ? FACTORY.nullNode() : n;
  }
}
