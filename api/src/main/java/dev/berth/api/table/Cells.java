package dev.berth.api.table;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Small, allocation-aware helpers shared by the printers: reading JSON fields the way Go's decoder
 * fills zero values, and the formatting helpers upstream's printers use (ages, label sets, label
 * selectors, container lists).
 */
final class Cells {

  static final String NONE = "<none>";
  static final String UNKNOWN = "<unknown>";
  static final String UNSET = "<unset>";

  private Cells() {}

  // ---- reading values ----------------------------------------------------------------------

  /** The string at {@code node}, or "" for a missing or null value (Go's zero value). */
  static String text(JsonNode node) {
    if (node.isTextual()) {
      return node.textValue();
    }
    if (node.isMissingNode() || node.isNull() || node.isContainerNode()) {
      return "";
    }
    return node.asText();
  }

  /** The integer at {@code node}, or 0 when missing. */
  static long integer(JsonNode node) {
    if (node.isNumber()) {
      return node.longValue();
    }
    if (node.isTextual()) {
      try {
        return Long.parseLong(node.textValue());
      } catch (NumberFormatException e) {
        return 0;
      }
    }
    return 0;
  }

  /** The integer at {@code node}, or {@code fallback} when missing (upstream's defaulted pointers). */
  static long integer(JsonNode node, long fallback) {
    return node.isMissingNode() || node.isNull() ? fallback : integer(node);
  }

  static boolean bool(JsonNode node) {
    return node.isBoolean() ? node.booleanValue() : node.isTextual() && "true".equals(node.textValue());
  }

  static boolean present(JsonNode node) {
    return !node.isMissingNode() && !node.isNull();
  }

  static int size(JsonNode node) {
    return node.isContainerNode() ? node.size() : 0;
  }

  static String name(JsonNode obj) {
    return text(obj.path("metadata").path("name"));
  }

  static boolean deleting(JsonNode obj) {
    return present(obj.path("metadata").path("deletionTimestamp"));
  }

  /**
   * A resource.Quantity as upstream's {@code Quantity.String()} would print it. Stored quantities
   * are kept as written, so this is their text; a missing pointer prints "&lt;nil&gt;" in Go.
   */
  static String quantityOrNil(JsonNode node) {
    return present(node) ? text(node) : "<nil>";
  }

  /** A quantity taken from a map by value (Go yields the zero quantity, printed "0"). */
  static String quantityOrZero(JsonNode node) {
    return present(node) ? text(node) : "0";
  }

  // ---- time ----------------------------------------------------------------------------------

  /** upstream translateTimestampSince: "&lt;unknown&gt;" for unset timestamps. */
  static String since(JsonNode timestamp, Instant now) {
    long seconds = Timestamps.secondsSince(timestamp.isTextual() ? timestamp.textValue() : null, now);
    return seconds == Timestamps.ABSENT ? UNKNOWN : HumanDuration.formatSeconds(seconds);
  }

  static String age(JsonNode obj, Instant now) {
    return since(obj.path("metadata").path("creationTimestamp"), now);
  }

  static boolean isZeroTime(JsonNode timestamp) {
    return Timestamps.isZero(timestamp.isTextual() ? timestamp.textValue() : null);
  }

  // ---- collections -----------------------------------------------------------------------------

  /** Names and images of a container list joined by commas (upstream layoutContainerCells). */
  static String containerNames(JsonNode containers) {
    return joinField(containers, "name");
  }

  static String containerImages(JsonNode containers) {
    return joinField(containers, "image");
  }

  static String joinField(JsonNode array, String field) {
    int n = size(array);
    if (n == 0 || !array.isArray()) {
      return "";
    }
    if (n == 1) {
      return text(array.get(0).path(field));
    }
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < n; i++) {
      if (i > 0) {
        sb.append(',');
      }
      sb.append(text(array.get(i).path(field)));
    }
    return sb.toString();
  }

  /** Texts of a string array joined by {@code separator}. */
  static String joinTexts(JsonNode array, String separator) {
    if (!array.isArray() || array.isEmpty()) {
      return "";
    }
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < array.size(); i++) {
      if (i > 0) {
        sb.append(separator);
      }
      sb.append(text(array.get(i)));
    }
    return sb.toString();
  }

  /**
   * upstream labels.FormatLabels: "k1=v1,k2=v2" sorted by key, "&lt;none&gt;" when empty.
   */
  static String formatLabels(JsonNode map) {
    String s = labelSetString(map);
    return s.isEmpty() ? NONE : s;
  }

  /** upstream labels.Set.String(): sorted "k=v" pairs joined by commas. */
  static String labelSetString(JsonNode map) {
    if (!map.isObject() || map.isEmpty()) {
      return "";
    }
    if (map.size() == 1) {
      Map.Entry<String, JsonNode> e = map.fields().next();
      return e.getKey() + "=" + text(e.getValue());
    }
    List<String> keys = sortedKeys(map);
    StringBuilder sb = new StringBuilder();
    for (String k : keys) {
      if (!sb.isEmpty()) {
        sb.append(',');
      }
      sb.append(k).append('=').append(text(map.path(k)));
    }
    return sb.toString();
  }

  static List<String> sortedKeys(JsonNode map) {
    List<String> keys = new ArrayList<>(map.size());
    for (Iterator<String> it = map.fieldNames(); it.hasNext(); ) {
      keys.add(it.next());
    }
    keys.sort(null);
    return keys;
  }

  /** upstream net.JoinHostPort: brackets around IPv6 hosts. */
  static String joinHostPort(String host, long port) {
    return host.indexOf(':') >= 0 ? "[" + host + "]:" + port : host + ":" + port;
  }

  static String firstNonEmpty(String a, String b) {
    return a.isEmpty() ? b : a;
  }

  /** Go's strings.TrimSpace: trims Unicode white space (unicode.IsSpace) at both ends. */
  static String trimSpace(String s) {
    int start = 0;
    int end = s.length();
    while (start < end && isGoSpace(s.charAt(start))) {
      start++;
    }
    while (end > start && isGoSpace(s.charAt(end - 1))) {
      end--;
    }
    return start == 0 && end == s.length() ? s : s.substring(start, end);
  }

  private static boolean isGoSpace(char c) {
    switch (c) {
      case '\t', '\n', '\u000B', '\f', '\r', ' ', '\u0085', '\u00A0':
        return true;
      default:
        if (c < 0x100) {
          return false;
        }
        int type = Character.getType(c);
        return type == Character.SPACE_SEPARATOR || type == Character.LINE_SEPARATOR
            || type == Character.PARAGRAPH_SEPARATOR;
    }
  }

  /** Lower-cases like Go's strings.ToLower for the ASCII kinds we see, without locale effects. */
  static String lower(String s) {
    return s.toLowerCase(java.util.Locale.ROOT);
  }

  /** upstream printBoolPtr: "True", "False" or "&lt;unset&gt;". */
  static String boolPtr(JsonNode node) {
    if (!present(node)) {
      return UNSET;
    }
    return bool(node) ? "True" : "False";
  }

  /** upstream listWithMoreString: up to {@code max} items, then " + N more...", "&lt;unset&gt;" if empty. */
  static String listWithMore(List<String> items, int total, int max) {
    String joined = String.join(",", items);
    if (total > max) {
      return joined + " + " + (total - max) + " more...";
    }
    return joined.isEmpty() ? UNSET : joined;
  }
}
