package dev.berth.store.sqlite;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.berth.store.RecordingListener;
import dev.berth.store.StoreException;
import dev.berth.store.WatchEvent;
import dev.berth.store.WriteResult;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** SQLite-specific behaviour beyond the conformance suite: integrity checks, compaction, locking. */
class SqliteStoreBehaviourTest {

  @TempDir
  Path dir;

  private Path file() {
    return dir.resolve("store.db");
  }

  private static byte[] bytes(String s) {
    return s.getBytes(UTF_8);
  }

  private static WriteResult join(CompletableFuture<WriteResult> future) throws Exception {
    return future.get(30, TimeUnit.SECONDS);
  }

  /** Writes some history: creates, updates, deletes and a re-create. Returns the last revision. */
  private static long writeHistory(SqliteKvStore store, int keys) throws Exception {
    long last = 0;
    for (int i = 0; i < keys; i++) {
      long rev = join(store.create("/h/" + i, bytes("v0"))).revision();
      rev = join(store.update("/h/" + i, bytes("v1"), rev)).revision();
      rev = join(store.update("/h/" + i, bytes("v2"), rev)).revision();
      if (i % 3 == 0) {
        rev = join(store.delete("/h/" + i, rev)).revision();
      }
      if (i % 6 == 0) {
        rev = join(store.create("/h/" + i, bytes("again"))).revision();
      }
      last = rev;
    }
    return last;
  }

  private void tamper(String sql) throws SQLException {
    try (Connection conn = DriverManager.getConnection("jdbc:sqlite:" + file());
        Statement st = conn.createStatement()) {
      st.executeUpdate(sql);
    }
  }

  private long count(String sql) throws SQLException {
    try (Connection conn = DriverManager.getConnection("jdbc:sqlite:" + file());
        Statement st = conn.createStatement();
        ResultSet rs = st.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  // ---------------------------------------------------------------------------------------------
  // integrity

  @Test
  void aHealthyStorePassesTheIntegrityCheckOpenAndClosed() throws Exception {
    long last;
    try (SqliteKvStore store = SqliteKvStore.open(file())) {
      last = writeHistory(store, 30);
      store.compact(last - 20).get(30, TimeUnit.SECONDS);
      IntegrityReport report = store.checkIntegrity();
      assertThat(report.problems()).isEmpty();
      assertThat(report.ok()).isTrue();
      assertThat(report.revision()).isEqualTo(last);
      assertThat(report.liveKeys()).isEqualTo(store.range("", "\0", 0, 0).kvs().size());
    }
    IntegrityReport closed = SqliteKvStore.checkIntegrity(file());
    assertThat(closed.problems()).isEmpty();
    assertThat(closed.revision()).isEqualTo(last);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      create revision above mod revision | UPDATE log SET create_rev = rev + 5 WHERE key = '/h/1' AND version = 3 | create revision
      version chain broken               | UPDATE log SET version = 7 WHERE key = '/h/2' AND version = 3 | does not continue the version
      current row missing                | DELETE FROM current WHERE key = '/h/4' | has no current version
      current row points at old version  | UPDATE current SET rev = rev - 1 WHERE key = '/h/5' | is not its latest logged revision
      current row points at another key  | UPDATE current SET rev = (SELECT rev FROM current WHERE key = '/h/7') WHERE key = '/h/8' | another key's
      meta revision behind the log       | UPDATE meta SET value = 3 WHERE name = 'revision' | is below the highest logged revision
      compact revision ahead of store    | UPDATE meta SET value = 1000000 WHERE name = 'compact_revision' | is above the store revision
      tombstone with a value             | UPDATE log SET value = x'00' WHERE deleted = 1 AND key = '/h/3' | tombstone carries a value
      live key that was deleted          | INSERT INTO current(key, rev) SELECT key, rev FROM log WHERE deleted = 1 AND key = '/h/9' | deleted
      unknown schema version             | UPDATE meta SET value = 99 WHERE name = 'schema_version' | schema version is 99
      """)
  void tamperedRowsAreReported(String description, String sql, String expectedProblem) throws Exception {
    try (SqliteKvStore store = SqliteKvStore.open(file())) {
      writeHistory(store, 12);
    }
    assertThat(SqliteKvStore.checkIntegrity(file()).ok()).isTrue();

    tamper(sql);

    IntegrityReport report = SqliteKvStore.checkIntegrity(file());
    assertThat(report.ok()).as(description).isFalse();
    assertThat(report.problems()).as(description).anySatisfy(p -> assertThat(p).contains(expectedProblem));
  }

  @Test
  void aCorruptedFileIsReported() throws Exception {
    try (SqliteKvStore store = SqliteKvStore.open(file())) {
      writeHistory(store, 20);
      for (int i = 0; i < 200; i++) {
        join(store.create("/bulk/" + i, new byte[1000]));
      }
    }
    long size = Files.size(file());
    assertThat(size).isGreaterThan(16 * 4096);
    // Overwrite some pages in the middle of the file with garbage (not the header page).
    try (RandomAccessFile raf = new RandomAccessFile(file().toFile(), "rw")) {
      byte[] garbage = new byte[4096 * 3];
      java.util.Arrays.fill(garbage, (byte) 0x5A);
      raf.seek(4096 * 4);
      raf.write(garbage);
    }

    IntegrityReport report = SqliteKvStore.checkIntegrity(file());

    assertThat(report.ok()).isFalse();
    assertThat(report.problems()).isNotEmpty();
  }

  @Test
  void aFileThatIsNotADatabaseIsReported() throws Exception {
    Files.writeString(file(), "this is not a database, just some text that is long enough ".repeat(200));

    IntegrityReport report = SqliteKvStore.checkIntegrity(file());

    assertThat(report.ok()).isFalse();
    assertThat(report.problems().getFirst()).contains("not a database");
  }

  @Test
  void aMissingFileIsReported() {
    IntegrityReport report = SqliteKvStore.checkIntegrity(dir.resolve("nope.db"));

    assertThat(report.problems()).containsExactly("data file " + dir.resolve("nope.db") + " does not exist");
  }

  // ---------------------------------------------------------------------------------------------
  // compaction

  @Test
  void compactionInSmallChunksRemovesExactlyTheObsoleteRows() throws Exception {
    SqliteKvStore.Options options = SqliteKvStore.Options.defaults().withCompactionChunkRevisions(7);
    long last;
    try (SqliteKvStore store = SqliteKvStore.open(file(), options)) {
      last = writeHistory(store, 60);
      List<String> liveBefore = store.range("", "\0", 0, 0).kvs().stream().map(kv -> kv.key() + "=" + new String(kv.value(), UTF_8) + "@" + kv.modRevision()).toList();
      // Writes submitted together with the compaction interleave with its chunks.
      CompletableFuture<Long> compaction = store.compact(last);
      List<CompletableFuture<WriteResult>> writes = new ArrayList<>();
      for (int i = 0; i < 50; i++) {
        writes.add(store.create("/during/" + i, bytes("x")));
      }
      assertThat(compaction.get(30, TimeUnit.SECONDS)).isEqualTo(last);
      for (CompletableFuture<WriteResult> write : writes) {
        assertThat(join(write).succeeded()).isTrue();
      }
      List<String> liveAfter = store.range("/h/", "/h0", 0, 0).kvs().stream().map(kv -> kv.key() + "=" + new String(kv.value(), UTF_8) + "@" + kv.modRevision()).toList();
      assertThat(liveAfter).isEqualTo(liveBefore);
      assertThat(store.checkIntegrity().problems()).isEmpty();
    }
    // Exactly one row per live key below the compact revision remains; nothing else.
    assertThat(count("SELECT COUNT(*) FROM log WHERE rev <= " + last))
        .isEqualTo(count("SELECT COUNT(*) FROM current c WHERE c.rev <= " + last));
    assertThat(count("SELECT COUNT(*) FROM log WHERE deleted = 1 AND rev <= " + last)).isZero();
    assertThat(count("SELECT value FROM meta WHERE name = 'compacted_through'")).isEqualTo(last);
  }

  @Test
  void theCompactRevisionSurvivesARestart() throws Exception {
    long last;
    try (SqliteKvStore store = SqliteKvStore.open(file())) {
      last = writeHistory(store, 5);
      store.compact(last - 3).get(30, TimeUnit.SECONDS);
    }
    try (SqliteKvStore store = SqliteKvStore.open(file())) {
      assertThat(store.compactRevision()).isEqualTo(last - 3);
      assertThat(store.currentRevision()).isEqualTo(last);
      assertThatThrownBy(() -> store.range("/h/", "/h0", last - 4, 0))
          .isInstanceOfSatisfying(StoreException.class, e -> assertThat(e.code()).isEqualTo(StoreException.Code.COMPACTED));
    }
  }

  @Test
  void anInterruptedCompactionResumesOnOpen() throws Exception {
    long last;
    try (SqliteKvStore store = SqliteKvStore.open(file())) {
      last = writeHistory(store, 20);
    }
    long rowsBefore = count("SELECT COUNT(*) FROM log");
    // As if the process died right after the first chunk recorded the target.
    tamper("UPDATE meta SET value = " + last + " WHERE name = 'compact_revision'");

    try (SqliteKvStore store = SqliteKvStore.open(file())) {
      assertThat(store.compactRevision()).isEqualTo(last);
      await().atMost(Duration.ofSeconds(30)).until(() -> store.checkIntegrity().rows() < rowsBefore);
      await().atMost(Duration.ofSeconds(30))
          .until(() -> store.checkIntegrity().rows() == store.checkIntegrity().liveKeys());
      assertThat(store.checkIntegrity().problems()).isEmpty();
    }
  }

  // ---------------------------------------------------------------------------------------------
  // watches, files, options

  @Test
  void aCatchingUpWatchWhoseBufferOverflowsRereadsTheLog() throws Exception {
    SqliteKvStore.Options options = SqliteKvStore.Options.defaults().withWatchBufferLimit(3);
    try (SqliteKvStore store = SqliteKvStore.open(file(), options)) {
      // Enough history that replay takes several pages while writers keep going.
      List<CompletableFuture<WriteResult>> history = new ArrayList<>();
      for (int i = 0; i < 3000; i++) {
        history.add(store.create("/o/" + i, bytes("v")));
      }
      for (CompletableFuture<WriteResult> f : history) {
        join(f);
      }
      List<CompletableFuture<WriteResult>> live = new ArrayList<>();
      RecordingListener listener = new RecordingListener();
      Thread writer = Thread.ofPlatform().start(() -> {
        for (int i = 0; i < 500; i++) {
          live.add(store.create("/o/live/" + i, bytes("v")));
          if (i % 10 == 0) {
            try {
              Thread.sleep(1);
            } catch (InterruptedException e) {
              return;
            }
          }
        }
      });
      store.watch("/o/", 0, listener);
      writer.join();
      long last = 0;
      for (CompletableFuture<WriteResult> f : live) {
        last = Math.max(last, join(f).revision());
      }
      List<WatchEvent> events = listener.awaitEvents(3500);
      List<Long> revisions = events.stream().map(WatchEvent::revision).toList();
      assertThat(revisions).hasSize(3500).doesNotHaveDuplicates().isSorted();
      assertThat(revisions.getFirst()).isEqualTo(1);
      assertThat(revisions.getLast()).isEqualTo(last);
    }
  }

  @Test
  void aDataFileCanBeOpenedByOneStoreAtATime() {
    try (SqliteKvStore first = SqliteKvStore.open(file())) {
      assertThatThrownBy(() -> SqliteKvStore.open(file()))
          .isInstanceOfSatisfying(StoreException.class, e -> {
            assertThat(e.code()).isEqualTo(StoreException.Code.UNAVAILABLE);
            assertThat(e.getMessage()).contains("already open");
          });
      assertThat(first.currentRevision()).isZero();
    }
    // Released on close.
    SqliteKvStore.open(file()).close();
  }

  @Test
  void openCreatesParentDirectories() {
    Path nested = dir.resolve("a/b/c/store.db");
    try (SqliteKvStore store = SqliteKvStore.open(nested)) {
      assertThat(store.file()).isEqualTo(nested.toAbsolutePath());
    }
    assertThat(nested).isRegularFile();
  }

  @Test
  void aFileWithAnUnknownSchemaVersionIsRefused() throws Exception {
    SqliteKvStore.open(file()).close();
    tamper("UPDATE meta SET value = 2 WHERE name = 'schema_version'");

    assertThatThrownBy(() -> SqliteKvStore.open(file()))
        .isInstanceOfSatisfying(StoreException.class, e -> {
          assertThat(e.code()).isEqualTo(StoreException.Code.CORRUPT);
          assertThat(e.getMessage()).contains("schema version 2");
        });
  }

  @Test
  void invalidOptionsAreRejected() {
    assertThatThrownBy(() -> new SqliteKvStore.Options(0, 1, 1, 1, 1)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> SqliteKvStore.Options.defaults().withCompactionChunkRevisions(0))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
