package dev.berth.store.sqlite;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.store.KeyValue;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A write whose future completed survives SIGKILL of the JVM that made it. */
class SqliteDurabilityTest {

  @TempDir
  Path dir;

  @Test
  void acknowledgedWritesSurviveKillMinus9() throws Exception {
    Path file = dir.resolve("crash.db");
    String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    String java = ProcessHandle.current().info().command().orElse("java");
    Process child = new ProcessBuilder(java, "--enable-native-access=ALL-UNNAMED", "-cp", classpath,
        CrashWriter.class.getName(), file.toString(), "16")
        .redirectError(ProcessBuilder.Redirect.DISCARD)
        .start();
    Map<String, Long> acknowledged = new LinkedHashMap<>();
    try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
      assertThat(out.readLine()).startsWith("READY");
      String line;
      while ((line = out.readLine()) != null) {
        String[] parts = line.split(" ");
        acknowledged.put(parts[1], Long.parseLong(parts[2]));
        if (acknowledged.size() == 3000) {
          // SIGKILL, no shutdown hooks, no close(). Through the handle, because Process.destroy*
          // would also close our end of the pipe, losing acknowledgements still in it.
          child.toHandle().destroyForcibly();
        }
      }
      // Lines printed before the kill are still read: each was printed after its write completed.
    } finally {
      child.destroyForcibly();
      child.waitFor(30, TimeUnit.SECONDS);
    }
    assertThat(child.exitValue()).isEqualTo(137);
    assertThat(acknowledged).hasSizeGreaterThanOrEqualTo(3000);

    assertThat(SqliteKvStore.checkIntegrity(file).problems()).isEmpty();
    try (SqliteKvStore store = SqliteKvStore.open(file)) {
      List<String> lost = new ArrayList<>();
      for (Map.Entry<String, Long> ack : acknowledged.entrySet()) {
        KeyValue kv = store.get(ack.getKey()).orElse(null);
        if (kv == null || kv.modRevision() != ack.getValue()) {
          lost.add(ack.getKey() + "@" + ack.getValue() + " -> " + kv);
        }
      }
      assertThat(lost).as("acknowledged writes missing after kill -9").isEmpty();
      long maxAcked = acknowledged.values().stream().mapToLong(Long::longValue).max().orElseThrow();
      assertThat(store.currentRevision()).isGreaterThanOrEqualTo(maxAcked);
      assertThat(store.checkIntegrity().ok()).isTrue();
    }
  }
}
