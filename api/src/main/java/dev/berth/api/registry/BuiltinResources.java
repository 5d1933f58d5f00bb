package dev.berth.api.registry;

import dev.berth.api.meta.GroupResource;
import dev.berth.api.meta.GroupVersionKind;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The built-in resources a Berth cluster serves, with the names, short names, categories and
 * subresources of upstream Kubernetes 1.32 (the facts kubectl's discovery relies on: {@code po},
 * {@code all}, {@code pods/eviction} answering policy/v1 Eviction, {@code deployments/scale} answering
 * autoscaling/v1 Scale, ...).
 */
public final class BuiltinResources {

  private static final List<String> GET_PATCH_UPDATE = List.of("get", "patch", "update");
  private static final List<String> CREATE = List.of("create");
  private static final GroupVersionKind SCALE = new GroupVersionKind("autoscaling", "v1", "Scale");

  private BuiltinResources() {}

  /** Every built-in resource, in discovery order (groups in upstream's priority order). */
  public static List<ResourceDescriptor> all() {
    List<ResourceDescriptor> r = new ArrayList<>();
    // core/v1
    r.add(b("", "v1", "Binding", "bindings").verbs(CREATE).build());
    r.add(b("", "v1", "ConfigMap", "configmaps").shortNames("cm").build());
    r.add(b("", "v1", "Endpoints", "endpoints").shortNames("ep").build());
    r.add(b("", "v1", "Event", "events").shortNames("ev").build());
    r.add(b("", "v1", "LimitRange", "limitranges").shortNames("limits").build());
    r.add(b("", "v1", "Namespace", "namespaces").cluster().shortNames("ns")
        .verbs(List.of("create", "delete", "get", "list", "patch", "update", "watch"))
        .status().sub("finalize", gvk("", "v1", "Namespace"), List.of("update")).build());
    r.add(b("", "v1", "Node", "nodes").cluster().shortNames("no").status().build());
    r.add(b("", "v1", "PersistentVolumeClaim", "persistentvolumeclaims").shortNames("pvc").status()
        .build());
    r.add(b("", "v1", "PersistentVolume", "persistentvolumes").cluster().shortNames("pv").status()
        .build());
    r.add(b("", "v1", "Pod", "pods").shortNames("po").categories("all")
        .sub("binding", gvk("", "v1", "Binding"), CREATE)
        .sub("eviction", gvk("policy", "v1", "Eviction"), CREATE)
        .status().build());
    r.add(b("", "v1", "PodTemplate", "podtemplates").build());
    r.add(b("", "v1", "ResourceQuota", "resourcequotas").shortNames("quota").status().build());
    r.add(b("", "v1", "Secret", "secrets").build());
    r.add(b("", "v1", "ServiceAccount", "serviceaccounts").shortNames("sa").build());
    r.add(b("", "v1", "Service", "services").shortNames("svc").categories("all").status()
        .verbs(List.of("create", "delete", "deletecollection", "get", "list", "patch", "update",
            "watch"))
        .build());
    // apiextensions.k8s.io
    r.add(b("apiextensions.k8s.io", "v1", "CustomResourceDefinition", "customresourcedefinitions")
        .cluster().shortNames("crd", "crds").categories("api-extensions").generation().status()
        .build());
    // apps/v1
    r.add(b("apps", "v1", "ControllerRevision", "controllerrevisions").build());
    r.add(b("apps", "v1", "DaemonSet", "daemonsets").shortNames("ds").categories("all")
        .generation().status().build());
    r.add(b("apps", "v1", "Deployment", "deployments").shortNames("deploy").categories("all")
        .generation().sub("scale", SCALE, GET_PATCH_UPDATE).status().build());
    r.add(b("apps", "v1", "ReplicaSet", "replicasets").shortNames("rs").categories("all")
        .generation().sub("scale", SCALE, GET_PATCH_UPDATE).status().build());
    r.add(b("apps", "v1", "StatefulSet", "statefulsets").shortNames("sts").categories("all")
        .generation().sub("scale", SCALE, GET_PATCH_UPDATE).status().build());
    // events.k8s.io/v1 shares storage with core events
    r.add(b("events.k8s.io", "v1", "Event", "events").shortNames("ev")
        .storage(new GroupResource("", "events"), "v1").build());
    // autoscaling: v2 is preferred and the storage version; v1 is converted
    r.add(b("autoscaling", "v2", "HorizontalPodAutoscaler", "horizontalpodautoscalers")
        .shortNames("hpa").categories("all").generation().status().build());
    r.add(b("autoscaling", "v1", "HorizontalPodAutoscaler", "horizontalpodautoscalers")
        .shortNames("hpa").categories("all").generation().status()
        .storage(new GroupResource("autoscaling", "horizontalpodautoscalers"), "v2").build());
    // batch/v1
    r.add(b("batch", "v1", "CronJob", "cronjobs").shortNames("cj").categories("all").generation()
        .status().build());
    r.add(b("batch", "v1", "Job", "jobs").categories("all").generation().status().build());
    // networking.k8s.io/v1
    r.add(b("networking.k8s.io", "v1", "IngressClass", "ingressclasses").cluster().build());
    r.add(b("networking.k8s.io", "v1", "Ingress", "ingresses").shortNames("ing").generation()
        .status().build());
    r.add(b("networking.k8s.io", "v1", "NetworkPolicy", "networkpolicies").shortNames("netpol")
        .generation().build());
    // policy/v1
    r.add(b("policy", "v1", "PodDisruptionBudget", "poddisruptionbudgets").shortNames("pdb")
        .generation().status().build());
    // rbac.authorization.k8s.io/v1
    r.add(b("rbac.authorization.k8s.io", "v1", "ClusterRoleBinding", "clusterrolebindings")
        .cluster().build());
    r.add(b("rbac.authorization.k8s.io", "v1", "ClusterRole", "clusterroles").cluster().build());
    r.add(b("rbac.authorization.k8s.io", "v1", "RoleBinding", "rolebindings").build());
    r.add(b("rbac.authorization.k8s.io", "v1", "Role", "roles").build());
    // storage.k8s.io/v1
    r.add(b("storage.k8s.io", "v1", "StorageClass", "storageclasses").cluster().shortNames("sc")
        .build());
    // admissionregistration.k8s.io/v1
    r.add(b("admissionregistration.k8s.io", "v1", "MutatingWebhookConfiguration",
        "mutatingwebhookconfigurations").cluster().categories("api-extensions").generation()
        .build());
    r.add(b("admissionregistration.k8s.io", "v1", "ValidatingAdmissionPolicy",
        "validatingadmissionpolicies").cluster().categories("api-extensions").generation()
        .status().build());
    r.add(b("admissionregistration.k8s.io", "v1", "ValidatingAdmissionPolicyBinding",
        "validatingadmissionpolicybindings").cluster().categories("api-extensions").generation()
        .build());
    r.add(b("admissionregistration.k8s.io", "v1", "ValidatingWebhookConfiguration",
        "validatingwebhookconfigurations").cluster().categories("api-extensions").generation()
        .build());
    // scheduling.k8s.io/v1
    r.add(b("scheduling.k8s.io", "v1", "PriorityClass", "priorityclasses").cluster()
        .shortNames("pc").build());
    // coordination.k8s.io/v1
    r.add(b("coordination.k8s.io", "v1", "Lease", "leases").build());
    // discovery.k8s.io/v1
    r.add(b("discovery.k8s.io", "v1", "EndpointSlice", "endpointslices").build());
    return List.copyOf(r);
  }

  /**
   * Group order as kube-apiserver lists them in {@code /apis} (its priority order); groups not listed
   * here come after, alphabetically.
   */
  public static List<String> groupOrder() {
    return List.of("", "apiregistration.k8s.io", "apps", "events.k8s.io", "authentication.k8s.io",
        "authorization.k8s.io", "autoscaling", "batch", "certificates.k8s.io", "networking.k8s.io",
        "policy", "rbac.authorization.k8s.io", "storage.k8s.io", "admissionregistration.k8s.io",
        "apiextensions.k8s.io", "scheduling.k8s.io", "coordination.k8s.io", "node.k8s.io",
        "discovery.k8s.io", "flowcontrol.apiserver.k8s.io", "metrics.k8s.io");
  }

  /** The version clients should prefer for a group that serves several. */
  public static String preferredVersion(String group) {
    return switch (group) {
      case "autoscaling" -> "v2";
      default -> "v1";
    };
  }

  private static GroupVersionKind gvk(String group, String version, String kind) {
    return new GroupVersionKind(group, version, kind);
  }

  private static Builder b(String group, String version, String kind, String plural) {
    return new Builder(group, version, kind, plural);
  }

  /** Builds descriptors; also used for custom resources. */
  public static final class Builder {
    private final String group;
    private final String version;
    private final String kind;
    private final String plural;
    private String singular;
    private boolean namespaced = true;
    private List<String> shortNames = List.of();
    private List<String> categories = List.of();
    private List<String> verbs = ResourceDescriptor.ALL_VERBS;
    private final Map<String, SubresourceDescriptor> subresources = new LinkedHashMap<>();
    private GroupResource storage;
    private String storageVersion;
    private boolean generation;

    public Builder(String group, String version, String kind, String plural) {
      this.group = group;
      this.version = version;
      this.kind = kind;
      this.plural = plural;
      this.singular = kind.toLowerCase(java.util.Locale.ROOT);
    }

    public Builder singular(String s) {
      this.singular = s;
      return this;
    }

    public Builder cluster() {
      this.namespaced = false;
      return this;
    }

    public Builder namespaced(boolean ns) {
      this.namespaced = ns;
      return this;
    }

    public Builder shortNames(String... names) {
      this.shortNames = List.of(names);
      return this;
    }

    public Builder shortNames(List<String> names) {
      this.shortNames = List.copyOf(names);
      return this;
    }

    public Builder categories(String... c) {
      this.categories = List.of(c);
      return this;
    }

    public Builder categories(List<String> c) {
      this.categories = List.copyOf(c);
      return this;
    }

    public Builder verbs(List<String> v) {
      this.verbs = List.copyOf(v);
      return this;
    }

    public Builder status() {
      subresources.put("status", new SubresourceDescriptor("status",
          new GroupVersionKind(group, version, kind), GET_PATCH_UPDATE));
      return this;
    }

    public Builder sub(String name, GroupVersionKind response, List<String> verbs) {
      subresources.put(name, new SubresourceDescriptor(name, response, verbs));
      return this;
    }

    public Builder scale() {
      return sub("scale", SCALE, GET_PATCH_UPDATE);
    }

    public Builder generation() {
      this.generation = true;
      return this;
    }

    public Builder storage(GroupResource gr, String version) {
      this.storage = gr;
      this.storageVersion = version;
      return this;
    }

    public ResourceDescriptor build() {
      GroupResource st = storage != null ? storage : new GroupResource(group, plural);
      String sv = storageVersion != null ? storageVersion : version;
      return new ResourceDescriptor(group, version, kind, plural, singular, namespaced, shortNames,
          categories, verbs, java.util.Collections.unmodifiableMap(new LinkedHashMap<>(subresources)),
          st, sv, generation);
    }
  }
}
