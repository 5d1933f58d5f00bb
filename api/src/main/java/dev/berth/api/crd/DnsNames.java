package dev.berth.api.crd;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * apimachinery's name checks (k8s.io/apimachinery/pkg/util/validation) with their exact texts;
 * an empty list means valid. A minimal local copy: the shared validation package has no name
 * helpers yet.
 */
final class DnsNames {

  private static final String LABEL_FMT = "[a-z]([-a-z0-9]*[a-z0-9])?";
  private static final Pattern LABEL = Pattern.compile("^" + LABEL_FMT + "$");
  private static final String SUBDOMAIN_FMT =
      "[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*";
  private static final Pattern SUBDOMAIN = Pattern.compile("^" + SUBDOMAIN_FMT + "$");

  private DnsNames() {}

  /** IsDNS1035Label: lower-case letters, digits and '-', starting with a letter, at most 63. */
  static List<String> dns1035Label(String value) {
    List<String> errs = new ArrayList<>(2);
    if (value.length() > 63) {
      errs.add("must be no more than 63 characters");
    }
    if (!LABEL.matcher(value).matches()) {
      errs.add("a DNS-1035 label must consist of lower case alphanumeric characters or '-', start "
          + "with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  "
          + "or 'abc-123', regex used for validation is '" + LABEL_FMT + "')");
    }
    return errs;
  }

  /** IsDNS1123Subdomain: dot-separated lower-case RFC 1123 labels, at most 253. */
  static List<String> dns1123Subdomain(String value) {
    List<String> errs = new ArrayList<>(2);
    if (value.length() > 253) {
      errs.add("must be no more than 253 characters");
    }
    if (!SUBDOMAIN.matcher(value).matches()) {
      errs.add("a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, "
          + "'-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', "
          + "regex used for validation is '" + SUBDOMAIN_FMT + "')");
    }
    return errs;
  }
}
