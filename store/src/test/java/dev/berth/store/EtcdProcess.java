package dev.berth.store;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real single-member etcd on loopback for tests: free ports, a temporary data directory, waits
 * until {@code /health} answers, killed and cleaned up on close.
 *
 * <p>The binary is {@code /usr/bin/etcd} (Debian package {@code etcd-server}) unless the system
 * property {@code berth.etcd.binary} or the environment variable {@code ETCD_BINARY} names another.
 * A missing binary is an error, not a reason to skip: CI installs it.
 */
public final class EtcdProcess implements AutoCloseable {

  private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(30);

  private final Process process;
  private final Path dataDir;
  private final Path logFile;
  private final int clientPort;

  private EtcdProcess(Process process, Path dataDir, Path logFile, int clientPort) {
    this.process = process;
    this.dataDir = dataDir;
    this.logFile = logFile;
    this.clientPort = clientPort;
  }

  /** The etcd binary this helper runs. */
  public static Path binary() {
    String configured = System.getProperty("berth.etcd.binary", System.getenv("ETCD_BINARY"));
    return Path.of(configured == null || configured.isBlank() ? "/usr/bin/etcd" : configured);
  }

  /** Starts etcd and waits until it is healthy. */
  public static EtcdProcess start() throws IOException, InterruptedException {
    Path binary = binary();
    if (!Files.isExecutable(binary)) {
      throw new IllegalStateException("etcd binary not found at " + binary
          + ": install it with `apt-get install -y etcd-server etcd-client` (Debian), or point"
          + " -Dberth.etcd.binary / ETCD_BINARY at an etcd v3.4+ binary");
    }
    IOException lastFailure = null;
    // Free ports are found by binding port 0 and releasing it; another process may grab one in
    // between, so a failed start is retried with fresh ports.
    for (int attempt = 0; attempt < 3; attempt++) {
      try {
        return startOnce(binary);
      } catch (IOException e) {
        lastFailure = e;
      }
    }
    throw lastFailure;
  }

  private static EtcdProcess startOnce(Path binary) throws IOException, InterruptedException {
    int clientPort = freePort();
    int peerPort = freePort();
    Path dataDir = Files.createTempDirectory("berth-etcd-");
    Path logFile = dataDir.resolve("etcd.log");
    String client = "http://127.0.0.1:" + clientPort;
    String peer = "http://127.0.0.1:" + peerPort;
    List<String> command = new ArrayList<>(List.of(binary.toString(),
        "--name", "n1",
        "--data-dir", dataDir.resolve("data").toString(),
        "--listen-client-urls", client,
        "--advertise-client-urls", client,
        "--listen-peer-urls", peer,
        "--initial-advertise-peer-urls", peer,
        "--initial-cluster", "n1=" + peer,
        "--log-level", "warn"));
    Process process = new ProcessBuilder(command)
        .redirectErrorStream(true)
        .redirectOutput(logFile.toFile())
        .start();
    EtcdProcess etcd = new EtcdProcess(process, dataDir, logFile, clientPort);
    try {
      etcd.awaitHealthy();
      return etcd;
    } catch (IOException | RuntimeException e) {
      etcd.close();
      throw e;
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      socket.setReuseAddress(true);
      return socket.getLocalPort();
    }
  }

  private void awaitHealthy() throws IOException, InterruptedException {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
    HttpRequest request = HttpRequest.newBuilder(URI.create(clientUrl() + "/health"))
        .timeout(Duration.ofSeconds(2)).build();
    long deadline = System.nanoTime() + STARTUP_TIMEOUT.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IOException("etcd exited with code " + process.exitValue() + " during startup; log:\n" + logTail());
      }
      try {
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() == 200 && response.body().contains("\"health\":\"true\"")) {
          return;
        }
      } catch (IOException e) {
        // not listening yet
      }
      Thread.sleep(50);
    }
    throw new IOException("etcd did not become healthy within " + STARTUP_TIMEOUT + "; log:\n" + logTail());
  }

  private String logTail() {
    try {
      List<String> lines = Files.readAllLines(logFile);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
    } catch (IOException e) {
      return "(no log: " + e.getMessage() + ")";
    }
  }

  /** {@code http://127.0.0.1:PORT}. */
  public String clientUrl() {
    return "http://127.0.0.1:" + clientPort;
  }

  public URI clientUri() {
    return URI.create(clientUrl());
  }

  /** {@code 127.0.0.1:PORT}, as used in {@code etcd://} store URLs. */
  public String hostPort() {
    return "127.0.0.1:" + clientPort;
  }

  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(5, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
    try (Stream<Path> files = Files.walk(dataDir)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // best effort: it is a temp directory
    }
  }
}
