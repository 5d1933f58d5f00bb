package dev.berth.api.table;

import java.time.Duration;

/**
 * The short, human-readable durations that {@code kubectl get} shows in AGE and similar columns, with
 * the same precision rules as upstream's {@code k8s.io/apimachinery/pkg/util/duration.HumanDuration}:
 * about two significant figures ("45s", "3m20s", "15m", "5h3m", "30h", "2d3h", "100d", "3y12d", "9y").
 */
public final class HumanDuration {

  /**
   * Go's {@code time.Duration} saturates at about 292 years; {@code time.Since} of an older
   * timestamp yields that maximum, so we clamp to the same number of whole seconds.
   */
  private static final long MAX_SECONDS = Long.MAX_VALUE / 1_000_000_000L;

  private HumanDuration() {}

  /**
   * Formats {@code d}. A duration of less than -1s is {@code "<invalid>"} and one in [-1s, 0) is
   * {@code "0s"}: upstream tolerates a little clock skew between server and client.
   */
  public static String format(Duration d) {
    long seconds = d.getSeconds();
    // Go truncates toward zero; Duration keeps a floored second count and a positive nano part.
    if (seconds < 0 && d.getNano() > 0) {
      seconds++;
    }
    return formatSeconds(seconds);
  }

  /** Same as {@link #format(Duration)} for a whole number of seconds (truncated toward zero). */
  static String formatSeconds(long seconds) {
    if (seconds < -1) {
      return "<invalid>";
    }
    if (seconds < 0) {
      return "0s";
    }
    seconds = Math.min(seconds, MAX_SECONDS);
    if (seconds < 60 * 2) {
      return seconds + "s";
    }
    long minutes = seconds / 60;
    if (minutes < 10) {
      long s = seconds % 60;
      return s == 0 ? minutes + "m" : minutes + "m" + s + "s";
    }
    if (minutes < 60 * 3) {
      return minutes + "m";
    }
    long hours = seconds / 3600;
    if (hours < 8) {
      long m = minutes % 60;
      return m == 0 ? hours + "h" : hours + "h" + m + "m";
    }
    if (hours < 48) {
      return hours + "h";
    }
    if (hours < 24 * 8) {
      long h = hours % 24;
      return h == 0 ? hours / 24 + "d" : hours / 24 + "d" + h + "h";
    }
    if (hours < 24 * 365 * 2) {
      return hours / 24 + "d";
    }
    if (hours < 24 * 365 * 8) {
      long dy = hours / 24 % 365;
      return dy == 0 ? hours / 24 / 365 + "y" : hours / 24 / 365 + "y" + dy + "d";
    }
    return hours / 24 / 365 + "y";
  }
}
