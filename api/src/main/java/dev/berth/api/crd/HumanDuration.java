package dev.berth.api.crd;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/**
 * Ages as kubectl and the Table printer show them ({@code 5s}, {@code 3m20s}, {@code 2d3h},
 * {@code 1y200d}): apimachinery's {@code duration.HumanDuration}, ~2-3 significant figures.
 */
public final class HumanDuration {

  private HumanDuration() {}

  /** The succinct form of a duration; up to a second in the future counts as now. */
  public static String format(Duration d) {
    long seconds = d.getSeconds() + (d.isNegative() && d.getNano() > 0 ? 1 : 0); // truncate toward zero
    if (seconds < -1) {
      return "<invalid>";
    }
    if (seconds < 0) {
      return "0s";
    }
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
      long dy = (hours / 24) % 365;
      return dy == 0 ? hours / 24 / 365 + "y" : hours / 24 / 365 + "y" + dy + "d";
    }
    return hours / 24 / 365 + "y";
  }

  /** The age of a moment as of the clock's now. */
  public static String age(Instant since, Clock clock) {
    return format(Duration.between(since, clock.instant()));
  }

  /**
   * The age of an RFC 3339 timestamp as the Table printer shows a {@code date} column:
   * {@code <invalid>} when it cannot be parsed.
   */
  public static String ageOf(String rfc3339, Clock clock) {
    try {
      return age(OffsetDateTime.parse(rfc3339).toInstant(), clock);
    } catch (DateTimeParseException e) {
      return "<invalid>";
    }
  }
}
