package dev.berth.api.apply;

import java.util.List;

/**
 * An object that does not fit the shape its schema gives it, in ways server-side apply cannot track:
 * an associative-list element without its key fields, duplicate keys, an unknown field. The message
 * joins the errors as structured-merge-diff's ValidationErrors do; each error is
 * {@code <path>: <what>}, e.g. {@code .spec.containers: element 0: associative list with keys has an
 * element that omits key field "name" (and doesn't have default value)}.
 */
public final class SchemaMismatchException extends IllegalArgumentException {

  private final List<String> errors;

  public SchemaMismatchException(List<String> errors) {
    super(join(errors));
    this.errors = List.copyOf(errors);
  }

  public List<String> errors() {
    return errors;
  }

  private static String join(List<String> errors) {
    if (errors.size() == 1) {
      return errors.get(0);
    }
    StringBuilder sb = new StringBuilder("errors:");
    for (String e : errors) {
      sb.append("\n  ").append(e);
    }
    return sb.toString();
  }
}
