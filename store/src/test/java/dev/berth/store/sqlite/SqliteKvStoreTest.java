package dev.berth.store.sqlite;

import dev.berth.store.KvStore;
import dev.berth.store.KvStoreConformanceTest;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

class SqliteKvStoreTest extends KvStoreConformanceTest {

  @TempDir
  Path dir;

  @Override
  protected KvStore newStore() {
    return SqliteKvStore.open(dir.resolve("store.db"));
  }

  @Override
  protected boolean supportsReopen() {
    return true;
  }

  @Override
  protected KvStore reopen(KvStore store) {
    store.close();
    return SqliteKvStore.open(dir.resolve("store.db"));
  }
}
