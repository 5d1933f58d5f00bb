package dev.berth.apiserver.registry;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Converts between the version a resource is served in and the version it is stored in. Identity
 * for most resources; CRDs with {@code conversion: None} only rewrite apiVersion.
 */
public interface VersionConverter {

  /** Converts a served-version object to the storage version, in place or as a new tree. */
  ObjectNode toStorage(ObjectNode served);

  /** Converts a stored object to the served version, in place or as a new tree. */
  ObjectNode fromStorage(ObjectNode stored);

  /** Whether conversion is the identity (then cached bytes can be served as they are). */
  boolean identity();

  VersionConverter IDENTITY = new VersionConverter() {
    @Override
    public ObjectNode toStorage(ObjectNode served) {
      return served;
    }

    @Override
    public ObjectNode fromStorage(ObjectNode stored) {
      return stored;
    }

    @Override
    public boolean identity() {
      return true;
    }
  };

  /** Conversion that only rewrites apiVersion (CRD "None" strategy). */
  static VersionConverter apiVersionOnly(String servedApiVersion, String storageApiVersion) {
    if (servedApiVersion.equals(storageApiVersion)) {
      return IDENTITY;
    }
    return new VersionConverter() {
      @Override
      public ObjectNode toStorage(ObjectNode served) {
        served.put("apiVersion", storageApiVersion);
        return served;
      }

      @Override
      public ObjectNode fromStorage(ObjectNode stored) {
        stored.put("apiVersion", servedApiVersion);
        return stored;
      }

      @Override
      public boolean identity() {
        return false;
      }
    };
  }
}
