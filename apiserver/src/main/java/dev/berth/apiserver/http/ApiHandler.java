package dev.berth.apiserver.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.berth.api.status.ApiErrors;
import dev.berth.api.status.ApiException;
import dev.berth.apiserver.authn.Authenticator;
import dev.berth.apiserver.authn.UserInfo;
import dev.berth.apiserver.authz.Authorizer;
import dev.berth.apiserver.cache.CacheManager;
import dev.berth.apiserver.cache.CachedObject;
import dev.berth.apiserver.cache.EventType;
import dev.berth.apiserver.cache.WatchFilter;
import dev.berth.apiserver.discovery.Discovery;
import dev.berth.apiserver.registry.DeleteOptions;
import dev.berth.apiserver.registry.FieldTracker;
import dev.berth.apiserver.registry.GenericRegistry;
import dev.berth.apiserver.registry.RequestCodec;
import dev.berth.apiserver.registry.ResourceCatalog;
import dev.berth.apiserver.registry.ResourceType;
import dev.berth.apiserver.registry.Selectors;
import dev.berth.apiserver.registry.WriteContext;
import dev.berth.apiserver.registry.WriteOutcome;
import dev.berth.apiserver.storage.StorageKeys;
import dev.berth.apiserver.util.Json;
import io.vertx.core.Context;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.ServerWebSocket;
import java.lang.System.Logger.Level;
import java.security.cert.Certificate;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.random.RandomGenerator;
import javax.net.ssl.SSLPeerUnverifiedException;

/**
 * The HTTP front of the API server: authentication, authorization, non-resource endpoints
 * (version, health, discovery, OpenAPI) and the REST verbs on resources, with content negotiation
 * (JSON, YAML, Table) and watch streaming over chunked HTTP or WebSocket.
 */
public final class ApiHandler implements Handler<HttpServerRequest> {

  private static final System.Logger LOG = System.getLogger(ApiHandler.class.getName());
  /** Upstream's limit on request bodies (3 MiB) before decoding. */
  static final int MAX_BODY_BYTES = 3 * 1024 * 1024;

  private final Vertx vertx;
  private final ResourceCatalog catalog;
  private final CacheManager cache;
  private final Discovery discovery;
  private final Authenticator authenticator;
  private final Authorizer authorizer;
  private final RequestCodec codec;
  private final Selectors selectors;
  private final FieldTracker fieldTracker;
  private final OpenApiEndpoints openapi;
  private final Subresources subresources;
  private final ServerInfo serverInfo;
  private final Clock clock;
  private final RandomGenerator random;

  public ApiHandler(Vertx vertx, ResourceCatalog catalog, CacheManager cache, Discovery discovery,
      Authenticator authenticator, Authorizer authorizer, RequestCodec codec, Selectors selectors,
      FieldTracker fieldTracker, OpenApiEndpoints openapi, Subresources subresources,
      ServerInfo serverInfo, Clock clock, RandomGenerator random) {
    this.vertx = vertx;
    this.catalog = catalog;
    this.cache = cache;
    this.discovery = discovery;
    this.authenticator = authenticator;
    this.authorizer = authorizer;
    this.codec = codec;
    this.selectors = selectors;
    this.fieldTracker = fieldTracker;
    this.openapi = openapi;
    this.subresources = subresources;
    this.serverInfo = serverInfo;
    this.clock = clock;
    this.random = random;
  }

  @Override
  public void handle(HttpServerRequest req) {
    try {
      dispatch(req);
    } catch (ApiException e) {
      Responses.status(req, e, null);
    } catch (RuntimeException e) {
      LOG.log(Level.ERROR, "request failed: " + req.method() + " " + req.uri(), e);
      Responses.status(req, ApiErrors.internal(e.toString()), null);
    }
  }

  private void dispatch(HttpServerRequest req) {
    String path = req.path();
    String method = req.method().name();
    boolean publicInfo = path.equals("/version") || path.equals("/version/")
        || path.startsWith("/healthz") || path.startsWith("/livez") || path.startsWith("/readyz");
    Optional<UserInfo> user = authenticate(req);
    if (user.isEmpty() && !publicInfo) {
      throw ApiErrors.unauthorized();
    }
    RequestInfo info = RequestInfo.parse(method, path, bool(req.getParam("watch")));
    if (!info.resourceRequest()) {
      nonResource(req, info, path);
      return;
    }
    Authorizer.Decision d = authorizer.authorize(user.get(), info);
    if (!d.allowed()) {
      throw ApiErrors.forbidden(new dev.berth.api.meta.GroupResource(info.group(), info.resource()),
          info.name(), d.reason());
    }
    resource(req, info, user.get());
  }

  private Optional<UserInfo> authenticate(HttpServerRequest req) {
    List<Certificate> certs = List.of();
    if (req.isSSL()) {
      try {
        List<Certificate> peer = req.connection().peerCertificates();
        certs = peer == null ? List.of() : peer;
      } catch (SSLPeerUnverifiedException e) {
        certs = List.of();
      }
    }
    return authenticator.authenticate(certs, req.getHeader(HttpHeaders.AUTHORIZATION));
  }

  // ------------------------------------------------------------------ non-resource

  private void nonResource(HttpServerRequest req, RequestInfo info, String path) {
    if (!req.method().name().equals("GET") && !req.method().name().equals("HEAD")) {
      throw new ApiException(405, "MethodNotAllowed", "the server does not allow this method on "
          + "the requested resource", null, null, null, null, 0);
    }
    String accept = req.getHeader(HttpHeaders.ACCEPT);
    String p = path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1)
        : path;
    switch (p) {
      case "/version" -> {
        Responses.bytes(req, 200, Responses.JSON,
            serverInfo.json().getBytes(java.nio.charset.StandardCharsets.UTF_8), null);
        return;
      }
      case "/healthz", "/livez", "/readyz", "/healthz/ping", "/livez/ping", "/readyz/ping" -> {
        Responses.text(req, 200, "ok");
        return;
      }
      case "/api" -> {
        boolean agg = Negotiation.wantsAggregatedDiscovery(accept);
        Responses.bytes(req, 200, agg ? Discovery.AGGREGATED_CONTENT_TYPE : Responses.JSON,
            discovery.api(agg), null);
        return;
      }
      case "/apis" -> {
        boolean agg = Negotiation.wantsAggregatedDiscovery(accept);
        Responses.bytes(req, 200, agg ? Discovery.AGGREGATED_CONTENT_TYPE : Responses.JSON,
            discovery.apis(agg), null);
        return;
      }
      case "/api/v1" -> {
        Responses.bytes(req, 200, Responses.JSON, discovery.groupVersion("", "v1"), null);
        return;
      }
      default -> { }
    }
    if (p.startsWith("/apis/")) {
      String[] parts = p.substring(6).split("/");
      byte[] doc = parts.length == 1 ? discovery.group(parts[0])
          : parts.length == 2 ? discovery.groupVersion(parts[0], parts[1]) : null;
      if (doc != null) {
        Responses.bytes(req, 200, Responses.JSON, doc, null);
        return;
      }
    }
    if (p.startsWith("/openapi/")) {
      if (openapi.handle(req, p)) {
        return;
      }
    }
    throw ApiErrors.notFoundPath();
  }

  // ------------------------------------------------------------------ resources

  private void resource(HttpServerRequest req, RequestInfo info, UserInfo user) {
    GenericRegistry registry = catalog.lookup(info.group(), info.version(), info.resource())
        .orElseThrow(ApiErrors::notFoundPath);
    ResourceType type = registry.type();
    String ns = info.namespace();
    if (type.namespaced() && ns == null && info.name() != null) {
      throw ApiErrors.notFoundPath();
    }
    if (!type.namespaced() && ns != null) {
      throw ApiErrors.notFoundPath();
    }
    if (info.subresource() != null) {
      if (!type.descriptor().hasSubresource(info.subresource())) {
        throw ApiErrors.notFoundPath();
      }
      subresources.handle(req, info, user, registry, this);
      return;
    }
    if (!type.descriptor().supports(info.verb())) {
      throw ApiErrors.methodNotSupported(type.groupResource(), info.verb());
    }
    if (type.descriptor().group().isEmpty() && type.descriptor().plural().equals("bindings")) {
      if (!info.verb().equals("create") || ns == null) {
        throw ApiErrors.methodNotSupported(type.groupResource(), info.verb());
      }
      GenericRegistry pods = catalog.lookup("", "v1", "pods").orElseThrow(ApiErrors::notFoundPath);
      withBody(req, body -> subresources.bind(req, user, pods, ns, null, body, this));
      return;
    }
    switch (info.verb()) {
      case "get" -> get(req, registry, ns, info.name());
      case "list" -> list(req, registry, ns);
      case "watch" -> watch(req, registry, ns, info.name());
      case "create" -> {
        if (type.namespaced() && ns == null) {
          throw ApiErrors.notFoundPath();
        }
        withBody(req, body -> create(req, registry, ns, body, user));
      }
      case "update" -> withBody(req, body -> update(req, registry, ns, info.name(), body, user,
          null));
      case "patch" -> withBody(req, body -> patch(req, registry, ns, info.name(), body, user,
          null));
      case "delete" -> withBody(req, body -> delete(req, registry, ns, info.name(), body, user));
      case "deletecollection" -> withBody(req, body -> deleteCollection(req, registry, ns, body,
          user));
      default -> throw ApiErrors.methodNotSupported(type.groupResource(), info.verb());
    }
  }

  // ---- GET

  private void get(HttpServerRequest req, GenericRegistry registry, String ns, String name) {
    String rv = req.getParam("resourceVersion");
    CompletableFuture<CachedObject> f;
    if (rv == null || rv.isEmpty()) {
      f = registry.getConsistent(ns, name);
    } else {
      long min = parseResourceVersion(rv);
      f = waitForRevision(min).thenApply(v -> {
        CachedObject o = registry.cached(ns, name);
        if (o == null) {
          throw ApiErrors.notFound(registry.type().groupResource(), name);
        }
        return o;
      });
    }
    complete(req, f, o -> respondObject(req, registry, o, 200, null));
  }

  void respondObject(HttpServerRequest req, GenericRegistry registry, CachedObject o, int code,
      List<String> warnings) {
    Negotiation n = Negotiation.of(req.getHeader(HttpHeaders.ACCEPT));
    ResourceType type = registry.type();
    if (n.format() == Negotiation.Format.OBJECT && !n.yaml() && type.converter().identity()) {
      Responses.bytes(req, code, Responses.JSON, o.json(), warnings);
      return;
    }
    respondTree(req, registry, registry.served(o), code, warnings);
  }

  void respondTree(HttpServerRequest req, GenericRegistry registry, ObjectNode obj, int code,
      List<String> warnings) {
    Negotiation n = Negotiation.of(req.getHeader(HttpHeaders.ACCEPT));
    switch (n.format()) {
      case TABLE -> {
        ObjectNode t = TableWriter.table(registry.type().table(), List.of(obj),
            Json.text(obj.get("metadata"), "resourceVersion"), null,
            req.getParam("includeObject"), true, clock.instant());
        Responses.json(req, code, t, warnings);
      }
      case PARTIAL_METADATA -> Responses.json(req, code, TableWriter.partial(obj), warnings);
      default -> {
        if (n.yaml()) {
          Responses.bytes(req, code, "application/yaml", Yaml.bytes(obj), warnings);
        } else {
          Responses.json(req, code, obj, warnings);
        }
      }
    }
  }

  // ---- LIST

  private void list(HttpServerRequest req, GenericRegistry registry, String ns) {
    ResourceType type = registry.type();
    WatchFilter filter = filter(req, registry, ns, null);
    int limit = parseLimit(req.getParam("limit"));
    String cont = req.getParam("continue");
    String rv = req.getParam("resourceVersion");
    String match = req.getParam("resourceVersionMatch");
    String nsPrefix = type.namespaced() && ns != null ? ns + "/" : null;
    CompletableFuture<CacheManager.ListResult> f;
    if (cont != null && !cont.isEmpty()) {
      if (rv != null && !rv.isEmpty()) {
        throw ApiErrors.badRequest("specifying resource version is not allowed when using "
            + "continue");
      }
      ContinueToken token = ContinueToken.decode(cont);
      f = continueList(registry, nsPrefix, filter, limit, token);
    } else if (match != null && !match.isEmpty() && (rv == null || rv.isEmpty())) {
      throw ApiErrors.badRequest("resourceVersionMatch is forbidden unless resourceVersion is "
          + "provided");
    } else if (rv == null || rv.isEmpty()) {
      f = cache.waitForConsistent().thenApply(r ->
          cache.list(type.storage(), nsPrefix, null, filter, limit));
    } else if ("Exact".equals(match)) {
      long exact = parseResourceVersion(rv);
      f = exactList(registry, nsPrefix, filter, limit, exact);
    } else {
      if (match != null && !match.isEmpty() && !match.equals("NotOlderThan")) {
        throw ApiErrors.badRequest("resourceVersionMatch: Unsupported value: \"" + match
            + "\": supported values: \"Exact\", \"NotOlderThan\"");
      }
      long min = parseResourceVersion(rv);
      f = waitForRevision(min).thenApply(v ->
          cache.list(type.storage(), nsPrefix, null, filter, limit));
    }
    complete(req, f, page -> respondList(req, registry, page));
  }

  private CompletableFuture<CacheManager.ListResult> continueList(GenericRegistry registry,
      String nsPrefix, WatchFilter filter, int limit, ContinueToken token) {
    ResourceType type = registry.type();
    var rc = cache.cache(type.storage());
    if (rc.lastChangeRevision() <= token.revision() && cache.revision() >= token.revision()) {
      CacheManager.ListResult r = cache.list(type.storage(), nsPrefix, token.startKey(), filter,
          limit);
      return CompletableFuture.completedFuture(
          new CacheManager.ListResult(r.items(), token.revision(), r.continueKey()));
    }
    return CompletableFuture.completedFuture(
        storeList(registry, nsPrefix, filter, limit, token.revision(), token.startKey(), true));
  }

  private CompletableFuture<CacheManager.ListResult> exactList(GenericRegistry registry,
      String nsPrefix, WatchFilter filter, int limit, long exact) {
    ResourceType type = registry.type();
    var rc = cache.cache(type.storage());
    return waitForRevision(exact).thenApply(v -> {
      if (rc.lastChangeRevision() <= exact) {
        CacheManager.ListResult r = cache.list(type.storage(), nsPrefix, null, filter, limit);
        return new CacheManager.ListResult(r.items(), exact, r.continueKey());
      }
      return storeList(registry, nsPrefix, filter, limit, exact, null, false);
    });
  }

  /** A page read from the store at an exact past revision (history not in the cache). */
  private CacheManager.ListResult storeList(GenericRegistry registry, String nsPrefix,
      WatchFilter filter, int limit, long revision, String startKey, boolean continuing) {
    ResourceType type = registry.type();
    String prefix = StorageKeys.prefix(type.storage());
    String from = prefix + (startKey != null ? startKey : nsPrefix != null ? nsPrefix : "");
    String end = nsPrefix != null ? dev.berth.store.KvStore.prefixEnd(prefix + nsPrefix)
        : dev.berth.store.KvStore.prefixEnd(prefix);
    List<CachedObject> items = new ArrayList<>();
    String next = null;
    try {
      while (true) {
        var page = subresources.store().range(from, end, revision, 1000);
        for (var kv : page.kvs()) {
          String objectKey = kv.key().substring(prefix.length());
          CachedObject o = subresources.decode(type, objectKey, kv);
          if (o == null || !filter.matches(o)) {
            continue;
          }
          if (limit > 0 && items.size() == limit) {
            next = objectKey;
            break;
          }
          items.add(o);
        }
        if (next != null || !page.more() || page.kvs().isEmpty()) {
          break;
        }
        from = page.kvs().get(page.kvs().size() - 1).key() + "\0";
      }
    } catch (dev.berth.store.StoreException e) {
      if (e.code() == dev.berth.store.StoreException.Code.COMPACTED) {
        if (continuing) {
          throw ApiErrors.expired("The provided continue parameter is too old to display a "
              + "consistent list result. You can start a new list without the continue "
              + "parameter, or use the continue value from the response to continue listing.");
        }
        throw ApiErrors.expired("too old resource version: " + revision + " ("
            + e.compactRevision() + ")");
      }
      throw e;
    }
    return new CacheManager.ListResult(items, revision, next);
  }

  private void respondList(HttpServerRequest req, GenericRegistry registry,
      CacheManager.ListResult page) {
    ResourceType type = registry.type();
    Negotiation n = Negotiation.of(req.getHeader(HttpHeaders.ACCEPT));
    String cont = page.continueKey() == null ? null
        : new ContinueToken(page.revision(), page.continueKey()).encode();
    String rv = Long.toString(page.revision());
    if (n.format() == Negotiation.Format.TABLE) {
      List<ObjectNode> objs = new ArrayList<>(page.items().size());
      page.items().forEach(o -> objs.add(registry.served(o)));
      Responses.json(req, 200, TableWriter.table(type.table(), objs, rv, cont,
          req.getParam("includeObject"), true, clock.instant()), null);
      return;
    }
    if (n.format() == Negotiation.Format.PARTIAL_METADATA || n.yaml()
        || !type.converter().identity()) {
      ObjectNode list = Json.NODES.objectNode();
      boolean partial = n.format() == Negotiation.Format.PARTIAL_METADATA;
      list.put("kind", partial ? "PartialObjectMetadataList" : type.descriptor().listKind());
      list.put("apiVersion", partial ? "meta.k8s.io/v1" : type.descriptor().apiVersion());
      ObjectNode meta = list.putObject("metadata");
      meta.put("resourceVersion", rv);
      if (cont != null) {
        meta.put("continue", cont);
      }
      ArrayNode items = list.putArray("items");
      for (CachedObject o : page.items()) {
        ObjectNode obj = registry.served(o);
        items.add(partial ? TableWriter.partial(obj) : obj);
      }
      if (n.yaml()) {
        Responses.bytes(req, 200, "application/yaml", Yaml.bytes(list), null);
      } else {
        Responses.json(req, 200, list, null);
      }
      return;
    }
    // fast path: splice the cached bytes
    StringBuilder head = new StringBuilder(160);
    head.append("{\"kind\":\"").append(type.descriptor().listKind())
        .append("\",\"apiVersion\":\"").append(type.descriptor().apiVersion())
        .append("\",\"metadata\":{\"resourceVersion\":\"").append(rv).append('"');
    if (cont != null) {
      head.append(",\"continue\":\"").append(cont).append('"');
    }
    head.append("},\"items\":[");
    int size = head.length() + 2;
    for (CachedObject o : page.items()) {
      size += o.json().length + 1;
    }
    Buffer buf = Buffer.buffer(size);
    buf.appendString(head.toString());
    boolean first = true;
    for (CachedObject o : page.items()) {
      if (!first) {
        buf.appendByte((byte) ',');
      }
      first = false;
      buf.appendBytes(o.json());
    }
    buf.appendString("]}");
    Responses.buffer(req, 200, Responses.JSON, buf, null);
  }

  // ---- WATCH

  private void watch(HttpServerRequest req, GenericRegistry registry, String ns, String name) {
    ResourceType type = registry.type();
    WatchFilter filter = filter(req, registry, ns, name);
    String rv = req.getParam("resourceVersion");
    boolean bookmarks = bool(req.getParam("allowWatchBookmarks"));
    boolean sendInitial = bool(req.getParam("sendInitialEvents"));
    if (sendInitial && !"NotOlderThan".equals(req.getParam("resourceVersionMatch"))) {
      throw ApiErrors.invalid("meta.k8s.io", "ListOptions", "", List.of(
          dev.berth.api.validation.FieldError.forbidden("resourceVersionMatch",
              "sendInitialEvents requires setting resourceVersionMatch to NotOlderThan")));
    }
    long timeout = parseTimeout(req.getParam("timeoutSeconds"));
    Negotiation n = Negotiation.of(req.getHeader(HttpHeaders.ACCEPT));
    StreamingWatch.Encoder encoder = encoder(registry, n, req.getParam("includeObject"));
    boolean websocket = "websocket".equalsIgnoreCase(req.getHeader(HttpHeaders.UPGRADE));
    long from;
    CompletableFuture<?> ready;
    if (sendInitial) {
      from = -1;
      ready = rv == null || rv.isEmpty() ? cache.waitForConsistent()
          : waitForRevision(parseResourceVersion(rv));
    } else if (rv == null || rv.isEmpty()) {
      from = -1;
      ready = cache.waitForConsistent();
    } else if (rv.equals("0")) {
      from = -1;
      ready = CompletableFuture.completedFuture(null);
    } else {
      from = parseResourceVersion(rv);
      ready = waitForRevision(from);
    }
    Context ctx = Vertx.currentContext();
    String kind = type.kind();
    String apiVersion = type.descriptor().apiVersion();
    if (websocket) {
      // the upgrade must be accepted before the request is consumed; the watch starts when ready
      req.toWebSocket().onSuccess(ws -> {
        WebSocketWatch sink = new WebSocketWatch(ctx, encoder, kind, apiVersion, ws);
        long timer = vertx.setTimer(TimeUnit.SECONDS.toMillis(timeout), t -> sink.stop());
        ws.closeHandler(c -> {
          sink.markClosedExternally();
          vertx.cancelTimer(timer);
        });
        ready.whenComplete((v, err) -> {
          if (err != null) {
            sink.end(true, String.valueOf(err.getMessage()));
          } else {
            cache.watch(type.storage(), filter, from, bookmarks, sendInitial, sink);
          }
        });
      }).onFailure(e -> LOG.log(Level.DEBUG, "websocket upgrade failed", e));
      return;
    }
    ready.whenComplete((v, err) -> ctx.runOnContext(x -> {
      if (err != null) {
        failed(req, err, null);
        return;
      }
      HttpServerResponse resp = req.response();
      resp.setStatusCode(200);
      resp.putHeader("Content-Type", n.format() == Negotiation.Format.TABLE
          ? "application/json;as=Table;v=v1;g=meta.k8s.io" : Responses.JSON);
      resp.putHeader("Cache-Control", "no-cache, private");
      resp.setChunked(true);
      HttpWatch sink = new HttpWatch(ctx, encoder, kind, apiVersion, resp);
      resp.writeHead();
      long timer = vertx.setTimer(TimeUnit.SECONDS.toMillis(timeout), t -> sink.stop());
      resp.closeHandler(c -> {
        sink.markClosedExternally();
        vertx.cancelTimer(timer);
      });
      cache.watch(type.storage(), filter, from, bookmarks, sendInitial, sink);
    }));
  }

  private StreamingWatch.Encoder encoder(GenericRegistry registry, Negotiation n,
      String includeObject) {
    ResourceType type = registry.type();
    if (n.format() == Negotiation.Format.TABLE) {
      boolean[] first = {true};
      return (eventType, o) -> {
        ObjectNode t = TableWriter.table(type.table(), List.of(registry.served(o)),
            Long.toString(o.revision()), null, includeObject, first[0], clock.instant());
        first[0] = false;
        return eventBytes(eventType, t);
      };
    }
    if (n.format() == Negotiation.Format.PARTIAL_METADATA) {
      return (eventType, o) -> eventBytes(eventType, TableWriter.partial(registry.served(o)));
    }
    if (!type.converter().identity()) {
      return (eventType, o) -> eventBytes(eventType, registry.served(o));
    }
    return (eventType, o) -> o.eventLine(eventType);
  }

  private static byte[] eventBytes(EventType type, ObjectNode obj) {
    ObjectNode e = Json.NODES.objectNode();
    e.put("type", type.name());
    e.set("object", obj);
    byte[] b = Json.bytes(e);
    byte[] out = java.util.Arrays.copyOf(b, b.length + 1);
    out[b.length] = '\n';
    return out;
  }

  /** A watch over a chunked HTTP response. */
  static final class HttpWatch extends StreamingWatch {
    private final HttpServerResponse resp;

    HttpWatch(Context ctx, Encoder encoder, String kind, String apiVersion,
        HttpServerResponse resp) {
      super(ctx, encoder, kind, apiVersion);
      this.resp = resp;
    }

    void markClosedExternally() {
      markClosed();
    }

    @Override
    protected boolean write(Buffer data) {
      if (resp.ended() || resp.closed()) {
        markClosed();
        return true;
      }
      resp.write(data);
      return !resp.writeQueueFull();
    }

    @Override
    protected void whenDrained(Runnable onDrain) {
      resp.drainHandler(v -> onDrain.run());
    }

    @Override
    protected void finish() {
      if (!resp.ended() && !resp.closed()) {
        resp.end();
      }
    }
  }

  /** A watch over a WebSocket (fabric8 tries this first): one text message per event. */
  static final class WebSocketWatch extends StreamingWatch {
    private final ServerWebSocket ws;

    WebSocketWatch(Context ctx, Encoder encoder, String kind, String apiVersion,
        ServerWebSocket ws) {
      super(ctx, encoder, kind, apiVersion);
      this.ws = ws;
    }

    void markClosedExternally() {
      markClosed();
    }

    @Override
    protected boolean messagePerEvent() {
      return true;
    }

    @Override
    protected boolean write(Buffer data) {
      if (ws.isClosed()) {
        markClosed();
        return true;
      }
      int len = data.length();
      Buffer msg = len > 0 && data.getByte(len - 1) == '\n' ? data.getBuffer(0, len - 1) : data;
      ws.writeTextMessage(msg.toString(java.nio.charset.StandardCharsets.UTF_8));
      return !ws.writeQueueFull();
    }

    @Override
    protected void whenDrained(Runnable onDrain) {
      ws.drainHandler(v -> onDrain.run());
    }

    @Override
    protected void finish() {
      if (!ws.isClosed()) {
        ws.close();
      }
    }
  }

  // ---- CREATE / UPDATE / PATCH

  private void create(HttpServerRequest req, GenericRegistry registry, String ns, Buffer body,
      UserInfo user) {
    WriteContext ctx = writeContext(req, user);
    ObjectNode obj = decodeObject(req, registry.type(), body, ctx);
    complete(req, registry.create(ctx, ns, obj),
        out -> respondTree(req, registry, out.object(), out.status(), ctx.warnings()), ctx);
  }

  void update(HttpServerRequest req, GenericRegistry registry, String ns, String name,
      Buffer body, UserInfo user, String subresource) {
    WriteContext ctx = writeContext(req, user);
    ObjectNode obj = decodeObject(req, registry.type(), body, ctx);
    complete(req, registry.update(ctx, ns, name, obj, subresource),
        out -> respondTree(req, registry, out.object(), out.status(), ctx.warnings()), ctx);
  }

  void patch(HttpServerRequest req, GenericRegistry registry, String ns, String name, Buffer body,
      UserInfo user, String subresource) {
    WriteContext ctx = writeContext(req, user);
    complete(req, patchObject(req, registry, ns, name, body, ctx, subresource),
        out -> respondTree(req, registry, out.object(), out.status(), ctx.warnings()), ctx);
  }

  /** Applies a PATCH request to the stored object; shared with the scale subresource. */
  CompletableFuture<WriteOutcome> patchObject(HttpServerRequest req, GenericRegistry registry,
      String ns, String name, Buffer body, WriteContext ctx, String subresource) {
    ResourceType type = registry.type();
    String contentType = mediaType(req.getHeader(HttpHeaders.CONTENT_TYPE));
    if (contentType == null) {
      throw ApiErrors.unsupportedMediaType("");
    }
    String mode = fieldValidation(req);
    switch (contentType) {
      case "application/apply-patch+yaml", "application/apply-patch+json" -> {
        if (ctx.fieldManager() == null || ctx.fieldManager().isEmpty()
            || req.getParam("fieldManager") == null) {
          throw ApiErrors.badRequest("PATCH, application/apply-patch+yaml requires fieldManager "
              + "to be set");
        }
        ObjectNode applied = codec.decodeObject(type, "application/yaml", body.getBytes(), mode,
            ctx);
        boolean force = bool(req.getParam("force"));
        return registry.patch(ctx, ns, name, current -> fieldTracker.apply(type, current,
            applied.deepCopy(), ctx.fieldManager(), force, subresource), subresource, true);
      }
      case "application/json-patch+json", "application/merge-patch+json",
          "application/strategic-merge-patch+json" -> {
        if (contentType.equals("application/strategic-merge-patch+json") && type.custom()) {
          throw new ApiException(415, "UnsupportedMediaType",
              "the body of the request was in an unknown format - accepted media types include: "
                  + "application/json-patch+json, application/merge-patch+json, "
                  + "application/apply-patch+yaml", null, null, null, null, 0);
        }
        JsonNode patch = codec.decodeValue(Responses.JSON, body.getBytes());
        return registry.patch(ctx, ns, name, current -> {
          ObjectNode patched = codec.patch(type, contentType, current, patch);
          codec.checkPatched(type, patched, mode, ctx);
          return patched;
        }, subresource, false);
      }
      default -> throw new ApiException(415, "UnsupportedMediaType",
          "the body of the request was in an unknown format - accepted media types include: "
              + "application/json-patch+json, application/merge-patch+json, "
              + "application/apply-patch+yaml, application/strategic-merge-patch+json",
          null, null, null, null, 0);
    }
  }

  /** Decodes a create/update body and applies field validation. */
  ObjectNode decodeObject(HttpServerRequest req, ResourceType type, Buffer body,
      WriteContext ctx) {
    String contentType = mediaType(req.getHeader(HttpHeaders.CONTENT_TYPE));
    return codec.decodeObject(type, contentType, body.getBytes(), fieldValidation(req), ctx);
  }

  private static String fieldValidation(HttpServerRequest req) {
    String v = req.getParam("fieldValidation");
    if (v == null || v.isEmpty()) {
      return "Warn";
    }
    return switch (v) {
      case "Strict", "Warn", "Ignore" -> v;
      case "strict" -> "Strict";
      case "warn" -> "Warn";
      case "ignore" -> "Ignore";
      default -> throw ApiErrors.badRequest("fieldValidation parameter \"" + v
          + "\" is not supported; supported values are Ignore, Warn, Strict");
    };
  }

  WriteContext writeContext(HttpServerRequest req, UserInfo user) {
    boolean dryRun = false;
    List<String> dry = req.params().getAll("dryRun");
    for (String d : dry) {
      if (d.equals("All")) {
        dryRun = true;
      } else if (!d.isEmpty()) {
        throw ApiErrors.badRequest("Invalid dryRun value: \"" + d
            + "\"; supported values: \"All\"");
      }
    }
    String manager = req.getParam("fieldManager");
    if (manager != null && manager.length() > 128) {
      throw ApiErrors.badRequest("fieldManager: Too long: may not be longer than 128");
    }
    if (manager == null || manager.isEmpty()) {
      String ua = req.getHeader(HttpHeaders.USER_AGENT);
      manager = ua == null || ua.isEmpty() ? "unknown"
          : ua.contains("/") ? ua.substring(0, ua.indexOf('/')) : ua;
      if (manager.length() > 128) {
        manager = manager.substring(0, 128);
      }
    }
    return new WriteContext(user, manager, dryRun);
  }

  // ---- DELETE

  private void delete(HttpServerRequest req, GenericRegistry registry, String ns, String name,
      Buffer body, UserInfo user) {
    WriteContext ctx = writeContext(req, user);
    DeleteOptions options = deleteOptions(req, body, ctx);
    WriteContext effective = options.dryRun() && !ctx.dryRun()
        ? new WriteContext(user, ctx.fieldManager(), true) : ctx;
    complete(req, registry.delete(effective, ns, name, options),
        out -> respondTree(req, registry, out.object(), out.status(), ctx.warnings()), ctx);
  }

  DeleteOptions deleteOptions(HttpServerRequest req, Buffer body, WriteContext ctx) {
    Long grace = null;
    String policy = null;
    String uid = null;
    String rv = null;
    boolean dryRun = ctx.dryRun();
    if (body != null && body.length() > 0) {
      JsonNode o = codec.decodeValue(mediaType(req.getHeader(HttpHeaders.CONTENT_TYPE)),
          body.getBytes());
      if (o != null && o.isObject()) {
        if (o.hasNonNull("gracePeriodSeconds")) {
          grace = o.get("gracePeriodSeconds").asLong();
        }
        if (o.hasNonNull("propagationPolicy")) {
          policy = o.get("propagationPolicy").asText();
        } else if (o.hasNonNull("orphanDependents")) {
          policy = o.get("orphanDependents").asBoolean() ? "Orphan" : "Background";
        }
        JsonNode pre = o.get("preconditions");
        if (pre != null && pre.isObject()) {
          uid = Json.text(pre, "uid");
          rv = Json.text(pre, "resourceVersion");
        }
        JsonNode dr = o.get("dryRun");
        if (dr != null && dr.isArray()) {
          for (JsonNode x : dr) {
            if (x.asText().equals("All")) {
              dryRun = true;
            }
          }
        }
      }
    }
    String g = req.getParam("gracePeriodSeconds");
    if (g != null && !g.isEmpty()) {
      try {
        grace = Long.parseLong(g);
      } catch (NumberFormatException e) {
        throw ApiErrors.badRequest("gracePeriodSeconds: invalid value \"" + g + "\"");
      }
    }
    String p = req.getParam("propagationPolicy");
    if (p != null && !p.isEmpty()) {
      policy = p;
    } else if (req.getParam("orphanDependents") != null) {
      policy = bool(req.getParam("orphanDependents")) ? "Orphan" : "Background";
    }
    if (policy != null && !List.of("Orphan", "Background", "Foreground").contains(policy)) {
      throw ApiErrors.invalid("meta.k8s.io", "DeleteOptions", "", List.of(
          dev.berth.api.validation.FieldError.notSupported("propagationPolicy",
              Json.NODES.textNode(policy), List.of("Foreground", "Background", "Orphan"))));
    }
    if (grace != null && grace < 0) {
      grace = 0L;
    }
    return new DeleteOptions(grace, policy, uid, rv, dryRun);
  }

  private void deleteCollection(HttpServerRequest req, GenericRegistry registry, String ns,
      Buffer body, UserInfo user) {
    ResourceType type = registry.type();
    WriteContext ctx = writeContext(req, user);
    DeleteOptions options = deleteOptions(req, body, ctx);
    WatchFilter filter = filter(req, registry, ns, null);
    String nsPrefix = type.namespaced() && ns != null ? ns + "/" : null;
    CompletableFuture<ObjectNode> f = cache.waitForConsistent().thenCompose(r -> {
      CacheManager.ListResult page = cache.list(type.storage(), nsPrefix, null, filter, 0);
      ObjectNode list = Json.NODES.objectNode();
      list.put("kind", type.descriptor().listKind());
      list.put("apiVersion", type.descriptor().apiVersion());
      list.putObject("metadata").put("resourceVersion", Long.toString(page.revision()));
      ArrayNode items = list.putArray("items");
      CompletableFuture<Void> chain = CompletableFuture.completedFuture(null);
      for (CachedObject o : page.items()) {
        chain = chain.thenCompose(v -> registry.delete(ctx, o.namespace(), o.name(), options)
            .handle((out, err) -> {
              if (out != null) {
                synchronized (items) {
                  items.add(out.object());
                }
              }
              return null;
            }));
      }
      return chain.thenApply(v -> list);
    });
    complete(req, f, list -> Responses.json(req, 200, list, ctx.warnings()), ctx);
  }

  // ------------------------------------------------------------------ helpers

  WatchFilter filter(HttpServerRequest req, GenericRegistry registry, String ns, String name) {
    ResourceType type = registry.type();
    String ls = req.getParam("labelSelector");
    String fs = req.getParam("fieldSelector");
    Predicate<Map<String, String>> labels = ls == null || ls.isEmpty() ? null
        : selectors.labels(ls);
    Predicate<Map<String, String>> fields = fs == null || fs.isEmpty() ? null
        : selectors.fields(fs, type.fields());
    String namespace = type.namespaced() ? ns : null;
    if (labels == null && fields == null && name == null) {
      return new WatchFilter(namespace, o -> true);
    }
    return new WatchFilter(namespace, o -> (name == null || name.equals(o.name()))
        && (labels == null || labels.test(o.labels()))
        && (fields == null || fields.test(o.fields())));
  }

  private CompletableFuture<Void> waitForRevision(long min) {
    if (cache.revision() >= min) {
      return CompletableFuture.completedFuture(null);
    }
    CompletableFuture<Void> f = cache.waitFor(min);
    long current = cache.revision();
    return f.orTimeout(3, TimeUnit.SECONDS).exceptionallyCompose(e -> {
      Throwable c = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
      if (c instanceof java.util.concurrent.TimeoutException) {
        return CompletableFuture.failedFuture(ApiErrors.timeout("Too large resource version: "
            + min + ", current: " + current, 1));
      }
      return CompletableFuture.failedFuture(c);
    });
  }

  static long parseResourceVersion(String rv) {
    try {
      long v = Long.parseLong(rv);
      if (v < 0) {
        throw new NumberFormatException();
      }
      return v;
    } catch (NumberFormatException e) {
      throw ApiErrors.badRequest("invalid resource version: " + rv);
    }
  }

  private static int parseLimit(String limit) {
    if (limit == null || limit.isEmpty()) {
      return 0;
    }
    try {
      long l = Long.parseLong(limit);
      return l <= 0 ? 0 : (int) Math.min(l, Integer.MAX_VALUE);
    } catch (NumberFormatException e) {
      throw ApiErrors.badRequest("limit: invalid value \"" + limit + "\"");
    }
  }

  private long parseTimeout(String t) {
    if (t == null || t.isEmpty()) {
      // kube-apiserver: between 30 and 60 minutes, so watches don't all expire together
      return 1800 + random.nextLong(1800);
    }
    try {
      long v = Long.parseLong(t);
      return v <= 0 ? 1800 + random.nextLong(1800) : v;
    } catch (NumberFormatException e) {
      throw ApiErrors.badRequest("timeoutSeconds: invalid value \"" + t + "\"");
    }
  }

  static boolean bool(String v) {
    if (v == null) {
      return false;
    }
    return switch (v) {
      case "true", "True", "TRUE", "1", "t", "T" -> true;
      default -> false;
    };
  }

  static String mediaType(String contentType) {
    if (contentType == null || contentType.isBlank()) {
      return null;
    }
    int semi = contentType.indexOf(';');
    return (semi < 0 ? contentType : contentType.substring(0, semi)).trim()
        .toLowerCase(java.util.Locale.ROOT);
  }

  /** Reads the body (bounded), then runs {@code then} on the request's context. */
  void withBody(HttpServerRequest req, java.util.function.Consumer<Buffer> then) {
    String cl = req.getHeader(HttpHeaders.CONTENT_LENGTH);
    if (cl != null) {
      try {
        if (Long.parseLong(cl.trim()) > MAX_BODY_BYTES) {
          tooLarge(req);
          return;
        }
      } catch (NumberFormatException e) {
        throw ApiErrors.badRequest("invalid Content-Length");
      }
    }
    Buffer body = Buffer.buffer();
    boolean[] aborted = {false};
    req.handler(chunk -> {
      if (aborted[0]) {
        return;
      }
      if (body.length() + chunk.length() > MAX_BODY_BYTES) {
        aborted[0] = true;
        tooLarge(req);
        return;
      }
      body.appendBuffer(chunk);
    });
    req.endHandler(v -> {
      if (aborted[0]) {
        return;
      }
      try {
        then.accept(body);
      } catch (ApiException e) {
        Responses.status(req, e, null);
      } catch (RuntimeException e) {
        LOG.log(Level.ERROR, "request failed: " + req.method() + " " + req.uri(), e);
        Responses.status(req, ApiErrors.internal(e.toString()), null);
      }
    });
  }

  private static void tooLarge(HttpServerRequest req) {
    Responses.status(req, ApiErrors.requestEntityTooLarge("Request entity too large: limit is "
        + MAX_BODY_BYTES), null);
    req.response().reset();
  }

  <T> void complete(HttpServerRequest req, CompletableFuture<T> f,
      java.util.function.Consumer<T> onSuccess) {
    complete(req, f, onSuccess, null);
  }

  <T> void complete(HttpServerRequest req, CompletableFuture<T> f,
      java.util.function.Consumer<T> onSuccess, WriteContext ctx) {
    Context context = Vertx.currentContext();
    f.whenComplete((value, err) -> {
      Runnable r = () -> {
        if (err != null) {
          failed(req, err, ctx == null ? null : ctx.warnings());
          return;
        }
        try {
          onSuccess.accept(value);
        } catch (ApiException e) {
          Responses.status(req, e, ctx == null ? null : ctx.warnings());
        } catch (RuntimeException e) {
          LOG.log(Level.ERROR, "response failed: " + req.method() + " " + req.uri(), e);
          Responses.status(req, ApiErrors.internal(e.toString()), null);
        }
      };
      if (context != null && Vertx.currentContext() != context) {
        context.runOnContext(v -> r.run());
      } else {
        r.run();
      }
    });
  }

  void failed(HttpServerRequest req, Throwable err, List<String> warnings) {
    Throwable c = err;
    while ((c instanceof CompletionException || c instanceof java.util.concurrent.ExecutionException)
        && c.getCause() != null) {
      c = c.getCause();
    }
    if (c instanceof ApiException e) {
      Responses.status(req, e, warnings);
    } else if (c instanceof dev.berth.store.StoreException se) {
      Responses.status(req, ApiErrors.serviceUnavailable("storage: " + se.getMessage()), warnings);
    } else {
      LOG.log(Level.ERROR, "request failed: " + req.method() + " " + req.uri(), c);
      Responses.status(req, ApiErrors.internal(String.valueOf(c)), warnings);
    }
  }

  Set<String> knownVerbs() {
    return Set.of("get", "list", "watch", "create", "update", "patch", "delete",
        "deletecollection");
  }
}
