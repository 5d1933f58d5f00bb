package dev.berth.api.kinds;

import com.fasterxml.jackson.databind.JsonNode;
import dev.berth.api.validation.FieldErrorList;
import dev.berth.api.validation.FieldPath;
import dev.berth.api.validation.Formats;
import dev.berth.api.validation.Nodes;

/** IntOrString fields that hold a count or a percentage ({@code maxSurge: 25%}). */
final class IntOrPercent {

  private IntOrPercent() {}

  /** ValidatePositiveIntOrPercent: a valid percent string, or a non-negative integer. */
  static void validatePositive(JsonNode v, FieldPath p, FieldErrorList errs) {
    if (v == null) {
      return;
    }
    if (v.isTextual()) {
      errs.invalidEach(p, v.textValue(), Formats.percent(v.textValue()));
    } else if (v.isIntegralNumber()) {
      if (v.longValue() < 0) {
        errs.invalid(p, v.longValue(), "must be greater than or equal to 0");
      }
    } else {
      errs.invalid(p, v, "must be an integer or percentage (e.g '5%%')");
    }
  }

  /** The percentage, or null when the value is not a valid percent string. */
  static Integer percent(JsonNode v) {
    if (v == null || !v.isTextual() || !Formats.percent(v.textValue()).isEmpty()) {
      return null;
    }
    String digits = v.textValue().substring(0, v.textValue().length() - 1);
    try {
      return Integer.parseInt(digits);
    } catch (NumberFormatException e) {
      return Integer.MAX_VALUE;
    }
  }

  /** getIntOrPercentValue: the percentage or the integer (strings that are neither read as 0). */
  static long value(JsonNode v) {
    Integer pct = percent(v);
    if (pct != null) {
      return pct;
    }
    if (v != null && v.isIntegralNumber()) {
      return v.longValue();
    }
    if (v != null && v.isTextual()) {
      try {
        return Long.parseLong(v.textValue());
      } catch (NumberFormatException e) {
        return 0;
      }
    }
    return 0;
  }

  static void notMoreThan100Percent(JsonNode v, FieldPath p, FieldErrorList errs) {
    Integer pct = percent(v);
    if (pct != null && pct > 100) {
      errs.invalid(p, Nodes.orNull(v), "must not be greater than 100%");
    }
  }
}
