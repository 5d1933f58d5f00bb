package dev.berth.store;

/**
 * The outcome of a conditional write. Failed conditions are outcomes, not exceptions.
 *
 * @param status what happened
 * @param revision the store revision after the write (for a failed condition: the current revision)
 * @param kv after success: the key as written (for a delete, the deleted value with the deletion's
 *     modRevision); after KEY_EXISTS or CONFLICT: the current value; after NOT_FOUND: null
 */
public record WriteResult(Status status, long revision, KeyValue kv) {

  public enum Status {
    OK,
    /** create: the key exists. */
    KEY_EXISTS,
    /** update or delete: the key does not exist. */
    NOT_FOUND,
    /** update or delete: the key's modRevision differs from the expected one. */
    CONFLICT
  }

  public boolean succeeded() {
    return status == Status.OK;
  }
}
