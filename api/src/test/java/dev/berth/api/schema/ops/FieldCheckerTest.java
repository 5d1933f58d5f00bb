package dev.berth.api.schema.ops;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.berth.api.codec.BodyDecoder;
import dev.berth.api.codec.BodyFormat;
import dev.berth.api.codec.DecodedBody;
import dev.berth.api.schema.Schema;
import dev.berth.api.schema.Schema.Type;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FieldCheckerTest {

  private final BodyDecoder decoder = new BodyDecoder();
  private final FieldChecker checker = new FieldChecker();
  private final Schema deployment = TestSchemas.deployment();

  private DecodedBody json(String s) {
    return decoder.decodeObject(s.getBytes(StandardCharsets.UTF_8), BodyFormat.JSON);
  }

  private DecodedBody yaml(String s) {
    return decoder.decodeObject(s.getBytes(StandardCharsets.UTF_8), BodyFormat.YAML);
  }

  // upstream's test/integration/apiserver/field_validation_test.go invalidBodyJSON
  private static final String INVALID_JSON = """
      {
        "apiVersion": "apps/v1",
        "kind": "Deployment",
        "metadata": {
          "name": "dupename",
          "name": "web",
          "labels": {"app": "nginx"},
          "unknownMeta": "metaVal"
        },
        "spec": {
          "unknown1": "val1",
          "unknownDupe": "valDupe",
          "unknownDupe": "valDupe2",
          "paused": true,
          "paused": false,
          "selector": {"matchLabels": {"app": "nginx"}},
          "template": {
            "metadata": {"labels": {"app": "nginx"}},
            "spec": {
              "containers": [{
                "name":  "nginx",
                "image": "nginx:latest",
                "unknownNested": "val1",
                "imagePullPolicy": "Always",
                "imagePullPolicy": "Never"
              }]
            }
          }
        }
      }""";

  // and its invalidBodyYAML (line numbers matter)
  private static final String INVALID_YAML = """
      apiVersion: apps/v1
      kind: Deployment
      metadata:
        name: dupename
        name: web
        unknownMeta: metaVal
        labels:
          app: nginx
      spec:
        unknown1: val1
        unknownDupe: valDupe
        unknownDupe: valDupe2
        paused: true
        paused: false
        selector:
          matchLabels:
            app: nginx
        template:
          metadata:
            labels:
              app: nginx
          spec:
            containers:
            - name: nginx
              image: nginx:latest
              unknownNested: val1
              imagePullPolicy: Always
              imagePullPolicy: Never""";

  @Test
  void reportsUnknownAndDuplicateFieldsInUpstreamOrderForJson() {
    FieldChecker.Result r = checker.check(json(INVALID_JSON), deployment);
    assertThat(r.typeMismatches()).isEmpty();
    assertThat(r.strictErrors()).containsExactly(
        "duplicate field \"metadata.name\"",
        "unknown field \"metadata.unknownMeta\"",
        "unknown field \"spec.unknown1\"",
        "unknown field \"spec.unknownDupe\"",
        "duplicate field \"spec.paused\"",
        "unknown field \"spec.template.spec.containers[0].unknownNested\"",
        "duplicate field \"spec.template.spec.containers[0].imagePullPolicy\"");
    assertThat(r.unknownFields()).containsExactly("metadata.unknownMeta", "spec.unknown1",
        "spec.unknownDupe", "spec.template.spec.containers[0].unknownNested");
    assertThat(r.clean()).isFalse();
  }

  @Test
  void reportsYamlDuplicatesFirstThenUnknownFieldsInKeyOrder() {
    FieldChecker.Result r = checker.check(yaml(INVALID_YAML), deployment);
    assertThat(r.strictErrors()).containsExactly("""
            yaml: unmarshal errors:
              line 5: key "name" already set in map
              line 12: key "unknownDupe" already set in map
              line 14: key "paused" already set in map
              line 28: key "imagePullPolicy" already set in map""",
        "unknown field \"metadata.unknownMeta\"",
        "unknown field \"spec.template.spec.containers[0].unknownNested\"",
        "unknown field \"spec.unknown1\"",
        "unknown field \"spec.unknownDupe\"");
  }

  @Test
  void aCleanObjectHasNoProblems() {
    FieldChecker.Result r = checker.check(json("""
        {"apiVersion":"apps/v1","kind":"Deployment",
         "metadata":{"name":"web","labels":{"a":"b"},"creationTimestamp":null,
           "ownerReferences":[{"apiVersion":"v1","kind":"X","name":"x","uid":"1","controller":true}],
           "managedFields":[{"manager":"kubectl","fieldsV1":{"f:spec":{"f:x":{}}}}]},
         "spec":{"replicas":3,"ratio":0.5,"extension":{"anything":[1,{"goes":true}]},
           "template":{"spec":{"containers":[{"name":"c","args":[],"ports":[{"containerPort":80}],
             "resources":{"limits":{"cpu":"500m","memory":"1Gi","gpu":1}},
             "httpGet":{"port":"http"}}]}}},
         "status":{"replicas":1}}"""), deployment);
    assertThat(r.clean()).isTrue();
    assertThat(r.strictErrors()).isEmpty();
    assertThat(r.unknownFields()).isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
      "{\"spec\":{\"replicas\":\"3\"}}|spec.replicas|json: cannot unmarshal string into Go struct field DeploymentSpec.spec.replicas of type int32",
      "{\"spec\":{\"replicas\":1.5}}|spec.replicas|json: cannot unmarshal number 1.5 into Go struct field DeploymentSpec.spec.replicas of type int32",
      "{\"spec\":{\"replicas\":3000000000}}|spec.replicas|json: cannot unmarshal number 3000000000 into Go struct field DeploymentSpec.spec.replicas of type int32",
      "{\"spec\":{\"paused\":\"yes\"}}|spec.paused|json: cannot unmarshal string into Go struct field DeploymentSpec.spec.paused of type bool",
      "{\"spec\":\"x\"}|spec|json: cannot unmarshal string into Go struct field Deployment.spec of type v1.DeploymentSpec",
      "{\"metadata\":{\"name\":5}}|metadata.name|json: cannot unmarshal number into Go struct field ObjectMeta.metadata.name of type string",
      "{\"metadata\":{\"labels\":{\"a\":1}}}|metadata.labels.a|json: cannot unmarshal number into Go struct field ObjectMeta.metadata.labels of type string",
      "{\"spec\":{\"template\":{\"spec\":{\"containers\":{}}}}}|spec.template.spec.containers|json: cannot unmarshal object into Go struct field PodSpec.spec.template.spec.containers of type []v1.Container",
      "{\"spec\":{\"template\":{\"spec\":{\"containers\":[\"c\"]}}}}|spec.template.spec.containers[0]|json: cannot unmarshal string into Go struct field PodSpec.spec.template.spec.containers of type v1.Container",
      "{\"spec\":{\"template\":{\"spec\":{\"containers\":[{\"args\":[1]}]}}}}|spec.template.spec.containers[0].args[0]|json: cannot unmarshal number into Go struct field Container.spec.template.spec.containers.args of type string",
      "{\"spec\":{\"template\":{\"spec\":{\"containers\":[{\"httpGet\":{\"port\":true}}]}}}}|spec.template.spec.containers[0].httpGet.port|json: cannot unmarshal bool into Go struct field HTTPGetAction.spec.template.spec.containers.httpGet.port of type int32",
      "{\"spec\":{\"template\":{\"spec\":{\"containers\":[{\"resources\":{\"limits\":{\"cpu\":\"lots\"}}}]}}}}|spec.template.spec.containers[0].resources.limits.cpu|quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'",
      "{\"metadata\":{\"creationTimestamp\":\"yesterday\"}}|metadata.creationTimestamp|parsing time \"yesterday\" as \"2006-01-02T15:04:05Z07:00\": cannot parse \"yesterday\" as \"2006\"",
      "{\"kind\":5}|kind|json: cannot unmarshal number into Go struct field Deployment.kind of type string"})
  void reportsTypeMismatchesAsGoDecodingWould(String body, String path, String message) {
    FieldChecker.Result r = checker.check(json(body), deployment);
    assertThat(r.typeMismatches()).containsExactly(new FieldChecker.TypeMismatch(path, message));
    assertThat(r.firstTypeMismatch()).map(FieldChecker.TypeMismatch::message).contains(message);
  }

  @Test
  void nullIsAcceptedEverywhereAsInGo() {
    FieldChecker.Result r = checker.check(json("""
        {"metadata":{"name":null,"labels":null},"spec":{"replicas":null,"template":null}}"""),
        deployment);
    assertThat(r.clean()).isTrue();
  }

  @Test
  void checksBase64InByteFields() {
    Schema secret = TestSchemas.secret();
    assertThat(checker.check(json("{\"data\":{\"a\":\"aGVsbG8=\"}}"), secret).clean()).isTrue();
    assertThat(checker.check(json("{\"data\":{\"a\":\"aGVs*G8=\"}}"), secret).typeMismatches())
        .extracting(FieldChecker.TypeMismatch::message)
        .containsExactly("illegal base64 data at input byte 4");
    assertThat(checker.check(json("{\"data\":{\"a\":\"aGVsbG8\"}}"), secret).typeMismatches())
        .extracting(FieldChecker.TypeMismatch::message)
        .containsExactly("illegal base64 data at input byte 4");
    assertThat(checker.check(json("{\"data\":{\"a\":5}}"), secret).typeMismatches())
        .extracting(FieldChecker.TypeMismatch::message)
        .containsExactly("json: cannot unmarshal number into Go struct field Secret.data of type []uint8");
  }

  @Test
  void preserveUnknownFieldsAndEmbeddedResourcesAndMaps() {
    Schema embedded = Schema.object().embeddedResource(true).preserveUnknownFields(true);
    Schema schema = Schema.object()
        .property("open", Schema.object().preserveUnknownFields(true)
            .property("known", new Schema(Type.INTEGER)))
        .property("child", Schema.object().embeddedResource(true)
            .property("spec", Schema.object().property("x", Schema.string())))
        .property("anyChild", embedded)
        .property("map", Schema.mapOf(Schema.object().property("v", Schema.string())));
    FieldChecker.Result r = checker.check(json("""
        {"open":{"whatever":1,"known":"x"},
         "child":{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"a","bogus":1},
                  "spec":{"x":"y","z":1},"extra":true},
         "anyChild":{"apiVersion":"v1","metadata":{"oops":1},"free":{"form":1}},
         "map":{"k1":{"v":"a","w":1}}}"""), schema);
    assertThat(r.unknownFields()).containsExactly("child.metadata.bogus", "child.spec.z",
        "child.extra", "anyChild.metadata.oops", "map.k1.w");
    assertThat(r.typeMismatches()).extracting(FieldChecker.TypeMismatch::path)
        .containsExactly("open.known");
  }

  @Test
  void duplicatesOfUnknownFieldsAreNotReportedButDuplicatesInMapsAre() {
    FieldChecker.Result r = checker.check(json("""
        {"metadata":{"labels":{"a":"1","a":"2"}},"spec":{"bogus":1,"bogus":2}}"""), deployment);
    assertThat(r.strictErrors()).containsExactly("duplicate field \"metadata.labels.a\"",
        "unknown field \"spec.bogus\"");
  }

  @Test
  void nonObjectRootIsATypeMismatch() {
    JsonNode array = decoder.decode("[1]".getBytes(StandardCharsets.UTF_8), BodyFormat.JSON).value();
    assertThat(checker.check(array, deployment).typeMismatches())
        .extracting(FieldChecker.TypeMismatch::message)
        .containsExactly("json: cannot unmarshal array into Go value of type v1.Deployment");
  }

  @Test
  void checkingAPlainTreeReportsUnknownFieldsOnly() {
    FieldChecker.Result r = checker.check(json(INVALID_JSON).value(), deployment);
    assertThat(r.strictErrors()).containsExactly(
        "unknown field \"metadata.unknownMeta\"",
        "unknown field \"spec.unknown1\"",
        "unknown field \"spec.unknownDupe\"",
        "unknown field \"spec.template.spec.containers[0].unknownNested\"");
  }

  @Test
  void dropsUnknownFieldsAsGoDecodingDoes() {
    DecodedBody body = json(INVALID_JSON);
    FieldChecker.Result r = checker.checkAndDropUnknown(body, deployment);
    assertThat(r.unknownFields()).hasSize(4);
    JsonNode v = body.value();
    assertThat(v.at("/metadata").toString()).isEqualTo("{\"name\":\"web\",\"labels\":{\"app\":\"nginx\"}}");
    assertThat(v.at("/spec").has("unknown1")).isFalse();
    assertThat(v.at("/spec").has("unknownDupe")).isFalse();
    assertThat(v.at("/spec/template/spec/containers/0").toString())
        .isEqualTo("{\"name\":\"nginx\",\"image\":\"nginx:latest\",\"imagePullPolicy\":\"Never\"}");
    // RawExtension content is opaque: nothing is dropped inside it
    JsonNode ext = json("{\"spec\":{\"extension\":{\"a\":{\"b\":1}}}}").value();
    assertThat(checker.checkAndDropUnknown(ext, deployment).clean()).isTrue();
    assertThat(ext.toString()).isEqualTo("{\"spec\":{\"extension\":{\"a\":{\"b\":1}}}}");
  }

  @Test
  void capsTheNumberOfStrictErrors() {
    StringBuilder sb = new StringBuilder("{\"spec\":{");
    for (int i = 0; i < 150; i++) {
      sb.append(i == 0 ? "" : ",").append("\"u").append(i).append("\":1");
    }
    sb.append("}}");
    FieldChecker.Result r = checker.check(json(sb.toString()), deployment);
    assertThat(r.strictErrors()).hasSize(100);
    assertThat(r.unknownFields()).hasSize(150);
    assertThat(List.copyOf(r.strictErrors()).get(0)).isEqualTo("unknown field \"spec.u0\"");
  }
}
