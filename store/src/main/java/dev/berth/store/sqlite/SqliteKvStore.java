package dev.berth.store.sqlite;

import dev.berth.store.KeyValue;
import dev.berth.store.KvStore;
import dev.berth.store.RangeResult;
import dev.berth.store.StoreException;
import dev.berth.store.Watch;
import dev.berth.store.WatchListener;
import dev.berth.store.WriteResult;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The embedded, durable {@link KvStore}: one SQLite file in WAL mode with {@code synchronous=FULL}.
 *
 * <p><b>Writes</b> go through one writer thread that commits every pending write in a single
 * transaction (group commit; see {@link GroupCommitWriter}). A write's future completes only after
 * its transaction is durable on disk, so a completed write survives a crash of the JVM or the
 * machine. <b>Reads</b> use a small pool of separate connections; each read is one WAL snapshot, so
 * a range's rows and its revision always agree. <b>Watches</b> from a past revision replay the log
 * and then switch to live events without gap or duplicate (see {@link WatchHub}).
 *
 * <p><b>Listener contract.</b> Live events are delivered on the writer thread, after the commit and
 * before the writes' futures complete, so a completed write has been handed to every watcher.
 * Listeners must therefore return quickly (hand work to a queue): a slow listener delays every
 * write of this store, though it cannot reorder, drop or duplicate events of other watches. A
 * listener that throws loses its watch (it receives onError(CLOSED)); the others continue. Replayed
 * history is delivered on a catch-up thread; calls to one listener are never concurrent.
 *
 * <p>Values are not copied: arrays passed to writes and arrays returned by reads and events must
 * not be modified. Values above {@link #MAX_VALUE_BYTES} fail with TOO_LARGE.
 *
 * <p>Only one store may have a data file open at a time (enforced with a lock file next to it).
 */
public final class SqliteKvStore implements KvStore {

  /** Values above this size are refused with TOO_LARGE. */
  public static final int MAX_VALUE_BYTES = 2 * 1024 * 1024;

  private static final System.Logger LOG = System.getLogger(SqliteKvStore.class.getName());

  /**
   * Tuning knobs; {@link #defaults()} suits the API server.
   *
   * @param readConnections size of the read connection pool
   * @param maxBatchWrites most writes committed in one transaction
   * @param maxBatchBytes a batch stops growing once its values add up to this many bytes
   * @param compactionChunkRevisions revisions compacted per transaction (bounds the writer pause)
   * @param watchBufferLimit events a catching-up watch may buffer before it re-reads the log
   */
  public record Options(int readConnections, int maxBatchWrites, long maxBatchBytes,
      int compactionChunkRevisions, int watchBufferLimit) {

    public Options {
      if (readConnections < 1 || maxBatchWrites < 1 || maxBatchBytes < 1 || compactionChunkRevisions < 1
          || watchBufferLimit < 1) {
        throw new IllegalArgumentException("all options must be positive: " + this);
      }
    }

    public static Options defaults() {
      return new Options(4, 1024, 32L * 1024 * 1024, 1000, 100_000);
    }

    public Options withCompactionChunkRevisions(int revisions) {
      return new Options(readConnections, maxBatchWrites, maxBatchBytes, revisions, watchBufferLimit);
    }

    public Options withWatchBufferLimit(int events) {
      return new Options(readConnections, maxBatchWrites, maxBatchBytes, compactionChunkRevisions, events);
    }
  }

  private final Path file;
  private final FileChannel lockChannel;
  private final FileLock lock;
  private final ReaderPool readers;
  private final ExecutorService catchUpExecutor;
  private final WatchHub hub;
  private final GroupCommitWriter writer;
  private final AtomicBoolean closed = new AtomicBoolean();

  private SqliteKvStore(Path file, FileChannel lockChannel, FileLock lock, Connection writerConnection,
      Options options) throws SQLException {
    this.file = file;
    this.lockChannel = lockChannel;
    this.lock = lock;
    String name = "berth-kv-" + file.getFileName();
    this.catchUpExecutor = Executors.newCachedThreadPool(
        Thread.ofPlatform().name(name + "-watch-catchup-", 0).daemon(true).factory());
    ReaderPool pool = new ReaderPool(file, options.readConnections());
    this.readers = pool;
    this.hub = new WatchHub(
        (prefix, after, upTo, limit) -> pool.read(r -> r.replay(prefix, after, upTo, limit)),
        catchUpExecutor, options.watchBufferLimit());
    this.writer = new GroupCommitWriter(writerConnection, hub, options, name);
    writer.start();
  }

  /** Opens (creating if needed) the store in {@code file} with default options. */
  public static SqliteKvStore open(Path file) {
    return open(file, Options.defaults());
  }

  /**
   * Opens (creating it and its parent directories if needed) the store in {@code file}.
   *
   * @throws StoreException UNAVAILABLE if the file cannot be opened or is in use by another store,
   *     CORRUPT if it has a layout this build does not understand
   */
  public static SqliteKvStore open(Path file, Options options) {
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(options, "options");
    Path absolute = file.toAbsolutePath();
    FileChannel lockChannel = null;
    FileLock lock = null;
    Connection writerConnection = null;
    try {
      if (absolute.getParent() != null) {
        Files.createDirectories(absolute.getParent());
      }
      lockChannel = FileChannel.open(lockFile(absolute), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
      try {
        lock = lockChannel.tryLock();
      } catch (OverlappingFileLockException e) {
        lock = null;
      }
      if (lock == null) {
        throw new StoreException(StoreException.Code.UNAVAILABLE,
            "sqlite store " + absolute + " is already open (lock file " + lockFile(absolute) + " is held)");
      }
      writerConnection = Schema.openWriter(absolute);
      Schema.createOrVerify(writerConnection);
      return new SqliteKvStore(absolute, lockChannel, lock, writerConnection, options);
    } catch (IOException | SQLException | RuntimeException e) {
      closeQuietly(writerConnection);
      releaseQuietly(lock, lockChannel);
      if (e instanceof StoreException se) {
        throw se;
      }
      throw new StoreException(StoreException.Code.UNAVAILABLE,
          "cannot open sqlite store " + absolute + ": " + e.getMessage(), e);
    }
  }

  private static Path lockFile(Path dataFile) {
    return dataFile.resolveSibling(dataFile.getFileName() + ".lock");
  }

  /** The data file. */
  public Path file() {
    return file;
  }

  @Override
  public Optional<KeyValue> get(String key) {
    Objects.requireNonNull(key, "key");
    checkOpen();
    return readers.read(r -> r.get(key));
  }

  @Override
  public RangeResult range(String fromKey, String toKey, long revision, int limit) {
    Objects.requireNonNull(fromKey, "fromKey");
    Objects.requireNonNull(toKey, "toKey");
    if (limit < 0 || revision < 0) {
      throw new IllegalArgumentException("limit and revision must not be negative");
    }
    checkOpen();
    return readers.read(r -> r.range(fromKey, toKey, revision, limit));
  }

  @Override
  public CompletableFuture<WriteResult> create(String key, byte[] value) {
    return write(GroupCommitWriter.Kind.CREATE, key, value, 0);
  }

  @Override
  public CompletableFuture<WriteResult> update(String key, byte[] value, long expectedModRevision) {
    return write(GroupCommitWriter.Kind.UPDATE, key, value, expectedModRevision);
  }

  @Override
  public CompletableFuture<WriteResult> delete(String key, long expectedModRevision) {
    return write(GroupCommitWriter.Kind.DELETE, key, null, expectedModRevision);
  }

  private CompletableFuture<WriteResult> write(GroupCommitWriter.Kind kind, String key, byte[] value,
      long expectedModRevision) {
    Objects.requireNonNull(key, "key");
    if (kind != GroupCommitWriter.Kind.DELETE) {
      Objects.requireNonNull(value, "value");
      if (value.length > MAX_VALUE_BYTES) {
        return CompletableFuture.failedFuture(new StoreException(StoreException.Code.TOO_LARGE,
            "value of " + value.length + " bytes for key " + key + " exceeds the limit of " + MAX_VALUE_BYTES
                + " bytes"));
      }
    }
    return writer.submit(kind, key, value, expectedModRevision);
  }

  @Override
  public Watch watch(String prefix, long afterRevision, WatchListener listener) {
    Objects.requireNonNull(prefix, "prefix");
    Objects.requireNonNull(listener, "listener");
    checkOpen();
    return hub.register(prefix, afterRevision, listener);
  }

  @Override
  public CompletableFuture<Long> compact(long revision) {
    return writer.compact(revision);
  }

  @Override
  public long currentRevision() {
    return writer.committedRevision();
  }

  @Override
  public long compactRevision() {
    return writer.compactRevision();
  }

  /** Checks the open store's data file; safe while it keeps serving (one read snapshot). */
  public IntegrityReport checkIntegrity() {
    checkOpen();
    return readers.read(Reader::checkIntegrity);
  }

  /**
   * Checks a data file that no store has open (or one that is open: the check only reads). Problems
   * opening the file are reported, not thrown.
   */
  public static IntegrityReport checkIntegrity(Path file) {
    if (!Files.isRegularFile(file)) {
      return new IntegrityReport(List.of("data file " + file + " does not exist"), 0, 0, 0);
    }
    try (Reader reader = new Reader(file.toAbsolutePath())) {
      return reader.checkIntegrity();
    } catch (SQLException | RuntimeException e) {
      List<String> problems = new ArrayList<>();
      problems.add("cannot read " + file + ": " + e.getMessage());
      return new IntegrityReport(problems, 0, 0, 0);
    }
  }

  /** Number of open watches (for metrics and tests). */
  public int watchCount() {
    return hub.watchCount();
  }

  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    writer.stop();
    hub.close();
    catchUpExecutor.shutdownNow();
    try {
      catchUpExecutor.awaitTermination(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    readers.close();
    writer.closeConnection();
    releaseQuietly(lock, lockChannel);
  }

  private void checkOpen() {
    if (closed.get()) {
      throw new StoreException(StoreException.Code.CLOSED, "store is closed");
    }
  }

  private static void closeQuietly(Connection conn) {
    if (conn != null) {
      try {
        conn.close();
      } catch (SQLException e) {
        LOG.log(System.Logger.Level.DEBUG, "closing connection failed", e);
      }
    }
  }

  private static void releaseQuietly(FileLock lock, FileChannel channel) {
    try {
      if (lock != null) {
        lock.release();
      }
      if (channel != null) {
        channel.close();
      }
    } catch (IOException e) {
      LOG.log(System.Logger.Level.DEBUG, "releasing lock file failed", e);
    }
  }

  @Override
  public String toString() {
    return "SqliteKvStore[" + file + ", revision=" + currentRevision() + "]";
  }
}
