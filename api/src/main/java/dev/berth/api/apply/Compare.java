package dev.berth.api.apply;

import com.fasterxml.jackson.databind.JsonNode;
import dev.berth.api.apply.FieldSet.Node;
import dev.berth.api.apply.FieldSet.NodeBuilder;
import dev.berth.api.apply.Shapes.Kind;
import dev.berth.api.schema.Schema;
import java.util.Iterator;
import java.util.Map;

/**
 * The fields added, modified and removed between two versions of an object, as
 * structured-merge-diff's TypedValue.Compare: scalars and atomic values are compared by value; a
 * struct, map entry or list element that appears or disappears is itself added or removed (and so
 * is everything below it); list elements are matched by key, so reordering is not a change.
 *
 * <p>Both objects are walked together once; equal subtrees are skipped with one equality check, which
 * keeps the per-write cost proportional to what changed rather than to the object's size.
 * {@code metadata.managedFields} is never compared.
 */
final class Compare {

  /** The three sets of a comparison. */
  record Result(FieldSet added, FieldSet modified, FieldSet removed) {

    boolean isEmpty() {
      return added.isEmpty() && modified.isEmpty() && removed.isEmpty();
    }

    /** This comparison without {@code fields} and anything below them. */
    Result excluding(FieldSet fields) {
      if (fields.isEmpty()) {
        return this;
      }
      return new Result(added.recursiveDifference(fields), modified.recursiveDifference(fields),
          removed.recursiveDifference(fields));
    }
  }

  /** The entries one level of the three result tries gets, created on first use. */
  private static final class Acc {
    NodeBuilder added;
    NodeBuilder modified;
    NodeBuilder removed;

    void added(PathElement pe, boolean member, Node child) {
      if (member || child != null) {
        if (added == null) {
          added = new NodeBuilder(4);
        }
        added.add(pe, member, child);
      }
    }

    void modified(PathElement pe, boolean member, Node child) {
      if (member || child != null) {
        if (modified == null) {
          modified = new NodeBuilder(4);
        }
        modified.add(pe, member, child);
      }
    }

    void removed(PathElement pe, boolean member, Node child) {
      if (member || child != null) {
        if (removed == null) {
          removed = new NodeBuilder(4);
        }
        removed.add(pe, member, child);
      }
    }

    static Node build(NodeBuilder b) {
      return b == null ? null : b.buildSorted();
    }
  }

  private Compare() {}

  /**
   * Compares two whole objects; {@code before} null means the object did not exist.
   *
   * @throws InvalidValueException when a list element has no usable key
   */
  static Result compare(JsonNode before, JsonNode after, Schema schema) {
    Acc root = new Acc();
    compareMap(schema, before, after, root, Trail.ROOT, Level.ROOT);
    return new Result(FieldSet.of(Acc.build(root.added)), FieldSet.of(Acc.build(root.modified)),
        FieldSet.of(Acc.build(root.removed)));
  }

  private static void compare(Schema s, JsonNode l, JsonNode r, PathElement pe, Acc parent,
      Trail trail, boolean isMetadata) {
    if (l != null && r != null && l.equals(r)) {
      return;
    }
    Kind k = Shapes.kindOf(s, l, r);
    if (k == Kind.LEAF || (emptyish(l) && emptyish(r))) {
      if (l == null) {
        parent.added(pe, true, null);
      } else if (r == null) {
        parent.removed(pe, true, null);
      } else if (!GoJson.equalValues(l, r)) {
        parent.modified(pe, true, null);
      }
      return;
    }
    Acc mine = new Acc();
    Trail here = trail.child(pe);
    if (k == Kind.MAP) {
      compareMap(s, l, r, mine, here, isMetadata ? Level.METADATA : Level.OTHER);
    } else {
      compareList(s, k, l, r, mine, here);
    }
    parent.added(pe, l == null, Acc.build(mine.added));
    parent.modified(pe, false, Acc.build(mine.modified));
    parent.removed(pe, r == null, Acc.build(mine.removed));
  }

  private static boolean emptyish(JsonNode v) {
    return v == null || v.isNull() || (v.isContainerNode() && v.isEmpty());
  }

  /** Where a map sits: the root, the root's metadata (whose managedFields are skipped), elsewhere. */
  private enum Level { ROOT, METADATA, OTHER }

  /** Compares the fields of two maps (either may be absent or null). */
  private static void compareMap(Schema s, JsonNode l, JsonNode r, Acc acc, Trail trail, Level level) {
    boolean lObj = l != null && l.isObject();
    boolean rObj = r != null && r.isObject();
    if (lObj) {
      for (Iterator<Map.Entry<String, JsonNode>> it = l.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        String name = e.getKey();
        if (level == Level.METADATA && name.equals("managedFields")) {
          continue;
        }
        JsonNode lv = e.getValue();
        JsonNode rv = rObj ? r.get(name) : null;
        if (rv != null && lv.equals(rv)) {
          continue;
        }
        compare(Shapes.fieldSchema(s, name), lv, rv, PathElement.field(name), acc, trail,
            level == Level.ROOT && name.equals("metadata"));
      }
    }
    if (rObj) {
      for (Iterator<Map.Entry<String, JsonNode>> it = r.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        String name = e.getKey();
        if ((lObj && l.has(name)) || (level == Level.METADATA && name.equals("managedFields"))) {
          continue;
        }
        compare(Shapes.fieldSchema(s, name), null, e.getValue(), PathElement.field(name), acc, trail,
            level == Level.ROOT && name.equals("metadata"));
      }
    }
  }

  private static void compareList(Schema s, Kind k, JsonNode l, JsonNode r, Acc acc, Trail trail) {
    Schema is = Shapes.itemSchema(s);
    PathElement[] lp = elements(k, s, l, trail);
    PathElement[] rp = elements(k, s, r, trail);
    boolean[] lRep = Items.repeated(lp);
    boolean[] rRep = Items.repeated(rp);
    Map<PathElement, Integer> lIdx = Items.index(lp);
    Map<PathElement, Integer> rIdx = Items.index(rp);
    for (int i = 0; i < lp.length; i++) {
      PathElement pe = lp[i];
      boolean lDup = lRep != null && lRep[i];
      if (lDup && Items.seenBefore(lp, i)) {
        continue;
      }
      int j = Items.indexOf(rp, rIdx, pe);
      boolean rDup = j >= 0 && rRep != null && rRep[j];
      JsonNode rItem = j >= 0 ? r.get(j) : null;
      if (!lDup && !rDup) {
        compare(is, l.get(i), rItem, pe, acc, trail, false);
      } else if (lDup && rDup) {
        if (!sameOccurrences(l, lp, r, rp, pe)) {
          acc.modified(pe, true, null);
        }
      } else if (lDup) {
        if (rItem != null) {
          compare(is, null, rItem, pe, acc, trail, false);
        }
        acc.removed(pe, true, null);
      } else {
        compare(is, l.get(i), null, pe, acc, trail, false);
        acc.added(pe, true, null);
      }
    }
    for (int j = 0; j < rp.length; j++) {
      PathElement pe = rp[j];
      boolean rDup = rRep != null && rRep[j];
      if ((rDup && Items.seenBefore(rp, j)) || Items.indexOf(lp, lIdx, pe) >= 0) {
        continue;
      }
      if (rDup) {
        acc.added(pe, true, null);
      } else {
        compare(is, null, r.get(j), pe, acc, trail, false);
      }
    }
  }

  private static PathElement[] elements(Kind k, Schema s, JsonNode list, Trail trail) {
    if (list == null || !list.isArray()) {
      return new PathElement[0];
    }
    PathElement[] out = new PathElement[list.size()];
    for (int i = 0; i < out.length; i++) {
      try {
        out[i] = Shapes.itemElement(k, s, list.get(i));
      } catch (Shapes.BadItem bad) {
        throw new InvalidValueException(trail.error("element " + i + ": " + bad.getMessage()));
      }
    }
    return out;
  }

  private static boolean sameOccurrences(JsonNode l, PathElement[] lp, JsonNode r, PathElement[] rp,
      PathElement pe) {
    int i = 0;
    int j = 0;
    while (true) {
      while (i < lp.length && !pe.equals(lp[i])) {
        i++;
      }
      while (j < rp.length && !pe.equals(rp[j])) {
        j++;
      }
      if (i == lp.length || j == rp.length) {
        return i == lp.length && j == rp.length;
      }
      if (!GoJson.equalValues(l.get(i), r.get(j))) {
        return false;
      }
      i++;
      j++;
    }
  }
}
