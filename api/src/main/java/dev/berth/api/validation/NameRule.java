package dev.berth.api.validation;

import java.util.List;

/**
 * The rule an object's name must follow (upstream's {@code ValidateNameFunc}). {@code prefix} is true when
 * the value is a {@code generateName} prefix, which may end in a dash because a random suffix follows.
 */
@FunctionalInterface
public interface NameRule {

  /** The violated rules as upstream words them; empty when the name is valid. */
  List<String> check(String name, boolean prefix);

  /** Most kinds: a DNS-1123 subdomain of at most 253 characters. */
  NameRule DNS_SUBDOMAIN = (name, prefix) -> Formats.dns1123Subdomain(prefix ? maskTrailingDash(name) : name);
  /** Namespaces and other names used as DNS labels: at most 63 characters, no dots. */
  NameRule DNS_LABEL = (name, prefix) -> Formats.dns1123Label(prefix ? maskTrailingDash(name) : name);
  /** Services: a DNS-1035 label (must start with a letter). */
  NameRule DNS1035_LABEL = (name, prefix) -> Formats.dns1035Label(prefix ? maskTrailingDash(name) : name);
  /** RBAC objects and a few others: anything that can be one URL path segment. */
  NameRule PATH_SEGMENT = (name, prefix) -> prefix ? pathSegmentPrefix(name) : Formats.pathSegmentName(name);

  /** A prefix may end with '-': validate it as if the dash were a letter. */
  private static String maskTrailingDash(String name) {
    if (name.endsWith("-")) {
      return name.substring(0, name.length() - 1) + "a";
    }
    return name;
  }

  private static List<String> pathSegmentPrefix(String name) {
    List<String> errs = new java.util.ArrayList<>(0);
    if (name.contains("/")) {
      errs.add("may not contain '/'");
    }
    if (name.contains("%")) {
      errs.add("may not contain '%'");
    }
    return errs;
  }
}
