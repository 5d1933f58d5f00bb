package dev.berth.api.apply;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.berth.api.apply.ManagedFields.Decoded;
import dev.berth.api.apply.ManagedFields.Entry;
import dev.berth.api.apply.ManagedFields.Operation;
import dev.berth.api.schema.Schema;
import dev.berth.api.status.ApiErrors;
import dev.berth.api.status.ApiException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
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
 *   <li>check that an applied configuration has apiVersion and kind matching the endpoint
 *       (upstream: 400 {@code invalid object type: <gvk>});</li>
 *   <li>pass in {@code ignoredPaths} the fields this endpoint resets (upstream's "reset fields":
 *       {@code .status} for the main resource of a kind with a status subresource, everything but
 *       {@code .status} for {@code /status}); they are neither owned nor conflict.</li>
 * </ul>
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
   * @return {@code newObj}
   */
  public ObjectNode update(ObjectNode oldObj, ObjectNode newObj, String manager, String subresource,
      String apiVersion, Schema schema, FieldSet ignoredPaths) {
    String sub = subresource == null ? "" : subresource;
    ObjectNode live = oldObj != null ? oldObj : JsonNodeFactory.instance.objectNode();
    Map<String, Entry> managed = decodeLiveOrNew(live, newObj, !sub.isEmpty());
    ManagedFields.remove(newObj);
    if (managed.isEmpty() && hasUid(live)) {
      // Upstream tracks an existing object only once something owns fields of it (an apply).
      return newObj;
    }
    try {
      recordUpdate(live, newObj, managed, managerName(manager), sub, apiVersion, schema, ignoredPaths);
    } catch (InvalidValueException e) {
      LOG.log(System.Logger.Level.WARNING, "failed to update managedFields, keeping the stored ones: {0}",
          e.getMessage());
      JsonNode previous = ManagedFields.of(live);
      if (previous != null && !previous.isNull()) {
        ManagedFields.metadata(newObj).set("managedFields", previous.deepCopy());
      }
      return newObj;
    }
    ManagedFields.write(newObj, managed.values());
    return newObj;
  }

  private static String managerName(String manager) {
    return manager == null || manager.isEmpty() ? "unknown" : manager;
  }

  private static boolean hasUid(JsonNode obj) {
    JsonNode uid = obj.path("metadata").path("uid");
    return uid.isTextual() && !uid.textValue().isEmpty();
  }

  private Map<String, Entry> decodeLiveOrNew(JsonNode live, JsonNode newObj, boolean subresource) {
    if (!subresource) {
      JsonNode fromRequest = ManagedFields.of(newObj);
      if (ManagedFields.isReset(fromRequest)) {
        return new LinkedHashMap<>();
      }
      if (ManagedFields.decode(fromRequest, keyParser) instanceof Decoded.Valid v && !v.entries().isEmpty()) {
        return byIdentifier(v.entries());
      }
    }
    if (ManagedFields.decode(ManagedFields.of(live), keyParser) instanceof Decoded.Valid v) {
      return byIdentifier(v.entries());
    }
    return new LinkedHashMap<>();
  }

  private static Map<String, Entry> byIdentifier(List<Entry> entries) {
    Map<String, Entry> m = new LinkedHashMap<>();
    for (Entry e : entries) {
      m.put(e.identifier(), e);
    }
    return m;
  }

  /** The Update path of upstream's managers chain; mutates {@code managed}. */
  private void recordUpdate(JsonNode live, JsonNode newObj, Map<String, Entry> managed, String manager,
      String subresource, String apiVersion, Schema schema, FieldSet ignored) {
    Compare.Result cmp = Compare.compare(live, newObj, schema).excluding(ignored);
    if (cmp.isEmpty()) {
      return;
    }
    FieldSet changed = cmp.added().union(cmp.modified()).union(cmp.removed());
    takeFromOthers(managed, changed, null);
    FieldSet owned = cmp.added().union(cmp.modified()).difference(cmp.removed())
        .recursiveDifference(ignored).difference(NEVER_OWNED);
    if (!owned.isEmpty()) {
      String id = ManagedFields.identifier(manager, Operation.UPDATE, apiVersion, subresource);
      Entry previous = managed.get(id);
      FieldSet fields = previous == null ? owned : owned.union(previous.fields());
      managed.put(id, new Entry(manager, Operation.UPDATE, apiVersion, now(), subresource, fields));
    }
    capUpdateManagers(managed);
  }

  /** Removes {@code fields} from every manager but {@code except}; drops entries left empty. */
  private static void takeFromOthers(Map<String, Entry> managed, FieldSet fields, String except) {
    for (Iterator<Map.Entry<String, Entry>> it = managed.entrySet().iterator(); it.hasNext(); ) {
      Map.Entry<String, Entry> me = it.next();
      if (me.getKey().equals(except)) {
        continue;
      }
      Entry e = me.getValue();
      FieldSet left = e.fields().difference(fields);
      if (left.isEmpty()) {
        it.remove();
      } else if (left != e.fields()) {
        me.setValue(withFields(e, left));
      }
    }
  }

  private static Entry withFields(Entry e, FieldSet fields) {
    return new Entry(e.manager(), e.operation(), e.apiVersion(), e.time(), e.subresource(), fields);
  }

  /**
   * Upstream's capManagersManager: while there are more Update entries than the cap, the oldest
   * (by time, then identifier) are merged, per apiVersion, into an {@code ancient-changes} entry.
   */
  private void capUpdateManagers(Map<String, Entry> managed) {
    List<Entry> updaters = new ArrayList<>();
    for (Entry e : managed.values()) {
      if (e.operation() == Operation.UPDATE) {
        updaters.add(e);
      }
    }
    if (updaters.size() <= maxUpdateManagers) {
      return;
    }
    updaters.sort((a, b) -> {
      long ta = a.time() == null ? 0 : a.time().getEpochSecond();
      long tb = b.time() == null ? 0 : b.time().getEpochSecond();
      return ta != tb ? Long.compare(ta, tb) : GoJson.compareStrings(a.identifier(), b.identifier());
    });
    Map<String, String> firstOfVersion = new HashMap<>();
    int length = updaters.size();
    for (int i = 0; i < updaters.size() && length > maxUpdateManagers; i++) {
      Entry e = updaters.get(i);
      String version = e.apiVersion();
      String bucket = ManagedFields.identifier(ANCIENT_CHANGES, Operation.UPDATE, version, "");
      String first = firstOfVersion.get(version);
      if (first == null) {
        firstOfVersion.put(version, e.identifier());
        continue;
      }
      if (e.identifier().equals(bucket)) {
        // Upstream would merge the bucket into itself and then delete it; keep it instead.
        continue;
      }
      if (!managed.containsKey(bucket)) {
        Entry firstEntry = managed.remove(first);
        managed.put(bucket, new Entry(ANCIENT_CHANGES, Operation.UPDATE, version, firstEntry.time(), "",
            firstEntry.fields()));
      }
      Entry b = managed.get(bucket);
      managed.put(bucket, new Entry(ANCIENT_CHANGES, Operation.UPDATE, version, e.time(), "",
          e.fields().union(b.fields())));
      managed.remove(e.identifier());
      length--;
    }
  }

  private Instant now() {
    return clock.instant().truncatedTo(ChronoUnit.SECONDS);
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
    Map<String, Entry> managed;
    switch (ManagedFields.decode(ManagedFields.of(live), keyParser)) {
      case Decoded.Valid v -> managed = byIdentifier(v.entries());
      case Decoded.Invalid bad -> throw untyped("failed to decode managed fields: " + bad.reason());
    }
    FieldSet config;
    try {
      config = FieldSets.of(applied, schema);
    } catch (SchemaMismatchException e) {
      throw untyped("failed to create typed patch object (" + describe(applied) + "): " + e.getMessage());
    }

    ApplyResult result = applyOnce(live, applied, config, new LinkedHashMap<>(managed), name, sub, force,
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
            ? applyOnce(live, applied, config, new LinkedHashMap<>(managed), name, sub, true, apiVersion,
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
      Map<String, Entry> managed, String manager, String subresource, boolean force, String apiVersion,
      Schema schema, FieldSet ignored) {
    try {
      if (managed.isEmpty()) {
        // Upstream's skipNonAppliedManager: existing fields belong to someone before the first apply.
        recordUpdate(JsonNodeFactory.instance.objectNode(), live, managed, BEFORE_FIRST_APPLY, subresource,
            apiVersion, schema, ignored);
      }
      ObjectNode merged = Merge.merge(schema, live, applied);
      String id = ManagedFields.identifier(manager, Operation.APPLY, apiVersion, subresource);
      Entry last = managed.get(id);
      FieldSet owned = config.recursiveDifference(ignored);
      managed.put(id, new Entry(manager, Operation.APPLY, apiVersion, last == null ? null : last.time(),
          subresource, owned));
      if (last != null && !last.fields().isEmpty()) {
        merged = prune(merged, managed, last.fields().recursiveDifference(ignored), schema);
      }

      Compare.Result cmp = Compare.compare(live, merged, schema).excluding(ignored);
      FieldSet contested = cmp.modified().union(cmp.added());
      Map<String, List<Conflict>> conflicts = new LinkedHashMap<>();
      Map<String, FieldSet> conflictSets = new HashMap<>();
      for (Map.Entry<String, Entry> me : managed.entrySet()) {
        if (me.getKey().equals(id)) {
          continue;
        }
        FieldSet clash = me.getValue().fields().intersection(contested);
        if (!clash.isEmpty()) {
          Entry other = me.getValue();
          conflictSets.put(me.getKey(), clash);
          List<Conflict> list = conflicts.computeIfAbsent(me.getKey(), k -> new ArrayList<>());
          clash.forEachPath(p -> list.add(new Conflict(other.manager(), other.operation(),
              other.apiVersion(), other.subresource(), p)));
        }
      }
      if (!force && !conflicts.isEmpty()) {
        return new ApplyResult.Conflicted(ApplyConflicts.sorted(conflicts));
      }
      for (Map.Entry<String, FieldSet> cs : conflictSets.entrySet()) {
        Entry e = managed.get(cs.getKey());
        managed.put(cs.getKey(), withFields(e, e.fields().difference(cs.getValue())));
      }
      takeFromOthers(managed, cmp.removed(), id);
      managed.values().removeIf(e -> e.fields().isEmpty());

      Entry mine = managed.get(id);
      if (mine != null) {
        FieldSet kept = mine.fields().difference(NEVER_OWNED);
        if (kept.isEmpty()) {
          managed.remove(id);
        } else if (kept != mine.fields()) {
          managed.put(id, withFields(mine, kept));
        }
      }

      boolean changed = !sameIgnoringManagedFields(live, merged);
      ObjectNode out;
      if (changed) {
        mine = managed.get(id);
        if (mine != null) {
          managed.put(id, new Entry(mine.manager(), mine.operation(), mine.apiVersion(), now(),
              mine.subresource(), mine.fields()));
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
      ManagedFields.write(out, managed.values());
      return new ApplyResult.Applied(out, changed);
    } catch (InvalidValueException e) {
      throw untyped("failed to create typed live object (" + describe(live) + "): " + e.getMessage());
    }
  }

  /**
   * Removes from {@code merged} what the applier applied last time and no longer specifies, unless
   * another manager (or the new configuration) still owns it: upstream's prune, addBackOwnedItems
   * and addBackDanglingItems taken together.
   */
  private static ObjectNode prune(ObjectNode merged, Map<String, Entry> managed, FieldSet last,
      Schema schema) {
    FieldSet.Node owned = null;
    for (Entry e : managed.values()) {
      owned = FieldSet.union(owned, e.fields().root());
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
    return ManagedFields.decode(ManagedFields.of(obj), keyParser) instanceof Decoded.Valid v
        ? v.entries() : List.of();
  }
}
