package dev.berth.client.controller;

import io.fabric8.kubernetes.api.model.HasMetadata;

/** A controller's work item: which object to reconcile (level-based: no event payload). */
public record ObjectKey(String namespace, String name) {

  public static ObjectKey of(HasMetadata obj) {
    return new ObjectKey(obj.getMetadata().getNamespace(), obj.getMetadata().getName());
  }

  /** Parses {@code ns/name} or {@code name}. */
  public static ObjectKey parse(String key) {
    int slash = key.indexOf('/');
    return slash < 0 ? new ObjectKey(null, key)
        : new ObjectKey(key.substring(0, slash), key.substring(slash + 1));
  }

  @Override
  public String toString() {
    return namespace == null || namespace.isEmpty() ? name : namespace + "/" + name;
  }
}
