package dev.berth.apiserver.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.berth.api.meta.GroupResource;
import dev.berth.api.status.ApiErrors;
import dev.berth.api.status.ApiException;
import dev.berth.api.status.StatusCause;
import dev.berth.apiserver.authn.UserInfo;
import dev.berth.apiserver.cache.CacheManager;
import dev.berth.apiserver.cache.CachedObject;
import dev.berth.apiserver.cache.WatchFilter;
import dev.berth.apiserver.registry.DeleteOptions;
import dev.berth.apiserver.registry.GenericRegistry;
import dev.berth.apiserver.registry.RequestCodec;
import dev.berth.apiserver.registry.ResourceCatalog;
import dev.berth.apiserver.registry.ResourceType;
import dev.berth.apiserver.registry.Selectors;
import dev.berth.apiserver.registry.WriteContext;
import dev.berth.apiserver.registry.WriteOutcome;
import dev.berth.apiserver.util.Json;
import dev.berth.store.KeyValue;
import dev.berth.store.KvStore;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import java.time.Clock;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Predicate;

/**
 * The subresources with their own semantics: status, scale (autoscaling/v1 Scale over a workload's
 * replicas), pods/binding (the scheduler's assignment), pods/eviction (deletion that honours
 * PodDisruptionBudgets) and namespaces/finalize.
 */
public final class Subresources {

  private static final GroupResource PDBS = new GroupResource("policy", "poddisruptionbudgets");

  private final KvStore store;
  private final CacheManager cache;
  private final ResourceCatalog catalog;
  private final RequestCodec codec;
  private final Selectors selectors;
  private final Clock clock;

  public Subresources(KvStore store, CacheManager cache, ResourceCatalog catalog,
      RequestCodec codec, Selectors selectors, Clock clock) {
    this.store = store;
    this.cache = cache;
    this.catalog = catalog;
    this.codec = codec;
    this.selectors = selectors;
    this.clock = clock;
  }

  KvStore store() {
    return store;
  }

  CachedObject decode(ResourceType type, String objectKey, KeyValue kv) {
    return cache.decodeEntry(type.storage(), objectKey, kv.value(), kv.modRevision());
  }

  void handle(HttpServerRequest req, RequestInfo info, UserInfo user, GenericRegistry registry,
      ApiHandler api) {
    String sub = info.subresource();
    String verb = info.verb();
    String ns = info.namespace();
    String name = info.name();
    if (name == null) {
      throw ApiErrors.notFoundPath();
    }
    List<String> verbs = registry.type().descriptor().subresources().get(sub).verbs();
    if (!verbs.contains(verb)) {
      throw ApiErrors.methodNotSupported(registry.type().groupResource(), verb);
    }
    switch (sub) {
      case "status" -> {
        switch (verb) {
          case "get" -> api.complete(req, registry.getConsistent(ns, name),
              o -> api.respondObject(req, registry, o, 200, null));
          case "update" -> api.withBody(req, b -> api.update(req, registry, ns, name, b, user,
              "status"));
          case "patch" -> api.withBody(req, b -> api.patch(req, registry, ns, name, b, user,
              "status"));
          default -> throw ApiErrors.methodNotSupported(registry.type().groupResource(), verb);
        }
      }
      case "scale" -> scale(req, verb, user, registry, ns, name, api);
      case "binding" -> api.withBody(req, b -> bind(req, user, registry, ns, name, b, api));
      case "eviction" -> api.withBody(req, b -> evict(req, user, registry, ns, name, b, api));
      case "finalize" -> api.withBody(req, b -> finalizeNamespace(req, user, registry, name, b,
          api));
      default -> throw ApiErrors.notFoundPath();
    }
  }

  // ------------------------------------------------------------------ scale

  private void scale(HttpServerRequest req, String verb, UserInfo user, GenericRegistry registry,
      String ns, String name, ApiHandler api) {
    ResourceType type = registry.type();
    switch (verb) {
      case "get" -> api.complete(req, registry.getConsistent(ns, name),
          o -> Responses.json(req, 200, toScale(type, registry.served(o)), null));
      case "update" -> api.withBody(req, body -> {
        WriteContext ctx = api.writeContext(req, user);
        JsonNode decoded = codec.decodeValue(ApiHandler.mediaType(
            req.getHeader(HttpHeaders.CONTENT_TYPE)), body.getBytes());
        if (!(decoded instanceof ObjectNode scale)) {
          throw ApiErrors.badRequest("the body of the request must be a Scale object");
        }
        api.complete(req, writeScale(ctx, registry, ns, name, current -> scale),
            out -> Responses.json(req, 200, toScale(type, out.object()), ctx.warnings()), ctx);
      });
      case "patch" -> api.withBody(req, body -> {
        WriteContext ctx = api.writeContext(req, user);
        String ct = ApiHandler.mediaType(req.getHeader(HttpHeaders.CONTENT_TYPE));
        if (ct == null || ct.startsWith("application/apply-patch")) {
          throw ApiErrors.unsupportedMediaType(String.valueOf(ct));
        }
        JsonNode patch = codec.decodeValue(Responses.JSON, body.getBytes());
        String patchType = ct.equals("application/strategic-merge-patch+json")
            ? "application/merge-patch+json" : ct;
        api.complete(req, writeScale(ctx, registry, ns, name,
                current -> codec.patch(type, patchType, current, patch)),
            out -> Responses.json(req, 200, toScale(type, out.object()), ctx.warnings()), ctx);
      });
      default -> throw ApiErrors.methodNotSupported(type.groupResource(), verb);
    }
  }

  private CompletableFuture<WriteOutcome> writeScale(WriteContext ctx, GenericRegistry registry,
      String ns, String name, java.util.function.UnaryOperator<ObjectNode> scaleUpdate) {
    ResourceType type = registry.type();
    return registry.patch(ctx, ns, name, current -> {
      ObjectNode scale = toScale(type, current);
      ObjectNode updated = scaleUpdate.apply(scale.deepCopy());
      String rv = Json.text(updated.get("metadata"), "resourceVersion");
      if (rv != null && !rv.isEmpty()
          && !rv.equals(Json.text(current.get("metadata"), "resourceVersion"))) {
        throw ApiErrors.modifiedConflict(type.groupResource(), name);
      }
      JsonNode replicas = updated.path("spec").path("replicas");
      if (!replicas.isMissingNode() && !replicas.isNull()) {
        if (!replicas.canConvertToInt() || replicas.asInt() < 0) {
          throw ApiErrors.invalid("autoscaling", "Scale", name, List.of(
              dev.berth.api.validation.FieldError.invalid("spec.replicas", replicas,
                  "must be greater than or equal to 0")));
        }
        setPath(current, type.scale().specReplicasPath(), Json.NODES.numberNode(replicas.asInt()));
      }
      return current;
    }, null, false);
  }

  private ObjectNode toScale(ResourceType type, ObjectNode obj) {
    ResourceType.ScaleMapping m = type.scale();
    ObjectNode scale = Json.NODES.objectNode();
    scale.put("kind", "Scale");
    scale.put("apiVersion", "autoscaling/v1");
    ObjectNode meta = scale.putObject("metadata");
    JsonNode om = obj.path("metadata");
    for (String f : List.of("name", "namespace", "uid", "resourceVersion", "creationTimestamp")) {
      if (om.has(f)) {
        meta.set(f, om.get(f));
      }
    }
    JsonNode spec = getPath(obj, m.specReplicasPath());
    scale.putObject("spec").put("replicas", spec == null ? 0 : spec.asInt());
    ObjectNode status = scale.putObject("status");
    JsonNode st = getPath(obj, m.statusReplicasPath());
    status.put("replicas", st == null ? 0 : st.asInt());
    if (m.labelSelectorPath() != null) {
      JsonNode sel = getPath(obj, m.labelSelectorPath());
      if (sel != null && !sel.isNull()) {
        String s = m.structuredSelector() ? selectors.labelSelectorString(sel) : sel.asText();
        if (s != null && !s.isEmpty()) {
          status.put("selector", s);
        }
      }
    }
    return scale;
  }

  static JsonNode getPath(JsonNode obj, String path) {
    JsonNode cur = obj;
    for (String p : path.substring(1).split("\\.")) {
      if (cur == null || !cur.isObject()) {
        return null;
      }
      cur = cur.get(p);
    }
    return cur;
  }

  static void setPath(ObjectNode obj, String path, JsonNode value) {
    String[] parts = path.substring(1).split("\\.");
    ObjectNode cur = obj;
    for (int i = 0; i < parts.length - 1; i++) {
      JsonNode next = cur.get(parts[i]);
      cur = next instanceof ObjectNode o ? o : cur.putObject(parts[i]);
    }
    cur.set(parts[parts.length - 1], value);
  }

  // ------------------------------------------------------------------ binding

  /** POST pods/{name}/binding or bindings: assign the pod to a node. */
  void bind(HttpServerRequest req, UserInfo user, GenericRegistry pods, String ns, String name,
      Buffer body, ApiHandler api) {
    WriteContext ctx = api.writeContext(req, user);
    JsonNode decoded = codec.decodeValue(ApiHandler.mediaType(
        req.getHeader(HttpHeaders.CONTENT_TYPE)), body.getBytes());
    if (!(decoded instanceof ObjectNode binding)) {
      throw ApiErrors.badRequest("the body of the request must be a Binding object");
    }
    String podName = name != null ? name : Json.text(binding.get("metadata"), "name");
    String bindingName = Json.text(binding.get("metadata"), "name");
    if (podName == null || podName.isEmpty()) {
      throw ApiErrors.invalid("", "Binding", "", List.of(
          dev.berth.api.validation.FieldError.required("metadata.name", "")));
    }
    if (name != null && bindingName != null && !bindingName.isEmpty() && !bindingName.equals(name)) {
      throw ApiErrors.badRequest("name in URL does not match name in Binding object");
    }
    String node = Json.text(binding.get("target"), "name");
    if (node == null || node.isEmpty()) {
      throw ApiErrors.invalid("", "Binding", podName, List.of(
          dev.berth.api.validation.FieldError.required("target.name", "")));
    }
    JsonNode annotations = binding.path("metadata").path("annotations");
    CompletableFuture<WriteOutcome> f = pods.patch(ctx, ns, podName, pod -> {
      ObjectNode meta = Json.metadata(pod);
      if (meta.has("deletionTimestamp")) {
        throw ApiErrors.conflict(pods.type().groupResource(), podName,
            "pod " + podName + " is being deleted, cannot be assigned to a host");
      }
      ObjectNode spec = pod.has("spec") && pod.get("spec").isObject() ? (ObjectNode) pod.get("spec")
          : pod.putObject("spec");
      String assigned = Json.text(spec, "nodeName");
      if (assigned != null && !assigned.isEmpty()) {
        throw ApiErrors.conflict(pods.type().groupResource(), podName,
            "pod " + podName + " is already assigned to node \"" + assigned + "\"");
      }
      spec.put("nodeName", node);
      if (annotations.isObject() && annotations.size() > 0) {
        ObjectNode a = meta.has("annotations") && meta.get("annotations").isObject()
            ? (ObjectNode) meta.get("annotations") : meta.putObject("annotations");
        annotations.fields().forEachRemaining(e -> a.set(e.getKey(), e.getValue()));
      }
      ObjectNode status = pod.has("status") && pod.get("status").isObject()
          ? (ObjectNode) pod.get("status") : pod.putObject("status");
      setCondition(status, "PodScheduled", "True", null, null);
      return pod;
    }, "binding", false);
    api.complete(req, f, out -> Responses.json(req, 201, success(201), ctx.warnings()), ctx);
  }

  private void setCondition(ObjectNode status, String type, String value, String reason,
      String message) {
    ArrayNode conds = status.has("conditions") && status.get("conditions").isArray()
        ? (ArrayNode) status.get("conditions") : status.putArray("conditions");
    String now = DateTimeFormatter.ISO_INSTANT.format(clock.instant().truncatedTo(
        ChronoUnit.SECONDS));
    for (JsonNode c : conds) {
      if (type.equals(c.path("type").asText())) {
        ObjectNode co = (ObjectNode) c;
        if (!value.equals(co.path("status").asText())) {
          co.put("lastTransitionTime", now);
        }
        co.put("status", value);
        return;
      }
    }
    ObjectNode c = conds.addObject();
    c.put("type", type);
    c.put("status", value);
    c.putNull("lastProbeTime");
    c.put("lastTransitionTime", now);
    if (reason != null) {
      c.put("reason", reason);
    }
    if (message != null) {
      c.put("message", message);
    }
  }

  // ------------------------------------------------------------------ eviction

  private void evict(HttpServerRequest req, UserInfo user, GenericRegistry pods, String ns,
      String name, Buffer body, ApiHandler api) {
    WriteContext ctx = api.writeContext(req, user);
    JsonNode decoded = codec.decodeValue(ApiHandler.mediaType(
        req.getHeader(HttpHeaders.CONTENT_TYPE)), body.getBytes());
    if (!(decoded instanceof ObjectNode eviction)) {
      throw ApiErrors.badRequest("the body of the request must be an Eviction object");
    }
    String evName = Json.text(eviction.get("metadata"), "name");
    if (evName != null && !evName.isEmpty() && !evName.equals(name)) {
      throw ApiErrors.badRequest("name in URL does not match name in Eviction object");
    }
    JsonNode opts = eviction.path("deleteOptions");
    Long grace = opts.hasNonNull("gracePeriodSeconds") ? opts.get("gracePeriodSeconds").asLong()
        : null;
    String uid = Json.text(opts.path("preconditions"), "uid");
    String rv = Json.text(opts.path("preconditions"), "resourceVersion");
    boolean dryRun = ctx.dryRun();
    for (JsonNode x : opts.path("dryRun")) {
      dryRun |= x.asText().equals("All");
    }
    DeleteOptions options = new DeleteOptions(grace, Json.text(opts, "propagationPolicy"), uid, rv,
        dryRun);
    WriteContext effective = dryRun ? new WriteContext(user, ctx.fieldManager(), true) : ctx;
    CompletableFuture<WriteOutcome> f = pods.getConsistent(ns, name).thenCompose(cached -> {
      ObjectNode pod = pods.served(cached);
      String phase = pod.path("status").path("phase").asText("");
      boolean terminal = phase.equals("Succeeded") || phase.equals("Failed");
      boolean deleting = pod.path("metadata").has("deletionTimestamp");
      boolean pendingUnscheduled = phase.equals("Pending")
          && pod.path("spec").path("nodeName").asText("").isEmpty();
      if (terminal || deleting || pendingUnscheduled) {
        return pods.delete(effective, ns, name, options);
      }
      List<ObjectNode> budgets = matchingBudgets(ns, cached.labels());
      if (budgets.isEmpty()) {
        return pods.delete(effective, ns, name, options);
      }
      if (budgets.size() > 1) {
        throw ApiErrors.internal("This pod has more than one PodDisruptionBudget, which the "
            + "eviction subresource does not support.");
      }
      return consumeDisruption(effective, budgets.get(0), name)
          .thenCompose(v -> pods.delete(effective, ns, name, options));
    });
    api.complete(req, f, out -> Responses.json(req, 201, success(201), ctx.warnings()), ctx);
  }

  private List<ObjectNode> matchingBudgets(String ns, Map<String, String> podLabels) {
    List<ObjectNode> out = new ArrayList<>();
    CacheManager.ListResult page = cache.list(PDBS, ns + "/", null,
        new WatchFilter(ns, o -> true), 0);
    for (CachedObject o : page.items()) {
      ObjectNode pdb = o.tree();
      JsonNode sel = pdb.path("spec").path("selector");
      if (sel.isMissingNode() || sel.isNull()) {
        continue;
      }
      Predicate<Map<String, String>> p = selectors.labelSelector(sel);
      // an empty selector matches every pod in policy/v1
      if (p.test(podLabels)) {
        out.add(pdb);
      }
    }
    return out;
  }

  private CompletableFuture<Void> consumeDisruption(WriteContext ctx, ObjectNode pdb,
      String podName) {
    String pdbName = Json.text(pdb.get("metadata"), "name");
    String ns = Json.text(pdb.get("metadata"), "namespace");
    GenericRegistry registry = catalog.anyVersion(PDBS)
        .orElseThrow(() -> ApiErrors.internal("poddisruptionbudgets are not served"));
    return registry.patch(ctx, ns, pdbName, current -> {
      JsonNode status = current.path("status");
      long generation = current.path("metadata").path("generation").asLong(0);
      if (status.path("observedGeneration").asLong(-1) < generation) {
        throw tooMany("The disruption budget " + pdbName
            + " is still being processed by the server.");
      }
      long allowed = status.path("disruptionsAllowed").asLong(0);
      if (allowed <= 0) {
        throw tooMany("The disruption budget " + pdbName + " needs "
            + status.path("desiredHealthy").asLong(0) + " healthy pods and has "
            + status.path("currentHealthy").asLong(0) + " currently");
      }
      ObjectNode st = (ObjectNode) current.get("status");
      st.put("disruptionsAllowed", allowed - 1);
      ObjectNode disrupted = st.has("disruptedPods") && st.get("disruptedPods").isObject()
          ? (ObjectNode) st.get("disruptedPods") : st.putObject("disruptedPods");
      disrupted.put(podName, DateTimeFormatter.ISO_INSTANT.format(
          clock.instant().truncatedTo(ChronoUnit.SECONDS)));
      return current;
    }, "status", false).thenApply(v -> null);
  }

  private static ApiException tooMany(String cause) {
    return new ApiException(429, "TooManyRequests",
        "Cannot evict pod as it would violate the pod's disruption budget.", null, null, null,
        List.of(new StatusCause("DisruptionBudget", cause, null)), 0);
  }

  // ------------------------------------------------------------------ namespaces/finalize

  private void finalizeNamespace(HttpServerRequest req, UserInfo user, GenericRegistry registry,
      String name, Buffer body, ApiHandler api) {
    WriteContext ctx = api.writeContext(req, user);
    JsonNode decoded = codec.decodeValue(ApiHandler.mediaType(
        req.getHeader(HttpHeaders.CONTENT_TYPE)), body.getBytes());
    if (!(decoded instanceof ObjectNode ns)) {
      throw ApiErrors.badRequest("the body of the request must be a Namespace object");
    }
    JsonNode finalizers = ns.path("spec").path("finalizers");
    CompletableFuture<WriteOutcome> f = registry.patch(ctx, null, name, current -> {
      ObjectNode spec = current.has("spec") && current.get("spec").isObject()
          ? (ObjectNode) current.get("spec") : current.putObject("spec");
      if (finalizers.isArray()) {
        spec.set("finalizers", finalizers.deepCopy());
      } else {
        spec.remove("finalizers");
      }
      return current;
    }, "finalize", false);
    api.complete(req, f, out -> api.respondTree(req, registry, out.object(), 200, ctx.warnings()),
        ctx);
  }

  static ObjectNode success(int code) {
    ObjectNode s = Json.NODES.objectNode();
    s.put("kind", "Status");
    s.put("apiVersion", "v1");
    s.putObject("metadata");
    s.put("status", "Success");
    s.put("code", code);
    return s;
  }
}
