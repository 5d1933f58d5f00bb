package dev.berth.api.apply;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.berth.api.apply.FieldSet.Node;
import dev.berth.api.apply.Shapes.Kind;
import dev.berth.api.schema.Schema;

/**
 * Removes the members of a field set from an object, as structured-merge-diff's
 * TypedValue.RemoveItems: a member field, map entry or list element disappears with everything
 * below it; atomic values are never entered.
 *
 * <p>Upstream leaves a null where a map or list loses all its entries, and kube-apiserver then drops
 * that null when it converts the object back to its Go type (or prunes it for custom resources).
 * This walker drops such a field directly, but, like upstream, the map that contained it survives
 * (possibly empty).
 */
final class Remove {

  /** Marks a value that lost all its entries (upstream's nil). */
  private static final JsonNode EMPTIED = MissingNode.getInstance();

  private Remove() {}

  /** {@code obj} without the members of {@code toRemove}; a new tree where something changes. */
  static ObjectNode remove(ObjectNode obj, FieldSet toRemove, Schema schema) {
    if (toRemove.isEmpty()) {
      return obj;
    }
    JsonNode out = removeFromMap(schema, obj, toRemove.root());
    return out == EMPTIED ? JsonNodeFactory.instance.objectNode() : (ObjectNode) out;
  }

  private static JsonNode remove(Schema s, JsonNode v, Node set) {
    return switch (Shapes.kindOf(s, v)) {
      case LEAF -> v;
      case MAP -> removeFromMap(s, v, set);
      case KEYED_LIST, SET_LIST -> removeFromList(s, Shapes.kindOf(s, v), v, set);
    };
  }

  private static JsonNode removeFromMap(Schema s, JsonNode v, Node set) {
    if (!v.isObject() || v.isEmpty()) {
      return v;
    }
    ObjectNode out = null;
    int emptied = 0;
    for (int i = 0; i < set.size(); i++) {
      if (!(set.pes[i] instanceof PathElement.Field f) || !v.has(f.name())) {
        continue;
      }
      String name = f.name();
      JsonNode next;
      if (set.member[i]) {
        next = null;
      } else {
        next = remove(Shapes.fieldSchema(s, name), v.get(name), set.child[i]);
        if (next == v.get(name)) {
          continue;
        }
        if (next == EMPTIED) {
          emptied++;
          next = null;
        }
      }
      if (out == null) {
        // A shallow copy: the untouched entries are shared with the input.
        out = JsonNodeFactory.instance.objectNode();
        out.setAll((ObjectNode) v);
      }
      if (next == null) {
        out.remove(name);
      } else {
        out.set(name, next);
      }
    }
    if (out == null) {
      return v;
    }
    // Upstream keeps a map while anything, even an emptied entry, is left in it.
    return out.isEmpty() && emptied == 0 ? EMPTIED : out;
  }

  private static JsonNode removeFromList(Schema s, Kind k, JsonNode v, Node set) {
    if (!v.isArray() || v.isEmpty()) {
      return v;
    }
    Schema is = Shapes.itemSchema(s);
    ArrayNode out = null;
    for (int i = 0; i < v.size(); i++) {
      JsonNode item = v.get(i);
      JsonNode next = item;
      PathElement pe;
      try {
        pe = Shapes.itemElement(k, s, item);
      } catch (Shapes.BadItem bad) {
        pe = null;
      }
      int idx = pe == null ? -1 : set.find(pe);
      if (idx >= 0) {
        if (set.member[idx]) {
          next = null;
        } else if (set.child[idx] != null) {
          next = remove(is, item, set.child[idx]);
          if (next == EMPTIED) {
            next = null;
          }
        }
      }
      if (next != item && out == null) {
        out = JsonNodeFactory.instance.arrayNode(v.size());
        for (int j = 0; j < i; j++) {
          out.add(v.get(j));
        }
      }
      if (out != null && next != null) {
        out.add(next);
      }
    }
    if (out == null) {
      return v;
    }
    return out.isEmpty() ? EMPTIED : out;
  }
}
