package dev.berth.api.schema.ops;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.berth.api.codec.Json;
import dev.berth.api.schema.Schema;
import dev.berth.api.schema.Validations;
import dev.berth.api.validation.FieldError;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Value validation of custom resources against their CRD schema, with the error types and texts
 * kube-apiserver produces through kube-openapi: e.g. {@code spec.replicas: Invalid value: "string":
 * spec.replicas in body must be of type integer: "string"}, {@code spec.size: Unsupported value:
 * "XL": supported values: "S", "M"}, {@code spec.image: Required value}. Covers type (with
 * {@code nullable}), enum, bounds, multipleOf, lengths, pattern, formats, item and property counts,
 * uniqueItems, required, allOf/anyOf/oneOf/not, and the {@code x-kubernetes-list-type} set and map
 * uniqueness rules. CEL rules ({@code x-kubernetes-validations}) are not evaluated here.
 *
 * <p>Run it after pruning and defaulting, on the object as it will be stored. Thread-safe; compiled
 * patterns are cached per validator.
 */
public final class SchemaValidator {

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final long PATTERN_BUDGET = 1_000_000;

  private final PatternMatcher patterns = new PatternMatcher(PATTERN_BUDGET);

  /** Validates a resource; field paths start at the resource root ({@code spec.replicas}). */
  public List<FieldError> validate(JsonNode value, Schema schema) {
    return validate(value, schema, "");
  }

  /**
   * Validates a value whose own path is {@code fieldPrefix} (e.g. a default inside a CRD schema);
   * the texts still name fields relative to the value, as upstream's validator does.
   */
  public List<FieldError> validate(JsonNode value, Schema schema, String fieldPrefix) {
    Run run = new Run(fieldPrefix == null ? "" : fieldPrefix);
    List<FieldError> errors = new ArrayList<>();
    run.node(value, schema, errors);
    errors.addAll(run.listErrors);
    return errors;
  }

  /** Whether {@code value} satisfies the schema (no errors). */
  public boolean isValid(JsonNode value, Schema schema) {
    return validate(value, schema).isEmpty();
  }

  private final class Run {
    private final String prefix;
    private final FieldPath name = new FieldPath("");
    private final List<FieldError> listErrors = new ArrayList<>();

    Run(String prefix) {
      this.prefix = prefix;
    }

    /** The field path of the current node for a FieldError. */
    private String field() {
      String n = name.toString();
      if (prefix.isEmpty()) {
        return n;
      }
      return n.isEmpty() ? prefix : prefix + "." + n;
    }

    /** The path of the current node as kube-openapi names it in its texts. */
    private String named() {
      return name.toString();
    }

    void node(JsonNode v, Schema s, List<FieldError> out) {
      if (s == null || v == null || v.isMissingNode()) {
        return;
      }
      Validations val = s.validations();
      if (v.isNull()) {
        if (!s.nullable() && s.type() != Schema.Type.ANY) {
          out.add(typeInvalid("null", typeName(s)));
        }
        checkEnum(v, s, val, out);
        return;
      }
      checkType(v, s, out);
      if (val != null) {
        combinators(v, val, out);
      }
      if (v.isTextual()) {
        checkString(v, s, val, out);
      } else if (v.isNumber() && val != null) {
        checkNumber(v, val, out);
      } else if (v.isArray()) {
        checkArray(v, s, val, out);
      }
      checkEnum(v, s, val, out);
      if (v.isObject()) {
        checkObject((ObjectNode) v, s, val, out);
      }
    }

    private void checkType(JsonNode v, Schema s, List<FieldError> out) {
      boolean ok = switch (s.type()) {
        case OBJECT -> v.isObject();
        case ARRAY -> v.isArray();
        case STRING -> v.isTextual();
        case INTEGER -> isInteger(v);
        case NUMBER -> v.isNumber();
        case BOOLEAN -> v.isBoolean();
        case INT_OR_STRING -> v.isTextual() || isInteger(v);
        case ANY -> true;
      };
      if (!ok) {
        out.add(typeInvalid(jsonType(v), typeName(s)));
      }
    }

    private FieldError typeInvalid(String actual, String expected) {
      return new FieldError(FieldError.Type.TYPE_INVALID, field(), TextNode.valueOf(actual),
          named() + " in body must be of type " + expected + ": \"" + actual + "\"");
    }

    private FieldError invalid(JsonNode value, String detail) {
      return FieldError.invalid(field(), value, named() + " in body " + detail);
    }

    private void combinators(JsonNode v, Validations val, List<FieldError> out) {
      if (!val.anyOf.isEmpty()) {
        List<FieldError> best = null;
        boolean matched = false;
        for (Schema alt : val.anyOf) {
          List<FieldError> errs = new ArrayList<>();
          node(v, alt, errs);
          if (errs.isEmpty()) {
            matched = true;
            break;
          }
          if (best == null || errs.size() < best.size()) {
            best = errs;
          }
        }
        if (!matched) {
          out.add(composite("must validate at least one schema (anyOf)"));
          out.addAll(best);
        }
      }
      if (!val.oneOf.isEmpty()) {
        int valid = 0;
        List<FieldError> best = null;
        for (Schema alt : val.oneOf) {
          List<FieldError> errs = new ArrayList<>();
          node(v, alt, errs);
          if (errs.isEmpty()) {
            valid++;
          } else if (valid == 0 && (best == null || errs.size() < best.size())) {
            best = errs;
          }
        }
        if (valid != 1) {
          out.add(composite("must validate one and only one schema (oneOf). "
              + (valid == 0 ? "Found none valid" : "Found " + valid + " valid alternatives")));
          if (valid == 0 && best != null) {
            out.addAll(best);
          }
        }
      }
      if (!val.allOf.isEmpty()) {
        int valid = 0;
        for (Schema all : val.allOf) {
          List<FieldError> errs = new ArrayList<>();
          node(v, all, errs);
          if (errs.isEmpty()) {
            valid++;
          }
          out.addAll(errs);
        }
        if (valid != val.allOf.size()) {
          out.add(composite("must validate all the schemas (allOf)"
              + (valid == 0 ? ". None validated" : "")));
        }
      }
      if (val.not != null) {
        List<FieldError> errs = new ArrayList<>();
        node(v, val.not, errs);
        if (errs.isEmpty()) {
          out.add(composite("must not validate the schema (not)"));
        }
      }
    }

    /**
     * Upstream turns kube-openapi's composite errors into {@code field.Invalid(nil, "", msg)}, whose
     * field prints as {@code <nil>}; we keep that where there is no prefix.
     */
    private FieldError composite(String what) {
      return FieldError.invalid(prefix.isEmpty() ? "<nil>" : prefix, "",
          "\"" + named() + "\" " + what);
    }

    private void checkString(JsonNode v, Schema s, Validations val, List<FieldError> out) {
      String text = v.textValue();
      if (val != null) {
        if (val.maxLength != null || val.minLength != null) {
          long runes = text.codePointCount(0, text.length());
          if (val.maxLength != null && runes > val.maxLength) {
            long max = val.maxLength;
            out.add(new FieldError(FieldError.Type.TOO_LONG, field(), v,
                "may not be more than " + max + (max == 1 ? " byte" : " bytes")));
          }
          if (val.minLength != null && runes < val.minLength) {
            out.add(invalid(v, "should be at least " + val.minLength + " chars long"));
          }
        }
        if (val.pattern != null) {
          checkPattern(v, text, val.pattern, out);
        }
      }
      if (s.format() != null && !s.format().isEmpty() && !Formats.valid(s.format(), text)) {
        out.add(new FieldError(FieldError.Type.TYPE_INVALID, field(), v,
            named() + " in body must be of type " + s.format() + ": " + quoteGo(text)));
      }
    }

    private void checkPattern(JsonNode v, String text, String pattern, List<FieldError> out) {
      Pattern p;
      try {
        p = patterns.compile(pattern);
      } catch (PatternSyntaxException e) {
        out.add(invalid(v, "should match '" + pattern + "'"));
        return;
      }
      boolean matches;
      try {
        matches = patterns.find(p, text);
      } catch (PatternMatcher.BudgetExceeded e) {
        out.add(invalid(v, "should match '" + pattern + "' (the match was abandoned: too costly)"));
        return;
      }
      if (!matches) {
        out.add(invalid(v, "should match '" + pattern + "'"));
      }
    }

    private void checkNumber(JsonNode v, Validations val, List<FieldError> out) {
      BigDecimal n = v.decimalValue();
      if (val.multipleOf != null && val.multipleOf != 0) {
        BigDecimal factor = BigDecimal.valueOf(val.multipleOf);
        if (n.remainder(factor).compareTo(BigDecimal.ZERO) != 0) {
          out.add(invalid(v, "should be a multiple of " + goNumber(val.multipleOf)));
        }
      }
      if (val.maximum != null) {
        int c = n.compareTo(BigDecimal.valueOf(val.maximum));
        if (val.exclusiveMaximum ? c >= 0 : c > 0) {
          out.add(invalid(v, (val.exclusiveMaximum ? "should be less than "
              : "should be less than or equal to ") + goNumber(val.maximum)));
        }
      }
      if (val.minimum != null) {
        int c = n.compareTo(BigDecimal.valueOf(val.minimum));
        if (val.exclusiveMinimum ? c <= 0 : c < 0) {
          out.add(invalid(v, (val.exclusiveMinimum ? "should be greater than "
              : "should be greater than or equal to ") + goNumber(val.minimum)));
        }
      }
    }

    private void checkArray(JsonNode v, Schema s, Validations val, List<FieldError> out) {
      int size = v.size();
      if (val != null) {
        if (val.maxItems != null && size > val.maxItems) {
          out.add(new FieldError(FieldError.Type.TOO_MANY, field(), null,
              size + ": must have at most " + val.maxItems + " items"));
        }
        if (val.minItems != null && size < val.minItems) {
          out.add(invalid(LongNode.valueOf(size),
              "should have at least " + val.minItems + " items"));
        }
        if (val.uniqueItems && hasDuplicates(v)) {
          out.add(FieldError.invalid(field(), "", named() + " in body shouldn't contain duplicates"));
        }
      }
      Schema items = s.items();
      if (items != null) {
        for (int i = 0; i < size; i++) {
          int mark = name.index(i);
          node(v.get(i), items, out);
          name.reset(mark);
        }
      }
      if ("set".equals(s.listType())) {
        checkSet(v);
      } else if ("map".equals(s.listType()) && !s.listMapKeys().isEmpty()) {
        checkMapList(v, s);
      }
    }

    private void checkSet(JsonNode list) {
      Map<String, Integer> seen = new HashMap<>();
      for (JsonNode x : list) {
        String key = canonical(x);
        int times = seen.merge(key, 1, Integer::sum);
        if (times == 2) {
          listError(FieldError.duplicate(field(), x));
        }
      }
    }

    private void checkMapList(JsonNode list, Schema s) {
      Map<String, Integer> seen = new HashMap<>();
      for (int i = 0; i < list.size(); i++) {
        JsonNode x = list.get(i);
        if (x.isNull()) {
          continue;
        }
        int mark = name.index(i);
        if (!x.isObject()) {
          listError(FieldError.invalid(field(), x, "must be an object for an array of list-type map"));
          name.reset(mark);
          continue;
        }
        ObjectNode keys = NODES.objectNode();
        for (String k : s.listMapKeys()) {
          JsonNode kv = x.get(k);
          if (kv == null && s.items() != null && s.items().property(k) != null) {
            kv = s.items().property(k).defaultValue();
          }
          if (kv != null) {
            keys.set(k, kv);
          }
        }
        int times = seen.merge(canonical(keys), 1, Integer::sum);
        if (times > 1) {
          listError(FieldError.duplicate(field(), keys));
        }
        name.reset(mark);
      }
    }

    private void listError(FieldError e) {
      if (listErrors.size() < 1000) { // a pathological list should not flood the response
        listErrors.add(e);
      }
    }

    private void checkEnum(JsonNode v, Schema s, Validations val, List<FieldError> out) {
      List<JsonNode> allowed = !s.enumValues().isEmpty() ? s.enumValues()
          : val != null ? val.enumValues : List.of();
      if (allowed.isEmpty()) {
        return;
      }
      for (JsonNode a : allowed) {
        if (jsonEquals(a, v)) {
          return;
        }
      }
      List<String> shown = new ArrayList<>(allowed.size());
      for (JsonNode a : allowed) {
        shown.add(a.isTextual() ? a.textValue() : Json.toString(a));
      }
      out.add(FieldError.notSupported(field(), v, shown));
    }

    private void checkObject(ObjectNode v, Schema s, Validations val, List<FieldError> out) {
      if (val != null) {
        if (val.maxProperties != null && v.size() > val.maxProperties) {
          out.add(new FieldError(FieldError.Type.TOO_MANY, field(), null,
              v.size() + ": must have at most " + val.maxProperties + " items"));
        }
        if (val.minProperties != null && v.size() < val.minProperties) {
          out.add(invalid(LongNode.valueOf(v.size()),
              "should have at least " + val.minProperties + " properties"));
        }
      }
      for (String req : s.required()) {
        if (!v.has(req)) {
          int mark = name.key(req);
          out.add(FieldError.required(field(), ""));
          name.reset(mark);
        }
      }
      if (s.properties().isEmpty() && s.additionalProperties() == null) {
        return;
      }
      for (Iterator<Map.Entry<String, JsonNode>> it = v.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        Schema prop = s.property(e.getKey());
        if (prop == null) {
          prop = s.additionalProperties();
        }
        if (prop != null) {
          int mark = name.key(e.getKey());
          node(e.getValue(), prop, out);
          name.reset(mark);
        }
      }
    }
  }

  private static boolean isInteger(JsonNode v) {
    if (v.isIntegralNumber()) {
      return true;
    }
    // a JSON number with an integral value (1.0) passes as an integer, as in kube-openapi
    return v.isNumber() && !Double.isInfinite(v.doubleValue())
        && v.doubleValue() == Math.rint(v.doubleValue());
  }

  private static String jsonType(JsonNode v) {
    if (v.isTextual()) {
      return "string";
    }
    if (v.isBoolean()) {
      return "boolean";
    }
    if (v.isIntegralNumber()) {
      return "integer";
    }
    if (v.isNumber()) {
      return "number";
    }
    if (v.isArray()) {
      return "array";
    }
    if (v.isObject()) {
      return "object";
    }
    return "null";
  }

  private static String typeName(Schema s) {
    return switch (s.type()) {
      case OBJECT -> "object";
      case ARRAY -> "array";
      case STRING -> "string";
      case INTEGER -> "integer";
      case NUMBER -> "number";
      case BOOLEAN -> "boolean";
      case INT_OR_STRING -> "integer,string";
      case ANY -> "";
    };
  }

  /** JSON equality with numbers compared by value (1 equals 1.0). */
  static boolean jsonEquals(JsonNode a, JsonNode b) {
    if (a.isNumber() && b.isNumber()) {
      return a.decimalValue().compareTo(b.decimalValue()) == 0;
    }
    if (a.isObject() && b.isObject()) {
      if (a.size() != b.size()) {
        return false;
      }
      for (Iterator<Map.Entry<String, JsonNode>> it = a.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        JsonNode other = b.get(e.getKey());
        if (other == null || !jsonEquals(e.getValue(), other)) {
          return false;
        }
      }
      return true;
    }
    if (a.isArray() && b.isArray()) {
      if (a.size() != b.size()) {
        return false;
      }
      for (int i = 0; i < a.size(); i++) {
        if (!jsonEquals(a.get(i), b.get(i))) {
          return false;
        }
      }
      return true;
    }
    return a.equals(b);
  }

  private static boolean hasDuplicates(JsonNode list) {
    Map<String, Boolean> seen = new HashMap<>();
    for (JsonNode x : list) {
      if (seen.put(canonical(x), Boolean.TRUE) != null) {
        return true;
      }
    }
    return false;
  }

  /** A string equal for JSON-equal values: keys sorted, numbers normalised. */
  static String canonical(JsonNode v) {
    StringBuilder sb = new StringBuilder();
    canonical(v, sb);
    return sb.toString();
  }

  private static void canonical(JsonNode v, StringBuilder sb) {
    if (v.isObject()) {
      Map<String, JsonNode> sorted = new TreeMap<>();
      v.fields().forEachRemaining(e -> sorted.put(e.getKey(), e.getValue()));
      sb.append('{');
      for (Map.Entry<String, JsonNode> e : sorted.entrySet()) {
        sb.append(TextNode.valueOf(e.getKey())).append(':');
        canonical(e.getValue(), sb);
        sb.append(',');
      }
      sb.append('}');
    } else if (v.isArray()) {
      sb.append('[');
      for (JsonNode x : v) {
        canonical(x, sb);
        sb.append(',');
      }
      sb.append(']');
    } else if (v.isNumber()) {
      sb.append('n').append(v.decimalValue().stripTrailingZeros().toPlainString());
    } else {
      sb.append(v);
    }
  }

  /** Go's {@code %v} of a float64: integral values without a fraction, others shortest. */
  static String goNumber(double d) {
    if (d == Math.rint(d) && Math.abs(d) < 1e21) {
      return new BigDecimal(d).toBigInteger().toString();
    }
    String s = Double.toString(d);
    int e = s.indexOf('E');
    if (e < 0) {
      return s;
    }
    String mantissa = s.substring(0, e);
    if (mantissa.endsWith(".0")) {
      mantissa = mantissa.substring(0, mantissa.length() - 2);
    }
    int exp = Integer.parseInt(s.substring(e + 1));
    return mantissa + "e" + (exp < 0 ? "-" : "+") + (Math.abs(exp) < 10 ? "0" : "") + Math.abs(exp);
  }

  private static String quoteGo(String s) {
    return dev.berth.api.codec.GoQuote.quote(s);
  }
}
