package dev.berth.dist;

import dev.berth.apiserver.ApiServer;
import dev.berth.apiserver.authn.Authenticator;
import dev.berth.apiserver.authn.TokenFileAuthenticator;
import dev.berth.apiserver.authn.X509Authenticator;
import dev.berth.apiserver.pki.ClusterPki;
import dev.berth.apiserver.wiring.ApiServers;
import dev.berth.store.KvStore;
import dev.berth.store.KvStores;
import java.util.concurrent.CompletableFuture;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/** Assembles a cluster control plane from a data directory: PKI, kubeconfig, API server. */
public final class ControlPlane implements AutoCloseable {

  /**
   * @param tokenAuthFile optional static token file
   */
  public record Options(Path dataDir, String bindAddress, int port, String storeUrl,
      Path tokenAuthFile, Clock clock) {}

  private final ApiServer server;
  private final KvStore store;
  private final Path kubeconfig;

  private ControlPlane(ApiServer server, KvStore store, Path kubeconfig) {
    this.server = server;
    this.store = store;
    this.kubeconfig = kubeconfig;
  }

  public static ControlPlane start(Options o) {
    try {
      Files.createDirectories(o.dataDir());
      // opening the store and loading the PKI are independent: overlap them
      CompletableFuture<KvStore> storeF = CompletableFuture.supplyAsync(
          () -> KvStores.open(o.storeUrl(), o.clock()), ControlPlane::daemon);
      SecureRandom random = new SecureRandom();
      ClusterPki pki;
      KvStore store;
      try {
        pki = ClusterPki.loadOrCreate(o.dataDir().resolve("pki"), List.of(o.bindAddress()),
            o.clock(), random);
      } finally {
        store = join(storeF);
      }
      List<Authenticator> authn = new ArrayList<>();
      authn.add(new X509Authenticator());
      if (o.tokenAuthFile() != null) {
        authn.add(TokenFileAuthenticator.load(o.tokenAuthFile()));
      }
      ApiServer server;
      try {
        server = new ApiServer(ApiServers.config(o.bindAddress(), o.port(), store, pki, authn,
            o.clock(), random)).start();
      } catch (RuntimeException e) {
        store.close();
        throw e;
      }
      Path kubeconfig = o.dataDir().resolve("admin.kubeconfig");
      String host = ServerCommand.displayHost(o.bindAddress());
      if (host.contains(":")) {
        host = "[" + host + "]";
      }
      Files.writeString(kubeconfig, pki.adminKubeconfig("berth", "https://" + host + ":"
          + server.port()));
      return new ControlPlane(server, store, kubeconfig);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void daemon(Runnable r) {
    Thread t = new Thread(r, "store-open");
    t.setDaemon(true);
    t.start();
  }

  /** Waits for the store; a bad URL surfaces as the IllegalArgumentException it is. */
  private static KvStore join(CompletableFuture<KvStore> f) {
    try {
      return f.join();
    } catch (java.util.concurrent.CompletionException e) {
      if (e.getCause() instanceof RuntimeException re) {
        throw re;
      }
      throw e;
    }
  }

  public ApiServer server() {
    return server;
  }

  public Path kubeconfig() {
    return kubeconfig;
  }

  @Override
  public void close() {
    server.close();
    store.close();
  }
}
