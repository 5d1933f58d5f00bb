package dev.berth.api.apply;

/**
 * A stored object whose shape server-side apply cannot follow (for instance an associative-list
 * element without its key). Internal: the field manager turns it into upstream's outcome (keep the
 * previous managedFields on update, an internal error on apply).
 */
final class InvalidValueException extends RuntimeException {

  InvalidValueException(String message) {
    super(message, null, false, false);
  }
}
