package dev.berth.api.validation;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.Optional;

/**
 * A Kubernetes resource quantity ({@code 100m}, {@code 1Gi}, {@code 2.5}, {@code 1e3}), parsed the way
 * upstream's {@code resource.ParseQuantity} does: the exact value as a {@link BigDecimal} (rounded up to
 * nano precision and capped at 2^63-1 in magnitude) and the suffix family it was written in, which decides
 * how {@link #toString()} prints it canonically ({@code 1024Mi} prints as {@code 1Gi}, {@code 0.5} as
 * {@code 500m}).
 *
 * <p>Quantities compare and are equal by value, not by spelling.
 */
public final class Quantity implements Comparable<Quantity> {

  /** How the quantity was written; decides the canonical form. */
  public enum Format { DECIMAL_SI, BINARY_SI, DECIMAL_EXPONENT }

  /** Upstream's message for text that is not a quantity at all. */
  public static final String FORMAT_ERROR =
      "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'";
  /** Upstream's message for a number followed by an unknown suffix ({@code 1K}, {@code 5x}). */
  public static final String SUFFIX_ERROR = "unable to parse quantity's suffix";

  public static final Quantity ZERO = new Quantity(BigDecimal.ZERO, Format.DECIMAL_SI);

  private static final BigDecimal MAX = BigDecimal.valueOf(Long.MAX_VALUE);
  private static final BigDecimal ONE_THOUSAND_TWENTY_FOUR = BigDecimal.valueOf(1024);
  private static final BigInteger BIG_1024 = BigInteger.valueOf(1024);

  private final BigDecimal value;
  private final Format format;

  private Quantity(BigDecimal value, Format format) {
    this.value = value;
    this.format = format;
  }

  /** Parses a quantity, or returns empty when the text is not one; see {@link #validate(String)} for why. */
  public static Optional<Quantity> tryParse(String s) {
    Object r = parseOrError(s);
    return r instanceof Quantity q ? Optional.of(q) : Optional.empty();
  }

  /**
   * Parses a quantity the caller knows to be well formed (a constant, or a value validated before).
   *
   * @throws IllegalArgumentException with upstream's message when it is not
   */
  public static Quantity parse(String s) {
    Object r = parseOrError(s);
    if (r instanceof Quantity q) {
      return q;
    }
    throw new IllegalArgumentException((String) r);
  }

  /** Upstream's parse error message for {@code s}, or null when {@code s} is a valid quantity. */
  public static String validate(String s) {
    Object r = parseOrError(s);
    return r instanceof String msg ? msg : null;
  }

  /** A quantity of {@code value} in the given format, rounded up to nano precision. */
  public static Quantity of(BigDecimal value, Format format) {
    return new Quantity(normalize(value), format);
  }

  /** {@code n} in plain decimal units. */
  public static Quantity of(long n) {
    return new Quantity(BigDecimal.valueOf(n), Format.DECIMAL_SI);
  }

  /** {@code m} thousandths, as CPU is usually counted. */
  public static Quantity ofMillis(long m) {
    return new Quantity(BigDecimal.valueOf(m, 3).stripTrailingZeros(), Format.DECIMAL_SI);
  }

  private static Object parseOrError(String text) {
    // upstream trims surrounding whitespace when it decodes a quantity from JSON
    String str = text == null ? null : text.strip();
    if (str == null || str.isEmpty()) {
      return FORMAT_ERROR;
    }
    if (str.equals("0")) {
      return ZERO;
    }
    int end = str.length();
    int pos = 0;
    boolean positive = true;
    char c0 = str.charAt(0);
    if (c0 == '-') {
      positive = false;
      pos++;
    } else if (c0 == '+') {
      pos++;
    }
    // The numeric part: digits, an optional '.', more digits. Upstream allows "1." and ".5" (and even ".").
    int numStart = pos;
    while (pos < end && isDigit(str.charAt(pos))) {
      pos++;
    }
    String intPart = str.substring(numStart, pos);
    String fracPart = "";
    if (pos < end && str.charAt(pos) == '.') {
      pos++;
      int fracStart = pos;
      while (pos < end && isDigit(str.charAt(pos))) {
        pos++;
      }
      fracPart = str.substring(fracStart, pos);
    }
    if (pos == numStart && !(pos == end && numStart == end)) {
      // no digits and no dot before a suffix, e.g. "Gi" or "-x"
      return FORMAT_ERROR;
    }
    String suffix = str.substring(pos);
    // upstream's grammar for the suffix: letters from "eEinumkKMGTP", an optional sign, digits
    int s = 0;
    while (s < suffix.length() && "eEinumkKMGTP".indexOf(suffix.charAt(s)) >= 0) {
      s++;
    }
    if (s < suffix.length() && (suffix.charAt(s) == '+' || suffix.charAt(s) == '-')) {
      s++;
    }
    while (s < suffix.length() && isDigit(suffix.charAt(s))) {
      s++;
    }
    if (s != suffix.length()) {
      return FORMAT_ERROR;
    }
    BigDecimal number;
    if (intPart.isEmpty() && fracPart.isEmpty()) {
      number = BigDecimal.ZERO;
    } else {
      number = new BigDecimal((intPart.isEmpty() ? "0" : intPart) + (fracPart.isEmpty() ? "" : "." + fracPart));
    }
    Format format;
    BigDecimal scaled;
    switch (suffix) {
      case "" -> { format = Format.DECIMAL_SI; scaled = number; }
      case "n" -> { format = Format.DECIMAL_SI; scaled = number.scaleByPowerOfTen(-9); }
      case "u" -> { format = Format.DECIMAL_SI; scaled = number.scaleByPowerOfTen(-6); }
      case "m" -> { format = Format.DECIMAL_SI; scaled = number.scaleByPowerOfTen(-3); }
      case "k" -> { format = Format.DECIMAL_SI; scaled = number.scaleByPowerOfTen(3); }
      case "M" -> { format = Format.DECIMAL_SI; scaled = number.scaleByPowerOfTen(6); }
      case "G" -> { format = Format.DECIMAL_SI; scaled = number.scaleByPowerOfTen(9); }
      case "T" -> { format = Format.DECIMAL_SI; scaled = number.scaleByPowerOfTen(12); }
      case "P" -> { format = Format.DECIMAL_SI; scaled = number.scaleByPowerOfTen(15); }
      case "E" -> { format = Format.DECIMAL_SI; scaled = number.scaleByPowerOfTen(18); }
      case "Ki" -> { format = Format.BINARY_SI; scaled = number.multiply(pow1024(1)); }
      case "Mi" -> { format = Format.BINARY_SI; scaled = number.multiply(pow1024(2)); }
      case "Gi" -> { format = Format.BINARY_SI; scaled = number.multiply(pow1024(3)); }
      case "Ti" -> { format = Format.BINARY_SI; scaled = number.multiply(pow1024(4)); }
      case "Pi" -> { format = Format.BINARY_SI; scaled = number.multiply(pow1024(5)); }
      case "Ei" -> { format = Format.BINARY_SI; scaled = number.multiply(pow1024(6)); }
      default -> {
        if (suffix.length() > 1 && (suffix.charAt(0) == 'e' || suffix.charAt(0) == 'E')) {
          Integer exp = parseExponent(suffix.substring(1));
          if (exp == null) {
            return SUFFIX_ERROR;
          }
          format = Format.DECIMAL_EXPONENT;
          scaled = number.scaleByPowerOfTen(exp);
        } else {
          return SUFFIX_ERROR;
        }
      }
    }
    scaled = normalize(scaled);
    if (format == Format.BINARY_SI && scaled.signum() > 0 && scaled.compareTo(BigDecimal.ONE) < 0) {
      format = Format.DECIMAL_SI;
    }
    return new Quantity(positive ? scaled : scaled.negate(), format);
  }

  /** Rounds the magnitude up to nano precision and caps it at 2^63-1, as upstream does. */
  private static BigDecimal normalize(BigDecimal v) {
    int sign = v.signum();
    BigDecimal abs = v.abs();
    if (abs.scale() > 9) {
      abs = abs.setScale(9, RoundingMode.UP);
    }
    if (abs.compareTo(MAX) > 0) {
      abs = MAX;
    }
    abs = abs.signum() == 0 ? BigDecimal.ZERO : abs.stripTrailingZeros();
    return sign < 0 ? abs.negate() : abs;
  }

  private static Integer parseExponent(String s) {
    if (s.isEmpty() || s.length() > 10) {
      return null;
    }
    int i = s.charAt(0) == '+' || s.charAt(0) == '-' ? 1 : 0;
    if (i == s.length()) {
      return null;
    }
    for (int j = i; j < s.length(); j++) {
      if (!isDigit(s.charAt(j))) {
        return null;
      }
    }
    long v = Long.parseLong(s);
    return v > 1000 || v < -1000 ? null : (int) v;
  }

  private static BigDecimal pow1024(int n) {
    return ONE_THOUSAND_TWENTY_FOUR.pow(n);
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  /** The exact value. */
  public BigDecimal value() {
    return value;
  }

  public Format format() {
    return format;
  }

  public int signum() {
    return value.signum();
  }

  public boolean isZero() {
    return value.signum() == 0;
  }

  /** The value in whole units, rounded up (away from zero) as upstream's {@code Value()} does. */
  public long longValue() {
    return value.setScale(0, RoundingMode.UP).longValueExact();
  }

  /** The value in thousandths, rounded up; saturates at {@code Long.MAX_VALUE} like upstream. */
  public long milliValue() {
    BigDecimal m = value.scaleByPowerOfTen(3).setScale(0, RoundingMode.UP);
    if (m.compareTo(MAX) > 0) {
      return Long.MAX_VALUE;
    }
    if (m.compareTo(MAX.negate()) < 0) {
      return -Long.MAX_VALUE;
    }
    return m.longValueExact();
  }

  /** True when the value has no fractional part. */
  public boolean isInteger() {
    return value.signum() == 0 || value.stripTrailingZeros().scale() <= 0;
  }

  public Quantity plus(Quantity other) {
    return new Quantity(normalize(value.add(other.value)), format);
  }

  public Quantity minus(Quantity other) {
    return new Quantity(normalize(value.subtract(other.value)), format);
  }

  /** This quantity rounded up to milli precision, as upstream's defaulting of resource lists does. */
  public Quantity roundUpToMillis() {
    int sign = value.signum();
    BigDecimal abs = value.abs();
    if (abs.scale() > 3) {
      abs = abs.setScale(3, RoundingMode.UP);
    }
    abs = abs.signum() == 0 ? BigDecimal.ZERO : abs.stripTrailingZeros();
    return new Quantity(sign < 0 ? abs.negate() : abs, format);
  }

  @Override
  public int compareTo(Quantity o) {
    return value.compareTo(o.value);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Quantity q && value.compareTo(q.value) == 0;
  }

  @Override
  public int hashCode() {
    return value.signum() == 0 ? 0 : value.stripTrailingZeros().hashCode();
  }

  /** The canonical spelling, as a real API server prints it back. */
  @Override
  public String toString() {
    if (value.signum() == 0) {
      return "0";
    }
    Format f = format;
    if (f == Format.BINARY_SI) {
      if (value.abs().compareTo(ONE_THOUSAND_TWENTY_FOUR) < 0 || !isInteger()) {
        f = Format.DECIMAL_SI;
      }
    }
    if (f == Format.BINARY_SI) {
      BigInteger n = value.toBigIntegerExact();
      int exp = 0;
      while (exp < 6 && n.mod(BIG_1024).signum() == 0) {
        n = n.divide(BIG_1024);
        exp++;
      }
      return n + switch (exp) {
        case 0 -> "";
        case 1 -> "Ki";
        case 2 -> "Mi";
        case 3 -> "Gi";
        case 4 -> "Ti";
        case 5 -> "Pi";
        default -> "Ei";
      };
    }
    // mantissa * 10^exponent with all factors of ten moved into the exponent, then back until the
    // exponent is a multiple of three
    BigDecimal stripped = value.stripTrailingZeros();
    BigInteger mantissa = stripped.unscaledValue();
    int exponent = -stripped.scale();
    while (exponent % 3 != 0) {
      mantissa = mantissa.multiply(BigInteger.TEN);
      exponent--;
    }
    if (f == Format.DECIMAL_EXPONENT) {
      return exponent == 0 ? mantissa.toString() : mantissa + "e" + exponent;
    }
    while (exponent > 18) {
      mantissa = mantissa.multiply(BigInteger.valueOf(1000));
      exponent -= 3;
    }
    String suffix = switch (exponent) {
      case -9 -> "n";
      case -6 -> "u";
      case -3 -> "m";
      case 0 -> "";
      case 3 -> "k";
      case 6 -> "M";
      case 9 -> "G";
      case 12 -> "T";
      case 15 -> "P";
      case 18 -> "E";
      default -> "e" + exponent;
    };
    return mantissa + suffix;
  }
}
