package dev.berth.api.apply;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.berth.api.apply.Shapes.Kind;
import dev.berth.api.schema.Schema;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;

/**
 * Merges an applied configuration into a live object, as structured-merge-diff's TypedValue.Merge:
 * struct fields and granular map entries merge one by one, scalars and atomic values are replaced,
 * associative lists and sets merge element by element. The result is a fresh tree: nothing in it is
 * shared with either input, so callers may mutate it.
 *
 * <p>List order follows upstream: elements only in the live list keep their place, the applied
 * elements appear in the applied order, and an element in both is placed where the applied list
 * puts it relative to its neighbours.
 */
final class Merge {

  private static final JsonNodeFactory F = JsonNodeFactory.instance;

  private Merge() {}

  /** Merges {@code applied} into {@code live} (both whole objects). */
  static ObjectNode merge(Schema schema, ObjectNode live, ObjectNode applied) {
    return (ObjectNode) merge(schema, live, applied, Trail.ROOT);
  }

  private static JsonNode merge(Schema s, JsonNode l, JsonNode r, Trail trail) {
    if (l == null) {
      return r.deepCopy();
    }
    if (r == null) {
      return l.deepCopy();
    }
    Kind k = Shapes.kindOf(s, l, r);
    if (k == Kind.LEAF || (emptyish(l) && emptyish(r))) {
      return r.deepCopy();
    }
    if (k == Kind.MAP) {
      return mergeMap(s, l, r, trail);
    }
    return mergeList(s, k, l, r, trail);
  }

  private static boolean emptyish(JsonNode v) {
    return v.isNull() || (v.isContainerNode() && v.isEmpty());
  }

  private static ObjectNode mergeMap(Schema s, JsonNode l, JsonNode r, Trail trail) {
    ObjectNode out = F.objectNode();
    boolean rObj = r.isObject();
    if (l.isObject()) {
      for (Iterator<Map.Entry<String, JsonNode>> it = l.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        String name = e.getKey();
        JsonNode rv = rObj ? r.get(name) : null;
        out.set(name, merge(Shapes.fieldSchema(s, name), e.getValue(), rv,
            trail.child(PathElement.field(name))));
      }
    }
    if (rObj) {
      for (Iterator<Map.Entry<String, JsonNode>> it = r.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        if (!out.has(e.getKey())) {
          out.set(e.getKey(), e.getValue().deepCopy());
        }
      }
    }
    return out;
  }

  private static ArrayNode mergeList(Schema s, Kind k, JsonNode l, JsonNode r, Trail trail) {
    Schema is = Shapes.itemSchema(s);
    int lLen = l.isArray() ? l.size() : 0;
    int rLen = r.isArray() ? r.size() : 0;
    // Live elements without a usable key are kept where they are; the applied list was validated.
    PathElement[] lp = new PathElement[lLen];
    for (int i = 0; i < lLen; i++) {
      try {
        lp[i] = Shapes.itemElement(k, s, l.get(i));
      } catch (Shapes.BadItem bad) {
        lp[i] = null;
      }
    }
    PathElement[] rp = new PathElement[rLen];
    for (int j = 0; j < rLen; j++) {
      try {
        rp[j] = Shapes.itemElement(k, s, r.get(j));
      } catch (Shapes.BadItem bad) {
        throw new InvalidValueException(trail.error("element " + j + ": " + bad.getMessage()));
      }
    }
    boolean[] lRep = Items.repeated(lp);
    Map<PathElement, Integer> lIdx = Items.index(lp);
    Map<PathElement, Integer> rIdx = Items.index(rp);

    // The applied elements that also exist live, in applied order: the order shared elements take.
    PathElement[] shared = new PathElement[rLen];
    int sharedCount = 0;
    for (int j = 0; j < rLen; j++) {
      if (Items.indexOf(lp, lIdx, rp[j]) >= 0) {
        shared[sharedCount++] = rp[j];
      }
    }
    int nextShared = 0;

    ArrayNode out = F.arrayNode(Math.max(lLen, rLen));
    Set<PathElement> mergedFromApplied = new HashSet<>();
    int li = 0;
    int ri = 0;
    while (li < lLen || ri < rLen) {
      if (li < lLen && ri < rLen) {
        PathElement pe = lp[li];
        if (pe != null && pe.equals(rp[ri])) {
          out.add(merge(is, liveChild(l, lp, lRep, lIdx, pe), r.get(ri), trail.child(pe)));
          mergedFromApplied.add(pe);
          li++;
          ri++;
          nextShared++;
          continue;
        }
        if (pe != null && Items.indexOf(rp, rIdx, pe) >= 0 && nextShared < sharedCount
            && !shared[nextShared].equals(pe)) {
          // A shared element, but not the one whose turn it is: it is placed with its applied twin.
          li++;
          continue;
        }
      }
      if (li < lLen) {
        PathElement pe = lp[li];
        if (pe == null || Items.indexOf(rp, rIdx, pe) < 0) {
          out.add(l.get(li).deepCopy());
          li++;
          continue;
        }
        if (mergedFromApplied.contains(pe)) {
          li++;
          continue;
        }
      }
      if (ri < rLen) {
        PathElement pe = rp[ri];
        mergedFromApplied.add(pe);
        out.add(merge(is, liveChild(l, lp, lRep, lIdx, pe), r.get(ri), trail.child(pe)));
        ri++;
        if (nextShared < sharedCount && shared[nextShared].equals(pe)) {
          nextShared++;
        }
      }
    }
    return out;
  }

  /** The live element for {@code pe}; none when it is absent or repeated (the applied one replaces all). */
  private static JsonNode liveChild(JsonNode l, PathElement[] lp, boolean[] lRep,
      Map<PathElement, Integer> lIdx, PathElement pe) {
    int i = Items.indexOf(lp, lIdx, pe);
    if (i < 0 || (lRep != null && lRep[i])) {
      return null;
    }
    return l.get(i);
  }
}
