package dev.berth.apiserver.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.berth.api.meta.GroupResource;
import dev.berth.api.status.ApiErrors;
import dev.berth.api.status.ApiException;
import dev.berth.api.validation.FieldError;
import dev.berth.apiserver.admission.AdmissionChain;
import dev.berth.apiserver.admission.AdmissionRequest;
import dev.berth.apiserver.admission.AdmissionRequest.Operation;
import dev.berth.apiserver.cache.CacheManager;
import dev.berth.apiserver.cache.CachedObject;
import dev.berth.apiserver.storage.StorageKeys;
import dev.berth.apiserver.util.Json;
import dev.berth.store.KeyValue;
import dev.berth.store.KvStore;
import dev.berth.store.StoreException;
import dev.berth.store.WriteResult;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.UnaryOperator;
import java.util.random.RandomGenerator;

/**
 * The REST semantics of one resource over the store and the watch cache: create, update, patch and
 * delete with upstream's metadata rules (uid, creationTimestamp, generation, resourceVersion
 * preconditions, finalizers and graceful deletion, status subresource isolation, dry run), reads
 * served from the cache.
 *
 * <p>Every read-modify-write goes through {@link #guaranteedUpdate}: it takes the latest known state,
 * applies a pure function, and writes conditionally on the state's revision, retrying with the state
 * the store reports on conflict, unless the client pinned a resourceVersion.
 */
public final class GenericRegistry {

  /** Upstream's etcd request limit; larger objects are refused with 413. */
  public static final int MAX_OBJECT_BYTES = 1536 * 1024;
  private static final int MAX_ATTEMPTS = 32;
  private static final String NAME_CHARS = "bcdfghjklmnpqrstvwxz2456789";

  private final ResourceType type;
  private final KvStore store;
  private final CacheManager cache;
  private final AdmissionChain admission;
  private final FieldTracker fields;
  private final Clock clock;
  private final RandomGenerator random;

  public GenericRegistry(ResourceType type, KvStore store, CacheManager cache,
      AdmissionChain admission, FieldTracker fields, Clock clock, RandomGenerator random) {
    this.type = type;
    this.store = store;
    this.cache = cache;
    this.admission = admission;
    this.fields = fields;
    this.clock = clock;
    this.random = random;
  }

  public ResourceType type() {
    return type;
  }

  private GroupResource gr() {
    return type.groupResource();
  }

  private String key(String ns, String name) {
    return StorageKeys.key(type.storage(), type.namespaced() ? ns : null, name);
  }

  private String objectKey(String ns, String name) {
    return StorageKeys.objectKey(type.namespaced() ? ns : null, name);
  }

  // ------------------------------------------------------------------ reads

  /** The cached object or null; no consistency wait. */
  public CachedObject cached(String ns, String name) {
    return cache.cache(type.storage()).get(objectKey(ns, name));
  }

  /** The object in the served version, as a fresh tree. */
  public ObjectNode served(CachedObject o) {
    ObjectNode t = o.tree();
    return type.converter().identity() ? t : type.converter().fromStorage(t);
  }

  /** Looks an object up after the cache has caught up with the store (a consistent read). */
  public CompletableFuture<CachedObject> getConsistent(String ns, String name) {
    return cache.waitForConsistent().thenApply(rev -> {
      CachedObject o = cached(ns, name);
      if (o == null) {
        throw ApiErrors.notFound(gr(), name);
      }
      return o;
    });
  }

  // ------------------------------------------------------------------ create

  public CompletableFuture<WriteOutcome> create(WriteContext ctx, String ns, ObjectNode body) {
    return create(ctx, ns, body, false);
  }

  /** @param tracked whether managedFields were already computed (server-side apply creating) */
  private CompletableFuture<WriteOutcome> create(WriteContext ctx, String ns, ObjectNode body,
      boolean tracked) {
    try {
      checkTypeMeta(body);
      ObjectNode meta = Json.metadata(body);
      if (type.namespaced()) {
        String bodyNs = Json.text(meta, "namespace");
        if (bodyNs != null && !bodyNs.isEmpty() && !bodyNs.equals(ns)) {
          throw ApiErrors.badRequest("the namespace of the provided object does not match the "
              + "namespace sent on the request");
        }
        meta.put("namespace", ns);
      } else {
        meta.remove("namespace");
      }
      boolean generated = false;
      String name = Json.text(meta, "name");
      if (name == null || name.isEmpty()) {
        String generateName = Json.text(meta, "generateName");
        if (generateName == null || generateName.isEmpty()) {
          throw ApiErrors.invalid(type.descriptor().group(), type.kind(), "",
              List.of(FieldError.required("metadata.name", "name or generateName is required")));
        }
        meta.put("name", generateName(generateName));
        generated = true;
      }
      type.strategy().applyDefaults(body);
      return createAttempt(ctx, ns, body, generated, tracked, 0);
    } catch (ApiException e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  private CompletableFuture<WriteOutcome> createAttempt(WriteContext ctx, String ns,
      ObjectNode body, boolean generated, boolean alreadyTracked, int attempt) {
    ObjectNode meta = Json.metadata(body);
    String name = Json.text(meta, "name");
    AdmissionRequest ar = new AdmissionRequest(Operation.CREATE, type, ns, name, null, body, null,
        ctx.user(), ctx.dryRun());
    return admission.admit(ar).thenCompose(v -> {
      prepareCreateMetadata(meta);
      type.hooks().prepareForCreate(body);
      type.strategy().prepareForCreate(body);
      List<FieldError> errors = type.strategy().validateCreate(body);
      if (!errors.isEmpty()) {
        throw ApiErrors.invalid(type.descriptor().group(), type.kind(), name, errors);
      }
      return admission.validate(ar);
    }).thenCompose(v -> {
      ObjectNode tracked = alreadyTracked ? body
          : fields.update(type, null, body, ctx.fieldManager(), null);
      byte[] bytes = storageBytes(tracked);
      if (ctx.dryRun()) {
        return CompletableFuture.completedFuture(new WriteOutcome(tracked, 201));
      }
      return store.create(key(ns, name), bytes).thenCompose(res -> {
        if (res.status() == WriteResult.Status.KEY_EXISTS) {
          if (generated && attempt < 8) {
            meta.put("name", generateName(Json.text(meta, "generateName")));
            return createAttempt(ctx, ns, body, true, alreadyTracked, attempt + 1);
          }
          throw ApiErrors.alreadyExists(gr(), name);
        }
        Json.metadata(tracked).put("resourceVersion", Long.toString(res.kv().modRevision()));
        return CompletableFuture.completedFuture(new WriteOutcome(tracked, 201));
      });
    }).exceptionallyCompose(GenericRegistry::translate);
  }

  private void prepareCreateMetadata(ObjectNode meta) {
    meta.put("uid", uid());
    meta.put("creationTimestamp", now());
    meta.remove("resourceVersion");
    meta.remove("deletionTimestamp");
    meta.remove("deletionGracePeriodSeconds");
    meta.remove("selfLink");
    if (type.descriptor().tracksGeneration()) {
      meta.put("generation", 1);
    } else {
      meta.remove("generation");
    }
  }

  // ------------------------------------------------------------------ update & patch

  /**
   * PUT: replaces the object (or its status). A resourceVersion in the body is a precondition.
   */
  public CompletableFuture<WriteOutcome> update(WriteContext ctx, String ns, String name,
      ObjectNode body, String subresource) {
    try {
      checkTypeMeta(body);
      checkNameAndNamespace(body, ns, name);
    } catch (ApiException e) {
      return CompletableFuture.failedFuture(e);
    }
    String precondition = Json.text(body.get("metadata"), "resourceVersion");
    if (precondition != null && precondition.isEmpty()) {
      precondition = null;
    }
    return guaranteedUpdate(ctx, ns, name, precondition, subresource, false,
        current -> body.deepCopy(), 0, null);
  }

  /**
   * PATCH: applies {@code patcher} to the current served object. A resourceVersion the patch leaves
   * in the result that differs from the current one is a conflict. With {@code apply}, the patcher
   * has already merged managedFields (server-side apply) and may receive null to create.
   */
  public CompletableFuture<WriteOutcome> patch(WriteContext ctx, String ns, String name,
      UnaryOperator<ObjectNode> patcher, String subresource, boolean apply) {
    return guaranteedUpdate(ctx, ns, name, null, subresource, apply, current -> {
      ObjectNode patched = patcher.apply(current);
      if (current != null) {
        String before = Json.text(current.get("metadata"), "resourceVersion");
        String after = Json.text(patched.get("metadata"), "resourceVersion");
        if (after != null && !after.isEmpty() && !after.equals(before)) {
          throw ApiErrors.modifiedConflict(gr(), name);
        }
      }
      checkTypeMeta(patched);
      checkNameAndNamespace(patched, ns, name);
      return patched;
    }, 0, null);
  }

  /** The state a read-modify-write starts from: the served tree and its revision. */
  private record Current(ObjectNode served, long revision) {}

  private CompletableFuture<WriteOutcome> guaranteedUpdate(WriteContext ctx, String ns,
      String name, String precondition, String subresource, boolean applyPatch,
      UnaryOperator<ObjectNode> update, int attempt, Current known) {
    CompletableFuture<Current> currentF = known != null ? CompletableFuture.completedFuture(known)
        : currentState(ns, name);
    return currentF.thenCompose(current -> {
      if (current == null) {
        if (applyPatch && subresource == null) {
          ObjectNode created = update.apply(null);
          return create(ctx, ns, created, true);
        }
        throw ApiErrors.notFound(gr(), name);
      }
      if (precondition != null && !precondition.equals(Long.toString(current.revision()))) {
        throw ApiErrors.modifiedConflict(gr(), name);
      }
      ObjectNode old = current.served();
      ObjectNode requested = update.apply(old.deepCopy());
      ObjectNode next = "status".equals(subresource) ? mergeStatus(old, requested)
          : subresource != null ? requested : prepareMainUpdate(old, requested);
      if (subresource == null) {
        type.strategy().applyDefaults(next);
        type.hooks().prepareForUpdate(next, old);
        type.strategy().prepareForUpdate(next, old);
      }
      Json.metadata(next).put("resourceVersion", Long.toString(current.revision()));
      rejectNewFinalizersWhileDeleting(next, old);
      AdmissionRequest ar = new AdmissionRequest(Operation.UPDATE, type, ns, name, subresource,
          next, old, ctx.user(), ctx.dryRun());
      return admission.admit(ar).thenCompose(v -> {
        // subresources (status, binding, finalize) carry their own narrow rules, not the spec's
        List<FieldError> errors = subresource == null ? type.strategy().validateUpdate(next, old)
            : List.of();
        if (!errors.isEmpty()) {
          throw ApiErrors.invalid(type.descriptor().group(), type.kind(), name, errors);
        }
        return admission.validate(ar);
      }).thenCompose(v -> {
        ObjectNode tracked = applyPatch ? next
            : fields.update(type, old, next, ctx.fieldManager(), subresource);
        if (sameContent(tracked, old)) {
          return CompletableFuture.completedFuture(new WriteOutcome(old, 200));
        }
        if (shouldDeleteAfterUpdate(tracked)) {
          return deleteNow(ctx, ns, name, tracked, current.revision());
        }
        byte[] bytes = storageBytes(tracked);
        if (ctx.dryRun()) {
          return CompletableFuture.completedFuture(new WriteOutcome(tracked, 200));
        }
        return store.update(key(ns, name), bytes, current.revision()).thenCompose(res -> {
          switch (res.status()) {
            case OK -> {
              Json.metadata(tracked).put("resourceVersion",
                  Long.toString(res.kv().modRevision()));
              return CompletableFuture.completedFuture(new WriteOutcome(tracked, 200));
            }
            case NOT_FOUND -> throw ApiErrors.notFound(gr(), name);
            default -> {
              if (precondition != null || attempt >= MAX_ATTEMPTS) {
                throw ApiErrors.modifiedConflict(gr(), name);
              }
              return guaranteedUpdate(ctx, ns, name, precondition, subresource, applyPatch,
                  update, attempt + 1, decodeCurrent(res.kv()));
            }
          }
        });
      });
    }).exceptionallyCompose(GenericRegistry::translate);
  }

  /** Main-resource updates keep server-owned metadata and, with a status subresource, the status. */
  private ObjectNode prepareMainUpdate(ObjectNode old, ObjectNode next) {
    ObjectNode meta = Json.metadata(next);
    ObjectNode oldMeta = Json.metadata(old);
    for (String f : List.of("uid", "creationTimestamp", "deletionTimestamp",
        "deletionGracePeriodSeconds", "generation")) {
      JsonNode v = oldMeta.get(f);
      if (v == null) {
        meta.remove(f);
      } else {
        meta.set(f, v);
      }
    }
    meta.remove("selfLink");
    if (type.descriptor().hasStatus()) {
      JsonNode status = old.get("status");
      if (status == null) {
        next.remove("status");
      } else {
        next.set("status", status.deepCopy());
      }
    }
    return next;
  }

  /** /status writes change only status (metadata stays, except the resourceVersion precondition). */
  private ObjectNode mergeStatus(ObjectNode old, ObjectNode requested) {
    ObjectNode next = old.deepCopy();
    JsonNode status = requested.get("status");
    if (status == null) {
      next.remove("status");
    } else {
      next.set("status", status);
    }
    return next;
  }

  private void rejectNewFinalizersWhileDeleting(ObjectNode next, ObjectNode old) {
    if (old.path("metadata").path("deletionTimestamp").isMissingNode()) {
      return;
    }
    List<String> before = texts(old.path("metadata").path("finalizers"));
    for (String f : texts(next.path("metadata").path("finalizers"))) {
      if (!before.contains(f)) {
        throw ApiErrors.invalid(type.descriptor().group(), type.kind(),
            Json.text(old.get("metadata"), "name"),
            List.of(FieldError.forbidden("metadata.finalizers",
                "no new finalizers can be added if the object is being deleted, found new "
                    + "finalizers []string{\"" + f + "\"}")));
      }
    }
  }

  /** An object being deleted whose last finalizer went away (and whose grace is over) is removed. */
  private boolean shouldDeleteAfterUpdate(ObjectNode obj) {
    JsonNode meta = obj.path("metadata");
    if (meta.path("deletionTimestamp").isMissingNode()) {
      return false;
    }
    if (meta.path("finalizers").size() > 0) {
      return false;
    }
    if (type.kind().equals("Namespace") && type.descriptor().group().isEmpty()) {
      return obj.path("spec").path("finalizers").size() == 0;
    }
    return type.hooks().gracePeriodSeconds(obj, null) < 0
        || meta.path("deletionGracePeriodSeconds").asLong(0) == 0;
  }

  // ------------------------------------------------------------------ delete

  public CompletableFuture<WriteOutcome> delete(WriteContext ctx, String ns, String name,
      DeleteOptions options) {
    return deleteAttempt(ctx, ns, name, options, 0, null)
        .exceptionallyCompose(GenericRegistry::translate);
  }

  private CompletableFuture<WriteOutcome> deleteAttempt(WriteContext ctx, String ns, String name,
      DeleteOptions options, int attempt, Current known) {
    CompletableFuture<Current> currentF = known != null ? CompletableFuture.completedFuture(known)
        : currentState(ns, name);
    return currentF.thenCompose(current -> {
      if (current == null) {
        throw ApiErrors.notFound(gr(), name);
      }
      ObjectNode obj = current.served();
      ObjectNode meta = Json.metadata(obj);
      if (options.preconditionUid() != null
          && !options.preconditionUid().equals(Json.text(meta, "uid"))) {
        throw ApiErrors.conflict(gr(), name, "Precondition failed: UID in precondition: "
            + options.preconditionUid() + ", UID in object meta: " + Json.text(meta, "uid"));
      }
      if (options.preconditionResourceVersion() != null
          && !options.preconditionResourceVersion().equals(Long.toString(current.revision()))) {
        throw ApiErrors.conflict(gr(), name, "Precondition failed: ResourceVersion in "
            + "precondition: " + options.preconditionResourceVersion()
            + ", ResourceVersion in object meta: " + current.revision());
      }
      AdmissionRequest ar = new AdmissionRequest(Operation.DELETE, type, ns, name, null, null, obj,
          ctx.user(), ctx.dryRun());
      return admission.validate(ar).thenCompose(v -> {
        ObjectNode next = obj.deepCopy();
        ObjectNode nextMeta = Json.metadata(next);
        boolean changed = addPropagationFinalizer(nextMeta, options.propagationPolicy());
        long grace = type.hooks().gracePeriodSeconds(obj, options.gracePeriodSeconds());
        boolean hasFinalizers = nextMeta.path("finalizers").size() > 0;
        boolean namespaceFinalizers = type.kind().equals("Namespace")
            && type.descriptor().group().isEmpty();
        boolean alreadyDeleting = nextMeta.has("deletionTimestamp");
        if (namespaceFinalizers) {
          if (!alreadyDeleting) {
            nextMeta.put("deletionTimestamp", now());
            nextMeta.put("deletionGracePeriodSeconds", 0);
            ObjectNode status = next.has("status") && next.get("status").isObject()
                ? (ObjectNode) next.get("status") : next.putObject("status");
            status.put("phase", "Terminating");
            changed = true;
          }
          if (!changed) {
            return CompletableFuture.completedFuture(new WriteOutcome(obj, 200));
          }
          if (next.path("spec").path("finalizers").size() == 0 && !hasFinalizers) {
            return deleteNow(ctx, ns, name, obj, current.revision());
          }
          return writeDeletionState(ctx, ns, name, next, current, options, attempt);
        }
        if (grace > 0) {
          long existing = nextMeta.path("deletionGracePeriodSeconds").asLong(Long.MAX_VALUE);
          if (!alreadyDeleting || grace < existing) {
            Instant deadline = clock.instant().truncatedTo(ChronoUnit.SECONDS).plusSeconds(grace);
            nextMeta.put("deletionTimestamp", DateTimeFormatter.ISO_INSTANT.format(deadline));
            nextMeta.put("deletionGracePeriodSeconds", grace);
            changed = true;
          }
          if (!changed) {
            return CompletableFuture.completedFuture(new WriteOutcome(obj, 200));
          }
          return writeDeletionState(ctx, ns, name, next, current, options, attempt);
        }
        if (hasFinalizers) {
          if (!alreadyDeleting || nextMeta.path("deletionGracePeriodSeconds").asLong(0) != 0) {
            nextMeta.put("deletionTimestamp", alreadyDeleting
                ? nextMeta.get("deletionTimestamp").asText() : now());
            nextMeta.put("deletionGracePeriodSeconds", 0);
            changed = true;
          }
          if (!changed) {
            return CompletableFuture.completedFuture(new WriteOutcome(obj, 200));
          }
          return writeDeletionState(ctx, ns, name, next, current, options, attempt);
        }
        return deleteNow(ctx, ns, name, obj, current.revision());
      });
    });
  }

  private CompletableFuture<WriteOutcome> writeDeletionState(WriteContext ctx, String ns,
      String name, ObjectNode next, Current current, DeleteOptions options, int attempt) {
    if (ctx.dryRun() || options.dryRun()) {
      return CompletableFuture.completedFuture(new WriteOutcome(next, 200));
    }
    ObjectNode tracked = fields.update(type, current.served(), next, ctx.fieldManager(), null);
    return store.update(key(ns, name), storageBytes(tracked), current.revision())
        .thenCompose(res -> {
          switch (res.status()) {
            case OK -> {
              Json.metadata(tracked).put("resourceVersion",
                  Long.toString(res.kv().modRevision()));
              return CompletableFuture.completedFuture(new WriteOutcome(tracked, 200));
            }
            case NOT_FOUND -> throw ApiErrors.notFound(gr(), name);
            default -> {
              if (attempt >= MAX_ATTEMPTS) {
                throw ApiErrors.modifiedConflict(gr(), name);
              }
              return deleteAttempt(ctx, ns, name, options, attempt + 1, decodeCurrent(res.kv()));
            }
          }
        });
  }

  private CompletableFuture<WriteOutcome> deleteNow(WriteContext ctx, String ns, String name,
      ObjectNode obj, long revision) {
    if (ctx.dryRun()) {
      return CompletableFuture.completedFuture(new WriteOutcome(obj, 200));
    }
    return store.delete(key(ns, name), revision).thenCompose(res -> {
      switch (res.status()) {
        case OK -> {
          Json.metadata(obj).put("resourceVersion", Long.toString(res.revision()));
          return CompletableFuture.completedFuture(new WriteOutcome(obj, 200));
        }
        case NOT_FOUND -> throw ApiErrors.notFound(gr(), name);
        default -> {
          // changed underneath: start over from the state the store reports
          return deleteAttempt(ctx, ns, name, DeleteOptions.DEFAULT, 1, decodeCurrent(res.kv()));
        }
      }
    });
  }

  private static boolean addPropagationFinalizer(ObjectNode meta, String policy) {
    String finalizer = policy == null ? null : switch (policy) {
      case "Orphan" -> "orphan";
      case "Foreground" -> "foregroundDeletion";
      default -> null;
    };
    if (finalizer == null) {
      return false;
    }
    ArrayNode list = meta.has("finalizers") && meta.get("finalizers").isArray()
        ? (ArrayNode) meta.get("finalizers") : meta.putArray("finalizers");
    for (JsonNode f : list) {
      if (finalizer.equals(f.asText())) {
        return false;
      }
    }
    // a new policy replaces the other propagation finalizer
    for (int i = list.size() - 1; i >= 0; i--) {
      String f = list.get(i).asText();
      if (f.equals("orphan") || f.equals("foregroundDeletion")) {
        list.remove(i);
      }
    }
    list.add(finalizer);
    return true;
  }

  // ------------------------------------------------------------------ helpers

  private CompletableFuture<Current> currentState(String ns, String name) {
    CachedObject o = cached(ns, name);
    if (o != null) {
      return CompletableFuture.completedFuture(new Current(served(o), o.revision()));
    }
    // maybe created a moment ago: read consistently before answering NotFound
    return cache.waitForConsistent().thenApply(rev -> {
      CachedObject again = cached(ns, name);
      return again == null ? null : new Current(served(again), again.revision());
    });
  }

  private Current decodeCurrent(KeyValue kv) {
    if (kv == null || kv.value() == null) {
      return null;
    }
    ObjectNode tree = Json.parseTrusted(kv.value());
    Json.metadata(tree).put("resourceVersion", Long.toString(kv.modRevision()));
    return new Current(type.converter().identity() ? tree : type.converter().fromStorage(tree),
        kv.modRevision());
  }

  private boolean sameContent(ObjectNode next, ObjectNode old) {
    return next.equals(old);
  }

  /** The bytes kept in the store: storage version, no resourceVersion. */
  private byte[] storageBytes(ObjectNode served) {
    ObjectNode copy = served.deepCopy();
    Json.metadata(copy).remove("resourceVersion");
    ObjectNode stored = type.converter().identity() ? copy : type.converter().toStorage(copy);
    byte[] bytes = Json.bytes(stored);
    if (bytes.length > MAX_OBJECT_BYTES) {
      throw ApiErrors.requestEntityTooLarge("Request entity too large: limit is "
          + MAX_OBJECT_BYTES + " bytes, object is " + bytes.length + " bytes");
    }
    return bytes;
  }

  private void checkTypeMeta(ObjectNode body) {
    String apiVersion = Json.text(body, "apiVersion");
    String kind = Json.text(body, "kind");
    String expectedVersion = type.descriptor().apiVersion();
    if (apiVersion == null || apiVersion.isEmpty()) {
      body.put("apiVersion", expectedVersion);
    } else if (!apiVersion.equals(expectedVersion)) {
      throw ApiErrors.badRequest("the API version in the data (" + apiVersion
          + ") does not match the expected API version (" + expectedVersion + ")");
    }
    if (kind == null || kind.isEmpty()) {
      body.put("kind", type.kind());
    } else if (!kind.equals(type.kind())) {
      throw ApiErrors.badRequest("the kind in the data (" + kind
          + ") does not match the expected kind (" + type.kind() + ")");
    }
    reorderTypeMeta(body);
  }

  /** Keeps apiVersion and kind first, as upstream serialises objects. */
  private static void reorderTypeMeta(ObjectNode body) {
    Iterator<String> names = body.fieldNames();
    String first = names.hasNext() ? names.next() : null;
    String second = names.hasNext() ? names.next() : null;
    if (Objects.equals(first, "apiVersion") && Objects.equals(second, "kind")
        || Objects.equals(first, "kind") && Objects.equals(second, "apiVersion")) {
      return;
    }
    ObjectNode copy = body.deepCopy();
    body.removeAll();
    body.set("apiVersion", copy.get("apiVersion"));
    body.set("kind", copy.get("kind"));
    copy.fields().forEachRemaining(e -> {
      if (!e.getKey().equals("apiVersion") && !e.getKey().equals("kind")) {
        body.set(e.getKey(), e.getValue());
      }
    });
  }

  private void checkNameAndNamespace(ObjectNode body, String ns, String name) {
    ObjectNode meta = Json.metadata(body);
    String bodyName = Json.text(meta, "name");
    if (bodyName == null || bodyName.isEmpty()) {
      meta.put("name", name);
    } else if (!bodyName.equals(name)) {
      throw ApiErrors.badRequest("the name of the object (" + bodyName
          + ") does not match the name on the URL (" + name + ")");
    }
    if (type.namespaced()) {
      String bodyNs = Json.text(meta, "namespace");
      if (bodyNs != null && !bodyNs.isEmpty() && !bodyNs.equals(ns)) {
        throw ApiErrors.badRequest("the namespace of the provided object does not match the "
            + "namespace sent on the request");
      }
      meta.put("namespace", ns);
    } else {
      meta.remove("namespace");
    }
  }

  private String generateName(String prefix) {
    String base = prefix.length() > 58 ? prefix.substring(0, 58) : prefix;
    StringBuilder sb = new StringBuilder(base);
    for (int i = 0; i < 5; i++) {
      sb.append(NAME_CHARS.charAt(random.nextInt(NAME_CHARS.length())));
    }
    return sb.toString();
  }

  private String uid() {
    return new UUID((random.nextLong() & ~0xF000L) | 0x4000L,
        (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L).toString();
  }

  public String now() {
    return DateTimeFormatter.ISO_INSTANT.format(clock.instant().truncatedTo(ChronoUnit.SECONDS));
  }

  private static List<String> texts(JsonNode arr) {
    List<String> out = new ArrayList<>();
    if (arr != null && arr.isArray()) {
      arr.forEach(n -> out.add(n.asText()));
    }
    return out;
  }

  /** Store failures become Status errors here, once. */
  static <T> CompletableFuture<T> translate(Throwable t) {
    Throwable cause = t;
    while ((cause instanceof CompletionException || cause instanceof java.util.concurrent.ExecutionException)
        && cause.getCause() != null) {
      cause = cause.getCause();
    }
    if (cause instanceof ApiException) {
      return CompletableFuture.failedFuture(cause);
    }
    if (cause instanceof StoreException se) {
      return CompletableFuture.failedFuture(switch (se.code()) {
        case TOO_LARGE -> ApiErrors.requestEntityTooLarge("Request entity too large");
        case UNAVAILABLE, CLOSED -> ApiErrors.serviceUnavailable("storage is unavailable: "
            + se.getMessage());
        default -> ApiErrors.internal(se.getMessage());
      });
    }
    return CompletableFuture.failedFuture(cause);
  }
}
