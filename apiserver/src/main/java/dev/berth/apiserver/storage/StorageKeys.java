package dev.berth.apiserver.storage;

import dev.berth.api.meta.GroupResource;

/**
 * The store key layout: {@code /registry/<group|core>/<resource>/[<namespace>/]<name>}. One prefix per
 * stored resource, so a resource's objects form one contiguous key range.
 */
public final class StorageKeys {

  public static final String ROOT = "/registry/";

  private StorageKeys() {}

  public static String prefix(GroupResource gr) {
    return ROOT + (gr.group().isEmpty() ? "core" : gr.group()) + "/" + gr.resource() + "/";
  }

  /** The prefix of one namespace's objects of a namespaced resource. */
  public static String namespacePrefix(GroupResource gr, String namespace) {
    return prefix(gr) + namespace + "/";
  }

  public static String key(GroupResource gr, String namespace, String name) {
    return prefix(gr) + objectKey(namespace, name);
  }

  /** The part after the resource prefix: {@code ns/name} or {@code name}. */
  public static String objectKey(String namespace, String name) {
    return namespace == null || namespace.isEmpty() ? name : namespace + "/" + name;
  }

  /** The resource a full key belongs to, or null for keys outside the layout. */
  public static GroupResource resourceOf(String key) {
    if (!key.startsWith(ROOT)) {
      return null;
    }
    int g = key.indexOf('/', ROOT.length());
    if (g < 0) {
      return null;
    }
    int r = key.indexOf('/', g + 1);
    if (r < 0) {
      return null;
    }
    String group = key.substring(ROOT.length(), g);
    return new GroupResource(group.equals("core") ? "" : group, key.substring(g + 1, r));
  }
}
