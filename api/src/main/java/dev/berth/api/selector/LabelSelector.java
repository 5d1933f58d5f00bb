package dev.berth.api.selector;

import com.fasterxml.jackson.databind.JsonNode;
import dev.berth.api.status.ApiErrors;
import dev.berth.api.status.ApiException;
import dev.berth.api.validation.FieldError;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * An immutable label selector with the semantics of upstream {@code k8s.io/apimachinery/pkg/labels}:
 * the AND of {@link Requirement}s, kept sorted by key.
 *
 * <p>Built by {@link #parse} from the query-string grammar ({@code app=web,tier in (a,b),!canary}), by
 * {@link #fromLabelSelector} from a {@code metav1.LabelSelector} object, or programmatically. Matching
 * allocates nothing; it runs on every watch event for every watcher with a selector.
 *
 * <p>{@link #everything()} matches all objects, {@link #nothing()} none (upstream's {@code Nothing()}, what
 * a missing {@code metav1.LabelSelector} converts to).
 */
public final class LabelSelector {

  /** The requirement operators, spelled as upstream's {@code selection.Operator}. */
  public enum Operator {
    IN("in"),
    NOT_IN("notin"),
    EQUALS("="),
    DOUBLE_EQUALS("=="),
    NOT_EQUALS("!="),
    GREATER_THAN("gt"),
    LESS_THAN("lt"),
    EXISTS("exists"),
    DOES_NOT_EXIST("!");

    private final String text;

    Operator(String text) {
      this.text = text;
    }

    /** The operator as upstream spells it in messages ({@code in}, {@code notin}, {@code =}, ...). */
    public String text() {
      return text;
    }
  }

  /** A parsed selector or the reason it could not be parsed; parsing failures are client errors. */
  public record ParseResult(LabelSelector selector, String error) {

    public boolean ok() {
      return selector != null;
    }

    /** The selector, or a 400 BadRequest carrying {@link #error()}. */
    public LabelSelector orElseThrow() {
      if (selector == null) {
        throw ApiErrors.badRequest(error);
      }
      return selector;
    }
  }

  private static final LabelSelector EVERYTHING = new LabelSelector(new Requirement[0], false);
  private static final LabelSelector NOTHING = new LabelSelector(new Requirement[0], true);
  private static final Comparator<Requirement> BY_KEY = Comparator.comparing(Requirement::key);

  private final Requirement[] requirements;
  private final boolean nothing;

  private LabelSelector(Requirement[] sortedRequirements, boolean nothing) {
    this.requirements = sortedRequirements;
    this.nothing = nothing;
  }

  /** The selector that matches every object (the empty selector). */
  public static LabelSelector everything() {
    return EVERYTHING;
  }

  /** The selector that matches no object. Its {@link #toString()} is empty, as upstream's. */
  public static LabelSelector nothing() {
    return NOTHING;
  }

  /** A selector of the given requirements (sorted by key, stable for equal keys). */
  public static LabelSelector of(List<Requirement> requirements) {
    if (requirements.isEmpty()) {
      return EVERYTHING;
    }
    Requirement[] sorted = requirements.toArray(new Requirement[0]);
    Arrays.sort(sorted, BY_KEY);
    return new LabelSelector(sorted, false);
  }

  /**
   * The selector matching exactly the given labels ({@code k=v} for each entry); empty gives
   * {@link #everything()}. Keys and values must be valid, as for labels already stored on an object.
   */
  public static LabelSelector fromSet(Map<String, String> labels) {
    List<Requirement> reqs = new ArrayList<>(labels.size());
    labels.forEach((k, v) -> reqs.add(Requirement.of(k, Operator.EQUALS, List.of(v))));
    return of(reqs);
  }

  /**
   * Parses the query-string grammar exactly as upstream {@code labels.Parse}; a failure is a 400
   * BadRequest with upstream's message (e.g. {@code unable to parse requirement: ...}).
   */
  public static LabelSelector parse(String selector) {
    return tryParse(selector).orElseThrow();
  }

  /** Like {@link #parse} but returns the failure as a value. */
  public static ParseResult tryParse(String selector) {
    return new Parser(selector).parse();
  }

  /**
   * Converts a {@code metav1.LabelSelector} object ({@code matchLabels} and {@code matchExpressions}) as
   * upstream {@code metav1.LabelSelectorAsSelector}: a missing or JSON-null selector selects
   * {@link #nothing()}, an empty one {@link #everything()}. Run {@link #validate} first to get 422-worthy
   * field errors; this method reports only the first problem, as a message.
   */
  public static ParseResult fromLabelSelector(JsonNode selector) {
    if (selector == null || selector.isNull() || selector.isMissingNode()) {
      return new ParseResult(NOTHING, null);
    }
    if (!selector.isObject()) {
      return new ParseResult(null, "label selector must be an object");
    }
    JsonNode matchLabels = selector.path("matchLabels");
    JsonNode matchExpressions = selector.path("matchExpressions");
    List<Requirement> reqs = new ArrayList<>(matchLabels.size() + matchExpressions.size());
    for (Map.Entry<String, JsonNode> e : matchLabels.properties()) {
      String problem = Requirement.problem(e.getKey(), Operator.EQUALS, List.of(e.getValue().asText()), "");
      if (problem != null) {
        return new ParseResult(null, problem);
      }
      reqs.add(new Requirement(e.getKey(), Operator.EQUALS, List.of(e.getValue().asText())));
    }
    for (JsonNode expr : matchExpressions) {
      String opName = expr.path("operator").asText();
      Operator op = switch (opName) {
        case "In" -> Operator.IN;
        case "NotIn" -> Operator.NOT_IN;
        case "Exists" -> Operator.EXISTS;
        case "DoesNotExist" -> Operator.DOES_NOT_EXIST;
        default -> null;
      };
      if (op == null) {
        return new ParseResult(null, "\"" + opName + "\" is not a valid label selector operator");
      }
      String key = expr.path("key").asText();
      List<String> values = new ArrayList<>();
      expr.path("values").forEach(v -> values.add(v.asText()));
      String problem = Requirement.problem(key, op, values, "");
      if (problem != null) {
        return new ParseResult(null, problem);
      }
      reqs.add(new Requirement(key, op, values));
    }
    return new ParseResult(of(reqs), null);
  }

  /**
   * Validates a {@code metav1.LabelSelector} object as upstream {@code ValidateLabelSelector} does for
   * new objects (label values in expressions are checked too). {@code path} is the selector's field path,
   * e.g. {@code spec.selector}; a null or missing selector is valid.
   */
  public static List<FieldError> validate(JsonNode selector, String path) {
    List<FieldError> errors = new ArrayList<>(0);
    if (selector == null || selector.isNull() || selector.isMissingNode()) {
      return errors;
    }
    if (!selector.isObject()) {
      errors.add(typeError(path, selector, "object"));
      return errors;
    }
    JsonNode matchLabels = selector.path("matchLabels");
    String labelsPath = path + ".matchLabels";
    if (!matchLabels.isMissingNode() && !matchLabels.isNull() && !matchLabels.isObject()) {
      errors.add(typeError(labelsPath, matchLabels, "object"));
    } else {
      for (Map.Entry<String, JsonNode> e : matchLabels.properties()) {
        for (String msg : LabelValidation.labelKeyErrors(e.getKey())) {
          errors.add(FieldError.invalid(labelsPath, e.getKey(), msg));
        }
        if (!e.getValue().isTextual()) {
          errors.add(typeError(labelsPath + "." + e.getKey(), e.getValue(), "string"));
          continue;
        }
        for (String msg : LabelValidation.labelValueErrors(e.getValue().textValue())) {
          errors.add(FieldError.invalid(labelsPath, e.getValue().textValue(), msg));
        }
      }
    }
    JsonNode exprs = selector.path("matchExpressions");
    String exprsPath = path + ".matchExpressions";
    if (!exprs.isMissingNode() && !exprs.isNull() && !exprs.isArray()) {
      errors.add(typeError(exprsPath, exprs, "array"));
      return errors;
    }
    for (int i = 0; i < exprs.size(); i++) {
      validateRequirement(exprs.get(i), exprsPath + "[" + i + "]", errors);
    }
    return errors;
  }

  private static void validateRequirement(JsonNode expr, String path, List<FieldError> errors) {
    if (!expr.isObject()) {
      errors.add(typeError(path, expr, "object"));
      return;
    }
    JsonNode values = expr.path("values");
    int valueCount = values.isArray() ? values.size() : 0;
    String op = expr.path("operator").asText("");
    switch (op) {
      case "In", "NotIn" -> {
        if (valueCount == 0) {
          errors.add(FieldError.required(path + ".values",
              "must be specified when `operator` is 'In' or 'NotIn'"));
        }
      }
      case "Exists", "DoesNotExist" -> {
        if (valueCount > 0) {
          errors.add(FieldError.forbidden(path + ".values",
              "may not be specified when `operator` is 'Exists' or 'DoesNotExist'"));
        }
      }
      default -> errors.add(FieldError.invalid(path + ".operator", op, "not a valid selector operator"));
    }
    String key = expr.path("key").asText("");
    for (String msg : LabelValidation.labelKeyErrors(key)) {
      errors.add(FieldError.invalid(path + ".key", key, msg));
    }
    if (!values.isMissingNode() && !values.isNull() && !values.isArray()) {
      errors.add(typeError(path + ".values", values, "array"));
      return;
    }
    for (int i = 0; i < valueCount; i++) {
      JsonNode v = values.get(i);
      if (!v.isTextual()) {
        errors.add(typeError(path + ".values[" + i + "]", v, "string"));
        continue;
      }
      for (String msg : LabelValidation.labelValueErrors(v.textValue())) {
        errors.add(FieldError.invalid(path + ".values[" + i + "]", v.textValue(), msg));
      }
    }
  }

  private static FieldError typeError(String path, JsonNode value, String type) {
    return new FieldError(FieldError.Type.TYPE_INVALID, path, value, "must be of type " + type);
  }

  /** The requirements, sorted by key. Empty for both {@link #everything()} and {@link #nothing()}. */
  public List<Requirement> requirements() {
    return Collections.unmodifiableList(Arrays.asList(requirements));
  }

  /** True when this selector does not restrict anything (matches every object). */
  public boolean isEmpty() {
    return !nothing && requirements.length == 0;
  }

  /** True only for {@link #nothing()}. */
  public boolean matchesNothing() {
    return nothing;
  }

  /** This selector and the given requirements (upstream {@code Add}); {@link #nothing()} stays nothing. */
  public LabelSelector with(Requirement... more) {
    if (nothing || more.length == 0) {
      return this;
    }
    Requirement[] all = Arrays.copyOf(requirements, requirements.length + more.length);
    System.arraycopy(more, 0, all, requirements.length, more.length);
    Arrays.sort(all, BY_KEY);
    return new LabelSelector(all, false);
  }

  /** Whether the labels satisfy every requirement. */
  public boolean matches(Map<String, String> labels) {
    if (nothing) {
      return false;
    }
    for (Requirement r : requirements) {
      if (!r.matchesValue(labels.get(r.key))) {
        return false;
      }
    }
    return true;
  }

  /** Whether the object's {@code metadata.labels} satisfy every requirement. */
  public boolean matchesObject(JsonNode object) {
    if (nothing) {
      return false;
    }
    if (requirements.length == 0) {
      return true;
    }
    return matchesLabels(object.path("metadata").path("labels"));
  }

  /** Whether a labels object ({@code {"app":"web"}}; missing or null means none) satisfies this selector. */
  public boolean matchesLabels(JsonNode labels) {
    if (nothing) {
      return false;
    }
    for (Requirement r : requirements) {
      JsonNode v = labels.get(r.key);
      if (!r.matchesValue(v == null || v.isNull() ? null : v.asText())) {
        return false;
      }
    }
    return true;
  }

  /**
   * If this selector requires {@code label} to have one specific value ({@code =}, {@code ==} or a
   * one-value {@code in}), that value; upstream {@code RequiresExactMatch}, useful for index lookups.
   */
  public Optional<String> requiresExactMatch(String label) {
    for (Requirement r : requirements) {
      if (r.key.equals(label)) {
        return switch (r.operator) {
          case EQUALS, DOUBLE_EQUALS, IN -> r.values.length == 1 ? Optional.of(r.values[0]) : Optional.empty();
          default -> Optional.empty();
        };
      }
    }
    return Optional.empty();
  }

  /** The canonical form, as upstream {@code String()}: {@code app=web,tier in (a,b)}; empty for nothing. */
  @Override
  public String toString() {
    if (requirements.length == 1) {
      return requirements[0].toString();
    }
    return Arrays.stream(requirements).map(Requirement::toString).collect(Collectors.joining(","));
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof LabelSelector other && nothing == other.nothing
        && Arrays.equals(requirements, other.requirements);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(requirements) * 31 + (nothing ? 1 : 0);
  }

  /**
   * One requirement: a key, an operator and values. Immutable; the value lookup for {@code in} with many
   * values is a hash set, and the {@code gt}/{@code lt} bound is parsed once.
   */
  public static final class Requirement {

    /** Above this many values a hash set beats a linear scan. */
    private static final int SET_THRESHOLD = 8;

    private final String key;
    private final Operator operator;
    private final String[] values;
    private final Set<String> valueSet;
    private final long bound;

    private Requirement(String key, Operator operator, List<String> values) {
      this.key = key;
      this.operator = operator;
      this.values = values.toArray(new String[0]);
      this.valueSet = this.values.length > SET_THRESHOLD ? new HashSet<>(values) : null;
      this.bound = operator == Operator.GREATER_THAN || operator == Operator.LESS_THAN
          ? Long.parseLong(this.values[0]) : 0;
    }

    /**
     * A validated requirement (upstream {@code NewRequirement}). Invalid input is a programming error
     * here; selectors from clients go through {@link LabelSelector#tryParse} or
     * {@link LabelSelector#fromLabelSelector}, which report problems as values.
     *
     * @throws IllegalArgumentException with upstream's message when the requirement is invalid
     */
    public static Requirement of(String key, Operator operator, List<String> values) {
      String problem = problem(key, operator, values, "");
      if (problem != null) {
        throw new IllegalArgumentException(problem);
      }
      return new Requirement(key, operator, List.copyOf(values));
    }

    /**
     * Upstream's NewRequirement checks, aggregated as upstream does; null when valid. {@code path} is the
     * field path prefix ("" for none: upstream passes a nil path, which child paths render without).
     */
    static String problem(String key, Operator operator, List<String> values, String path) {
      Set<String> errors = new LinkedHashSet<>();
      String keyPath = path.isEmpty() ? "key" : path + ".key";
      String valuesPath = path.isEmpty() ? "values" : path + ".values";
      List<String> keyErrors = LabelValidation.labelKeyErrors(key);
      if (!keyErrors.isEmpty()) {
        errors.add(FieldError.invalid(keyPath, key, String.join("; ", keyErrors)).toString());
      }
      switch (operator) {
        case IN, NOT_IN -> {
          if (values.isEmpty()) {
            errors.add(valuesPath + ": Invalid value: " + goStringSlice(values)
                + ": for 'in', 'notin' operators, values set can't be empty");
          }
        }
        case EQUALS, DOUBLE_EQUALS, NOT_EQUALS -> {
          if (values.size() != 1) {
            errors.add(valuesPath + ": Invalid value: " + goStringSlice(values)
                + ": exact-match compatibility requires one single value");
          }
        }
        case EXISTS, DOES_NOT_EXIST -> {
          if (!values.isEmpty()) {
            errors.add(valuesPath + ": Invalid value: " + goStringSlice(values)
                + ": values set must be empty for exists and does not exist");
          }
        }
        case GREATER_THAN, LESS_THAN -> {
          if (values.size() != 1) {
            errors.add(valuesPath + ": Invalid value: " + goStringSlice(values)
                + ": for 'Gt', 'Lt' operators, exactly one value is required");
          }
          for (int i = 0; i < values.size(); i++) {
            if (!isInt64(values.get(i))) {
              errors.add(FieldError.invalid(valuesPath + "[" + i + "]", values.get(i),
                  "for 'Gt', 'Lt' operators, the value must be an integer").toString());
            }
          }
        }
      }
      for (int i = 0; i < values.size(); i++) {
        List<String> valueErrors = LabelValidation.labelValueErrors(values.get(i));
        if (!valueErrors.isEmpty()) {
          errors.add(FieldError.invalid(valuesPath + "[" + i + "][" + key + "]", values.get(i),
              String.join("; ", valueErrors)).toString());
        }
      }
      if (errors.isEmpty()) {
        return null;
      }
      return errors.size() == 1 ? errors.iterator().next() : "[" + String.join(", ", errors) + "]";
    }

    private static boolean isInt64(String s) {
      try {
        Long.parseLong(s);
        return true;
      } catch (NumberFormatException e) {
        return false;
      }
    }

    /**
     * How upstream's field errors print a {@code []string} bad value (Go's {@code %#v}):
     * {@code []string{"a", "b"}}, or {@code []string(nil)} for none.
     */
    private static String goStringSlice(List<String> values) {
      if (values.isEmpty()) {
        return "[]string(nil)";
      }
      return values.stream()
          .map(v -> "\"" + v.replace("\\", "\\\\").replace("\"", "\\\"") + "\"")
          .collect(Collectors.joining(", ", "[]string{", "}"));
    }

    public String key() {
      return key;
    }

    public Operator operator() {
      return operator;
    }

    /** The values in the order given (the parser gives them sorted and de-duplicated). */
    public List<String> values() {
      return List.of(values);
    }

    /** Whether a label set satisfies this requirement. */
    public boolean matches(Map<String, String> labels) {
      return matchesValue(labels.get(key));
    }

    /** Matching against the label's value, null meaning the label is absent. */
    boolean matchesValue(String value) {
      return switch (operator) {
        case IN, EQUALS, DOUBLE_EQUALS -> value != null && hasValue(value);
        case NOT_IN, NOT_EQUALS -> value == null || !hasValue(value);
        case EXISTS -> value != null;
        case DOES_NOT_EXIST -> value == null;
        case GREATER_THAN, LESS_THAN -> {
          if (value == null) {
            yield false;
          }
          long actual;
          try {
            actual = Long.parseLong(value);
          } catch (NumberFormatException e) {
            yield false;
          }
          yield operator == Operator.GREATER_THAN ? actual > bound : actual < bound;
        }
      };
    }

    private boolean hasValue(String value) {
      if (valueSet != null) {
        return valueSet.contains(value);
      }
      for (String v : values) {
        if (v.equals(value)) {
          return true;
        }
      }
      return false;
    }

    /** Upstream's {@code Requirement.String()}: values of set operators are printed sorted. */
    @Override
    public String toString() {
      StringBuilder sb = new StringBuilder(key.length() + 8 + 6 * values.length);
      if (operator == Operator.DOES_NOT_EXIST) {
        sb.append('!');
      }
      sb.append(key);
      switch (operator) {
        case EXISTS, DOES_NOT_EXIST -> {
          return sb.toString();
        }
        case EQUALS -> sb.append('=');
        case DOUBLE_EQUALS -> sb.append("==");
        case NOT_EQUALS -> sb.append("!=");
        case IN -> sb.append(" in (");
        case NOT_IN -> sb.append(" notin (");
        case GREATER_THAN -> sb.append('>');
        case LESS_THAN -> sb.append('<');
      }
      if (values.length == 1) {
        sb.append(values[0]);
      } else {
        String[] sorted = values.clone();
        Arrays.sort(sorted);
        sb.append(String.join(",", sorted));
      }
      if (operator == Operator.IN || operator == Operator.NOT_IN) {
        sb.append(')');
      }
      return sb.toString();
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Requirement r && key.equals(r.key) && operator == r.operator
          && Arrays.equals(values, r.values);
    }

    @Override
    public int hashCode() {
      return (key.hashCode() * 31 + operator.hashCode()) * 31 + Arrays.hashCode(values);
    }
  }

  /**
   * A recursive-descent parser over a pre-scanned token list, following the grammar and error texts of
   * upstream's {@code labels.Parser}. In "values" context the keywords {@code in}/{@code notin} are
   * plain identifiers, so {@code x in (in)} and {@code in=notin} parse.
   */
  private static final class Parser {

    private enum Tok {
      END, CLOSE_PAREN, COMMA, NOT, DOUBLE_EQUALS, EQUALS, GREATER, IDENT, IN, LESS, NOT_EQUALS, NOT_IN,
      OPEN_PAREN
    }

    private record Token(Tok tok, String literal) {}

    /** Thrown inside the parser only, caught in {@link #parse()}; never escapes. */
    private static final class Failure extends RuntimeException {
      Failure(String message) {
        super(message, null, false, false);
      }
    }

    private static final String BINARY_OPERATORS = "in, notin, =, ==, !=, gt, lt";

    private final String input;
    private final List<Token> tokens = new ArrayList<>();
    private int position;

    Parser(String input) {
      this.input = input;
    }

    ParseResult parse() {
      scan();
      List<Requirement> reqs = new ArrayList<>();
      try {
        while (true) {
          Token t = peek(true);
          switch (t.tok) {
            case IDENT, NOT -> {
              reqs.add(parseRequirement());
              Token next = next(true);
              if (next.tok == Tok.END) {
                return new ParseResult(of(reqs), null);
              } else if (next.tok == Tok.COMMA) {
                Token after = peek(true);
                if (after.tok != Tok.IDENT && after.tok != Tok.NOT) {
                  throw new Failure("found '" + after.literal + "', expected: identifier after ','");
                }
              } else {
                throw new Failure("found '" + next.literal + "', expected: ',' or 'end of string'");
              }
            }
            case END -> {
              return new ParseResult(of(reqs), null);
            }
            default -> throw new Failure("found '" + t.literal
                + "', expected: !, identifier, or 'end of string'");
          }
        }
      } catch (Failure f) {
        return new ParseResult(null, f.getMessage());
      }
    }

    private Requirement parseRequirement() {
      try {
        Token t = next(true);
        Operator op = null;
        if (t.tok == Tok.NOT) {
          op = Operator.DOES_NOT_EXIST;
          t = next(true);
        }
        if (t.tok != Tok.IDENT) {
          throw new Failure("found '" + t.literal + "', expected: identifier");
        }
        String key = t.literal;
        List<String> keyErrors = LabelValidation.labelKeyErrors(key);
        if (!keyErrors.isEmpty()) {
          // upstream validates with a nil field path, which prints as "<nil>"
          throw new Failure("<nil>: " + FieldError.invalid("", key, String.join("; ", keyErrors)).message());
        }
        Tok after = peek(true).tok;
        if (op == null && (after == Tok.END || after == Tok.COMMA)) {
          op = Operator.EXISTS;
        }
        if (op != null) {
          return new Requirement(key, op, List.of());
        }
        op = parseOperator();
        List<String> values = switch (op) {
          case IN, NOT_IN -> parseValues();
          default -> parseExactValue();
        };
        String problem = Requirement.problem(key, op, values, "");
        if (problem != null) {
          throw new Failure(problem);
        }
        return new Requirement(key, op, values);
      } catch (Failure f) {
        throw new Failure("unable to parse requirement: " + f.getMessage());
      }
    }

    private Operator parseOperator() {
      Token t = next(false);
      return switch (t.tok) {
        case IN -> Operator.IN;
        case EQUALS -> Operator.EQUALS;
        case DOUBLE_EQUALS -> Operator.DOUBLE_EQUALS;
        case GREATER -> Operator.GREATER_THAN;
        case LESS -> Operator.LESS_THAN;
        case NOT_IN -> Operator.NOT_IN;
        case NOT_EQUALS -> Operator.NOT_EQUALS;
        default -> throw new Failure("found '" + t.literal + "', expected: " + BINARY_OPERATORS);
      };
    }

    /** {@code ( v1, v2, ... )}: a set, so sorted and de-duplicated; empty members are the empty value. */
    private List<String> parseValues() {
      Token open = next(true);
      if (open.tok != Tok.OPEN_PAREN) {
        throw new Failure("found '" + open.literal + "' expected: '('");
      }
      Token t = peek(true);
      switch (t.tok) {
        case IDENT, COMMA -> {
          TreeSet<String> set = parseIdentifiers();
          next(true); // the closing parenthesis parseIdentifiers stopped at
          return List.copyOf(set);
        }
        case CLOSE_PAREN -> {
          next(true);
          return List.of("");
        }
        default -> throw new Failure("found '" + t.literal + "', expected: ',', ')' or identifier");
      }
    }

    private TreeSet<String> parseIdentifiers() {
      TreeSet<String> set = new TreeSet<>();
      while (true) {
        Token t = next(true);
        switch (t.tok) {
          case IDENT -> {
            set.add(t.literal);
            Token after = peek(true);
            if (after.tok == Tok.CLOSE_PAREN) {
              return set;
            } else if (after.tok != Tok.COMMA) {
              throw new Failure("found '" + after.literal + "', expected: ',' or ')'");
            }
          }
          case COMMA -> {
            if (set.isEmpty()) {
              set.add(""); // "(,": a leading empty value
            }
            Tok after = peek(true).tok;
            if (after == Tok.CLOSE_PAREN) {
              set.add(""); // ",)": a trailing empty value
              return set;
            } else if (after == Tok.COMMA) {
              set.add(""); // ",,": an empty value in between
            }
          }
          default -> throw new Failure("found '" + t.literal + "', expected: ',', or identifier");
        }
      }
    }

    private List<String> parseExactValue() {
      Tok ahead = peek(true).tok;
      if (ahead == Tok.END || ahead == Tok.COMMA) {
        return List.of("");
      }
      Token t = next(true);
      if (t.tok == Tok.IDENT) {
        return List.of(t.literal);
      }
      throw new Failure("found '" + t.literal + "', expected: identifier");
    }

    private Token peek(boolean valuesContext) {
      return contextual(tokens.get(Math.min(position, tokens.size() - 1)), valuesContext);
    }

    private Token next(boolean valuesContext) {
      Token t = tokens.get(Math.min(position, tokens.size() - 1));
      position++;
      return contextual(t, valuesContext);
    }

    private static Token contextual(Token t, boolean valuesContext) {
      if (valuesContext && (t.tok == Tok.IN || t.tok == Tok.NOT_IN)) {
        return new Token(Tok.IDENT, t.literal);
      }
      return t;
    }

    /** Tokenizes the whole input first, as upstream does; a NUL character ends the input, as there. */
    private void scan() {
      int n = input.length();
      int i = 0;
      while (true) {
        while (i < n && isWhitespace(input.charAt(i))) {
          i++;
        }
        if (i >= n || input.charAt(i) == 0) {
          tokens.add(new Token(Tok.END, ""));
          return;
        }
        char c = input.charAt(i);
        if (isSpecial(c)) {
          // longest run of special characters that still forms an operator
          Tok tok = specialToken(String.valueOf(c));
          int end = i + 1;
          if (end < n && isSpecial(input.charAt(end))) {
            Tok two = specialToken(input.substring(i, end + 1));
            if (two != null) {
              tok = two;
              end++;
            }
          }
          tokens.add(new Token(tok, input.substring(i, end)));
          i = end;
        } else {
          int start = i;
          while (i < n && input.charAt(i) != 0 && !isSpecial(input.charAt(i))
              && !isWhitespace(input.charAt(i))) {
            i++;
          }
          String word = input.substring(start, i);
          Tok tok = switch (word) {
            case "in" -> Tok.IN;
            case "notin" -> Tok.NOT_IN;
            default -> Tok.IDENT;
          };
          tokens.add(new Token(tok, word));
        }
      }
    }

    private static Tok specialToken(String s) {
      return switch (s) {
        case ")" -> Tok.CLOSE_PAREN;
        case "," -> Tok.COMMA;
        case "!" -> Tok.NOT;
        case "==" -> Tok.DOUBLE_EQUALS;
        case "=" -> Tok.EQUALS;
        case ">" -> Tok.GREATER;
        case "<" -> Tok.LESS;
        case "!=" -> Tok.NOT_EQUALS;
        case "(" -> Tok.OPEN_PAREN;
        default -> null;
      };
    }

    private static boolean isSpecial(char c) {
      return c == '=' || c == '!' || c == '(' || c == ')' || c == ',' || c == '>' || c == '<';
    }

    private static boolean isWhitespace(char c) {
      return c == ' ' || c == '\t' || c == '\r' || c == '\n';
    }
  }
}
