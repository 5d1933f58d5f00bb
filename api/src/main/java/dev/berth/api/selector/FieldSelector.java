package dev.berth.api.selector;

import dev.berth.api.status.ApiErrors;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * An immutable field selector with the semantics of upstream {@code k8s.io/apimachinery/pkg/fields}:
 * the AND of {@code field=value}, {@code field==value} and {@code field!=value} terms. Values may escape
 * {@code \}, {@code ,} and {@code =} with a backslash; field names are taken literally.
 *
 * <p>Which fields a resource supports is the caller's knowledge: {@link #requireSupported} turns an
 * unsupported one into upstream's 400 {@code field label not supported: <field>}. Matching takes a lookup
 * function from field name to the object's value; an absent field has the value {@code ""}, as upstream.
 */
public final class FieldSelector {

  /** Term operators. {@code ==} is parsed as {@link #EQUALS}, as upstream does. */
  public enum Operator {
    EQUALS("="),
    NOT_EQUALS("!=");

    private final String text;

    Operator(String text) {
      this.text = text;
    }

    public String text() {
      return text;
    }
  }

  /** One term; {@code value} is unescaped. */
  public record Requirement(String field, Operator operator, String value) {

    /** Whether a field value (null meaning absent, i.e. {@code ""}) satisfies this term. */
    public boolean matches(String fieldValue) {
      boolean equal = value.equals(fieldValue == null ? "" : fieldValue);
      return operator == Operator.EQUALS ? equal : !equal;
    }

    /** {@code field=value} with the value escaped again, as upstream's {@code String()}. */
    @Override
    public String toString() {
      return field + operator.text + escapeValue(value);
    }
  }

  /** A parsed selector or the reason it could not be parsed. */
  public record ParseResult(FieldSelector selector, String error) {

    public boolean ok() {
      return selector != null;
    }

    /** The selector, or a 400 BadRequest carrying {@link #error()}. */
    public FieldSelector orElseThrow() {
      if (selector == null) {
        throw ApiErrors.badRequest(error);
      }
      return selector;
    }
  }

  private static final FieldSelector EVERYTHING = new FieldSelector(new Requirement[0]);

  private final Requirement[] requirements;

  private FieldSelector(Requirement[] requirements) {
    this.requirements = requirements;
  }

  /** The empty selector, matching everything. */
  public static FieldSelector everything() {
    return EVERYTHING;
  }

  /** {@code field=value}; upstream {@code OneTermEqualSelector}. */
  public static FieldSelector oneTermEquals(String field, String value) {
    return new FieldSelector(new Requirement[] {new Requirement(field, Operator.EQUALS, value)});
  }

  /** Parses as upstream {@code fields.ParseSelector}; a failure is a 400 BadRequest. */
  public static FieldSelector parse(String selector) {
    return tryParse(selector).orElseThrow();
  }

  /**
   * Like {@link #parse}, returning failures as values. Terms are kept in the sorted order of their text,
   * as upstream's parser leaves them.
   */
  public static ParseResult tryParse(String selector) {
    if (selector.isEmpty()) {
      return new ParseResult(EVERYTHING, null);
    }
    List<String> parts = splitTerms(selector);
    parts.sort(null);
    List<Requirement> reqs = new ArrayList<>(parts.size());
    for (String part : parts) {
      if (part.isEmpty()) {
        continue;
      }
      int opAt = -1;
      String op = null;
      for (int i = 0; i < part.length() && op == null; i++) {
        if (part.startsWith("!=", i)) {
          op = "!=";
        } else if (part.startsWith("==", i)) {
          op = "==";
        } else if (part.charAt(i) == '=') {
          op = "=";
        }
        opAt = i;
      }
      if (op == null) {
        return new ParseResult(null,
            "invalid selector: '" + selector + "'; can't understand '" + part + "'");
      }
      String field = part.substring(0, opAt);
      String rawValue = part.substring(opAt + op.length());
      String problem = unescapeProblem(rawValue);
      if (problem != null) {
        return new ParseResult(null, problem);
      }
      reqs.add(new Requirement(field, op.equals("!=") ? Operator.NOT_EQUALS : Operator.EQUALS,
          unescape(rawValue)));
    }
    return new ParseResult(reqs.isEmpty() ? EVERYTHING : new FieldSelector(reqs.toArray(new Requirement[0])),
        null);
  }

  /** Splits on commas not escaped by a backslash; escapes stay in the terms. */
  private static List<String> splitTerms(String selector) {
    List<String> terms = new ArrayList<>(4);
    int start = 0;
    boolean escaped = false;
    for (int i = 0; i < selector.length(); i++) {
      char c = selector.charAt(i);
      if (escaped) {
        escaped = false;
      } else if (c == '\\') {
        escaped = true;
      } else if (c == ',') {
        terms.add(selector.substring(start, i));
        start = i + 1;
      }
    }
    terms.add(selector.substring(start));
    return terms;
  }

  /** Upstream's UnescapeValue errors; Go prints the offending rune as its code point number. */
  private static String unescapeProblem(String raw) {
    boolean escaped = false;
    for (int i = 0; i < raw.length(); i++) {
      char c = raw.charAt(i);
      if (escaped) {
        if (c != '\\' && c != ',' && c != '=') {
          return "invalid field selector: invalid escape sequence: \\" + c;
        }
        escaped = false;
      } else if (c == '\\') {
        escaped = true;
      } else if (c == ',' || c == '=') {
        return "invalid field selector: unescaped character in value: " + (int) c;
      }
    }
    return escaped ? "invalid field selector: invalid escape sequence: \\" : null;
  }

  private static String unescape(String raw) {
    if (raw.indexOf('\\') < 0) {
      return raw;
    }
    StringBuilder sb = new StringBuilder(raw.length());
    for (int i = 0; i < raw.length(); i++) {
      char c = raw.charAt(i);
      if (c == '\\') {
        c = raw.charAt(++i);
      }
      sb.append(c);
    }
    return sb.toString();
  }

  /** Escapes {@code \}, {@code ,} and {@code =} in a value (upstream {@code EscapeValue}). */
  public static String escapeValue(String value) {
    if (value.indexOf('\\') < 0 && value.indexOf(',') < 0 && value.indexOf('=') < 0) {
      return value;
    }
    StringBuilder sb = new StringBuilder(value.length() + 4);
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c == '\\' || c == ',' || c == '=') {
        sb.append('\\');
      }
      sb.append(c);
    }
    return sb.toString();
  }

  /** The terms, in parse order. */
  public List<Requirement> requirements() {
    return List.of(requirements);
  }

  public boolean isEmpty() {
    return requirements.length == 0;
  }

  /**
   * Throws upstream's 400 {@code field label not supported: <field>} for the first term whose field is
   * not in {@code supportedFields}; returns this selector otherwise.
   */
  public FieldSelector requireSupported(Collection<String> supportedFields) {
    for (Requirement r : requirements) {
      if (!supportedFields.contains(r.field)) {
        throw ApiErrors.badRequest("field label not supported: " + r.field);
      }
    }
    return this;
  }

  /** Whether the object's fields, given by {@code fieldValue} (null for absent), satisfy every term. */
  public boolean matches(Function<String, String> fieldValue) {
    for (Requirement r : requirements) {
      if (!r.matches(fieldValue.apply(r.field))) {
        return false;
      }
    }
    return true;
  }

  /** Whether a precomputed field map satisfies every term. */
  public boolean matches(Map<String, String> fields) {
    for (Requirement r : requirements) {
      if (!r.matches(fields.get(r.field))) {
        return false;
      }
    }
    return true;
  }

  /** The value an {@code =} term requires of {@code field}, if any (upstream {@code RequiresExactMatch}). */
  public Optional<String> requiresExactMatch(String field) {
    for (Requirement r : requirements) {
      if (r.operator == Operator.EQUALS && r.field.equals(field)) {
        return Optional.of(r.value);
      }
    }
    return Optional.empty();
  }

  @Override
  public String toString() {
    return Arrays.stream(requirements).map(Requirement::toString).collect(Collectors.joining(","));
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof FieldSelector other && Arrays.equals(requirements, other.requirements);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(requirements);
  }
}
