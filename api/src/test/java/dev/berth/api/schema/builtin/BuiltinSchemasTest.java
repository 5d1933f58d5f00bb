package dev.berth.api.schema.builtin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.api.meta.GroupVersionKind;
import dev.berth.api.schema.Schema;
import dev.berth.api.schema.Schema.Type;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.BiConsumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BuiltinSchemasTest {

  private static final BuiltinSchemas SCHEMAS = new BuiltinSchemas(null);

  private static Schema kind(String apiVersion, String kind) {
    return SCHEMAS.schemaFor(GroupVersionKind.of(apiVersion, kind));
  }

  private static Schema component(String name) {
    Schema s = SCHEMAS.component(name);
    assertThat(s).as(name).isNotNull();
    return s;
  }

  @ParameterizedTest(name = "{0} {1}")
  @CsvSource({
      "v1, Namespace, true", "v1, Pod, true", "v1, Service, true", "v1, Endpoints, true",
      "v1, ConfigMap, true", "v1, Secret, true", "v1, ServiceAccount, true", "v1, Node, true",
      "v1, Event, true", "v1, LimitRange, true", "v1, ResourceQuota, true",
      "v1, PersistentVolume, true", "v1, PersistentVolumeClaim, true", "v1, PodTemplate, true",
      "v1, Binding, false",
      "apps/v1, Deployment, true", "apps/v1, ReplicaSet, true", "apps/v1, StatefulSet, true",
      "apps/v1, DaemonSet, true", "apps/v1, ControllerRevision, true",
      "batch/v1, Job, true", "batch/v1, CronJob, true",
      "coordination.k8s.io/v1, Lease, true",
      "discovery.k8s.io/v1, EndpointSlice, true",
      "events.k8s.io/v1, Event, true",
      "policy/v1, PodDisruptionBudget, true", "policy/v1, Eviction, false",
      "rbac.authorization.k8s.io/v1, Role, true", "rbac.authorization.k8s.io/v1, RoleBinding, true",
      "rbac.authorization.k8s.io/v1, ClusterRole, true",
      "rbac.authorization.k8s.io/v1, ClusterRoleBinding, true",
      "storage.k8s.io/v1, StorageClass, true",
      "networking.k8s.io/v1, NetworkPolicy, true", "networking.k8s.io/v1, Ingress, true",
      "networking.k8s.io/v1, IngressClass, true",
      "autoscaling/v1, HorizontalPodAutoscaler, true", "autoscaling/v1, Scale, false",
      "autoscaling/v2, HorizontalPodAutoscaler, true",
      "scheduling.k8s.io/v1, PriorityClass, true",
      "admissionregistration.k8s.io/v1, MutatingWebhookConfiguration, true",
      "admissionregistration.k8s.io/v1, ValidatingWebhookConfiguration, true",
      "admissionregistration.k8s.io/v1, ValidatingAdmissionPolicy, true",
      "admissionregistration.k8s.io/v1, ValidatingAdmissionPolicyBinding, true",
      "apiextensions.k8s.io/v1, CustomResourceDefinition, true",
  })
  void everyBuiltinKindHasATopLevelSchemaAndItsList(String apiVersion, String kindName, boolean hasList) {
    GroupVersionKind gvk = GroupVersionKind.of(apiVersion, kindName);
    Schema schema = SCHEMAS.schemaFor(gvk);

    assertThat(schema.type()).isEqualTo(Type.OBJECT);
    assertThat(schema.groupVersionKinds()).containsExactly(gvk);
    assertThat(schema.properties()).containsKeys("apiVersion", "kind", "metadata");
    assertThat(schema.property("metadata").name()).isEqualTo("io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta");
    assertThat(schema.name()).endsWith("." + kindName).startsWith("io.k8s.");

    GroupVersionKind listGvk = GroupVersionKind.of(apiVersion, kindName + "List");
    assertThat(SCHEMAS.isBuiltin(listGvk)).isEqualTo(hasList);
    if (hasList) {
      Schema list = SCHEMAS.schemaFor(listGvk);
      assertThat(list.groupVersionKinds()).containsExactly(listGvk);
      assertThat(list.property("items").items()).isSameAs(schema);
      assertThat(list.property("metadata").name()).isEqualTo("io.k8s.apimachinery.pkg.apis.meta.v1.ListMeta");
    }
  }

  @Test
  void componentNamesFollowUpstream() {
    assertThat(kind("v1", "Pod").name()).isEqualTo("io.k8s.api.core.v1.Pod");
    assertThat(kind("apps/v1", "Deployment").name()).isEqualTo("io.k8s.api.apps.v1.Deployment");
    assertThat(kind("rbac.authorization.k8s.io/v1", "Role").name()).isEqualTo("io.k8s.api.rbac.v1.Role");
    assertThat(kind("storage.k8s.io/v1", "StorageClass").name()).isEqualTo("io.k8s.api.storage.v1.StorageClass");
    assertThat(kind("events.k8s.io/v1", "Event").name()).isEqualTo("io.k8s.api.events.v1.Event");
    assertThat(kind("v1", "Event").name()).isEqualTo("io.k8s.api.core.v1.Event");
    assertThat(kind("v1", "Status").name()).isEqualTo("io.k8s.apimachinery.pkg.apis.meta.v1.Status");
    assertThat(kind("apiextensions.k8s.io/v1", "CustomResourceDefinition").name())
        .isEqualTo("io.k8s.apiextensions-apiserver.pkg.apis.apiextensions.v1.CustomResourceDefinition");
    assertThat(kind("v1", "Pod").property("spec").name()).isEqualTo("io.k8s.api.core.v1.PodSpec");
    assertThat(kind("apps/v1", "Deployment").property("spec").property("selector").name())
        .isEqualTo("io.k8s.apimachinery.pkg.apis.meta.v1.LabelSelector");
    assertThat(component("io.k8s.api.core.v1.PodSpec").property("overhead").additionalProperties().name())
        .isEqualTo("io.k8s.apimachinery.pkg.api.resource.Quantity");
  }

  @Test
  void sharedTypesAreOneNode() {
    Schema podSpec = kind("v1", "Pod").property("spec");
    Schema templateSpec = kind("apps/v1", "Deployment").property("spec").property("template").property("spec");
    assertThat(templateSpec).isSameAs(podSpec).isSameAs(component("io.k8s.api.core.v1.PodSpec"));
  }

  @Test
  void podSpecListsCarryUpstreamPatchAndListMetadata() {
    Schema podSpec = component("io.k8s.api.core.v1.PodSpec");
    for (String list : List.of("containers", "initContainers", "ephemeralContainers", "imagePullSecrets",
        "schedulingGates")) {
      Schema field = podSpec.property(list);
      assertThat(field.type()).as(list).isEqualTo(Type.ARRAY);
      assertThat(field.patchStrategy()).as(list).isEqualTo("merge");
      assertThat(field.patchMergeKey()).as(list).isEqualTo("name");
      assertThat(field.listType()).as(list).isEqualTo("map");
      assertThat(field.listMapKeys()).as(list).containsExactly("name");
    }
    assertThat(podSpec.property("volumes").patchStrategy()).isEqualTo("merge,retainKeys");
    assertThat(podSpec.property("resourceClaims").patchStrategy()).isEqualTo("merge,retainKeys");
    assertThat(podSpec.property("hostAliases").patchMergeKey()).isEqualTo("ip");
    assertThat(podSpec.property("topologySpreadConstraints").listMapKeys())
        .containsExactly("topologyKey", "whenUnsatisfiable");
    assertThat(podSpec.property("topologySpreadConstraints").patchMergeKey()).isEqualTo("topologyKey");
    assertThat(podSpec.property("tolerations").listType()).isEqualTo("atomic");
    assertThat(podSpec.property("tolerations").patchStrategy()).isNull();
    assertThat(podSpec.property("readinessGates").listType()).isEqualTo("atomic");
    assertThat(podSpec.property("nodeSelector").isMap()).isTrue();
    assertThat(podSpec.property("nodeSelector").mapType()).isEqualTo("atomic");
    assertThat(podSpec.property("containers").items().name()).isEqualTo("io.k8s.api.core.v1.Container");
  }

  @Test
  void containerFields() {
    Schema container = component("io.k8s.api.core.v1.Container");
    Schema ports = container.property("ports");
    assertThat(ports.listType()).isEqualTo("map");
    assertThat(ports.listMapKeys()).containsExactly("containerPort", "protocol");
    assertThat(ports.patchMergeKey()).isEqualTo("containerPort");
    assertThat(ports.items().property("protocol").defaultValue().asText()).isEqualTo("TCP");
    assertThat(ports.items().property("containerPort").type()).isEqualTo(Type.INTEGER);
    assertThat(ports.items().property("containerPort").format()).isEqualTo("int32");
    assertThat(container.property("env").patchMergeKey()).isEqualTo("name");
    assertThat(container.property("volumeMounts").patchMergeKey()).isEqualTo("mountPath");
    assertThat(container.property("volumeDevices").listMapKeys()).containsExactly("devicePath");
    assertThat(container.property("resizePolicy").listType()).isEqualTo("atomic");
    assertThat(container.property("command").items().type()).isEqualTo(Type.STRING);
    assertThat(container.required()).containsExactly("name");
    // fabric8 7.5 carries fields of later Kubernetes releases; a v1.32 server does not serve them
    assertThat(container.properties()).doesNotContainKey("restartPolicyRules");
    assertThat(component("io.k8s.api.core.v1.PodSpec").properties()).doesNotContainKey("hostnameOverride");
    Schema limits = container.property("resources").property("limits");
    assertThat(limits.isMap()).isTrue();
    assertThat(limits.additionalProperties().type()).isEqualTo(Type.INT_OR_STRING);
  }

  @Test
  void statusListsMergeByType() {
    for (String status : List.of("io.k8s.api.core.v1.PodStatus", "io.k8s.api.core.v1.NodeStatus",
        "io.k8s.api.core.v1.NamespaceStatus", "io.k8s.api.apps.v1.DeploymentStatus",
        "io.k8s.api.apps.v1.ReplicaSetStatus", "io.k8s.api.apps.v1.StatefulSetStatus",
        "io.k8s.api.apps.v1.DaemonSetStatus", "io.k8s.api.policy.v1.PodDisruptionBudgetStatus")) {
      Schema conditions = component(status).property("conditions");
      assertThat(conditions.patchMergeKey()).as(status).isEqualTo("type");
      assertThat(conditions.listMapKeys()).as(status).containsExactly("type");
    }
    // Job conditions merge in SMP but are atomic for server-side apply, as upstream.
    Schema jobConditions = component("io.k8s.api.batch.v1.JobStatus").property("conditions");
    assertThat(jobConditions.patchMergeKey()).isEqualTo("type");
    assertThat(jobConditions.listType()).isEqualTo("atomic");
    Schema node = component("io.k8s.api.core.v1.NodeStatus");
    assertThat(node.property("addresses").patchMergeKey()).isEqualTo("type");
    assertThat(node.property("images").listType()).isEqualTo("atomic");
    assertThat(component("io.k8s.api.core.v1.NodeSpec").property("taints").listType()).isEqualTo("atomic");
    assertThat(component("io.k8s.api.core.v1.NodeSpec").property("podCIDRs").listType()).isEqualTo("set");
    Schema podStatus = component("io.k8s.api.core.v1.PodStatus");
    assertThat(podStatus.property("containerStatuses").listType()).isEqualTo("atomic");
    assertThat(podStatus.property("podIPs").patchMergeKey()).isEqualTo("ip");
    assertThat(podStatus.properties()).doesNotContainKey("extendedResourceClaimStatus");
  }

  @Test
  void serviceAndEndpoints() {
    Schema ports = component("io.k8s.api.core.v1.ServiceSpec").property("ports");
    assertThat(ports.patchMergeKey()).isEqualTo("port");
    assertThat(ports.listMapKeys()).containsExactly("port", "protocol");
    assertThat(ports.items().property("targetPort").name()).isEqualTo("io.k8s.apimachinery.pkg.util.intstr.IntOrString");
    assertThat(component("io.k8s.api.core.v1.ServiceSpec").property("selector").mapType()).isEqualTo("atomic");
    Schema subset = component("io.k8s.api.core.v1.EndpointSubset");
    assertThat(subset.property("addresses").listType()).isEqualTo("atomic");
    assertThat(subset.property("addresses").items().mapType()).isEqualTo("atomic");
  }

  @Test
  void objectMeta() {
    Schema meta = component("io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta");
    Schema labels = meta.property("labels");
    assertThat(labels.isMap()).isTrue();
    assertThat(labels.additionalProperties().type()).isEqualTo(Type.STRING);
    assertThat(labels.mapType()).isNull();
    assertThat(meta.property("finalizers").patchStrategy()).isEqualTo("merge");
    assertThat(meta.property("finalizers").listType()).isEqualTo("set");
    assertThat(meta.property("ownerReferences").patchMergeKey()).isEqualTo("uid");
    assertThat(meta.property("ownerReferences").listMapKeys()).containsExactly("uid");
    assertThat(meta.property("ownerReferences").items().mapType()).isEqualTo("atomic");
    assertThat(meta.property("managedFields").listType()).isEqualTo("atomic");
    Schema time = meta.property("creationTimestamp");
    assertThat(time.name()).isEqualTo("io.k8s.apimachinery.pkg.apis.meta.v1.Time");
    assertThat(time.type()).isEqualTo(Type.STRING);
    assertThat(time.format()).isEqualTo("date-time");
    assertThat(meta.property("generation").format()).isEqualTo("int64");
    Schema fieldsV1 = meta.property("managedFields").items().property("fieldsV1");
    assertThat(fieldsV1.preserveUnknownFields()).isTrue();
    assertThat(fieldsV1.properties()).isEmpty();
  }

  @Test
  void fieldMetadataOnASharedComponentDoesNotLeak() {
    Schema strategy = component("io.k8s.api.apps.v1.DeploymentSpec").property("strategy");
    Schema canonical = component("io.k8s.api.apps.v1.DeploymentStrategy");
    assertThat(strategy.patchStrategy()).isEqualTo("retainKeys");
    assertThat(strategy.name()).isEqualTo(canonical.name());
    assertThat(strategy.properties()).isEqualTo(canonical.properties());
    assertThat(canonical.patchStrategy()).isNull();

    Schema claimRef = component("io.k8s.api.core.v1.PersistentVolumeSpec").property("claimRef");
    assertThat(claimRef.mapType()).isEqualTo("granular");
    assertThat(component("io.k8s.api.core.v1.ObjectReference").mapType()).isEqualTo("atomic");

    Schema pdbSelector = component("io.k8s.api.policy.v1.PodDisruptionBudgetSpec").property("selector");
    assertThat(pdbSelector.patchStrategy()).isEqualTo("replace");
    assertThat(pdbSelector.mapType()).isEqualTo("atomic");
    assertThat(component("io.k8s.apimachinery.pkg.apis.meta.v1.LabelSelector").patchStrategy()).isNull();
  }

  @Test
  void scalarsAndFormats() {
    Schema deployment = kind("apps/v1", "Deployment");
    Schema replicas = deployment.property("spec").property("replicas");
    assertThat(replicas.type()).isEqualTo(Type.INTEGER);
    assertThat(replicas.format()).isEqualTo("int32");
    assertThat(deployment.property("spec").property("paused").type()).isEqualTo(Type.BOOLEAN);
    assertThat(deployment.property("spec").required()).containsExactlyInAnyOrder("selector", "template");

    Schema secretData = kind("v1", "Secret").property("data");
    assertThat(secretData.additionalProperties().type()).isEqualTo(Type.STRING);
    assertThat(secretData.additionalProperties().format()).isEqualTo("byte");
    assertThat(kind("v1", "Secret").property("stringData").additionalProperties().format()).isNull();
    assertThat(kind("v1", "ConfigMap").property("binaryData").additionalProperties().format()).isEqualTo("byte");

    Schema quantity = component("io.k8s.apimachinery.pkg.api.resource.Quantity");
    assertThat(quantity.type()).isEqualTo(Type.INT_OR_STRING);
    Schema intOrString = component("io.k8s.apimachinery.pkg.util.intstr.IntOrString");
    assertThat(intOrString.type()).isEqualTo(Type.INT_OR_STRING);
    assertThat(intOrString.format()).isEqualTo("int-or-string");

    Schema lease = kind("coordination.k8s.io/v1", "Lease").property("spec");
    assertThat(lease.property("renewTime").name()).isEqualTo("io.k8s.apimachinery.pkg.apis.meta.v1.MicroTime");
    assertThat(kind("v1", "Event").property("eventTime").name()).isEqualTo("io.k8s.apimachinery.pkg.apis.meta.v1.MicroTime");
    Schema disrupted = component("io.k8s.api.policy.v1.PodDisruptionBudgetStatus").property("disruptedPods");
    assertThat(disrupted.additionalProperties().name()).isEqualTo("io.k8s.apimachinery.pkg.apis.meta.v1.Time");

    Schema data = kind("apps/v1", "ControllerRevision").property("data");
    assertThat(data.name()).isEqualTo("io.k8s.apimachinery.pkg.runtime.RawExtension");
    assertThat(data.preserveUnknownFields()).isTrue();
    assertThat(kind("v1", "Binding").property("target").name()).isEqualTo("io.k8s.api.core.v1.ObjectReference");
    assertThat(kind("v1", "Binding").required()).containsExactly("target");
  }

  @Test
  void jsonSchemaPropsIsRecursiveAndOpaqueWhereUpstreamIs() {
    Schema props = component("io.k8s.apiextensions-apiserver.pkg.apis.apiextensions.v1.JSONSchemaProps");
    assertThat(props.property("properties").additionalProperties()).isSameAs(props);
    assertThat(props.property("not")).isSameAs(props);
    assertThat(props.property("allOf").items()).isSameAs(props);
    assertThat(props.property("items").name())
        .isEqualTo("io.k8s.apiextensions-apiserver.pkg.apis.apiextensions.v1.JSONSchemaPropsOrArray");
    assertThat(props.property("items").type()).isEqualTo(Type.ANY);
    assertThat(props.property("additionalProperties").type()).isEqualTo(Type.ANY);
    assertThat(props.property("default").name()).isEqualTo("io.k8s.apiextensions-apiserver.pkg.apis.apiextensions.v1.JSON");
    assertThat(props.property("default").type()).isEqualTo(Type.ANY);
    assertThat(props.property("default").preserveUnknownFields()).isTrue();
    assertThat(props.property("enum").items().type()).isEqualTo(Type.ANY);
    assertThat(props.property("x-kubernetes-validations").listMapKeys()).containsExactly("rule");
    assertThat(props.property("$ref").type()).isEqualTo(Type.STRING);
    assertThat(props.property("minimum").type()).isEqualTo(Type.NUMBER);
    Schema crdStatus = component("io.k8s.apiextensions-apiserver.pkg.apis.apiextensions.v1.CustomResourceDefinitionStatus");
    assertThat(crdStatus.property("conditions").listMapKeys()).containsExactly("type");
    assertThat(crdStatus.property("conditions").patchStrategy()).isNull();
  }

  @Test
  void theAnySetterBagIsNeverAProperty() {
    List<String> offenders = new ArrayList<>();
    walk((path, node) -> {
      if (node.properties().containsKey("additionalProperties")
          && !"io.k8s.apiextensions-apiserver.pkg.apis.apiextensions.v1.JSONSchemaProps".equals(node.name())) {
        offenders.add(path);
      }
    });
    assertThat(offenders).isEmpty();
  }

  @Test
  void everyStructIsClosedAndEveryNodeTyped() {
    List<String> open = new ArrayList<>();
    walk((path, node) -> {
      if (node.type() == Type.ANY && !node.preserveUnknownFields()) {
        open.add(path + " untyped");
      }
      if (node.type() == Type.OBJECT && node.preserveUnknownFields() && !node.properties().isEmpty()) {
        open.add(path + " struct that keeps unknown fields");
      }
    });
    assertThat(open).isEmpty();
  }

  @Test
  void deleteOptionsIsRegisteredInEveryGroupVersion() {
    Schema deleteOptions = component("io.k8s.apimachinery.pkg.apis.meta.v1.DeleteOptions");
    assertThat(deleteOptions.groupVersionKinds())
        .contains(GroupVersionKind.of("v1", "DeleteOptions"), GroupVersionKind.of("apps/v1", "DeleteOptions"),
            GroupVersionKind.of("apiextensions.k8s.io/v1", "DeleteOptions"))
        .doesNotHaveDuplicates();
    assertThat(kind("policy/v1", "Eviction").property("deleteOptions")).isSameAs(deleteOptions);
  }

  @Test
  void everyTableRowMatchesAField() {
    assertThat(SCHEMAS.unusedFacts()).isEmpty();
  }

  @Test
  void unknownKindsAreAnswered() {
    GroupVersionKind unknown = GroupVersionKind.of("example.com/v1", "Widget");
    assertThat(SCHEMAS.isBuiltin(unknown)).isFalse();
    assertThat(SCHEMAS.find(unknown)).isEmpty();
    assertThatThrownBy(() -> SCHEMAS.schemaFor(unknown)).isInstanceOf(IllegalArgumentException.class);
    assertThat(SCHEMAS.find(GroupVersionKind.of("apps/v1beta1", "Deployment"))).isEmpty();
    assertThat(SCHEMAS.component("io.k8s.api.core.v1.NoSuchThing")).isNull();
  }

  @Test
  void concurrentFirstUseYieldsOneSchema() throws Exception {
    BuiltinSchemas fresh = new BuiltinSchemas(null);
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Callable<Schema>> tasks = new ArrayList<>();
      for (int i = 0; i < 8; i++) {
        tasks.add(i % 2 == 0
            ? () -> fresh.schemaFor(GroupVersionKind.of("v1", "Pod")).property("spec")
            : () -> fresh.schemaFor(GroupVersionKind.of("v1", "PodTemplate")).property("template").property("spec"));
      }
      Set<Schema> specs = Collections.newSetFromMap(new IdentityHashMap<>());
      for (Future<Schema> f : pool.invokeAll(tasks)) {
        specs.add(f.get());
      }
      assertThat(specs).hasSize(1);
    } finally {
      pool.shutdownNow();
    }
  }

  /** Visits every node reachable from every built-in kind once, with a readable path. */
  static void walk(BiConsumer<String, Schema> visitor) {
    Set<Schema> seen = Collections.newSetFromMap(new IdentityHashMap<>());
    for (BuiltinKind kind : SCHEMAS.kinds()) {
      walk(kind.gvk().toString(), SCHEMAS.schemaFor(kind.gvk()), seen, visitor);
    }
  }

  private static void walk(String path, Schema node, Set<Schema> seen, BiConsumer<String, Schema> visitor) {
    if (node == null || !seen.add(node)) {
      return;
    }
    visitor.accept(path, node);
    for (Map.Entry<String, Schema> e : node.properties().entrySet()) {
      walk(path + "." + e.getKey(), e.getValue(), seen, visitor);
    }
    walk(path + "[]", node.items(), seen, visitor);
    walk(path + "{}", node.additionalProperties(), seen, visitor);
  }
}
