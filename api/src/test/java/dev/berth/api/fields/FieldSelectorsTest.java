package dev.berth.api.fields;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.berth.api.status.ApiException;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FieldSelectorsTest {

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private static ObjectNode json(String text) {
    try {
      return (ObjectNode) MAPPER.readTree(text);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(e);
    }
  }

  private static final ObjectNode POD = json("""
      {"metadata":{"name":"web-1","namespace":"shop"},
       "spec":{"nodeName":"worker-1","restartPolicy":"Always","schedulerName":"default-scheduler",
         "serviceAccountName":"web","hostNetwork":true},
       "status":{"phase":"Running","podIPs":[{"ip":"10.244.1.5"},{"ip":"fd00::5"}],
         "nominatedNodeName":""}}
      """);

  @ParameterizedTest(name = "{0} = \"{1}\"")
  @CsvSource(nullValues = "NULL", value = {
      "metadata.name, web-1",
      "metadata.namespace, shop",
      "spec.nodeName, worker-1",
      "spec.restartPolicy, Always",
      "spec.schedulerName, default-scheduler",
      "spec.serviceAccountName, web",
      "spec.hostNetwork, true",
      "status.phase, Running",
      "status.podIP, 10.244.1.5",
      "status.podIPs, ''",
      "status.nominatedNodeName, ''",
  })
  void podFields(String field, String expected) {
    SelectableFields fields = FieldSelectors.forKind("", "Pod", true);
    assertThat(fields.names()).contains(field);
    assertThat(fields.value(field, POD)).isEqualTo(expected);
  }

  @Test
  void podDefaultsRenderLikeUpstream() {
    SelectableFields fields = FieldSelectors.forKind("", "Pod", true);
    ObjectNode bare = json("{\"metadata\":{\"name\":\"p\"}}");
    assertThat(fields.value("spec.hostNetwork", bare)).isEqualTo("false");
    assertThat(fields.value("spec.nodeName", bare)).isEmpty();
    assertThat(fields.value("metadata.namespace", bare)).isEmpty();
    ObjectNode legacy = json("""
        {"spec":{"serviceAccount":"old"},"status":{"podIP":"10.0.0.1","podIPs":[{"ip":"10.0.0.2"}]}}
        """);
    assertThat(fields.value("spec.serviceAccountName", legacy)).isEqualTo("old");
    assertThat(fields.value("status.podIP", legacy)).isEqualTo("10.0.0.1");
  }

  @Test
  void podAcceptsTheLegacySpecHost() {
    SelectableFields fields = FieldSelectors.forKind("", "Pod", true);
    assertThat(fields.canonical("spec.host")).contains("spec.nodeName");
    assertThat(fields.names()).doesNotContain("spec.host");
    assertThat(fields.value(fields.requireCanonical("spec.host"), POD)).isEqualTo("worker-1");
  }

  @ParameterizedTest(name = "{0}/{1} refuses {2}")
  @CsvSource(delimiter = '|', value = {
      "''|Pod|spec.containers|field label not supported: spec.containers",
      "''|Node|metadata.namespace|field label not supported: metadata.namespace",
      "''|Namespace|metadata.namespace|field label not supported: metadata.namespace",
      "''|ConfigMap|data|\"data\" is not a known field selector: only \"metadata.name\", \"metadata.namespace\"",
      "apps|Deployment|status.replicas|\"status.replicas\" is not a known field selector: only \"metadata.name\", \"metadata.namespace\"",
      "batch|Job|status.succeeded|field label \"status.succeeded\" not supported for batchv1.Job",
      "events.k8s.io|Event|involvedObject.name|field label not supported: involvedObject.name",
      "''|Event|regarding.name|field label not supported: regarding.name",
  })
  void unsupportedLabelsAreRefusedWithUpstreamsMessage(String group, String kind, String label,
      String message) {
    SelectableFields fields = FieldSelectors.forKind(group, kind, true);
    assertThat(fields.canonical(label)).isEmpty();
    assertThatThrownBy(() -> fields.requireCanonical(label))
        .isInstanceOf(ApiException.class)
        .hasMessage(message)
        .satisfies(e -> assertThat(((ApiException) e).code()).isEqualTo(400));
  }

  @Test
  void nodeFields() {
    SelectableFields fields = FieldSelectors.forKind("", "Node", false);
    assertThat(fields.names()).containsExactly("metadata.name", "spec.unschedulable");
    assertThat(fields.value("spec.unschedulable", json("{\"spec\":{\"unschedulable\":true}}")))
        .isEqualTo("true");
    assertThat(fields.value("spec.unschedulable", json("{}"))).isEqualTo("false");
  }

  @Test
  void coreEventFields() {
    SelectableFields fields = FieldSelectors.forKind("", "Event", true);
    ObjectNode event = json("""
        {"metadata":{"name":"e","namespace":"default"},
         "involvedObject":{"kind":"Pod","namespace":"default","name":"web-1","uid":"u-1",
           "apiVersion":"v1","resourceVersion":"42","fieldPath":"spec.containers{c}"},
         "reason":"Pulled","type":"Normal","reportingComponent":"kubelet","source":{}}
        """);
    assertThat(fields.values(event)).containsEntry("involvedObject.kind", "Pod")
        .containsEntry("involvedObject.name", "web-1")
        .containsEntry("involvedObject.uid", "u-1")
        .containsEntry("involvedObject.resourceVersion", "42")
        .containsEntry("involvedObject.fieldPath", "spec.containers{c}")
        .containsEntry("reason", "Pulled")
        .containsEntry("type", "Normal")
        .containsEntry("reportingComponent", "kubelet")
        // an empty source component falls back to the reporting controller
        .containsEntry("source", "kubelet")
        .containsEntry("metadata.namespace", "default");
    assertThat(fields.names()).hasSize(13);
  }

  @Test
  void eventsK8sIoConvertsItsFieldNamesToTheCoreOnes() {
    SelectableFields fields = FieldSelectors.forKind("events.k8s.io", "Event", true);
    assertThat(fields.canonical("regarding.name")).contains("involvedObject.name");
    assertThat(fields.canonical("reportingController")).contains("reportingComponent");
    assertThat(fields.canonical("reason")).contains("reason");
    ObjectNode event = json("""
        {"metadata":{"name":"e"},"regarding":{"kind":"Node","name":"n1"},"reportingController":"kcm",
         "deprecatedSource":{"component":"node-controller"}}
        """);
    assertThat(fields.value("involvedObject.name", event)).isEqualTo("n1");
    assertThat(fields.value("reportingComponent", event)).isEqualTo("kcm");
    assertThat(fields.value("source", event)).isEqualTo("node-controller");
  }

  @ParameterizedTest(name = "{1}/{2}: {3}")
  @CsvSource(delimiter = '|', value = {
      "{\"type\":\"kubernetes.io/tls\"}|''|Secret|type|kubernetes.io/tls",
      "{\"status\":{\"phase\":\"Terminating\"}}|''|Namespace|status.phase|Terminating",
      "{\"status\":{\"replicas\":3}}|apps|ReplicaSet|status.replicas|3",
      "{\"status\":{}}|''|ReplicationController|status.replicas|0",
      "{\"status\":{\"succeeded\":2}}|batch|Job|status.successful|2",
      "{\"spec\":{\"type\":\"NodePort\",\"clusterIP\":\"10.96.0.9\"}}|''|Service|spec.type|NodePort",
      "{\"spec\":{\"type\":\"NodePort\",\"clusterIP\":\"10.96.0.9\"}}|''|Service|spec.clusterIP|10.96.0.9",
      "{\"spec\":{\"signerName\":\"example.com/s\"}}|certificates.k8s.io|CertificateSigningRequest|spec.signerName|example.com/s",
  })
  void kindSpecificFields(String json, String group, String kind, String field, String expected) {
    SelectableFields fields = FieldSelectors.forKind(group, kind, true);
    assertThat(fields.canonical(field)).contains(field);
    assertThat(fields.value(field, json(json))).isEqualTo(expected);
  }

  @Test
  void legacyNameLabelMeansMetadataName() {
    for (String kind : List.of("Namespace", "PersistentVolume", "PersistentVolumeClaim")) {
      SelectableFields fields = FieldSelectors.forKind("", kind, !kind.equals("Namespace"));
      assertThat(fields.canonical("name")).as(kind).contains("metadata.name");
      assertThat(fields.value(fields.requireCanonical("name"), json("{\"metadata\":{\"name\":\"x\"}}")))
          .isEqualTo("x");
      assertThat(fields.names()).as(kind).doesNotContain("name");
    }
  }

  @Test
  void defaultKindsSupportNameAndNamespace() {
    SelectableFields fields = FieldSelectors.forKind("apps", "Deployment", true);
    assertThat(fields.names()).containsExactly("metadata.name", "metadata.namespace");
    // upstream's default conversion accepts metadata.namespace for cluster-scoped kinds as well
    SelectableFields cluster = FieldSelectors.forKind("rbac.authorization.k8s.io", "ClusterRole", false);
    assertThat(cluster.canonical("metadata.namespace")).contains("metadata.namespace");
    assertThat(cluster.value("metadata.namespace", json("{\"metadata\":{\"name\":\"admin\"}}"))).isEmpty();
  }

  @Test
  void valueOfAnUnknownFieldIsABug() {
    SelectableFields fields = FieldSelectors.forKind("", "Pod", true);
    assertThatThrownBy(() -> fields.value("spec.bogus", POD)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void customResourceSelectableFields() {
    SelectableFields fields = FieldSelectors.forCustomResource(true,
        List.of(".spec.color", ".spec.size", ".spec.enabled", ".spec.ratio", ".metadata['labels']['app']",
            ".status.missing"));
    assertThat(fields.names()).containsExactly("metadata.name", "metadata.namespace", "spec.color",
        "spec.size", "spec.enabled", "spec.ratio", "metadata.labels.app", "status.missing");
    ObjectNode widget = json("""
        {"metadata":{"name":"w","namespace":"ns","labels":{"app":"shop"}},
         "spec":{"color":"blue","size":42,"enabled":true,"ratio":0.25}}
        """);
    assertThat(fields.values(widget)).containsExactly(
        java.util.Map.entry("metadata.name", "w"),
        java.util.Map.entry("metadata.namespace", "ns"),
        java.util.Map.entry("spec.color", "blue"),
        java.util.Map.entry("spec.size", "42"),
        java.util.Map.entry("spec.enabled", "true"),
        java.util.Map.entry("spec.ratio", "0.25"),
        java.util.Map.entry("metadata.labels.app", "shop"),
        java.util.Map.entry("status.missing", ""));
    assertThat(fields.unsupportedMessage("spec.shape")).isEqualTo("field label not supported: spec.shape");
  }

  @Test
  void clusterScopedCustomResourcesRefuseNamespace() {
    SelectableFields fields = FieldSelectors.forCustomResource(false, List.of());
    assertThat(fields.canonical("metadata.namespace")).isEqualTo(Optional.empty());
    assertThat(fields.canonical("metadata.name")).contains("metadata.name");
  }

  @ParameterizedTest
  @CsvSource({"spec.color", ".", "..spec", ".spec..color", ".spec[0]", "''"})
  void customResourcePathsMustBeSimple(String path) {
    assertThatThrownBy(() -> FieldSelectors.forCustomResource(true, List.of(path)))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
