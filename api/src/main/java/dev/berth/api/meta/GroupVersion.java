package dev.berth.api.meta;

/** A group and version, written "group/version", or just "version" for the core group. */
public record GroupVersion(String group, String version) {

  /** Parses "apps/v1" or "v1"; an empty string gives the empty group and version. */
  public static GroupVersion parse(String apiVersion) {
    if (apiVersion == null || apiVersion.isEmpty()) {
      return new GroupVersion("", "");
    }
    int slash = apiVersion.indexOf('/');
    if (slash < 0) {
      return new GroupVersion("", apiVersion);
    }
    return new GroupVersion(apiVersion.substring(0, slash), apiVersion.substring(slash + 1));
  }

  @Override
  public String toString() {
    return group.isEmpty() ? version : group + "/" + version;
  }
}
