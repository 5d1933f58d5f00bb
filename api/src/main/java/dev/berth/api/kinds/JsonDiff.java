package dev.berth.api.kinds;

import com.fasterxml.jackson.databind.JsonNode;
import dev.berth.api.validation.Nodes;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * A short human-readable description of how two JSON trees differ, for the "may not change" messages
 * where upstream appends a structural diff of the Go objects. Lists at most a handful of paths.
 */
final class JsonDiff {

  private JsonDiff() {}

  private static final int MAX_LINES = 10;

  /** Lines like {@code -  spec.dnsPolicy: "ClusterFirst"} / {@code +  spec.dnsPolicy: "Default"}. */
  static String describe(JsonNode before, JsonNode after) {
    List<String> lines = new ArrayList<>();
    collect("", before, after, lines);
    if (lines.size() > MAX_LINES * 2) {
      int more = lines.size() / 2 - MAX_LINES;
      lines = new ArrayList<>(lines.subList(0, MAX_LINES * 2));
      lines.add("   ... and " + more + " more");
    }
    return String.join("\n", lines);
  }

  private static void collect(String path, JsonNode a, JsonNode b, List<String> out) {
    if (Nodes.zeroTolerantEquals(a, b)) {
      return;
    }
    if (a != null && b != null && a.isObject() && b.isObject()) {
      TreeSet<String> keys = new TreeSet<>();
      a.fieldNames().forEachRemaining(keys::add);
      b.fieldNames().forEachRemaining(keys::add);
      for (String k : keys) {
        collect(path.isEmpty() ? k : path + "." + k, a.get(k), b.get(k), out);
      }
      return;
    }
    if (a != null && b != null && a.isArray() && b.isArray() && a.size() == b.size()) {
      for (int i = 0; i < a.size(); i++) {
        collect(path + "[" + i + "]", a.get(i), b.get(i), out);
      }
      return;
    }
    out.add("-  " + path + ": " + (a == null ? "<unset>" : a.toString()));
    out.add("+  " + path + ": " + (b == null ? "<unset>" : b.toString()));
  }
}
