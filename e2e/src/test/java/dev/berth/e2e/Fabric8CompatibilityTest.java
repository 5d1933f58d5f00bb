package dev.berth.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.berth.store.KvStore;
import dev.berth.testkit.TestControlPlane;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** The fabric8 kubernetes-client: CRUD, watch, informer, edit, server-side apply. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class Fabric8CompatibilityTest {

  TestControlPlane cp;
  KubernetesClient client;

  abstract KvStore newStore() throws Exception;

  void closeStore() {}

  @BeforeAll
  void start() throws Exception {
    cp = TestControlPlane.start(newStore(), true);
    client = cp.client();
    client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName("f8")
        .endMetadata().build()).create();
  }

  @AfterAll
  void stop() {
    if (cp != null) {
      cp.close();
    }
    closeStore();
  }

  @Test
  void crud() {
    ConfigMap created = client.configMaps().inNamespace("f8").resource(new ConfigMapBuilder()
        .withNewMetadata().withName("crud").addToLabels("app", "x").endMetadata()
        .addToData("k", "v").build()).create();
    assertThat(created.getMetadata().getUid()).isNotBlank();
    assertThat(created.getMetadata().getResourceVersion()).isNotBlank();
    ConfigMap got = client.configMaps().inNamespace("f8").withName("crud").get();
    assertThat(got.getData()).containsEntry("k", "v");
    got.getData().put("k", "v2");
    ConfigMap updated = client.configMaps().inNamespace("f8").resource(got).update();
    assertThat(updated.getData()).containsEntry("k", "v2");
    assertThat(Long.parseLong(updated.getMetadata().getResourceVersion()))
        .isGreaterThan(Long.parseLong(created.getMetadata().getResourceVersion()));
    // a stale resourceVersion is a conflict
    got.getData().put("k", "stale");
    assertThatThrownBy(() -> client.configMaps().inNamespace("f8").resource(got).update())
        .isInstanceOf(KubernetesClientException.class)
        .satisfies(e -> assertThat(((KubernetesClientException) e).getCode()).isEqualTo(409));
    assertThat(client.configMaps().inNamespace("f8").withLabel("app", "x").list().getItems())
        .extracting(c -> c.getMetadata().getName()).containsExactly("crud");
    client.configMaps().inNamespace("f8").withName("crud").delete();
    await().atMost(Duration.ofSeconds(10)).until(() ->
        client.configMaps().inNamespace("f8").withName("crud").get() == null);
  }

  @Test
  void missingObjectIsNull() {
    assertThat(client.configMaps().inNamespace("f8").withName("never").get()).isNull();
  }

  @Test
  void alreadyExistsIs409() {
    ConfigMap cm = new ConfigMapBuilder().withNewMetadata().withName("dup").endMetadata().build();
    client.configMaps().inNamespace("f8").resource(cm).create();
    assertThatThrownBy(() -> client.configMaps().inNamespace("f8").resource(cm).create())
        .isInstanceOf(KubernetesClientException.class)
        .satisfies(e -> {
          KubernetesClientException k = (KubernetesClientException) e;
          assertThat(k.getCode()).isEqualTo(409);
          assertThat(k.getStatus().getReason()).isEqualTo("AlreadyExists");
        });
  }

  @Test
  void editUsesAResourceVersionPreconditionedJsonPatch() {
    client.configMaps().inNamespace("f8").resource(new ConfigMapBuilder().withNewMetadata()
        .withName("edit").endMetadata().addToData("a", "1").build()).create();
    ConfigMap edited = client.configMaps().inNamespace("f8").withName("edit")
        .edit(c -> new ConfigMapBuilder(c).addToData("b", "2").build());
    assertThat(edited.getData()).containsEntry("a", "1").containsEntry("b", "2");
  }

  @Test
  void watchDeliversEvents() throws Exception {
    List<String> events = new CopyOnWriteArrayList<>();
    try (Watch w = client.configMaps().inNamespace("f8").withLabel("watched", "yes")
        .watch(new Watcher<ConfigMap>() {
          @Override
          public void eventReceived(Action action, ConfigMap cm) {
            events.add(action + " " + cm.getMetadata().getName());
          }

          @Override
          public void onClose(WatcherException cause) {}
        })) {
      client.configMaps().inNamespace("f8").resource(new ConfigMapBuilder().withNewMetadata()
          .withName("w1").addToLabels("watched", "yes").endMetadata().build()).create();
      client.configMaps().inNamespace("f8").withName("w1")
          .edit(c -> new ConfigMapBuilder(c).addToData("x", "y").build());
      client.configMaps().inNamespace("f8").withName("w1").delete();
      await().atMost(Duration.ofSeconds(15)).until(() -> events.size() >= 3);
      assertThat(events).containsExactly("ADDED w1", "MODIFIED w1", "DELETED w1");
    }
  }

  @Test
  void informerSyncsAndFollows() {
    client.pods().inNamespace("f8").resource(pod("inf-1")).create();
    List<String> seen = new CopyOnWriteArrayList<>();
    SharedIndexInformer<Pod> informer = client.pods().inNamespace("f8").inform(
        new ResourceEventHandler<>() {
          @Override
          public void onAdd(Pod obj) {
            seen.add("add " + obj.getMetadata().getName());
          }

          @Override
          public void onUpdate(Pod oldObj, Pod newObj) {}

          @Override
          public void onDelete(Pod obj, boolean deletedFinalStateUnknown) {
            seen.add("delete " + obj.getMetadata().getName());
          }
        });
    try {
      await().atMost(Duration.ofSeconds(15)).until(informer::hasSynced);
      client.pods().inNamespace("f8").resource(pod("inf-2")).create();
      await().atMost(Duration.ofSeconds(15)).until(() -> seen.contains("add inf-2"));
      assertThat(seen).contains("add inf-1");
      client.pods().inNamespace("f8").withName("inf-2").withGracePeriod(0).delete();
      await().atMost(Duration.ofSeconds(15)).until(() -> seen.contains("delete inf-2"));
      assertThat(informer.getStore().list()).extracting(p -> p.getMetadata().getName())
          .contains("inf-1").doesNotContain("inf-2");
    } finally {
      informer.close();
    }
  }

  @Test
  void serverSideApply() {
    Deployment d = new DeploymentBuilder().withNewMetadata().withName("ssa").withNamespace("f8")
        .endMetadata().withNewSpec().withReplicas(2).withNewSelector()
        .addToMatchLabels("app", "ssa").endSelector().withNewTemplate().withNewMetadata()
        .addToLabels("app", "ssa").endMetadata().withNewSpec().addNewContainer().withName("c")
        .withImage("nginx").endContainer().endSpec().endTemplate().endSpec().build();
    Deployment applied = client.apps().deployments().inNamespace("f8").resource(d)
        .fieldManager("fabric8-test").forceConflicts().serverSideApply();
    assertThat(applied.getSpec().getReplicas()).isEqualTo(2);
    assertThat(applied.getMetadata().getManagedFields())
        .anySatisfy(m -> {
          assertThat(m.getManager()).isEqualTo("fabric8-test");
          assertThat(m.getOperation()).isEqualTo("Apply");
        });
    d.getSpec().setReplicas(4);
    Deployment again = client.apps().deployments().inNamespace("f8").resource(d)
        .fieldManager("fabric8-test").forceConflicts().serverSideApply();
    assertThat(again.getSpec().getReplicas()).isEqualTo(4);
    assertThat(again.getMetadata().getGeneration()).isEqualTo(2L);
  }

  @Test
  void labelsAndAnnotationsValidated() {
    ConfigMap bad = new ConfigMapBuilder().withNewMetadata().withName("Bad_Name").endMetadata()
        .build();
    assertThatThrownBy(() -> client.configMaps().inNamespace("f8").resource(bad).create())
        .isInstanceOf(KubernetesClientException.class)
        .satisfies(e -> {
          KubernetesClientException k = (KubernetesClientException) e;
          assertThat(k.getCode()).isEqualTo(422);
          assertThat(k.getStatus().getReason()).isEqualTo("Invalid");
          assertThat(k.getStatus().getDetails().getCauses()).anySatisfy(c ->
              assertThat(c.getField()).isEqualTo("metadata.name"));
        });
  }

  @Test
  void creatingInAMissingNamespaceFails() {
    assertThatThrownBy(() -> client.configMaps().inNamespace("nope").resource(
        new ConfigMapBuilder().withNewMetadata().withName("x").endMetadata().build()).create())
        .isInstanceOf(KubernetesClientException.class)
        .satisfies(e -> {
          KubernetesClientException k = (KubernetesClientException) e;
          assertThat(k.getCode()).isEqualTo(404);
          assertThat(k.getMessage()).contains("namespaces \"nope\" not found");
        });
  }

  static Pod pod(String name) {
    return new PodBuilder().withNewMetadata().withName(name).addToLabels(Map.of("app", "inf"))
        .endMetadata().withNewSpec().addNewContainer().withName("c").withImage("busybox")
        .endContainer().endSpec().build();
  }
}
