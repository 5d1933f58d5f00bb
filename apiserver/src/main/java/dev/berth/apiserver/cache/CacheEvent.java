package dev.berth.apiserver.cache;

/**
 * A change the cache applied. {@code object} is the new state (for DELETED: the last state, carrying
 * the deletion's revision); {@code previous} the state before (null for ADDED).
 */
public record CacheEvent(EventType type, CachedObject object, CachedObject previous) {

  public long revision() {
    return object.revision();
  }
}
