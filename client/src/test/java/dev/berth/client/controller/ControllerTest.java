package dev.berth.client.controller;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.berth.client.events.EventRecorder;
import dev.berth.testkit.TestControlPlane;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** The controller runtime against a real API server: informer → queue → reconcile → write. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ControllerTest {

  private TestControlPlane cp;
  private KubernetesClient client;

  @BeforeAll
  void start() {
    cp = TestControlPlane.start();
    client = cp.client();
  }

  @AfterAll
  void stop() {
    cp.close();
  }

  @Test
  void reconcilesEveryChangedObjectAndRetriesFailures() {
    Map<String, Integer> seen = new ConcurrentHashMap<>();
    AtomicInteger failuresLeft = new AtomicInteger(2);
    Controller<ObjectKey> c = new Controller<>("mirror", key -> {
      ConfigMap cm = client.configMaps().inNamespace(key.namespace()).withName(key.name()).get();
      if (cm == null || !key.name().startsWith("src-")) {
        return Result.DONE;
      }
      if (key.name().equals("src-flaky") && failuresLeft.getAndDecrement() > 0) {
        throw new IllegalStateException("transient");
      }
      seen.merge(key.name(), 1, Integer::sum);
      // level-based: write the mirror from current state, idempotently
      client.configMaps().inNamespace(key.namespace()).resource(new ConfigMapBuilder()
          .withNewMetadata().withName("mirror-" + key.name().substring(4)).endMetadata()
          .withData(cm.getData()).build()).serverSideApply();
      return Result.DONE;
    }, 2, Clock.systemUTC());
    SharedIndexInformer<ConfigMap> informer = client.configMaps().inNamespace("default")
        .inform(EventHandlers.enqueueSelf(c::enqueue));
    c.start();
    try {
      for (String n : List.of("src-a", "src-flaky")) {
        client.configMaps().inNamespace("default").resource(new ConfigMapBuilder()
            .withNewMetadata().withName(n).endMetadata().addToData("v", n).build()).create();
      }
      await().atMost(Duration.ofSeconds(20)).until(() ->
          client.configMaps().inNamespace("default").withName("mirror-a").get() != null
              && client.configMaps().inNamespace("default").withName("mirror-flaky").get() != null);
      assertThat(client.configMaps().inNamespace("default").withName("mirror-flaky").get()
          .getData()).containsEntry("v", "src-flaky");
      assertThat(failuresLeft.get()).isLessThanOrEqualTo(0);
    } finally {
      informer.close();
      c.close();
    }
  }

  @Test
  void eventsAreRecordedAndAggregated() {
    ConfigMap cm = client.configMaps().inNamespace("default").resource(new ConfigMapBuilder()
        .withNewMetadata().withName("evented").endMetadata().build()).create();
    try (EventRecorder r = new EventRecorder(client, "test-controller", "host-1",
        Clock.systemUTC())) {
      r.warning(cm, "Broken", "it broke");
      r.warning(cm, "Broken", "it broke");
      r.normal(cm, "Fixed", "it works");
      await().atMost(Duration.ofSeconds(20)).until(() -> {
        var events = client.v1().events().inNamespace("default")
            .withField("involvedObject.name", "evented").list().getItems();
        return events.size() == 2 && events.stream().anyMatch(e -> "Broken".equals(e.getReason())
            && Integer.valueOf(2).equals(e.getCount()));
      });
      var broken = client.v1().events().inNamespace("default")
          .withField("involvedObject.name", "evented").withField("reason", "Broken").list()
          .getItems();
      assertThat(broken).hasSize(1);
      assertThat(broken.get(0).getSource().getComponent()).isEqualTo("test-controller");
      assertThat(broken.get(0).getInvolvedObject().getUid()).isEqualTo(cm.getMetadata().getUid());
    }
  }
}
