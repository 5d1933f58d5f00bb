package dev.berth.api.schema.builtin;

import java.util.Map;
import java.util.Set;

/**
 * Maps fabric8 model classes to the component names upstream Kubernetes publishes in its OpenAPI
 * documents ({@code io.k8s.api.core.v1.PodSpec}). fabric8 keeps some packages without a version
 * ({@code apps}, {@code rbac}, {@code storage}) and puts the apimachinery types (ObjectMeta, Status,
 * Quantity, ...) into its core package; this class undoes both.
 */
final class UpstreamNames {

  static final String META = "io.k8s.apimachinery.pkg.apis.meta.v1.";
  static final String QUANTITY = "io.k8s.apimachinery.pkg.api.resource.Quantity";
  static final String INT_OR_STRING = "io.k8s.apimachinery.pkg.util.intstr.IntOrString";
  static final String TIME = META + "Time";
  static final String MICRO_TIME = META + "MicroTime";
  static final String RAW_EXTENSION = "io.k8s.apimachinery.pkg.runtime.RawExtension";
  static final String APIEXTENSIONS = "io.k8s.apiextensions-apiserver.pkg.apis.apiextensions.v1.";

  private static final String FABRIC8 = "io.fabric8.kubernetes.api.model";

  /** Types fabric8 keeps in its core package that belong to apimachinery's meta/v1. */
  private static final Set<String> META_TYPES = Set.of(
      "ObjectMeta", "ListMeta", "LabelSelector", "LabelSelectorRequirement", "OwnerReference",
      "ManagedFieldsEntry", "FieldsV1", "Condition", "Status", "StatusDetails", "StatusCause",
      "DeleteOptions", "Preconditions", "MicroTime", "Time", "Duration", "TypeMeta", "WatchEvent",
      "APIGroup", "APIGroupList", "APIResource", "APIResourceList", "APIVersions",
      "GroupVersionForDiscovery", "ServerAddressByClientCIDR", "ListOptions", "GetOptions",
      "CreateOptions", "UpdateOptions", "PatchOptions", "PartialObjectMetadata",
      "PartialObjectMetadataList", "RootPaths", "Patch");

  /** fabric8 sub-package (after io.fabric8.kubernetes.api.model.) to upstream package prefix. */
  private static final Map<String, String> PACKAGES = Map.ofEntries(
      Map.entry("apps", "io.k8s.api.apps.v1."),
      Map.entry("rbac", "io.k8s.api.rbac.v1."),
      Map.entry("storage", "io.k8s.api.storage.v1."),
      Map.entry("authentication", "io.k8s.api.authentication.v1."),
      Map.entry("authorization.v1", "io.k8s.api.authorization.v1."),
      Map.entry("batch.v1", "io.k8s.api.batch.v1."),
      Map.entry("policy.v1", "io.k8s.api.policy.v1."),
      Map.entry("coordination.v1", "io.k8s.api.coordination.v1."),
      Map.entry("discovery.v1", "io.k8s.api.discovery.v1."),
      Map.entry("events.v1", "io.k8s.api.events.v1."),
      Map.entry("networking.v1", "io.k8s.api.networking.v1."),
      Map.entry("scheduling.v1", "io.k8s.api.scheduling.v1."),
      Map.entry("autoscaling.v1", "io.k8s.api.autoscaling.v1."),
      Map.entry("autoscaling.v2", "io.k8s.api.autoscaling.v2."),
      Map.entry("admissionregistration.v1", "io.k8s.api.admissionregistration.v1."),
      Map.entry("apiextensions.v1", APIEXTENSIONS),
      Map.entry("runtime", "io.k8s.apimachinery.pkg.runtime."));

  private UpstreamNames() {}

  /** The upstream component name of a fabric8 model class; throws for classes of unmapped packages. */
  static String of(Class<?> modelClass) {
    String pkg = modelClass.getPackageName();
    String simple = modelClass.getSimpleName();
    if (pkg.equals(FABRIC8)) {
      return switch (simple) {
        case "Quantity" -> QUANTITY;
        case "IntOrString" -> INT_OR_STRING;
        default -> (META_TYPES.contains(simple) ? META : "io.k8s.api.core.v1.") + simple;
      };
    }
    if (pkg.startsWith(FABRIC8 + ".")) {
      String prefix = PACKAGES.get(pkg.substring(FABRIC8.length() + 1));
      if (prefix != null) {
        return prefix + simple;
      }
    }
    throw new IllegalArgumentException("no upstream package known for " + modelClass.getName());
  }
}
