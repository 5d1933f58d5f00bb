package dev.berth.api.patch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.berth.api.schema.Schema;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The server side of {@code application/strategic-merge-patch+json}, with the semantics of upstream
 * {@code k8s.io/apimachinery/pkg/util/strategicpatch} ({@code StrategicMergeMapPatch}), driven by
 * {@link Schema} metadata instead of Go struct tags.
 *
 * <h2>Semantics</h2>
 * <ul>
 *   <li>Maps merge recursively; a {@code null} member deletes. Scalars and values of a different JSON
 *       type replace.
 *   <li>A list whose field has {@code patchStrategy} {@code merge} merges: lists of objects element-wise
 *       by {@link Schema#patchMergeKey()} (every element must carry it), lists of scalars as a union. Any
 *       other list is replaced.
 *   <li>Merged lists are ordered as upstream orders them: patch elements in patch order, the server's
 *       other elements interleaved where they were, and {@code $setElementOrder/<field>} (which kubectl
 *       sends on every apply and edit) overriding both.
 *   <li>Directives: {@code $patch: replace|delete} on maps and inside merging lists,
 *       {@code $retainKeys}, {@code $setElementOrder/<field>}, {@code $deleteFromPrimitiveList/<field>}
 *       (which deletes from any list, whatever its strategy).
 *   <li>Where the schema says nothing — a field it does not know, a null schema, a
 *       preserve-unknown-fields subtree — there is no patch strategy: maps still merge, lists are
 *       replaced, directives still apply (upstream's lookup without metadata).
 *   <li>A value taken from the patch whole (a new field, a replaced list, an appended element) loses its
 *       {@code null} members and directive keys, which is what upstream's round trip through the typed
 *       object leaves of it; a new field whose value carries {@code $patch} is dropped, as upstream does.
 * </ul>
 *
 * <h2>Refusals</h2>
 * As kube-apiserver's {@code interpretStrategicMergePatchError}:
 * <ul>
 *   <li>400 BadRequest: a body that is not an object, malformed {@code $retainKeys},
 *       {@code $setElementOrder/} or {@code $deleteFromPrimitiveList/} directives, a patch key missing
 *       from its {@code $retainKeys} list.
 *   <li>422 Invalid: lists of lists.
 *   <li>500 with no reason and the raw message — upstream passes these through unclassified: a list
 *       element without its merge key ({@code map: map[...] does not contain declared merge key: name}),
 *       an unknown {@code $patch} value (including {@code merge}), a {@code $setElementOrder} list that
 *       contradicts the patch's order, list elements of different types.
 * </ul>
 *
 * <p>Inputs are never mutated. Cost: one copy of the original, plus copies of the (small) patch values
 * taken into the result; lookups of merge keys are hash based.
 */
public final class StrategicMergePatch {

  static final String DIRECTIVE = "$patch";
  static final String RETAIN_KEYS = "$retainKeys";
  static final String SET_ELEMENT_ORDER = "$setElementOrder";
  static final String DELETE_FROM_PRIMITIVE_LIST = "$deleteFromPrimitiveList";

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  /** Identity of JSON null in key comparisons. */
  private static final Object NULL_IDENTITY = new Object();

  private StrategicMergePatch() {}

  /**
   * Applies {@code patch} to a copy of {@code original} (a missing or non-object original counts as
   * {@code {}}) under {@code schema}, the schema of the whole object (null: no patch metadata at all).
   * A JSON-null patch changes nothing, as upstream.
   *
   * @throws dev.berth.api.status.ApiException as described in the class documentation
   */
  public static ObjectNode apply(JsonNode original, JsonNode patch, Schema schema) {
    ObjectNode checked = requireObjectPatch(patch);
    ObjectNode target = original != null && original.isObject()
        ? ((ObjectNode) original).deepCopy() : NODES.objectNode();
    return checked == null ? target : mergeMap(target, checked, schema);
  }

  /**
   * Like {@link #apply} but mutates {@code target}, for callers that already own a private copy. Returns
   * the result: {@code target} itself unless a top-level {@code $patch} replaces the whole object. After
   * a failure {@code target} may be partly patched.
   */
  public static ObjectNode applyInPlace(ObjectNode target, JsonNode patch, Schema schema) {
    ObjectNode checked = requireObjectPatch(patch);
    return checked == null ? target : mergeMap(target, checked, schema);
  }

  private static ObjectNode requireObjectPatch(JsonNode patch) {
    if (patch == null || patch.isNull() || patch.isMissingNode()) {
      return null;
    }
    if (!patch.isObject()) {
      throw PatchErrors.badRequest(PatchErrors.notAnObjectMessage(patch));
    }
    return (ObjectNode) patch;
  }

  // ---------------------------------------------------------------------------------------------
  // maps

  /** Merges {@code patch} into {@code target} (owned, mutated) and returns the result. */
  private static ObjectNode mergeMap(ObjectNode target, ObjectNode patch, Schema schema) {
    JsonNode directive = patch.get(DIRECTIVE);
    if (directive != null) {
      String d = directive.textValue();
      if ("replace".equals(d)) {
        return (ObjectNode) scrub(patch);
      } else if ("delete".equals(d)) {
        return NODES.objectNode();
      }
      throw unknownPatchType(directive, patch);
    }
    JsonNode retainKeys = patch.get(RETAIN_KEYS);
    if (retainKeys != null) {
      applyRetainKeys(target, patch, retainKeys);
    }
    Set<String> orderedLists = null;
    for (Map.Entry<String, JsonNode> e : patch.properties()) {
      if (e.getKey().startsWith(SET_ELEMENT_ORDER)) {
        String listKey = applySetElementOrder(target, patch, e.getKey(), e.getValue(), schema);
        if (listKey != null) {
          if (orderedLists == null) {
            orderedLists = new HashSet<>(4);
          }
          orderedLists.add(listKey);
        }
      }
    }
    for (Map.Entry<String, JsonNode> e : patch.properties()) {
      String key = e.getKey();
      if (key.equals(RETAIN_KEYS) || key.startsWith(SET_ELEMENT_ORDER)
          || (orderedLists != null && orderedLists.contains(key))) {
        continue;
      }
      mergeField(target, key, e.getValue(), schema);
    }
    return target;
  }

  private static void mergeField(ObjectNode target, String patchKey, JsonNode value, Schema schema) {
    String key = patchKey;
    boolean deleteList = false;
    if (patchKey.startsWith(DELETE_FROM_PRIMITIVE_LIST)) {
      key = extractKey(patchKey, DELETE_FROM_PRIMITIVE_LIST, "invalid patch format of primitive list");
      deleteList = true;
    }
    if (value.isNull()) {
      target.remove(key);
      return;
    }
    JsonNode current = target.get(key);
    if (current == null || kind(current) != kind(value)) {
      // a deletion list has nothing to delete from here
      if (!deleteList) {
        JsonNode adopted = adopt(value);
        if (adopted == null) {
          target.remove(key);
        } else {
          target.set(key, adopted);
        }
      }
      return;
    }
    if (value.isObject()) {
      Meta meta = lookup(schema, key);
      target.set(key, "replace".equals(meta.strategy)
          ? scrub(value) : mergeMap((ObjectNode) current, (ObjectNode) value, meta.field));
    } else if (value.isArray()) {
      target.set(key, mergeList((ArrayNode) current, (ArrayNode) value, lookup(schema, key), deleteList));
    } else {
      target.set(key, value); // value nodes are immutable: sharing is safe
    }
  }

  private static void applyRetainKeys(ObjectNode target, ObjectNode patch, JsonNode retainKeys) {
    if (!retainKeys.isArray()) {
      throw PatchErrors.badRequest("invalid patch format of retainKeys");
    }
    List<String> retained = new ArrayList<>(retainKeys.size());
    for (JsonNode k : retainKeys) {
      if (k.isTextual()) {
        retained.add(k.textValue());
      }
    }
    for (Map.Entry<String, JsonNode> e : patch.properties()) {
      String k = e.getKey();
      if (k.equals(RETAIN_KEYS) || e.getValue().isNull() || k.startsWith(DELETE_FROM_PRIMITIVE_LIST)
          || k.startsWith(SET_ELEMENT_ORDER)) {
        continue;
      }
      if (!retained.contains(k)) {
        throw PatchErrors.badRequest("invalid patch format of retainKeys");
      }
    }
    target.retain(retained);
  }

  /**
   * Handles {@code $setElementOrder/<list>} and its list together: merges the list, then orders it by the
   * directive. Returns the list's key when the list was handled here, so the main loop skips it.
   */
  private static String applySetElementOrder(ObjectNode target, ObjectNode patch, String directiveKey,
      JsonNode order, Schema schema) {
    String listKey = extractKey(directiveKey, SET_ELEMENT_ORDER, "invalid patch format of setElementOrder list");
    if (!order.isArray()) {
      throw PatchErrors.unclassified(badArgType("[]interface {}", order));
    }
    JsonNode original = target.get(listKey);
    JsonNode patchList = patch.get(listKey);
    if (original != null && !original.isArray()) {
      throw PatchErrors.unclassified(badArgType("[]interface {}", original));
    }
    if (patchList != null && !patchList.isArray()) {
      throw PatchErrors.unclassified(badArgType("[]interface {}", patchList));
    }
    Meta meta = lookup(schema, listKey);
    String mergeKey = meta.mergeKey;
    validateAgainstOrder((ArrayNode) patchList, (ArrayNode) order, mergeKey);
    if (original == null && patchList == null) {
      return null;
    }
    ArrayNode originalList = original == null ? NODES.arrayNode(0) : (ArrayNode) original;
    Kind kind = elementKind(originalList, patchList == null ? NODES.arrayNode(0) : (ArrayNode) patchList);
    Map<Object, Integer> serverIndex = firstIndexTolerant(originalList, mergeKey);
    ArrayNode merged;
    if (patchList == null) {
      merged = originalList;
    } else if (original == null) {
      merged = (ArrayNode) adopt(patchList);
    } else {
      merged = mergeList(originalList, (ArrayNode) patchList, meta, false);
    }
    if (merged.isEmpty() || kind == null) {
      target.set(listKey, merged);
      return listKey;
    }

    boolean byKey = !mergeKey.isEmpty();
    Map<Object, Integer> orderIndex = new HashMap<>(order.size() * 2);
    for (int i = 0; i < order.size(); i++) {
      JsonNode o = order.get(i);
      if (byKey) {
        if (!o.isObject()) {
          throw PatchErrors.unclassified("value for key " + i + " is not a map");
        }
        orderIndex.putIfAbsent(identity(requireMergeKey(o, mergeKey)), i);
      } else {
        orderIndex.putIfAbsent(identity(o), i);
      }
    }
    List<Keyed> inOrder = new ArrayList<>(merged.size());
    List<Keyed> serverOnly = new ArrayList<>();
    for (JsonNode el : merged) {
      if (byKey && !el.isObject()) {
        throw PatchErrors.unclassified(badArgType("map[string]interface {}", el));
      }
      Object id = identity(byKey ? requireMergeKey(el, mergeKey) : el);
      Integer at = orderIndex.get(id);
      if (at != null) {
        inOrder.add(new Keyed(el, id, at));
      } else {
        serverOnly.add(new Keyed(el, id, serverIndex.getOrDefault(id, Integer.MAX_VALUE)));
      }
    }
    target.set(listKey, interleave(serverOnly, inOrder, serverIndex));
    return listKey;
  }

  /**
   * Upstream's check that the patch list's elements appear in the {@code $setElementOrder} list in the
   * same relative order (deletions and other directive elements aside).
   */
  private static void validateAgainstOrder(ArrayNode patchList, ArrayNode order, String mergeKey) {
    if (patchList == null || patchList.isEmpty() || order.isEmpty()) {
      return;
    }
    List<JsonNode> items = new ArrayList<>(patchList.size());
    for (JsonNode el : patchList) {
      if (!mergeKey.isEmpty()) {
        if (!el.isObject()) {
          throw PatchErrors.unclassified(badArgType("map[string]interface {}", el));
        }
        JsonNode d = el.get(DIRECTIVE);
        if (d != null && "delete".equals(d.textValue())) {
          continue;
        }
      }
      items.add(el);
    }
    int p = 0;
    int o = 0;
    while (p < items.size() && o < order.size()) {
      JsonNode item = items.get(p);
      if (item.isObject() && item.has(DIRECTIVE)) {
        p++;
        continue;
      }
      if (sameKey(item, order.get(o), mergeKey)) {
        p++;
      }
      o++;
    }
    if (p < items.size()) {
      throw PatchErrors.unclassified("The order in patch list:\n" + PatchErrors.go(patchList)
          + "\n doesn't match " + SET_ELEMENT_ORDER + " list:\n" + PatchErrors.go(order) + "\n");
    }
  }

  private static boolean sameKey(JsonNode left, JsonNode right, String mergeKey) {
    if (mergeKey.isEmpty()) {
      return identity(left).equals(identity(right));
    }
    if (!left.isObject()) {
      throw PatchErrors.unclassified(badArgType("map[string]interface {}", left));
    }
    if (!right.isObject()) {
      throw PatchErrors.unclassified(badArgType("map[string]interface {}", right));
    }
    return identity(requireMergeKey(left, mergeKey)).equals(identity(requireMergeKey(right, mergeKey)));
  }

  // ---------------------------------------------------------------------------------------------
  // lists

  private static ArrayNode mergeList(ArrayNode current, ArrayNode patch, Meta meta, boolean deleteList) {
    if ("merge".equals(meta.strategy) || deleteList) {
      return mergeSlice(current, patch, meta.items(), meta.mergeKey, deleteList);
    }
    return (ArrayNode) scrub(patch);
  }

  private static ArrayNode mergeSlice(ArrayNode current, ArrayNode patch, Schema items, String mergeKey,
      boolean deleteList) {
    if (current.isEmpty() && patch.isEmpty()) {
      return current;
    }
    Kind kind = elementKind(current, patch);
    if (kind != Kind.OBJECT) {
      return deleteList ? deleteFromScalars(current, patch) : unionOfScalars(current, patch);
    }
    if (mergeKey.isEmpty()) {
      throw PatchErrors.unclassified("cannot merge lists without merge key for "
          + (items != null && items.name() != null ? items.name() : "struct"));
    }

    // directive elements first: deletions apply to the server's list, replace discards it
    List<ObjectNode> plain = new ArrayList<>(patch.size());
    boolean replace = false;
    for (JsonNode el : patch) {
      ObjectNode element = (ObjectNode) el;
      JsonNode directive = element.get(DIRECTIVE);
      if (directive == null) {
        plain.add(element);
        continue;
      }
      String d = directive.textValue();
      if ("delete".equals(d)) {
        removeMatching(current, mergeKey, identity(requireMergeKey(element, mergeKey)));
      } else if ("replace".equals(d)) {
        replace = true;
      } else if ("merge".equals(d)) {
        throw PatchErrors.unclassified("merging lists cannot yet be specified in the patch");
      } else {
        throw unknownPatchType(directive, element);
      }
    }
    if (replace) {
      ArrayNode out = NODES.arrayNode(plain.size());
      for (ObjectNode element : plain) {
        requireMergeKey(element, mergeKey);
        out.add(scrub(element));
      }
      return out;
    }

    // element-wise merge by key; the first server element with the key wins, new ones are appended
    int serverSize = current.size();
    Map<Object, Integer> index = firstIndexTolerant(current, mergeKey);
    Map<Object, Integer> patchIndex = new HashMap<>(plain.size() * 2);
    for (ObjectNode element : plain) {
      Object id = identity(requireMergeKey(element, mergeKey));
      patchIndex.putIfAbsent(id, patchIndex.size());
      Integer at = index.get(id);
      if (at != null) {
        current.set(at, mergeMap((ObjectNode) current.get(at), element, items));
      } else {
        index.put(id, current.size());
        current.add(scrub(element));
      }
    }

    // order: patch elements in patch order, the others where the server had them
    List<Keyed> fromPatch = new ArrayList<>(plain.size());
    List<Keyed> serverOnly = new ArrayList<>(serverSize);
    Map<Object, Integer> serverIndex = new HashMap<>(serverSize * 2);
    index.forEach((id, at) -> {
      if (at < serverSize) {
        serverIndex.put(id, at);
      }
    });
    for (JsonNode el : current) {
      Object id = identity(requireMergeKey(el, mergeKey));
      Integer p = patchIndex.get(id);
      if (p != null) {
        fromPatch.add(new Keyed(el, id, p));
      } else {
        serverOnly.add(new Keyed(el, id, serverIndex.getOrDefault(id, Integer.MAX_VALUE)));
      }
    }
    return interleave(serverOnly, fromPatch, serverIndex);
  }

  /** A union of scalar lists, ordered like merged lists of objects; duplicates collapse. */
  private static ArrayNode unionOfScalars(ArrayNode current, ArrayNode patch) {
    Map<Object, Integer> serverIndex = new HashMap<>(current.size() * 2);
    List<Keyed> serverElements = new ArrayList<>(current.size());
    for (JsonNode el : current) {
      Object id = identity(el);
      if (serverIndex.putIfAbsent(id, serverElements.size()) == null) {
        serverElements.add(new Keyed(el, id, serverElements.size()));
      }
    }
    LinkedHashMap<Object, Keyed> fromPatch = new LinkedHashMap<>(patch.size() * 2);
    for (JsonNode el : patch) {
      Object id = identity(el);
      fromPatch.putIfAbsent(id, new Keyed(el, id, fromPatch.size()));
    }
    List<Keyed> serverOnly = new ArrayList<>(serverElements.size());
    for (Keyed k : serverElements) {
      if (!fromPatch.containsKey(k.id)) {
        serverOnly.add(k);
      }
    }
    return interleave(serverOnly, new ArrayList<>(fromPatch.values()), serverIndex);
  }

  private static ArrayNode deleteFromScalars(ArrayNode current, ArrayNode toDelete) {
    Set<Object> drop = new HashSet<>(toDelete.size() * 2);
    for (JsonNode el : toDelete) {
      drop.add(identity(el));
    }
    ArrayNode out = NODES.arrayNode(current.size());
    for (JsonNode el : current) {
      if (!drop.contains(identity(el))) {
        out.add(el);
      }
    }
    return out;
  }

  private static void removeMatching(ArrayNode list, String mergeKey, Object id) {
    for (int i = list.size() - 1; i >= 0; i--) {
      JsonNode v = list.get(i).get(mergeKey);
      if (v != null && identity(v).equals(id)) {
        list.remove(i);
      }
    }
  }

  /**
   * Upstream's mergeSortedSlice: both inputs are first sorted (stably) by their rank; then an element the
   * server had goes before a patch element only when both are known to the server and it came first
   * there. So untouched server elements keep their place around the elements the patch mentions.
   */
  private static ArrayNode interleave(List<Keyed> serverOnly, List<Keyed> fromPatch,
      Map<Object, Integer> serverIndex) {
    serverOnly.sort(Keyed.BY_RANK);
    fromPatch.sort(Keyed.BY_RANK);
    ArrayNode out = NODES.arrayNode(serverOnly.size() + fromPatch.size());
    int i = 0;
    int j = 0;
    while (i < serverOnly.size() && j < fromPatch.size()) {
      Integer left = serverIndex.get(serverOnly.get(i).id);
      Integer right = serverIndex.get(fromPatch.get(j).id);
      if (left != null && right != null && left < right) {
        out.add(serverOnly.get(i++).node);
      } else {
        out.add(fromPatch.get(j++).node);
      }
    }
    while (i < serverOnly.size()) {
      out.add(serverOnly.get(i++).node);
    }
    while (j < fromPatch.size()) {
      out.add(fromPatch.get(j++).node);
    }
    return out;
  }

  /** Key (or value, without a merge key) to first index; elements lacking the key are skipped. */
  private static Map<Object, Integer> firstIndexTolerant(ArrayNode list, String mergeKey) {
    Map<Object, Integer> index = new HashMap<>(list.size() * 2);
    for (int i = 0; i < list.size(); i++) {
      JsonNode el = list.get(i);
      JsonNode key = mergeKey.isEmpty() ? el : el.get(mergeKey);
      if (key != null) {
        index.putIfAbsent(identity(key), i);
      }
    }
    return index;
  }

  /** The common kind of all elements (null when there are none), with upstream's errors. */
  private static Kind elementKind(ArrayNode a, ArrayNode b) {
    Kind kind = null;
    for (ArrayNode list : new ArrayNode[] {a, b}) {
      for (JsonNode el : list) {
        Kind k = kind(el);
        if (kind == null) {
          if (k == Kind.ARRAY) {
            throw PatchErrors.invalid("lists of lists are not supported");
          }
          kind = k;
        } else if (k != kind) {
          throw PatchErrors.unclassified("list element types are not identical: ["
              + PatchErrors.go(a) + " " + PatchErrors.go(b) + "]");
        }
      }
    }
    return kind;
  }

  // ---------------------------------------------------------------------------------------------
  // values taken from the patch

  /**
   * A patch value taken where the server had nothing comparable (upstream discardNullValuesFromPatch +
   * removeDirectives): null members go, and any object carrying {@code $patch} is dropped with its
   * content. Returns null when the value itself is to be dropped.
   */
  private static JsonNode adopt(JsonNode value) {
    return copyClean(value, true);
  }

  /**
   * A patch value taken whole in place of the server's (replaced lists and maps, appended elements): null
   * members and directive keys go, as they would in upstream's round trip through the typed object.
   */
  private static JsonNode scrub(JsonNode value) {
    return copyClean(value, false);
  }

  private static JsonNode copyClean(JsonNode value, boolean dropDirectiveObjects) {
    if (value.isObject()) {
      if (dropDirectiveObjects && value.has(DIRECTIVE)) {
        return null;
      }
      ObjectNode out = NODES.objectNode();
      for (Map.Entry<String, JsonNode> e : value.properties()) {
        if (e.getValue().isNull() || isDirectiveKey(e.getKey())) {
          continue;
        }
        JsonNode clean = copyClean(e.getValue(), dropDirectiveObjects);
        if (clean != null) {
          out.set(e.getKey(), clean);
        }
      }
      return out;
    }
    if (value.isArray()) {
      ArrayNode out = NODES.arrayNode(value.size());
      for (JsonNode el : value) {
        JsonNode clean = copyClean(el, dropDirectiveObjects);
        if (clean != null) {
          out.add(clean);
        }
      }
      return out;
    }
    return value;
  }

  private static boolean isDirectiveKey(String key) {
    return key.startsWith("$") && (key.equals(DIRECTIVE) || key.equals(RETAIN_KEYS)
        || key.startsWith(SET_ELEMENT_ORDER + "/") || key.startsWith(DELETE_FROM_PRIMITIVE_LIST + "/"));
  }

  // ---------------------------------------------------------------------------------------------
  // schema metadata

  /** A field's patch metadata: its schema (null when unknown), strategy and merge key ("" for none). */
  private record Meta(Schema field, String strategy, String mergeKey) {

    static final Meta NONE = new Meta(null, "", "");

    Schema items() {
      return field == null ? null : field.items();
    }
  }

  /** The metadata of {@code key} in an object described by {@code parent}; properties, then map values. */
  private static Meta lookup(Schema parent, String key) {
    if (parent == null) {
      return Meta.NONE;
    }
    Schema field = parent.property(key);
    if (field == null) {
      field = parent.additionalProperties();
      if (field == null) {
        return Meta.NONE;
      }
    }
    String mergeKey = field.patchMergeKey();
    return new Meta(field, strategy(field.patchStrategy()), mergeKey == null ? "" : mergeKey);
  }

  /** The strategy besides {@code retainKeys} (which only matters to clients computing patches). */
  static String strategy(String spec) {
    if (spec == null) {
      return "";
    }
    switch (spec) {
      case "", "retainKeys":
        return "";
      case "merge", "merge,retainKeys", "retainKeys,merge":
        return "merge";
      case "replace":
        return "replace";
      default:
        break;
    }
    String[] parts = spec.split(",", -1);
    if (parts.length == 1) {
      return parts[0];
    }
    if (parts.length == 2) {
      if (parts[0].equals("retainKeys")) {
        return parts[1];
      } else if (parts[1].equals("retainKeys")) {
        return parts[0];
      }
    }
    throw PatchErrors.unclassified("unexpected patch strategy: [" + String.join(" ", parts) + "]");
  }

  // ---------------------------------------------------------------------------------------------
  // helpers

  private enum Kind { OBJECT, ARRAY, STRING, INTEGER, FLOAT, BOOLEAN, NULL }

  /** The decoded Go type of a JSON value; upstream compares reflect types (int64 is not float64). */
  private static Kind kind(JsonNode n) {
    return switch (n.getNodeType()) {
      case OBJECT, POJO -> Kind.OBJECT;
      case ARRAY -> Kind.ARRAY;
      case STRING, BINARY -> Kind.STRING;
      case NUMBER -> n.isIntegralNumber() ? Kind.INTEGER : Kind.FLOAT;
      case BOOLEAN -> Kind.BOOLEAN;
      case NULL, MISSING -> Kind.NULL;
    };
  }

  /**
   * A value usable as a hash key with Go's {@code ==} on decoded JSON: strings by text, integers and
   * floats by number (never equal to each other), objects and arrays structurally.
   */
  private static Object identity(JsonNode n) {
    return switch (n.getNodeType()) {
      case STRING -> n.textValue();
      case NUMBER -> n.isIntegralNumber()
          ? (n.canConvertToLong() ? (Object) n.longValue() : n.bigIntegerValue())
          : (Object) n.doubleValue();
      case BOOLEAN -> n.booleanValue();
      case NULL, MISSING -> NULL_IDENTITY;
      default -> n;
    };
  }

  private static JsonNode requireMergeKey(JsonNode element, String mergeKey) {
    JsonNode v = element.get(mergeKey);
    if (v == null) {
      throw PatchErrors.unclassified("map: " + PatchErrors.go(element)
          + " does not contain declared merge key: " + mergeKey);
    }
    return v;
  }

  private static String extractKey(String key, String prefix, String errorMessage) {
    int slash = key.indexOf('/');
    if (slash != prefix.length() || !key.startsWith(prefix)) {
      throw PatchErrors.badRequest(errorMessage);
    }
    return key.substring(slash + 1);
  }

  private static String badArgType(String expected, JsonNode actual) {
    return "expected a " + expected + ", but received a " + PatchErrors.goType(actual);
  }

  private static RuntimeException unknownPatchType(JsonNode directive, JsonNode map) {
    String shown = directive.isTextual() ? directive.textValue()
        : "%!s(" + PatchErrors.goType(directive) + "=" + PatchErrors.go(directive) + ")";
    return PatchErrors.unclassified("unknown patch type: " + shown + " in map: " + PatchErrors.go(map));
  }

  /** A list element with its identity and its rank in the order it is sorted by. */
  private record Keyed(JsonNode node, Object id, int rank) {
    static final Comparator<Keyed> BY_RANK = Comparator.comparingInt(Keyed::rank);
  }
}
