package dev.berth.api.apply;

import com.fasterxml.jackson.databind.JsonNode;
import dev.berth.api.schema.Schema;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How server-side apply sees a schema node, following kube-openapi's conversion of OpenAPI into
 * structured-merge-diff types: lists are atomic unless {@code x-kubernetes-list-type} (or, failing
 * that, a "merge" patch strategy) says otherwise; objects are granular unless
 * {@code x-kubernetes-map-type: atomic}; nodes without a type, free-form objects and unknown fields
 * are "deduced" (objects granular, lists atomic).
 */
final class Shapes {

  /** The structural role of a node. */
  enum Kind {
    /** A scalar, or a value replaced as a whole (atomic list or map). */
    LEAF,
    /** A struct or a granular map: fields merge and are owned one by one. */
    MAP,
    /** An associative list with key fields ({@code listType: map}). */
    KEYED_LIST,
    /** A list of unique scalars ({@code listType: set}). */
    SET_LIST
  }

  /** The schema of everything nothing describes. Never modified. */
  static final Schema DEDUCED = new Schema(Schema.Type.ANY);

  private Shapes() {}

  /** The kind the schema asks for, or null for deduced nodes (decided by the value). */
  static Kind declaredKind(Schema s) {
    if (s == null) {
      return null;
    }
    return switch (s.type()) {
      case ANY -> null;
      case OBJECT -> "atomic".equals(s.mapType()) ? Kind.LEAF : Kind.MAP;
      case ARRAY -> listKind(s);
      default -> Kind.LEAF;
    };
  }

  private static Kind listKind(Schema s) {
    String lt = s.listType();
    if (lt != null) {
      return switch (lt) {
        case "map" -> s.listMapKeys().isEmpty() ? Kind.SET_LIST : Kind.KEYED_LIST;
        case "set" -> Kind.SET_LIST;
        default -> Kind.LEAF;
      };
    }
    String ps = s.patchStrategy();
    if (ps != null && (ps.equals("merge") || ps.equals("merge,retainKeys"))) {
      return s.patchMergeKey() != null ? Kind.KEYED_LIST : Kind.SET_LIST;
    }
    return Kind.LEAF;
  }

  /**
   * The kind of a present value under schema {@code s}. A value whose JSON type does not fit the
   * schema is a leaf; null counts as an empty map or list.
   */
  static Kind kindOf(Schema s, JsonNode v) {
    Kind k = declaredKind(s);
    if (k == null) {
      return v.isObject() ? Kind.MAP : Kind.LEAF;
    }
    return switch (k) {
      case MAP -> v.isObject() || v.isNull() ? Kind.MAP : Kind.LEAF;
      case KEYED_LIST, SET_LIST -> v.isArray() || v.isNull() ? k : Kind.LEAF;
      case LEAF -> Kind.LEAF;
    };
  }

  /** The common kind of two values (either may be absent), or LEAF when they disagree. */
  static Kind kindOf(Schema s, JsonNode l, JsonNode r) {
    if (l == null) {
      return kindOf(s, r);
    }
    if (r == null) {
      return kindOf(s, l);
    }
    Kind kl = kindOf(s, l);
    Kind kr = kindOf(s, r);
    return kl == kr ? kl : Kind.LEAF;
  }

  /** The schema of field {@code name} of a map-kind node. */
  static Schema fieldSchema(Schema s, String name) {
    if (s == null || s.type() != Schema.Type.OBJECT) {
      return DEDUCED;
    }
    Schema f = s.properties().get(name);
    if (f != null) {
      return f;
    }
    Schema ap = s.additionalProperties();
    return ap != null ? ap : DEDUCED;
  }

  /** A declared struct field: owned through its children, not as an entry of its own. */
  static boolean isDeclaredField(Schema s, String name) {
    return s != null && s.type() == Schema.Type.OBJECT && s.properties().containsKey(name);
  }

  /**
   * Whether an undeclared field is an error: a struct with properties, no additionalProperties and
   * no x-kubernetes-preserve-unknown-fields. (An object with neither properties nor
   * additionalProperties is free-form, as in OpenAPI.)
   */
  static boolean rejectsUnknownFields(Schema s) {
    return s != null && s.type() == Schema.Type.OBJECT && !s.properties().isEmpty()
        && s.additionalProperties() == null && !s.preserveUnknownFields();
  }

  static Schema itemSchema(Schema s) {
    return s == null || s.items() == null ? DEDUCED : s.items();
  }

  static List<String> listKeys(Schema s) {
    if (s.listType() != null) {
      return s.listMapKeys();
    }
    return List.of(s.patchMergeKey());
  }

  /** Why a list element has no path element; the message is upstream's. */
  static final class BadItem extends Exception {
    BadItem(String message) {
      super(message, null, false, false);
    }
  }

  /** The path element of a list item, as upstream's listItemToPathElement. */
  static PathElement itemElement(Kind k, Schema listSchema, JsonNode item) throws BadItem {
    if (k == Kind.SET_LIST) {
      if (item.isObject()) {
        throw new BadItem("associative list without keys has an element that's a map type");
      }
      if (item.isArray()) {
        throw new BadItem("not supported: associative list with lists as elements");
      }
      if (item.isNull()) {
        throw new BadItem("associative list without keys has an element that's an explicit null");
      }
      return PathElement.value(item);
    }
    if (item.isNull()) {
      throw new BadItem("associative list with keys may not have a null element");
    }
    if (!item.isObject()) {
      throw new BadItem("associative list with keys may not have non-map elements");
    }
    List<String> keys = listKeys(listSchema);
    if (keys.size() == 1) {
      String key = keys.get(0);
      JsonNode v = keyValue(listSchema, item, key);
      List<PathElement.Key.KeyField> one = new ArrayList<>(1);
      one.add(new PathElement.Key.KeyField(key, GoJson.normalize(v)));
      return PathElement.Key.sorted(one);
    }
    Map<String, JsonNode> fields = new LinkedHashMap<>();
    for (String key : keys) {
      fields.put(key, keyValue(listSchema, item, key));
    }
    return PathElement.key(fields);
  }

  private static JsonNode keyValue(Schema listSchema, JsonNode item, String key) throws BadItem {
    JsonNode v = item.get(key);
    if (v != null) {
      return v;
    }
    Schema field = itemSchema(listSchema).properties().get(key);
    if (field != null && field.defaultValue() != null) {
      return field.defaultValue();
    }
    throw new BadItem("associative list with keys has an element that omits key field \"" + key
        + "\" (and doesn't have default value)");
  }
}
