package dev.berth.api.validation;

/**
 * A field path written the way upstream's {@code field.Path} prints it: children joined by dots, list
 * indexes and map keys in brackets ({@code spec.containers[0].resources.limits[cpu]}).
 *
 * <p>Immutable; each step returns a new path, so a parent can be shared by many children.
 */
public record FieldPath(String value) {

  /** The root for errors that concern the whole object; upstream prints it as {@code []}. */
  public static final FieldPath WHOLE_OBJECT = new FieldPath("[]");

  /** A path starting at {@code name} ({@code "spec"}, {@code "metadata"}). */
  public static FieldPath of(String name) {
    return new FieldPath(name);
  }

  /** {@code a.b.c} from its segments. */
  public static FieldPath of(String first, String... more) {
    return new FieldPath(first).child(more.length == 0 ? null : more[0], tail(more));
  }

  private static String[] tail(String[] more) {
    return more.length <= 1 ? new String[0] : java.util.Arrays.copyOfRange(more, 1, more.length);
  }

  /** {@code a.b} — or just {@code b} when this path is empty. */
  public FieldPath child(String name) {
    return new FieldPath(value.isEmpty() ? name : value + "." + name);
  }

  /** {@code a.b.c} for several children at once. */
  public FieldPath child(String first, String... more) {
    FieldPath p = first == null ? this : child(first);
    for (String m : more) {
      p = p.child(m);
    }
    return p;
  }

  /** {@code a[3]} */
  public FieldPath index(int i) {
    return new FieldPath(value + "[" + i + "]");
  }

  /** {@code a[key]} — upstream does not quote map keys. */
  public FieldPath key(String key) {
    return new FieldPath(value + "[" + key + "]");
  }

  @Override
  public String toString() {
    return value;
  }
}
