package dev.berth.store;

/**
 * A change to one key. For a PUT, {@code kv} is the new value and {@code prevKv} the previous one (null
 * on creation, or when the store no longer has it). For a DELETE, {@code kv} carries the key, the
 * deletion's modRevision and a null value; {@code prevKv} the value that was deleted.
 */
public record WatchEvent(Type type, KeyValue kv, KeyValue prevKv) {

  public enum Type { PUT, DELETE }

  public long revision() {
    return kv.modRevision();
  }
}
