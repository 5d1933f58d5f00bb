package dev.berth.api.meta;

/** A group, version and plural resource name. */
public record GroupVersionResource(String group, String version, String resource) {

  public GroupResource groupResource() {
    return new GroupResource(group, resource);
  }

  public GroupVersion groupVersion() {
    return new GroupVersion(group, version);
  }
}
