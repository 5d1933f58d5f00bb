package dev.berth.apiserver.registry;

import java.math.BigDecimal;

/** Just enough quantity arithmetic for the registry (QoS): comparing two quantities for equality. */
final class Quantities {

  private Quantities() {}

  static boolean equal(String a, String b) {
    if (a.equals(b)) {
      return true;
    }
    BigDecimal x = parse(a);
    BigDecimal y = parse(b);
    return x != null && y != null && x.compareTo(y) == 0;
  }

  static BigDecimal parse(String q) {
    String s = q.trim();
    String[][] suffixes = {{"Ki", "1024"}, {"Mi", "1048576"}, {"Gi", "1073741824"},
        {"Ti", "1099511627776"}, {"Pi", "1125899906842624"}, {"Ei", "1152921504606846976"},
        {"n", "0.000000001"}, {"u", "0.000001"}, {"m", "0.001"}, {"k", "1000"}, {"M", "1000000"},
        {"G", "1000000000"}, {"T", "1000000000000"}, {"P", "1000000000000000"},
        {"E", "1000000000000000000"}};
    try {
      for (String[] sfx : suffixes) {
        if (s.endsWith(sfx[0])) {
          return new BigDecimal(s.substring(0, s.length() - sfx[0].length()))
              .multiply(new BigDecimal(sfx[1]));
        }
      }
      return new BigDecimal(s);
    } catch (NumberFormatException e) {
      return null;
    }
  }
}
