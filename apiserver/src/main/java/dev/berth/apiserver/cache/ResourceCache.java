package dev.berth.apiserver.cache;

import dev.berth.api.meta.GroupResource;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NavigableMap;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * The cached state of one stored resource: every live object by key, a bounded history of recent
 * events for watches that resume from a resourceVersion, and the active watches. Mutated only by the
 * {@link CacheManager}'s applier thread; reads of single objects need no lock, list reads take the
 * manager's read lock to see one consistent revision.
 */
public final class ResourceCache {

  private final GroupResource resource;
  private final ConcurrentSkipListMap<String, CachedObject> objects = new ConcurrentSkipListMap<>();
  private final ArrayDeque<CacheEvent> history = new ArrayDeque<>();
  private final int historyLimit;
  private final List<Registration> watchers = new ArrayList<>();
  /** Every event with a revision above this is in {@link #history}. */
  private long oldestRetained;
  private volatile long lastChangeRevision;

  ResourceCache(GroupResource resource, int historyLimit, long createdAt) {
    this.resource = resource;
    this.historyLimit = historyLimit;
    this.oldestRetained = createdAt;
  }

  public GroupResource resource() {
    return resource;
  }

  /** The object with this key ({@code ns/name} or {@code name}), or null. */
  public CachedObject get(String key) {
    return objects.get(key);
  }

  /** Number of live objects. */
  public int size() {
    return objects.size();
  }

  /** The revision of the latest change to this resource (0 if none since start). */
  public long lastChangeRevision() {
    return lastChangeRevision;
  }

  /** The objects from {@code fromKey} (inclusive) on, in key order; callers hold the read lock. */
  NavigableMap<String, CachedObject> tail(String fromKey) {
    return fromKey == null ? objects : objects.tailMap(fromKey, true);
  }

  Iterable<CachedObject> all() {
    return objects.values();
  }

  // ---- applier-thread only ----

  CachedObject put(String key, CachedObject o) {
    return objects.put(key, o);
  }

  CachedObject remove(String key) {
    return objects.remove(key);
  }

  void record(CacheEvent e) {
    lastChangeRevision = e.revision();
    history.addLast(e);
    while (history.size() > historyLimit) {
      oldestRetained = history.removeFirst().revision();
    }
  }

  long oldestRetained() {
    return oldestRetained;
  }

  Iterable<CacheEvent> history() {
    return history;
  }

  void addWatcher(Registration r) {
    watchers.add(r);
  }

  void dispatch(CacheEvent e) {
    if (watchers.isEmpty()) {
      return;
    }
    for (Iterator<Registration> it = watchers.iterator(); it.hasNext(); ) {
      Registration r = it.next();
      if (r.sink().closed()) {
        it.remove();
      } else {
        r.deliver(e);
      }
    }
  }

  void bookmark(long revision, long nowNanos, long intervalNanos) {
    for (Iterator<Registration> it = watchers.iterator(); it.hasNext(); ) {
      Registration r = it.next();
      if (r.sink().closed()) {
        it.remove();
      } else {
        r.maybeBookmark(revision, nowNanos, intervalNanos);
      }
    }
  }

  void endAll(String message) {
    for (Registration r : watchers) {
      r.sink().end(false, message);
    }
    watchers.clear();
  }

  int watcherCount() {
    return watchers.size();
  }

  /** One active watch: its filter, its sink, and the revision below which events are not sent. */
  static final class Registration {
    private final WatchFilter filter;
    private final WatchSink sink;
    private final boolean bookmarks;
    private long delivered;
    private long lastBookmarkNanos;

    Registration(WatchFilter filter, WatchSink sink, boolean bookmarks, long startRevision,
        long nowNanos) {
      this.filter = filter;
      this.sink = sink;
      this.bookmarks = bookmarks;
      this.delivered = startRevision;
      this.lastBookmarkNanos = nowNanos;
    }

    WatchSink sink() {
      return sink;
    }

    /** Delivers {@code e} with upstream's selector transitions: leaving the filter is a DELETED. */
    void deliver(CacheEvent e) {
      if (e.revision() <= delivered) {
        return;
      }
      delivered = e.revision();
      boolean now = filter.matches(e.object());
      boolean before = e.previous() != null && filter.matches(e.previous());
      switch (e.type()) {
        case ADDED -> {
          if (now) {
            sink.event(EventType.ADDED, e.object());
          }
        }
        case MODIFIED -> {
          if (now && before) {
            sink.event(EventType.MODIFIED, e.object());
          } else if (now) {
            sink.event(EventType.ADDED, e.object());
          } else if (before) {
            sink.event(EventType.DELETED, e.object());
          }
        }
        case DELETED -> {
          if (now) {
            sink.event(EventType.DELETED, e.object());
          }
        }
      }
    }

    void maybeBookmark(long revision, long nowNanos, long intervalNanos) {
      if (bookmarks && nowNanos - lastBookmarkNanos >= intervalNanos && revision > 0) {
        lastBookmarkNanos = nowNanos;
        delivered = Math.max(delivered, revision);
        sink.bookmark(revision, false);
      }
    }
  }
}
