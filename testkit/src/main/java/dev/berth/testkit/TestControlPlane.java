package dev.berth.testkit;

import dev.berth.apiserver.ApiServer;
import dev.berth.apiserver.authn.Authenticator;
import dev.berth.apiserver.authn.TokenFileAuthenticator;
import dev.berth.apiserver.authn.UserInfo;
import dev.berth.apiserver.authn.X509Authenticator;
import dev.berth.apiserver.pki.ClusterPki;
import dev.berth.apiserver.wiring.ApiServers;
import dev.berth.store.KvStore;
import dev.berth.store.KvStores;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A real API server in this JVM, on a real store (memory by default), with TLS, its own CA and an
 * admin kubeconfig: what integration and compatibility tests talk to through real clients.
 */
public final class TestControlPlane implements AutoCloseable {

  /** A bearer token every test control plane accepts, for raw HTTP tests and load tools. */
  public static final String ADMIN_TOKEN = "berth-test-admin-token";

  private final ApiServer server;
  private final KvStore store;
  private final Path dir;
  private final Path kubeconfig;
  private final ClusterPki pki;
  private final boolean ownsStore;
  private KubernetesClient client;

  private TestControlPlane(ApiServer server, KvStore store, Path dir, Path kubeconfig,
      ClusterPki pki, boolean ownsStore) {
    this.server = server;
    this.store = store;
    this.dir = dir;
    this.kubeconfig = kubeconfig;
    this.pki = pki;
    this.ownsStore = ownsStore;
  }

  /** On a fresh memory store. */
  public static TestControlPlane start() {
    return start(KvStores.open("memory://", Clock.systemUTC()), true);
  }

  /** On the given store (closed with the control plane when {@code ownsStore}). */
  public static TestControlPlane start(KvStore store, boolean ownsStore) {
    try {
      Path dir = Files.createTempDirectory("berth-test-cp");
      return start(store, ownsStore, dir);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** On the given store, keeping PKI and kubeconfig in {@code dir} (reused across restarts). */
  public static TestControlPlane start(KvStore store, boolean ownsStore, Path dir) {
    SecureRandom random = new SecureRandom();
    ClusterPki pki = ClusterPki.loadOrCreate(dir.resolve("pki"), List.of(), Clock.systemUTC(),
        random);
    List<Authenticator> authn = new ArrayList<>();
    authn.add(new X509Authenticator());
    authn.add(new TokenFileAuthenticator(Map.of(ADMIN_TOKEN,
        new UserInfo("test-admin", "", List.of(UserInfo.MASTERS, UserInfo.AUTHENTICATED)))));
    ApiServer server = new ApiServer(ApiServers.config("127.0.0.1", 0, store, pki, authn,
        Clock.systemUTC(), random)).start();
    Path kubeconfig = dir.resolve("admin.kubeconfig");
    try {
      Files.writeString(kubeconfig, pki.adminKubeconfig("berth-test",
          "https://127.0.0.1:" + server.port()));
    } catch (IOException e) {
      server.close();
      throw new UncheckedIOException(e);
    }
    return new TestControlPlane(server, store, dir, kubeconfig, pki, ownsStore);
  }

  public ApiServer server() {
    return server;
  }

  public KvStore store() {
    return store;
  }

  public int port() {
    return server.port();
  }

  public String url() {
    return "https://127.0.0.1:" + server.port();
  }

  public Path kubeconfig() {
    return kubeconfig;
  }

  public Path dir() {
    return dir;
  }

  public ClusterPki pki() {
    return pki;
  }

  /** A fabric8 client authenticated as the admin (created once, closed with the control plane). */
  public synchronized KubernetesClient client() {
    if (client == null) {
      client = newClient();
    }
    return client;
  }

  /** A new fabric8 client; the caller closes it. */
  public KubernetesClient newClient() {
    return newClient(c -> { });
  }

  /** A new fabric8 client with adjusted configuration (e.g. retries off); the caller closes it. */
  public KubernetesClient newClient(java.util.function.Consumer<Config> adjust) {
    try {
      Config config = Config.fromKubeconfig(Files.readString(kubeconfig));
      config.setRequestTimeout(30_000);
      adjust.accept(config);
      return new KubernetesClientBuilder().withConfig(config).build();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A kubectl runner with its own HOME (discovery cache) against this control plane. */
  public Kubectl kubectl() {
    return new Kubectl(kubeconfig);
  }

  @Override
  public void close() {
    if (client != null) {
      client.close();
    }
    server.close();
    if (ownsStore) {
      store.close();
    }
  }
}
