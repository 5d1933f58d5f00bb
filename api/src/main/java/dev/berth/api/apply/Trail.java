package dev.berth.api.apply;

/** The path walked so far, kept as a cheap linked list and printed only when an error needs it. */
record Trail(Trail parent, PathElement pe) {

  static final Trail ROOT = new Trail(null, null);

  Trail child(PathElement next) {
    return new Trail(this, next);
  }

  /** {@code <path>: <message>}, or just the message at the root, as upstream's ValidationError. */
  String error(String message) {
    String p = toString();
    return p.isEmpty() ? message : p + ": " + message;
  }

  @Override
  public String toString() {
    if (pe == null) {
      return "";
    }
    return parent.toString() + pe;
  }
}
