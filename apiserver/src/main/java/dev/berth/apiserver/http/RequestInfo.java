package dev.berth.apiserver.http;

import java.util.List;

/**
 * What a request addresses, parsed from its path and method as kube-apiserver's RequestInfoFactory
 * does: {@code /api/v1/namespaces/ns/pods/p/status} → group "", version v1, namespace ns, resource
 * pods, name p, subresource status; verb from the method (and {@code watch=true}).
 *
 * @param resourceRequest false for non-resource paths ({@code /version}, discovery, OpenAPI)
 * @param verb get, list, watch, create, update, patch, delete, deletecollection (or the HTTP method
 *     lower-cased for non-resource requests)
 */
public record RequestInfo(
    boolean resourceRequest,
    String path,
    String verb,
    String apiPrefix,
    String group,
    String version,
    String namespace,
    String resource,
    String name,
    String subresource) {

  /**
   * Parses a request. {@code watchParam} is the value of the {@code watch} query parameter.
   */
  public static RequestInfo parse(String method, String path, boolean watchParam) {
    String m = method.toLowerCase(java.util.Locale.ROOT);
    String trimmed = path.startsWith("/") ? path.substring(1) : path;
    if (trimmed.endsWith("/")) {
      trimmed = trimmed.substring(0, trimmed.length() - 1);
    }
    List<String> parts = trimmed.isEmpty() ? List.of() : List.of(trimmed.split("/", -1));
    if (parts.isEmpty() || !(parts.get(0).equals("api") || parts.get(0).equals("apis"))) {
      return nonResource(path, m);
    }
    String prefix = parts.get(0);
    int i = 1;
    String group = "";
    if (prefix.equals("apis")) {
      if (parts.size() < 3) {
        return nonResource(path, m);
      }
      group = parts.get(1);
      i = 2;
    } else if (parts.size() < 2) {
      return nonResource(path, m);
    }
    String version = parts.get(i++);
    List<String> rest = parts.subList(i, parts.size());
    if (rest.isEmpty()) {
      return nonResource(path, m);
    }
    boolean legacyWatch = false;
    if (rest.get(0).equals("watch")) {
      legacyWatch = true;
      rest = rest.subList(1, rest.size());
      if (rest.isEmpty()) {
        return nonResource(path, m);
      }
    }
    for (String p : rest) {
      if (p.isEmpty()) {
        return nonResource(path, m);
      }
    }
    String namespace = null;
    String resource;
    String name = null;
    String subresource = null;
    if (rest.get(0).equals("namespaces")) {
      if (rest.size() == 1) {
        resource = "namespaces";
      } else if (rest.size() == 2) {
        resource = "namespaces";
        name = rest.get(1);
      } else if (rest.size() == 3 && (rest.get(2).equals("status")
          || rest.get(2).equals("finalize"))) {
        // the namespace object's own subresources
        resource = "namespaces";
        name = rest.get(1);
        subresource = rest.get(2);
        namespace = null;
      } else {
        namespace = rest.get(1);
        resource = rest.get(2);
        if (rest.size() > 3) {
          name = rest.get(3);
        }
        if (rest.size() > 4) {
          subresource = String.join("/", rest.subList(4, rest.size()));
        }
      }
      if (resource.equals("namespaces") && namespace == null && name != null) {
        // the namespace of a namespace is itself, for authorization purposes
        namespace = null;
      }
    } else {
      resource = rest.get(0);
      if (rest.size() > 1) {
        name = rest.get(1);
      }
      if (rest.size() > 2) {
        subresource = String.join("/", rest.subList(2, rest.size()));
      }
    }
    String verb = switch (m) {
      case "get", "head" -> (legacyWatch || watchParam) ? "watch" : (name == null ? "list" : "get");
      case "post" -> "create";
      case "put" -> "update";
      case "patch" -> "patch";
      case "delete" -> name == null ? "deletecollection" : "delete";
      default -> m;
    };
    return new RequestInfo(true, path, verb, prefix, group, version, namespace, resource, name,
        subresource);
  }

  private static RequestInfo nonResource(String path, String method) {
    return new RequestInfo(false, path, method, null, null, null, null, null, null, null);
  }
}
