package dev.berth.store.sqlite;

import dev.berth.store.StoreException;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A fixed set of read connections. WAL lets them read while the writer commits; each borrowed
 * reader runs one snapshot-consistent read.
 */
final class ReaderPool implements AutoCloseable {

  interface ReadOperation<T> {
    T apply(Reader reader) throws SQLException;
  }

  private final BlockingQueue<Reader> idle;
  private final List<Reader> all = new ArrayList<>();
  private volatile boolean closed;

  ReaderPool(Path file, int size) throws SQLException {
    idle = new ArrayBlockingQueue<>(size);
    try {
      for (int i = 0; i < size; i++) {
        Reader reader = new Reader(file);
        all.add(reader);
        idle.add(reader);
      }
    } catch (SQLException | RuntimeException e) {
      all.forEach(Reader::close);
      throw e;
    }
  }

  <T> T read(ReadOperation<T> operation) {
    if (closed) {
      throw closedException();
    }
    Reader reader;
    try {
      reader = idle.take();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StoreException(StoreException.Code.UNAVAILABLE, "interrupted while waiting for a read connection", e);
    }
    try {
      if (closed) {
        throw closedException();
      }
      return operation.apply(reader);
    } catch (SQLException e) {
      throw new StoreException(StoreException.Code.UNAVAILABLE, "sqlite read failed: " + e.getMessage(), e);
    } finally {
      idle.add(reader);
    }
  }

  private static StoreException closedException() {
    return new StoreException(StoreException.Code.CLOSED, "store is closed");
  }

  /** Waits (bounded) for borrowed readers to come back, then closes every connection. */
  @Override
  public void close() {
    closed = true;
    List<Reader> returned = new ArrayList<>();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    try {
      while (returned.size() < all.size()) {
        long left = deadline - System.nanoTime();
        Reader reader = left > 0 ? idle.poll(left, TimeUnit.NANOSECONDS) : null;
        if (reader == null) {
          break;
        }
        returned.add(reader);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    // Readers still borrowed after the deadline are closed too; their read fails with an error.
    all.forEach(Reader::close);
  }
}
