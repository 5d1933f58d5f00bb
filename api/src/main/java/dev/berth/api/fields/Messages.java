package dev.berth.api.fields;

/** The refusal texts of upstream's field label conversion functions. */
final class Messages {

  private Messages() {}

  /** Core kinds, events.k8s.io, certificates and custom resources. */
  static String notSupported(String label) {
    return "field label not supported: " + label;
  }

  /** runtime.DefaultMetaV1FieldSelectorConversion, used by kinds without their own function. */
  static String notKnown(String label) {
    return goQuote(label) + " is not a known field selector: only \"metadata.name\", \"metadata.namespace\"";
  }

  /** batch/v1 Job. */
  static String notSupportedForJob(String label) {
    return "field label " + goQuote(label) + " not supported for batchv1.Job";
  }

  /** Go's %q for a string: double quotes with backslash escapes. */
  static String goQuote(String s) {
    StringBuilder sb = new StringBuilder(s.length() + 2).append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> sb.append("\\\"");
        case '\\' -> sb.append("\\\\");
        case '\n' -> sb.append("\\n");
        case '\r' -> sb.append("\\r");
        case '\t' -> sb.append("\\t");
        default -> {
          if (c < 0x20 || c == 0x7f) {
            sb.append(String.format("\\x%02x", (int) c));
          } else {
            sb.append(c);
          }
        }
      }
    }
    return sb.append('"').toString();
  }
}
