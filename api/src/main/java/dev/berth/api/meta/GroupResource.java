package dev.berth.api.meta;

/** A group and a plural resource name, as used in error messages ("deployments.apps"). */
public record GroupResource(String group, String resource) {

  @Override
  public String toString() {
    return group.isEmpty() ? resource : resource + "." + group;
  }
}
