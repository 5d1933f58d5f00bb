package dev.berth.api.codec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BigIntegerNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.math.BigInteger;
import java.util.Set;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.events.ScalarEvent;

/**
 * Resolves YAML scalars the way the apiserver's YAML path (sigs.k8s.io/yaml over go-yaml v2, a YAML
 * 1.1 resolver) does, so a body means the same thing here as upstream: {@code yes}/{@code on}/{@code y}
 * are booleans, {@code 0755} is octal, {@code 0x1F} hex, {@code ~} null, timestamps stay strings, and
 * quoted scalars are always strings. Infinity and NaN cannot be represented in JSON and are refused.
 */
final class YamlScalars {

  private static final String TAG_PREFIX = "tag:yaml.org,2002:";
  private static final Set<String> NULLS = Set.of("", "~", "null", "Null", "NULL");
  private static final Set<String> TRUES = Set.of("y", "Y", "yes", "Yes", "YES", "true", "True",
      "TRUE", "on", "On", "ON");
  private static final Set<String> FALSES = Set.of("n", "N", "no", "No", "NO", "false", "False",
      "FALSE", "off", "Off", "OFF");
  private static final Set<String> POS_INF = Set.of(".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF");
  private static final Set<String> NEG_INF = Set.of("-.inf", "-.Inf", "-.INF");
  private static final Set<String> NANS = Set.of(".nan", ".NaN", ".NAN");
  private static final Pattern YAML_FLOAT =
      Pattern.compile("^[-+]?(\\.[0-9]+|[0-9]+(\\.[0-9]*)?)([eE][-+]?[0-9]+)?$");
  private static final BigInteger UINT64_MAX = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);

  private YamlScalars() {}

  /** The JSON value of a scalar event. */
  static JsonNode value(ScalarEvent e) {
    String text = e.getValue();
    String tag = e.getTag();
    if (tag != null && tag.startsWith(TAG_PREFIX)) {
      return tagged(text, tag.substring(TAG_PREFIX.length()));
    }
    if (!e.isPlain() || (tag != null && !"!".equals(tag))) {
      // quoted, literal or folded scalars are strings; so are scalars with local tags
      return TextNode.valueOf(text);
    }
    return plain(text);
  }

  /**
   * A mapping key as JSON needs it: a string. Plain keys are resolved first and then printed, so
   * {@code on:} becomes {@code "true"} and {@code 1:} becomes {@code "1"}, as upstream does.
   */
  static String key(ScalarEvent e) {
    JsonNode v = value(e);
    if (v.isTextual()) {
      return v.textValue();
    }
    if (v.isNull()) {
      throw new BodySyntaxException("unsupported map key: null");
    }
    return v.asText();
  }

  private static JsonNode tagged(String text, String type) {
    return switch (type) {
      case "str", "binary", "timestamp" -> TextNode.valueOf(text);
      case "null" -> NullNode.instance;
      case "bool" -> {
        if (TRUES.contains(text)) {
          yield BooleanNode.TRUE;
        }
        if (FALSES.contains(text)) {
          yield BooleanNode.FALSE;
        }
        throw cannotDecode(text, type);
      }
      case "int" -> {
        JsonNode n = integer(text);
        if (n == null) {
          throw cannotDecode(text, type);
        }
        yield n;
      }
      case "float" -> {
        JsonNode n = integer(text);
        if (n != null) {
          yield DoubleNode.valueOf(n.doubleValue());
        }
        JsonNode f = floating(text);
        if (f == null) {
          throw cannotDecode(text, type);
        }
        yield f;
      }
      default -> TextNode.valueOf(text);
    };
  }

  private static BodySyntaxException cannotDecode(String text, String type) {
    return new BodySyntaxException("cannot decode !!str `" + text + "` as a !!" + type);
  }

  private static JsonNode plain(String text) {
    if (NULLS.contains(text)) {
      return NullNode.instance;
    }
    if (TRUES.contains(text)) {
      return BooleanNode.TRUE;
    }
    if (FALSES.contains(text)) {
      return BooleanNode.FALSE;
    }
    char c = text.charAt(0);
    if (c == '.' || c == '+' || c == '-' || (c >= '0' && c <= '9')) {
      if (POS_INF.contains(text)) {
        throw unsupported("+Inf");
      }
      if (NEG_INF.contains(text)) {
        throw unsupported("-Inf");
      }
      if (NANS.contains(text)) {
        throw unsupported("NaN");
      }
      JsonNode n = integer(text);
      if (n != null) {
        return n;
      }
      JsonNode f = floating(text);
      if (f != null) {
        return f;
      }
    }
    return TextNode.valueOf(text);
  }

  private static BodySyntaxException unsupported(String what) {
    return new BodySyntaxException("json: unsupported value: " + what);
  }

  private static JsonNode floating(String text) {
    if (!YAML_FLOAT.matcher(text).matches()) {
      return null;
    }
    double d = Double.parseDouble(text);
    if (Double.isInfinite(d)) {
      throw unsupported(d > 0 ? "+Inf" : "-Inf");
    }
    return DoubleNode.valueOf(d);
  }

  /**
   * Go's {@code strconv.ParseInt(s, 0, 64)} then {@code ParseUint(s, 0, 64)}: optional sign, base
   * prefixes 0x/0o/0b or a leading 0 for octal, underscores only as digit separators. Returns null
   * when the text is not an integer of that syntax or does not fit 64 bits.
   */
  static JsonNode integer(String text) {
    String s = text;
    boolean negative = false;
    if (s.startsWith("+") || s.startsWith("-")) {
      negative = s.charAt(0) == '-';
      s = s.substring(1);
    }
    if (s.isEmpty()) {
      return null;
    }
    if (s.indexOf('_') >= 0) {
      if (!underscoreOk(s)) {
        return null;
      }
      s = s.replace("_", "");
    }
    int radix = 10;
    if (s.length() >= 2 && s.charAt(0) == '0') {
      char p = Character.toLowerCase(s.charAt(1));
      if (p == 'x' || p == 'o' || p == 'b') {
        radix = p == 'x' ? 16 : p == 'o' ? 8 : 2;
        s = s.substring(2);
      } else {
        radix = 8;
        s = s.substring(1);
      }
    }
    if (s.isEmpty()) {
      return null;
    }
    for (int k = 0; k < s.length(); k++) {
      if (Character.digit(s.charAt(k), radix) < 0 || s.charAt(k) > 'z') {
        return null;
      }
    }
    BigInteger v = new BigInteger(s, radix);
    if (negative) {
      v = v.negate();
    }
    if (v.bitLength() <= 31) {
      return IntNode.valueOf(v.intValue());
    }
    if (v.bitLength() <= 63) {
      return LongNode.valueOf(v.longValue());
    }
    if (!negative && v.compareTo(UINT64_MAX) <= 0) {
      return BigIntegerNode.valueOf(v);
    }
    return null;
  }

  /** Go's rule: an underscore must sit between digits (a base prefix counts as a digit). */
  private static boolean underscoreOk(String s) {
    char saw = '^';
    int i = 0;
    boolean hex = false;
    if (s.length() >= 2 && s.charAt(0) == '0') {
      char p = Character.toLowerCase(s.charAt(1));
      if (p == 'x' || p == 'o' || p == 'b') {
        i = 2;
        saw = '0';
        hex = p == 'x';
      }
    }
    for (; i < s.length(); i++) {
      char c = s.charAt(i);
      char lc = Character.toLowerCase(c);
      if ((c >= '0' && c <= '9') || (hex && lc >= 'a' && lc <= 'f')) {
        saw = '0';
      } else if (c == '_') {
        if (saw != '0') {
          return false;
        }
        saw = '_';
      } else {
        if (saw == '_') {
          return false;
        }
        saw = '!';
      }
    }
    return saw != '_';
  }
}
