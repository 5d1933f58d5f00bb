package dev.berth.api.apply;

import com.fasterxml.jackson.databind.JsonNode;
import dev.berth.api.apply.FieldSet.Node;
import dev.berth.api.apply.ManagedFields.Entry;
import dev.berth.api.apply.ManagedFields.Operation;
import java.time.Instant;
import java.util.Comparator;
import java.util.function.Function;

/**
 * One managedFields entry while an operation runs. An entry read from the stored object keeps its
 * FieldsV1 JSON and is decoded only when the operation needs its set (most writes touch one or two
 * managers); an entry whose set never changes is written back as the very JSON it came from.
 */
final class Tracked {

  final String manager;
  final Operation operation;
  final String apiVersion;
  final String subresource;
  final Key key;
  private String identifier;
  private Instant time;
  /** The stored entry this was read from; written back as it is while nothing changes. */
  private JsonNode storedEntry;
  /** The stored FieldsV1, trusted to be canonical; null once the set has been replaced. */
  private JsonNode raw;
  private FieldSet fields;

  Tracked(String manager, Operation operation, String apiVersion, String subresource, Instant time,
      JsonNode raw, FieldSet fields) {
    this.manager = manager;
    this.operation = operation;
    this.apiVersion = apiVersion;
    this.subresource = subresource;
    this.key = Key.of(manager, operation, apiVersion, subresource);
    this.time = time;
    this.raw = raw;
    this.fields = fields;
  }

  /**
   * What identifies a manager: upstream's identifier without its JSON encoding (appliers are one
   * manager whatever their apiVersion).
   */
  record Key(String manager, Operation operation, String apiVersion, String subresource) {
    static Key of(String manager, Operation operation, String apiVersion, String subresource) {
      return new Key(manager, operation, operation == Operation.APPLY ? "" : apiVersion, subresource);
    }
  }

  /** Upstream's manager identifier JSON, the order updaters are capped in. */
  String identifier() {
    String id = identifier;
    if (id == null) {
      id = ManagedFields.identifier(manager, operation, apiVersion, subresource);
      identifier = id;
    }
    return id;
  }

  static Tracked of(Entry e) {
    return new Tracked(e.manager(), e.operation(), e.apiVersion(), e.subresource(), e.time(), null, e.fields());
  }

  FieldSet fields(Function<String, PathElement> parser) {
    FieldSet f = fields;
    if (f == null) {
      f = FieldSet.fromJson(raw, parser);
      fields = f;
    }
    return f;
  }

  /** Replaces the set; the stored JSON is kept only while the set is the one decoded from it. */
  void fields(FieldSet f) {
    if (f != fields) {
      fields = f;
      raw = null;
      storedEntry = null;
    }
  }

  Instant time() {
    return time;
  }

  void time(Instant t) {
    if (!t.equals(time)) {
      time = t;
      storedEntry = null;
    }
  }

  Tracked storedAs(JsonNode entry) {
    this.storedEntry = entry;
    return this;
  }

  boolean isEmpty(Function<String, PathElement> parser) {
    return fields == null ? raw == null || raw.isEmpty() : fields.isEmpty();
  }

  /**
   * Whether this entry may own a member of {@code set}. For an undecoded entry the stored JSON is
   * probed key by key, which costs a lookup per element of {@code set} rather than a decode.
   */
  boolean mayIntersect(FieldSet set) {
    if (set.isEmpty()) {
      return false;
    }
    if (fields != null) {
      return !fields.intersection(set).isEmpty();
    }
    return raw != null && intersectsJson(set.root(), raw);
  }

  /**
   * Adds {@code more} to the set. When the stored JSON already holds all of it, nothing is decoded
   * and the JSON is kept: the common case of a manager rewriting fields it owns.
   */
  void addAll(FieldSet more, Function<String, PathElement> parser) {
    if (more.isEmpty() || (fields == null && raw != null && containsJson(more.root(), raw))) {
      return;
    }
    fields(fields(parser).union(more));
  }

  private static boolean containsJson(Node n, JsonNode json) {
    for (int i = 0; i < n.size(); i++) {
      JsonNode v = json.get(n.pes[i].toKeyString());
      if (v == null || !v.isObject()) {
        return false;
      }
      if (n.member[i] && !(v.isEmpty() || v.has("."))) {
        return false;
      }
      if (n.child[i] != null && !containsJson(n.child[i], v)) {
        return false;
      }
    }
    return true;
  }

  private static boolean intersectsJson(Node n, JsonNode json) {
    for (int i = 0; i < n.size(); i++) {
      JsonNode v = json.get(n.pes[i].toKeyString());
      if (v == null) {
        continue;
      }
      if (n.member[i] && (v.isNull() || v.isEmpty() || v.has("."))) {
        return true;
      }
      if (n.child[i] != null && v.isObject() && intersectsJson(n.child[i], v)) {
        return true;
      }
    }
    return false;
  }

  Entry toEntry(Function<String, PathElement> parser) {
    return new Entry(manager, operation, apiVersion, time, subresource, fields(parser));
  }

  JsonNode encode() {
    if (storedEntry != null) {
      return storedEntry;
    }
    JsonNode fieldsV1 = raw != null ? raw : fields.toJson();
    return ManagedFields.encode(new Entry(manager, operation, apiVersion, time, subresource, FieldSet.empty()),
        fieldsV1);
  }

  /** Upstream's sortEncodedManagedFields order. */
  static final Comparator<Tracked> ORDER = Comparator
      .comparing((Tracked t) -> t.operation.wire())
      .thenComparingLong(t -> t.time() == null ? 0 : t.time().getEpochSecond())
      .thenComparing((Tracked t) -> t.manager, GoJson::compareStrings)
      .thenComparing((Tracked t) -> t.apiVersion, GoJson::compareStrings)
      .thenComparing((Tracked t) -> t.subresource, GoJson::compareStrings);
}
