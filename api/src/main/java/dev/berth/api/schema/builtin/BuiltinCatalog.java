package dev.berth.api.schema.builtin;

import dev.berth.api.meta.GroupVersion;
import dev.berth.api.meta.GroupVersionKind;
import io.fabric8.kubernetes.api.model.Binding;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.DeleteOptions;
import io.fabric8.kubernetes.api.model.Endpoints;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.LimitRange;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.PersistentVolume;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodTemplate;
import io.fabric8.kubernetes.api.model.ReplicationController;
import io.fabric8.kubernetes.api.model.ResourceQuota;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.Status;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.MutatingWebhookConfiguration;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingAdmissionPolicy;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingAdmissionPolicyBinding;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingWebhookConfiguration;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apps.ControllerRevision;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.authentication.SelfSubjectReview;
import io.fabric8.kubernetes.api.model.authentication.TokenRequest;
import io.fabric8.kubernetes.api.model.authentication.TokenReview;
import io.fabric8.kubernetes.api.model.authorization.v1.LocalSubjectAccessReview;
import io.fabric8.kubernetes.api.model.authorization.v1.SelfSubjectAccessReview;
import io.fabric8.kubernetes.api.model.authorization.v1.SelfSubjectRulesReview;
import io.fabric8.kubernetes.api.model.authorization.v1.SubjectAccessReview;
import io.fabric8.kubernetes.api.model.autoscaling.v1.Scale;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressClass;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.Eviction;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.api.model.scheduling.v1.PriorityClass;
import io.fabric8.kubernetes.api.model.storage.StorageClass;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The built-in kinds Berth serves and the fabric8 classes that describe them. Where a list class
 * exists next to the kind ({@code PodList}), the list kind is included too.
 */
final class BuiltinCatalog {

  private final List<BuiltinKind> kinds = new ArrayList<>();
  private final Map<Class<?>, List<GroupVersionKind>> kindsByClass = new LinkedHashMap<>();
  private final Map<GroupVersion, List<BuiltinKind>> byGroupVersion = new LinkedHashMap<>();

  BuiltinCatalog() {
    GroupVersion core = new GroupVersion("", "v1");
    add(core, Namespace.class, Pod.class, Service.class, Endpoints.class, ConfigMap.class,
        Secret.class, ServiceAccount.class, Node.class, Event.class, LimitRange.class,
        ResourceQuota.class, PersistentVolume.class, PersistentVolumeClaim.class,
        PodTemplate.class, ReplicationController.class, Binding.class, Status.class,
        DeleteOptions.class);
    add(new GroupVersion("apps", "v1"), Deployment.class, ReplicaSet.class, StatefulSet.class,
        DaemonSet.class, ControllerRevision.class);
    add(new GroupVersion("batch", "v1"), Job.class, CronJob.class);
    add(new GroupVersion("coordination.k8s.io", "v1"), Lease.class);
    add(new GroupVersion("discovery.k8s.io", "v1"), EndpointSlice.class);
    add(new GroupVersion("events.k8s.io", "v1"), io.fabric8.kubernetes.api.model.events.v1.Event.class);
    add(new GroupVersion("policy", "v1"), PodDisruptionBudget.class, Eviction.class);
    add(new GroupVersion("rbac.authorization.k8s.io", "v1"), Role.class, RoleBinding.class,
        ClusterRole.class, ClusterRoleBinding.class);
    add(new GroupVersion("storage.k8s.io", "v1"), StorageClass.class);
    add(new GroupVersion("networking.k8s.io", "v1"), NetworkPolicy.class, Ingress.class,
        IngressClass.class);
    add(new GroupVersion("autoscaling", "v1"),
        io.fabric8.kubernetes.api.model.autoscaling.v1.HorizontalPodAutoscaler.class, Scale.class);
    add(new GroupVersion("autoscaling", "v2"),
        io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler.class);
    add(new GroupVersion("scheduling.k8s.io", "v1"), PriorityClass.class);
    add(new GroupVersion("admissionregistration.k8s.io", "v1"),
        MutatingWebhookConfiguration.class, ValidatingWebhookConfiguration.class,
        ValidatingAdmissionPolicy.class, ValidatingAdmissionPolicyBinding.class);
    add(new GroupVersion("apiextensions.k8s.io", "v1"), CustomResourceDefinition.class);
    add(new GroupVersion("authentication.k8s.io", "v1"), TokenRequest.class, TokenReview.class,
        SelfSubjectReview.class);
    add(new GroupVersion("authorization.k8s.io", "v1"), SubjectAccessReview.class,
        SelfSubjectAccessReview.class, LocalSubjectAccessReview.class,
        SelfSubjectRulesReview.class);
    // Every group registers DeleteOptions (metav1.AddToGroupVersion), so upstream's component
    // carries one GroupVersionKind per served group-version.
    for (GroupVersion gv : byGroupVersion.keySet()) {
      if (gv.equals(core)) {
        continue; // registered above as a core/v1 kind
      }
      GroupVersionKind gvk = new GroupVersionKind(gv.group(), gv.version(), "DeleteOptions");
      kindsByClass.computeIfAbsent(DeleteOptions.class, c -> new ArrayList<>()).add(gvk);
    }
  }

  private void add(GroupVersion gv, Class<?>... classes) {
    List<BuiltinKind> inGroup = byGroupVersion.computeIfAbsent(gv, k -> new ArrayList<>());
    for (Class<?> type : classes) {
      register(inGroup, new BuiltinKind(gvk(gv, type.getSimpleName()), type, false));
      Class<?> listClass = listClassOf(type);
      if (listClass != null) {
        register(inGroup, new BuiltinKind(gvk(gv, listClass.getSimpleName()), listClass, true));
      }
    }
  }

  private void register(List<BuiltinKind> inGroup, BuiltinKind kind) {
    kinds.add(kind);
    inGroup.add(kind);
    kindsByClass.computeIfAbsent(kind.modelClass(), c -> new ArrayList<>()).add(kind.gvk());
  }

  private static GroupVersionKind gvk(GroupVersion gv, String kind) {
    return new GroupVersionKind(gv.group(), gv.version(), kind);
  }

  private static Class<?> listClassOf(Class<?> type) {
    try {
      return Class.forName(type.getName() + "List", false, type.getClassLoader());
    } catch (ClassNotFoundException none) {
      return null; // Binding, Eviction, Scale, Status and the reviews have no list kind
    }
  }

  List<BuiltinKind> kinds() {
    return Collections.unmodifiableList(kinds);
  }

  Map<GroupVersion, List<BuiltinKind>> byGroupVersion() {
    return Collections.unmodifiableMap(byGroupVersion);
  }

  /** The GroupVersionKinds a model class is the top-level type of (empty for nested types). */
  List<GroupVersionKind> kindsOf(Class<?> modelClass) {
    return kindsByClass.getOrDefault(modelClass, List.of());
  }
}
