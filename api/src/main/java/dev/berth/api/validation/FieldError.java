package dev.berth.api.validation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.List;
import java.util.stream.Collectors;

/**
 * One validation failure on one field, shaped like upstream's field.Error: the {@link Type} gives the
 * Status cause reason ("FieldValueRequired"), {@link #message()} the human text ("Required value").
 *
 * @param field the field path as upstream writes it, e.g. {@code spec.containers[0].image}
 * @param badValue the offending value, or null when there is none to show
 */
public record FieldError(Type type, String field, JsonNode badValue, String detail) {

  /** The closed set of upstream error types with their cause reason and message prefix. */
  public enum Type {
    REQUIRED("FieldValueRequired", "Required value"),
    INVALID("FieldValueInvalid", "Invalid value"),
    NOT_SUPPORTED("FieldValueNotSupported", "Unsupported value"),
    DUPLICATE("FieldValueDuplicate", "Duplicate value"),
    FORBIDDEN("FieldValueForbidden", "Forbidden"),
    TOO_LONG("FieldValueTooLong", "Too long"),
    TOO_MANY("FieldValueTooMany", "Too many"),
    NOT_FOUND("FieldValueNotFound", "Not found"),
    TYPE_INVALID("FieldValueTypeInvalid", "Invalid value"),
    INTERNAL("InternalError", "Internal error");

    private final String reason;
    private final String text;

    Type(String reason, String text) {
      this.reason = reason;
      this.text = text;
    }

    public String reason() {
      return reason;
    }

    public String text() {
      return text;
    }
  }

  public static FieldError required(String field, String detail) {
    return new FieldError(Type.REQUIRED, field, null, detail);
  }

  public static FieldError invalid(String field, JsonNode value, String detail) {
    return new FieldError(Type.INVALID, field, value, detail);
  }

  public static FieldError invalid(String field, String value, String detail) {
    return new FieldError(Type.INVALID, field, value == null ? null : TextNode.valueOf(value), detail);
  }

  public static FieldError notSupported(String field, JsonNode value, List<String> supported) {
    String detail = supported.isEmpty() ? "" : "supported values: "
        + supported.stream().map(s -> "\"" + s + "\"").collect(Collectors.joining(", "));
    return new FieldError(Type.NOT_SUPPORTED, field, value, detail);
  }

  public static FieldError duplicate(String field, JsonNode value) {
    return new FieldError(Type.DUPLICATE, field, value, "");
  }

  public static FieldError forbidden(String field, String detail) {
    return new FieldError(Type.FORBIDDEN, field, null, detail);
  }

  public static FieldError tooLong(String field, int max) {
    return new FieldError(Type.TOO_LONG, field, null, "may not be more than " + max + " bytes");
  }

  public static FieldError tooMany(String field, int actual, int max) {
    return new FieldError(Type.TOO_MANY, field, null, actual + ": must have at most " + max + " items");
  }

  public static FieldError notFound(String field, JsonNode value) {
    return new FieldError(Type.NOT_FOUND, field, value, "");
  }

  /** The message without the field, as upstream puts in a Status cause: {@code Invalid value: "x": detail}. */
  public String message() {
    StringBuilder sb = new StringBuilder(type.text());
    boolean showsValue = switch (type) {
      case INVALID, NOT_SUPPORTED, DUPLICATE, NOT_FOUND, TYPE_INVALID -> true;
      default -> false;
    };
    if (showsValue) {
      sb.append(": ").append(formatValue(badValue));
    }
    if (detail != null && !detail.isEmpty()) {
      sb.append(": ").append(detail);
    }
    return sb.toString();
  }

  /** The full text, {@code field: message}. */
  @Override
  public String toString() {
    return field + ": " + message();
  }

  private static String formatValue(JsonNode value) {
    if (value == null || value.isNull() || value.isMissingNode()) {
      return "null";
    }
    if (value.isTextual()) {
      return "\"" + value.textValue() + "\"";
    }
    return value.toString();
  }
}
