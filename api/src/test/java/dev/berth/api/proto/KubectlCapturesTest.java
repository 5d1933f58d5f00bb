package dev.berth.api.proto;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.berth.api.meta.GroupVersionKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/**
 * Decodes real kubectl 1.32 protobuf bodies and compares them with the JSON kubectl prints for the
 * same object ({@code --dry-run=client -o json}): Go's own JSON encoding is the oracle.
 */
class KubectlCapturesTest {

  private static final ProtobufDecoder DECODER = new ProtobufDecoder();
  private static final ObjectMapper JSON = new ObjectMapper();

  static final List<String> WITH_JSON = KubectlFixtures.WITH_JSON;

  @ParameterizedTest
  @FieldSource("WITH_JSON")
  void decodesToTheJsonKubectlWouldHaveSent(String label) {
    ObjectNode decoded = DECODER.decode(KubectlFixtures.body(label));

    // encoding/json writes null for unset slices and pointers that lack omitempty ("values":
    // null); the decoder leaves them out, which Kubernetes reads the same way.
    assertThat(withoutNulls(decoded)).isEqualTo(withoutNulls(KubectlFixtures.dryRunJson(label)));
  }

  @ParameterizedTest
  @FieldSource("WITH_JSON")
  void keepsGoFieldOrder(String label) {
    ObjectNode decoded = DECODER.decode(KubectlFixtures.body(label));

    assertThat(fieldPaths(withoutNulls(decoded)))
        .containsExactlyElementsOf(fieldPaths(withoutNulls(KubectlFixtures.dryRunJson(label))));
  }

  @Test
  void namespaceIsExactlyKubectlsJsonIncludingTheNullTimestamp() throws Exception {
    ObjectNode decoded = DECODER.decode(KubectlFixtures.body("namespace"),
        new GroupVersionKind("", "v1", "Namespace"));

    assertThat(JSON.writeValueAsString(decoded)).isEqualTo(
        "{\"kind\":\"Namespace\",\"apiVersion\":\"v1\",\"metadata\":{\"name\":\"ns1\","
            + "\"creationTimestamp\":null},\"spec\":{},\"status\":{}}");
  }

  @Test
  void deploymentKeepsPointerZeroesAndDropsValueZeroes() {
    ObjectNode decoded = DECODER.decode(KubectlFixtures.body("deployment"));

    JsonNode container = decoded.at("/spec/template/spec/containers/0");
    assertThat(decoded.at("/spec/replicas").intValue()).isEqualTo(3);
    assertThat(container.get("ports")).hasToString("[{\"containerPort\":8080}]");
    assertThat(container.has("stdin")).isFalse();
    assertThat(decoded.at("/metadata").has("generation")).isFalse();
    assertThat(decoded.at("/status")).isEmpty();
  }

  @Test
  void jobFromPopulatedCronJobCoversThePodTemplate() {
    ObjectNode decoded = DECODER.decode(KubectlFixtures.body("job-from-cronjob"));

    JsonNode podSpec = decoded.at("/spec/template/spec");
    // Inline Go structs are flattened: Probe.handler, Volume.volumeSource, *KeySelector.name.
    assertThat(podSpec.at("/volumes/0").has("hostPath")).isTrue();
    assertThat(podSpec.at("/volumes/0").has("volumeSource")).isFalse();
    assertThat(podSpec.at("/containers/0/livenessProbe").has("httpGet")).isTrue();
    assertThat(podSpec.at("/containers/0/env/0/valueFrom/configMapKeyRef").has("key")).isTrue();
    assertThat(podSpec.at("/ephemeralContainers/0").has("name")).isTrue();
    // A value Quantity is written as "0", as Go writes it.
    assertThat(podSpec.at("/volumes/0/downwardAPI/items/0/resourceFieldRef/divisor").asText())
        .isEqualTo("0");
  }

  @ParameterizedTest
  @FieldSource("dev.berth.api.proto.KubectlFixtures#PROTOBUF_ONLY")
  void decodesBodiesWithoutDryRun(String label) {
    ObjectNode decoded = DECODER.decode(KubectlFixtures.body(label));

    assertThat(decoded.get("kind").asText()).isNotEmpty();
    assertThat(decoded.get("apiVersion").asText()).isNotEmpty();
  }

  @Test
  void canIBodyIsASelfSubjectAccessReview() throws Exception {
    ObjectNode decoded = DECODER.decode(KubectlFixtures.body("cani"));

    assertThat(decoded).isEqualTo(JSON.readTree("""
        {"kind":"SelfSubjectAccessReview","apiVersion":"authorization.k8s.io/v1",
         "metadata":{"creationTimestamp":null},
         "spec":{"resourceAttributes":{"namespace":"default","verb":"get","resource":"pods",
                                       "subresource":"log"}},
         "status":{"allowed":false}}"""));
  }

  @Test
  void nonResourceCanIBody() throws Exception {
    ObjectNode decoded = DECODER.decode(KubectlFixtures.body("cani-nonresource"));

    assertThat(decoded.get("spec")).isEqualTo(
        JSON.readTree("{\"nonResourceAttributes\":{\"path\":\"/healthz\",\"verb\":\"get\"}}"));
  }

  @Test
  void tokenBodyIsATokenRequest() throws Exception {
    ObjectNode decoded = DECODER.decode(KubectlFixtures.body("token"));

    assertThat(decoded).isEqualTo(JSON.readTree("""
        {"kind":"TokenRequest","apiVersion":"authentication.k8s.io/v1",
         "metadata":{"creationTimestamp":null},
         "spec":{"audiences":["api"],"expirationSeconds":3600,
                 "boundObjectRef":{"kind":"Pod","apiVersion":"v1","name":"p1","uid":"0000-1111"}},
         "status":{"expirationTimestamp":null}}"""));
  }

  @Test
  void drainDeleteBodyIsDeleteOptionsWithZeroGracePeriod() throws Exception {
    ObjectNode decoded = DECODER.decode(KubectlFixtures.body("drain-delete"));

    assertThat(decoded).isEqualTo(JSON.readTree(
        "{\"kind\":\"DeleteOptions\",\"apiVersion\":\"v1\",\"gracePeriodSeconds\":0}"));
  }

  @Test
  void certificateApprovalCarriesTheNewCondition() {
    ObjectNode decoded = DECODER.decode(KubectlFixtures.body("certificate-approve"));

    JsonNode conditions = decoded.at("/status/conditions");
    assertThat(conditions).hasSize(2);
    assertThat(conditions.get(1).get("type").asText()).isEqualTo("Approved");
    assertThat(conditions.get(1).get("status").asText()).isEqualTo("True");
    assertThat(conditions.get(1).get("reason").asText()).isEqualTo("KubectlApprove");
    assertThat(conditions.get(1).get("lastUpdateTime").asText()).matches(
        "\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ");
  }

  static JsonNode withoutNulls(JsonNode node) {
    if (node.isObject()) {
      ObjectNode copy = JsonNodeFactory.instance.objectNode();
      for (Map.Entry<String, JsonNode> e : node.properties()) {
        if (!e.getValue().isNull()) {
          copy.set(e.getKey(), withoutNulls(e.getValue()));
        }
      }
      return copy;
    }
    if (node.isArray()) {
      ArrayNode copy = JsonNodeFactory.instance.arrayNode();
      node.forEach(element -> copy.add(withoutNulls(element)));
      return copy;
    }
    return node;
  }

  private static List<String> fieldPaths(JsonNode node) {
    List<String> paths = new ArrayList<>();
    collect(node, "", paths);
    return paths;
  }

  private static void collect(JsonNode node, String prefix, List<String> paths) {
    if (node.isObject()) {
      for (Map.Entry<String, JsonNode> e : node.properties()) {
        String path = prefix + "/" + e.getKey();
        paths.add(path);
        collect(e.getValue(), path, paths);
      }
    } else if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        collect(node.get(i), prefix + "/" + i, paths);
      }
    }
  }
}
