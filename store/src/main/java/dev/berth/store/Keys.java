package dev.berth.store;

import java.util.Comparator;

/**
 * Key-ordering rules shared by every backend, so that all of them agree with etcd: keys are ordered
 * by their UTF-8 bytes, and an end key of {@code "\0"} means "no upper bound" (etcd's convention,
 * produced by {@link KvStore#prefixEnd(String)} for the empty prefix).
 */
public final class Keys {

  /** The end key that stands for "every key from the start key on". */
  public static final String UNBOUNDED_END = "\0";

  /**
   * Orders strings as their UTF-8 encodings compare byte by byte. UTF-8 byte order is code point
   * order, which differs from {@link String#compareTo} (UTF-16 unit order) once supplementary
   * characters meet characters in U+E000..U+FFFF.
   */
  public static final Comparator<String> UTF8_ORDER = Keys::compareUtf8;

  private Keys() {}

  /** Compares two strings in UTF-8 byte order (code point order). */
  public static int compareUtf8(String a, String b) {
    int i = 0;
    int j = 0;
    while (i < a.length() && j < b.length()) {
      char ca = a.charAt(i);
      char cb = b.charAt(j);
      // Fast path: identical units, or neither is a surrogate (BMP order equals code point order).
      if (ca == cb) {
        i++;
        j++;
        continue;
      }
      if (!Character.isSurrogate(ca) && !Character.isSurrogate(cb)) {
        return Character.compare(ca, cb);
      }
      int cpa = a.codePointAt(i);
      int cpb = b.codePointAt(j);
      if (cpa != cpb) {
        return Integer.compare(cpa, cpb);
      }
      i += Character.charCount(cpa);
      j += Character.charCount(cpb);
    }
    return Integer.compare(a.length() - i, b.length() - j);
  }

  /** Whether {@code toKey} is the etcd "no upper bound" marker. */
  public static boolean isUnboundedEnd(String toKey) {
    return UNBOUNDED_END.equals(toKey);
  }

  /** Whether {@code key} lies in {@code [fromKey, toKey)}, honouring {@link #UNBOUNDED_END}. */
  public static boolean inRange(String key, String fromKey, String toKey) {
    return compareUtf8(key, fromKey) >= 0 && (isUnboundedEnd(toKey) || compareUtf8(key, toKey) < 0);
  }
}
