package dev.berth.dist;

import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code berth server}: one standalone cluster control plane. */
@Command(name = "server", mixinStandardHelpOptions = true,
    description = "Run one cluster control plane (API server on its own store).")
final class ServerCommand implements Callable<Integer> {

  @Option(names = "--port", defaultValue = "6443", description = "HTTPS port (default ${DEFAULT-VALUE}; 0 = any free port)")
  int port;

  @Option(names = "--bind-address", defaultValue = "127.0.0.1",
      description = "Address to listen on (default ${DEFAULT-VALUE})")
  String bindAddress;

  @Option(names = "--data-dir", description = "Where the CA, certificates, kubeconfig and embedded store live (default ~/.berth/server)")
  Path dataDir;

  @Option(names = "--store", description = "sqlite://PATH (default: DATA_DIR/state.db), etcd://HOST:PORT[,HOST:PORT...] or memory://")
  String store;

  @Option(names = "--token-auth-file", description = "Static bearer tokens, CSV lines token,user,uid[,\"groups\"]")
  Path tokenAuthFile;

  @Override
  public Integer call() throws Exception {
    Path dir = dataDir != null ? dataDir
        : Path.of(System.getProperty("user.home"), ".berth", "server");
    String storeUrl = store != null ? store : "sqlite://" + dir.toAbsolutePath().resolve("state.db");
    long started = System.nanoTime();
    Clock clock = Clock.systemUTC();
    ControlPlane cp;
    try {
      cp = ControlPlane.start(new ControlPlane.Options(dir, bindAddress, port, storeUrl,
          tokenAuthFile, clock));
    } catch (IllegalArgumentException e) {
      System.err.println("berth server: " + e.getMessage());
      return 2;
    }
    Runtime.getRuntime().addShutdownHook(new Thread(cp::close, "shutdown"));
    long ms = (System.nanoTime() - started) / 1_000_000;
    System.out.println("Berth API server listening on https://" + displayHost(bindAddress) + ":"
        + cp.server().port() + " (store " + redact(storeUrl) + ", ready in " + ms + " ms)");
    System.out.println("export KUBECONFIG=" + cp.kubeconfig());
    System.out.flush();
    new CountDownLatch(1).await();
    return 0;
  }

  static String displayHost(String bind) {
    return bind.equals("0.0.0.0") || bind.equals("::") ? "127.0.0.1" : bind;
  }

  private static String redact(String url) {
    return url.replaceAll("//[^@/]*@", "//***@");
  }
}
