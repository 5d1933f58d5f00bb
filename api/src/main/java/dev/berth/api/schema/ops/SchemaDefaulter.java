package dev.berth.api.schema.ops;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.berth.api.schema.Schema;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Structural defaulting (apiextensions-apiserver's schema/defaulting), in place:
 * <ol>
 *   <li>a {@code null} for a field that is not {@code nullable} and has no default is removed (as if
 *       it had not been sent);</li>
 *   <li>every missing field with a {@code default} gets a copy of it, and so does a {@code null} for a
 *       non-nullable field; then defaulting recurses into every field, map value and array item,
 *       including into the defaults just set.</li>
 * </ol>
 * Defaults apply only inside objects that exist: a missing parent is not created. Stateless.
 */
public final class SchemaDefaulter {

  private SchemaDefaulter() {}

  /** Both steps, in upstream's order. */
  public static void apply(JsonNode value, Schema schema) {
    pruneNonNullableNullsWithoutDefaults(value, schema);
    applyDefaults(value, schema);
  }

  /** Removes {@code null}s for fields (and map values) that are neither nullable nor defaulted. */
  public static void pruneNonNullableNullsWithoutDefaults(JsonNode x, Schema s) {
    if (x instanceof ObjectNode obj) {
      for (Iterator<Map.Entry<String, JsonNode>> it = obj.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        Schema field = fieldSchema(e.getKey(), s);
        if (e.getValue().isNull() && field != null && !field.nullable()
            && field.defaultValue() == null) {
          it.remove();
        } else {
          pruneNonNullableNullsWithoutDefaults(e.getValue(), field);
        }
      }
    } else if (x instanceof ArrayNode array) {
      Schema items = s == null ? null : s.items();
      for (JsonNode item : array) {
        pruneNonNullableNullsWithoutDefaults(item, items);
      }
    }
  }

  /** Sets defaults for missing fields and non-nullable nulls, recursively. */
  public static void applyDefaults(JsonNode x, Schema s) {
    if (s == null || x == null) {
      return;
    }
    if (x instanceof ObjectNode obj) {
      for (Map.Entry<String, Schema> p : s.properties().entrySet()) {
        Schema prop = p.getValue();
        if (prop.defaultValue() == null) {
          continue;
        }
        JsonNode current = obj.get(p.getKey());
        if (current == null || (current.isNull() && !prop.nullable())) {
          obj.set(p.getKey(), prop.defaultValue().deepCopy());
        }
      }
      List<String> keys = new ArrayList<>(obj.size());
      obj.fieldNames().forEachRemaining(keys::add);
      for (String key : keys) {
        Schema prop = s.property(key);
        if (prop != null) {
          applyDefaults(obj.get(key), prop);
        } else if (s.additionalProperties() != null) {
          Schema values = s.additionalProperties();
          if (obj.get(key).isNull() && !values.nullable() && values.defaultValue() != null) {
            obj.set(key, values.defaultValue().deepCopy());
          }
          applyDefaults(obj.get(key), values);
        }
      }
    } else if (x instanceof ArrayNode array) {
      Schema items = s.items();
      if (items == null) {
        return;
      }
      for (int i = 0; i < array.size(); i++) {
        if (array.get(i).isNull() && !items.nullable() && items.defaultValue() != null) {
          array.set(i, items.defaultValue().deepCopy());
        }
        applyDefaults(array.get(i), items);
      }
    }
  }

  private static Schema fieldSchema(String key, Schema s) {
    if (s == null) {
      return null;
    }
    Schema p = s.property(key);
    return p != null ? p : s.additionalProperties();
  }
}
