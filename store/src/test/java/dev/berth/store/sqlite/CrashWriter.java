package dev.berth.store.sqlite;

import dev.berth.store.WriteResult;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;

/**
 * Child process for the kill -9 test: writes as fast as it can with several concurrent writers and
 * prints "ACK key revision" for every write whose future completed, until it is killed.
 */
public final class CrashWriter {

  private CrashWriter() {}

  public static void main(String[] args) throws Exception {
    Path file = Path.of(args[0]);
    int writers = Integer.parseInt(args[1]);
    PrintStream out = new PrintStream(System.out, false, StandardCharsets.UTF_8);
    SqliteKvStore store = SqliteKvStore.open(file);
    out.println("READY " + store.currentRevision());
    out.flush();
    byte[] value = new byte[2048];
    Thread[] threads = new Thread[writers];
    for (int w = 0; w < writers; w++) {
      int writer = w;
      threads[w] = Thread.ofPlatform().start(() -> {
        for (long i = 0; ; i++) {
          String key = "/crash/" + writer + "/" + i;
          CompletableFuture<WriteResult> future = store.create(key, value);
          WriteResult result = future.join();
          synchronized (out) {
            out.println("ACK " + key + " " + result.revision());
            out.flush();
          }
        }
      });
    }
    for (Thread t : threads) {
      t.join();
    }
  }
}
