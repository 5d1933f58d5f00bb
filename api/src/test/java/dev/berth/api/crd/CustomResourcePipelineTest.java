package dev.berth.api.crd;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.berth.api.codec.BodyDecoder;
import dev.berth.api.codec.BodyFormat;
import dev.berth.api.codec.DecodeErrors;
import dev.berth.api.codec.DecodedBody;
import dev.berth.api.schema.Schema;
import dev.berth.api.schema.ops.Pruner;
import dev.berth.api.schema.ops.SchemaDefaulter;
import dev.berth.api.schema.ops.SchemaValidator;
import dev.berth.api.validation.FieldError;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A custom resource write end to end as the REST layer will run it: decode, prune (unknown fields),
 * default, validate. The field-validation bodies and expectations are upstream's
 * (test/integration/apiserver/field_validation_test.go).
 */
class CustomResourcePipelineTest {

  private final BodyDecoder decoder = new BodyDecoder();
  private final Pruner pruner = new Pruner();
  private final SchemaValidator validator = new SchemaValidator();

  // upstream's crdSchemaBase, with %s empty (schema) or preserve-unknown-fields (schemaless)
  private static Schema schema(boolean schemaless) {
    return CrdSchemas.toSchema(CrdFixtures.json("""
        {"type":"object","properties":{"spec":{"type":"object",%s
          "properties":{
            "cronSpec":{"type":"string","pattern":"^(\\\\d+|\\\\*)(/\\\\d+)?(\\\\s+(\\\\d+|\\\\*)(/\\\\d+)?){4}$"},
            "knownField1":{"type":"string"},
            "embeddedObj":{"x-kubernetes-embedded-resource":true,"type":"object",
              "properties":{"apiversion":{"type":"string"},"kind":{"type":"string"},"metadata":{"type":"object"}}},
            "ports":{"type":"array","x-kubernetes-list-map-keys":["containerPort","protocol"],
              "x-kubernetes-list-type":"map",
              "items":{"properties":{"containerPort":{"format":"int32","type":"integer"},
                "hostIP":{"type":"string"},"hostPort":{"format":"int32","type":"integer"},
                "name":{"type":"string"},"protocol":{"type":"string"}},
                "required":["containerPort","protocol"],"type":"object"}}}}}}"""
        .formatted(schemaless ? "\"x-kubernetes-preserve-unknown-fields\":true," : "")));
  }

  private static final String CRD_INVALID_BODY = """

      {
      	"apiVersion": "stable.example.com/v1",
      	"kind": "Thing",
      	"metadata": {
      		"name": "dupename",
      		"name": "thing",
      		"unknownMeta": "metaVal",
      		"resourceVersion": "1"
      	},
      	"spec": {
      		"unknown1": "val1",
      		"unknownDupe": "valDupe",
      		"unknownDupe": "valDupe2",
      		"knownField1": "val1",
      		"knownField1": "val2",
      			"ports": [{
      				"name": "portName",
      				"containerPort": 8080,
      				"protocol": "TCP",
      				"hostPort": 8081,
      				"hostPort": 8082,
      				"unknownNested": "val"
      			}],
      		"embeddedObj": {
      			"apiVersion": "v1",
      			"kind": "ConfigMap",
      			"metadata": {
      				"name": "my-cm",
      				"namespace": "my-ns",
      				"unknownEmbeddedMeta": "foo"
      			}
      		}
      	}
      }""";

  private static final String CRD_INVALID_BODY_YAML = """

      apiVersion: "stable.example.com/v1"
      kind: "Thing"
      metadata:
        name: dupename
        name: "thing"
        resourceVersion: "1"
        unknownMeta: metaVal
      spec:
        unknown1: val1
        unknownDupe: valDupe
        unknownDupe: valDupe2
        knownField1: val1
        knownField1: val2
        ports:
        - name: portName
          containerPort: 8080
          protocol: TCP
          hostPort: 8081
          hostPort: 8082
          unknownNested: val
        embeddedObj:
          apiVersion: v1
          kind: ConfigMap
          metadata:
            name: my-cm
            namespace: my-ns
            unknownEmbeddedMeta: foo""";

  /** What a handler would report for fieldValidation=Strict (the list after "strict decoding error: "). */
  private List<String> strictErrors(String body, BodyFormat format, Schema schema) {
    DecodedBody decoded = decoder.decodeObject(body.getBytes(StandardCharsets.UTF_8), format);
    List<String> errors = new ArrayList<>(decoded.strictErrors());
    for (String path : pruner.pruneResource(decoded.value(), schema)) {
      errors.add(DecodeErrors.unknownField(path));
    }
    return errors;
  }

  @Test
  void jsonBodyWithSchemaGivesUpstreamsStrictErrors() {
    assertThat(DecodeErrors.strictDecodingError(strictErrors(CRD_INVALID_BODY, BodyFormat.JSON, schema(false))))
        .isEqualTo("strict decoding error: duplicate field \"metadata.name\", duplicate field "
            + "\"spec.unknownDupe\", duplicate field \"spec.knownField1\", duplicate field "
            + "\"spec.ports[0].hostPort\", unknown field \"metadata.unknownMeta\", unknown field "
            + "\"spec.ports[0].unknownNested\", unknown field \"spec.unknown1\", unknown field "
            + "\"spec.unknownDupe\", unknown field \"spec.embeddedObj.metadata.unknownEmbeddedMeta\"");
  }

  @Test
  void yamlBodyWithSchemaGivesUpstreamsStrictErrors() {
    assertThat(DecodeErrors.strictDecodingError(strictErrors(CRD_INVALID_BODY_YAML, BodyFormat.YAML, schema(false))))
        .isEqualTo("""
            strict decoding error: yaml: unmarshal errors:
              line 6: key "name" already set in map
              line 12: key "unknownDupe" already set in map
              line 14: key "knownField1" already set in map
              line 20: key "hostPort" already set in map, unknown field "metadata.unknownMeta", \
            unknown field "spec.ports[0].unknownNested", unknown field "spec.unknown1", \
            unknown field "spec.unknownDupe", unknown field "spec.embeddedObj.metadata.unknownEmbeddedMeta\"""");
  }

  @Test
  void schemalessSpecKeepsUnknownFieldsButStillPrunesKnownSubtrees() {
    assertThat(strictErrors(CRD_INVALID_BODY, BodyFormat.JSON, schema(true))).containsExactly(
        "duplicate field \"metadata.name\"", "duplicate field \"spec.unknownDupe\"",
        "duplicate field \"spec.knownField1\"", "duplicate field \"spec.ports[0].hostPort\"",
        "unknown field \"metadata.unknownMeta\"", "unknown field \"spec.ports[0].unknownNested\"",
        "unknown field \"spec.embeddedObj.metadata.unknownEmbeddedMeta\"");
  }

  @Test
  void prunedObjectIsWhatGetsStored() {
    DecodedBody decoded = decoder.decodeObject(CRD_INVALID_BODY.getBytes(StandardCharsets.UTF_8),
        BodyFormat.JSON);
    pruner.pruneResource(decoded.value(), schema(false));
    assertThat(decoded.value().toString()).isEqualTo("{\"apiVersion\":\"stable.example.com/v1\","
        + "\"kind\":\"Thing\",\"metadata\":{\"name\":\"thing\",\"resourceVersion\":\"1\"},"
        + "\"spec\":{\"knownField1\":\"val2\",\"ports\":[{\"name\":\"portName\",\"containerPort\":8080,"
        + "\"protocol\":\"TCP\",\"hostPort\":8082}],\"embeddedObj\":{\"apiVersion\":\"v1\","
        + "\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"my-cm\",\"namespace\":\"my-ns\"}}}}");
  }

  private List<String> write(String yaml) {
    Schema schema = CrdSchemas.forVersion(CrdFixtures.cronTab(), "v1");
    JsonNode obj = CrdFixtures.yaml(yaml);
    pruner.pruneResource(obj, schema);
    SchemaDefaulter.apply(obj, schema);
    lastObject = obj;
    return validator.validate(obj, schema).stream().map(FieldError::toString).toList();
  }

  private JsonNode lastObject;

  @Test
  void aCronTabIsDefaultedAndValidated() {
    assertThat(write("""
        apiVersion: stable.example.com/v1
        kind: CronTab
        metadata: {name: nightly}
        spec:
          cronSpec: "0 2 * * *"
          image: backup:1
          ports: [{containerPort: 80}, {containerPort: 80, protocol: UDP}]
          timeout: 30s
          window: null
          template: {apiVersion: v1, kind: Pod, metadata: {name: x}, spec: {anything: goes}}
          config: {free: [form]}
        """)).isEmpty();
    assertThat(lastObject.at("/spec/replicas").asInt()).isEqualTo(1);
    assertThat(lastObject.at("/spec/concurrencyPolicy").asText()).isEqualTo("Allow");
    assertThat(lastObject.at("/spec/ports/0/protocol").asText()).isEqualTo("TCP");
    assertThat(lastObject.at("/spec/window").isNull()).isTrue();
    assertThat(lastObject.at("/spec/template/spec/anything").asText()).isEqualTo("goes");
  }

  @Test
  void aBadCronTabGetsUpstreamStyleErrors() {
    assertThat(write("""
        apiVersion: stable.example.com/v1
        kind: CronTab
        metadata: {name: nightly}
        spec:
          cronSpec: "every night"
          replicas: 20
          concurrencyPolicy: Sometimes
          timeout: true
          tags: [a, b, a]
          ports: [{containerPort: 80}, {containerPort: 80, protocol: TCP}]
          matrix: [[1, 2], [x]]
          labels: {team: 7}
        """)).containsExactly(
        "spec.image: Required value",
        "spec.cronSpec: Invalid value: \"every night\": spec.cronSpec in body should match "
            + "'^(\\d+|\\*)(/\\d+)?(\\s+(\\d+|\\*)(/\\d+)?){4}$'",
        "spec.replicas: Invalid value: 20: spec.replicas in body should be less than or equal to 10",
        "spec.concurrencyPolicy: Unsupported value: \"Sometimes\": supported values: \"Allow\", \"Forbid\", \"Replace\"",
        "spec.timeout: Invalid value: \"boolean\": spec.timeout in body must be of type integer,string: \"boolean\"",
        "<nil>: Invalid value: \"\": \"spec.timeout\" must validate at least one schema (anyOf)",
        "spec.timeout: Invalid value: \"boolean\": spec.timeout in body must be of type integer: \"boolean\"",
        "spec.matrix[1][0]: Invalid value: \"string\": spec.matrix[1][0] in body must be of type number: \"string\"",
        "spec.labels.team: Invalid value: \"integer\": spec.labels.team in body must be of type string: \"integer\"",
        "spec.tags: Duplicate value: \"a\"",
        "spec.ports[1]: Duplicate value: {\"containerPort\":80,\"protocol\":\"TCP\"}");
  }

  @Test
  void theScaleSubresourcePathsReadAndWriteTheObject() {
    ObjectNode crd = CrdFixtures.cronTab();
    JsonNode scale = crd.at("/spec/versions/0/subresources/scale");
    ObjectNode obj = CrdFixtures.json("{\"spec\":{\"replicas\":3},\"status\":{\"replicas\":2,\"labelSelector\":\"app=x\"}}");
    assertThat(JsonPathLite.parse(scale.path("specReplicasPath").asText()).first(obj).map(JsonNode::asInt)).contains(3);
    assertThat(JsonPathLite.parse(scale.path("statusReplicasPath").asText()).first(obj).map(JsonNode::asInt)).contains(2);
    assertThat(JsonPathLite.parse(scale.path("labelSelectorPath").asText()).first(obj).map(JsonNode::asText)).contains("app=x");
    JsonPathLite.parse(scale.path("specReplicasPath").asText())
        .set(obj, com.fasterxml.jackson.databind.node.IntNode.valueOf(5));
    assertThat(obj.at("/spec/replicas").asInt()).isEqualTo(5);
  }
}
