package dev.berth.apiserver;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.berth.api.meta.GroupResource;
import dev.berth.api.registry.BuiltinResources;
import dev.berth.api.registry.ResourceDescriptor;
import dev.berth.api.status.ApiException;
import dev.berth.apiserver.admission.AdmissionChain;
import dev.berth.apiserver.admission.AdmissionPlugin;
import dev.berth.apiserver.admission.NamespaceLifecycle;
import dev.berth.apiserver.authn.Authenticator;
import dev.berth.apiserver.authn.UserInfo;
import dev.berth.apiserver.authz.Authorizer;
import dev.berth.apiserver.cache.CacheManager;
import dev.berth.apiserver.cache.ObjectIndexer;
import dev.berth.apiserver.crd.CrdController;
import dev.berth.apiserver.discovery.Discovery;
import dev.berth.apiserver.http.ApiHandler;
import dev.berth.apiserver.http.OpenApiEndpoints;
import dev.berth.apiserver.http.ServerInfo;
import dev.berth.apiserver.http.StartupGate;
import dev.berth.apiserver.http.Subresources;
import dev.berth.apiserver.pki.IssuedCertificate;
import dev.berth.apiserver.registry.FieldTracker;
import dev.berth.apiserver.registry.GenericRegistry;
import dev.berth.apiserver.registry.KindSupport;
import dev.berth.apiserver.registry.RequestCodec;
import dev.berth.apiserver.registry.ResourceCatalog;
import dev.berth.apiserver.registry.ResourceType;
import dev.berth.apiserver.registry.Selectors;
import dev.berth.apiserver.registry.WriteContext;
import dev.berth.apiserver.util.Json;
import dev.berth.store.KvStore;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.ClientAuth;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.net.PemKeyCertOptions;
import io.vertx.core.net.PemTrustOptions;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.random.RandomGenerator;

/**
 * One cluster control plane's API server: the watch cache over a store, the resource catalog, and an
 * HTTPS endpoint. Instances are independent (no static state), so tests and the management plane can
 * run many in one JVM.
 */
public final class ApiServer implements AutoCloseable {

  private static final System.Logger LOG = System.getLogger(ApiServer.class.getName());
  public static final List<String> SYSTEM_NAMESPACES =
      List.of("default", "kube-system", "kube-public", "kube-node-lease");

  /**
   * How to build a server.
   *
   * @param port 0 picks a free port
   * @param caPem the CA that signs client certificates (trusted for client auth)
   * @param eventLoops Vert.x event loop threads (0 = 2 × cores)
   */
  public record Config(String host, int port, KvStore store, String caPem,
      IssuedCertificate serving, Authenticator authenticator, Authorizer authorizer,
      KindSupport kinds, RequestCodec codec, Selectors selectors, FieldTracker fieldTracker,
      OpenApiFactory openapi, List<AdmissionPlugin> extraAdmission, ServerInfo info,
      Clock clock, RandomGenerator random, int eventLoops, int watchHistory) {}

  /** Builds the OpenAPI endpoints once the catalog exists. */
  public interface OpenApiFactory {
    OpenApiEndpoints create(ResourceCatalog catalog);
  }

  private final Config config;
  private Vertx vertx;
  private HttpServer http;
  private CacheManager cache;
  private ResourceCatalog catalog;
  private CrdController crds;
  private int port;

  public ApiServer(Config config) {
    this.config = config;
  }

  /** Loads the cache, registers the built-in resources, creates system namespaces, listens. */
  public ApiServer start() {
    long t0 = System.nanoTime();
    StartupGate gate = new StartupGate();
    CompletableFuture<HttpServer> listening = CompletableFuture.supplyAsync(() -> listen(gate),
        runnable -> {
          Thread t = new Thread(runnable, "api-server-listen");
          t.setDaemon(true);
          t.start();
        });
    Map<GroupResource, ObjectIndexer> indexers = new ConcurrentHashMap<>();
    Function<GroupResource, ObjectIndexer> indexerLookup = gr -> indexers.getOrDefault(gr,
        ApiServer::basicFields);
    List<ResourceType> builtin = new ArrayList<>();
    for (ResourceDescriptor d : BuiltinResources.all()) {
      ResourceType t = config.kinds().typeFor(d);
      builtin.add(t);
      if (d.storage().equals(d.groupResource())) {
        indexers.putIfAbsent(d.storage(), t.indexer());
      }
    }
    cache = new CacheManager(config.store(), indexerLookup, config.watchHistory(), 60_000);
    long t1 = System.nanoTime();
    cache.start();
    long t2 = System.nanoTime();
    List<AdmissionPlugin> plugins = new ArrayList<>();
    catalog = new ResourceCatalog(t -> new GenericRegistry(t, config.store(), cache,
        new AdmissionChain(plugins), config.fieldTracker(), config.clock(), config.random()));
    plugins.add(new NamespaceLifecycle(catalog, cache));
    plugins.addAll(config.extraAdmission());
    for (ResourceType t : builtin) {
      catalog.register(t);
    }
    ensureSystemNamespaces();
    crds = new CrdController(catalog, cache, config.kinds(), config.clock());
    crds.start();
    long t3 = System.nanoTime();
    Discovery discovery = new Discovery(catalog, config.host() + ":" + config.port());
    Subresources subresources = new Subresources(config.store(), cache, catalog, config.codec(),
        config.selectors(), config.clock());
    try {
      http = listening.get(60, TimeUnit.SECONDS);
    } catch (Exception e) {
      close();
      Throwable cause = e.getCause() != null ? e.getCause() : e;
      throw new IllegalStateException("cannot listen on " + config.host() + ":" + config.port()
          + ": " + cause.getMessage(), cause);
    }
    ApiHandler handler = new ApiHandler(vertx, catalog, cache, discovery, config.authenticator(),
        config.authorizer(), config.codec(), config.selectors(), config.fieldTracker(),
        config.openapi().create(catalog), subresources, config.info(), config.clock(),
        config.random());
    gate.open(handler);
    warmUp(discovery);
    port = http.actualPort();
    long t4 = System.nanoTime();
    LOG.log(Level.INFO, "api server started: types {0} ms, cache load {1} ms ({2} revision), "
        + "registries {3} ms, http {4} ms", (t1 - t0) / 1_000_000, (t2 - t1) / 1_000_000,
        cache.revision(), (t3 - t2) / 1_000_000, (t4 - t3) / 1_000_000);
    return this;
  }

  /**
   * Runs the first request's cold paths (discovery documents, a Table, a TLS handshake) in the
   * background, so the first client doesn't pay for class loading and initialisation.
   */
  private void warmUp(Discovery discovery) {
    Thread t = new Thread(() -> {
      try {
        discovery.api(true);
        discovery.apis(true);
        discovery.api(false);
        discovery.apis(false);
        GenericRegistry namespaces = catalog.lookup("", "v1", "namespaces").orElseThrow();
        List<ObjectNode> objs = new ArrayList<>();
        for (var o : cache.list(namespaces.type().storage(), null, null,
            dev.berth.apiserver.cache.WatchFilter.EVERYTHING, 0).items()) {
          objs.add(namespaces.served(o));
        }
        Json.bytes(dev.berth.apiserver.http.TableWriter.table(namespaces.type().table(), objs,
            "0", null, null, true, config.clock().instant()));
        java.security.KeyStore trust = java.security.KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("ca", dev.berth.apiserver.pki.Pem.parseCertificate(
            config.caPem()));
        javax.net.ssl.TrustManagerFactory tmf = javax.net.ssl.TrustManagerFactory.getInstance(
            javax.net.ssl.TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        javax.net.ssl.SSLContext ssl = javax.net.ssl.SSLContext.getInstance("TLS");
        ssl.init(null, tmf.getTrustManagers(), null);
        String host = config.host().equals("0.0.0.0") || config.host().equals("::") ? "127.0.0.1"
            : config.host().contains(":") ? "[" + config.host() + "]" : config.host();
        try (java.net.http.HttpClient c = java.net.http.HttpClient.newBuilder().sslContext(ssl)
            .build()) {
          c.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create("https://" + host + ":"
              + port + "/healthz")).timeout(java.time.Duration.ofSeconds(5)).build(),
              java.net.http.HttpResponse.BodyHandlers.discarding());
        }
      } catch (Exception e) {
        LOG.log(Level.DEBUG, "warm-up incomplete", e);
      }
    }, "api-server-warmup");
    t.setDaemon(true);
    t.start();
  }

  /** Creates Vert.x and binds the TLS listener (runs concurrently with loading). */
  private HttpServer listen(StartupGate gate) {
    VertxOptions vo = new VertxOptions();
    if (config.eventLoops() > 0) {
      vo.setEventLoopPoolSize(config.eventLoops());
    }
    vertx = Vertx.vertx(vo);
    HttpServerOptions options = new HttpServerOptions()
        .setHost(config.host())
        .setPort(config.port())
        .setSsl(true)
        .setKeyCertOptions(new PemKeyCertOptions()
            .setCertValue(Buffer.buffer(config.serving().certificatePem()))
            .setKeyValue(Buffer.buffer(config.serving().privateKeyPem())))
        .setTrustOptions(new PemTrustOptions().addCertValue(Buffer.buffer(config.caPem())))
        .setClientAuth(ClientAuth.REQUEST)
        .setUseAlpn(true)
        .setAlpnVersions(List.of(HttpVersion.HTTP_2, HttpVersion.HTTP_1_1))
        .setTcpNoDelay(true)
        .setMaxWebSocketFrameSize(4 * 1024 * 1024)
        .setMaxWebSocketMessageSize(16 * 1024 * 1024)
        .setHandle100ContinueAutomatically(true);
    HttpServer server = vertx.createHttpServer(options).requestHandler(gate);
    try {
      server.listen().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException(e.getCause() != null ? e.getCause() : e);
    }
    return server;
  }

  private void ensureSystemNamespaces() {
    GenericRegistry namespaces = catalog.lookup("", "v1", "namespaces").orElseThrow();
    UserInfo system = new UserInfo("system:apiserver", "", List.of(UserInfo.MASTERS));
    for (String ns : SYSTEM_NAMESPACES) {
      if (namespaces.cached(null, ns) != null) {
        continue;
      }
      ObjectNode obj = Json.NODES.objectNode();
      obj.put("apiVersion", "v1");
      obj.put("kind", "Namespace");
      obj.putObject("metadata").put("name", ns);
      try {
        namespaces.create(new WriteContext(system, "kube-apiserver", false), null, obj).join();
      } catch (CompletionException e) {
        if (!(e.getCause() instanceof ApiException ae) || ae.code() != 409) {
          throw e;
        }
      }
    }
  }

  private static Map<String, String> basicFields(ObjectNode obj) {
    String name = Json.text(obj.get("metadata"), "name");
    String ns = Json.text(obj.get("metadata"), "namespace");
    return ns == null ? Map.of("metadata.name", name == null ? "" : name)
        : Map.of("metadata.name", name == null ? "" : name, "metadata.namespace", ns);
  }

  public int port() {
    return port;
  }

  public ResourceCatalog catalog() {
    return catalog;
  }

  public CacheManager cache() {
    return cache;
  }

  @Override
  public void close() {
    if (http != null) {
      try {
        http.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
      } catch (Exception e) {
        LOG.log(Level.DEBUG, "closing HTTP server", e);
      }
    }
    if (crds != null) {
      crds.close();
    }
    if (cache != null) {
      cache.close();
    }
    if (vertx != null) {
      try {
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
      } catch (Exception e) {
        LOG.log(Level.DEBUG, "closing Vert.x", e);
      }
    }
  }
}
