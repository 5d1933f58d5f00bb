package dev.berth.apiserver.crd;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.berth.api.meta.GroupResource;
import dev.berth.api.meta.GroupVersionResource;
import dev.berth.api.status.ApiException;
import dev.berth.apiserver.authn.UserInfo;
import dev.berth.apiserver.cache.CacheManager;
import dev.berth.apiserver.cache.CachedObject;
import dev.berth.apiserver.cache.EventType;
import dev.berth.apiserver.cache.WatchFilter;
import dev.berth.apiserver.cache.WatchSink;
import dev.berth.apiserver.registry.DeleteOptions;
import dev.berth.apiserver.registry.GenericRegistry;
import dev.berth.apiserver.registry.KindSupport;
import dev.berth.apiserver.registry.ResourceCatalog;
import dev.berth.apiserver.registry.ResourceType;
import dev.berth.apiserver.registry.WriteContext;
import dev.berth.apiserver.util.Json;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * The apiextensions controller: serves the custom resources of each CustomResourceDefinition
 * (registering one resource per served version), keeps the CRD's status (NamesAccepted,
 * Established, acceptedNames, storedVersions), and on deletion removes every custom object before
 * letting the CRD go (the {@code customresourcecleanup} finalizer).
 */
public final class CrdController implements AutoCloseable {

  private static final System.Logger LOG = System.getLogger(CrdController.class.getName());
  public static final String CLEANUP_FINALIZER = "customresourcecleanup.apiextensions.k8s.io";
  static final GroupResource CRDS =
      new GroupResource("apiextensions.k8s.io", "customresourcedefinitions");

  private final ResourceCatalog catalog;
  private final CacheManager cache;
  private final KindSupport kinds;
  private final Clock clock;
  private final ScheduledExecutorService worker = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "crd-controller");
    t.setDaemon(true);
    return t;
  });
  /** CRD name → the resources registered for it. */
  private final Map<String, List<GroupVersionResource>> served = new HashMap<>();
  private final WriteContext ctx = new WriteContext(
      new UserInfo("system:apiextensions-controller", "", List.of(UserInfo.MASTERS)),
      "kube-apiserver", false);
  private volatile boolean closed;

  public CrdController(ResourceCatalog catalog, CacheManager cache, KindSupport kinds,
      Clock clock) {
    this.catalog = catalog;
    this.cache = cache;
    this.kinds = kinds;
    this.clock = clock;
  }

  /** Serves every stored CRD now (so custom resources answer right after a restart), then follows. */
  public void start() {
    for (CachedObject o : cache.list(CRDS, null, null, WatchFilter.EVERYTHING, 0).items()) {
      serve(o.tree());
    }
    cache.watch(CRDS, WatchFilter.EVERYTHING, -1, false, false, new WatchSink() {
      @Override
      public void event(EventType type, CachedObject object) {
        worker.execute(() -> handle(type, object));
      }

      @Override
      public void bookmark(long revision, boolean initialEventsEnd) {}

      @Override
      public void end(boolean expired, String message) {
        if (!closed) {
          LOG.log(Level.WARNING, "CRD watch ended ({0}); restarting", message);
          worker.execute(CrdController.this::start);
        }
      }

      @Override
      public boolean closed() {
        return closed;
      }
    });
  }

  private void handle(EventType type, CachedObject object) {
    try {
      ObjectNode crd = object.tree();
      if (type == EventType.DELETED) {
        unserve(object.name());
        return;
      }
      if (crd.path("metadata").has("deletionTimestamp")) {
        cleanUp(crd);
        return;
      }
      serve(crd);
      updateStatus(crd);
    } catch (RuntimeException e) {
      LOG.log(Level.ERROR, "reconciling CRD " + object.name() + " failed", e);
    }
  }

  /** Registers the CRD's served versions and drops versions no longer served. */
  private synchronized void serve(ObjectNode crd) {
    String name = crd.path("metadata").path("name").asText();
    List<GroupVersionResource> now = new ArrayList<>();
    for (ResourceType t : kinds.customTypes(crd)) {
      GroupVersionResource gvr = t.descriptor().gvr();
      now.add(gvr);
      catalog.register(t);
    }
    List<GroupVersionResource> before = served.getOrDefault(name, List.of());
    for (GroupVersionResource gvr : before) {
      if (!now.contains(gvr)) {
        catalog.unregister(gvr);
      }
    }
    served.put(name, now);
  }

  private synchronized void unserve(String name) {
    for (GroupVersionResource gvr : served.getOrDefault(name, List.of())) {
      catalog.unregister(gvr);
    }
    served.remove(name);
  }

  private void updateStatus(ObjectNode crd) {
    String name = crd.path("metadata").path("name").asText();
    GenericRegistry registry = catalog.lookup("apiextensions.k8s.io", "v1",
        "customresourcedefinitions").orElseThrow();
    try {
      registry.patch(ctx, null, name, current -> {
        ObjectNode status = object(current, "status");
        status.set("acceptedNames", current.path("spec").path("names").deepCopy());
        setCondition(status, "NamesAccepted", "True", "NoConflicts", "no conflicts found");
        setCondition(status, "Established", "True", "InitialNamesAccepted",
            "the initial names have been accepted");
        ArrayNode stored = status.has("storedVersions") && status.get("storedVersions").isArray()
            ? (ArrayNode) status.get("storedVersions") : status.putArray("storedVersions");
        Set<String> have = new HashSet<>();
        stored.forEach(v -> have.add(v.asText()));
        for (JsonNode v : current.path("spec").path("versions")) {
          if (v.path("storage").asBoolean(false) && !have.contains(v.path("name").asText())) {
            stored.add(v.path("name").asText());
          }
        }
        return current;
      }, "status", false).join();
    } catch (CompletionException e) {
      if (!(e.getCause() instanceof ApiException ae) || ae.code() != 404) {
        throw e;
      }
    }
  }

  /** Deletes every custom object of a terminating CRD, then releases its finalizer. */
  private void cleanUp(ObjectNode crd) {
    String name = crd.path("metadata").path("name").asText();
    boolean hasFinalizer = false;
    for (JsonNode f : crd.path("metadata").path("finalizers")) {
      hasFinalizer |= f.asText().equals(CLEANUP_FINALIZER);
    }
    if (!hasFinalizer) {
      return;
    }
    String group = crd.path("spec").path("group").asText();
    String plural = crd.path("spec").path("names").path("plural").asText();
    GroupResource gr = new GroupResource(group, plural);
    GenericRegistry crds = catalog.lookup("apiextensions.k8s.io", "v1",
        "customresourcedefinitions").orElseThrow();
    crds.patch(ctx, null, name, current -> {
      ObjectNode status = object(current, "status");
      setCondition(status, "Terminating", "True", "InstanceDeletionInProgress",
          "CustomResource deletion is in progress");
      return current;
    }, "status", false).exceptionally(e -> null).join();
    // delete instances through any served version (they share storage)
    GenericRegistry any = null;
    for (GroupVersionResource gvr : served.getOrDefault(name, List.of())) {
      any = catalog.lookup(gvr.group(), gvr.version(), gvr.resource()).orElse(any);
    }
    if (any != null) {
      for (int round = 0; round < 100; round++) {
        List<CachedObject> items = cache.list(gr, null, null, WatchFilter.EVERYTHING, 0).items();
        if (items.isEmpty()) {
          break;
        }
        for (CachedObject o : items) {
          try {
            any.delete(ctx, o.namespace().isEmpty() ? null : o.namespace(), o.name(),
                DeleteOptions.DEFAULT).join();
          } catch (CompletionException e) {
            LOG.log(Level.DEBUG, "deleting custom object " + o.key(), e);
          }
        }
        if (!cache.list(gr, null, null, WatchFilter.EVERYTHING, 0).items().isEmpty()) {
          sleep();
        }
      }
      if (!cache.list(gr, null, null, WatchFilter.EVERYTHING, 0).items().isEmpty()) {
        worker.schedule(() -> cleanUp(crd), 1, TimeUnit.SECONDS);
        return;
      }
    }
    unserve(name);
    crds.patch(ctx, null, name, current -> {
      ArrayNode finalizers = (ArrayNode) Json.metadata(current).withArray("finalizers");
      for (int i = finalizers.size() - 1; i >= 0; i--) {
        if (finalizers.get(i).asText().equals(CLEANUP_FINALIZER)) {
          finalizers.remove(i);
        }
      }
      return current;
    }, null, false).exceptionally(e -> null).join();
  }

  private static void sleep() {
    try {
      Thread.sleep(50);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void setCondition(ObjectNode status, String type, String value, String reason,
      String message) {
    ArrayNode conds = status.has("conditions") && status.get("conditions").isArray()
        ? (ArrayNode) status.get("conditions") : status.putArray("conditions");
    for (JsonNode c : conds) {
      if (type.equals(c.path("type").asText())) {
        ObjectNode co = (ObjectNode) c;
        if (!value.equals(co.path("status").asText())) {
          co.put("lastTransitionTime", now());
        }
        co.put("status", value);
        co.put("reason", reason);
        co.put("message", message);
        return;
      }
    }
    ObjectNode c = conds.addObject();
    c.put("type", type);
    c.put("status", value);
    c.put("lastTransitionTime", now());
    c.put("reason", reason);
    c.put("message", message);
  }

  private String now() {
    return DateTimeFormatter.ISO_INSTANT.format(clock.instant().truncatedTo(ChronoUnit.SECONDS));
  }

  private static ObjectNode object(ObjectNode parent, String field) {
    JsonNode n = parent.get(field);
    return n instanceof ObjectNode o ? o : parent.putObject(field);
  }

  @Override
  public void close() {
    closed = true;
    worker.shutdownNow();
    try {
      worker.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
