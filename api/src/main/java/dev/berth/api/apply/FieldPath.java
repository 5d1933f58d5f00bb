package dev.berth.api.apply;

import java.util.ArrayList;
import java.util.List;

/**
 * A path to a field, a list element or a map entry. {@link #toString()} gives upstream's form, as
 * conflict messages and Status causes print it: {@code .spec.template.spec.containers[name="nginx"].image}.
 */
public record FieldPath(List<PathElement> elements) {

  public FieldPath {
    elements = List.copyOf(elements);
  }

  public static FieldPath of(PathElement... elements) {
    return new FieldPath(List.of(elements));
  }

  /** A path of plain field names: {@code FieldPath.fields("spec", "replicas")}. */
  public static FieldPath fields(String... names) {
    List<PathElement> out = new ArrayList<>(names.length);
    for (String n : names) {
      out.add(PathElement.field(n));
    }
    return new FieldPath(out);
  }

  public FieldPath append(PathElement pe) {
    List<PathElement> out = new ArrayList<>(elements.size() + 1);
    out.addAll(elements);
    out.add(pe);
    return new FieldPath(out);
  }

  public int size() {
    return elements.size();
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder();
    for (PathElement pe : elements) {
      sb.append(pe);
    }
    return sb.toString();
  }
}
