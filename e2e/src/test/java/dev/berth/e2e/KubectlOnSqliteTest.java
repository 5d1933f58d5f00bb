package dev.berth.e2e;

import dev.berth.store.KvStore;
import dev.berth.store.KvStores;
import java.nio.file.Files;
import java.time.Clock;

/** kubectl compatibility on the embedded SQLite store (the default). */
class KubectlOnSqliteTest extends KubectlCompatibilityTest {
  @Override
  KvStore newStore() throws Exception {
    return KvStores.open("sqlite://" + Files.createTempDirectory("berth-sqlite")
        .resolve("state.db"), Clock.systemUTC());
  }
}
