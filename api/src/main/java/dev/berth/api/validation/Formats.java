package dev.berth.api.validation;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The string format checks of upstream's {@code k8s.io/apimachinery/pkg/util/validation}: each returns the
 * list of violated rules as upstream words them (empty when the value is valid), so callers can wrap each
 * message in a {@link FieldError} on the right path.
 *
 * <p>Lengths are measured in UTF-8 bytes, as Go's {@code len} does.
 */
public final class Formats {

  private Formats() {}

  public static final int DNS1123_LABEL_MAX_LENGTH = 63;
  public static final int DNS1123_SUBDOMAIN_MAX_LENGTH = 253;
  public static final int DNS1035_LABEL_MAX_LENGTH = 63;
  public static final int LABEL_VALUE_MAX_LENGTH = 63;
  private static final int QUALIFIED_NAME_MAX_LENGTH = 63;

  private static final String DNS1123_LABEL_FMT = "[a-z0-9]([-a-z0-9]*[a-z0-9])?";
  private static final String DNS1123_LABEL_ERR = "a lowercase RFC 1123 label must consist of lower case "
      + "alphanumeric characters or '-', and must start and end with an alphanumeric character";
  private static final String DNS1123_SUBDOMAIN_FMT = DNS1123_LABEL_FMT + "(\\." + DNS1123_LABEL_FMT + ")*";
  private static final String DNS1123_SUBDOMAIN_ERR = "a lowercase RFC 1123 subdomain must consist of lower "
      + "case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character";
  private static final String DNS1035_LABEL_FMT = "[a-z]([-a-z0-9]*[a-z0-9])?";
  private static final String DNS1035_LABEL_ERR = "a DNS-1035 label must consist of lower case alphanumeric "
      + "characters or '-', start with an alphabetic character, and end with an alphanumeric character";
  private static final String WILDCARD_FMT = "\\*\\." + DNS1123_SUBDOMAIN_FMT;
  private static final String WILDCARD_ERR = "a wildcard DNS-1123 subdomain must start with '*.', followed by a "
      + "valid DNS subdomain, which must consist of lower case alphanumeric characters, '-' or '.' and end with "
      + "an alphanumeric character";
  private static final String QUALIFIED_NAME_FMT = "([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]";
  private static final String QUALIFIED_NAME_ERR =
      "must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric "
          + "character";
  private static final String LABEL_VALUE_FMT = "(" + QUALIFIED_NAME_FMT + ")?";
  private static final String LABEL_VALUE_ERR = "a valid label must be an empty string or consist of alphanumeric "
      + "characters, '-', '_' or '.', and must start and end with an alphanumeric character";
  private static final String CONFIG_MAP_KEY_FMT = "[-._a-zA-Z0-9]+";
  private static final String CONFIG_MAP_KEY_ERR =
      "a valid config key must consist of alphanumeric characters, '-', '_' or '.'";
  private static final String ENV_VAR_NAME_FMT = "[-._a-zA-Z][-._a-zA-Z0-9]*";
  private static final String ENV_VAR_NAME_ERR = "a valid environment variable name must consist of alphabetic "
      + "characters, digits, '_', '-', or '.', and must not start with a digit";
  private static final String PERCENT_FMT = "[0-9]+%";
  private static final String PERCENT_ERR = "a valid percent string must be a numeric string followed by an ending '%'";
  private static final String HTTP_HEADER_FMT = "[-A-Za-z0-9]+";
  private static final String HTTP_HEADER_ERR = "a valid HTTP header must consist of alphanumeric characters or '-'";
  private static final String HTTP_PATH_FMT = "[A-Za-z0-9/\\-._~%!$&'()*+,;=:]+";

  private static final Pattern DNS1123_LABEL = Pattern.compile(DNS1123_LABEL_FMT);
  private static final Pattern DNS1123_SUBDOMAIN = Pattern.compile(DNS1123_SUBDOMAIN_FMT);
  private static final Pattern DNS1035_LABEL = Pattern.compile(DNS1035_LABEL_FMT);
  private static final Pattern WILDCARD = Pattern.compile(WILDCARD_FMT);
  private static final Pattern QUALIFIED_NAME = Pattern.compile(QUALIFIED_NAME_FMT);
  private static final Pattern LABEL_VALUE = Pattern.compile(LABEL_VALUE_FMT);
  private static final Pattern CONFIG_MAP_KEY = Pattern.compile(CONFIG_MAP_KEY_FMT);
  private static final Pattern ENV_VAR_NAME = Pattern.compile(ENV_VAR_NAME_FMT);
  private static final Pattern PERCENT = Pattern.compile(PERCENT_FMT);
  private static final Pattern HTTP_HEADER = Pattern.compile(HTTP_HEADER_FMT);
  private static final Pattern HTTP_PATH = Pattern.compile(HTTP_PATH_FMT);
  private static final Pattern PORT_NAME_CHARSET = Pattern.compile("[-a-z0-9]+");

  /** {@code must be no more than N characters} */
  public static String maxLenError(int length) {
    return "must be no more than " + length + " characters";
  }

  /** Upstream's RegexError: {@code msg (e.g. 'a' or 'b', regex used for validation is 'fmt')}. */
  public static String regexError(String msg, String fmt, String... examples) {
    if (examples.length == 0) {
      return msg + " (regex used for validation is '" + fmt + "')";
    }
    StringBuilder sb = new StringBuilder(msg).append(" (e.g. ");
    for (int i = 0; i < examples.length; i++) {
      if (i > 0) {
        sb.append(" or ");
      }
      sb.append('\'').append(examples[i]).append("', ");
    }
    return sb.append("regex used for validation is '").append(fmt).append("')").toString();
  }

  /** {@code must be between lo and hi, inclusive} */
  public static String inclusiveRangeError(long lo, long hi) {
    return "must be between " + lo + " and " + hi + ", inclusive";
  }

  /** The number of bytes of {@code s} in UTF-8, which is what upstream's length limits count. */
  public static int byteLength(String s) {
    int n = s.length();
    for (int i = 0; i < s.length(); i++) {
      if (s.charAt(i) >= 0x80) {
        return s.getBytes(StandardCharsets.UTF_8).length;
      }
    }
    return n;
  }

  public static List<String> dns1123Label(String value) {
    List<String> errs = new ArrayList<>(1);
    if (byteLength(value) > DNS1123_LABEL_MAX_LENGTH) {
      errs.add(maxLenError(DNS1123_LABEL_MAX_LENGTH));
    }
    if (!DNS1123_LABEL.matcher(value).matches()) {
      if (DNS1123_SUBDOMAIN.matcher(value).matches()) {
        errs.add("must not contain dots");
      } else {
        errs.add(regexError(DNS1123_LABEL_ERR, DNS1123_LABEL_FMT, "my-name", "123-abc"));
      }
    }
    return errs;
  }

  public static List<String> dns1123Subdomain(String value) {
    List<String> errs = new ArrayList<>(1);
    if (byteLength(value) > DNS1123_SUBDOMAIN_MAX_LENGTH) {
      errs.add(maxLenError(DNS1123_SUBDOMAIN_MAX_LENGTH));
    }
    if (!DNS1123_SUBDOMAIN.matcher(value).matches()) {
      errs.add(regexError(DNS1123_SUBDOMAIN_ERR, DNS1123_SUBDOMAIN_FMT, "example.com"));
    }
    return errs;
  }

  public static List<String> dns1035Label(String value) {
    List<String> errs = new ArrayList<>(1);
    if (byteLength(value) > DNS1035_LABEL_MAX_LENGTH) {
      errs.add(maxLenError(DNS1035_LABEL_MAX_LENGTH));
    }
    if (!DNS1035_LABEL.matcher(value).matches()) {
      errs.add(regexError(DNS1035_LABEL_ERR, DNS1035_LABEL_FMT, "my-name", "abc-123"));
    }
    return errs;
  }

  /** {@code *.example.com} style names (Ingress hosts). */
  public static List<String> wildcardDns1123Subdomain(String value) {
    List<String> errs = new ArrayList<>(1);
    if (byteLength(value) > DNS1123_SUBDOMAIN_MAX_LENGTH) {
      errs.add(maxLenError(DNS1123_SUBDOMAIN_MAX_LENGTH));
    }
    if (!WILDCARD.matcher(value).matches()) {
      errs.add(regexError(WILDCARD_ERR, WILDCARD_FMT, "*.example.com"));
    }
    return errs;
  }

  /** A "qualified name" (label key): an optional DNS subdomain prefix and '/', then a 63-character name. */
  public static List<String> qualifiedName(String value) {
    List<String> errs = new ArrayList<>(1);
    String name;
    int slash = value.indexOf('/');
    if (slash < 0) {
      name = value;
    } else if (value.indexOf('/', slash + 1) >= 0) {
      errs.add("a valid label key " + regexError(QUALIFIED_NAME_ERR, QUALIFIED_NAME_FMT, "MyName", "my.name",
          "123-abc") + " with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')");
      return errs;
    } else {
      String prefix = value.substring(0, slash);
      name = value.substring(slash + 1);
      if (prefix.isEmpty()) {
        errs.add("prefix part must be non-empty");
      } else {
        for (String m : dns1123Subdomain(prefix)) {
          errs.add("prefix part " + m);
        }
      }
    }
    if (name.isEmpty()) {
      errs.add("name part must be non-empty");
    } else if (byteLength(name) > QUALIFIED_NAME_MAX_LENGTH) {
      errs.add("name part " + maxLenError(QUALIFIED_NAME_MAX_LENGTH));
    }
    if (!QUALIFIED_NAME.matcher(name).matches()) {
      errs.add("name part " + regexError(QUALIFIED_NAME_ERR, QUALIFIED_NAME_FMT, "MyName", "my.name", "123-abc"));
    }
    return errs;
  }

  public static List<String> labelValue(String value) {
    List<String> errs = new ArrayList<>(1);
    if (byteLength(value) > LABEL_VALUE_MAX_LENGTH) {
      errs.add(maxLenError(LABEL_VALUE_MAX_LENGTH));
    }
    if (!LABEL_VALUE.matcher(value).matches()) {
      errs.add(regexError(LABEL_VALUE_ERR, LABEL_VALUE_FMT, "MyValue", "my_value", "12345"));
    }
    return errs;
  }

  /** Keys of ConfigMap and Secret data. */
  public static List<String> configMapKey(String value) {
    List<String> errs = new ArrayList<>(1);
    if (byteLength(value) > DNS1123_SUBDOMAIN_MAX_LENGTH) {
      errs.add(maxLenError(DNS1123_SUBDOMAIN_MAX_LENGTH));
    }
    if (!CONFIG_MAP_KEY.matcher(value).matches()) {
      errs.add(regexError(CONFIG_MAP_KEY_ERR, CONFIG_MAP_KEY_FMT, "key.name", "KEY_NAME", "key-name"));
    }
    errs.addAll(chDirPrefix(value));
    return errs;
  }

  public static List<String> envVarName(String value) {
    List<String> errs = new ArrayList<>(1);
    if (!ENV_VAR_NAME.matcher(value).matches()) {
      errs.add(regexError(ENV_VAR_NAME_ERR, ENV_VAR_NAME_FMT, "my.env-name", "MY_ENV.NAME", "MyEnvName1"));
    }
    errs.addAll(chDirPrefix(value));
    return errs;
  }

  private static List<String> chDirPrefix(String value) {
    if (value.equals(".")) {
      return List.of("must not be '.'");
    }
    if (value.equals("..")) {
      return List.of("must not be '..'");
    }
    if (value.startsWith("..")) {
      return List.of("must not start with '..'");
    }
    return List.of();
  }

  /** A port number 1..65535. */
  public static List<String> portNumber(long port) {
    return port >= 1 && port <= 65535 ? List.of() : List.of(inclusiveRangeError(1, 65535));
  }

  public static List<String> inRange(long value, long min, long max) {
    return value >= min && value <= max ? List.of() : List.of(inclusiveRangeError(min, max));
  }

  /** An IANA_SVC_NAME: at most 15 characters of {@code [-a-z0-9]}, at least one letter, no "--". */
  public static List<String> portName(String port) {
    List<String> errs = new ArrayList<>(1);
    if (byteLength(port) > 15) {
      errs.add(maxLenError(15));
    }
    if (!PORT_NAME_CHARSET.matcher(port).matches()) {
      errs.add("must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)");
    }
    boolean letter = false;
    for (int i = 0; i < port.length() && !letter; i++) {
      char c = port.charAt(i);
      letter = c >= 'a' && c <= 'z';
    }
    if (!letter) {
      errs.add("must contain at least one letter (a-z)");
    }
    if (port.contains("--")) {
      errs.add("must not contain consecutive hyphens");
    }
    if (!port.isEmpty() && (port.charAt(0) == '-' || port.charAt(port.length() - 1) == '-')) {
      errs.add("must not begin or end with a hyphen");
    }
    return errs;
  }

  public static List<String> percent(String value) {
    return PERCENT.matcher(value).matches() ? List.of()
        : List.of(regexError(PERCENT_ERR, PERCENT_FMT, "1%", "93%"));
  }

  public static List<String> httpHeaderName(String value) {
    return HTTP_HEADER.matcher(value).matches() ? List.of()
        : List.of(regexError(HTTP_HEADER_ERR, HTTP_HEADER_FMT, "X-Header-Name"));
  }

  /** Valid Unix user ids: 0..2^32-1. */
  public static List<String> userId(long uid) {
    return inRange(uid, 0, 0xffffffffL);
  }

  public static List<String> groupId(long gid) {
    return inRange(gid, 0, 0xffffffffL);
  }

  /** Names that can be used as one segment of a URL path (RBAC objects, for example). */
  public static List<String> pathSegmentName(String name) {
    if (name.equals(".") || name.equals("..")) {
      return List.of("may not be '" + name + "'");
    }
    List<String> errs = new ArrayList<>(0);
    if (name.contains("/")) {
      errs.add("may not contain '/'");
    }
    if (name.contains("%")) {
      errs.add("may not contain '%'");
    }
    return errs;
  }

  /** {@code acme.io/foo}: a DNS subdomain, '/', then HTTP path characters. Returns (value, message) pairs. */
  public static List<String[]> domainPrefixedPath(String value) {
    List<String[]> errs = new ArrayList<>(0);
    int slash = value.indexOf('/');
    if (slash <= 0 || slash == value.length() - 1) {
      errs.add(new String[] {value, "must be a domain-prefixed path (such as \"acme.io/foo\")"});
      return errs;
    }
    String host = value.substring(0, slash);
    for (String m : dns1123Subdomain(host)) {
      errs.add(new String[] {host, m});
    }
    String path = value.substring(slash + 1);
    if (!HTTP_PATH.matcher(path).matches()) {
      errs.add(new String[] {path, regexError("Invalid path", HTTP_PATH_FMT)});
    }
    return errs;
  }

  /** Upstream's IsValidIP message set (IPv4 may carry leading zeros, as the "sloppy" Go parser allows). */
  public static List<String> ip(String value) {
    return parseIp(value) == null
        ? List.of("must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)") : List.of();
  }

  public static List<String> cidr(String value) {
    return parseCidr(value) == null
        ? List.of("must be a valid CIDR value, (e.g. 10.9.8.0/24 or 2001:db8::/64)") : List.of();
  }

  /**
   * Parses a textual IPv4 or IPv6 address without any name resolution. Returns 4 or 16 bytes, or null.
   * IPv4 octets may have leading zeros (they are decimal, as in Go's ParseIPSloppy).
   */
  public static byte[] parseIp(String s) {
    if (s.indexOf(':') >= 0) {
      return parseIpv6(s);
    }
    return parseIpv4(s);
  }

  /** The address bytes and prefix of {@code a.b.c.d/n} or {@code x::/n}, or null. */
  public static Cidr parseCidr(String s) {
    int slash = s.indexOf('/');
    if (slash < 0) {
      return null;
    }
    byte[] ip = parseIp(s.substring(0, slash));
    String bits = s.substring(slash + 1);
    if (ip == null || bits.isEmpty() || bits.length() > 3) {
      return null;
    }
    for (int i = 0; i < bits.length(); i++) {
      if (!Character.isDigit(bits.charAt(i))) {
        return null;
      }
    }
    int n = Integer.parseInt(bits);
    if (n > ip.length * 8) {
      return null;
    }
    return new Cidr(ip, n);
  }

  /** A parsed CIDR; {@code address} is 4 or 16 bytes. */
  public record Cidr(byte[] address, int prefixLength) {
    public boolean isIpv6() {
      return address.length == 16;
    }
  }

  private static byte[] parseIpv4(String s) {
    byte[] out = new byte[4];
    int part = 0;
    int i = 0;
    int n = s.length();
    while (part < 4) {
      int start = i;
      int v = 0;
      while (i < n && Character.isDigit(s.charAt(i)) && i - start < 3) {
        v = v * 10 + (s.charAt(i) - '0');
        i++;
      }
      if (i == start || v > 255) {
        return null;
      }
      out[part++] = (byte) v;
      if (part < 4) {
        if (i >= n || s.charAt(i) != '.') {
          return null;
        }
        i++;
      }
    }
    return i == n ? out : null;
  }

  private static byte[] parseIpv6(String s) {
    byte[] out = new byte[16];
    int ellipsis = -1;
    int p = 0;
    int i = 0;
    int n = s.length();
    if (n >= 2 && s.charAt(0) == ':' && s.charAt(1) == ':') {
      ellipsis = 0;
      i = 2;
      if (i == n) {
        return out;
      }
    }
    while (p < 16) {
      int start = i;
      int v = 0;
      while (i < n && Character.digit(s.charAt(i), 16) >= 0 && i - start < 4) {
        v = (v << 4) | Character.digit(s.charAt(i), 16);
        i++;
      }
      if (i == start) {
        return null;
      }
      if (i < n && s.charAt(i) == '.') {
        // embedded IPv4 in the last 32 bits
        if (ellipsis < 0 && p != 12 || p + 4 > 16) {
          return null;
        }
        byte[] v4 = parseIpv4(s.substring(start));
        if (v4 == null) {
          return null;
        }
        System.arraycopy(v4, 0, out, p, 4);
        p += 4;
        i = n;
        break;
      }
      out[p++] = (byte) (v >> 8);
      out[p++] = (byte) v;
      if (i == n) {
        break;
      }
      if (s.charAt(i) != ':' || i + 1 == n) {
        return null;
      }
      i++;
      if (s.charAt(i) == ':') {
        if (ellipsis >= 0) {
          return null;
        }
        ellipsis = p;
        i++;
        if (i == n) {
          break;
        }
      }
    }
    if (i != n) {
      return null;
    }
    if (p < 16) {
      if (ellipsis < 0) {
        return null;
      }
      int shift = 16 - p;
      for (int j = p - 1; j >= ellipsis; j--) {
        out[j + shift] = out[j];
      }
      for (int j = ellipsis + shift - 1; j >= ellipsis; j--) {
        out[j] = 0;
      }
    } else if (ellipsis >= 0) {
      return null;
    }
    return out;
  }
}
