package dev.berth.api.table;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/**
 * Parses the RFC 3339 timestamps of Kubernetes objects ({@code metav1.Time} "2024-05-01T10:00:00Z" and
 * {@code metav1.MicroTime} "2024-05-01T10:00:00.123456Z") without a formatter on the common path:
 * printing a 10,000-pod list parses tens of thousands of them.
 */
final class Timestamps {

  /** Seconds of {@code 0001-01-01T00:00:00Z}, Go's zero time, which upstream treats as unset. */
  static final long GO_ZERO_TIME_SECONDS = -62135596800L;

  /** Returned for a missing, empty or unparsable timestamp. */
  static final long ABSENT = Long.MIN_VALUE;

  private Timestamps() {}

  /**
   * Whole seconds elapsed from {@code text} to {@code now}, truncated toward zero like Go's
   * {@code int(d.Seconds())}; {@link #ABSENT} when the timestamp is absent or Go's zero time.
   */
  static long secondsSince(String text, Instant now) {
    if (text == null || text.isEmpty()) {
      return ABSENT;
    }
    long seconds = parseSeconds(text);
    int nanos = 0;
    if (seconds == ABSENT) {
      Instant parsed = slowParse(text);
      if (parsed == null) {
        return ABSENT;
      }
      seconds = parsed.getEpochSecond();
      nanos = parsed.getNano();
    } else {
      nanos = fraction(text);
    }
    if (seconds == GO_ZERO_TIME_SECONDS && nanos == 0) {
      return ABSENT;
    }
    return elapsedSeconds(seconds, nanos, now.getEpochSecond(), now.getNano());
  }

  /** Whole seconds between two instants given as (seconds, nanos), truncated toward zero. */
  static long elapsedSeconds(long fromSeconds, int fromNanos, long toSeconds, int toNanos) {
    long s = toSeconds - fromSeconds;
    long n = (long) toNanos - fromNanos;
    if (s > 0 && n < 0) {
      s--;
    } else if (s < 0 && n > 0) {
      s++;
    }
    return s;
  }

  /** Parsed instant or null; used where both ends of a duration come from the object. */
  static Instant parse(String text) {
    if (text == null || text.isEmpty()) {
      return null;
    }
    long seconds = parseSeconds(text);
    if (seconds != ABSENT) {
      return Instant.ofEpochSecond(seconds, fraction(text));
    }
    return slowParse(text);
  }

  /** True when {@code text} is absent or Go's zero time (both print as unknown upstream). */
  static boolean isZero(String text) {
    if (text == null || text.isEmpty()) {
      return true;
    }
    Instant parsed = parse(text);
    return parsed == null || (parsed.getEpochSecond() == GO_ZERO_TIME_SECONDS && parsed.getNano() == 0);
  }

  /**
   * Fast path for "YYYY-MM-DDTHH:MM:SS[.fraction]Z"; {@link #ABSENT} for anything else (offsets,
   * lower-case separators), which the slow path handles.
   */
  private static long parseSeconds(String s) {
    int len = s.length();
    if (len < 20 || s.charAt(len - 1) != 'Z' || s.charAt(4) != '-' || s.charAt(7) != '-'
        || s.charAt(10) != 'T' || s.charAt(13) != ':' || s.charAt(16) != ':') {
      return ABSENT;
    }
    if (len > 20 && (s.charAt(19) != '.' || len == 21)) {
      return ABSENT;
    }
    for (int i = 20; i < len - 1; i++) {
      if (!isDigit(s.charAt(i))) {
        return ABSENT;
      }
    }
    int year = digits(s, 0, 4);
    int month = digits(s, 5, 2);
    int day = digits(s, 8, 2);
    int hour = digits(s, 11, 2);
    int minute = digits(s, 14, 2);
    int second = digits(s, 17, 2);
    if (year < 0 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month) || hour > 23
        || minute > 59 || second > 59 || hour < 0 || minute < 0 || second < 0) {
      return ABSENT;
    }
    return daysFromCivil(year, month, day) * 86400L + hour * 3600L + minute * 60L + second;
  }

  /** Nanoseconds of the fraction in a fast-path timestamp. */
  private static int fraction(String s) {
    int len = s.length();
    if (len <= 21) {
      return 0;
    }
    int nanos = 0;
    int digits = 0;
    for (int i = 20; i < len - 1 && digits < 9; i++, digits++) {
      nanos = nanos * 10 + (s.charAt(i) - '0');
    }
    for (; digits < 9; digits++) {
      nanos *= 10;
    }
    return nanos;
  }

  private static Instant slowParse(String text) {
    try {
      return OffsetDateTime.parse(text).toInstant();
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  private static int digits(String s, int from, int count) {
    int value = 0;
    for (int i = from; i < from + count; i++) {
      char c = s.charAt(i);
      if (!isDigit(c)) {
        return -1;
      }
      value = value * 10 + (c - '0');
    }
    return value;
  }

  private static int daysInMonth(int year, int month) {
    return switch (month) {
      case 2 -> (year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)) ? 29 : 28;
      case 4, 6, 9, 11 -> 30;
      default -> 31;
    };
  }

  /** Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm). */
  private static long daysFromCivil(int year, int month, int day) {
    long y = month <= 2 ? year - 1 : year;
    long era = Math.floorDiv(y, 400);
    long yoe = y - era * 400;
    long doy = (153L * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
    long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
  }
}
