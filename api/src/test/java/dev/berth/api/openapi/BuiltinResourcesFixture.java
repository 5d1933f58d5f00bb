package dev.berth.api.openapi;

import dev.berth.api.meta.GroupVersionKind;
import dev.berth.api.schema.builtin.BuiltinSchemas;
import java.util.ArrayList;
import java.util.List;

/**
 * The built-in resource set as OpenAPI inputs, the way the resource registry will describe it
 * (plural, scope, verbs, subresources). Test data only: the registry owns these facts.
 */
final class BuiltinResourcesFixture {

  static final List<String> ALL_VERBS =
      List.of("create", "delete", "deletecollection", "get", "list", "patch", "update", "watch");
  private static final List<String> STATUS_VERBS = List.of("get", "patch", "update");

  private final BuiltinSchemas schemas;
  private final List<OpenApiResource> resources = new ArrayList<>();

  BuiltinResourcesFixture(BuiltinSchemas schemas) {
    this.schemas = schemas;
    String core = "v1";
    add(core, "Namespace", "namespaces", false, "status");
    add(core, "Pod", "pods", true, "status");
    add(core, "Service", "services", true, "status");
    add(core, "Endpoints", "endpoints", true);
    add(core, "ConfigMap", "configmaps", true);
    add(core, "Secret", "secrets", true);
    add(core, "ServiceAccount", "serviceaccounts", true);
    add(core, "Node", "nodes", false, "status");
    add(core, "Event", "events", true);
    add(core, "LimitRange", "limitranges", true);
    add(core, "ResourceQuota", "resourcequotas", true, "status");
    add(core, "PersistentVolume", "persistentvolumes", false, "status");
    add(core, "PersistentVolumeClaim", "persistentvolumeclaims", true, "status");
    add(core, "PodTemplate", "podtemplates", true);
    add("apps/v1", "Deployment", "deployments", true, "status", "scale");
    add("apps/v1", "ReplicaSet", "replicasets", true, "status", "scale");
    add("apps/v1", "StatefulSet", "statefulsets", true, "status", "scale");
    add("apps/v1", "DaemonSet", "daemonsets", true, "status");
    add("apps/v1", "ControllerRevision", "controllerrevisions", true);
    add("batch/v1", "Job", "jobs", true, "status");
    add("batch/v1", "CronJob", "cronjobs", true, "status");
    add("coordination.k8s.io/v1", "Lease", "leases", true);
    add("discovery.k8s.io/v1", "EndpointSlice", "endpointslices", true);
    add("events.k8s.io/v1", "Event", "events", true);
    add("policy/v1", "PodDisruptionBudget", "poddisruptionbudgets", true, "status");
    add("rbac.authorization.k8s.io/v1", "Role", "roles", true);
    add("rbac.authorization.k8s.io/v1", "RoleBinding", "rolebindings", true);
    add("rbac.authorization.k8s.io/v1", "ClusterRole", "clusterroles", false);
    add("rbac.authorization.k8s.io/v1", "ClusterRoleBinding", "clusterrolebindings", false);
    add("storage.k8s.io/v1", "StorageClass", "storageclasses", false);
    add("networking.k8s.io/v1", "NetworkPolicy", "networkpolicies", true);
    add("networking.k8s.io/v1", "Ingress", "ingresses", true, "status");
    add("networking.k8s.io/v1", "IngressClass", "ingressclasses", false);
    add("autoscaling/v1", "HorizontalPodAutoscaler", "horizontalpodautoscalers", true, "status");
    add("autoscaling/v2", "HorizontalPodAutoscaler", "horizontalpodautoscalers", true, "status");
    add("scheduling.k8s.io/v1", "PriorityClass", "priorityclasses", false);
    add("admissionregistration.k8s.io/v1", "MutatingWebhookConfiguration", "mutatingwebhookconfigurations", false);
    add("admissionregistration.k8s.io/v1", "ValidatingWebhookConfiguration", "validatingwebhookconfigurations", false);
    add("admissionregistration.k8s.io/v1", "ValidatingAdmissionPolicy", "validatingadmissionpolicies", false, "status");
    add("admissionregistration.k8s.io/v1", "ValidatingAdmissionPolicyBinding", "validatingadmissionpolicybindings", false);
    add("apiextensions.k8s.io/v1", "CustomResourceDefinition", "customresourcedefinitions", false, "status");
  }

  List<OpenApiResource> resources() {
    return List.copyOf(resources);
  }

  private void add(String apiVersion, String kind, String plural, boolean namespaced, String... subresourceNames) {
    GroupVersionKind gvk = GroupVersionKind.of(apiVersion, kind);
    List<OpenApiSubresource> subs = new ArrayList<>();
    for (String sub : subresourceNames) {
      if (sub.equals("scale")) {
        GroupVersionKind scale = GroupVersionKind.of("autoscaling/v1", "Scale");
        subs.add(new OpenApiSubresource("scale", scale, schemas.schemaFor(scale), STATUS_VERBS));
      } else {
        subs.add(new OpenApiSubresource(sub, gvk, schemas.schemaFor(gvk), STATUS_VERBS));
      }
    }
    if (gvk.equals(GroupVersionKind.of("v1", "Pod"))) {
      GroupVersionKind binding = GroupVersionKind.of("v1", "Binding");
      GroupVersionKind eviction = GroupVersionKind.of("policy/v1", "Eviction");
      subs.add(new OpenApiSubresource("binding", binding, schemas.schemaFor(binding), List.of("create")));
      subs.add(new OpenApiSubresource("eviction", eviction, schemas.schemaFor(eviction), List.of("create")));
      subs.add(new OpenApiSubresource("log", gvk, null, List.of("get")));
      subs.add(new OpenApiSubresource("exec", gvk, null, List.of("connect")));
    }
    resources.add(OpenApiResource.builtin(gvk, plural, namespaced, schemas.schemaFor(gvk),
        schemas.schemaFor(GroupVersionKind.of(apiVersion, kind + "List")), ALL_VERBS, subs));
  }
}
