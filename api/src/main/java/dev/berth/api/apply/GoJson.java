package dev.berth.api.apply;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.LongNode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Text the way Go writes it. Field paths are compared and stored as the strings kube-apiserver
 * produces (its JSON encoder escapes HTML characters, sorts map keys and prints numbers its own
 * way), so byte-stable managedFields and conflict messages need the same rules here.
 */
final class GoJson {

  private static final char[] HEX = "0123456789abcdef".toCharArray();

  private GoJson() {}

  /** Appends {@code s} as a JSON string with Go's encoding/json escaping (HTML-safe). */
  static void appendString(StringBuilder sb, String s) {
    sb.append('"');
    int n = s.length();
    for (int i = 0; i < n; i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> sb.append("\\\"");
        case '\\' -> sb.append("\\\\");
        case '\n' -> sb.append("\\n");
        case '\r' -> sb.append("\\r");
        case '\t' -> sb.append("\\t");
        case '<', '>', '&', '\u2028', '\u2029' -> appendUnicodeEscape(sb, c);
        default -> {
          if (c < 0x20) {
            appendUnicodeEscape(sb, c);
          } else if (Character.isSurrogate(c)) {
            // Go replaces invalid UTF-8 (here: unpaired surrogates) with U+FFFD.
            if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
              sb.append(c).append(s.charAt(++i));
            } else {
              sb.append('\ufffd');
            }
          } else {
            sb.append(c);
          }
        }
      }
    }
    sb.append('"');
  }

  private static void appendUnicodeEscape(StringBuilder sb, char c) {
    sb.append("\\u").append(HEX[(c >> 12) & 0xF]).append(HEX[(c >> 8) & 0xF])
        .append(HEX[(c >> 4) & 0xF]).append(HEX[c & 0xF]);
  }

  static String quote(String s) {
    StringBuilder sb = new StringBuilder(s.length() + 2);
    appendString(sb, s);
    return sb.toString();
  }

  /**
   * Appends a JSON value as Go's encoding/json does for a decoded {@code interface{}}: objects with
   * sorted keys, compact, numbers as integers when integral.
   */
  static void appendValue(StringBuilder sb, JsonNode v) {
    switch (v.getNodeType()) {
      case STRING -> appendString(sb, v.textValue());
      case NUMBER -> appendNumber(sb, v);
      case BOOLEAN -> sb.append(v.booleanValue() ? "true" : "false");
      case ARRAY -> {
        sb.append('[');
        for (int i = 0; i < v.size(); i++) {
          if (i > 0) {
            sb.append(',');
          }
          appendValue(sb, v.get(i));
        }
        sb.append(']');
      }
      case OBJECT -> {
        List<String> keys = new ArrayList<>(v.size());
        v.fieldNames().forEachRemaining(keys::add);
        keys.sort(GoJson::compareStrings);
        sb.append('{');
        boolean first = true;
        for (String k : keys) {
          if (!first) {
            sb.append(',');
          }
          first = false;
          appendString(sb, k);
          sb.append(':');
          appendValue(sb, v.get(k));
        }
        sb.append('}');
      }
      default -> sb.append("null");
    }
  }

  static String toJson(JsonNode v) {
    StringBuilder sb = new StringBuilder();
    appendValue(sb, v);
    return sb.toString();
  }

  private static void appendNumber(StringBuilder sb, JsonNode v) {
    if (v.isIntegralNumber() && v.canConvertToLong()) {
      sb.append(v.longValue());
      return;
    }
    double d = v.doubleValue();
    if (d == Math.rint(d) && Math.abs(d) < 1e21) {
      sb.append(new BigDecimal(d).toPlainString());
      return;
    }
    sb.append(formatFloat(d, 1e21, true));
  }

  /**
   * Go's shortest float formatting: plain digits inside [1e-6, threshold), otherwise exponent form.
   * encoding/json trims a leading zero of a negative exponent ({@code 1e-07} becomes {@code 1e-7});
   * fmt's %v keeps two exponent digits.
   */
  static String formatFloat(double d, double threshold, boolean jsonStyle) {
    if (d == 0) {
      return "0";
    }
    BigDecimal shortest = new BigDecimal(Double.toString(d)).stripTrailingZeros();
    double abs = Math.abs(d);
    boolean exp = jsonStyle ? (abs < 1e-6 || abs >= threshold) : (abs < 1e-4 || abs >= threshold);
    if (!exp) {
      return shortest.toPlainString();
    }
    String digits = shortest.unscaledValue().abs().toString();
    int exponent = digits.length() - 1 - shortest.scale();
    StringBuilder sb = new StringBuilder();
    if (d < 0) {
      sb.append('-');
    }
    sb.append(digits.charAt(0));
    if (digits.length() > 1) {
      sb.append('.').append(digits, 1, digits.length());
    }
    sb.append('e').append(exponent < 0 ? '-' : '+');
    int e = Math.abs(exponent);
    if (e < 10 && !(jsonStyle && exponent < 0)) {
      sb.append('0');
    }
    sb.append(e);
    return sb.toString();
  }

  /** Go's {@code %v} for a JSON scalar inside a field path: strings quoted as {@code %q}. */
  static String humanValue(JsonNode v) {
    return switch (v.getNodeType()) {
      case STRING -> goQuote(v.textValue());
      case NUMBER -> v.isIntegralNumber() && v.canConvertToLong() ? Long.toString(v.longValue())
          : formatFloat(v.doubleValue(), 1e21, false);
      case BOOLEAN -> Boolean.toString(v.booleanValue());
      case NULL, MISSING -> "null";
      case ARRAY -> {
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < v.size(); i++) {
          if (i > 0) {
            sb.append(',');
          }
          sb.append(humanValue(v.get(i)));
        }
        yield sb.append(']').toString();
      }
      default -> {
        StringBuilder sb = new StringBuilder();
        for (Iterator<Map.Entry<String, JsonNode>> it = v.fields(); it.hasNext(); ) {
          Map.Entry<String, JsonNode> e = it.next();
          sb.append(e.getKey()).append('=').append(humanValue(e.getValue()));
        }
        yield sb.toString();
      }
    };
  }

  /** Go's strconv.Quote (fmt {@code %q}): printable characters kept, the rest escaped. */
  static String goQuote(String s) {
    StringBuilder sb = new StringBuilder(s.length() + 2).append('"');
    for (int i = 0; i < s.length(); ) {
      int cp = s.codePointAt(i);
      i += Character.charCount(cp);
      switch (cp) {
        case '"' -> sb.append("\\\"");
        case '\\' -> sb.append("\\\\");
        case 7 -> sb.append("\\a");
        case '\b' -> sb.append("\\b");
        case '\f' -> sb.append("\\f");
        case '\n' -> sb.append("\\n");
        case '\r' -> sb.append("\\r");
        case '\t' -> sb.append("\\t");
        case 0x0b -> sb.append("\\v");
        default -> {
          if (cp < 0x20 || cp == 0x7f) {
            sb.append("\\x").append(HEX[cp >> 4]).append(HEX[cp & 0xF]);
          } else if (isPrintable(cp)) {
            sb.appendCodePoint(cp);
          } else if (cp < 0x10000) {
            sb.append(String.format("\\u%04x", cp));
          } else {
            sb.append(String.format("\\U%08x", cp));
          }
        }
      }
    }
    return sb.append('"').toString();
  }

  /** Approximates Go's unicode.IsPrint: letters, marks, numbers, punctuation, symbols and ASCII space. */
  static boolean isPrintable(int cp) {
    if (cp == ' ') {
      return true;
    }
    return switch (Character.getType(cp)) {
      case Character.UPPERCASE_LETTER, Character.LOWERCASE_LETTER, Character.TITLECASE_LETTER,
          Character.MODIFIER_LETTER, Character.OTHER_LETTER, Character.NON_SPACING_MARK,
          Character.ENCLOSING_MARK, Character.COMBINING_SPACING_MARK, Character.DECIMAL_DIGIT_NUMBER,
          Character.LETTER_NUMBER, Character.OTHER_NUMBER, Character.CONNECTOR_PUNCTUATION,
          Character.DASH_PUNCTUATION, Character.START_PUNCTUATION, Character.END_PUNCTUATION,
          Character.INITIAL_QUOTE_PUNCTUATION, Character.FINAL_QUOTE_PUNCTUATION,
          Character.OTHER_PUNCTUATION, Character.MATH_SYMBOL, Character.CURRENCY_SYMBOL,
          Character.MODIFIER_SYMBOL, Character.OTHER_SYMBOL -> true;
      default -> false;
    };
  }

  /** Go compares strings by their UTF-8 bytes, which is code point order. */
  static int compareStrings(String a, String b) {
    int n = Math.min(a.length(), b.length());
    for (int i = 0; i < n; i++) {
      char x = a.charAt(i);
      char y = b.charAt(i);
      if (x != y) {
        if (Character.isSurrogate(x) || Character.isSurrogate(y)) {
          return Integer.compare(a.codePointAt(i), b.codePointAt(i));
        }
        return x - y;
      }
    }
    return a.length() - b.length();
  }

  /**
   * The form a JSON scalar takes inside a path element. Go decodes every JSON number to float64, so
   * {@code 5} and {@code 5.0} are the same key; integral numbers become longs, others doubles.
   */
  static JsonNode normalize(JsonNode v) {
    if (v == null) {
      return JsonNodeFactory.instance.nullNode();
    }
    if (v.isNumber()) {
      if (v.isIntegralNumber()) {
        return v.canConvertToLong() ? LongNode.valueOf(v.longValue()) : DoubleNode.valueOf(v.doubleValue());
      }
      double d = v.doubleValue();
      if (d == Math.rint(d) && Math.abs(d) < 9.2e18) {
        return LongNode.valueOf((long) d);
      }
      return DoubleNode.valueOf(d);
    }
    if (v.isContainerNode()) {
      // Keys and set values are normally scalars; containers are kept as they are, normalized
      // recursively so equality stays numeric.
      if (v.isArray()) {
        var out = JsonNodeFactory.instance.arrayNode(v.size());
        v.forEach(e -> out.add(normalize(e)));
        return out;
      }
      var out = JsonNodeFactory.instance.objectNode();
      v.fields().forEachRemaining(e -> out.set(e.getKey(), normalize(e.getValue())));
      return out;
    }
    return v;
  }

  /**
   * Total order over JSON values as structured-merge-diff's value.Compare: numbers, then strings,
   * booleans, lists, maps, and null last.
   */
  static int compareValues(JsonNode a, JsonNode b) {
    int ra = rank(a);
    int rb = rank(b);
    if (ra != rb) {
      return Integer.compare(ra, rb);
    }
    return switch (ra) {
      case 0 -> (a.isIntegralNumber() && b.isIntegralNumber())
          ? Long.compare(a.longValue(), b.longValue())
          : Double.compare(a.doubleValue(), b.doubleValue());
      case 1 -> compareStrings(a.textValue(), b.textValue());
      case 2 -> Boolean.compare(a.booleanValue(), b.booleanValue());
      case 3 -> {
        int n = Math.min(a.size(), b.size());
        for (int i = 0; i < n; i++) {
          int c = compareValues(a.get(i), b.get(i));
          if (c != 0) {
            yield c;
          }
        }
        yield Integer.compare(a.size(), b.size());
      }
      case 4 -> {
        List<String> ka = new ArrayList<>();
        a.fieldNames().forEachRemaining(ka::add);
        List<String> kb = new ArrayList<>();
        b.fieldNames().forEachRemaining(kb::add);
        ka.sort(GoJson::compareStrings);
        kb.sort(GoJson::compareStrings);
        int n = Math.min(ka.size(), kb.size());
        for (int i = 0; i < n; i++) {
          int c = compareStrings(ka.get(i), kb.get(i));
          if (c != 0) {
            yield c;
          }
          c = compareValues(a.get(ka.get(i)), b.get(kb.get(i)));
          if (c != 0) {
            yield c;
          }
        }
        yield Integer.compare(ka.size(), kb.size());
      }
      default -> 0;
    };
  }

  private static int rank(JsonNode v) {
    return switch (v.getNodeType()) {
      case NUMBER -> 0;
      case STRING -> 1;
      case BOOLEAN -> 2;
      case ARRAY -> 3;
      case OBJECT, POJO -> 4;
      default -> 5;
    };
  }

  /** Value equality as structured-merge-diff's value.Equals: numbers compare numerically. */
  static boolean equalValues(JsonNode a, JsonNode b) {
    if (a == b) {
      return true;
    }
    if (a.isNumber() && b.isNumber()) {
      if (a.isIntegralNumber() && b.isIntegralNumber()) {
        return a.canConvertToLong() && b.canConvertToLong() ? a.longValue() == b.longValue()
            : a.bigIntegerValue().equals(b.bigIntegerValue());
      }
      return a.doubleValue() == b.doubleValue();
    }
    if (a.getNodeType() != b.getNodeType()) {
      return false;
    }
    switch (a.getNodeType()) {
      case ARRAY -> {
        if (a.size() != b.size()) {
          return false;
        }
        for (int i = 0; i < a.size(); i++) {
          if (!equalValues(a.get(i), b.get(i))) {
            return false;
          }
        }
        return true;
      }
      case OBJECT -> {
        if (a.size() != b.size()) {
          return false;
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = a.fields(); it.hasNext(); ) {
          Map.Entry<String, JsonNode> e = it.next();
          JsonNode other = b.get(e.getKey());
          if (other == null || !equalValues(e.getValue(), other)) {
            return false;
          }
        }
        return true;
      }
      default -> {
        return a.equals(b);
      }
    }
  }
}
