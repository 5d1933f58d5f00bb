package dev.berth.api.kinds;

import java.time.ZoneId;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Validation of CronJob schedules with the grammar of the cron library upstream uses (robfig/cron v3,
 * standard parser): five fields (minute, hour, day of month, month, day of week) of comma-separated
 * {@code *}, {@code ?}, numbers, names, ranges and steps; or a descriptor ({@code @hourly}, {@code @every 5m});
 * optionally prefixed by {@code TZ=zone} or {@code CRON_TZ=zone}. Error texts are the library's.
 */
final class CronSchedule {

  private CronSchedule() {}

  private record Bounds(int min, int max, Map<String, Integer> names) {}

  private static final Map<String, Integer> MONTHS = Map.ofEntries(Map.entry("jan", 1), Map.entry("feb", 2),
      Map.entry("mar", 3), Map.entry("apr", 4), Map.entry("may", 5), Map.entry("jun", 6), Map.entry("jul", 7),
      Map.entry("aug", 8), Map.entry("sep", 9), Map.entry("oct", 10), Map.entry("nov", 11), Map.entry("dec", 12));
  private static final Map<String, Integer> DAYS = Map.of("sun", 0, "mon", 1, "tue", 2, "wed", 3, "thu", 4,
      "fri", 5, "sat", 6);
  private static final List<Bounds> FIELDS = List.of(new Bounds(0, 59, null), new Bounds(0, 23, null),
      new Bounds(1, 31, null), new Bounds(1, 12, MONTHS), new Bounds(0, 6, DAYS));
  private static final Set<String> DESCRIPTORS = Set.of("@yearly", "@annually", "@monthly", "@weekly", "@daily",
      "@midnight", "@hourly");
  /** The JDK's IANA zone ids; computed once, the JDK returns a fresh copy on every call. */
  private static final Set<String> ZONES = Set.copyOf(ZoneId.getAvailableZoneIds());
  private static final Pattern GO_DURATION =
      Pattern.compile("[-+]?(([0-9]+(\\.[0-9]*)?|\\.[0-9]+)(ns|us|µs|μs|ms|s|m|h))+|0");

  /** The parse error for {@code spec}, or null when it is a valid schedule. */
  static String error(String spec) {
    if (spec.isEmpty()) {
      return "empty spec string";
    }
    String s = spec;
    if (s.startsWith("TZ=") || s.startsWith("CRON_TZ=")) {
      int space = s.indexOf(' ');
      if (space < 0) {
        space = s.length();
      }
      String zone = s.substring(s.indexOf('=') + 1, space);
      if (!isKnownZone(zone)) {
        return "provided bad location " + zone + ": unknown time zone " + zone;
      }
      s = s.substring(space).strip();
    }
    if (s.startsWith("@")) {
      if (DESCRIPTORS.contains(s)) {
        return null;
      }
      if (s.startsWith("@every ")) {
        String d = s.substring("@every ".length());
        return GO_DURATION.matcher(d).matches() ? null
            : "failed to parse duration " + s + ": time: invalid duration \"" + d + "\"";
      }
      return "unrecognized descriptor: " + s;
    }
    String[] fields = s.strip().split("\\s+");
    if (s.isBlank()) {
      fields = new String[0];
    }
    if (fields.length != 5) {
      return "expected exactly 5 fields, found " + fields.length + ": " + Arrays.toString(fields).replace(",", "");
    }
    for (int i = 0; i < 5; i++) {
      for (String expr : fields[i].split(",", -1)) {
        String err = rangeError(expr, FIELDS.get(i));
        if (err != null) {
          return err;
        }
      }
    }
    return null;
  }

  private static String rangeError(String expr, Bounds r) {
    String[] rangeAndStep = expr.split("/", -1);
    String[] lowAndHigh = rangeAndStep[0].split("-", -1);
    boolean single = lowAndHigh.length == 1;
    long start;
    long end;
    if (lowAndHigh[0].equals("*") || lowAndHigh[0].equals("?")) {
      start = r.min();
      end = r.max();
    } else {
      Object s = parseIntOrName(lowAndHigh[0], r.names());
      if (s instanceof String err) {
        return err;
      }
      start = (Long) s;
      switch (lowAndHigh.length) {
        case 1 -> end = start;
        case 2 -> {
          Object e = parseIntOrName(lowAndHigh[1], r.names());
          if (e instanceof String err) {
            return err;
          }
          end = (Long) e;
        }
        default -> {
          return "too many hyphens: " + expr;
        }
      }
    }
    long step;
    switch (rangeAndStep.length) {
      case 1 -> step = 1;
      case 2 -> {
        Object st = parseInt(rangeAndStep[1]);
        if (st instanceof String err) {
          return err;
        }
        step = (Long) st;
        if (single) {
          end = r.max();
        }
      }
      default -> {
        return "too many slashes: " + expr;
      }
    }
    if (start < r.min()) {
      return "beginning of range (" + start + ") below minimum (" + r.min() + "): " + expr;
    }
    if (end > r.max()) {
      return "end of range (" + end + ") above maximum (" + r.max() + "): " + expr;
    }
    if (start > end) {
      return "beginning of range (" + start + ") beyond end of range (" + end + "): " + expr;
    }
    if (step == 0) {
      return "step of range should be a positive number: " + expr;
    }
    return null;
  }

  private static Object parseIntOrName(String expr, Map<String, Integer> names) {
    if (names != null) {
      Integer v = names.get(expr.toLowerCase(Locale.ROOT));
      if (v != null) {
        return (long) v;
      }
    }
    return parseInt(expr);
  }

  private static Object parseInt(String expr) {
    long n;
    try {
      n = Long.parseLong(expr);
    } catch (NumberFormatException e) {
      return "failed to parse int from " + expr + ": strconv.Atoi: parsing \"" + expr + "\": invalid syntax";
    }
    if (n < 0) {
      return "negative number (" + n + ") not allowed: " + expr;
    }
    return n;
  }

  /** Whether {@code zone} names an IANA time zone (what Go's time.LoadLocation would find). */
  static boolean isKnownZone(String zone) {
    return zone.equals("UTC") || ZONES.contains(zone);
  }
}
