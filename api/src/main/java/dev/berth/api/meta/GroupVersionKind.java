package dev.berth.api.meta;

/** A Kubernetes group, version and kind; the core group is the empty string. */
public record GroupVersionKind(String group, String version, String kind) {

  public static GroupVersionKind of(String apiVersion, String kind) {
    GroupVersion gv = GroupVersion.parse(apiVersion);
    return new GroupVersionKind(gv.group(), gv.version(), kind);
  }

  public GroupVersion groupVersion() {
    return new GroupVersion(group, version);
  }

  public String apiVersion() {
    return groupVersion().toString();
  }

  @Override
  public String toString() {
    return apiVersion() + ", Kind=" + kind;
  }
}
