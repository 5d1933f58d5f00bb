package dev.berth.api.apply;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * An immutable set of field paths, stored as a trie like structured-merge-diff's fieldpath.Set: every
 * node lists its child path elements in upstream's order, each either a member of the set ("this
 * field itself is owned"), the parent of further members, or both (FieldsV1 writes the latter as
 * {@code ".": {}}).
 *
 * <p>Set operations follow upstream exactly: {@link #difference} removes members only (a parent in
 * the other set does not remove its children), {@link #recursiveDifference} removes whole subtrees.
 * Operations share unchanged subtrees, and return this very instance when nothing changes, which lets
 * callers skip re-encoding untouched managedFields entries.
 */
public final class FieldSet {

  private static final FieldSet EMPTY = new FieldSet(null);
  private static final ObjectMapper JSON = new ObjectMapper();

  /** A trie node; never empty. Entries are sorted, and each is a member, has children, or both. */
  static final class Node {
    final PathElement[] pes;
    final boolean[] member;
    final Node[] child;

    Node(PathElement[] pes, boolean[] member, Node[] child) {
      this.pes = pes;
      this.member = member;
      this.child = child;
    }

    int size() {
      return pes.length;
    }

    /** Index of {@code pe}, or {@code -(insertion point) - 1}. */
    int find(PathElement pe) {
      int lo = 0;
      int hi = pes.length - 1;
      while (lo <= hi) {
        int mid = (lo + hi) >>> 1;
        int c = pes[mid].compareTo(pe);
        if (c < 0) {
          lo = mid + 1;
        } else if (c > 0) {
          hi = mid - 1;
        } else {
          return mid;
        }
      }
      return -(lo + 1);
    }
  }

  /** Accumulates the entries of one node in order; turns into a Node or null when empty. */
  static final class NodeBuilder {
    private PathElement[] pes;
    private boolean[] member;
    private Node[] child;
    private int n;

    NodeBuilder(int capacity) {
      int c = Math.max(capacity, 1);
      pes = new PathElement[c];
      member = new boolean[c];
      child = new Node[c];
    }

    void add(PathElement pe, boolean isMember, Node sub) {
      if (!isMember && sub == null) {
        return;
      }
      if (n == pes.length) {
        int c = n * 2;
        pes = Arrays.copyOf(pes, c);
        member = Arrays.copyOf(member, c);
        child = Arrays.copyOf(child, c);
      }
      pes[n] = pe;
      member[n] = isMember;
      child[n] = sub;
      n++;
    }

    int count() {
      return n;
    }

    Node build() {
      if (n == 0) {
        return null;
      }
      if (n != pes.length) {
        return new Node(Arrays.copyOf(pes, n), Arrays.copyOf(member, n), Arrays.copyOf(child, n));
      }
      return new Node(pes, member, child);
    }

    /** Builds after sorting entries added in any order; equal elements are merged. */
    Node buildSorted() {
      if (n == 0) {
        return null;
      }
      boolean sorted = true;
      for (int i = 1; i < n && sorted; i++) {
        sorted = pes[i - 1].compareTo(pes[i]) < 0;
      }
      if (sorted) {
        return build();
      }
      Integer[] order = new Integer[n];
      for (int i = 0; i < n; i++) {
        order[i] = i;
      }
      Arrays.sort(order, (x, y) -> pes[x].compareTo(pes[y]));
      NodeBuilder out = new NodeBuilder(n);
      for (Integer idx : order) {
        int last = out.n - 1;
        if (last >= 0 && out.pes[last].compareTo(pes[idx]) == 0) {
          out.member[last] |= member[idx];
          out.child[last] = union(out.child[last], child[idx]);
        } else {
          out.add(pes[idx], member[idx], child[idx]);
        }
      }
      return out.build();
    }
  }

  private final Node root;

  private FieldSet(Node root) {
    this.root = root;
  }

  static FieldSet of(Node root) {
    return root == null ? EMPTY : new FieldSet(root);
  }

  Node root() {
    return root;
  }

  public static FieldSet empty() {
    return EMPTY;
  }

  /** The set of the given paths (each path is a member; its parents are not). */
  public static FieldSet of(FieldPath... paths) {
    return of(Arrays.asList(paths));
  }

  public static FieldSet of(Collection<FieldPath> paths) {
    Node n = null;
    for (FieldPath p : paths) {
      n = union(n, chain(p.elements(), 0));
    }
    return of(n);
  }

  private static Node chain(List<PathElement> path, int from) {
    if (from >= path.size()) {
      return null;
    }
    boolean last = from == path.size() - 1;
    return new Node(new PathElement[] {path.get(from)}, new boolean[] {last},
        new Node[] {last ? null : chain(path, from + 1)});
  }

  public boolean isEmpty() {
    return root == null;
  }

  /** The number of member paths. */
  public int size() {
    return count(root);
  }

  private static int count(Node n) {
    if (n == null) {
      return 0;
    }
    int c = 0;
    for (int i = 0; i < n.size(); i++) {
      c += (n.member[i] ? 1 : 0) + count(n.child[i]);
    }
    return c;
  }

  /** Whether {@code path} itself is a member (a parent of members is not). */
  public boolean contains(FieldPath path) {
    Node n = root;
    List<PathElement> els = path.elements();
    for (int i = 0; i < els.size() && n != null; i++) {
      int idx = n.find(els.get(i));
      if (idx < 0) {
        return false;
      }
      if (i == els.size() - 1) {
        return n.member[idx];
      }
      n = n.child[idx];
    }
    return false;
  }

  /** The members below {@code pe}, with {@code pe} removed from their paths. */
  public FieldSet withPrefix(PathElement pe) {
    if (root == null) {
      return EMPTY;
    }
    int idx = root.find(pe);
    return idx < 0 ? EMPTY : of(root.child[idx]);
  }

  public FieldSet union(FieldSet other) {
    Node n = union(root, other.root);
    return n == root ? this : n == other.root ? other : of(n);
  }

  /** Members of this set that are not members of {@code other}. */
  public FieldSet difference(FieldSet other) {
    Node n = difference(root, other.root);
    return n == root ? this : of(n);
  }

  /** Members of both sets. */
  public FieldSet intersection(FieldSet other) {
    Node n = intersection(root, other.root);
    return n == root ? this : of(n);
  }

  /** This set without every member of {@code other} and everything below those members. */
  public FieldSet recursiveDifference(FieldSet other) {
    Node n = recursiveDifference(root, other.root);
    return n == root ? this : of(n);
  }

  /** Only the members that have no members below them. */
  public FieldSet leaves() {
    Node n = leaves(root);
    return n == root ? this : of(n);
  }

  static Node union(Node a, Node b) {
    if (a == null || a == b) {
      return b;
    }
    if (b == null) {
      return a;
    }
    NodeBuilder out = new NodeBuilder(a.size() + b.size());
    boolean sameAsA = true;
    int i = 0;
    int j = 0;
    while (i < a.size() && j < b.size()) {
      int c = a.pes[i].compareTo(b.pes[j]);
      if (c < 0) {
        out.add(a.pes[i], a.member[i], a.child[i]);
        i++;
      } else if (c > 0) {
        out.add(b.pes[j], b.member[j], b.child[j]);
        sameAsA = false;
        j++;
      } else {
        boolean m = a.member[i] || b.member[j];
        Node ch = union(a.child[i], b.child[j]);
        sameAsA &= m == a.member[i] && ch == a.child[i];
        out.add(a.pes[i], m, ch);
        i++;
        j++;
      }
    }
    while (i < a.size()) {
      out.add(a.pes[i], a.member[i], a.child[i]);
      i++;
    }
    while (j < b.size()) {
      out.add(b.pes[j], b.member[j], b.child[j]);
      sameAsA = false;
      j++;
    }
    return sameAsA ? a : out.build();
  }

  static Node difference(Node a, Node b) {
    if (a == null || b == null) {
      return a;
    }
    if (a == b) {
      return null;
    }
    NodeBuilder out = null;
    int j = 0;
    for (int i = 0; i < a.size(); i++) {
      while (j < b.size() && b.pes[j].compareTo(a.pes[i]) < 0) {
        j++;
      }
      boolean m = a.member[i];
      Node ch = a.child[i];
      if (j < b.size() && b.pes[j].compareTo(a.pes[i]) == 0) {
        m = m && !b.member[j];
        ch = difference(ch, b.child[j]);
      }
      if (out == null && (m != a.member[i] || ch != a.child[i])) {
        out = new NodeBuilder(a.size());
        for (int k = 0; k < i; k++) {
          out.add(a.pes[k], a.member[k], a.child[k]);
        }
      }
      if (out != null) {
        out.add(a.pes[i], m, ch);
      }
    }
    return out == null ? a : out.build();
  }

  static Node intersection(Node a, Node b) {
    if (a == null || b == null) {
      return null;
    }
    if (a == b) {
      return a;
    }
    NodeBuilder out = new NodeBuilder(Math.min(a.size(), b.size()));
    boolean sameAsA = true;
    int i = 0;
    int j = 0;
    while (i < a.size() && j < b.size()) {
      int c = a.pes[i].compareTo(b.pes[j]);
      if (c < 0) {
        sameAsA = false;
        i++;
      } else if (c > 0) {
        j++;
      } else {
        boolean m = a.member[i] && b.member[j];
        Node ch = intersection(a.child[i], b.child[j]);
        sameAsA &= m == a.member[i] && ch == a.child[i];
        out.add(a.pes[i], m, ch);
        i++;
        j++;
      }
    }
    sameAsA &= i == a.size();
    return sameAsA ? a : out.build();
  }

  static Node recursiveDifference(Node a, Node b) {
    if (a == null || b == null) {
      return a;
    }
    NodeBuilder out = null;
    int j = 0;
    for (int i = 0; i < a.size(); i++) {
      while (j < b.size() && b.pes[j].compareTo(a.pes[i]) < 0) {
        j++;
      }
      boolean m = a.member[i];
      Node ch = a.child[i];
      if (j < b.size() && b.pes[j].compareTo(a.pes[i]) == 0) {
        if (b.member[j]) {
          m = false;
          ch = null;
        } else {
          ch = recursiveDifference(ch, b.child[j]);
        }
      }
      if (out == null && (m != a.member[i] || ch != a.child[i])) {
        out = new NodeBuilder(a.size());
        for (int k = 0; k < i; k++) {
          out.add(a.pes[k], a.member[k], a.child[k]);
        }
      }
      if (out != null) {
        out.add(a.pes[i], m, ch);
      }
    }
    return out == null ? a : out.build();
  }

  static Node leaves(Node a) {
    if (a == null) {
      return null;
    }
    NodeBuilder out = null;
    for (int i = 0; i < a.size(); i++) {
      Node ch = leaves(a.child[i]);
      boolean m = a.member[i] && a.child[i] == null;
      if (out == null && (m != a.member[i] || ch != a.child[i])) {
        out = new NodeBuilder(a.size());
        for (int k = 0; k < i; k++) {
          out.add(a.pes[k], a.member[k], a.child[k]);
        }
      }
      if (out != null) {
        out.add(a.pes[i], m, ch);
      }
    }
    return out == null ? a : out.build();
  }

  /** Calls {@code f} for each member path: a node's members first, then its children, in order. */
  public void forEachPath(Consumer<FieldPath> f) {
    forEach(root, new ArrayList<>(), f);
  }

  private static void forEach(Node n, List<PathElement> prefix, Consumer<FieldPath> f) {
    if (n == null) {
      return;
    }
    for (int i = 0; i < n.size(); i++) {
      if (n.member[i]) {
        prefix.add(n.pes[i]);
        f.accept(new FieldPath(prefix));
        prefix.remove(prefix.size() - 1);
      }
    }
    for (int i = 0; i < n.size(); i++) {
      if (n.child[i] != null) {
        prefix.add(n.pes[i]);
        forEach(n.child[i], prefix, f);
        prefix.remove(prefix.size() - 1);
      }
    }
  }

  /** All member paths, in upstream's iteration order. */
  public List<FieldPath> paths() {
    List<FieldPath> out = new ArrayList<>();
    forEachPath(out::add);
    return out;
  }

  /** All member paths as upstream prints them, e.g. {@code .spec.replicas}. */
  public List<String> pathStrings() {
    List<String> out = new ArrayList<>();
    forEachPath(p -> out.add(p.toString()));
    return out;
  }

  // ---------------------------------------------------------------------------------------------
  // FieldsV1

  /** The FieldsV1 form, as a Jackson tree (key order is upstream's). */
  public ObjectNode toJson() {
    ObjectNode out = JsonNodeFactory.instance.objectNode();
    if (root != null) {
      writeJson(root, out);
    }
    return out;
  }

  private static void writeJson(Node n, ObjectNode out) {
    for (int i = 0; i < n.size(); i++) {
      ObjectNode sub = out.putObject(n.pes[i].toKeyString());
      if (n.child[i] != null) {
        if (n.member[i]) {
          sub.putObject(".");
        }
        writeJson(n.child[i], sub);
      }
    }
  }

  /** The FieldsV1 bytes exactly as kube-apiserver writes them (compact, Go escaping). */
  public String toJsonString() {
    StringBuilder sb = new StringBuilder(64);
    sb.append('{');
    if (root != null) {
      writeJsonString(root, sb);
    }
    return sb.append('}').toString();
  }

  private static void writeJsonString(Node n, StringBuilder sb) {
    for (int i = 0; i < n.size(); i++) {
      if (i > 0) {
        sb.append(',');
      }
      GoJson.appendString(sb, n.pes[i].toKeyString());
      sb.append(":{");
      if (n.child[i] != null) {
        if (n.member[i]) {
          sb.append("\".\":{},");
        }
        writeJsonString(n.child[i], sb);
      }
      sb.append('}');
    }
  }

  /**
   * Reads a FieldsV1 object. Keys of unknown kinds are dropped, as upstream does.
   *
   * @throws IllegalArgumentException when the JSON is not a FieldsV1 object or a key is malformed
   */
  public static FieldSet fromJson(JsonNode fields) {
    return fromJson(fields, PathElement::parse);
  }

  /** As {@link #fromJson(JsonNode)}, parsing keys with {@code parser} (which may cache). */
  static FieldSet fromJson(JsonNode fields, Function<String, PathElement> parser) {
    if (fields == null || fields.isNull()) {
      return EMPTY;
    }
    if (!fields.isObject()) {
      throw new IllegalArgumentException("FieldsV1 must be a JSON object, got " + fields.getNodeType());
    }
    return of(decode(fields, parser));
  }

  /** Parses FieldsV1 JSON text. */
  public static FieldSet fromJsonString(String json) {
    try {
      return fromJson(JSON.readTree(json));
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("FieldsV1 is not valid JSON: " + e.getOriginalMessage(), e);
    }
  }

  private static Node decode(JsonNode obj, Function<String, PathElement> parser) {
    NodeBuilder b = new NodeBuilder(obj.size());
    for (Iterator<Map.Entry<String, JsonNode>> it = obj.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      String key = e.getKey();
      if (key.equals(".")) {
        continue;
      }
      PathElement pe = parser.apply(key);
      if (pe == null) {
        continue;
      }
      JsonNode v = e.getValue();
      Node sub = null;
      boolean member;
      if (v.isNull()) {
        member = true;
      } else if (v.isObject()) {
        sub = decode(v, parser);
        member = sub == null || v.has(".");
      } else {
        throw new IllegalArgumentException("value of " + key + " must be a JSON object, got "
            + v.getNodeType());
      }
      b.add(pe, member, sub);
    }
    return b.buildSorted();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof FieldSet s && nodeEquals(root, s.root);
  }

  private static boolean nodeEquals(Node a, Node b) {
    if (a == b) {
      return true;
    }
    if (a == null || b == null || a.size() != b.size()) {
      return false;
    }
    for (int i = 0; i < a.size(); i++) {
      if (a.member[i] != b.member[i] || !a.pes[i].equals(b.pes[i])
          || !nodeEquals(a.child[i], b.child[i])) {
        return false;
      }
    }
    return true;
  }

  @Override
  public int hashCode() {
    return nodeHash(root);
  }

  private static int nodeHash(Node n) {
    if (n == null) {
      return 0;
    }
    int h = 1;
    for (int i = 0; i < n.size(); i++) {
      h = 31 * h + n.pes[i].hashCode();
      h = 31 * h + (n.member[i] ? 1 : 2);
      h = 31 * h + nodeHash(n.child[i]);
    }
    return h;
  }

  /** One member path per line, as upstream's Set.String. */
  @Override
  public String toString() {
    return String.join("\n", pathStrings());
  }
}
