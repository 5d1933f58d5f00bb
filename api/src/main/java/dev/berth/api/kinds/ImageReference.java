package dev.berth.api.kinds;

import java.util.regex.Pattern;

/**
 * Just enough of the container image reference grammar (distribution/reference) to decide the default
 * {@code imagePullPolicy}: upstream pulls {@code Always} when the tag is {@code latest} or when a valid
 * reference has neither tag nor digest, and {@code IfNotPresent} otherwise (including unparsable names).
 */
final class ImageReference {

  private ImageReference() {}

  private static final String ALPHANUM = "[a-z0-9]+";
  private static final String SEPARATOR = "(?:[._]|__|[-]+)";
  private static final String PATH_COMPONENT = ALPHANUM + "(?:" + SEPARATOR + ALPHANUM + ")*";
  private static final String DOMAIN_COMPONENT = "(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])";
  private static final String DOMAIN = "(?:" + DOMAIN_COMPONENT + "(?:\\." + DOMAIN_COMPONENT + ")*"
      + "|\\[[0-9a-fA-F:.]+\\])(?::[0-9]+)?";
  private static final Pattern NAME = Pattern.compile(
      "(?:" + DOMAIN + "/)?" + PATH_COMPONENT + "(?:/" + PATH_COMPONENT + ")*");
  private static final Pattern TAG = Pattern.compile("[\\w][\\w.-]{0,127}");
  private static final Pattern DIGEST =
      Pattern.compile("[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9A-Fa-f]{32,}");

  /** {@code Always} or {@code IfNotPresent}, as upstream's container defaulting chooses for {@code image}. */
  static String defaultPullPolicy(String image) {
    return "latest".equals(tagForDefaulting(image)) ? "Always" : "IfNotPresent";
  }

  /** The tag as upstream's ParseImageName reports it: "latest" when neither tag nor digest is given. */
  private static String tagForDefaulting(String image) {
    if (image == null || image.isEmpty()) {
      return "";
    }
    String rest = image;
    String digest = null;
    int at = rest.indexOf('@');
    if (at >= 0) {
      digest = rest.substring(at + 1);
      rest = rest.substring(0, at);
      if (!DIGEST.matcher(digest).matches()) {
        return "";
      }
    }
    String tag = null;
    int colon = rest.lastIndexOf(':');
    if (colon > rest.lastIndexOf('/')) {
      tag = rest.substring(colon + 1);
      rest = rest.substring(0, colon);
      if (!TAG.matcher(tag).matches()) {
        return "";
      }
    }
    if (rest.length() > 255 || !NAME.matcher(rest).matches()) {
      return "";
    }
    if (tag == null && digest == null) {
      return "latest";
    }
    return tag == null ? "" : tag;
  }
}
