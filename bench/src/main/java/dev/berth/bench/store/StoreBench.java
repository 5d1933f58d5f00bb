package dev.berth.bench.store;

import dev.berth.store.KvStore;
import dev.berth.store.WriteResult;
import dev.berth.store.etcd.EtcdKvStore;
import dev.berth.store.sqlite.SqliteKvStore;
import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.Client;
import io.etcd.jetcd.KV;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Durable write throughput of the store backends, in one run:
 *
 * <ul>
 *   <li>{@code sqlite-16}, {@code sqlite-64}: {@link SqliteKvStore#create} of 2 KB values by 16 / 64
 *       concurrent closed-loop writers (each waits for its write to be durable before the next);
 *   <li>{@code etcd-put-16}: the baseline — a real etcd (started from {@code /usr/bin/etcd} on
 *       loopback, fsync on) driven through jetcd with raw puts by 16 concurrent clients;
 *   <li>{@code etcd-store-16}: {@link EtcdKvStore#create} (a compare-and-put txn) by 16 clients;
 *   <li>{@code sqlite-reads}: point-get and prefix-range latency with 150,000 live keys, and the
 *       time to reopen such a store;
 *   <li>{@code sqlite-compact-16}: 16 writers while a compaction of 300,000 superseded 2 KB versions
 *       runs: write latency during compaction and the compaction's duration.
 * </ul>
 *
 * <p>Usage: {@code StoreBench [--duration SECONDS] [--warmup SECONDS] [--dir PATH] [--etcd BINARY]
 * [--cases sqlite-16,sqlite-64,etcd-put-16,etcd-store-16,sqlite-reads]}. Every case uses a fresh
 * data directory under {@code --dir} (default: a temporary directory, deleted afterwards).
 */
public final class StoreBench {

  private static final int VALUE_BYTES = 2048;
  private static final List<String> ALL_CASES =
      List.of("sqlite-16", "sqlite-64", "etcd-put-16", "etcd-store-16", "sqlite-reads", "sqlite-compact-16");

  private final Duration duration;
  private final Duration warmup;
  private final Path dir;
  private final Path etcdBinary;
  private final byte[] value = new byte[VALUE_BYTES];

  private StoreBench(Duration duration, Duration warmup, Path dir, Path etcdBinary) {
    this.duration = duration;
    this.warmup = warmup;
    this.dir = dir;
    this.etcdBinary = etcdBinary;
    new SplittableRandom(7).nextBytes(value);
  }

  public static void main(String[] args) throws Exception {
    Duration duration = Duration.ofSeconds(20);
    Duration warmup = Duration.ofSeconds(3);
    Path dir = null;
    Path etcd = Path.of("/usr/bin/etcd");
    List<String> cases = ALL_CASES;
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      String next = i + 1 < args.length ? args[i + 1] : null;
      switch (arg) {
        case "--duration" -> duration = Duration.ofSeconds(Long.parseLong(required(arg, next)));
        case "--warmup" -> warmup = Duration.ofSeconds(Long.parseLong(required(arg, next)));
        case "--dir" -> dir = Path.of(required(arg, next));
        case "--etcd" -> etcd = Path.of(required(arg, next));
        case "--cases" -> cases = List.of(required(arg, next).split(","));
        default -> {
          System.err.println("unknown argument " + arg + "\nusage: StoreBench [--duration S] [--warmup S] [--dir PATH]"
              + " [--etcd BINARY] [--cases " + String.join(",", ALL_CASES) + "]");
          System.exit(2);
        }
      }
      i++;
    }
    for (String c : cases) {
      if (!ALL_CASES.contains(c)) {
        throw new IllegalArgumentException("unknown case " + c + "; known: " + ALL_CASES);
      }
    }
    boolean temporary = dir == null;
    Path root = temporary ? Files.createTempDirectory("berth-store-bench-") : Files.createDirectories(dir);
    try {
      new StoreBench(duration, warmup, root, etcd).run(cases);
    } finally {
      if (temporary) {
        deleteRecursively(root);
      }
    }
  }

  private static String required(String flag, String value) {
    if (value == null) {
      throw new IllegalArgumentException(flag + " needs a value");
    }
    return value;
  }

  private void run(List<String> cases) throws Exception {
    System.out.printf(Locale.ROOT, "# StoreBench %s  JDK %s  %d cores  value %d B  warmup %ds  measure %ds  dir %s%n",
        Instant.now(), Runtime.version(), Runtime.getRuntime().availableProcessors(), VALUE_BYTES,
        warmup.toSeconds(), duration.toSeconds(), dir);
    System.out.printf(Locale.ROOT, "%-50s %8s %10s %10s %9s %9s %9s%n",
        "case", "clients", "ops", "ops/s", "p50 ms", "p99 ms", "max ms");
    for (String c : cases) {
      switch (c) {
        case "sqlite-16" -> sqliteCreates(16);
        case "sqlite-64" -> sqliteCreates(64);
        case "etcd-put-16" -> etcdRawPuts(16);
        case "etcd-store-16" -> etcdStoreCreates(16);
        case "sqlite-reads" -> sqliteReads(150_000);
        case "sqlite-compact-16" -> sqliteCompaction(16, 20_000, 15);
        default -> throw new IllegalStateException(c);
      }
    }
  }

  // -----------------------------------------------------------------------------------------------
  // cases

  private void sqliteCreates(int writers) throws Exception {
    Path file = dir.resolve("sqlite-" + writers + "/store.db");
    try (SqliteKvStore store = SqliteKvStore.open(file)) {
      Result result = closedLoop(writers, (writer, i) -> {
        WriteResult r = store.create("/bench/" + writer + "/" + i, value).get(60, TimeUnit.SECONDS);
        if (!r.succeeded()) {
          throw new IllegalStateException("create failed: " + r.status());
        }
      });
      report("sqlite create 2KB (SqliteKvStore, group commit)", writers, result);
    }
  }

  private void etcdRawPuts(int clients) throws Exception {
    try (LocalEtcd etcd = LocalEtcd.start(etcdBinary, dir.resolve("etcd-put"));
        Client client = Client.builder().endpoints(etcd.clientUri()).build()) {
      KV kv = client.getKVClient();
      ByteSequence bytes = ByteSequence.from(value);
      Result result = closedLoop(clients, (writer, i) ->
          kv.put(ByteSequence.from("/bench/" + writer + "/" + i, StandardCharsets.UTF_8), bytes).get(60, TimeUnit.SECONDS));
      report("etcd raw put 2KB (jetcd, 1 connection)", clients, result);
    }
  }

  private void etcdStoreCreates(int clients) throws Exception {
    try (LocalEtcd etcd = LocalEtcd.start(etcdBinary, dir.resolve("etcd-store"));
        EtcdKvStore store = EtcdKvStore.connect(List.of(etcd.clientUri()), EtcdKvStore.Options.defaults())) {
      Result result = closedLoop(clients, (writer, i) -> {
        WriteResult r = store.create("/bench/" + writer + "/" + i, value).get(60, TimeUnit.SECONDS);
        if (!r.succeeded()) {
          throw new IllegalStateException("create failed: " + r.status());
        }
      });
      report("etcd create 2KB (EtcdKvStore, txn)", clients, result);
    }
  }

  private void sqliteReads(int keys) throws Exception {
    Path file = dir.resolve("sqlite-reads/store.db");
    int namespaces = 100;
    int perNamespace = keys / namespaces;
    long loadStart = System.nanoTime();
    try (SqliteKvStore store = SqliteKvStore.open(file)) {
      List<java.util.concurrent.CompletableFuture<WriteResult>> pending = new ArrayList<>();
      for (int n = 0; n < namespaces; n++) {
        for (int p = 0; p < perNamespace; p++) {
          pending.add(store.create(podKey(n, p), value));
          if (pending.size() == 4096) {
            for (var f : pending) {
              f.get(60, TimeUnit.SECONDS);
            }
            pending.clear();
          }
        }
      }
      for (var f : pending) {
        f.get(60, TimeUnit.SECONDS);
      }
    }
    double loadSeconds = (System.nanoTime() - loadStart) / 1e9;
    System.out.printf(Locale.ROOT, "%-50s %8s %10d %10.0f%n", "sqlite load of " + keys + " keys (pipelined)", "-",
        keys, keys / loadSeconds);

    long openStart = System.nanoTime();
    try (SqliteKvStore store = SqliteKvStore.open(file)) {
      System.out.printf(Locale.ROOT, "%-50s %8s %10s %10s %9.1f%n", "sqlite reopen with " + keys + " live keys", "-", "-",
          "-", (System.nanoTime() - openStart) / 1e6);
      Result gets = closedLoop(4, (reader, i) -> {
        int n = java.util.concurrent.ThreadLocalRandom.current().nextInt(namespaces);
        String key = podKey(n, (int) (i % perNamespace));
        if (store.get(key).isEmpty()) {
          throw new IllegalStateException("missing " + key);
        }
      }, Duration.ofSeconds(Math.max(2, duration.toSeconds() / 4)));
      report("sqlite get, 150k live keys", 4, gets);
      Result ranges = closedLoop(4, (reader, i) -> {
        String prefix = "/registry/pods/ns-" + (i % namespaces) + "/";
        int size = store.range(prefix, KvStore.prefixEnd(prefix), 0, 0).kvs().size();
        if (size != perNamespace) {
          throw new IllegalStateException("range of " + prefix + " returned " + size);
        }
      }, Duration.ofSeconds(Math.max(2, duration.toSeconds() / 4)));
      report("sqlite range of a 1500-key prefix, 150k keys", 4, ranges);
      Result pages = closedLoop(4, (reader, i) -> {
        if (store.range("/registry/pods/", KvStore.prefixEnd("/registry/pods/"), 0, 500).kvs().size() != 500) {
          throw new IllegalStateException("short page");
        }
      }, Duration.ofSeconds(Math.max(2, duration.toSeconds() / 4)));
      report("sqlite range limit 500 of 150k keys", 4, pages);
    }
  }

  private void sqliteCompaction(int writers, int keys, int versionsPerKey) throws Exception {
    Path file = dir.resolve("sqlite-compact/store.db");
    try (SqliteKvStore store = SqliteKvStore.open(file)) {
      long[] revs = new long[keys];
      List<java.util.concurrent.CompletableFuture<WriteResult>> pending = new ArrayList<>();
      for (int k = 0; k < keys; k++) {
        pending.add(store.create("/history/" + k, value));
      }
      for (int k = 0; k < keys; k++) {
        revs[k] = pending.get(k).get(60, TimeUnit.SECONDS).revision();
      }
      for (int v = 1; v < versionsPerKey; v++) {
        pending.clear();
        for (int k = 0; k < keys; k++) {
          pending.add(store.update("/history/" + k, value, revs[k]));
        }
        for (int k = 0; k < keys; k++) {
          revs[k] = pending.get(k).get(60, TimeUnit.SECONDS).revision();
        }
      }
      long target = store.currentRevision();
      long obsolete = (long) keys * (versionsPerKey - 1);
      long[] compactionNanos = new long[1];
      Thread compactor = Thread.ofPlatform().unstarted(() -> {
        try {
          long t0 = System.nanoTime();
          store.compact(target).get(10, TimeUnit.MINUTES);
          compactionNanos[0] = System.nanoTime() - t0;
        } catch (Exception e) {
          System.err.println("compaction failed: " + e);
        }
      });
      Thread starter = Thread.ofPlatform().start(() -> {
        try {
          Thread.sleep(warmup.toMillis());
          compactor.start();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      });
      Result result = closedLoop(writers, (writer, i) -> {
        WriteResult r = store.create("/during/" + writer + "/" + i, value).get(60, TimeUnit.SECONDS);
        if (!r.succeeded()) {
          throw new IllegalStateException("create failed: " + r.status());
        }
      });
      starter.join();
      compactor.join();
      report("sqlite create 2KB during compaction", writers, result);
      System.out.printf(Locale.ROOT, "%-50s %8s %10d %10.0f %9s %9s %9.1f%n",
          "  compaction of " + obsolete + " old versions", "-", obsolete, obsolete / (compactionNanos[0] / 1e9), "-", "-",
          compactionNanos[0] / 1e6);
    }
  }

  private static String podKey(int namespace, int pod) {
    return "/registry/pods/ns-" + namespace + "/pod-" + pod;
  }

  // -----------------------------------------------------------------------------------------------
  // closed-loop driver

  @FunctionalInterface
  private interface Operation {
    void run(int worker, long iteration) throws Exception;
  }

  private record Result(long ops, double seconds, long[] latenciesNanos, long errors) {}

  private Result closedLoop(int workers, Operation operation) throws InterruptedException {
    return closedLoop(workers, operation, duration);
  }

  /**
   * Runs {@code workers} threads that each repeat {@code operation} back to back; counts the
   * operations that start and end inside the measurement window after the warm-up.
   */
  private Result closedLoop(int workers, Operation operation, Duration measure) throws InterruptedException {
    long start = System.nanoTime();
    long measureFrom = start + warmup.toNanos();
    long measureTo = measureFrom + measure.toNanos();
    long[][] latencies = new long[workers][];
    long[] counts = new long[workers];
    long[] errors = new long[workers];
    CountDownLatch done = new CountDownLatch(workers);
    for (int w = 0; w < workers; w++) {
      int worker = w;
      Thread.ofPlatform().name("bench-" + w).daemon(true).start(() -> {
        long[] mine = new long[1 << 14];
        int n = 0;
        long i = 0;
        try {
          while (true) {
            long t0 = System.nanoTime();
            if (t0 >= measureTo) {
              break;
            }
            try {
              operation.run(worker, i++);
            } catch (Exception e) {
              if (errors[worker]++ == 0) {
                System.err.println("worker " + worker + ": " + e);
              }
              continue;
            }
            long t1 = System.nanoTime();
            if (t0 >= measureFrom && t1 <= measureTo) {
              if (n == mine.length) {
                mine = Arrays.copyOf(mine, n * 2);
              }
              mine[n++] = t1 - t0;
            }
          }
        } finally {
          latencies[worker] = Arrays.copyOf(mine, n);
          counts[worker] = n;
          done.countDown();
        }
      });
    }
    done.await();
    long total = Arrays.stream(counts).sum();
    long[] all = new long[(int) total];
    int at = 0;
    for (long[] l : latencies) {
      System.arraycopy(l, 0, all, at, l.length);
      at += l.length;
    }
    Arrays.sort(all);
    return new Result(total, measure.toNanos() / 1e9, all, Arrays.stream(errors).sum());
  }

  private static void report(String name, int clients, Result r) {
    long[] l = r.latenciesNanos();
    System.out.printf(Locale.ROOT, "%-50s %8d %10d %10.0f %9.2f %9.2f %9.2f%s%n", name, clients, r.ops(),
        r.ops() / r.seconds(), percentile(l, 0.50), percentile(l, 0.99), l.length == 0 ? 0 : l[l.length - 1] / 1e6,
        r.errors() == 0 ? "" : "  (" + r.errors() + " errors)");
  }

  private static double percentile(long[] sorted, double p) {
    if (sorted.length == 0) {
      return 0;
    }
    int index = (int) Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1);
    return sorted[Math.max(0, index)] / 1e6;
  }

  private static void deleteRecursively(Path root) throws IOException {
    try (Stream<Path> files = Files.walk(root)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }

  // -----------------------------------------------------------------------------------------------

  /** A single-member etcd on loopback (fsync on), as the store tests' EtcdProcess helper starts it. */
  private static final class LocalEtcd implements AutoCloseable {
    private final Process process;
    private final int clientPort;

    private LocalEtcd(Process process, int clientPort) {
      this.process = process;
      this.clientPort = clientPort;
    }

    static LocalEtcd start(Path binary, Path dataDir) throws IOException, InterruptedException {
      if (!Files.isExecutable(binary)) {
        throw new IllegalStateException("etcd binary not found at " + binary
            + ": apt-get install -y etcd-server, or pass --etcd PATH");
      }
      Files.createDirectories(dataDir);
      int clientPort = freePort();
      int peerPort = freePort();
      String client = "http://127.0.0.1:" + clientPort;
      String peer = "http://127.0.0.1:" + peerPort;
      Process process = new ProcessBuilder(binary.toString(), "--name", "n1",
          "--data-dir", dataDir.resolve("data").toString(),
          "--listen-client-urls", client, "--advertise-client-urls", client,
          "--listen-peer-urls", peer, "--initial-advertise-peer-urls", peer,
          "--initial-cluster", "n1=" + peer, "--log-level", "warn")
          .redirectErrorStream(true)
          .redirectOutput(dataDir.resolve("etcd.log").toFile())
          .start();
      LocalEtcd etcd = new LocalEtcd(process, clientPort);
      HttpClient http = HttpClient.newHttpClient();
      HttpRequest health = HttpRequest.newBuilder(URI.create(client + "/health")).timeout(Duration.ofSeconds(2)).build();
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      while (System.nanoTime() < deadline) {
        if (!process.isAlive()) {
          throw new IOException("etcd exited during startup; see " + dataDir.resolve("etcd.log"));
        }
        try {
          HttpResponse<String> response = http.send(health, HttpResponse.BodyHandlers.ofString());
          if (response.statusCode() == 200 && response.body().contains("\"health\":\"true\"")) {
            return etcd;
          }
        } catch (IOException e) {
          // not up yet
        }
        Thread.sleep(50);
      }
      etcd.close();
      throw new IOException("etcd did not become healthy in 30 s; see " + dataDir.resolve("etcd.log"));
    }

    private static int freePort() throws IOException {
      try (ServerSocket socket = new ServerSocket(0)) {
        return socket.getLocalPort();
      }
    }

    URI clientUri() {
      return URI.create("http://127.0.0.1:" + clientPort);
    }

    @Override
    public void close() {
      process.destroy();
      try {
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
          process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
      } catch (InterruptedException e) {
        process.destroyForcibly();
        Thread.currentThread().interrupt();
      }
    }
  }
}
