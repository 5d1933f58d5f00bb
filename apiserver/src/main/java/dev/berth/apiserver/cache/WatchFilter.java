package dev.berth.apiserver.cache;

import java.util.function.Predicate;

/**
 * Decides which objects a watch or list sees: namespace plus label and field selectors, applied to
 * the values extracted into {@link CachedObject}.
 */
public record WatchFilter(String namespace, Predicate<CachedObject> selector) {

  public static final WatchFilter EVERYTHING = new WatchFilter(null, o -> true);

  public boolean matches(CachedObject o) {
    return (namespace == null || namespace.equals(o.namespace())) && selector.test(o);
  }
}
