package dev.berth.api.apply;

import com.fasterxml.jackson.databind.JsonNode;
import dev.berth.api.apply.FieldSet.Node;
import dev.berth.api.apply.FieldSet.NodeBuilder;
import dev.berth.api.apply.Shapes.Kind;
import dev.berth.api.schema.Schema;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The fields an object specifies, as structured-merge-diff's TypedValue.ToFieldSet: every scalar and
 * every atomic list or map is a member; an associative-list element and a map entry (but not a struct
 * field) is a member of its own, written {@code ".": {}} when it also has children; a struct field
 * with an object value is only the parent of what it contains.
 */
public final class FieldSets {

  private FieldSets() {}

  /**
   * The fields {@code obj} specifies under {@code schema} (the schema of the whole object).
   *
   * @throws SchemaMismatchException when the object cannot be tracked: an associative-list element
   *     without its keys, duplicate keys or set values, or a field the schema does not declare
   */
  public static FieldSet of(JsonNode obj, Schema schema) {
    List<String> errors = new ArrayList<>();
    FieldSet set = FieldSet.of(walk(schema, obj, Trail.ROOT, errors));
    if (!errors.isEmpty()) {
      throw new SchemaMismatchException(errors);
    }
    return set;
  }

  /**
   * As {@link #of}, but tolerant, for objects already stored: bad list elements are skipped and a
   * repeated key is owned as one opaque element, as upstream tracks duplicates in live objects.
   */
  static FieldSet ofLenient(JsonNode obj, Schema schema) {
    return FieldSet.of(walk(schema, obj, null, null));
  }

  /**
   * The members below value {@code v}. With {@code errors} non-null the walk validates like
   * upstream's ObjectToTyped (the first bad element of a list stops that list, one unknown field
   * stops that object); otherwise problems are skipped.
   */
  private static Node walk(Schema s, JsonNode v, Trail trail, List<String> errors) {
    Kind k = Shapes.kindOf(s, v);
    return switch (k) {
      case LEAF -> null;
      case MAP -> walkMap(s, v, trail, errors);
      case KEYED_LIST, SET_LIST -> walkList(s, k, v, trail, errors);
    };
  }

  private static Node walkMap(Schema s, JsonNode v, Trail trail, List<String> errors) {
    if (v.isNull() || v.isEmpty()) {
      return null;
    }
    boolean strict = errors != null && Shapes.rejectsUnknownFields(s);
    NodeBuilder b = new NodeBuilder(v.size());
    for (Iterator<Map.Entry<String, JsonNode>> it = v.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      String name = e.getKey();
      PathElement pe = PathElement.field(name);
      boolean declared = Shapes.isDeclaredField(s, name);
      if (strict && !declared) {
        errors.add(trail.child(pe).error("field not declared in schema"));
        break;
      }
      Schema fs = Shapes.fieldSchema(s, name);
      JsonNode fv = e.getValue();
      Kind fk = Shapes.kindOf(fs, fv);
      Node sub = fk == Kind.LEAF ? null : walk(fs, fv, trail == null ? null : trail.child(pe), errors);
      b.add(pe, fk == Kind.LEAF || !declared, sub);
    }
    return b.buildSorted();
  }

  private static Node walkList(Schema s, Kind k, JsonNode v, Trail trail, List<String> errors) {
    if (v.isNull() || v.isEmpty()) {
      return null;
    }
    Schema is = Shapes.itemSchema(s);
    int n = v.size();
    PathElement[] pes = new PathElement[n];
    for (int i = 0; i < n; i++) {
      try {
        pes[i] = Shapes.itemElement(k, s, v.get(i));
      } catch (Shapes.BadItem bad) {
        if (errors != null) {
          errors.add(trail.error("element " + i + ": " + bad.getMessage()));
          return null;
        }
      }
    }
    boolean[] repeated = Items.repeated(pes);
    NodeBuilder b = new NodeBuilder(n);
    for (int i = 0; i < n; i++) {
      PathElement pe = pes[i];
      if (pe == null) {
        continue;
      }
      if (repeated != null && repeated[i]) {
        if (errors == null) {
          // Upstream owns a repeated element of a stored object as a whole, without children.
          b.add(pe, true, null);
          continue;
        }
        if (Items.seenBefore(pes, i)) {
          errors.add(trail.error("duplicate entries for key " + pe));
          continue;
        }
      }
      b.add(pe, true, walk(is, v.get(i), trail == null ? null : trail.child(pe), errors));
    }
    return b.buildSorted();
  }

  // ---------------------------------------------------------------------------------------------

  /**
   * Upstream's EnsureNamedFieldsAreMembers: a struct field that has members below it becomes a member
   * itself, so that pruning sees a struct field as owned by whoever owns anything inside it.
   */
  static Node ensureNamedFieldsAreMembers(Node n, Schema s) {
    if (n == null) {
      return null;
    }
    NodeBuilder out = null;
    boolean isStruct = s != null && s.type() == Schema.Type.OBJECT;
    boolean isList = s != null && s.type() == Schema.Type.ARRAY;
    for (int i = 0; i < n.size(); i++) {
      PathElement pe = n.pes[i];
      boolean m = n.member[i];
      Node ch = n.child[i];
      if (ch != null) {
        if (pe instanceof PathElement.Field f) {
          if (isStruct && s.properties().containsKey(f.name())) {
            m = true;
          }
          ch = ensureNamedFieldsAreMembers(ch, isStruct ? Shapes.fieldSchema(s, f.name()) : Shapes.DEDUCED);
        } else if (pe instanceof PathElement.Key && isList) {
          ch = ensureNamedFieldsAreMembers(ch, Shapes.itemSchema(s));
        }
      }
      if (out == null && (m != n.member[i] || ch != n.child[i])) {
        out = new NodeBuilder(n.size());
        for (int j = 0; j < i; j++) {
          out.add(n.pes[j], n.member[j], n.child[j]);
        }
      }
      if (out != null) {
        out.add(pe, m, ch);
      }
    }
    return out == null ? n : out.build();
  }
}
