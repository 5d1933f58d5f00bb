package dev.berth.api.kinds;

import static dev.berth.api.kinds.KindTesting.yaml;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The server is unstructured: a strategy may see any JSON shape before (or without) schema checks. Every
 * built-in strategy must turn odd shapes into field errors or ignore them, never throw, and its defaulting
 * must be idempotent.
 */
class RobustnessTest {

  static final List<String[]> KINDS = List.of(new String[] {"", "Namespace"}, new String[] {"", "Pod"},
      new String[] {"", "Service"}, new String[] {"", "Endpoints"}, new String[] {"", "ConfigMap"},
      new String[] {"", "Secret"}, new String[] {"", "ServiceAccount"}, new String[] {"", "Node"},
      new String[] {"", "Event"}, new String[] {"", "LimitRange"}, new String[] {"", "ResourceQuota"},
      new String[] {"", "PersistentVolume"}, new String[] {"", "PersistentVolumeClaim"},
      new String[] {"", "PodTemplate"}, new String[] {"", "Binding"}, new String[] {"apps", "Deployment"},
      new String[] {"apps", "ReplicaSet"}, new String[] {"apps", "StatefulSet"}, new String[] {"apps", "DaemonSet"},
      new String[] {"apps", "ControllerRevision"}, new String[] {"batch", "Job"}, new String[] {"batch", "CronJob"},
      new String[] {"coordination.k8s.io", "Lease"}, new String[] {"discovery.k8s.io", "EndpointSlice"},
      new String[] {"events.k8s.io", "Event"}, new String[] {"policy", "PodDisruptionBudget"},
      new String[] {"policy", "Eviction"}, new String[] {"rbac.authorization.k8s.io", "Role"},
      new String[] {"rbac.authorization.k8s.io", "ClusterRole"},
      new String[] {"rbac.authorization.k8s.io", "RoleBinding"},
      new String[] {"rbac.authorization.k8s.io", "ClusterRoleBinding"},
      new String[] {"storage.k8s.io", "StorageClass"}, new String[] {"networking.k8s.io", "NetworkPolicy"},
      new String[] {"networking.k8s.io", "Ingress"}, new String[] {"networking.k8s.io", "IngressClass"},
      new String[] {"autoscaling", "HorizontalPodAutoscaler"}, new String[] {"autoscaling", "Scale"},
      new String[] {"scheduling.k8s.io", "PriorityClass"},
      new String[] {"admissionregistration.k8s.io", "ValidatingWebhookConfiguration"},
      new String[] {"admissionregistration.k8s.io", "MutatingWebhookConfiguration"});

  static final List<String> ODD_SHAPES = List.of(
      "{}",
      "{metadata: 5, spec: x, status: [1]}",
      "{metadata: {name: x, namespace: d, labels: [a], annotations: 3, finalizers: {a: b}, ownerReferences: x}}",
      "{metadata: {name: x, namespace: d}, spec: {containers: x, template: 3, selector: [], ports: {a: 1}, "
          + "replicas: abc, strategy: [], rules: 7, volumes: [1, null, {name: 3}], tolerations: {}}}",
      "{metadata: {name: x, namespace: d}, spec: {template: {metadata: 1, spec: {containers: [5, {name: [], image: {}, "
          + "ports: [x], env: 1, resources: {limits: {cpu: [1]}, requests: 3}}]}}, jobTemplate: {spec: []}}}",
      "{metadata: {name: x, namespace: d}, data: [1], binaryData: {k: 5}, stringData: x, subsets: {a: 1}, "
          + "webhooks: [{clientConfig: {service: 5}, rules: [x]}], endpoints: x, roleRef: 1, subjects: [1]}",
      "{metadata: {name: x, namespace: d}, spec: {type: LoadBalancer, clusterIPs: [None, 1], ipFamilies: 4, "
          + "ports: [{port: x, targetPort: {}, nodePort: abc}], sessionAffinity: ClientIP, sessionAffinityConfig: 3}}");

  static Stream<Arguments> cases() {
    return KINDS.stream().flatMap(k -> ODD_SHAPES.stream().map(s -> Arguments.of(k[0] + "/" + k[1], k, s)));
  }

  @ParameterizedTest(name = "{0}: {2}")
  @MethodSource("cases")
  void oddShapesNeverThrowAndDefaultsAreIdempotent(String name, String[] kind, String shape) {
    KindStrategy s = KindStrategies.forKind(kind[0], kind[1]);
    ObjectNode obj = yaml(shape);
    ObjectNode old = yaml(shape);
    assertThatCode(() -> {
      s.applyDefaults(obj);
      ObjectNode again = obj.deepCopy();
      s.applyDefaults(again);
      assertThat(again).isEqualTo(obj);
      s.prepareForCreate(obj);
      s.validateCreate(obj);
      ObjectNode updated = obj.deepCopy();
      s.prepareForUpdate(updated, old);
      s.validateUpdate(updated, old);
    }).doesNotThrowAnyException();
  }
}
