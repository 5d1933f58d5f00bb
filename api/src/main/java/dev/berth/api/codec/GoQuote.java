package dev.berth.api.codec;

/**
 * Go's {@code strconv.Quote} / {@code %q} for the strings upstream puts into error texts
 * ({@code unknown field "spec.foo"}, {@code key "replicas" already set in map}), so messages built here
 * read exactly like kube-apiserver's, escapes included.
 */
public final class GoQuote {

  private GoQuote() {}

  /** The string in double quotes with Go's escapes for quotes, backslashes and non-printable characters. */
  public static String quote(String s) {
    StringBuilder sb = new StringBuilder(s.length() + 2);
    sb.append('"');
    appendEscaped(sb, s);
    return sb.append('"').toString();
  }

  static void appendEscaped(StringBuilder sb, String s) {
    for (int i = 0; i < s.length(); ) {
      int cp = s.codePointAt(i);
      i += Character.charCount(cp);
      switch (cp) {
        case '"' -> sb.append("\\\"");
        case '\\' -> sb.append("\\\\");
        case '\n' -> sb.append("\\n");
        case '\t' -> sb.append("\\t");
        case '\r' -> sb.append("\\r");
        case 0x07 -> sb.append("\\a");
        case '\b' -> sb.append("\\b");
        case '\f' -> sb.append("\\f");
        case 0x0b -> sb.append("\\v");
        default -> {
          if (cp < 0x20 || cp == 0x7f) {
            sb.append(String.format("\\x%02x", cp));
          } else if (cp <= 0xFFFF && Character.isSurrogate((char) cp)) {
            // a lone surrogate: Go would have replaced the invalid UTF-8 with U+FFFD
            sb.append("\\ufffd");
          } else if (!isPrintable(cp)) {
            sb.append(cp > 0xFFFF ? String.format("\\U%08x", cp) : String.format("\\u%04x", cp));
          } else {
            sb.appendCodePoint(cp);
          }
        }
      }
    }
  }

  private static boolean isPrintable(int cp) {
    int type = Character.getType(cp);
    return switch (type) {
      case Character.CONTROL, Character.FORMAT, Character.SURROGATE, Character.PRIVATE_USE,
          Character.UNASSIGNED, Character.LINE_SEPARATOR, Character.PARAGRAPH_SEPARATOR -> false;
      case Character.SPACE_SEPARATOR -> cp == ' ';
      default -> true;
    };
  }
}
