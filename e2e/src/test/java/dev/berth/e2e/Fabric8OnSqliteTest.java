package dev.berth.e2e;

import dev.berth.store.KvStore;
import dev.berth.store.KvStores;
import java.nio.file.Files;
import java.time.Clock;

/** fabric8 compatibility on the embedded SQLite store. */
class Fabric8OnSqliteTest extends Fabric8CompatibilityTest {
  @Override
  KvStore newStore() throws Exception {
    return KvStores.open("sqlite://" + Files.createTempDirectory("berth-sqlite")
        .resolve("state.db"), Clock.systemUTC());
  }
}
