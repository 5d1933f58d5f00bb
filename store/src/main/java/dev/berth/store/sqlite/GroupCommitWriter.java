package dev.berth.store.sqlite;

import dev.berth.store.KeyValue;
import dev.berth.store.StoreException;
import dev.berth.store.WatchEvent;
import dev.berth.store.WriteResult;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The one thread that writes to the database (group commit).
 *
 * <p>It takes every pending write from its queue, checks each write's condition against an
 * in-memory index of the live keys (so conditions cost no SELECT), assigns consecutive revisions,
 * writes them all in one transaction and commits once: one fsync for the whole batch. After the
 * commit it hands the batch's events to the {@link WatchHub} and only then completes the write
 * futures (on a separate completion thread, so callers' continuations never run on — and never
 * slow down — the writer). Compaction runs on this thread too, one bounded chunk between write
 * batches, so it never holds the database for long.
 *
 * <p>The index and the revision counter are owned by this thread alone.
 */
final class GroupCommitWriter {

  enum Kind { CREATE, UPDATE, DELETE }

  sealed interface Task permits Write, Compact, Stop {}

  record Write(Kind kind, String key, byte[] value, long expectedModRevision,
      CompletableFuture<WriteResult> future) implements Task {}

  record Compact(long revision, CompletableFuture<Long> future) implements Task {}

  record Stop() implements Task {}

  /** What the writer remembers about a live key. */
  record KeyState(long createRevision, long modRevision, long version) {}

  private static final System.Logger LOG = System.getLogger(GroupCommitWriter.class.getName());

  private static final String INSERT_LOG =
      "INSERT INTO log(rev, key, create_rev, prev_rev, version, deleted, value) VALUES (?, ?, ?, ?, ?, ?, ?)";
  private static final String INSERT_CURRENT = "INSERT INTO current(key, rev) VALUES (?, ?)";
  private static final String UPDATE_CURRENT = "UPDATE current SET rev = ? WHERE key = ?";
  private static final String DELETE_CURRENT = "DELETE FROM current WHERE key = ?";
  private static final String VALUE_AT = "SELECT value FROM log WHERE rev = ?";
  private static final String SET_META = "UPDATE meta SET value = ? WHERE name = ?";
  private static final String COMPACT_SCAN = "SELECT rev, prev_rev, deleted FROM log WHERE rev > ? AND rev <= ?";
  private static final String DELETE_LOG = "DELETE FROM log WHERE rev = ?";

  private final Connection conn;
  private final WatchHub hub;
  private final SqliteKvStore.Options options;
  private final LinkedBlockingQueue<Task> queue = new LinkedBlockingQueue<>();
  private final ExecutorService completer;
  private final Thread thread;
  private final Map<String, KeyState> index;

  private final PreparedStatement insertLog;
  private final PreparedStatement insertCurrent;
  private final PreparedStatement updateCurrent;
  private final PreparedStatement deleteCurrent;
  private final PreparedStatement valueAt;
  private final PreparedStatement setMeta;
  private final PreparedStatement compactScan;
  private final PreparedStatement deleteLog;

  // Owned by the writer thread.
  private long revision;
  private long compactTarget;
  private long compactedThrough;
  private boolean compactionSuspended;
  private final List<Compact> compactWaiters = new ArrayList<>();

  // Published for readers of the store's state.
  private volatile long committedRevision;
  private volatile long compactRevision;
  private volatile boolean accepting = true;

  GroupCommitWriter(Connection conn, WatchHub hub, SqliteKvStore.Options options, String name)
      throws SQLException {
    this.conn = conn;
    this.hub = hub;
    this.options = options;
    this.insertLog = conn.prepareStatement(INSERT_LOG);
    this.insertCurrent = conn.prepareStatement(INSERT_CURRENT);
    this.updateCurrent = conn.prepareStatement(UPDATE_CURRENT);
    this.deleteCurrent = conn.prepareStatement(DELETE_CURRENT);
    this.valueAt = conn.prepareStatement(VALUE_AT);
    this.setMeta = conn.prepareStatement(SET_META);
    this.compactScan = conn.prepareStatement(COMPACT_SCAN);
    this.deleteLog = conn.prepareStatement(DELETE_LOG);

    long metaRevision = Schema.readMeta(conn, Schema.META_REVISION);
    long maxLogged;
    try (Statement st = conn.createStatement();
        ResultSet rs = st.executeQuery("SELECT COALESCE(MAX(rev), 0) FROM log")) {
      maxLogged = rs.next() ? rs.getLong(1) : 0;
    }
    // The meta row is written in every commit; the max() only matters for a damaged meta table.
    this.revision = Math.max(metaRevision, maxLogged);
    this.committedRevision = revision;
    this.compactTarget = Schema.readMeta(conn, Schema.META_COMPACT_REVISION);
    this.compactedThrough = Math.min(Schema.readMeta(conn, Schema.META_COMPACTED_THROUGH), compactTarget);
    this.compactRevision = compactTarget;
    this.index = loadIndex(conn);
    conn.commit();
    hub.startAt(revision);

    this.completer = Executors.newSingleThreadExecutor(
        Thread.ofPlatform().name(name + "-complete").daemon(true).factory());
    this.thread = Thread.ofPlatform().name(name + "-writer").daemon(true).unstarted(this::run);
  }

  private static Map<String, KeyState> loadIndex(Connection conn) throws SQLException {
    Map<String, KeyState> index = new HashMap<>();
    try (Statement st = conn.createStatement();
        ResultSet rs = st.executeQuery(
            "SELECT c.key, l.create_rev, l.rev, l.version FROM current c JOIN log l ON l.rev = c.rev")) {
      while (rs.next()) {
        index.put(rs.getString(1), new KeyState(rs.getLong(2), rs.getLong(3), rs.getLong(4)));
      }
    }
    return index;
  }

  void start() {
    thread.start();
  }

  long committedRevision() {
    return committedRevision;
  }

  long compactRevision() {
    return compactRevision;
  }

  CompletableFuture<WriteResult> submit(Kind kind, String key, byte[] value, long expectedModRevision) {
    CompletableFuture<WriteResult> future = new CompletableFuture<>();
    if (!accepting) {
      future.completeExceptionally(closedException());
      return future;
    }
    queue.add(new Write(kind, key, value, expectedModRevision, future));
    return future;
  }

  CompletableFuture<Long> compact(long revision) {
    CompletableFuture<Long> future = new CompletableFuture<>();
    if (!accepting) {
      future.completeExceptionally(closedException());
      return future;
    }
    queue.add(new Compact(revision, future));
    return future;
  }

  /** Finishes the queued work, stops the thread and fails whatever arrived too late. */
  void stop() {
    accepting = false;
    queue.add(new Stop());
    try {
      thread.join(TimeUnit.MINUTES.toMillis(2));
      if (thread.isAlive()) {
        LOG.log(System.Logger.Level.WARNING, "sqlite writer did not stop within 2 minutes");
      }
      completer.shutdown();
      completer.awaitTermination(1, TimeUnit.MINUTES);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Closes the connection; only after {@link #stop()}. */
  void closeConnection() {
    try {
      for (PreparedStatement ps : List.of(insertLog, insertCurrent, updateCurrent, deleteCurrent, valueAt, setMeta,
          compactScan, deleteLog)) {
        ps.close();
      }
      conn.close();
    } catch (SQLException e) {
      LOG.log(System.Logger.Level.WARNING, "closing the sqlite writer connection failed", e);
    }
  }

  private static StoreException closedException() {
    return new StoreException(StoreException.Code.CLOSED, "store is closed");
  }

  private void run() {
    List<Task> batch = new ArrayList<>();
    boolean stopping = false;
    try {
      while (!stopping) {
        Task first = compactionDue() ? queue.poll() : queue.take();
        if (first != null) {
          batch.add(first);
          long bytes = sizeOf(first);
          Task next;
          while (batch.size() < options.maxBatchWrites() && bytes < options.maxBatchBytes()
              && (next = queue.poll()) != null) {
            batch.add(next);
            bytes += sizeOf(next);
          }
        }
        List<Write> writes = new ArrayList<>(batch.size());
        for (Task task : batch) {
          switch (task) {
            case Write write -> writes.add(write);
            case Compact compact -> acceptCompaction(compact);
            case Stop stop -> stopping = true;
          }
        }
        batch.clear();
        if (!writes.isEmpty()) {
          commit(writes);
        }
        if (compactionDue() && !stopping) {
          compactChunk();
        }
      }
    } catch (InterruptedException e) {
      LOG.log(System.Logger.Level.WARNING, "sqlite writer interrupted; stopping");
    } catch (RuntimeException | Error e) {
      LOG.log(System.Logger.Level.ERROR, "sqlite writer failed; the store accepts no more writes", e);
    } finally {
      accepting = false;
      StoreException closed = closedException();
      List<Task> late = new ArrayList<>(batch);
      queue.drainTo(late);
      List<Compact> waiters = List.copyOf(compactWaiters);
      compactWaiters.clear();
      completer.execute(() -> {
        for (Task task : late) {
          switch (task) {
            case Write write -> write.future().completeExceptionally(closed);
            case Compact compact -> compact.future().completeExceptionally(closed);
            case Stop stop -> { }
          }
        }
        waiters.forEach(w -> w.future().completeExceptionally(closed));
      });
    }
  }

  private static long sizeOf(Task task) {
    return task instanceof Write write && write.value() != null ? write.value().length + 64L : 64L;
  }

  // ---------------------------------------------------------------------------------------------
  // Writes

  private void commit(List<Write> writes) {
    long startRevision = revision;
    Map<String, KeyState> undo = new HashMap<>();
    WriteResult[] results = new WriteResult[writes.size()];
    List<WatchEvent> events = new ArrayList<>(writes.size());
    try {
      for (int i = 0; i < writes.size(); i++) {
        results[i] = apply(writes.get(i), undo, events);
      }
      if (revision != startRevision) {
        setMeta(Schema.META_REVISION, revision);
      }
      conn.commit();
    } catch (SQLException | RuntimeException e) {
      rollbackQuietly();
      undo.forEach((key, previous) -> {
        if (previous == null) {
          index.remove(key);
        } else {
          index.put(key, previous);
        }
      });
      revision = startRevision;
      LOG.log(System.Logger.Level.ERROR, "sqlite commit of " + writes.size() + " writes failed", e);
      StoreException error = new StoreException(StoreException.Code.UNAVAILABLE,
          "sqlite write failed: " + e.getMessage(), e);
      completer.execute(() -> writes.forEach(w -> w.future().completeExceptionally(error)));
      return;
    }
    if (revision != startRevision) {
      committedRevision = revision;
      // Watchers get the events before any writer learns its write completed.
      hub.dispatch(events, revision);
    }
    completer.execute(() -> {
      for (int i = 0; i < results.length; i++) {
        writes.get(i).future().complete(results[i]);
      }
    });
  }

  private WriteResult apply(Write write, Map<String, KeyState> undo, List<WatchEvent> events)
      throws SQLException {
    String key = write.key();
    KeyState current = index.get(key);
    switch (write.kind()) {
      case CREATE -> {
        if (current != null) {
          return new WriteResult(WriteResult.Status.KEY_EXISTS, revision, currentValue(key, current));
        }
        long rev = revision + 1;
        insertLog(rev, key, rev, 0, 1, false, write.value());
        insertCurrent.setString(1, key);
        insertCurrent.setLong(2, rev);
        insertCurrent.executeUpdate();
        revision = rev;
        remember(undo, key, null);
        index.put(key, new KeyState(rev, rev, 1));
        KeyValue kv = new KeyValue(key, write.value(), rev, rev, 1);
        events.add(new WatchEvent(WatchEvent.Type.PUT, kv, null));
        return new WriteResult(WriteResult.Status.OK, rev, kv);
      }
      case UPDATE -> {
        if (current == null) {
          return new WriteResult(WriteResult.Status.NOT_FOUND, revision, null);
        }
        if (current.modRevision() != write.expectedModRevision()) {
          return new WriteResult(WriteResult.Status.CONFLICT, revision, currentValue(key, current));
        }
        KeyValue previous = currentValue(key, current);
        long rev = revision + 1;
        long version = current.version() + 1;
        insertLog(rev, key, current.createRevision(), current.modRevision(), version, false, write.value());
        updateCurrent.setLong(1, rev);
        updateCurrent.setString(2, key);
        updateCurrent.executeUpdate();
        revision = rev;
        remember(undo, key, current);
        index.put(key, new KeyState(current.createRevision(), rev, version));
        KeyValue kv = new KeyValue(key, write.value(), current.createRevision(), rev, version);
        events.add(new WatchEvent(WatchEvent.Type.PUT, kv, previous));
        return new WriteResult(WriteResult.Status.OK, rev, kv);
      }
      case DELETE -> {
        if (current == null) {
          return new WriteResult(WriteResult.Status.NOT_FOUND, revision, null);
        }
        long expected = write.expectedModRevision();
        if (expected != 0 && current.modRevision() != expected) {
          return new WriteResult(WriteResult.Status.CONFLICT, revision, currentValue(key, current));
        }
        KeyValue previous = currentValue(key, current);
        long rev = revision + 1;
        insertLog(rev, key, current.createRevision(), current.modRevision(), current.version(), true, null);
        deleteCurrent.setString(1, key);
        deleteCurrent.executeUpdate();
        revision = rev;
        remember(undo, key, current);
        index.remove(key);
        events.add(new WatchEvent(WatchEvent.Type.DELETE, new KeyValue(key, null, 0, rev, 0), previous));
        return new WriteResult(WriteResult.Status.OK, rev,
            new KeyValue(key, previous.value(), current.createRevision(), rev, current.version()));
      }
    }
    throw new IllegalStateException("unknown write kind " + write.kind());
  }

  private static void remember(Map<String, KeyState> undo, String key, KeyState previous) {
    if (!undo.containsKey(key)) {
      undo.put(key, previous);
    }
  }

  private void insertLog(long rev, String key, long createRev, long prevRev, long version, boolean deleted,
      byte[] value) throws SQLException {
    insertLog.setLong(1, rev);
    insertLog.setString(2, key);
    insertLog.setLong(3, createRev);
    insertLog.setLong(4, prevRev);
    insertLog.setLong(5, version);
    insertLog.setInt(6, deleted ? 1 : 0);
    if (value == null) {
      insertLog.setNull(7, Types.BLOB);
    } else {
      insertLog.setBytes(7, value);
    }
    insertLog.executeUpdate();
  }

  /** The live version's value; read by rowid on this connection, so it sees this batch's writes. */
  private KeyValue currentValue(String key, KeyState state) throws SQLException {
    valueAt.setLong(1, state.modRevision());
    byte[] value;
    try (ResultSet rs = valueAt.executeQuery()) {
      if (!rs.next()) {
        throw new SQLException("log row " + state.modRevision() + " of live key " + key + " is missing");
      }
      value = rs.getBytes(1);
    }
    return new KeyValue(key, value == null ? new byte[0] : value, state.createRevision(), state.modRevision(),
        state.version());
  }

  private void setMeta(String name, long value) throws SQLException {
    setMeta.setLong(1, value);
    setMeta.setString(2, name);
    setMeta.executeUpdate();
  }

  private void rollbackQuietly() {
    try {
      conn.rollback();
    } catch (SQLException e) {
      LOG.log(System.Logger.Level.WARNING, "sqlite rollback failed", e);
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Compaction

  private boolean compactionDue() {
    return !compactionSuspended && compactedThrough < compactTarget;
  }

  private void acceptCompaction(Compact request) {
    long requested = request.revision();
    if (requested > revision) {
      request.future().completeExceptionally(new StoreException(StoreException.Code.FUTURE_REVISION,
          "cannot compact to future revision " + requested + " (current " + revision + ")"));
      return;
    }
    compactionSuspended = false;
    if (requested > compactTarget) {
      compactTarget = requested;
    }
    if (compactedThrough >= compactTarget) {
      long inEffect = compactTarget;
      completer.execute(() -> request.future().complete(inEffect));
    } else {
      compactWaiters.add(request);
    }
  }

  /**
   * Compacts one chunk of revisions in its own transaction: for every row in the chunk, the version
   * it replaced is obsolete (it was superseded at or below the target), and a tombstone itself is
   * obsolete. The latest version of a live key has no successor at or below the target, so it
   * always stays. The first chunk also records the new compact revision, so reads below it are
   * refused from the same commit on.
   */
  private void compactChunk() {
    long target = compactTarget;
    long from = compactedThrough;
    long to = Math.min(target, from + options.compactionChunkRevisions());
    try {
      List<Long> obsolete = new ArrayList<>();
      compactScan.setLong(1, from);
      compactScan.setLong(2, to);
      try (ResultSet rs = compactScan.executeQuery()) {
        while (rs.next()) {
          long prevRev = rs.getLong(2);
          if (prevRev != 0) {
            obsolete.add(prevRev);
          }
          if (rs.getInt(3) != 0) {
            obsolete.add(rs.getLong(1));
          }
        }
      }
      for (long rev : obsolete) {
        deleteLog.setLong(1, rev);
        deleteLog.executeUpdate();
      }
      setMeta(Schema.META_COMPACT_REVISION, target);
      setMeta(Schema.META_COMPACTED_THROUGH, to);
      conn.commit();
    } catch (SQLException | RuntimeException e) {
      rollbackQuietly();
      LOG.log(System.Logger.Level.ERROR, "sqlite compaction of revisions " + from + ".." + to + " failed", e);
      // Stop trying until the next request (or the next open) so a broken disk does not spin us.
      compactionSuspended = true;
      StoreException error = new StoreException(StoreException.Code.UNAVAILABLE,
          "sqlite compaction failed: " + e.getMessage(), e);
      List<Compact> waiters = List.copyOf(compactWaiters);
      compactWaiters.clear();
      completer.execute(() -> waiters.forEach(w -> w.future().completeExceptionally(error)));
      return;
    }
    compactedThrough = to;
    compactRevision = target;
    if (to == target) {
      List<Compact> waiters = List.copyOf(compactWaiters);
      compactWaiters.clear();
      completer.execute(() -> waiters.forEach(w -> w.future().complete(target)));
    }
  }
}
