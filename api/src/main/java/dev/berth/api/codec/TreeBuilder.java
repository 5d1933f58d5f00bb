package dev.berth.api.codec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ContainerNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Builds a Jackson tree from a stream of parse events without recursion (so depth is bounded by the
 * configured limit, not by the thread stack), recording repeated keys instead of failing on them.
 * Shared by the JSON and YAML parsers; YAML merge keys ({@code <<}) are supported here too.
 */
final class TreeBuilder {

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  /** One open container. */
  static final class Frame {
    ContainerNode<?> node;
    /** for objects: the key whose value comes next, and its line (YAML). */
    String pendingKey;
    int pendingLine;
    boolean pendingMerge;
    /** how this container hangs from its parent: a key, or an index (key == null). */
    String segmentKey;
    int segmentIndex;
    /** a container that is the value of a {@code <<} key: merged into the parent when it ends. */
    boolean mergeSource;
    /** keys that came from a merge and may still be overridden without counting as duplicates. */
    Set<String> mergedKeys;
    String anchor;
  }

  private final int maxDepth;
  private Frame[] stack = new Frame[16];
  private int depth;
  private JsonNode root;
  private boolean rootDone;
  private List<DuplicateField> duplicates;
  private List<JsonNode> duplicateParents;

  TreeBuilder(int maxDepth) {
    this.maxDepth = maxDepth;
  }

  int depth() {
    return depth;
  }

  boolean rootDone() {
    return rootDone;
  }

  JsonNode root() {
    return root;
  }

  boolean inObject() {
    return depth > 0 && stack[depth - 1].node.isObject();
  }

  /** Sets the key of the next value in the current object. */
  void key(String key, int line, boolean merge) {
    Frame f = stack[depth - 1];
    f.pendingKey = key;
    f.pendingLine = line;
    f.pendingMerge = merge;
  }

  ObjectNode startObject(String anchor) {
    ObjectNode node = NODES.objectNode();
    push(node, anchor);
    return node;
  }

  ArrayNode startArray(String anchor) {
    ArrayNode node = NODES.arrayNode();
    push(node, anchor);
    return node;
  }

  /** Closes the current container and returns it with its anchor (null when it has none). */
  Frame end() {
    Frame f = stack[--depth];
    stack[depth] = null;
    if (f.mergeSource) {
      Frame parent = stack[depth - 1];
      mergeInto(parent, f.node);
    }
    if (depth == 0) {
      rootDone = true;
    }
    return f;
  }

  /**
   * Adds a complete value (a scalar, or a copy of an anchored node) at the current position.
   * {@code height} is the value's own nesting depth (0 for scalars), checked against the limit.
   */
  void value(JsonNode value, int height) {
    if (depth + height > maxDepth) {
      throw depthExceeded();
    }
    if (depth == 0) {
      root = value;
      rootDone = true;
      return;
    }
    Frame parent = stack[depth - 1];
    if (parent.node.isObject() && parent.pendingMerge) {
      parent.pendingMerge = false;
      parent.pendingKey = null;
      mergeInto(parent, value);
      return;
    }
    attach(parent, value);
  }

  private void push(ContainerNode<?> node, String anchor) {
    if (depth >= maxDepth) {
      throw depthExceeded();
    }
    Frame f = new Frame();
    f.node = node;
    f.anchor = anchor;
    if (depth == 0) {
      root = node;
    } else {
      Frame parent = stack[depth - 1];
      if (parent.node.isObject()) {
        f.segmentKey = parent.pendingKey;
        if (parent.pendingMerge) {
          parent.pendingMerge = false;
          parent.pendingKey = null;
          f.mergeSource = true;
        } else {
          attach(parent, node);
        }
      } else {
        f.segmentIndex = parent.node.size();
        attach(parent, node);
      }
    }
    if (depth == stack.length) {
      Frame[] bigger = new Frame[stack.length * 2];
      System.arraycopy(stack, 0, bigger, 0, stack.length);
      stack = bigger;
    }
    stack[depth++] = f;
  }

  private void attach(Frame parent, JsonNode value) {
    if (parent.node instanceof ArrayNode array) {
      array.add(value);
      return;
    }
    ObjectNode object = (ObjectNode) parent.node;
    String key = parent.pendingKey;
    parent.pendingKey = null;
    JsonNode previous = object.replace(key, value);
    if (previous != null) {
      if (parent.mergedKeys != null && parent.mergedKeys.remove(key)) {
        return; // an explicit key overriding a merged one is not a duplicate
      }
      recordDuplicate(object, key, parent.pendingLine);
    }
  }

  private void mergeInto(Frame target, JsonNode source) {
    if (!target.node.isObject()) {
      throw new BodySyntaxException("map merge requires map or sequence of maps as the value");
    }
    ObjectNode object = (ObjectNode) target.node;
    if (source.isObject()) {
      mergeObject(target, object, source);
    } else if (source.isArray()) {
      for (JsonNode element : source) {
        if (!element.isObject()) {
          throw new BodySyntaxException("map merge requires map or sequence of maps as the value");
        }
        mergeObject(target, object, element);
      }
    } else {
      throw new BodySyntaxException("map merge requires map or sequence of maps as the value");
    }
  }

  private static void mergeObject(Frame target, ObjectNode object, JsonNode source) {
    for (Iterator<Map.Entry<String, JsonNode>> it = source.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      if (!object.has(e.getKey())) {
        object.set(e.getKey(), e.getValue());
        if (target.mergedKeys == null) {
          target.mergedKeys = new HashSet<>();
        }
        target.mergedKeys.add(e.getKey());
      }
    }
  }

  private void recordDuplicate(ObjectNode object, String key, int line) {
    if (duplicates == null) {
      duplicates = new ArrayList<>(4);
      duplicateParents = new ArrayList<>(4);
    }
    duplicates.add(new DuplicateField(pathTo(key), key, line, object.size()));
    duplicateParents.add(object);
  }

  /** The path of {@code key} in the innermost open object, in upstream's notation. */
  private String pathTo(String key) {
    StringBuilder sb = new StringBuilder();
    // stack[0] is the root; every deeper frame hangs from its parent by a key or an index
    for (int i = 1; i < depth; i++) {
      Frame f = stack[i];
      if (f.segmentKey != null) {
        if (!sb.isEmpty()) {
          sb.append('.');
        }
        sb.append(f.segmentKey);
      } else {
        sb.append('[').append(f.segmentIndex).append(']');
      }
    }
    if (!sb.isEmpty()) {
      sb.append('.');
    }
    return sb.append(key).toString();
  }

  List<DuplicateField> duplicates() {
    return duplicates == null ? List.of() : duplicates;
  }

  List<JsonNode> duplicateParents() {
    return duplicateParents == null ? List.of() : duplicateParents;
  }

  private BodySyntaxException depthExceeded() {
    return new BodySyntaxException("exceeded max depth of " + maxDepth);
  }
}
