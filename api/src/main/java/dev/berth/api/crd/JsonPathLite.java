package dev.berth.api.crd;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.DecimalNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.berth.api.codec.GoQuote;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The subset of Kubernetes JSONPath that CRDs use in {@code additionalPrinterColumns} and in the scale
 * subresource's paths: {@code .spec.replicas}, {@code .metadata.labels['app']},
 * {@code .metadata.annotations.kubectl\.kubernetes\.io/last-applied-configuration},
 * {@code .spec.items[0]}, {@code [-1]}, {@code [1:3]}, {@code [*]}, {@code .*}, and filters
 * {@code .status.conditions[?(@.type=="Ready")].status} (==, !=, <, <=, >, >=, or bare existence).
 * An optional {@code {...}} wrapper and leading {@code $} are accepted. Recursive descent
 * ({@code ..}), unions and functions are not supported. Missing keys yield no result rather than an
 * error, as the Table printer evaluates with missing keys allowed. Immutable and thread-safe.
 */
public final class JsonPathLite {

  private sealed interface Step permits Field, Index, Slice, Wildcard, Filter {}

  private record Field(String name) implements Step {}

  private record Index(int index) implements Step {}

  private record Slice(Integer from, Integer to) implements Step {}

  private record Wildcard() implements Step {}

  private record Filter(List<Step> left, String op, JsonNode right) implements Step {}

  private final String expression;
  private final List<Step> steps;

  private JsonPathLite(String expression, List<Step> steps) {
    this.expression = expression;
    this.steps = steps;
  }

  /**
   * Parses an expression; throws {@link IllegalArgumentException} with the reason when it is not in
   * the supported subset (use {@link #problem} to check user input without exceptions).
   */
  public static JsonPathLite parse(String expression) {
    String e = expression.strip();
    if (e.startsWith("{") && e.endsWith("}")) {
      e = e.substring(1, e.length() - 1).strip();
    }
    return new JsonPathLite(expression, new Parser(e).steps(false));
  }

  /** The reason an expression cannot be parsed, or empty when it can. */
  public static Optional<String> problem(String expression) {
    try {
      parse(expression);
      return Optional.empty();
    } catch (IllegalArgumentException e) {
      return Optional.of(e.getMessage());
    }
  }

  public String expression() {
    return expression;
  }

  /** Every value the path selects, in document order; empty when nothing matches. */
  public List<JsonNode> evaluate(JsonNode root) {
    return apply(steps, root);
  }

  /** The first value selected, if any. */
  public Optional<JsonNode> first(JsonNode root) {
    List<JsonNode> all = evaluate(root);
    return all.isEmpty() ? Optional.empty() : Optional.of(all.get(0));
  }

  /** Whether the path is a plain chain of field names ({@code .spec.replicas}): it can be set. */
  public boolean isFieldPath() {
    return !steps.isEmpty() && steps.stream().allMatch(s -> s instanceof Field);
  }

  /**
   * Sets the value at a plain field path, creating missing objects on the way (what the scale
   * subresource does with {@code specReplicasPath}). Returns false when an intermediate value is not
   * an object or the path is not a field path.
   */
  public boolean set(ObjectNode root, JsonNode value) {
    if (!isFieldPath()) {
      return false;
    }
    ObjectNode current = root;
    for (int i = 0; i < steps.size() - 1; i++) {
      String name = ((Field) steps.get(i)).name();
      JsonNode next = current.get(name);
      if (next == null || next.isNull()) {
        current = current.putObject(name);
      } else if (next instanceof ObjectNode o) {
        current = o;
      } else {
        return false;
      }
    }
    current.set(((Field) steps.get(steps.size() - 1)).name(), value);
    return true;
  }

  @Override
  public String toString() {
    return expression;
  }

  private static List<JsonNode> apply(List<Step> steps, JsonNode root) {
    List<JsonNode> current = new ArrayList<>(1);
    if (root != null) {
      current.add(root);
    }
    for (Step step : steps) {
      List<JsonNode> next = new ArrayList<>();
      for (JsonNode n : current) {
        step(step, n, next);
      }
      current = next;
      if (current.isEmpty()) {
        break;
      }
    }
    return current;
  }

  private static void step(Step step, JsonNode n, List<JsonNode> out) {
    switch (step) {
      case Field f -> {
        JsonNode v = n.isObject() ? n.get(f.name()) : null;
        if (v != null) {
          out.add(v);
        }
      }
      case Index i -> {
        if (n.isArray()) {
          int idx = i.index() < 0 ? n.size() + i.index() : i.index();
          if (idx >= 0 && idx < n.size()) {
            out.add(n.get(idx));
          }
        }
      }
      case Slice s -> {
        if (n.isArray()) {
          int size = n.size();
          int from = clamp(s.from() == null ? 0 : s.from(), size);
          int to = clamp(s.to() == null ? size : s.to(), size);
          for (int k = from; k < to; k++) {
            out.add(n.get(k));
          }
        }
      }
      case Wildcard w -> {
        if (n.isContainerNode()) {
          n.forEach(out::add);
        }
      }
      case Filter f -> {
        if (n.isArray()) {
          for (JsonNode element : n) {
            if (matches(f, element)) {
              out.add(element);
            }
          }
        }
      }
    }
  }

  private static int clamp(int i, int size) {
    int v = i < 0 ? size + i : i;
    return Math.max(0, Math.min(size, v));
  }

  private static boolean matches(Filter f, JsonNode element) {
    List<JsonNode> left = apply(f.left(), element);
    if (f.op() == null) {
      return !left.isEmpty();
    }
    for (JsonNode l : left) {
      if (compare(l, f.op(), f.right())) {
        return true;
      }
    }
    return false;
  }

  private static boolean compare(JsonNode l, String op, JsonNode r) {
    int c;
    if (l.isNumber() && r.isNumber()) {
      c = l.decimalValue().compareTo(r.decimalValue());
    } else if (l.isTextual() && r.isTextual()) {
      c = l.textValue().compareTo(r.textValue());
    } else if (l.isBoolean() && r.isBoolean()) {
      c = Boolean.compare(l.booleanValue(), r.booleanValue());
    } else {
      return op.equals("!=");
    }
    return switch (op) {
      case "==" -> c == 0;
      case "!=" -> c != 0;
      case "<" -> c < 0;
      case "<=" -> c <= 0;
      case ">" -> c > 0;
      default -> c >= 0;
    };
  }

  /** A recursive-descent parser over the expression text. */
  private static final class Parser {
    private final String s;
    private int pos;

    Parser(String s) {
      this.s = s;
    }

    List<Step> steps(boolean inFilter) {
      List<Step> steps = new ArrayList<>();
      if (!inFilter && pos < s.length() && s.charAt(pos) == '$') {
        pos++;
      }
      while (pos < s.length()) {
        char c = s.charAt(pos);
        if (inFilter && (c == ')' || c == ' ' || c == '=' || c == '!' || c == '<' || c == '>')) {
          break;
        }
        if (c == '.') {
          pos++;
          if (pos < s.length() && s.charAt(pos) == '.') {
            throw fail("recursive descent (..) is not supported");
          }
          if (pos < s.length() && s.charAt(pos) == '*') {
            pos++;
            steps.add(new Wildcard());
          } else if (pos < s.length() && s.charAt(pos) == '[') {
            continue; // ".[0]" is accepted like "[0]"
          } else {
            steps.add(new Field(name(inFilter)));
          }
        } else if (c == '[') {
          steps.add(bracket());
        } else if (steps.isEmpty() && !inFilter && Character.isLetter(c)) {
          steps.add(new Field(name(false))); // "spec.replicas" without a leading dot
        } else {
          throw fail("unexpected '" + c + "'");
        }
      }
      if (steps.isEmpty() && !inFilter) {
        throw fail("empty path");
      }
      return steps;
    }

    private String name(boolean inFilter) {
      StringBuilder sb = new StringBuilder();
      while (pos < s.length()) {
        char c = s.charAt(pos);
        if (c == '\\' && pos + 1 < s.length()) {
          sb.append(s.charAt(pos + 1));
          pos += 2;
          continue;
        }
        if (c == '.' || c == '[' || (inFilter && (c == ')' || c == ' ' || c == '=' || c == '!'
            || c == '<' || c == '>'))) {
          break;
        }
        sb.append(c);
        pos++;
      }
      if (sb.isEmpty()) {
        throw fail("missing field name");
      }
      return sb.toString();
    }

    private Step bracket() {
      pos++; // '['
      skipSpaces();
      if (pos >= s.length()) {
        throw fail("unterminated [");
      }
      char c = s.charAt(pos);
      Step step;
      if (c == '\'' || c == '"') {
        step = new Field(quoted());
      } else if (c == '*') {
        pos++;
        step = new Wildcard();
      } else if (c == '?') {
        step = filter();
      } else {
        int close = s.indexOf(']', pos);
        if (close < 0) {
          throw fail("unterminated [");
        }
        String inner = s.substring(pos, close).strip();
        pos = close;
        step = indexOrSlice(inner);
      }
      skipSpaces();
      if (pos >= s.length() || s.charAt(pos) != ']') {
        throw fail("expected ]");
      }
      pos++;
      return step;
    }

    private Step indexOrSlice(String inner) {
      try {
        int colon = inner.indexOf(':');
        if (colon < 0) {
          return new Index(Integer.parseInt(inner));
        }
        String a = inner.substring(0, colon).strip();
        String rest = inner.substring(colon + 1);
        int second = rest.indexOf(':');
        String b = (second < 0 ? rest : rest.substring(0, second)).strip();
        if (second >= 0 && !rest.substring(second + 1).strip().matches("1?")) {
          throw fail("slice steps are not supported");
        }
        return new Slice(a.isEmpty() ? null : Integer.valueOf(a), b.isEmpty() ? null : Integer.valueOf(b));
      } catch (NumberFormatException e) {
        throw fail("invalid array index '" + inner + "'");
      }
    }

    private Step filter() {
      pos++; // '?'
      expect('(');
      skipSpaces();
      expect('@');
      List<Step> left = steps(true);
      skipSpaces();
      String op = null;
      JsonNode right = null;
      if (pos < s.length() && s.charAt(pos) != ')') {
        op = operator();
        skipSpaces();
        right = literal();
        skipSpaces();
      }
      expect(')');
      return new Filter(left, op, right);
    }

    private String operator() {
      for (String op : new String[] {"==", "!=", "<=", ">=", "<", ">"}) {
        if (s.startsWith(op, pos)) {
          pos += op.length();
          return op;
        }
      }
      throw fail("unknown operator");
    }

    private JsonNode literal() {
      if (pos >= s.length()) {
        throw fail("missing value");
      }
      char c = s.charAt(pos);
      if (c == '\'' || c == '"') {
        return TextNode.valueOf(quoted());
      }
      int start = pos;
      while (pos < s.length() && s.charAt(pos) != ')' && s.charAt(pos) != ' ') {
        pos++;
      }
      String token = s.substring(start, pos);
      if (token.equals("true") || token.equals("false")) {
        return BooleanNode.valueOf(token.equals("true"));
      }
      try {
        return DecimalNode.valueOf(new BigDecimal(token));
      } catch (NumberFormatException e) {
        throw fail("invalid value '" + token + "'");
      }
    }

    private String quoted() {
      char q = s.charAt(pos++);
      StringBuilder sb = new StringBuilder();
      while (pos < s.length() && s.charAt(pos) != q) {
        char c = s.charAt(pos);
        if (c == '\\' && pos + 1 < s.length()) {
          sb.append(s.charAt(pos + 1));
          pos += 2;
        } else {
          sb.append(c);
          pos++;
        }
      }
      if (pos >= s.length()) {
        throw fail("unterminated quote");
      }
      pos++;
      return sb.toString();
    }

    private void expect(char c) {
      if (pos >= s.length() || s.charAt(pos) != c) {
        throw fail("expected '" + c + "'");
      }
      pos++;
    }

    private void skipSpaces() {
      while (pos < s.length() && s.charAt(pos) == ' ') {
        pos++;
      }
    }

    private IllegalArgumentException fail(String why) {
      return new IllegalArgumentException("invalid JSONPath " + GoQuote.quote(s)
          + " at position " + pos + ": " + why);
    }
  }
}
