package dev.berth.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.berth.testkit.TestControlPlane;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.ConfigMapList;
import io.fabric8.kubernetes.api.model.DeletionPropagation;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudgetBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Registry semantics beyond plain CRUD, through a real client: graceful deletion, finalizers,
 * propagation policies, generation and status rules, dry run, generateName, binding, eviction with
 * a PodDisruptionBudget, scale, pagination and watch selector transitions.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ApiSemanticsTest {

  private static final String NS = "sem";
  private TestControlPlane cp;
  private KubernetesClient client;

  @BeforeAll
  void start() {
    cp = TestControlPlane.start();
    client = cp.client();
    client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(NS)
        .endMetadata().build()).create();
  }

  @AfterAll
  void stop() {
    cp.close();
  }

  private Pod pod(String name, Map<String, String> labels) {
    return new PodBuilder().withNewMetadata().withName(name).withLabels(labels).endMetadata()
        .withNewSpec().addNewContainer().withName("c").withImage("busybox").endContainer()
        .endSpec().build();
  }

  private void bind(String pod, String node) {
    io.fabric8.kubernetes.api.model.Binding b = new io.fabric8.kubernetes.api.model.BindingBuilder()
        .withNewMetadata().withName(pod).endMetadata().withNewTarget().withKind("Node")
        .withName(node).endTarget().build();
    client.bindings().inNamespace(NS).resource(b).create();
  }

  @Test
  void newPodsArePendingWithQosClassAndUnscheduledPodsDeleteAtOnce() {
    Pod created = client.pods().inNamespace(NS).resource(pod("p-unsched", Map.of())).create();
    assertThat(created.getStatus().getPhase()).isEqualTo("Pending");
    assertThat(created.getStatus().getQosClass()).isEqualTo("BestEffort");
    client.pods().inNamespace(NS).withName("p-unsched").delete();
    assertThat(client.pods().inNamespace(NS).withName("p-unsched").get()).isNull();
  }

  @Test
  void bindingAssignsTheNodeOnceAndScheduledPodsDeleteGracefully() {
    client.pods().inNamespace(NS).resource(pod("p-bound", Map.of())).create();
    bind("p-bound", "node-1");
    Pod bound = client.pods().inNamespace(NS).withName("p-bound").get();
    assertThat(bound.getSpec().getNodeName()).isEqualTo("node-1");
    assertThat(bound.getStatus().getConditions()).anySatisfy(c -> {
      assertThat(c.getType()).isEqualTo("PodScheduled");
      assertThat(c.getStatus()).isEqualTo("True");
    });
    assertThatThrownBy(() -> bind("p-bound", "node-2"))
        .isInstanceOf(KubernetesClientException.class)
        .satisfies(e -> assertThat(((KubernetesClientException) e).getCode()).isEqualTo(409));

    client.pods().inNamespace(NS).withName("p-bound").delete();
    Pod terminating = client.pods().inNamespace(NS).withName("p-bound").get();
    assertThat(terminating).isNotNull();
    assertThat(terminating.getMetadata().getDeletionTimestamp()).isNotNull();
    assertThat(terminating.getMetadata().getDeletionGracePeriodSeconds()).isEqualTo(30L);
    // the node agent confirms with a zero grace period
    client.pods().inNamespace(NS).withName("p-bound").withGracePeriod(0).delete();
    await().atMost(Duration.ofSeconds(10))
        .until(() -> client.pods().inNamespace(NS).withName("p-bound").get() == null);
  }

  @Test
  void finalizersHoldDeletionUntilRemoved() {
    client.configMaps().inNamespace(NS).resource(new ConfigMapBuilder().withNewMetadata()
        .withName("fin").withFinalizers("example.com/hold").endMetadata().build()).create();
    client.configMaps().inNamespace(NS).withName("fin").delete();
    ConfigMap held = client.configMaps().inNamespace(NS).withName("fin").get();
    assertThat(held.getMetadata().getDeletionTimestamp()).isNotNull();
    // no new finalizers while deleting
    assertThatThrownBy(() -> client.configMaps().inNamespace(NS).withName("fin").edit(c ->
        new ConfigMapBuilder(c).editMetadata().addToFinalizers("example.com/other").endMetadata()
            .build())).isInstanceOf(KubernetesClientException.class);
    client.configMaps().inNamespace(NS).withName("fin").edit(c ->
        new ConfigMapBuilder(c).editMetadata().withFinalizers(List.of()).endMetadata().build());
    await().atMost(Duration.ofSeconds(10))
        .until(() -> client.configMaps().inNamespace(NS).withName("fin").get() == null);
  }

  @Test
  void propagationPoliciesAddTheirFinalizers() {
    client.configMaps().inNamespace(NS).resource(new ConfigMapBuilder().withNewMetadata()
        .withName("orphaned").endMetadata().build()).create();
    client.configMaps().inNamespace(NS).withName("orphaned")
        .withPropagationPolicy(DeletionPropagation.ORPHAN).delete();
    assertThat(client.configMaps().inNamespace(NS).withName("orphaned").get().getMetadata()
        .getFinalizers()).containsExactly("orphan");
    client.configMaps().inNamespace(NS).resource(new ConfigMapBuilder().withNewMetadata()
        .withName("fg").endMetadata().build()).create();
    client.configMaps().inNamespace(NS).withName("fg")
        .withPropagationPolicy(DeletionPropagation.FOREGROUND).delete();
    assertThat(client.configMaps().inNamespace(NS).withName("fg").get().getMetadata()
        .getFinalizers()).containsExactly("foregroundDeletion");
  }

  @Test
  void generationCountsSpecChangesAndStatusIsItsOwnSubresource() {
    Deployment d = client.apps().deployments().inNamespace(NS).resource(deployment("gen", 1))
        .create();
    assertThat(d.getMetadata().getGeneration()).isEqualTo(1L);
    Deployment labelled = client.apps().deployments().inNamespace(NS).withName("gen")
        .edit(x -> new DeploymentBuilder(x).editMetadata().addToLabels("x", "y").endMetadata()
            .build());
    assertThat(labelled.getMetadata().getGeneration()).isEqualTo(1L);
    Deployment scaled = client.apps().deployments().inNamespace(NS).withName("gen")
        .edit(x -> new DeploymentBuilder(x).editSpec().withReplicas(3).endSpec().build());
    assertThat(scaled.getMetadata().getGeneration()).isEqualTo(2L);
    // status sent to the main resource is ignored ...
    Deployment withStatus = new DeploymentBuilder(scaled).withNewStatus().withReplicas(7)
        .endStatus().build();
    Deployment afterMain = client.apps().deployments().inNamespace(NS).resource(withStatus)
        .update();
    assertThat(afterMain.getStatus() == null || afterMain.getStatus().getReplicas() == null)
        .isTrue();
    // ... and written through /status, which ignores spec
    Deployment statusOnly = new DeploymentBuilder(afterMain).editSpec().withReplicas(9).endSpec()
        .withNewStatus().withReplicas(7).withObservedGeneration(2L).endStatus().build();
    Deployment afterStatus = client.apps().deployments().inNamespace(NS).resource(statusOnly)
        .updateStatus();
    assertThat(afterStatus.getStatus().getReplicas()).isEqualTo(7);
    assertThat(afterStatus.getSpec().getReplicas()).isEqualTo(3);
    assertThat(afterStatus.getMetadata().getGeneration()).isEqualTo(2L);
  }

  @Test
  void scaleSubresourceReadsAndWritesReplicas() {
    client.apps().deployments().inNamespace(NS).resource(deployment("scaled", 2)).create();
    var scale = client.apps().deployments().inNamespace(NS).withName("scaled").scale();
    assertThat(scale.getSpec().getReplicas()).isEqualTo(2);
    assertThat(scale.getStatus().getSelector()).isEqualTo("app=scaled");
    client.apps().deployments().inNamespace(NS).withName("scaled").scale(5);
    assertThat(client.apps().deployments().inNamespace(NS).withName("scaled").get().getSpec()
        .getReplicas()).isEqualTo(5);
  }

  @Test
  void dryRunWritesNothing() {
    ConfigMap dry = client.configMaps().inNamespace(NS).resource(new ConfigMapBuilder()
        .withNewMetadata().withName("dry").endMetadata().addToData("a", "b").build()).dryRun()
        .create();
    assertThat(dry.getData()).containsEntry("a", "b");
    assertThat(client.configMaps().inNamespace(NS).withName("dry").get()).isNull();
    client.configMaps().inNamespace(NS).resource(new ConfigMapBuilder().withNewMetadata()
        .withName("real").endMetadata().addToData("a", "b").build()).create();
    client.configMaps().inNamespace(NS).withName("real").dryRun().delete();
    assertThat(client.configMaps().inNamespace(NS).withName("real").get()).isNotNull();
    client.configMaps().inNamespace(NS).withName("real").dryRun().patch(
        PatchContext.of(PatchType.JSON_MERGE), "{\"data\":{\"a\":\"changed\"}}");
    assertThat(client.configMaps().inNamespace(NS).withName("real").get().getData())
        .containsEntry("a", "b");
  }

  @Test
  void generateNameAddsFiveRandomCharacters() {
    ConfigMap c = client.configMaps().inNamespace(NS).resource(new ConfigMapBuilder()
        .withNewMetadata().withGenerateName("gen-").endMetadata().build()).create();
    assertThat(c.getMetadata().getName()).matches("gen-[bcdfghjklmnpqrstvwxz2456789]{5}");
  }

  @Test
  void evictionHonoursDisruptionBudgets() {
    client.pods().inNamespace(NS).resource(pod("guarded", Map.of("app", "guarded"))).create();
    bind("guarded", "node-1");
    client.policy().v1().podDisruptionBudget().inNamespace(NS).resource(
        new PodDisruptionBudgetBuilder().withNewMetadata().withName("pdb").endMetadata()
            .withNewSpec().withMinAvailable(new IntOrString(1)).withNewSelector()
            .addToMatchLabels("app", "guarded").endSelector().endSpec().build()).create();
    // no disruption allowed yet: 429 (a client that does not retry, to see it at once)
    try (KubernetesClient noRetry = cp.newClient(c -> c.setRequestRetryBackoffLimit(0))) {
      assertThat(noRetry.pods().inNamespace(NS).withName("guarded").evict()).isFalse();
    }
    assertThat(client.pods().inNamespace(NS).withName("guarded").get()).isNotNull();
    // a disruption controller would publish this status
    PodDisruptionBudget pdb = client.policy().v1().podDisruptionBudget().inNamespace(NS)
        .withName("pdb").get();
    pdb.setStatus(new io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudgetStatusBuilder()
        .withObservedGeneration(pdb.getMetadata().getGeneration()).withDisruptionsAllowed(1)
        .withCurrentHealthy(2).withDesiredHealthy(1).withExpectedPods(2).build());
    client.policy().v1().podDisruptionBudget().inNamespace(NS).resource(pdb).updateStatus();
    assertThat(client.pods().inNamespace(NS).withName("guarded").evict()).isTrue();
    Pod evicted = client.pods().inNamespace(NS).withName("guarded").get();
    assertThat(evicted == null || evicted.getMetadata().getDeletionTimestamp() != null).isTrue();
    PodDisruptionBudget after = client.policy().v1().podDisruptionBudget().inNamespace(NS)
        .withName("pdb").get();
    assertThat(after.getStatus().getDisruptionsAllowed()).isEqualTo(0);
    assertThat(after.getStatus().getDisruptedPods()).containsKey("guarded");
  }

  @Test
  void paginationWalksEveryItemOnce() {
    client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName("pages")
        .endMetadata().build()).create();
    for (int i = 0; i < 23; i++) {
      client.configMaps().inNamespace("pages").resource(new ConfigMapBuilder().withNewMetadata()
          .withName(String.format("cm-%02d", i)).endMetadata().build()).create();
    }
    List<String> names = new ArrayList<>();
    String cont = null;
    int pages = 0;
    do {
      ConfigMapList page = client.configMaps().inNamespace("pages").list(
          new io.fabric8.kubernetes.api.model.ListOptionsBuilder().withLimit(5L)
              .withContinue(cont).build());
      page.getItems().forEach(c -> names.add(c.getMetadata().getName()));
      cont = page.getMetadata().getContinue();
      pages++;
    } while (cont != null && !cont.isEmpty());
    assertThat(pages).isEqualTo(5);
    assertThat(names).hasSize(23).doesNotHaveDuplicates().isSorted();
  }

  @Test
  void watchSelectorTransitionsAreAddedAndDeleted() throws Exception {
    List<String> events = new CopyOnWriteArrayList<>();
    client.configMaps().inNamespace(NS).resource(new ConfigMapBuilder().withNewMetadata()
        .withName("mover").addToLabels("tier", "a").endMetadata().build()).create();
    try (Watch w = client.configMaps().inNamespace(NS).withLabel("tier", "b")
        .watch(new Watcher<ConfigMap>() {
          @Override
          public void eventReceived(Action action, ConfigMap cm) {
            events.add(action + " " + cm.getMetadata().getName() + " "
                + cm.getMetadata().getLabels().get("tier"));
          }

          @Override
          public void onClose(WatcherException cause) {}
        })) {
      client.configMaps().inNamespace(NS).withName("mover").edit(c -> new ConfigMapBuilder(c)
          .editMetadata().addToLabels("tier", "b").endMetadata().build());
      client.configMaps().inNamespace(NS).withName("mover").edit(c -> new ConfigMapBuilder(c)
          .editMetadata().addToLabels("tier", "c").endMetadata().build());
      await().atMost(Duration.ofSeconds(10)).until(() -> events.size() >= 2);
      assertThat(events).containsExactly("ADDED mover b", "DELETED mover c");
    }
  }

  @Test
  void watchResumesFromAResourceVersion() throws Exception {
    ConfigMap first = client.configMaps().inNamespace(NS).resource(new ConfigMapBuilder()
        .withNewMetadata().withName("resume-1").endMetadata().build()).create();
    client.configMaps().inNamespace(NS).resource(new ConfigMapBuilder().withNewMetadata()
        .withName("resume-2").endMetadata().build()).create();
    client.configMaps().inNamespace(NS).resource(new ConfigMapBuilder().withNewMetadata()
        .withName("resume-3").endMetadata().build()).create();
    List<String> events = new CopyOnWriteArrayList<>();
    try (Watch w = client.configMaps().inNamespace(NS)
        .watch(new io.fabric8.kubernetes.api.model.ListOptionsBuilder()
            .withResourceVersion(first.getMetadata().getResourceVersion()).build(),
            new Watcher<ConfigMap>() {
              @Override
              public void eventReceived(Action action, ConfigMap cm) {
                if (cm.getMetadata().getName().startsWith("resume-")) {
                  events.add(action + " " + cm.getMetadata().getName());
                }
              }

              @Override
              public void onClose(WatcherException cause) {}
            })) {
      await().atMost(Duration.ofSeconds(10)).until(() -> events.size() >= 2);
      assertThat(events).containsExactly("ADDED resume-2", "ADDED resume-3");
    }
  }

  @Test
  void deleteCollectionHonoursSelectors() {
    for (String n : List.of("dc-a", "dc-b", "dc-keep")) {
      client.configMaps().inNamespace(NS).resource(new ConfigMapBuilder().withNewMetadata()
          .withName(n).addToLabels("batch", n.equals("dc-keep") ? "keep" : "drop").endMetadata()
          .build()).create();
    }
    client.configMaps().inNamespace(NS).withLabel("batch", "drop").delete();
    assertThat(client.configMaps().inNamespace(NS).withLabel("batch").list().getItems())
        .extracting(c -> c.getMetadata().getName()).containsExactly("dc-keep");
  }

  @Test
  void nothingIsCreatedInATerminatingNamespace() {
    client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName("ending")
        .endMetadata().build()).create();
    client.namespaces().withName("ending").delete();
    assertThat(client.namespaces().withName("ending").get().getStatus().getPhase())
        .isEqualTo("Terminating");
    assertThatThrownBy(() -> client.configMaps().inNamespace("ending").resource(
        new ConfigMapBuilder().withNewMetadata().withName("late").endMetadata().build()).create())
        .isInstanceOf(KubernetesClientException.class)
        .satisfies(e -> {
          KubernetesClientException k = (KubernetesClientException) e;
          assertThat(k.getCode()).isEqualTo(403);
          assertThat(k.getMessage()).contains("because it is being terminated");
        });
    assertThatThrownBy(() -> client.namespaces().withName("kube-system").delete())
        .isInstanceOf(KubernetesClientException.class)
        .satisfies(e -> assertThat(((KubernetesClientException) e).getCode()).isEqualTo(403));
  }

  @Test
  void legacyDiscoveryListsGroupsAndResources() {
    assertThat(client.getApiGroups().getGroups()).extracting(g -> g.getName())
        .contains("apps", "batch", "policy", "apiextensions.k8s.io", "autoscaling");
    var autoscaling = client.getApiGroup("autoscaling");
    assertThat(autoscaling.getPreferredVersion().getVersion()).isEqualTo("v2");
    var core = client.getApiResources("v1");
    assertThat(core.getResources()).anySatisfy(r -> {
      assertThat(r.getName()).isEqualTo("pods/eviction");
      assertThat(r.getGroup()).isEqualTo("policy");
      assertThat(r.getKind()).isEqualTo("Eviction");
    });
    var apps = client.getApiResources("apps/v1");
    assertThat(apps.getResources()).anySatisfy(r -> {
      assertThat(r.getName()).isEqualTo("deployments/scale");
      assertThat(r.getGroup()).isEqualTo("autoscaling");
    });
  }

  @Test
  void eventsAreSelectableByInvolvedObject() {
    for (String target : List.of("one", "two")) {
      client.v1().events().inNamespace(NS).resource(new io.fabric8.kubernetes.api.model.EventBuilder()
          .withNewMetadata().withName("ev-" + target).endMetadata().withNewInvolvedObject()
          .withKind("Pod").withName(target).withNamespace(NS).endInvolvedObject()
          .withReason("Testing").withMessage("about " + target).withType("Normal").build())
          .create();
    }
    var events = client.v1().events().inNamespace(NS)
        .withField("involvedObject.name", "two").list().getItems();
    assertThat(events).extracting(e -> e.getMessage()).containsExactly("about two");
    // the same event read through events.k8s.io/v1 speaks that API's field names
    var v1 = client.events().v1().events().inNamespace(NS).withName("ev-one").get();
    assertThat(v1.getNote()).isEqualTo("about one");
    assertThat(v1.getRegarding().getName()).isEqualTo("one");
  }

  private static Deployment deployment(String name, int replicas) {
    return new DeploymentBuilder().withNewMetadata().withName(name).endMetadata().withNewSpec()
        .withReplicas(replicas).withNewSelector().addToMatchLabels("app", name).endSelector()
        .withNewTemplate().withNewMetadata().addToLabels("app", name).endMetadata().withNewSpec()
        .addNewContainer().withName("c").withImage("nginx").endContainer().endSpec().endTemplate()
        .endSpec().build();
  }
}
