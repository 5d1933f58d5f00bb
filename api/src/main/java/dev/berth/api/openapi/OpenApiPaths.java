package dev.berth.api.openapi;

import dev.berth.api.meta.GroupVersion;
import dev.berth.api.meta.GroupVersionKind;

/** Naming conventions of the upstream OpenAPI documents (paths, tags, operation ids). */
final class OpenApiPaths {

  private OpenApiPaths() {}

  /** "api/v1" for the core group, "apis/apps/v1" otherwise: keys of the v3 root document. */
  static String groupVersionPath(GroupVersion gv) {
    return gv.group().isEmpty() ? "api/" + gv.version() : "apis/" + gv.group() + "/" + gv.version();
  }

  /** "/api/v1" or "/apis/apps/v1": the URL prefix of a group-version's resources. */
  static String urlPrefix(GroupVersion gv) {
    return "/" + groupVersionPath(gv);
  }

  /** The group as upstream spells it in operation ids: Core, Apps, RbacAuthorization, StableExampleCom. */
  static String groupWord(String group) {
    if (group.isEmpty()) {
      return "Core";
    }
    String trimmed = group.endsWith(".k8s.io") ? group.substring(0, group.length() - ".k8s.io".length()) : group;
    StringBuilder word = new StringBuilder();
    for (String part : trimmed.split("[.-]")) {
      word.append(capitalize(part));
    }
    return word.toString();
  }

  /** The tag of a group-version's operations: core_v1, apps_v1, rbacAuthorization_v1. */
  static String tag(GroupVersion gv) {
    String word = groupWord(gv.group());
    return Character.toLowerCase(word.charAt(0)) + word.substring(1) + "_" + gv.version();
  }

  /** The component name upstream gives custom resources: com.example.stable.v1.CronTab. */
  static String customComponentName(GroupVersionKind gvk) {
    String[] parts = gvk.group().split("\\.");
    StringBuilder name = new StringBuilder();
    for (int i = parts.length - 1; i >= 0; i--) {
      name.append(parts[i]).append('.');
    }
    return name.append(gvk.version()).append('.').append(gvk.kind()).toString();
  }

  static String capitalize(String s) {
    return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
  }
}
