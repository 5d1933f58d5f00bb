package dev.berth.api.validation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Validation and matching of {@code metav1.LabelSelector} trees ({@code matchLabels} + {@code
 * matchExpressions}), with upstream's messages.
 */
public final class LabelSelectors {

  private LabelSelectors() {}

  /** Validates a label map (keys are qualified names, values label values); errors are on {@code path}. */
  public static void validateLabels(JsonNode labels, FieldPath path, FieldErrorList errs) {
    if (labels == null || !labels.isObject()) {
      return;
    }
    labels.properties().forEach(e -> {
      errs.invalidEach(path, e.getKey(), Formats.qualifiedName(e.getKey()));
      String v = Nodes.text(e.getValue());
      errs.invalidEach(path, v, Formats.labelValue(v));
    });
  }

  /** ValidateLabelName: one Invalid per qualified-name rule broken. */
  public static void validateLabelName(String name, FieldPath path, FieldErrorList errs) {
    errs.invalidEach(path, name, Formats.qualifiedName(name));
  }

  /** Validates a LabelSelector object; a null selector is valid (callers decide if it is required). */
  public static void validate(JsonNode selector, FieldPath path, FieldErrorList errs) {
    if (selector == null || !selector.isObject()) {
      return;
    }
    validateLabels(Nodes.get(selector, "matchLabels"), path.child("matchLabels"), errs);
    FieldPath exprs = path.child("matchExpressions");
    Nodes.eachObject(selector, "matchExpressions", (i, req) -> validateRequirement(req, exprs.index(i), errs));
  }

  private static void validateRequirement(ObjectNode req, FieldPath path, FieldErrorList errs) {
    String op = Nodes.text(req, "operator");
    int values = Nodes.size(req, "values");
    switch (op) {
      case "In", "NotIn" -> {
        if (values == 0) {
          errs.required(path.child("values"), "must be specified when `operator` is 'In' or 'NotIn'");
        }
      }
      case "Exists", "DoesNotExist" -> {
        if (values > 0) {
          errs.forbidden(path.child("values"), "may not be specified when `operator` is 'Exists' or 'DoesNotExist'");
        }
      }
      default -> errs.invalid(path.child("operator"), op, "not a valid selector operator");
    }
    validateLabelName(Nodes.text(req, "key"), path.child("key"), errs);
    JsonNode vs = Nodes.get(req, "values");
    if (vs != null && vs.isArray()) {
      for (int i = 0; i < vs.size(); i++) {
        String v = Nodes.text(vs.get(i));
        errs.invalidEach(path.child("values").index(i), v, Formats.labelValue(v));
      }
    }
  }

  /** True when the selector has neither matchLabels nor matchExpressions (it selects everything). */
  public static boolean isEmpty(JsonNode selector) {
    return selector == null || (Nodes.size(selector, "matchLabels") == 0
        && Nodes.size(selector, "matchExpressions") == 0);
  }

  /** True when every requirement has a known operator (upstream's LabelSelectorAsSelector succeeds). */
  public static boolean isConvertible(JsonNode selector) {
    if (selector == null) {
      return true;
    }
    JsonNode exprs = Nodes.get(selector, "matchExpressions");
    if (exprs == null || !exprs.isArray()) {
      return true;
    }
    for (JsonNode req : exprs) {
      String op = Nodes.text(req, "operator");
      int values = Nodes.size(req, "values");
      boolean ok = switch (op) {
        case "In", "NotIn" -> values > 0;
        case "Exists", "DoesNotExist" -> values == 0;
        default -> false;
      };
      if (!ok) {
        return false;
      }
    }
    return true;
  }

  /**
   * Whether {@code labels} satisfy {@code selector}. An empty selector matches everything (as
   * upstream's converted selector does); an unconvertible one matches nothing.
   */
  public static boolean matches(JsonNode selector, JsonNode labels) {
    if (selector == null) {
      return true;
    }
    if (!isConvertible(selector)) {
      return false;
    }
    JsonNode ml = Nodes.get(selector, "matchLabels");
    if (ml != null && ml.isObject()) {
      for (var e : ml.properties()) {
        JsonNode actual = Nodes.get(labels, e.getKey());
        if (actual == null || !Nodes.text(actual).equals(Nodes.text(e.getValue()))) {
          return false;
        }
      }
    }
    JsonNode exprs = Nodes.get(selector, "matchExpressions");
    if (exprs != null && exprs.isArray()) {
      for (JsonNode req : exprs) {
        String key = Nodes.text(req, "key");
        JsonNode actual = Nodes.get(labels, key);
        boolean inValues = false;
        JsonNode vs = Nodes.get(req, "values");
        if (actual != null && vs != null) {
          for (JsonNode v : vs) {
            if (Nodes.text(v).equals(Nodes.text(actual))) {
              inValues = true;
              break;
            }
          }
        }
        boolean ok = switch (Nodes.text(req, "operator")) {
          case "In" -> actual != null && inValues;
          case "NotIn" -> actual == null || !inValues;
          case "Exists" -> actual != null;
          case "DoesNotExist" -> actual == null;
          default -> false;
        };
        if (!ok) {
          return false;
        }
      }
    }
    return true;
  }
}
