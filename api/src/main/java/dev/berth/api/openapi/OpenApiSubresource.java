package dev.berth.api.openapi;

import dev.berth.api.meta.GroupVersionKind;
import dev.berth.api.schema.Schema;
import java.util.List;
import java.util.Objects;

/**
 * A subresource to publish under its resource's item path ({@code .../pods/{name}/status}).
 *
 * @param name the subresource ("status", "scale", "binding", "eviction", "log", "exec", ...)
 * @param gvk the kind the subresource accepts and returns ({@code autoscaling/v1 Scale} for scale,
 *     the resource's own kind for status); for text streams (log) and connect subresources (exec,
 *     attach, portforward, proxy) the resource's kind, as upstream tags them
 * @param schema the top-level schema of {@code gvk}; null for text streams and connect subresources
 *     (their responses are plain strings)
 * @param verbs discovery verbs: "get", "update", "patch", "create"; or "connect" for streaming
 *     subresources, which publishes GET and POST connect operations
 */
public record OpenApiSubresource(String name, GroupVersionKind gvk, Schema schema, List<String> verbs) {

  public OpenApiSubresource {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(gvk, "gvk");
    verbs = List.copyOf(verbs);
    if (schema == null && !verbs.contains("connect") && !verbs.equals(List.of("get"))) {
      throw new IllegalArgumentException("subresource " + name + " needs a schema for verbs " + verbs);
    }
  }
}
