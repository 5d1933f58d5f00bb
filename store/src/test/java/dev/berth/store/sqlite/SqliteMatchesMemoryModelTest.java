package dev.berth.store.sqlite;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.store.KeyValue;
import dev.berth.store.KvStore;
import dev.berth.store.RangeResult;
import dev.berth.store.WriteResult;
import dev.berth.store.memory.MemoryKvStore;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Model-based check: the same random history applied to the SQLite store and to the memory store
 * (the model) gives the same write outcomes, and the same range answers at every retained revision,
 * for random key ranges and limits, before and after compactions.
 */
class SqliteMatchesMemoryModelTest {

  @TempDir
  Path dir;

  private record Answer(List<String> kvs, long revision, boolean more) {
    static Answer of(RangeResult r) {
      return new Answer(r.kvs().stream().map(SqliteMatchesMemoryModelTest::describe).toList(), r.revision(), r.more());
    }
  }

  private static String describe(KeyValue kv) {
    return kv == null ? "null" : kv.key() + "=" + new String(kv.value(), UTF_8) + "/c" + kv.createRevision() + "/m"
        + kv.modRevision() + "/v" + kv.version();
  }

  private static String describe(WriteResult r) {
    return r.status() + "@" + r.revision() + ":" + describe(r.kv());
  }

  @ParameterizedTest(name = "seed {0}")
  @ValueSource(longs = {1, 2, 3, 42})
  void randomHistoriesReadTheSameAtEveryRevision(long seed) throws Exception {
    Random random = new Random(seed);
    String[] keys = new String[24];
    for (int i = 0; i < keys.length; i++) {
      keys[i] = "/m/" + (char) ('a' + i % 6) + "/" + i;
    }
    try (KvStore model = new MemoryKvStore();
        KvStore sqlite = SqliteKvStore.open(dir.resolve("model-" + seed + ".db"),
            SqliteKvStore.Options.defaults().withCompactionChunkRevisions(5))) {
      for (int step = 0; step < 500; step++) {
        String key = keys[random.nextInt(keys.length)];
        String value = "v" + step;
        long expected = switch (random.nextInt(3)) {
          case 0 -> 0;
          case 1 -> model.get(key).map(KeyValue::modRevision).orElse(5L);
          default -> random.nextInt(Math.max(1, (int) model.currentRevision() + 1));
        };
        int op = random.nextInt(10);
        WriteResult a;
        WriteResult b;
        if (op < 4) {
          a = model.create(key, value.getBytes(UTF_8)).get(10, TimeUnit.SECONDS);
          b = sqlite.create(key, value.getBytes(UTF_8)).get(10, TimeUnit.SECONDS);
        } else if (op < 8) {
          a = model.update(key, value.getBytes(UTF_8), expected).get(10, TimeUnit.SECONDS);
          b = sqlite.update(key, value.getBytes(UTF_8), expected).get(10, TimeUnit.SECONDS);
        } else {
          a = model.delete(key, expected).get(10, TimeUnit.SECONDS);
          b = sqlite.delete(key, expected).get(10, TimeUnit.SECONDS);
        }
        assertThat(describe(b)).as("step %s", step).isEqualTo(describe(a));
        if (step % 125 == 124) {
          long target = model.currentRevision() - random.nextInt(60);
          assertThat(sqlite.compact(target).get(10, TimeUnit.SECONDS))
              .isEqualTo(model.compact(target).get(10, TimeUnit.SECONDS));
        }
        if (step % 50 == 49) {
          compareRanges(model, sqlite, random, keys);
        }
      }
      assertThat(((SqliteKvStore) sqlite).checkIntegrity().problems()).isEmpty();
    }
  }

  private static void compareRanges(KvStore model, KvStore sqlite, Random random, String[] keys) {
    assertThat(sqlite.currentRevision()).isEqualTo(model.currentRevision());
    assertThat(sqlite.compactRevision()).isEqualTo(model.compactRevision());
    for (long rev = Math.max(1, model.compactRevision()); rev <= model.currentRevision(); rev++) {
      String from = keys[random.nextInt(keys.length)].substring(0, 3 + random.nextInt(4));
      String to = random.nextInt(4) == 0 ? "\0" : KvStore.prefixEnd(from);
      int limit = random.nextInt(3) == 0 ? 0 : 1 + random.nextInt(8);
      assertThat(Answer.of(sqlite.range(from, to, rev, limit)))
          .as("range [%s, %s) at %s limit %s", from, to, rev, limit)
          .isEqualTo(Answer.of(model.range(from, to, rev, limit)));
      assertThat(Answer.of(sqlite.range("/m/", "/m0", rev, 0))).isEqualTo(Answer.of(model.range("/m/", "/m0", rev, 0)));
    }
  }
}
