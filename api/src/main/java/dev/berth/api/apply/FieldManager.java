package dev.berth.api.apply;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.berth.api.apply.ManagedFields.Decoded;
import dev.berth.api.apply.ManagedFields.Entry;
import dev.berth.api.apply.ManagedFields.Operation;
import dev.berth.api.meta.GroupVersionKind;
import dev.berth.api.schema.Schema;
import dev.berth.api.status.ApiErrors;
import dev.berth.api.status.ApiException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Field ownership for writes: keeps {@code metadata.managedFields} up to date on every create,
 * update and non-apply patch ({@link #update}), and performs server-side apply ({@link #apply}), with
 * the semantics of kube-apiserver's default field manager (k8s.io/apimachinery managedfields and
 * sigs.k8s.io/structured-merge-diff).
 *
 * <p>What the caller does around it, as kube-apiserver's handlers do:
 * <ul>
 *   <li>the manager name is the {@code fieldManager} parameter; when a non-apply request has none,
 *       derive it with {@link #managerOrUserAgent} (apply requires one, 422 otherwise);</li>
 *   <li>check that an applied configuration has the endpoint's apiVersion and kind
 *       ({@link #checkAppliedKind}) before applying;</li>
 *   <li>pass in {@code ignoredPaths} the fields this endpoint resets (upstream's "reset fields":
 *       {@code .status} for the main resource of a kind with a status subresource, everything but
 *       {@code .status} for {@code /status}); they are neither owned nor conflict. Their content is
 *       merged like the rest: resetting it to the stored values stays the caller's job, as it is the
 *       strategy's upstream.</li>
 * </ul>
 *
 * <p>Cost: an update compares the stored and new objects in one walk that skips equal subtrees, and
 * decodes only the managedFields entries it has to change; untouched entries are written back as
 * the JSON they were read from. A kubelet status write to a typical Pod costs a few microseconds.
 *
 * <p>Differences from upstream, on purpose: paths are not converted between API versions (managers
 * at another version are compared as if the schema were the same); on create the previous object is
 * an empty object, so a struct field that Go would have zero-valued (like {@code spec}) appears as
 * owned ({@code ".": {}}) the way it does for custom resources.
 *
 * <p>Thread-safe; one instance can serve all resources.
 */
public final class FieldManager {

  private static final System.Logger LOG = System.getLogger(FieldManager.class.getName());

  /** Upstream's cap on Update entries; older ones are merged into {@link #ANCIENT_CHANGES}. */
  public static final int DEFAULT_MAX_UPDATE_MANAGERS = 10;

  /** The manager the oldest Update entries are merged into when there are too many. */
  public static final String ANCIENT_CHANGES = "ancient-changes";

  /** The manager that owns an object's existing fields when it is first applied to. */
  public static final String BEFORE_FIRST_APPLY = "before-first-apply";

  /** The manager whose applies upgrade client-side apply (the last-applied annotation). */
  static final String KUBECTL = "kubectl";

  private static final ObjectMapper JSON = new ObjectMapper();

  /** Fields no manager ever owns (upstream's stripMetaManager). */
  private static final FieldSet NEVER_OWNED = FieldSet.of(
      FieldPath.fields("apiVersion"),
      FieldPath.fields("kind"),
      FieldPath.fields("metadata"),
      FieldPath.fields("metadata", "name"),
      FieldPath.fields("metadata", "namespace"),
      FieldPath.fields("metadata", "creationTimestamp"),
      FieldPath.fields("metadata", "selfLink"),
      FieldPath.fields("metadata", "uid"),
      FieldPath.fields("metadata", "clusterName"),
      FieldPath.fields("metadata", "generation"),
      FieldPath.fields("metadata", "managedFields"),
      FieldPath.fields("metadata", "resourceVersion"));

  private static final int ANNOTATIONS_MAX_BYTES = 256 * 1024;
  private static final int KEY_CACHE_LIMIT = 8192;

  private final Clock clock;
  private final int maxUpdateManagers;
  /** Parsed FieldsV1 keys that need JSON parsing (k: and v:); bounded, cleared when full. */
  private final Map<String, PathElement> keyCache = new ConcurrentHashMap<>();
  private final Function<String, PathElement> keyParser = this::parseKey;

  public FieldManager(Clock clock) {
    this(clock, DEFAULT_MAX_UPDATE_MANAGERS);
  }

  public FieldManager(Clock clock, int maxUpdateManagers) {
    this.clock = clock;
    this.maxUpdateManagers = maxUpdateManagers;
  }

  /**
   * The manager name of a request: the {@code fieldManager} parameter, or else the User-Agent up to
   * its first {@code /}, without unprintable characters and cut to 128 bytes (upstream's
   * managerOrUserAgent).
   */
  public static String managerOrUserAgent(String fieldManager, String userAgent) {
    if (fieldManager != null && !fieldManager.isEmpty()) {
      return fieldManager;
    }
    if (userAgent == null) {
      return "";
    }
    int slash = userAgent.indexOf('/');
    String prefix = slash < 0 ? userAgent : userAgent.substring(0, slash);
    StringBuilder sb = new StringBuilder();
    int bytes = 0;
    for (int i = 0; i < prefix.length(); ) {
      int cp = prefix.codePointAt(i);
      i += Character.charCount(cp);
      if (!GoJson.isPrintable(cp)) {
        continue;
      }
      int len = new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8).length;
      if (bytes + len > ManagedFields.FIELD_MANAGER_MAX_LENGTH) {
        break;
      }
      bytes += len;
      sb.appendCodePoint(cp);
    }
    return sb.toString();
  }

  /**
   * Upstream's first check of an apply: the configuration must be of the endpoint's kind and
   * version, else 400 {@code invalid object type: apps/v1, Kind=Deployment} (Go's notation for the
   * configuration's group, version and kind; the core group prints as {@code /v1}).
   */
  public static void checkAppliedKind(JsonNode applied, GroupVersionKind expected) {
    String apiVersion = applied.path("apiVersion").asText("");
    String kind = applied.path("kind").asText("");
    String group = "";
    String version = apiVersion;
    int slash = apiVersion.indexOf('/');
    if (slash >= 0) {
      group = apiVersion.substring(0, slash);
      version = apiVersion.substring(slash + 1);
      if (version.contains("/")) {
        group = "";
        version = "";
      }
    }
    if (!group.equals(expected.group()) || !version.equals(expected.version()) || !kind.equals(expected.kind())) {
      throw ApiErrors.badRequest("invalid object type: " + group + "/" + version + ", Kind=" + kind);
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Update

  /** {@link #update(ObjectNode, ObjectNode, String, String, String, Schema, FieldSet)} without ignored paths. */
  public ObjectNode update(ObjectNode oldObj, ObjectNode newObj, String manager, String subresource,
      String apiVersion, Schema schema) {
    return update(oldObj, newObj, manager, subresource, apiVersion, schema, FieldSet.empty());
  }

  /**
   * Records a create, update or non-apply patch in {@code newObj}'s managedFields: the fields this
   * write changed become owned by {@code manager} (an Update entry per manager, apiVersion and
   * subresource) and are taken from every other manager; entries left empty are dropped; the
   * writer's entry gets the current time when it changes; at most {@code maxUpdateManagers} Update
   * entries are kept.
   *
   * <p>The managedFields of {@code newObj} come, as upstream, from the request when it carries valid
   * ones (clients may edit managedFields), are reset when the request sends {@code []} or
   * {@code [{}]}, and otherwise are the stored object's. Writes to a subresource always use the
   * stored ones. An existing object without managedFields stays untracked until someone applies.
   *
   * @param oldObj the stored object, or null on create
   * @param newObj the object about to be stored; its managedFields are replaced in place
   * @param manager the field manager (see {@link #managerOrUserAgent}); empty means "unknown"
   * @param subresource the subresource written ({@code "status"}), or empty/null
   * @param apiVersion the version of the request ({@code apps/v1})
   * @param schema the schema of the kind at that version
   * @param ignoredPaths fields this endpoint resets: never owned, never taken from others
   * @return {@code newObj}; entries of its managedFields that did not change may be the very JSON
   *     nodes of {@code oldObj}'s managedFields (both objects are meant to be stored, not edited)
   */
  public ObjectNode update(ObjectNode oldObj, ObjectNode newObj, String manager, String subresource,
      String apiVersion, Schema schema, FieldSet ignoredPaths) {
    String sub = subresource == null ? "" : subresource;
    ObjectNode live = oldObj != null ? oldObj : JsonNodeFactory.instance.objectNode();
    Map<Tracked.Key, Tracked> managed = decodeLiveOrNew(live, newObj, !sub.isEmpty());
    ManagedFields.remove(newObj);
    if (managed.isEmpty() && hasUid(live)) {
      // Upstream tracks an existing object only once something owns fields of it (an apply).
      return newObj;
    }
    try {
      recordUpdate(live, newObj, managed, managerName(manager), sub, apiVersion, schema, ignoredPaths);
    } catch (InvalidValueException | IllegalArgumentException e) {
      // Upstream's UpdateNoErrors: an object or managedFields it cannot follow keeps the stored ones.
      LOG.log(System.Logger.Level.WARNING, "failed to update managedFields, keeping the stored ones: {0}",
          e.getMessage());
      JsonNode previous = ManagedFields.of(live);
      if (previous != null && !previous.isNull()) {
        ManagedFields.metadata(newObj).set("managedFields", previous.deepCopy());
      }
      return newObj;
    }
    ManagedFields.writeTracked(newObj, managed.values());
    return newObj;
  }

  private static String managerName(String manager) {
    return manager == null || manager.isEmpty() ? "unknown" : manager;
  }

  private static boolean hasUid(JsonNode obj) {
    JsonNode uid = obj.path("metadata").path("uid");
    return uid.isTextual() && !uid.textValue().isEmpty();
  }

  /**
   * Upstream's decodeLiveOrNew: the request's managedFields when it carries valid ones (unless this
   * is a subresource), none when it asks for a reset, the stored ones otherwise. Stored entries are
   * read lazily; a request that merely repeats them is treated as the stored ones.
   */
  private Map<Tracked.Key, Tracked> decodeLiveOrNew(JsonNode live, JsonNode newObj, boolean subresource) {
    JsonNode stored = ManagedFields.of(live);
    if (!subresource) {
      JsonNode fromRequest = ManagedFields.of(newObj);
      if (ManagedFields.isReset(fromRequest)) {
        return new LinkedHashMap<>();
      }
      if (fromRequest != null && !fromRequest.isNull() && !fromRequest.equals(stored)
          && ManagedFields.decode(fromRequest, keyParser) instanceof Decoded.Valid v && !v.entries().isEmpty()) {
        return byIdentifier(v.entries());
      }
    }
    return readStored(stored);
  }

  private Map<Tracked.Key, Tracked> readStored(JsonNode stored) {
    List<Tracked> lazy = ManagedFields.readStored(stored);
    Map<Tracked.Key, Tracked> m = new LinkedHashMap<>();
    if (lazy != null) {
      for (Tracked t : lazy) {
        m.put(t.key, t);
      }
      return m;
    }
    if (ManagedFields.decode(stored, keyParser) instanceof Decoded.Valid v) {
      return byIdentifier(v.entries());
    }
    return m;
  }

  private static Map<Tracked.Key, Tracked> byIdentifier(List<Entry> entries) {
    Map<Tracked.Key, Tracked> m = new LinkedHashMap<>();
    for (Entry e : entries) {
      Tracked t = Tracked.of(e);
      m.put(t.key, t);
    }
    return m;
  }

  /** The Update path of upstream's managers chain; mutates {@code managed}. */
  private void recordUpdate(JsonNode live, JsonNode newObj, Map<Tracked.Key, Tracked> managed, String manager,
      String subresource, String apiVersion, Schema schema, FieldSet ignored) {
    Compare.Result cmp = Compare.compare(live, newObj, schema).excluding(ignored);
    if (cmp.isEmpty()) {
      return;
    }
    FieldSet changed = cmp.added().union(cmp.modified()).union(cmp.removed());
    FieldSet owned = cmp.added().union(cmp.modified()).difference(cmp.removed())
        .recursiveDifference(ignored).difference(NEVER_OWNED);
    Tracked.Key id = Tracked.Key.of(manager, Operation.UPDATE, apiVersion, subresource);
    // Everyone loses what changed; the writer then owns it again. For the writer's own entry that is
    // computed without touching what it keeps, so an unchanged set keeps its stored JSON.
    takeFromOthers(managed, changed, id);
    Tracked previous = managed.get(id);
    if (previous != null) {
      FieldSet lost = changed.difference(owned);
      if (previous.mayIntersect(lost)) {
        FieldSet left = previous.fields(keyParser).difference(lost);
        if (left.isEmpty() && owned.isEmpty()) {
          managed.remove(id);
        } else {
          previous.fields(left);
        }
      }
    }
    if (!owned.isEmpty()) {
      if (previous == null) {
        managed.put(id, new Tracked(manager, Operation.UPDATE, apiVersion, subresource, now(), null, owned));
      } else {
        previous.addAll(owned, keyParser);
        previous.time(now());
      }
    }
    capUpdateManagers(managed);
  }

  /** Removes {@code fields} from every manager but {@code except}; drops entries left empty. */
  private void takeFromOthers(Map<Tracked.Key, Tracked> managed, FieldSet fields, Tracked.Key except) {
    for (Iterator<Map.Entry<Tracked.Key, Tracked>> it = managed.entrySet().iterator(); it.hasNext(); ) {
      Map.Entry<Tracked.Key, Tracked> me = it.next();
      Tracked t = me.getValue();
      if (me.getKey().equals(except) || !t.mayIntersect(fields)) {
        continue;
      }
      FieldSet left = t.fields(keyParser).difference(fields);
      if (left.isEmpty()) {
        it.remove();
      } else {
        t.fields(left);
      }
    }
  }

  /**
   * Upstream's capManagersManager: while there are more Update entries than the cap, the oldest
   * (by time, then identifier) are merged, per apiVersion, into an {@code ancient-changes} entry.
   */
  private void capUpdateManagers(Map<Tracked.Key, Tracked> managed) {
    int count = 0;
    for (Tracked t : managed.values()) {
      if (t.operation == Operation.UPDATE) {
        count++;
      }
    }
    if (count <= maxUpdateManagers) {
      return;
    }
    List<Tracked> updaters = new ArrayList<>(count);
    for (Tracked t : managed.values()) {
      if (t.operation == Operation.UPDATE) {
        updaters.add(t);
      }
    }
    updaters.sort((a, b) -> {
      long ta = a.time() == null ? 0 : a.time().getEpochSecond();
      long tb = b.time() == null ? 0 : b.time().getEpochSecond();
      return ta != tb ? Long.compare(ta, tb) : GoJson.compareStrings(a.identifier(), b.identifier());
    });
    Map<String, Tracked.Key> firstOfVersion = new HashMap<>();
    int length = updaters.size();
    for (int i = 0; i < updaters.size() && length > maxUpdateManagers; i++) {
      Tracked t = updaters.get(i);
      String version = t.apiVersion;
      Tracked.Key bucket = Tracked.Key.of(ANCIENT_CHANGES, Operation.UPDATE, version, "");
      Tracked.Key first = firstOfVersion.get(version);
      if (first == null) {
        firstOfVersion.put(version, t.key);
        continue;
      }
      if (t.key.equals(bucket)) {
        // Upstream would merge the bucket into itself and then delete it; keep it instead.
        continue;
      }
      Tracked b = managed.get(bucket);
      if (b == null) {
        Tracked firstEntry = managed.remove(first);
        b = new Tracked(ANCIENT_CHANGES, Operation.UPDATE, version, "", firstEntry.time(), null,
            firstEntry.fields(keyParser));
        managed.put(bucket, b);
      }
      b.fields(t.fields(keyParser).union(b.fields(keyParser)));
      if (t.time() != null) {
        b.time(t.time());
      }
      managed.remove(t.key);
      length--;
    }
  }

  private Instant now() {
    return Instant.ofEpochSecond(Math.floorDiv(clock.millis(), 1000L));
  }

  // ---------------------------------------------------------------------------------------------
  // Apply

  /** {@link #apply(ObjectNode, ObjectNode, String, String, boolean, String, Schema, FieldSet)} on the main resource. */
  public ApplyResult apply(ObjectNode liveObj, ObjectNode applied, String manager, boolean force,
      String apiVersion, Schema schema) {
    return apply(liveObj, applied, manager, "", force, apiVersion, schema, FieldSet.empty());
  }

  /**
   * Server-side apply: merges {@code applied} into {@code liveObj} and makes {@code manager} the
   * owner of exactly the fields {@code applied} specifies.
   *
   * <ul>
   *   <li>Struct fields and granular maps merge field by field; associative lists merge by key and
   *       sets by value, in upstream's order; atomic lists and maps are replaced.</li>
   *   <li>Fields whose value would change and that another manager owns are conflicts: without
   *       {@code force} nothing is applied and they are returned; with {@code force} the applier
   *       takes them over. Setting a field to the value it already has is never a conflict, and the
   *       field is then owned by both.</li>
   *   <li>Fields the manager applied before but no longer specifies are removed from the object,
   *       unless another manager owns them too.</li>
   *   <li>An object nobody tracked yet first gets its fields attributed to
   *       {@code before-first-apply}. When the manager is {@code kubectl} and the object has the
   *       last-applied annotation, conflicts on fields that still hold their last-applied value are
   *       forced (upgrading client-side apply), and the annotation is updated after the apply.</li>
   * </ul>
   *
   * @param liveObj the stored object, or null to create it
   * @param applied the configuration; must have apiVersion and kind (checked by the caller) and
   *     no managedFields
   * @throws ApiException 400 when {@code applied} sets metadata.managedFields; 500 (upstream's
   *     untyped error) when it does not fit the schema, e.g. a list element without its key
   */
  public ApplyResult apply(ObjectNode liveObj, ObjectNode applied, String manager, String subresource,
      boolean force, String apiVersion, Schema schema, FieldSet ignoredPaths) {
    JsonNode appliedManaged = ManagedFields.of(applied);
    if (appliedManaged != null && !appliedManaged.isNull()) {
      throw ApiErrors.badRequest("metadata.managedFields must be nil");
    }
    String sub = subresource == null ? "" : subresource;
    String name = managerName(manager);
    ObjectNode live = liveObj != null ? liveObj : JsonNodeFactory.instance.objectNode();
    if (ManagedFields.readStored(ManagedFields.of(live)) == null
        && ManagedFields.decode(ManagedFields.of(live), keyParser) instanceof Decoded.Invalid bad) {
      throw untyped("failed to decode managed fields: " + bad.reason());
    }
    FieldSet config;
    try {
      config = FieldSets.of(applied, schema);
    } catch (SchemaMismatchException e) {
      throw untyped("failed to create typed patch object (" + describe(applied) + "): " + e.getMessage());
    }

    ApplyResult result = applyOnce(live, applied, config, readStored(ManagedFields.of(live)), name, sub, force,
        apiVersion, schema, ignoredPaths);
    if (result instanceof ApplyResult.Conflicted c && name.equals(KUBECTL)) {
      FieldSet allowed = allowedByLastApplied(live, apiVersion, schema);
      if (allowed != null) {
        List<Conflict> remaining = new ArrayList<>();
        for (Conflict conflict : c.conflicts()) {
          if (!allowed.contains(conflict.path())) {
            remaining.add(conflict);
          }
        }
        result = remaining.isEmpty()
            ? applyOnce(live, applied, config, readStored(ManagedFields.of(live)), name, sub, true, apiVersion,
                schema, ignoredPaths)
            : new ApplyResult.Conflicted(remaining);
      }
    }
    if (result instanceof ApplyResult.Applied a && name.equals(KUBECTL)) {
      updateLastApplied(a.object(), applied);
    }
    return result;
  }

  private ApplyResult applyOnce(ObjectNode live, ObjectNode applied, FieldSet config,
      Map<Tracked.Key, Tracked> managed, String manager, String subresource, boolean force, String apiVersion,
      Schema schema, FieldSet ignored) {
    try {
      if (managed.isEmpty()) {
        // Upstream's skipNonAppliedManager: existing fields belong to someone before the first apply.
        recordUpdate(JsonNodeFactory.instance.objectNode(), live, managed, BEFORE_FIRST_APPLY, subresource,
            apiVersion, schema, ignored);
      }
      ObjectNode merged = Merge.merge(schema, live, applied);
      Tracked.Key id = Tracked.Key.of(manager, Operation.APPLY, apiVersion, subresource);
      Tracked last = managed.get(id);
      FieldSet owned = config.recursiveDifference(ignored);
      managed.put(id, new Tracked(manager, Operation.APPLY, apiVersion, subresource,
          last == null ? null : last.time(), null, owned));
      if (last != null && !last.isEmpty(keyParser)) {
        merged = prune(merged, managed, last.fields(keyParser).recursiveDifference(ignored), schema);
      }

      Compare.Result cmp = Compare.compare(live, merged, schema).excluding(ignored);
      FieldSet contested = cmp.modified().union(cmp.added());
      Map<String, List<Conflict>> conflicts = new LinkedHashMap<>();
      Map<Tracked.Key, FieldSet> conflictSets = new HashMap<>();
      for (Map.Entry<Tracked.Key, Tracked> me : managed.entrySet()) {
        Tracked other = me.getValue();
        if (me.getKey().equals(id) || !other.mayIntersect(contested)) {
          continue;
        }
        FieldSet clash = other.fields(keyParser).intersection(contested);
        if (!clash.isEmpty()) {
          conflictSets.put(me.getKey(), clash);
          List<Conflict> list = conflicts.computeIfAbsent(other.identifier(), k -> new ArrayList<>());
          clash.forEachPath(p -> list.add(new Conflict(other.manager, other.operation, other.apiVersion,
              other.subresource, p)));
        }
      }
      if (!force && !conflicts.isEmpty()) {
        return new ApplyResult.Conflicted(ApplyConflicts.sorted(conflicts));
      }
      for (Map.Entry<Tracked.Key, FieldSet> cs : conflictSets.entrySet()) {
        Tracked t = managed.get(cs.getKey());
        t.fields(t.fields(keyParser).difference(cs.getValue()));
      }
      takeFromOthers(managed, cmp.removed(), id);
      managed.values().removeIf(t -> t.isEmpty(keyParser));

      Tracked mine = managed.get(id);
      if (mine != null) {
        FieldSet kept = mine.fields(keyParser).difference(NEVER_OWNED);
        if (kept.isEmpty()) {
          managed.remove(id);
        } else {
          mine.fields(kept);
        }
      }

      boolean changed = !sameIgnoringManagedFields(live, merged);
      ObjectNode out;
      if (changed) {
        mine = managed.get(id);
        if (mine != null) {
          mine.time(now());
        }
        out = merged;
        // The metadata node may come from the inputs; it is about to be modified.
        JsonNode meta = out.get("metadata");
        if (meta instanceof ObjectNode m) {
          out.set("metadata", m.deepCopy());
        }
      } else {
        out = live.deepCopy();
      }
      ManagedFields.writeTracked(out, managed.values());
      JsonNode written = ManagedFields.of(out);
      if (written != null) {
        // Unchanged entries are the stored nodes; the result must not share them with the live object.
        ((ObjectNode) out.get("metadata")).set("managedFields", written.deepCopy());
      }
      return new ApplyResult.Applied(out, changed);
    } catch (InvalidValueException e) {
      throw untyped("failed to create typed live object (" + describe(live) + "): " + e.getMessage());
    } catch (IllegalArgumentException e) {
      throw untyped("failed to decode managed fields: " + e.getMessage());
    }
  }

  /**
   * Removes from {@code merged} what the applier applied last time and no longer specifies, unless
   * another manager (or the new configuration) still owns it: upstream's prune, addBackOwnedItems
   * and addBackDanglingItems taken together.
   */
  private ObjectNode prune(ObjectNode merged, Map<Tracked.Key, Tracked> managed, FieldSet last, Schema schema) {
    FieldSet.Node owned = null;
    for (Tracked t : managed.values()) {
      owned = FieldSet.union(owned, t.fields(keyParser).root());
    }
    FieldSet.Node lastNamed = FieldSets.ensureNamedFieldsAreMembers(last.root(), schema);
    FieldSet.Node ownedNamed = FieldSets.ensureNamedFieldsAreMembers(owned, schema);
    FieldSet toRemove = FieldSet.of(FieldSet.difference(lastNamed, ownedNamed));
    return Remove.remove(merged, toRemove, schema);
  }

  private static boolean sameIgnoringManagedFields(JsonNode a, JsonNode b) {
    if (a.size() != b.size()) {
      return false;
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = a.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      JsonNode other = b.get(e.getKey());
      if (other == null) {
        return false;
      }
      if (e.getKey().equals("metadata") && e.getValue().isObject() && other.isObject()) {
        ObjectNode ma = ((ObjectNode) e.getValue()).deepCopy();
        ObjectNode mb = ((ObjectNode) other).deepCopy();
        ma.remove("managedFields");
        mb.remove("managedFields");
        if (!GoJson.equalValues(ma, mb)) {
          return false;
        }
      } else if (!GoJson.equalValues(e.getValue(), other)) {
        return false;
      }
    }
    return true;
  }

  /**
   * The fields kubectl may take over from client-side apply without conflict: those of the
   * last-applied annotation whose live value is still the last-applied one. Null when the annotation
   * is missing or unusable.
   */
  private static FieldSet allowedByLastApplied(JsonNode live, String apiVersion, Schema schema) {
    JsonNode text = live.path("metadata").path("annotations").path(ManagedFields.LAST_APPLIED_ANNOTATION);
    if (!text.isTextual() || text.textValue().isEmpty()) {
      return null;
    }
    JsonNode lastApplied;
    try {
      lastApplied = JSON.readTree(text.textValue());
    } catch (JsonProcessingException e) {
      return null;
    }
    if (lastApplied == null || !lastApplied.isObject()
        || !apiVersion.equals(lastApplied.path("apiVersion").asText())) {
      return null;
    }
    try {
      FieldSet set = FieldSets.of(lastApplied, schema);
      Compare.Result cmp = Compare.compare(lastApplied, live, schema);
      return set.difference(cmp.modified()).difference(cmp.added()).difference(cmp.removed());
    } catch (SchemaMismatchException | InvalidValueException e) {
      return null;
    }
  }

  /**
   * Upstream's lastAppliedUpdater: after kubectl applies to an object that has the last-applied
   * annotation, the annotation becomes the applied configuration (without the annotation itself),
   * unless that would exceed the 256 KiB annotation limit, in which case it is dropped.
   */
  private static void updateLastApplied(ObjectNode obj, ObjectNode applied) {
    JsonNode annotations = obj.path("metadata").path("annotations");
    JsonNode current = annotations.path(ManagedFields.LAST_APPLIED_ANNOTATION);
    if (!(annotations instanceof ObjectNode ann) || !current.isTextual() || current.textValue().isEmpty()) {
      return;
    }
    ObjectNode config = applied.deepCopy();
    if (config.path("metadata").path("annotations") instanceof ObjectNode own) {
      own.remove(ManagedFields.LAST_APPLIED_ANNOTATION);
    }
    String value = GoJson.toJson(config) + "\n";
    ObjectNode updated = ann.deepCopy();
    updated.put(ManagedFields.LAST_APPLIED_ANNOTATION, value);
    long size = 0;
    for (Iterator<Map.Entry<String, JsonNode>> it = updated.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      size += e.getKey().getBytes(StandardCharsets.UTF_8).length
          + e.getValue().asText().getBytes(StandardCharsets.UTF_8).length;
    }
    if (size > ANNOTATIONS_MAX_BYTES) {
      updated.remove(ManagedFields.LAST_APPLIED_ANNOTATION);
    }
    ((ObjectNode) obj.get("metadata")).set("annotations", updated);
  }

  /** {@code namespace/name; group/version, Kind=kind}, as upstream's objectGVKNN. */
  private static String describe(JsonNode obj) {
    JsonNode meta = obj.path("metadata");
    String apiVersion = obj.path("apiVersion").asText("");
    String group = "";
    String version = apiVersion;
    int slash = apiVersion.indexOf('/');
    if (slash >= 0) {
      group = apiVersion.substring(0, slash);
      version = apiVersion.substring(slash + 1);
    }
    return meta.path("namespace").asText("") + "/" + meta.path("name").asText("") + "; " + group + "/"
        + version + ", Kind=" + obj.path("kind").asText("");
  }

  /** An error upstream returns without a Status: 500 with no reason and the bare message. */
  private static ApiException untyped(String message) {
    return new ApiException(500, "", message, null, null, null, null, 0);
  }

  private PathElement parseKey(String key) {
    if (key.startsWith("f:")) {
      return PathElement.parse(key);
    }
    PathElement pe = keyCache.get(key);
    if (pe == null) {
      pe = PathElement.parse(key);
      if (pe != null) {
        if (keyCache.size() >= KEY_CACHE_LIMIT) {
          keyCache.clear();
        }
        keyCache.put(key, pe);
      }
    }
    return pe;
  }

  /** The entries of {@code obj}'s managedFields, for callers that inspect ownership. */
  public List<Entry> entries(JsonNode obj) {
    List<Entry> out = new ArrayList<>();
    for (Tracked t : readStored(ManagedFields.of(obj)).values()) {
      out.add(t.toEntry(keyParser));
    }
    return out;
  }
}
