package dev.berth.store.sqlite;

import dev.berth.store.KeyValue;
import dev.berth.store.Keys;
import dev.berth.store.RangeResult;
import dev.berth.store.StoreException;
import dev.berth.store.WatchEvent;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * One read connection and its prepared statements. Each public method is one read transaction (one
 * WAL snapshot), so the revision it reports always matches the rows it returns. Not thread-safe: the
 * {@link ReaderPool} hands a reader to one thread at a time.
 */
final class Reader implements AutoCloseable {

  private static final String GET = """
      SELECT l.create_rev, l.rev, l.version, l.value FROM current c JOIN log l ON l.rev = c.rev
      WHERE c.key = ?""";
  private static final String META = """
      SELECT (SELECT value FROM meta WHERE name = 'revision'),
             (SELECT value FROM meta WHERE name = 'compact_revision')""";
  // %s: optional upper bound on the key.
  private static final String RANGE_CURRENT = """
      SELECT c.key, l.create_rev, l.rev, l.version, l.value FROM current c JOIN log l ON l.rev = c.rev
      WHERE c.key >= ? %s ORDER BY c.key LIMIT ?""";
  // For each key in range changed after the read revision: its first change after it, joined to the
  // version that change replaced (none if the first change was a creation: absent at the revision).
  // Walks the log by rowid from the read revision; the unary + keeps SQLite off the key columns.
  private static final String CHANGED_SINCE = """
      SELECT l.key, p.create_rev, p.rev, p.version, p.value
      FROM (SELECT MIN(rev) AS rev FROM log WHERE rev > ? AND +key >= ? %s GROUP BY key) m
      JOIN log l ON l.rev = m.rev LEFT JOIN log p ON p.rev = l.prev_rev""";
  // Walks the log by revision (the rowid). The unary + keeps SQLite from picking the key index,
  // which would visit every revision of the range's keys instead of just the revisions asked for.
  private static final String REPLAY = """
      SELECT l.rev, l.key, l.create_rev, l.version, l.deleted, l.value,
             p.create_rev, p.rev, p.version, p.value
      FROM log l LEFT JOIN log p ON p.rev = l.prev_rev
      WHERE l.rev > ? AND l.rev <= ? AND +l.key >= ? %s ORDER BY l.rev LIMIT ?""";

  private final Connection conn;
  private final Map<String, PreparedStatement> statements = new HashMap<>();

  Reader(Path file) throws SQLException {
    this.conn = Schema.openReader(file);
  }

  private PreparedStatement statement(String sql) throws SQLException {
    PreparedStatement ps = statements.get(sql);
    if (ps == null) {
      ps = conn.prepareStatement(sql);
      statements.put(sql, ps);
    }
    return ps;
  }

  Optional<KeyValue> get(String key) throws SQLException {
    try {
      PreparedStatement ps = statement(GET);
      ps.setString(1, key);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          return Optional.empty();
        }
        return Optional.of(new KeyValue(key, rs.getBytes(4), rs.getLong(1), rs.getLong(2), rs.getLong(3)));
      }
    } finally {
      conn.commit();
    }
  }

  RangeResult range(String fromKey, String toKey, long revision, int limit) throws SQLException {
    try {
      long[] meta = meta();
      long current = meta[0];
      long compactRevision = meta[1];
      if (revision > current) {
        throw new StoreException(StoreException.Code.FUTURE_REVISION,
            "required revision " + revision + " is a future revision (current " + current + ")");
      }
      if (revision > 0 && revision < compactRevision) {
        throw StoreException.compacted(revision, compactRevision);
      }
      boolean bounded = !Keys.isUnboundedEnd(toKey);
      long readRevision = revision == 0 ? current : revision;
      if (readRevision == current) {
        return readCurrent(fromKey, toKey, bounded, readRevision, limit);
      }
      return readOld(fromKey, toKey, bounded, readRevision, limit);
    } finally {
      conn.commit();
    }
  }

  private RangeResult readCurrent(String fromKey, String toKey, boolean bounded, long readRevision, int limit)
      throws SQLException {
    PreparedStatement ps = currentRange(fromKey, toKey, bounded, limit > 0 ? limit + 1L : -1L);
    List<KeyValue> kvs = new ArrayList<>();
    boolean more = false;
    try (ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        if (limit > 0 && kvs.size() == limit) {
          more = true; // one row more than asked tells whether there is more
          break;
        }
        kvs.add(currentRow(rs));
      }
    }
    return new RangeResult(List.copyOf(kvs), readRevision, more);
  }

  /**
   * The state at an old revision R: keys that did not change after R still have their current
   * version; for keys that did, the first change after R points (prev_rev) at the version they had
   * at R. Compaction never removes such a version (its successor is above the compact revision).
   * Costs a scan of the log after R, which retained history keeps bounded.
   */
  private RangeResult readOld(String fromKey, String toKey, boolean bounded, long readRevision, int limit)
      throws SQLException {
    PreparedStatement changed = statement(CHANGED_SINCE.formatted(bounded ? "AND +key < ?" : ""));
    int i = 1;
    changed.setLong(i++, readRevision);
    changed.setString(i++, fromKey);
    if (bounded) {
      changed.setString(i, toKey);
    }
    // key -> its version at the read revision, or null if it did not exist then
    TreeMap<String, KeyValue> changedKeys = new TreeMap<>(Keys.UTF8_ORDER);
    try (ResultSet rs = changed.executeQuery()) {
      while (rs.next()) {
        String key = rs.getString(1);
        long prevRev = rs.getLong(3);
        changedKeys.put(key, rs.wasNull() ? null
            : new KeyValue(key, rs.getBytes(5), rs.getLong(2), prevRev, rs.getLong(4)));
      }
    }
    // Merge the unchanged current keys with the old versions of the changed ones, in key order.
    // At most changedKeys.size() current rows are skipped, which bounds the rows to fetch.
    long fetch = limit > 0 ? limit + 1L + changedKeys.size() : -1L;
    List<KeyValue> kvs = new ArrayList<>();
    Iterator<KeyValue> old = changedKeys.values().stream().filter(Objects::nonNull).iterator();
    KeyValue nextOld = old.hasNext() ? old.next() : null;
    int wanted = limit > 0 ? limit + 1 : Integer.MAX_VALUE;
    try (ResultSet rs = currentRange(fromKey, toKey, bounded, fetch).executeQuery()) {
      while (kvs.size() < wanted && rs.next()) {
        String key = rs.getString(1);
        if (changedKeys.containsKey(key)) {
          continue;
        }
        while (nextOld != null && Keys.compareUtf8(nextOld.key(), key) < 0 && kvs.size() < wanted) {
          kvs.add(nextOld);
          nextOld = old.hasNext() ? old.next() : null;
        }
        if (kvs.size() < wanted) {
          kvs.add(currentRow(rs));
        }
      }
    }
    while (nextOld != null && kvs.size() < wanted) {
      kvs.add(nextOld);
      nextOld = old.hasNext() ? old.next() : null;
    }
    boolean more = limit > 0 && kvs.size() > limit;
    if (more) {
      kvs = kvs.subList(0, limit);
    }
    return new RangeResult(List.copyOf(kvs), readRevision, more);
  }

  private PreparedStatement currentRange(String fromKey, String toKey, boolean bounded, long limit)
      throws SQLException {
    PreparedStatement ps = statement(RANGE_CURRENT.formatted(bounded ? "AND c.key < ?" : ""));
    int i = 1;
    ps.setString(i++, fromKey);
    if (bounded) {
      ps.setString(i++, toKey);
    }
    ps.setLong(i, limit);
    return ps;
  }

  private static KeyValue currentRow(ResultSet rs) throws SQLException {
    return new KeyValue(rs.getString(1), rs.getBytes(5), rs.getLong(2), rs.getLong(3), rs.getLong(4));
  }

  /**
   * Up to {@code limit} events for keys starting with {@code prefix} in revisions {@code (after,
   * upTo]}, oldest first.
   *
   * @throws StoreException COMPACTED if revisions after {@code after} may already be gone
   */
  List<WatchEvent> replay(String prefix, long after, long upTo, int limit) throws SQLException {
    try {
      long compactRevision = meta()[1];
      if (after < compactRevision) {
        throw StoreException.compacted(after, compactRevision);
      }
      String end = dev.berth.store.KvStore.prefixEnd(prefix);
      boolean bounded = !Keys.isUnboundedEnd(end);
      PreparedStatement ps = statement(REPLAY.formatted(bounded ? "AND +l.key < ?" : ""));
      int i = 1;
      ps.setLong(i++, after);
      ps.setLong(i++, upTo);
      ps.setString(i++, prefix);
      if (bounded) {
        ps.setString(i++, end);
      }
      ps.setInt(i, limit);
      List<WatchEvent> events = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          String key = rs.getString(2);
          long rev = rs.getLong(1);
          long prevRev = rs.getLong(8);
          KeyValue prev = rs.wasNull() ? null
              : new KeyValue(key, rs.getBytes(10), rs.getLong(7), prevRev, rs.getLong(9));
          if (rs.getInt(5) != 0) {
            events.add(new WatchEvent(WatchEvent.Type.DELETE, new KeyValue(key, null, 0, rev, 0), prev));
          } else {
            KeyValue kv = new KeyValue(key, rs.getBytes(6), rs.getLong(3), rev, rs.getLong(4));
            events.add(new WatchEvent(WatchEvent.Type.PUT, kv, prev));
          }
        }
      }
      return events;
    } finally {
      conn.commit();
    }
  }

  IntegrityReport checkIntegrity() throws SQLException {
    return Schema.check(conn);
  }

  private long[] meta() throws SQLException {
    try (ResultSet rs = statement(META).executeQuery()) {
      rs.next();
      return new long[] {rs.getLong(1), rs.getLong(2)};
    }
  }

  @Override
  public void close() {
    try {
      for (PreparedStatement ps : statements.values()) {
        ps.close();
      }
      conn.close();
    } catch (SQLException e) {
      System.getLogger(Reader.class.getName()).log(System.Logger.Level.DEBUG, "closing reader failed", e);
    }
  }
}
