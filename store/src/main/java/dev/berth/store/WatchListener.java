package dev.berth.store;

import java.util.List;

/**
 * Receives a watch's events. Calls are never concurrent for one watch; events arrive in revision
 * order, each revision once. Implementations must return quickly (hand work off to a queue).
 */
public interface WatchListener {

  /** A batch of events, in increasing revision order. */
  void onEvents(List<WatchEvent> events);

  /**
   * The watch ended and will deliver nothing more: COMPACTED when the start revision is gone, CLOSED
   * when the store or the watch was closed, UNAVAILABLE on a lost backend.
   */
  void onError(StoreException error);
}
