package dev.berth.store.sqlite;

import dev.berth.store.StoreException;
import dev.berth.store.Watch;
import dev.berth.store.WatchEvent;
import dev.berth.store.WatchListener;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;

/**
 * Fans committed events out to watches, and brings watches that start in the past up to date.
 *
 * <p>Live events are dispatched by the writer thread, in revision order, right after each commit.
 * A watch that starts at an older revision is registered first (so from that moment every new event
 * is buffered for it), then a catch-up thread replays the log up to the revision that was current at
 * registration, then drains the buffer, and finally flips the watch to live delivery. Registration
 * and dispatch share one lock, so the replay boundary and the buffer's start are the same revision:
 * no event is lost or delivered twice. If the buffer outgrows its limit while the replay is slow, it
 * is dropped and the catch-up replays again from the log.
 */
final class WatchHub {

  interface Replayer {
    /** Events for {@code prefix} in {@code (after, upTo]}, oldest first, at most {@code limit}. */
    List<WatchEvent> replay(String prefix, long after, long upTo, int limit);
  }

  private static final System.Logger LOG = System.getLogger(WatchHub.class.getName());
  private static final int REPLAY_PAGE = 1000;

  private final Object dispatchLock = new Object();
  private final List<HubWatch> watches = new CopyOnWriteArrayList<>();
  private final Replayer replayer;
  private final ExecutorService catchUpExecutor;
  private final int bufferLimit;
  private long lastDispatched; // guarded by dispatchLock
  private boolean closed; // guarded by dispatchLock

  WatchHub(Replayer replayer, ExecutorService catchUpExecutor, int bufferLimit) {
    this.replayer = replayer;
    this.catchUpExecutor = catchUpExecutor;
    this.bufferLimit = bufferLimit;
  }

  /** Sets the revision the store opened at, before any watch or write. */
  void startAt(long revision) {
    synchronized (dispatchLock) {
      lastDispatched = revision;
    }
  }

  Watch register(String prefix, long afterRevision, WatchListener listener) {
    HubWatch watch = new HubWatch(prefix, afterRevision, listener);
    long upTo;
    synchronized (dispatchLock) {
      if (closed) {
        throw new StoreException(StoreException.Code.CLOSED, "store is closed");
      }
      watches.add(watch);
      upTo = lastDispatched;
      if (afterRevision >= upTo) {
        watch.live = true; // nothing to replay: new events go straight to the listener
        return watch;
      }
      watch.buffer = new ArrayList<>();
    }
    try {
      catchUpExecutor.execute(() -> catchUp(watch, upTo));
    } catch (RejectedExecutionException e) {
      watch.fail(new StoreException(StoreException.Code.CLOSED, "store is closed"));
    }
    return watch;
  }

  /** Called by the writer thread after each commit, with that commit's events in revision order. */
  void dispatch(List<WatchEvent> events, long revision) {
    synchronized (dispatchLock) {
      for (HubWatch watch : watches) {
        watch.offer(events);
      }
      lastDispatched = revision;
    }
  }

  /** Ends every watch with CLOSED. */
  void close() {
    synchronized (dispatchLock) {
      closed = true;
    }
    for (HubWatch watch : watches) {
      watch.fail(new StoreException(StoreException.Code.CLOSED, "store is closed"));
    }
  }

  int watchCount() {
    return watches.size();
  }

  private void catchUp(HubWatch watch, long upTo) {
    long from = watch.afterRevision;
    try {
      while (true) {
        // 1. Replay (from, upTo] from the log, in pages.
        while (from < upTo) {
          if (watch.isStopped()) {
            return;
          }
          List<WatchEvent> page = replayer.replay(watch.prefix, from, upTo, REPLAY_PAGE);
          watch.deliver(page);
          from = page.size() < REPLAY_PAGE ? upTo : page.getLast().revision();
        }
        // 2. Drain what the writer buffered meanwhile; go live once the buffer is empty.
        while (true) {
          List<WatchEvent> batch;
          synchronized (watch) {
            if (watch.stopped) {
              return;
            }
            if (watch.buffer == null) {
              break; // overflowed
            }
            if (watch.buffer.isEmpty()) {
              watch.buffer = null;
              watch.live = true;
              return;
            }
            batch = watch.buffer;
            watch.buffer = new ArrayList<>();
          }
          watch.deliver(batch);
        }
        // 3. The buffer overflowed: start buffering afresh and replay the gap from the log.
        from = watch.lastDelivered;
        synchronized (dispatchLock) {
          synchronized (watch) {
            watch.buffer = new ArrayList<>();
            upTo = lastDispatched;
          }
        }
      }
    } catch (StoreException e) {
      watch.fail(e);
    } catch (RuntimeException e) {
      LOG.log(System.Logger.Level.WARNING, "watch catch-up failed", e);
      watch.fail(new StoreException(StoreException.Code.UNAVAILABLE, "watch replay failed: " + e, e));
    }
  }

  private final class HubWatch implements Watch {
    final String prefix;
    final long afterRevision;
    private final WatchListener listener;
    // All guarded by this: live means the writer delivers directly; otherwise it appends to buffer
    // (null = overflowed, the catch-up thread will replay from the log).
    boolean live;
    List<WatchEvent> buffer;
    boolean stopped;
    // Touched only by whichever single thread is delivering (catch-up thread, then the writer).
    long lastDelivered;

    HubWatch(String prefix, long afterRevision, WatchListener listener) {
      this.prefix = prefix;
      this.afterRevision = afterRevision;
      this.listener = listener;
      this.lastDelivered = afterRevision;
    }

    synchronized boolean isStopped() {
      return stopped;
    }

    // Writer thread, under dispatchLock.
    void offer(List<WatchEvent> events) {
      List<WatchEvent> matching = null;
      for (WatchEvent event : events) {
        if (event.revision() > afterRevision && event.kv().key().startsWith(prefix)) {
          if (matching == null) {
            matching = new ArrayList<>(events.size());
          }
          matching.add(event);
        }
      }
      if (matching == null) {
        return;
      }
      synchronized (this) {
        if (stopped) {
          return;
        }
        if (!live) {
          if (buffer != null) {
            buffer.addAll(matching);
            if (buffer.size() > bufferLimit) {
              buffer = null;
            }
          }
          return;
        }
      }
      deliver(matching);
    }

    void deliver(List<WatchEvent> events) {
      // Defensive: never hand out a revision twice, even if a replay page overlaps the buffer.
      int skip = 0;
      while (skip < events.size() && events.get(skip).revision() <= lastDelivered) {
        skip++;
      }
      if (skip == events.size()) {
        return;
      }
      List<WatchEvent> fresh = skip == 0 ? events : events.subList(skip, events.size());
      if (isStopped()) {
        return;
      }
      try {
        listener.onEvents(fresh);
        lastDelivered = fresh.getLast().revision();
      } catch (RuntimeException e) {
        LOG.log(System.Logger.Level.WARNING, "watch listener on prefix '" + prefix + "' failed; cancelling its watch", e);
        fail(new StoreException(StoreException.Code.CLOSED, "watch cancelled: its listener failed: " + e, e));
      }
    }

    void fail(StoreException error) {
      synchronized (this) {
        if (stopped) {
          return;
        }
        stopped = true;
        buffer = null;
      }
      watches.remove(this);
      try {
        listener.onError(error);
      } catch (RuntimeException e) {
        LOG.log(System.Logger.Level.WARNING, "watch listener's onError failed", e);
      }
    }

    @Override
    public void close() {
      synchronized (this) {
        stopped = true;
        buffer = null;
      }
      watches.remove(this);
    }
  }
}
