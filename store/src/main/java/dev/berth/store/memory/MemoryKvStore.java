package dev.berth.store.memory;

import dev.berth.store.KeyValue;
import dev.berth.store.Keys;
import dev.berth.store.KvStore;
import dev.berth.store.RangeResult;
import dev.berth.store.StoreException;
import dev.berth.store.Watch;
import dev.berth.store.WatchEvent;
import dev.berth.store.WatchListener;
import dev.berth.store.WriteResult;
import java.util.ArrayList;
import java.util.List;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;

/**
 * A {@link KvStore} held in memory, for tests. It has the full semantics of the durable backends:
 * revision history, reads at old revisions, compaction and watch replay.
 *
 * <p>Every operation runs under one lock, so writes are applied, and their watch events delivered,
 * strictly in revision order. Listeners are called on the writing thread while that lock is held;
 * they must return quickly and must not block on other threads that use this store. A listener that
 * throws loses its watch (it receives onError(CLOSED)); other watches are unaffected.
 *
 * <p>Values are copied on the way in and on the way out, so callers may reuse their arrays.
 */
public final class MemoryKvStore implements KvStore {

  /** Values above this size are refused with TOO_LARGE, like the SQLite backend. */
  public static final int MAX_VALUE_BYTES = 2 * 1024 * 1024;

  private static final System.Logger LOG = System.getLogger(MemoryKvStore.class.getName());

  /** One entry of the revision log; a tombstone has {@code deleted} set and no value. */
  private record Row(
      long rev, String key, long createRev, long prevRev, long version, boolean deleted, byte[] value) {

    KeyValue toKeyValue() {
      return new KeyValue(key, value.clone(), createRev, rev, version);
    }
  }

  private final Object lock = new Object();
  // Live keys, for current reads.
  private final TreeMap<String, Row> live = new TreeMap<>(Keys.UTF8_ORDER);
  // Every key's surviving versions (tombstones included), oldest first, for reads at old revisions.
  private final TreeMap<String, List<Row>> history = new TreeMap<>(Keys.UTF8_ORDER);
  // The revision log, for watch replay and compaction.
  private final TreeMap<Long, Row> log = new TreeMap<>();
  private final List<MemoryWatch> watches = new ArrayList<>();
  private long revision;
  private long compactRevision;
  private boolean closed;

  @Override
  public Optional<KeyValue> get(String key) {
    synchronized (lock) {
      checkOpen();
      Row row = live.get(key);
      return row == null ? Optional.empty() : Optional.of(row.toKeyValue());
    }
  }

  @Override
  public RangeResult range(String fromKey, String toKey, long revision, int limit) {
    synchronized (lock) {
      checkOpen();
      if (revision > this.revision) {
        throw new StoreException(StoreException.Code.FUTURE_REVISION,
            "required revision " + revision + " is a future revision (current " + this.revision + ")");
      }
      if (revision > 0 && revision < compactRevision) {
        throw StoreException.compacted(revision, compactRevision);
      }
      long readRevision = revision == 0 ? this.revision : revision;
      List<KeyValue> kvs = new ArrayList<>();
      boolean more = false;
      if (readRevision == this.revision) {
        for (Row row : subMap(live, fromKey, toKey).values()) {
          if (limit > 0 && kvs.size() == limit) {
            more = true;
            break;
          }
          kvs.add(row.toKeyValue());
        }
      } else {
        for (List<Row> versions : subMap(history, fromKey, toKey).values()) {
          Row row = latestAtOrBefore(versions, readRevision);
          if (row == null || row.deleted()) {
            continue;
          }
          if (limit > 0 && kvs.size() == limit) {
            more = true;
            break;
          }
          kvs.add(row.toKeyValue());
        }
      }
      return new RangeResult(List.copyOf(kvs), readRevision, more);
    }
  }

  private static <V> NavigableMap<String, V> subMap(TreeMap<String, V> map, String fromKey, String toKey) {
    if (Keys.isUnboundedEnd(toKey)) {
      return map.tailMap(fromKey, true);
    }
    if (Keys.compareUtf8(fromKey, toKey) >= 0) {
      return new TreeMap<>(map.comparator());
    }
    return map.subMap(fromKey, true, toKey, false);
  }

  private static Row latestAtOrBefore(List<Row> versions, long revision) {
    for (int i = versions.size() - 1; i >= 0; i--) {
      if (versions.get(i).rev() <= revision) {
        return versions.get(i);
      }
    }
    return null;
  }

  @Override
  public CompletableFuture<WriteResult> create(String key, byte[] value) {
    return write(() -> {
      Row current = live.get(key);
      if (current != null) {
        return new WriteResult(WriteResult.Status.KEY_EXISTS, revision, current.toKeyValue());
      }
      long rev = revision + 1;
      Row row = new Row(rev, key, rev, 0, 1, false, value.clone());
      append(row, new WatchEvent(WatchEvent.Type.PUT, row.toKeyValue(), null));
      return new WriteResult(WriteResult.Status.OK, rev, row.toKeyValue());
    }, value);
  }

  @Override
  public CompletableFuture<WriteResult> update(String key, byte[] value, long expectedModRevision) {
    return write(() -> {
      Row current = live.get(key);
      if (current == null) {
        return new WriteResult(WriteResult.Status.NOT_FOUND, revision, null);
      }
      if (current.rev() != expectedModRevision) {
        return new WriteResult(WriteResult.Status.CONFLICT, revision, current.toKeyValue());
      }
      long rev = revision + 1;
      Row row = new Row(rev, key, current.createRev(), current.rev(), current.version() + 1, false, value.clone());
      append(row, new WatchEvent(WatchEvent.Type.PUT, row.toKeyValue(), current.toKeyValue()));
      return new WriteResult(WriteResult.Status.OK, rev, row.toKeyValue());
    }, value);
  }

  @Override
  public CompletableFuture<WriteResult> delete(String key, long expectedModRevision) {
    return write(() -> {
      Row current = live.get(key);
      if (current == null) {
        return new WriteResult(WriteResult.Status.NOT_FOUND, revision, null);
      }
      if (expectedModRevision != 0 && current.rev() != expectedModRevision) {
        return new WriteResult(WriteResult.Status.CONFLICT, revision, current.toKeyValue());
      }
      long rev = revision + 1;
      Row tombstone = new Row(rev, key, current.createRev(), current.rev(), current.version(), true, null);
      KeyValue deleted = current.toKeyValue();
      append(tombstone, new WatchEvent(WatchEvent.Type.DELETE, new KeyValue(key, null, 0, rev, 0), deleted));
      return new WriteResult(WriteResult.Status.OK, rev,
          new KeyValue(key, deleted.value(), deleted.createRevision(), rev, deleted.version()));
    }, null);
  }

  private interface Mutation {
    WriteResult apply();
  }

  private CompletableFuture<WriteResult> write(Mutation mutation, byte[] value) {
    if (value != null && value.length > MAX_VALUE_BYTES) {
      return CompletableFuture.failedFuture(tooLarge(value.length));
    }
    synchronized (lock) {
      if (closed) {
        return CompletableFuture.failedFuture(closedException());
      }
      return CompletableFuture.completedFuture(mutation.apply());
    }
  }

  static StoreException tooLarge(int length) {
    return new StoreException(StoreException.Code.TOO_LARGE,
        "value of " + length + " bytes exceeds the limit of " + MAX_VALUE_BYTES + " bytes");
  }

  // Caller holds the lock.
  private void append(Row row, WatchEvent event) {
    revision = row.rev();
    log.put(row.rev(), row);
    history.computeIfAbsent(row.key(), k -> new ArrayList<>()).add(row);
    if (row.deleted()) {
      live.remove(row.key());
    } else {
      live.put(row.key(), row);
    }
    List<WatchEvent> events = List.of(event);
    for (MemoryWatch watch : List.copyOf(watches)) {
      if (row.rev() > watch.afterRevision && row.key().startsWith(watch.prefix)) {
        watch.deliver(events);
      }
    }
  }

  @Override
  public Watch watch(String prefix, long afterRevision, WatchListener listener) {
    synchronized (lock) {
      checkOpen();
      MemoryWatch watch = new MemoryWatch(prefix, afterRevision, listener);
      if (afterRevision < compactRevision) {
        watch.fail(StoreException.compacted(afterRevision, compactRevision));
        return watch;
      }
      // Replay and registration happen under the lock, so no write can slip in between.
      List<WatchEvent> replay = new ArrayList<>();
      for (Row row : log.tailMap(afterRevision, false).values()) {
        if (row.key().startsWith(prefix)) {
          replay.add(toEvent(row));
        }
      }
      watches.add(watch);
      if (!replay.isEmpty()) {
        watch.deliver(replay);
      }
      return watch;
    }
  }

  private WatchEvent toEvent(Row row) {
    Row prev = row.prevRev() == 0 ? null : log.get(row.prevRev());
    KeyValue prevKv = prev == null ? null : prev.toKeyValue();
    if (row.deleted()) {
      return new WatchEvent(WatchEvent.Type.DELETE, new KeyValue(row.key(), null, 0, row.rev(), 0), prevKv);
    }
    return new WatchEvent(WatchEvent.Type.PUT, row.toKeyValue(), prevKv);
  }

  @Override
  public CompletableFuture<Long> compact(long revision) {
    synchronized (lock) {
      if (closed) {
        return CompletableFuture.failedFuture(closedException());
      }
      if (revision <= compactRevision) {
        return CompletableFuture.completedFuture(compactRevision);
      }
      if (revision > this.revision) {
        return CompletableFuture.failedFuture(new StoreException(StoreException.Code.FUTURE_REVISION,
            "cannot compact to future revision " + revision + " (current " + this.revision + ")"));
      }
      // Same rule as the SQLite backend: a row at or below the compact revision makes its
      // predecessor obsolete; tombstones at or below it go as well.
      List<Row> obsolete = new ArrayList<>();
      for (Row row : log.subMap(compactRevision, false, revision, true).values()) {
        if (row.prevRev() != 0) {
          Row prev = log.get(row.prevRev());
          if (prev != null) {
            obsolete.add(prev);
          }
        }
        if (row.deleted()) {
          obsolete.add(row);
        }
      }
      for (Row row : obsolete) {
        log.remove(row.rev());
        List<Row> versions = history.get(row.key());
        versions.remove(row);
        if (versions.isEmpty()) {
          history.remove(row.key());
        }
      }
      compactRevision = revision;
      return CompletableFuture.completedFuture(revision);
    }
  }

  @Override
  public long currentRevision() {
    synchronized (lock) {
      return revision;
    }
  }

  @Override
  public long compactRevision() {
    synchronized (lock) {
      return compactRevision;
    }
  }

  @Override
  public void close() {
    List<MemoryWatch> open;
    synchronized (lock) {
      if (closed) {
        return;
      }
      closed = true;
      open = List.copyOf(watches);
      watches.clear();
    }
    for (MemoryWatch watch : open) {
      watch.fail(closedException());
    }
  }

  private void checkOpen() {
    if (closed) {
      throw closedException();
    }
  }

  private static StoreException closedException() {
    return new StoreException(StoreException.Code.CLOSED, "store is closed");
  }

  /** Number of rows in the revision log; lets tests see that compaction freed history. */
  public int historySize() {
    synchronized (lock) {
      return log.size();
    }
  }

  private final class MemoryWatch implements Watch {
    final String prefix;
    final long afterRevision;
    private final WatchListener listener;
    private boolean stopped; // guarded by lock

    MemoryWatch(String prefix, long afterRevision, WatchListener listener) {
      this.prefix = prefix;
      this.afterRevision = afterRevision;
      this.listener = listener;
    }

    // Caller holds the lock.
    void deliver(List<WatchEvent> events) {
      if (stopped) {
        return;
      }
      try {
        listener.onEvents(events);
      } catch (RuntimeException e) {
        LOG.log(System.Logger.Level.WARNING, "watch listener on prefix " + prefix + " failed; cancelling it", e);
        fail(new StoreException(StoreException.Code.CLOSED, "watch cancelled: its listener failed", e));
      }
    }

    void fail(StoreException error) {
      synchronized (lock) {
        if (stopped) {
          return;
        }
        stopped = true;
        watches.remove(this);
      }
      try {
        listener.onError(error);
      } catch (RuntimeException e) {
        LOG.log(System.Logger.Level.WARNING, "watch listener's onError failed", e);
      }
    }

    @Override
    public void close() {
      synchronized (lock) {
        stopped = true;
        watches.remove(this);
      }
    }
  }

  @Override
  public String toString() {
    synchronized (lock) {
      return "MemoryKvStore[revision=" + revision + ", keys=" + live.size() + ", compactRevision="
          + compactRevision + "]";
    }
  }
}
