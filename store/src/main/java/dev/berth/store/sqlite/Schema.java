package dev.berth.store.sqlite;

import dev.berth.store.StoreException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.sqlite.SQLiteConfig;

/**
 * The on-disk layout and how connections to it are opened.
 *
 * <pre>
 * log      one row per revision (kine-like): rev is the revision and the rowid; a delete writes a
 *          tombstone row (deleted = 1, value NULL). prev_rev links a row to the version it replaced
 *          (0 for a creation), which is what compaction, watch replay (prevKv) and reads at old
 *          revisions follow. Deliberately no index on key: it would cost a random b-tree page per
 *          write (measured: 2.5x slower group commits); old reads walk the log by revision instead.
 * current  key -> rev of its live version; makes point reads, prefix ranges and the startup index
 *          load cheap with hundreds of thousands of keys. Deleted keys have no row.
 * meta     name -> integer: the store revision (survives even if the latest row is a compacted
 *          tombstone), the compact revision, and how far compaction has physically progressed.
 * </pre>
 */
final class Schema {

  static final int VERSION = 1;

  static final String META_SCHEMA_VERSION = "schema_version";
  static final String META_REVISION = "revision";
  static final String META_COMPACT_REVISION = "compact_revision";
  static final String META_COMPACTED_THROUGH = "compacted_through";

  private static final String[] DDL = {
    """
    CREATE TABLE IF NOT EXISTS log (
      rev INTEGER PRIMARY KEY,
      key TEXT NOT NULL,
      create_rev INTEGER NOT NULL,
      prev_rev INTEGER NOT NULL,
      version INTEGER NOT NULL,
      deleted INTEGER NOT NULL,
      value BLOB
    )""",
    "CREATE TABLE IF NOT EXISTS current (key TEXT PRIMARY KEY, rev INTEGER NOT NULL) WITHOUT ROWID",
    "CREATE TABLE IF NOT EXISTS meta (name TEXT PRIMARY KEY, value INTEGER NOT NULL) WITHOUT ROWID",
  };

  private Schema() {}

  /** The single writing connection: WAL, fsync on every commit, explicit transactions. */
  static Connection openWriter(Path file) throws SQLException {
    SQLiteConfig config = new SQLiteConfig();
    config.setJournalMode(SQLiteConfig.JournalMode.WAL);
    config.setSynchronous(SQLiteConfig.SynchronousMode.FULL);
    config.setBusyTimeout(30_000);
    // 64 MiB page cache: the writer re-reads recently written pages (index, previous values).
    config.setCacheSize(-64 * 1024);
    config.setTempStore(SQLiteConfig.TempStore.MEMORY);
    // Checkpoint less often than the 1000-page default: each checkpoint costs an fsync of the
    // database file on the writer thread; 4096 pages (16 MiB) amortise it over many batches while
    // keeping each checkpoint short.
    config.setWalAutocheckpoint(4096);
    config.setJournalSizeLimit(64 * 1024 * 1024);
    config.setGetGeneratedKeys(false);
    Connection conn = DriverManager.getConnection(url(file), config.toProperties());
    conn.setAutoCommit(false);
    return conn;
  }

  /** A reading connection: sees the latest commit at the start of each read transaction. */
  static Connection openReader(Path file) throws SQLException {
    SQLiteConfig config = new SQLiteConfig();
    config.setBusyTimeout(30_000);
    config.setCacheSize(-16 * 1024);
    Connection conn = DriverManager.getConnection(url(file), config.toProperties());
    try (Statement st = conn.createStatement()) {
      st.execute("PRAGMA query_only = 1");
    }
    conn.setAutoCommit(false);
    return conn;
  }

  private static String url(Path file) {
    return "jdbc:sqlite:" + file.toAbsolutePath();
  }

  /** Creates the tables on a new file, or checks that an existing file has a layout we understand. */
  static void createOrVerify(Connection conn) throws SQLException {
    try (Statement st = conn.createStatement()) {
      for (String ddl : DDL) {
        st.execute(ddl);
      }
      for (String name : List.of(META_REVISION, META_COMPACT_REVISION, META_COMPACTED_THROUGH)) {
        st.execute("INSERT OR IGNORE INTO meta(name, value) VALUES ('" + name + "', 0)");
      }
      st.execute("INSERT OR IGNORE INTO meta(name, value) VALUES ('" + META_SCHEMA_VERSION + "', " + VERSION + ")");
    }
    long version = readMeta(conn, META_SCHEMA_VERSION);
    conn.commit();
    if (version != VERSION) {
      throw new StoreException(StoreException.Code.CORRUPT,
          "data file has schema version " + version + ", this build understands version " + VERSION);
    }
  }

  static long readMeta(Connection conn, String name) throws SQLException {
    try (PreparedStatement ps = conn.prepareStatement("SELECT value FROM meta WHERE name = ?")) {
      ps.setString(1, name);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? rs.getLong(1) : 0;
      }
    }
  }

  /**
   * Checks the invariants the store relies on. Runs in one read transaction on {@code conn}, so it is
   * safe while the store keeps writing.
   */
  static IntegrityReport check(Connection conn) throws SQLException {
    List<String> problems = new ArrayList<>();
    try {
      try (Statement st = conn.createStatement(); ResultSet rs = st.executeQuery("PRAGMA integrity_check(20)")) {
        while (rs.next()) {
          String line = rs.getString(1);
          if (!"ok".equalsIgnoreCase(line)) {
            problems.add("sqlite integrity_check: " + line);
          }
        }
      }
      if (!problems.isEmpty()) {
        // The b-trees are damaged; the logical checks below would only repeat the same damage.
        return new IntegrityReport(problems, 0, 0, 0);
      }
      for (String table : List.of("log", "current", "meta")) {
        if (!tableExists(conn, table)) {
          problems.add("table '" + table + "' is missing");
        }
      }
      if (!problems.isEmpty()) {
        return new IntegrityReport(problems, 0, 0, 0);
      }
      long schemaVersion = readMeta(conn, META_SCHEMA_VERSION);
      if (schemaVersion != VERSION) {
        problems.add("schema version is " + schemaVersion + ", expected " + VERSION);
      }
      long revision = readMeta(conn, META_REVISION);
      long compactRevision = readMeta(conn, META_COMPACT_REVISION);
      long compactedThrough = readMeta(conn, META_COMPACTED_THROUGH);
      long maxRev = queryLong(conn, "SELECT COALESCE(MAX(rev), 0) FROM log");
      long rows = queryLong(conn, "SELECT COUNT(*) FROM log");
      long liveKeys = queryLong(conn, "SELECT COUNT(*) FROM current");
      if (revision < maxRev) {
        problems.add("meta revision " + revision + " is below the highest logged revision " + maxRev);
      }
      if (compactRevision > revision) {
        problems.add("compact revision " + compactRevision + " is above the store revision " + revision);
      }
      if (compactedThrough > compactRevision) {
        problems.add("compaction progress " + compactedThrough + " is beyond the compact revision " + compactRevision);
      }
      collect(conn, problems, "revision %s: non-positive revision",
          "SELECT rev FROM log WHERE rev <= 0 LIMIT 10");
      collect(conn, problems, "revision %s (key %s): create revision %s is above the mod revision",
          "SELECT rev, key, create_rev FROM log WHERE create_rev > rev OR create_rev <= 0 LIMIT 10");
      collect(conn, problems, "revision %s (key %s): previous revision %s is not below it",
          "SELECT rev, key, prev_rev FROM log WHERE prev_rev >= rev OR prev_rev < 0 LIMIT 10");
      collect(conn, problems, "revision %s (key %s): version %s is not positive",
          "SELECT rev, key, version FROM log WHERE version <= 0 LIMIT 10");
      collect(conn, problems, "revision %s (key %s): a creation whose create revision is %s",
          "SELECT rev, key, create_rev FROM log WHERE prev_rev = 0 AND (create_rev <> rev OR version <> 1) LIMIT 10");
      collect(conn, problems, "revision %s (key %s): does not continue the version at revision %s",
          """
          SELECT l.rev, l.key, l.prev_rev FROM log l JOIN log p ON p.rev = l.prev_rev
          WHERE p.key <> l.key OR p.deleted <> 0 OR l.create_rev <> p.create_rev
             OR l.version <> p.version + (CASE WHEN l.deleted <> 0 THEN 0 ELSE 1 END)
          LIMIT 10""");
      collect(conn, problems, "revision %s (key %s): tombstone carries a value",
          "SELECT rev, key FROM log WHERE deleted <> 0 AND value IS NOT NULL LIMIT 10");
      collect(conn, problems, "key %s: current version %s is missing from the log, deleted, or another key's",
          """
          SELECT c.key, c.rev FROM current c LEFT JOIN log l ON l.rev = c.rev
          WHERE l.rev IS NULL OR l.key <> c.key OR l.deleted <> 0 LIMIT 10""");
      collect(conn, problems, "key %s: current version %s is not its latest logged revision",
          """
          SELECT c.key, c.rev FROM current c
          JOIN (SELECT key, MAX(rev) AS rev FROM log GROUP BY key) m ON m.key = c.key
          WHERE m.rev > c.rev LIMIT 10""");
      collect(conn, problems, "key %s: live at revision %s but has no current version",
          """
          SELECT l.key, l.rev FROM log l
          JOIN (SELECT key, MAX(rev) AS rev FROM log GROUP BY key) m ON m.rev = l.rev
          WHERE l.deleted = 0 AND NOT EXISTS (SELECT 1 FROM current c WHERE c.key = l.key) LIMIT 10""");
      return new IntegrityReport(problems, revision, rows, liveKeys);
    } finally {
      conn.rollback();
    }
  }

  private static boolean tableExists(Connection conn, String table) throws SQLException {
    try (PreparedStatement ps = conn.prepareStatement(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?")) {
      ps.setString(1, table);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next();
      }
    }
  }

  private static long queryLong(Connection conn, String sql) throws SQLException {
    try (Statement st = conn.createStatement(); ResultSet rs = st.executeQuery(sql)) {
      return rs.next() ? rs.getLong(1) : 0;
    }
  }

  private static void collect(Connection conn, List<String> problems, String format, String sql)
      throws SQLException {
    try (Statement st = conn.createStatement(); ResultSet rs = st.executeQuery(sql)) {
      int columns = rs.getMetaData().getColumnCount();
      while (rs.next()) {
        Object[] args = new Object[columns];
        for (int i = 0; i < columns; i++) {
          args[i] = rs.getObject(i + 1);
        }
        problems.add(String.format(format, args));
      }
    }
  }
}
