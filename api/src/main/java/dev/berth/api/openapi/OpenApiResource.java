package dev.berth.api.openapi;

import dev.berth.api.meta.GroupVersionKind;
import dev.berth.api.schema.Schema;
import java.util.List;
import java.util.Objects;

/**
 * One REST resource to publish in the OpenAPI documents.
 *
 * <p>Instances are compared by value, and the schemas in them by identity: passing the same
 * {@link Schema} objects again is how a caller says "unchanged", so documents are only regenerated
 * for group-versions whose resources really changed.
 *
 * @param gvk the resource's kind ({@code apps/v1 Deployment})
 * @param plural the resource name in URLs ({@code deployments})
 * @param namespaced whether objects live in namespaces
 * @param schema the kind's top-level schema; for built-ins the named component from
 *     {@code BuiltinSchemas}, for custom resources the converted openAPIV3Schema (may be unnamed:
 *     it is published as {@code <reversed group>.<version>.<Kind>} with ObjectMeta as metadata)
 * @param listSchema the list kind's schema, or null to have one synthesised (custom resources)
 * @param verbs discovery verbs: create, delete, deletecollection, get, list, patch, update, watch
 * @param subresources status, scale, binding, ...
 * @param strategicMergePatch whether PATCH accepts application/strategic-merge-patch+json
 *     (built-in kinds only; custom resources have no patch strategies)
 */
public record OpenApiResource(
    GroupVersionKind gvk,
    String plural,
    boolean namespaced,
    Schema schema,
    Schema listSchema,
    List<String> verbs,
    List<OpenApiSubresource> subresources,
    boolean strategicMergePatch) {

  public OpenApiResource {
    Objects.requireNonNull(gvk, "gvk");
    Objects.requireNonNull(plural, "plural");
    Objects.requireNonNull(schema, "schema");
    verbs = List.copyOf(verbs);
    subresources = List.copyOf(subresources);
  }

  /** A built-in resource: strategic merge patch is offered. */
  public static OpenApiResource builtin(GroupVersionKind gvk, String plural, boolean namespaced,
      Schema schema, Schema listSchema, List<String> verbs, List<OpenApiSubresource> subresources) {
    return new OpenApiResource(gvk, plural, namespaced, schema, listSchema, verbs, subresources, true);
  }

  /** A custom resource (CRD): no strategic merge patch; the list schema is synthesised. */
  public static OpenApiResource custom(GroupVersionKind gvk, String plural, boolean namespaced,
      Schema schema, List<String> verbs, List<OpenApiSubresource> subresources) {
    return new OpenApiResource(gvk, plural, namespaced, schema, null, verbs, subresources, false);
  }

  /** "api/v1" or "apis/apps/v1": the path of this resource's group-version document. */
  public String groupVersionPath() {
    return OpenApiPaths.groupVersionPath(gvk.groupVersion());
  }
}
