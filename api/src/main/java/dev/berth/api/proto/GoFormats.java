package dev.berth.api.proto;

import java.time.LocalDateTime;
import java.time.ZoneOffset;

/**
 * The JSON text forms Kubernetes' Go types give their values: metav1.Time (RFC 3339 in UTC, whole
 * seconds), metav1.MicroTime (RFC 3339 with six fraction digits) and time.Duration ("1h0m0s").
 */
final class GoFormats {

  /** Unix seconds of Go's zero time.Time (0001-01-01T00:00:00Z), which metav1.Time writes as null. */
  static final long GO_ZERO_TIME_SECONDS = -62135596800L;
  private static final long MIN_FOUR_DIGIT_YEAR_SECONDS = -62167219200L; // 0000-01-01T00:00:00Z
  private static final long MAX_FOUR_DIGIT_YEAR_SECONDS = 253402300799L; // 9999-12-31T23:59:59Z
  private static final long NANOS_PER_SECOND = 1_000_000_000L;

  private GoFormats() {}

  /**
   * Formats Go's {@code time.Unix(seconds, nanos)} as metav1.Time or MicroTime does, or returns null
   * for Go's zero time (written as JSON null).
   */
  static String formatTime(long seconds, long nanos, boolean micro) {
    // time.Unix normalizes a nanosecond count outside [0, 1e9) into the seconds.
    long carry = Math.floorDiv(nanos, NANOS_PER_SECOND);
    boolean overflows = carry > 0 ? seconds > Long.MAX_VALUE - carry
        : carry < 0 && seconds < Long.MIN_VALUE - carry;
    if (overflows) {
      throw new MalformedProtobuf("Time.MarshalJSON: year outside of range [0,9999]");
    }
    long sec = seconds + carry;
    long nano = Math.floorMod(nanos, NANOS_PER_SECOND);
    if (sec == GO_ZERO_TIME_SECONDS && nano == 0) {
      return null;
    }
    if (sec < MIN_FOUR_DIGIT_YEAR_SECONDS || sec > MAX_FOUR_DIGIT_YEAR_SECONDS) {
      throw new MalformedProtobuf("Time.MarshalJSON: year outside of range [0,9999]");
    }
    LocalDateTime t = LocalDateTime.ofEpochSecond(sec, 0, ZoneOffset.UTC);
    StringBuilder sb = new StringBuilder(micro ? 27 : 20);
    pad(sb, t.getYear(), 4).append('-');
    pad(sb, t.getMonthValue(), 2).append('-');
    pad(sb, t.getDayOfMonth(), 2).append('T');
    pad(sb, t.getHour(), 2).append(':');
    pad(sb, t.getMinute(), 2).append(':');
    pad(sb, t.getSecond(), 2);
    if (micro) {
      pad(sb.append('.'), (int) (nano / 1000), 6);
    }
    return sb.append('Z').toString();
  }

  private static StringBuilder pad(StringBuilder sb, int value, int width) {
    String digits = Integer.toString(value);
    for (int i = digits.length(); i < width; i++) {
      sb.append('0');
    }
    return sb.append(digits);
  }

  /** Go's {@code time.Duration.String()}: "1h0m0s", "1m30s", "1.5s", "250ms", "2µs", "0s". */
  static String formatDuration(long nanos) {
    if (nanos == 0) {
      return "0s";
    }
    boolean negative = nanos < 0;
    long u = negative ? -nanos : nanos; // as unsigned: Long.MIN_VALUE stays 2^63
    StringBuilder sb = new StringBuilder(24);
    if (negative) {
      sb.append('-');
    }
    if (Long.compareUnsigned(u, NANOS_PER_SECOND) < 0) {
      // Below a second Go switches to the largest unit that keeps an integer part.
      if (u < 1_000) {
        return sb.append(u).append("ns").toString();
      } else if (u < 1_000_000) {
        appendDecimal(sb, u, 3);
        return sb.append("µs").toString();
      }
      appendDecimal(sb, u, 6);
      return sb.append("ms").toString();
    }
    long fraction = Long.remainderUnsigned(u, NANOS_PER_SECOND);
    long wholeSeconds = Long.divideUnsigned(u, NANOS_PER_SECOND);
    long hours = wholeSeconds / 3600;
    long minutes = wholeSeconds / 60 % 60;
    long secs = wholeSeconds % 60;
    if (hours > 0) {
      sb.append(hours).append('h');
    }
    if (hours > 0 || minutes > 0) {
      sb.append(minutes).append('m');
    }
    appendDecimal(sb, secs * NANOS_PER_SECOND + fraction, 9);
    return sb.append('s').toString();
  }

  /** Appends value / 10^scale with the fraction's trailing zeros (and a bare point) dropped. */
  private static void appendDecimal(StringBuilder sb, long value, int scale) {
    long divisor = 1;
    for (int i = 0; i < scale; i++) {
      divisor *= 10;
    }
    sb.append(value / divisor);
    long fraction = value % divisor;
    if (fraction == 0) {
      return;
    }
    String digits = Long.toString(fraction);
    sb.append('.');
    for (int i = digits.length(); i < scale; i++) {
      sb.append('0');
    }
    int end = digits.length();
    while (digits.charAt(end - 1) == '0') {
      end--;
    }
    sb.append(digits, 0, end);
  }
}
