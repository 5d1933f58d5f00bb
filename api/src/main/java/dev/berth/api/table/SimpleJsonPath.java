package dev.berth.api.table;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The subset of kubectl's JSONPath that CRD {@code additionalPrinterColumns} use in practice:
 * {@code .a.b}, {@code ['a.b']}, {@code [0]}, {@code [-1]}, {@code [*]}, {@code .*} and filters
 * {@code [?(@.type=="Ready")]} with {@code ==} or {@code !=} against a string, number or boolean.
 * Parsed once per column; evaluation allocates only for wildcard or filter steps.
 */
final class SimpleJsonPath {

  private sealed interface Step permits Field, Index, Wildcard, Filter {}

  private record Field(String name) implements Step {}

  private record Index(int index) implements Step {}

  private record Wildcard() implements Step {}

  private record Filter(List<String> path, boolean equal, JsonNode literal) implements Step {}

  private final List<Step> steps;

  private SimpleJsonPath(List<Step> steps) {
    this.steps = steps;
  }

  /** Parses {@code path} (optionally wrapped in braces); empty when it uses unsupported syntax. */
  static Optional<SimpleJsonPath> parse(String path) {
    String p = path.trim();
    if (p.startsWith("{") && p.endsWith("}")) {
      p = p.substring(1, p.length() - 1).trim();
    }
    if (p.isEmpty()) {
      return Optional.empty();
    }
    List<Step> steps = new ArrayList<>();
    int i = 0;
    if (p.charAt(0) == '$') {
      i = 1;
    }
    while (i < p.length()) {
      char c = p.charAt(i);
      if (c == '.') {
        i++;
        if (i < p.length() && p.charAt(i) == '.') {
          return Optional.empty(); // recursive descent is not supported
        }
        int start = i;
        while (i < p.length() && p.charAt(i) != '.' && p.charAt(i) != '[') {
          i++;
        }
        String name = p.substring(start, i);
        if (name.equals("*")) {
          steps.add(new Wildcard());
        } else if (!name.isEmpty()) {
          steps.add(new Field(name));
        } else if (i < p.length()) {
          return Optional.empty();
        }
      } else if (c == '[') {
        int end = closingBracket(p, i);
        if (end < 0) {
          return Optional.empty();
        }
        Step step = bracket(p.substring(i + 1, end).trim());
        if (step == null) {
          return Optional.empty();
        }
        steps.add(step);
        i = end + 1;
      } else {
        return Optional.empty();
      }
    }
    return Optional.of(new SimpleJsonPath(List.copyOf(steps)));
  }

  private static int closingBracket(String p, int open) {
    char quote = 0;
    for (int i = open + 1; i < p.length(); i++) {
      char c = p.charAt(i);
      if (quote != 0) {
        if (c == quote) {
          quote = 0;
        }
      } else if (c == '\'' || c == '"') {
        quote = c;
      } else if (c == ']') {
        return i;
      }
    }
    return -1;
  }

  private static Step bracket(String inner) {
    if (inner.equals("*")) {
      return new Wildcard();
    }
    if (inner.length() >= 2 && (inner.charAt(0) == '\'' || inner.charAt(0) == '"')
        && inner.charAt(inner.length() - 1) == inner.charAt(0)) {
      return new Field(inner.substring(1, inner.length() - 1));
    }
    if (inner.startsWith("?(") && inner.endsWith(")")) {
      return filter(inner.substring(2, inner.length() - 1).trim());
    }
    try {
      return new Index(Integer.parseInt(inner));
    } catch (NumberFormatException e) {
      return null;
    }
  }

  private static Step filter(String expr) {
    int op = expr.indexOf("==");
    boolean equal = true;
    int opNe = expr.indexOf("!=");
    if (opNe >= 0 && (op < 0 || opNe < op)) {
      op = opNe;
      equal = false;
    }
    if (op < 0 || !expr.startsWith("@.")) {
      return null;
    }
    String left = expr.substring(2, op).trim();
    String right = expr.substring(op + 2).trim();
    List<String> path = List.of(left.split("\\.", -1));
    if (path.stream().anyMatch(String::isEmpty)) {
      return null;
    }
    JsonNode literal;
    if (right.length() >= 2 && (right.charAt(0) == '"' || right.charAt(0) == '\'')
        && right.charAt(right.length() - 1) == right.charAt(0)) {
      literal = com.fasterxml.jackson.databind.node.TextNode.valueOf(right.substring(1, right.length() - 1));
    } else if (right.equals("true") || right.equals("false")) {
      literal = com.fasterxml.jackson.databind.node.BooleanNode.valueOf(Boolean.parseBoolean(right));
    } else {
      try {
        literal = com.fasterxml.jackson.databind.node.DoubleNode.valueOf(Double.parseDouble(right));
      } catch (NumberFormatException e) {
        return null;
      }
    }
    return new Filter(path, equal, literal);
  }

  /** The first value the path selects, or null when it selects nothing. */
  JsonNode first(JsonNode root) {
    return first(root, 0);
  }

  private JsonNode first(JsonNode node, int from) {
    JsonNode current = node;
    for (int s = from; s < steps.size(); s++) {
      Step step = steps.get(s);
      switch (step) {
        case Field f -> current = current.get(f.name());
        case Index ix -> {
          if (!current.isArray()) {
            return null;
          }
          int i = ix.index() < 0 ? current.size() + ix.index() : ix.index();
          current = i >= 0 && i < current.size() ? current.get(i) : null;
        }
        case Wildcard w -> {
          for (JsonNode child : children(current)) {
            JsonNode found = first(child, s + 1);
            if (found != null) {
              return found;
            }
          }
          return null;
        }
        case Filter f -> {
          for (JsonNode child : children(current)) {
            if (matches(child, f)) {
              JsonNode found = first(child, s + 1);
              if (found != null) {
                return found;
              }
            }
          }
          return null;
        }
      }
      if (current == null || current.isMissingNode()) {
        return null;
      }
    }
    return current;
  }

  private static Iterable<JsonNode> children(JsonNode node) {
    return node.isContainerNode() ? node : List.of();
  }

  private static boolean matches(JsonNode item, Filter f) {
    JsonNode value = item;
    for (String name : f.path()) {
      value = value.path(name);
    }
    if (value.isMissingNode()) {
      return false;
    }
    boolean same;
    if (f.literal().isNumber()) {
      same = value.isNumber() && value.doubleValue() == f.literal().doubleValue();
    } else {
      same = value.equals(f.literal());
    }
    return same == f.equal();
  }
}
