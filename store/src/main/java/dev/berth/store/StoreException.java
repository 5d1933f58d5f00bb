package dev.berth.store;

/** A store failure that is not an expected write outcome. The {@link Code} set is closed. */
public final class StoreException extends RuntimeException {

  public enum Code {
    /** The requested revision has been compacted away. */
    COMPACTED,
    /** The requested revision is newer than the store's current revision. */
    FUTURE_REVISION,
    /** The backend cannot be reached or failed an I/O operation. */
    UNAVAILABLE,
    /** The store (or watch) has been closed. */
    CLOSED,
    /** Stored data failed an integrity check. */
    CORRUPT,
    /** The value exceeds the backend's size limit. */
    TOO_LARGE
  }

  private final Code code;
  private final long compactRevision;

  public StoreException(Code code, String message) {
    this(code, message, null, 0);
  }

  public StoreException(Code code, String message, Throwable cause) {
    this(code, message, cause, 0);
  }

  public StoreException(Code code, String message, Throwable cause, long compactRevision) {
    super(message, cause);
    this.code = code;
    this.compactRevision = compactRevision;
  }

  public static StoreException compacted(long requested, long compactRevision) {
    return new StoreException(Code.COMPACTED,
        "required revision " + requested + " has been compacted (compact revision " + compactRevision + ")",
        null, compactRevision);
  }

  public Code code() {
    return code;
  }

  /** For COMPACTED: the store's compact revision. */
  public long compactRevision() {
    return compactRevision;
  }
}
