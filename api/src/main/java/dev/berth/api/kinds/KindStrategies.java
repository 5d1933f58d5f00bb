package dev.berth.api.kinds;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.berth.api.validation.FieldError;
import dev.berth.api.validation.FieldErrorList;
import dev.berth.api.validation.NameRule;
import dev.berth.api.validation.Nodes;
import dev.berth.api.validation.ObjectMetaValidation;
import dev.berth.api.validation.ObjectMetaValidation.Scope;
import java.util.List;
import java.util.Map;

/**
 * The {@link KindStrategy} of every built-in kind the server serves, looked up by API group and kind.
 *
 * <p>The table is built once and never changes; strategies are stateless, so one instance serves all
 * requests of all control planes in the JVM.
 */
public final class KindStrategies {

  private KindStrategies() {}

  private static final Map<String, KindStrategy> BY_KIND = Map.ofEntries(
      entry("", "Namespace", new CoreStrategies.NamespaceStrategy()),
      entry("", "Pod", new PodStrategy()),
      entry("", "Service", new ServiceStrategy()),
      entry("", "Endpoints", new CoreStrategies.EndpointsStrategy()),
      entry("", "ConfigMap", new DataKinds.ConfigMapStrategy()),
      entry("", "Secret", new DataKinds.SecretStrategy()),
      entry("", "ServiceAccount", new CoreStrategies.ServiceAccountStrategy()),
      entry("", "Node", new CoreStrategies.NodeStrategy()),
      entry("", "Event", new CoreStrategies.EventStrategy()),
      entry("", "LimitRange", new CoreStrategies.LimitRangeStrategy()),
      entry("", "ResourceQuota", new CoreStrategies.ResourceQuotaStrategy()),
      entry("", "PersistentVolume", new PersistentVolumes.VolumeStrategy()),
      entry("", "PersistentVolumeClaim", new PersistentVolumes.ClaimStrategy()),
      entry("", "PodTemplate", new CoreStrategies.PodTemplateStrategy()),
      entry("", "Binding", new CoreStrategies.BindingStrategy()),
      entry("apps", "Deployment", new WorkloadStrategies.DeploymentStrategy()),
      entry("apps", "ReplicaSet", new WorkloadStrategies.ReplicaSetStrategy()),
      entry("apps", "StatefulSet", new WorkloadStrategies.StatefulSetStrategy()),
      entry("apps", "DaemonSet", new WorkloadStrategies.DaemonSetStrategy()),
      entry("apps", "ControllerRevision", new WorkloadStrategies.ControllerRevisionStrategy()),
      entry("batch", "Job", new BatchStrategies.JobStrategy()),
      entry("batch", "CronJob", new BatchStrategies.CronJobStrategy()),
      entry("coordination.k8s.io", "Lease", new ClusterStrategies.LeaseStrategy()),
      entry("discovery.k8s.io", "EndpointSlice", new ClusterStrategies.EndpointSliceStrategy()),
      entry("events.k8s.io", "Event", new ClusterStrategies.EventsV1Strategy()),
      entry("policy", "PodDisruptionBudget", new PolicyAndRbacStrategies.PodDisruptionBudgetStrategy()),
      entry("policy", "Eviction", new PolicyAndRbacStrategies.EvictionStrategy()),
      entry(PolicyAndRbacStrategies.RBAC_GROUP, "Role", new PolicyAndRbacStrategies.RoleStrategy(true)),
      entry(PolicyAndRbacStrategies.RBAC_GROUP, "ClusterRole", new PolicyAndRbacStrategies.RoleStrategy(false)),
      entry(PolicyAndRbacStrategies.RBAC_GROUP, "RoleBinding", new PolicyAndRbacStrategies.BindingStrategy(true)),
      entry(PolicyAndRbacStrategies.RBAC_GROUP, "ClusterRoleBinding",
          new PolicyAndRbacStrategies.BindingStrategy(false)),
      entry("storage.k8s.io", "StorageClass", new ClusterStrategies.StorageClassStrategy()),
      entry("networking.k8s.io", "NetworkPolicy", new NetworkingStrategies.NetworkPolicyStrategy()),
      entry("networking.k8s.io", "Ingress", new NetworkingStrategies.IngressStrategy()),
      entry("networking.k8s.io", "IngressClass", new NetworkingStrategies.IngressClassStrategy()),
      entry("autoscaling", "HorizontalPodAutoscaler", new ClusterStrategies.HorizontalPodAutoscalerStrategy()),
      entry("autoscaling", "Scale", new ClusterStrategies.ScaleStrategy()),
      entry("scheduling.k8s.io", "PriorityClass", new ClusterStrategies.PriorityClassStrategy()),
      entry("admissionregistration.k8s.io", "ValidatingWebhookConfiguration",
          new AdmissionRegistrationStrategies.WebhookConfigurationStrategy(false)),
      entry("admissionregistration.k8s.io", "MutatingWebhookConfiguration",
          new AdmissionRegistrationStrategies.WebhookConfigurationStrategy(true)));

  /** For kinds not in the table: no defaults, metadata rules only (scope unknown, DNS-subdomain names). */
  private static final KindStrategy METADATA_ONLY = new MetadataOnly();

  private static Map.Entry<String, KindStrategy> entry(String group, String kind, KindStrategy s) {
    return Map.entry(key(group, kind), s);
  }

  private static String key(String group, String kind) {
    return group + "/" + kind;
  }

  /**
   * The strategy of {@code kind} in API {@code group} ({@code ""} for the core group). Versions of a
   * group share a strategy; where they differ (autoscaling v1/v2) it reads the object's {@code apiVersion}.
   * Unknown kinds get a strategy that only validates metadata.
   */
  public static KindStrategy forKind(String group, String kind) {
    KindStrategy s = BY_KIND.get(key(group == null ? "" : group, kind));
    return s != null ? s : METADATA_ONLY;
  }

  /** Whether {@code kind} in {@code group} has rules of its own here. */
  public static boolean isBuiltIn(String group, String kind) {
    return BY_KIND.containsKey(key(group == null ? "" : group, kind));
  }

  private static final class MetadataOnly implements KindStrategy {
    @Override
    public void applyDefaults(ObjectNode obj) {}

    @Override
    public void prepareForUpdate(ObjectNode obj, ObjectNode old) {
      AbstractKindStrategy.carryOverSystemFields(obj, old);
    }

    @Override
    public List<FieldError> validateCreate(ObjectNode obj) {
      FieldErrorList errs = new FieldErrorList();
      ObjectMetaValidation.validateCreate(Nodes.get(obj, "metadata"), Scope.UNKNOWN, NameRule.DNS_SUBDOMAIN, false,
          errs);
      return errs.toList();
    }

    @Override
    public List<FieldError> validateUpdate(ObjectNode obj, ObjectNode old) {
      FieldErrorList errs = new FieldErrorList();
      ObjectMetaValidation.validateUpdate(Nodes.get(obj, "metadata"), Nodes.get(old, "metadata"), false, errs);
      return errs.toList();
    }
  }
}
