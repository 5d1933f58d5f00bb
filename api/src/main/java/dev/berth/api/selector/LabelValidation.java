package dev.berth.api.selector;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Syntax checks for label keys (qualified names) and label values, with upstream's messages
 * ({@code k8s.io/apimachinery/pkg/api/validate/content} {@code IsLabelKey} / {@code IsLabelValue}).
 *
 * <p>Hand-written scanners instead of regular expressions: these run for every requirement of every
 * selector a client sends and for every label of every written object.
 */
public final class LabelValidation {

  /** Maximum length of a label value, and of the name part of a label key. */
  public static final int LABEL_MAX_LENGTH = 63;
  /** Maximum length of a DNS-1123 subdomain, i.e. of a label key's prefix. */
  public static final int DNS1123_SUBDOMAIN_MAX_LENGTH = 253;

  private static final String LABEL_KEY_FMT = "([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]";
  private static final String LABEL_KEY_MSG = "must consist of alphanumeric characters, '-', '_' or '.', "
      + "and must start and end with an alphanumeric character";
  private static final String LABEL_VALUE_FMT = "(" + LABEL_KEY_FMT + ")?";
  private static final String LABEL_VALUE_MSG = "a valid label must be an empty string or consist of "
      + "alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character";
  private static final String DNS1123_LABEL_FMT = "[a-z0-9]([-a-z0-9]*[a-z0-9])?";
  private static final String DNS1123_SUBDOMAIN_FMT = DNS1123_LABEL_FMT + "(\\." + DNS1123_LABEL_FMT + ")*";
  private static final String DNS1123_SUBDOMAIN_MSG = "a lowercase RFC 1123 subdomain must consist of lower "
      + "case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character";

  private LabelValidation() {}

  /**
   * Checks a label key: an optional DNS-1123 subdomain prefix and {@code /}, then a name of at most 63
   * characters. Returns the problems (empty when valid), worded as upstream does.
   */
  public static List<String> labelKeyErrors(String key) {
    int slash = key.indexOf('/');
    String name;
    List<String> errors = new ArrayList<>(0);
    if (slash < 0) {
      name = key;
    } else if (key.indexOf('/', slash + 1) >= 0) {
      errors.add("a valid label key " + regexError(LABEL_KEY_MSG, LABEL_KEY_FMT, "MyName", "my.name", "123-abc")
          + " with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')");
      return errors;
    } else {
      String prefix = key.substring(0, slash);
      name = key.substring(slash + 1);
      if (prefix.isEmpty()) {
        errors.add("prefix part must be non-empty");
      } else {
        for (String e : dns1123SubdomainErrors(prefix)) {
          errors.add("prefix part " + e);
        }
      }
    }
    if (name.isEmpty()) {
      errors.add("name part must be non-empty");
    } else if (byteLength(name) > LABEL_MAX_LENGTH) {
      errors.add("name part " + maxLenError(LABEL_MAX_LENGTH));
    }
    if (!isLabelKeyName(name)) {
      errors.add("name part " + regexError(LABEL_KEY_MSG, LABEL_KEY_FMT, "MyName", "my.name", "123-abc"));
    }
    return errors;
  }

  /** True when {@link #labelKeyErrors} would report nothing; allocation-free. */
  public static boolean isValidLabelKey(String key) {
    int slash = key.indexOf('/');
    if (slash < 0) {
      return key.length() <= LABEL_MAX_LENGTH && isLabelKeyName(key);
    }
    if (key.indexOf('/', slash + 1) >= 0 || slash == 0) {
      return false;
    }
    String name = key.substring(slash + 1);
    return slash <= DNS1123_SUBDOMAIN_MAX_LENGTH && isDns1123Subdomain(key.substring(0, slash))
        && name.length() <= LABEL_MAX_LENGTH && isLabelKeyName(name);
  }

  /** Checks a label value: empty, or at most 63 characters of the label-name alphabet. */
  public static List<String> labelValueErrors(String value) {
    List<String> errors = new ArrayList<>(0);
    if (byteLength(value) > LABEL_MAX_LENGTH) {
      errors.add(maxLenError(LABEL_MAX_LENGTH));
    }
    if (!value.isEmpty() && !isLabelKeyName(value)) {
      errors.add(regexError(LABEL_VALUE_MSG, LABEL_VALUE_FMT, "MyValue", "my_value", "12345"));
    }
    return errors;
  }

  /** True when {@link #labelValueErrors} would report nothing; allocation-free. */
  public static boolean isValidLabelValue(String value) {
    return value.isEmpty() || (value.length() <= LABEL_MAX_LENGTH && isLabelKeyName(value));
  }

  /** Checks a lowercase RFC 1123 subdomain (the prefix of a label key). */
  public static List<String> dns1123SubdomainErrors(String value) {
    List<String> errors = new ArrayList<>(0);
    if (byteLength(value) > DNS1123_SUBDOMAIN_MAX_LENGTH) {
      errors.add(maxLenError(DNS1123_SUBDOMAIN_MAX_LENGTH));
    }
    if (!isDns1123Subdomain(value)) {
      errors.add(regexError(DNS1123_SUBDOMAIN_MSG, DNS1123_SUBDOMAIN_FMT, "example.com"));
    }
    return errors;
  }

  /** {@code ([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]}, without the length limit. */
  private static boolean isLabelKeyName(String s) {
    int n = s.length();
    if (n == 0 || !isAlnum(s.charAt(0)) || !isAlnum(s.charAt(n - 1))) {
      return false;
    }
    for (int i = 1; i < n - 1; i++) {
      char c = s.charAt(i);
      if (!isAlnum(c) && c != '-' && c != '_' && c != '.') {
        return false;
      }
    }
    return true;
  }

  /** Dot-separated labels of {@code [a-z0-9]([-a-z0-9]*[a-z0-9])?}, without the length limit. */
  private static boolean isDns1123Subdomain(String s) {
    int n = s.length();
    if (n == 0) {
      return false;
    }
    int labelStart = 0;
    for (int i = 0; i <= n; i++) {
      if (i == n || s.charAt(i) == '.') {
        if (i == labelStart || !isLowerAlnum(s.charAt(labelStart)) || !isLowerAlnum(s.charAt(i - 1))) {
          return false;
        }
        labelStart = i + 1;
      } else {
        char c = s.charAt(i);
        if (!isLowerAlnum(c) && c != '-') {
          return false;
        }
      }
    }
    return true;
  }

  private static boolean isAlnum(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
  }

  private static boolean isLowerAlnum(char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
  }

  /** Upstream measures lengths in UTF-8 bytes (Go's len). */
  private static int byteLength(String s) {
    for (int i = 0; i < s.length(); i++) {
      if (s.charAt(i) >= 0x80) {
        return s.getBytes(StandardCharsets.UTF_8).length;
      }
    }
    return s.length();
  }

  static String maxLenError(int length) {
    return "must be no more than " + length + " bytes";
  }

  /** Upstream's RegexError wording, examples included (the doubled space is upstream's). */
  static String regexError(String msg, String regex, String... examples) {
    StringBuilder sb = new StringBuilder(msg);
    if (examples.length == 0) {
      return sb.append(" (regex used for validation is '").append(regex).append("')").toString();
    }
    sb.append(" (e.g. ");
    for (int i = 0; i < examples.length; i++) {
      if (i > 0) {
        sb.append(" or ");
      }
      sb.append('\'').append(examples[i]).append("', ");
    }
    return sb.append("regex used for validation is '").append(regex).append("')").toString();
  }
}
