package dev.berth.api.schema.builtin;

import dev.berth.api.meta.GroupVersion;
import dev.berth.api.meta.GroupVersionKind;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The built-in kinds Berth serves and the fabric8 classes that describe them, by name (loading
 * ~100 model classes costs tens of milliseconds, which the schema cache avoids). Every kind has a
 * list kind ({@code PodList}) except the few that are never stored.
 */
final class BuiltinCatalog {

  private static final String MODEL = "io.fabric8.kubernetes.api.model.";

  /** Kinds that are request/response bodies only and have no list kind. */
  private static final Set<String> WITHOUT_LIST = Set.of("Binding", "Status", "DeleteOptions",
      "Eviction", "Scale", "TokenRequest", "TokenReview", "SelfSubjectReview", "SubjectAccessReview",
      "SelfSubjectAccessReview", "LocalSubjectAccessReview", "SelfSubjectRulesReview");

  private final List<BuiltinKind> kinds = new ArrayList<>();
  private final Map<String, List<GroupVersionKind>> kindsByClass = new LinkedHashMap<>();
  private final Map<GroupVersion, List<BuiltinKind>> byGroupVersion = new LinkedHashMap<>();

  BuiltinCatalog() {
    GroupVersion core = new GroupVersion("", "v1");
    add(core, "", "Namespace", "Pod", "Service", "Endpoints", "ConfigMap", "Secret",
        "ServiceAccount", "Node", "Event", "LimitRange", "ResourceQuota", "PersistentVolume",
        "PersistentVolumeClaim", "PodTemplate", "ReplicationController", "Binding", "Status",
        "DeleteOptions");
    add(new GroupVersion("apps", "v1"), "apps.", "Deployment", "ReplicaSet", "StatefulSet",
        "DaemonSet", "ControllerRevision");
    add(new GroupVersion("batch", "v1"), "batch.v1.", "Job", "CronJob");
    add(new GroupVersion("coordination.k8s.io", "v1"), "coordination.v1.", "Lease");
    add(new GroupVersion("discovery.k8s.io", "v1"), "discovery.v1.", "EndpointSlice");
    add(new GroupVersion("events.k8s.io", "v1"), "events.v1.", "Event");
    add(new GroupVersion("policy", "v1"), "policy.v1.", "PodDisruptionBudget", "Eviction");
    add(new GroupVersion("rbac.authorization.k8s.io", "v1"), "rbac.", "Role", "RoleBinding",
        "ClusterRole", "ClusterRoleBinding");
    add(new GroupVersion("storage.k8s.io", "v1"), "storage.", "StorageClass");
    add(new GroupVersion("networking.k8s.io", "v1"), "networking.v1.", "NetworkPolicy", "Ingress",
        "IngressClass");
    add(new GroupVersion("autoscaling", "v1"), "autoscaling.v1.", "HorizontalPodAutoscaler", "Scale");
    add(new GroupVersion("autoscaling", "v2"), "autoscaling.v2.", "HorizontalPodAutoscaler");
    add(new GroupVersion("scheduling.k8s.io", "v1"), "scheduling.v1.", "PriorityClass");
    add(new GroupVersion("admissionregistration.k8s.io", "v1"), "admissionregistration.v1.",
        "MutatingWebhookConfiguration", "ValidatingWebhookConfiguration",
        "ValidatingAdmissionPolicy", "ValidatingAdmissionPolicyBinding");
    add(new GroupVersion("apiextensions.k8s.io", "v1"), "apiextensions.v1.", "CustomResourceDefinition");
    add(new GroupVersion("authentication.k8s.io", "v1"), "authentication.", "TokenRequest",
        "TokenReview", "SelfSubjectReview");
    add(new GroupVersion("authorization.k8s.io", "v1"), "authorization.v1.", "SubjectAccessReview",
        "SelfSubjectAccessReview", "LocalSubjectAccessReview", "SelfSubjectRulesReview");
    // Every group registers DeleteOptions (metav1.AddToGroupVersion), so upstream's component
    // carries one GroupVersionKind per served group-version.
    for (GroupVersion gv : byGroupVersion.keySet()) {
      if (!gv.equals(core)) {
        kindsByClass.get(MODEL + "DeleteOptions").add(new GroupVersionKind(gv.group(), gv.version(), "DeleteOptions"));
      }
    }
  }

  private void add(GroupVersion gv, String fabric8Package, String... kindNames) {
    List<BuiltinKind> inGroup = byGroupVersion.computeIfAbsent(gv, k -> new ArrayList<>());
    for (String kind : kindNames) {
      register(inGroup, new BuiltinKind(gvk(gv, kind), MODEL + fabric8Package + kind, false));
      if (!WITHOUT_LIST.contains(kind)) {
        register(inGroup, new BuiltinKind(gvk(gv, kind + "List"), MODEL + fabric8Package + kind + "List", true));
      }
    }
  }

  private void register(List<BuiltinKind> inGroup, BuiltinKind kind) {
    kinds.add(kind);
    inGroup.add(kind);
    kindsByClass.computeIfAbsent(kind.modelClassName(), c -> new ArrayList<>()).add(kind.gvk());
  }

  private static GroupVersionKind gvk(GroupVersion gv, String kind) {
    return new GroupVersionKind(gv.group(), gv.version(), kind);
  }

  List<BuiltinKind> kinds() {
    return Collections.unmodifiableList(kinds);
  }

  Map<GroupVersion, List<BuiltinKind>> byGroupVersion() {
    return Collections.unmodifiableMap(byGroupVersion);
  }

  /** The GroupVersionKinds a model class is the top-level type of (empty for nested types). */
  List<GroupVersionKind> kindsOf(Class<?> modelClass) {
    return kindsByClass.getOrDefault(modelClass.getName(), List.of());
  }

  /** Loads a kind's model class (derivation only). */
  static Class<?> load(BuiltinKind kind) {
    try {
      return Class.forName(kind.modelClassName(), false, BuiltinCatalog.class.getClassLoader());
    } catch (ClassNotFoundException e) {
      throw new IllegalStateException("fabric8 model class missing: " + kind.modelClassName(), e);
    }
  }
}
