package dev.berth.api.patch;

import com.fasterxml.jackson.databind.JsonNode;
import dev.berth.api.status.ApiErrors;
import dev.berth.api.status.ApiException;
import dev.berth.api.status.StatusCause;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The refusals of kube-apiserver's patch handler ({@code endpoints/handlers/patch.go}), and Go's
 * {@code %v} rendering of JSON values that upstream's messages embed.
 */
final class PatchErrors {

  /** What upstream's NewGenericServerResponse says for a 422 it has no detail for. */
  static final String GENERIC_INVALID_MESSAGE = "the server rejected our request due to an error in our request";

  private PatchErrors() {}

  static ApiException badRequest(String message) {
    return ApiErrors.badRequest(message);
  }

  /**
   * 422 Invalid with upstream's generic message. Upstream drops the underlying error; we keep it as the
   * only cause so that {@code kubectl} prints it under "The request is invalid".
   */
  static ApiException invalid(String detail) {
    return new ApiException(422, "Invalid", GENERIC_INVALID_MESSAGE, null, null, null,
        List.of(new StatusCause(null, detail, null)), 0);
  }

  /**
   * An error upstream's patch handler passes through unclassified: kube-apiserver answers 500 with no
   * reason and the raw error text (e.g. {@code map: map[image:x] does not contain declared merge key: name}).
   */
  static ApiException unclassified(String message) {
    return new ApiException(500, "", message, null, null, null, null, 0);
  }

  /** Go's encoding/json message for a body that is not an object, as kube-apiserver returns it. */
  static String notAnObjectMessage(JsonNode value) {
    return "json: cannot unmarshal " + jsonKind(value) + " into Go value of type map[string]interface {}";
  }

  /** The JSON kind name Go's decoder uses in type errors. */
  static String jsonKind(JsonNode value) {
    if (value.isObject()) {
      return "object";
    } else if (value.isArray()) {
      return "array";
    } else if (value.isNumber()) {
      return "number";
    } else if (value.isBoolean()) {
      return "bool";
    } else if (value.isNull()) {
      return "null";
    }
    return "string";
  }

  /** Go's reflect type name of a decoded JSON value, as in {@code mergepatch.ErrBadArgType}. */
  static String goType(JsonNode value) {
    if (value == null || value.isNull() || value.isMissingNode()) {
      return "<nil>";
    } else if (value.isObject()) {
      return "map[string]interface {}";
    } else if (value.isArray()) {
      return "[]interface {}";
    } else if (value.isIntegralNumber()) {
      return "int64";
    } else if (value.isNumber()) {
      return "float64";
    } else if (value.isBoolean()) {
      return "bool";
    }
    return "string";
  }

  /** Go's {@code %v} of a decoded JSON value: {@code map[a:1 b:[x y]]}, maps with sorted keys. */
  static String go(JsonNode value) {
    StringBuilder sb = new StringBuilder();
    appendGo(sb, value);
    return sb.toString();
  }

  static void appendGo(StringBuilder sb, JsonNode value) {
    if (value == null || value.isNull() || value.isMissingNode()) {
      sb.append("<nil>");
    } else if (value.isObject()) {
      List<Map.Entry<String, JsonNode>> entries = new ArrayList<>(value.properties());
      entries.sort(Map.Entry.comparingByKey());
      sb.append("map[");
      for (int i = 0; i < entries.size(); i++) {
        if (i > 0) {
          sb.append(' ');
        }
        sb.append(entries.get(i).getKey()).append(':');
        appendGo(sb, entries.get(i).getValue());
      }
      sb.append(']');
    } else if (value.isArray()) {
      sb.append('[');
      for (int i = 0; i < value.size(); i++) {
        if (i > 0) {
          sb.append(' ');
        }
        appendGo(sb, value.get(i));
      }
      sb.append(']');
    } else if (value.isIntegralNumber()) {
      sb.append(value.bigIntegerValue());
    } else if (value.isNumber()) {
      sb.append(goFloat(value.doubleValue()));
    } else {
      sb.append(value.asText());
    }
  }

  /** Go's {@code %v} of a float64: shortest digits, in exponent form when the exponent is below -4 or at least 6. */
  static String goFloat(double d) {
    if (Double.isNaN(d)) {
      return "NaN";
    } else if (Double.isInfinite(d)) {
      return d > 0 ? "+Inf" : "-Inf";
    } else if (d == 0) {
      return (1 / d < 0) ? "-0" : "0";
    }
    BigDecimal bd = new BigDecimal(Double.toString(Math.abs(d))).stripTrailingZeros();
    String digits = bd.unscaledValue().toString();
    int exp = bd.precision() - bd.scale() - 1;
    StringBuilder sb = new StringBuilder(d < 0 ? "-" : "");
    if (exp < -4 || exp >= 6) {
      sb.append(digits.charAt(0));
      if (digits.length() > 1) {
        sb.append('.').append(digits, 1, digits.length());
      }
      sb.append('e').append(exp < 0 ? '-' : '+');
      int abs = Math.abs(exp);
      if (abs < 10) {
        sb.append('0');
      }
      return sb.append(abs).toString();
    }
    return sb.append(bd.toPlainString()).toString();
  }
}
