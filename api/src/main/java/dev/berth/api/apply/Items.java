package dev.berth.api.apply;

import java.util.HashMap;
import java.util.Map;

/** Lookups over the path elements of a list's items; lists are short, so small ones are scanned. */
final class Items {

  private static final int SCAN_LIMIT = 16;

  private Items() {}

  /** Which items share their path element with another item; null when all are distinct. */
  static boolean[] repeated(PathElement[] pes) {
    boolean[] out = null;
    int n = pes.length;
    if (n <= SCAN_LIMIT) {
      for (int i = 1; i < n; i++) {
        if (pes[i] == null) {
          continue;
        }
        for (int j = 0; j < i; j++) {
          if (pes[i].equals(pes[j])) {
            if (out == null) {
              out = new boolean[n];
            }
            out[i] = true;
            out[j] = true;
          }
        }
      }
      return out;
    }
    Map<PathElement, Integer> first = new HashMap<>(n * 2);
    for (int i = 0; i < n; i++) {
      if (pes[i] == null) {
        continue;
      }
      Integer prev = first.putIfAbsent(pes[i], i);
      if (prev != null) {
        if (out == null) {
          out = new boolean[n];
        }
        out[i] = true;
        out[prev] = true;
      }
    }
    return out;
  }

  static boolean seenBefore(PathElement[] pes, int i) {
    for (int j = 0; j < i; j++) {
      if (pes[i].equals(pes[j])) {
        return true;
      }
    }
    return false;
  }

  /** Index of the first item with element {@code pe}, or -1. */
  static int indexOf(PathElement[] pes, Map<PathElement, Integer> index, PathElement pe) {
    if (index != null) {
      Integer i = index.get(pe);
      return i == null ? -1 : i;
    }
    for (int i = 0; i < pes.length; i++) {
      if (pe.equals(pes[i])) {
        return i;
      }
    }
    return -1;
  }

  /** A first-occurrence index for long lists; null for short ones (scanned instead). */
  static Map<PathElement, Integer> index(PathElement[] pes) {
    if (pes.length <= SCAN_LIMIT) {
      return null;
    }
    Map<PathElement, Integer> m = new HashMap<>(pes.length * 2);
    for (int i = 0; i < pes.length; i++) {
      if (pes[i] != null) {
        m.putIfAbsent(pes[i], i);
      }
    }
    return m;
  }
}
