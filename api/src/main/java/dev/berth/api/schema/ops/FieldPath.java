package dev.berth.api.schema.ops;

/**
 * A mutable field path in upstream's notation ({@code spec.containers[0].image}), built while walking
 * a tree and only turned into a String when a problem is reported: the walkers run on every write, so
 * the common (clean) case allocates nothing per node.
 */
final class FieldPath {

  private final StringBuilder sb;

  FieldPath(String root) {
    sb = new StringBuilder(64).append(root == null ? "" : root);
  }

  /** Appends {@code .key} (or {@code key} at the start) and returns the mark to {@link #reset} to. */
  int key(String key) {
    int mark = sb.length();
    if (mark > 0) {
      sb.append('.');
    }
    sb.append(key);
    return mark;
  }

  /** Appends {@code [index]} and returns the mark to {@link #reset} to. */
  int index(int index) {
    int mark = sb.length();
    sb.append('[').append(index).append(']');
    return mark;
  }

  void reset(int mark) {
    sb.setLength(mark);
  }

  /** The path of a child key without changing this path. */
  String child(String key) {
    return sb.isEmpty() ? key : sb + "." + key;
  }

  boolean isEmpty() {
    return sb.isEmpty();
  }

  @Override
  public String toString() {
    return sb.toString();
  }
}
