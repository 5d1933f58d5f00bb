package dev.berth.api.validation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * An accumulator of {@link FieldError}s, the Java counterpart of upstream's {@code field.ErrorList}
 * plus its constructors. Validators append to one list instead of concatenating many small ones.
 *
 * <p>Not thread-safe; one instance per validation call.
 */
public final class FieldErrorList {

  private final List<FieldError> errors = new ArrayList<>();

  public FieldErrorList add(FieldError e) {
    errors.add(e);
    return this;
  }

  public FieldErrorList addAll(List<FieldError> more) {
    errors.addAll(more);
    return this;
  }

  public void required(FieldPath p, String detail) {
    errors.add(FieldError.required(p.value(), detail));
  }

  public void invalid(FieldPath p, JsonNode value, String detail) {
    errors.add(FieldError.invalid(p.value(), value, detail));
  }

  public void invalid(FieldPath p, String value, String detail) {
    errors.add(FieldError.invalid(p.value(), value, detail));
  }

  public void invalid(FieldPath p, long value, String detail) {
    errors.add(FieldError.invalid(p.value(), com.fasterxml.jackson.databind.node.LongNode.valueOf(value), detail));
  }

  /** One Invalid error per message, as upstream loops over the messages of an {@code IsXxx} check. */
  public void invalidEach(FieldPath p, String value, List<String> messages) {
    for (String m : messages) {
      errors.add(FieldError.invalid(p.value(), value, m));
    }
  }

  public void notSupported(FieldPath p, JsonNode value, List<String> supported) {
    errors.add(FieldError.notSupported(p.value(), value, supported));
  }

  public void notSupported(FieldPath p, String value, String... supported) {
    errors.add(FieldError.notSupported(p.value(), value == null ? null : TextNode.valueOf(value),
        Arrays.asList(supported)));
  }

  public void forbidden(FieldPath p, String detail) {
    errors.add(FieldError.forbidden(p.value(), detail));
  }

  public void duplicate(FieldPath p, JsonNode value) {
    errors.add(FieldError.duplicate(p.value(), value));
  }

  public void duplicate(FieldPath p, String value) {
    errors.add(FieldError.duplicate(p.value(), TextNode.valueOf(value)));
  }

  public void notFound(FieldPath p, String value) {
    errors.add(FieldError.notFound(p.value(), TextNode.valueOf(value)));
  }

  public void tooLong(FieldPath p, int max) {
    errors.add(FieldError.tooLong(p.value(), max));
  }

  public void tooMany(FieldPath p, int actual, int max) {
    errors.add(FieldError.tooMany(p.value(), actual, max));
  }

  public boolean isEmpty() {
    return errors.isEmpty();
  }

  public int size() {
    return errors.size();
  }

  /** The errors collected so far, in the order they were found; the view is unmodifiable. */
  public List<FieldError> toList() {
    return Collections.unmodifiableList(errors);
  }
}
