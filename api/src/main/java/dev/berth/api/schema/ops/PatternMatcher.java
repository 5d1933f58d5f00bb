package dev.berth.api.schema.ops;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Compiles and caches schema {@code pattern}s and matches them with a step budget. Upstream uses Go's
 * RE2, which is linear; Java's engine backtracks, so a pathological pattern could pin a request
 * thread. Counting character reads bounds the work and turns a runaway match into a failed one.
 */
final class PatternMatcher {

  /** Thrown out of a match that read too many characters. */
  static final class BudgetExceeded extends RuntimeException {
    BudgetExceeded() {
      super(null, null, false, false);
    }
  }

  private static final int MAX_CACHED = 4096;

  private final Map<String, Pattern> cache = new ConcurrentHashMap<>();
  private final long budget;

  PatternMatcher(long budget) {
    this.budget = budget;
  }

  /**
   * Compiles a pattern written for Go's regexp (RE2 syntax: {@code (?P<name>...)} groups are
   * accepted); throws {@link PatternSyntaxException} when it is not valid.
   */
  Pattern compile(String regex) {
    Pattern p = cache.get(regex);
    if (p == null) {
      p = Pattern.compile(regex.replace("(?P<", "(?<"));
      if (cache.size() >= MAX_CACHED) {
        cache.clear();
      }
      cache.put(regex, p);
    }
    return p;
  }

  /** RE2 semantics: the pattern matches anywhere in the text unless anchored. */
  boolean find(Pattern pattern, String text) {
    return pattern.matcher(new Bounded(text, budget)).find();
  }

  private static final class Bounded implements CharSequence {
    private final String text;
    private final long[] left;

    Bounded(String text, long budget) {
      this(text, new long[] {budget});
    }

    private Bounded(String text, long[] left) {
      this.text = text;
      this.left = left;
    }

    @Override
    public char charAt(int index) {
      if (--left[0] < 0) {
        throw new BudgetExceeded();
      }
      return text.charAt(index);
    }

    @Override
    public int length() {
      return text.length();
    }

    @Override
    public CharSequence subSequence(int start, int end) {
      return new Bounded(text.substring(start, end), left);
    }

    @Override
    public String toString() {
      return text;
    }
  }
}
