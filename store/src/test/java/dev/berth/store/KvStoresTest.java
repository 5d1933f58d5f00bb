package dev.berth.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.store.memory.MemoryKvStore;
import dev.berth.store.sqlite.SqliteKvStore;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class KvStoresTest {

  @TempDir
  Path dir;

  @Test
  void memoryUrlOpensAnEmptyMemoryStore() {
    try (KvStore store = KvStores.open("memory://", Clock.systemUTC())) {
      assertThat(store).isInstanceOf(MemoryKvStore.class);
      assertThat(store.currentRevision()).isZero();
    }
  }

  @Test
  void absoluteSqliteUrlCreatesTheFileAndItsParents() {
    Path file = dir.resolve("x/y/berth.db");
    try (KvStore store = KvStores.open("sqlite://" + file, Clock.systemUTC())) {
      assertThat(store).isInstanceOf(SqliteKvStore.class);
      assertThat(((SqliteKvStore) store).file()).isEqualTo(file);
    }
    assertThat(file).isRegularFile();
  }

  @Test
  void sqliteUrlWithoutLeadingSlashIsRelative() {
    assertThat(KvStores.sqlitePath("sqlite://rel/file.db", "rel/file.db")).isEqualTo(Path.of("rel/file.db"));
    assertThat(KvStores.sqlitePath("sqlite:///abs/file.db", "/abs/file.db")).isEqualTo(Path.of("/abs/file.db"));
    assertThat(Path.of("rel/file.db").isAbsolute()).isFalse();
  }

  @Test
  void etcdUrlListsEveryEndpoint() {
    assertThat(KvStores.etcdEndpoints("etcd://h1:2379,10.0.0.2:2380,[::1]:2381", "h1:2379,10.0.0.2:2380,[::1]:2381"))
        .containsExactly(URI.create("http://h1:2379"), URI.create("http://10.0.0.2:2380"), URI.create("http://[::1]:2381"));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', nullValues = "NULL", textBlock = """
      NULL                         | store URL is empty
      ''                           | store URL is empty
      /var/lib/berth.db            | has no scheme
      sqlite:/x.db                 | has no scheme
      postgres://localhost/berth   | unsupported scheme 'postgres'
      sqlite://                    | names no database file
      sqlite:///var/lib/           | names a directory
      sqlite:///x.db?mode=ro       | takes no query
      etcd://                      | names no etcd endpoint
      etcd://localhost             | must be HOST:PORT
      etcd://localhost:            | must be HOST:PORT
      etcd://:2379                 | must be HOST:PORT
      etcd://localhost:http        | non-numeric port 'http'
      etcd://localhost:70000       | port 70000 outside 1-65535
      etcd://localhost:0           | port 0 outside 1-65535
      etcd://h1:2379,,h2:2379      | empty etcd endpoint
      etcd://h1:2379,              | empty etcd endpoint
      etcd://user@h1:2379          | invalid host 'user@h1'
      memory://something           | memory:// takes no path or host
      """)
  void malformedUrlsAreRejectedWithTheProblemNamed(String url, String problem) {
    assertThatThrownBy(() -> KvStores.open(url, Clock.systemUTC()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(problem);
  }

  @Test
  void theUsageIsPartOfTheMessageForAnUnknownScheme() {
    assertThatThrownBy(() -> KvStores.open("redis://x:1", Clock.systemUTC()))
        .hasMessageContainingAll("sqlite://PATH", "etcd://HOST:PORT", "memory://");
  }

  @Test
  void keysOrderByUtf8Bytes() {
    List<String> sorted = new java.util.ArrayList<>(List.of("\ufffd", "\ud83d\ude00", "a", "ab", "", "\u00e9"));
    sorted.sort(Keys.UTF8_ORDER);
    assertThat(sorted).containsExactly("", "a", "ab", "\u00e9", "\ufffd", "\ud83d\ude00");
    assertThat(Keys.inRange("b", "a", "c")).isTrue();
    assertThat(Keys.inRange("c", "a", "c")).isFalse();
    assertThat(Keys.inRange("zzz", "a", Keys.UNBOUNDED_END)).isTrue();
    assertThat(KvStore.prefixEnd("/a/")).isEqualTo("/a0");
    assertThat(KvStore.prefixEnd("")).isEqualTo(Keys.UNBOUNDED_END);
  }
}
