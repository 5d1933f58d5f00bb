package dev.berth.apiserver.cache;

/**
 * Where a watch's events go (an HTTP response, a test). Methods are called from the cache's single
 * applier thread, in revision order, and must not block: a sink buffers and writes on its own thread,
 * and ends itself if it falls too far behind.
 */
public interface WatchSink {

  /** One event that passed the watch's filter (type already adjusted for selector transitions). */
  void event(EventType type, CachedObject object);

  /** A progress marker: everything up to {@code revision} has been delivered. */
  void bookmark(long revision, boolean initialEventsEnd);

  /**
   * The watch ends. {@code expired} means the requested revision is no longer available (the client
   * must re-list: 410 Expired), otherwise the server is closing the watch.
   */
  void end(boolean expired, String message);

  /** Whether the sink has gone away (client disconnected or sink closed itself). */
  boolean closed();
}
