package dev.berth.api.table;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Renders a {@code metav1.LabelSelector} the way upstream's printers do: converted to a
 * {@code labels.Selector} and printed as "app=web,tier in (a,b),!legacy" with requirements sorted by
 * key and set values sorted.
 */
final class LabelSelectors {

  private LabelSelectors() {}

  /** upstream metav1.FormatLabelSelector: "&lt;none&gt;" when empty, "&lt;error&gt;" when invalid. */
  static String format(JsonNode selector) {
    String s = selectorString(selector);
    if (s == null) {
      return "<error>";
    }
    return s.isEmpty() ? Cells.NONE : s;
  }

  /**
   * {@code LabelSelectorAsSelector(sel).String()} as the Deployment printer uses it: "" when empty
   * or absent, "&lt;invalid&gt;" when the selector cannot be converted.
   */
  static String asSelector(JsonNode selector) {
    String s = selectorString(selector);
    return s == null ? "<invalid>" : s;
  }

  /** The selector string, "" for nil or empty selectors, null when a requirement is invalid. */
  private static String selectorString(JsonNode selector) {
    if (!selector.isObject()) {
      return "";
    }
    JsonNode matchLabels = selector.path("matchLabels");
    JsonNode expressions = selector.path("matchExpressions");
    int labelCount = matchLabels.isObject() ? matchLabels.size() : 0;
    int exprCount = expressions.isArray() ? expressions.size() : 0;
    if (labelCount + exprCount == 0) {
      return "";
    }
    if (labelCount == 1 && exprCount == 0) {
      Map.Entry<String, JsonNode> e = matchLabels.fields().next();
      return e.getKey() + "=" + Cells.text(e.getValue());
    }
    List<String[]> requirements = new ArrayList<>(labelCount + exprCount);
    for (Iterator<Map.Entry<String, JsonNode>> it = matchLabels.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      requirements.add(new String[] {e.getKey(), e.getKey() + "=" + Cells.text(e.getValue())});
    }
    for (int i = 0; i < exprCount; i++) {
      JsonNode expr = expressions.get(i);
      String key = Cells.text(expr.path("key"));
      String rendered = requirement(key, Cells.text(expr.path("operator")), expr.path("values"));
      if (rendered == null) {
        return null;
      }
      requirements.add(new String[] {key, rendered});
    }
    // labels.Selector.Add keeps requirements sorted by key.
    requirements.sort(Comparator.comparing(r -> r[0]));
    StringBuilder sb = new StringBuilder();
    for (String[] r : requirements) {
      if (!sb.isEmpty()) {
        sb.append(',');
      }
      sb.append(r[1]);
    }
    return sb.toString();
  }

  private static String requirement(String key, String operator, JsonNode values) {
    if (key.isEmpty()) {
      return null;
    }
    int n = values.isArray() ? values.size() : 0;
    return switch (operator) {
      case "In", "NotIn" -> {
        if (n == 0) {
          yield null;
        }
        String[] sorted = new String[n];
        for (int i = 0; i < n; i++) {
          sorted[i] = Cells.text(values.get(i));
        }
        Arrays.sort(sorted);
        yield key + ("In".equals(operator) ? " in (" : " notin (") + String.join(",", sorted) + ")";
      }
      case "Exists" -> n == 0 ? key : null;
      case "DoesNotExist" -> n == 0 ? "!" + key : null;
      default -> null;
    };
  }

  /**
   * The Go (gogo-protobuf) {@code String()} of a LabelSelector, which the admission policy binding
   * printer shows verbatim for selector-based param references.
   */
  static String goString(JsonNode selector) {
    StringBuilder sb = new StringBuilder("&LabelSelector{MatchLabels:map[string]string{");
    JsonNode matchLabels = selector.path("matchLabels");
    if (matchLabels.isObject()) {
      for (String k : Cells.sortedKeys(matchLabels)) {
        sb.append(k).append(": ").append(Cells.text(matchLabels.path(k))).append(',');
      }
    }
    sb.append("},MatchExpressions:[]LabelSelectorRequirement{");
    JsonNode expressions = selector.path("matchExpressions");
    for (int i = 0; i < Cells.size(expressions); i++) {
      JsonNode expr = expressions.get(i);
      sb.append("LabelSelectorRequirement{Key:").append(Cells.text(expr.path("key")))
          .append(",Operator:").append(Cells.text(expr.path("operator")))
          .append(",Values:[").append(Cells.joinTexts(expr.path("values"), " ")).append("],},");
    }
    return sb.append("},}").toString();
  }
}
