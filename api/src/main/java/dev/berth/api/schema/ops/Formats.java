package dev.berth.api.schema.ops;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The string formats CRD schemas may use (apiextensions-apiserver's supported set; others are
 * ignored, as upstream strips them). Each check is cheap: a regex or a JDK parser.
 */
final class Formats {

  private static final Pattern UUID =
      Pattern.compile("(?i)^[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}$");
  private static final Pattern UUID3 =
      Pattern.compile("(?i)^[0-9a-f]{8}-?[0-9a-f]{4}-?3[0-9a-f]{3}-?[0-9a-f]{4}-?[0-9a-f]{12}$");
  private static final Pattern UUID4 =
      Pattern.compile("(?i)^[0-9a-f]{8}-?[0-9a-f]{4}-?4[0-9a-f]{3}-?[89ab][0-9a-f]{3}-?[0-9a-f]{12}$");
  private static final Pattern UUID5 =
      Pattern.compile("(?i)^[0-9a-f]{8}-?[0-9a-f]{4}-?5[0-9a-f]{3}-?[89ab][0-9a-f]{3}-?[0-9a-f]{12}$");
  private static final Pattern HOSTNAME = Pattern.compile(
      "^([a-zA-Z0-9\\p{S}\\p{L}]((-?[a-zA-Z0-9\\p{S}\\p{L}]{0,62})?)|([a-zA-Z0-9\\p{S}\\p{L}](([a-zA-Z0-9-\\p{S}\\p{L}]{0,61}[a-zA-Z0-9\\p{S}\\p{L}])?)(\\.)){1,}([a-zA-Z\\p{L}]){2,63})$");
  private static final Pattern EMAIL = Pattern.compile("^[^@\\s<>]+@[^@\\s<>]+$");
  private static final Pattern MAC = Pattern.compile(
      "^([0-9A-Fa-f]{2}([:-])){5}[0-9A-Fa-f]{2}$|^([0-9A-Fa-f]{2}([:-])){7}[0-9A-Fa-f]{2}$"
          + "|^([0-9A-Fa-f]{2}([:-])){19}[0-9A-Fa-f]{2}$"
          + "|^([0-9A-Fa-f]{4}\\.){2}[0-9A-Fa-f]{4}$|^([0-9A-Fa-f]{4}\\.){3}[0-9A-Fa-f]{4}$");
  private static final Pattern HEXCOLOR = Pattern.compile("^#?([0-9a-fA-F]{3}|[0-9a-fA-F]{6})$");
  private static final Pattern RGBCOLOR = Pattern.compile(
      "^rgb\\(\\s*(0|[1-9]\\d?|1\\d\\d?|2[0-4]\\d|25[0-5])\\s*,\\s*(0|[1-9]\\d?|1\\d\\d?|2[0-4]\\d|25[0-5])"
          + "\\s*,\\s*(0|[1-9]\\d?|1\\d\\d?|2[0-4]\\d|25[0-5])\\s*\\)$");
  private static final Pattern SSN = Pattern.compile("^\\d{3}[- ]?\\d{2}[- ]?\\d{4}$");
  private static final Pattern BSON = Pattern.compile("^[0-9a-fA-F]{24}$");
  private static final Pattern DURATION = Pattern.compile(
      "^[-+]?(?:(?:\\d+(?:\\.\\d*)?|\\.\\d+)(?:ns|us|µs|μs|ms|s|m|h))+$|^[-+]?0$"
          + "|^\\s*\\d+\\s*(?:ns|us|ms|s|m|h|d|w|nanoseconds?|microseconds?|milliseconds?|seconds?|minutes?|hours?|days?|weeks?)\\s*$");
  private static final Pattern ISBN10 = Pattern.compile("^(?:[0-9]{9}X|[0-9]{10})$");
  private static final Pattern ISBN13 = Pattern.compile("^(?:[0-9]{13})$");

  private Formats() {}

  /** Whether {@code value} has the {@code format}; unknown formats accept everything. */
  static boolean valid(String format, String value) {
    String f = format.replace("-", "").toLowerCase(Locale.ROOT);
    return switch (f) {
      case "datetime" -> dateTime(value);
      case "date" -> date(value);
      case "byte" -> FieldChecker.base64Error(value) < 0;
      case "uuid" -> UUID.matcher(value).matches();
      case "uuid3" -> UUID3.matcher(value).matches();
      case "uuid4" -> UUID4.matcher(value).matches();
      case "uuid5" -> UUID5.matcher(value).matches();
      case "ipv4" -> ipv4(value);
      case "ipv6" -> ipv6(value);
      case "cidr" -> cidr(value);
      case "mac" -> MAC.matcher(value).matches();
      case "hostname" -> value.length() <= 255 && HOSTNAME.matcher(value).matches();
      case "email" -> EMAIL.matcher(value).matches();
      case "uri" -> uri(value);
      case "hexcolor" -> HEXCOLOR.matcher(value).matches();
      case "rgbcolor" -> RGBCOLOR.matcher(value).matches();
      case "ssn" -> SSN.matcher(value).matches();
      case "bsonobjectid" -> BSON.matcher(value).matches();
      case "duration" -> DURATION.matcher(value).matches();
      case "isbn10" -> isbn10(value);
      case "isbn13" -> isbn13(value);
      case "isbn" -> isbn10(value) || isbn13(value);
      default -> true; // password, creditcard and unsupported formats are not checked
    };
  }

  private static boolean dateTime(String s) {
    try {
      OffsetDateTime.parse(s.replace(' ', 'T'));
      return true;
    } catch (DateTimeParseException e) {
      return false;
    }
  }

  private static boolean date(String s) {
    try {
      LocalDate.parse(s);
      return true;
    } catch (DateTimeParseException e) {
      return false;
    }
  }

  static boolean ipv4(String s) {
    String[] parts = s.split("\\.", -1);
    if (parts.length != 4) {
      return false;
    }
    for (String p : parts) {
      if (p.isEmpty() || p.length() > 3 || !p.chars().allMatch(Character::isDigit)
          || (p.length() > 1 && p.charAt(0) == '0') || Integer.parseInt(p) > 255) {
        return false;
      }
    }
    return true;
  }

  static boolean ipv6(String s) {
    if (s.indexOf(':') < 0 || s.length() > 45) {
      return false;
    }
    int lastColon = s.lastIndexOf(':');
    String tail = s.substring(lastColon + 1);
    int groupsAvailable = 8;
    String head = s;
    if (tail.indexOf('.') >= 0) {
      if (!ipv4(tail)) {
        return false;
      }
      groupsAvailable = 6;
      head = s.substring(0, lastColon + 1) + "0";
    }
    int doubleColon = head.indexOf("::");
    if (doubleColon >= 0 && head.indexOf("::", doubleColon + 1) >= 0) {
      return false;
    }
    String[] groups = head.split(":", -1);
    int count = 0;
    for (int i = 0; i < groups.length; i++) {
      String g = groups[i];
      if (g.isEmpty()) {
        boolean partOfDoubleColon = doubleColon >= 0;
        if (!partOfDoubleColon) {
          return false;
        }
        continue;
      }
      if (g.length() > 4 || !g.chars().allMatch(c -> Character.digit(c, 16) >= 0 && c < 128)) {
        return false;
      }
      count++;
    }
    if (tail.indexOf('.') >= 0) {
      count--; // the "0" placeholder for the IPv4 tail
    }
    return doubleColon >= 0 ? count < groupsAvailable : count == groupsAvailable;
  }

  private static boolean cidr(String s) {
    int slash = s.indexOf('/');
    if (slash < 0) {
      return false;
    }
    String ip = s.substring(0, slash);
    String bits = s.substring(slash + 1);
    if (bits.isEmpty() || bits.length() > 3 || !bits.chars().allMatch(Character::isDigit)) {
      return false;
    }
    int n = Integer.parseInt(bits);
    if (ipv4(ip)) {
      return n <= 32;
    }
    return ipv6(ip) && n <= 128;
  }

  private static boolean uri(String s) {
    // Go's url.ParseRequestURI: an absolute URI or an absolute path
    try {
      URI u = new URI(s);
      return u.isAbsolute() || s.startsWith("/");
    } catch (URISyntaxException e) {
      return false;
    }
  }

  private static boolean isbn10(String s) {
    String d = s.replace("-", "").replace(" ", "");
    if (!ISBN10.matcher(d).matches()) {
      return false;
    }
    int sum = 0;
    for (int i = 0; i < 9; i++) {
      sum += (i + 1) * (d.charAt(i) - '0');
    }
    int last = d.charAt(9) == 'X' ? 10 : d.charAt(9) - '0';
    return (sum + 10 * last) % 11 == 0;
  }

  private static boolean isbn13(String s) {
    String d = s.replace("-", "").replace(" ", "");
    if (!ISBN13.matcher(d).matches()) {
      return false;
    }
    int sum = 0;
    for (int i = 0; i < 12; i++) {
      sum += (d.charAt(i) - '0') * (i % 2 == 0 ? 1 : 3);
    }
    return (10 - sum % 10) % 10 == d.charAt(12) - '0';
  }
}
