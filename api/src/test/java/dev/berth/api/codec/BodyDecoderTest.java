package dev.berth.api.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BigIntegerNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.berth.api.status.ApiException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class BodyDecoderTest {

  private final BodyDecoder decoder = new BodyDecoder();

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private DecodedBody json(String s) {
    return decoder.decodeObject(bytes(s), BodyFormat.JSON);
  }

  private DecodedBody yaml(String s) {
    return decoder.decodeObject(bytes(s), BodyFormat.YAML);
  }

  private static ApiException refused(Runnable r) {
    try {
      r.run();
    } catch (ApiException e) {
      return e;
    }
    throw new AssertionError("expected an ApiException");
  }

  @Test
  void decodesAnObjectKeepingKeyOrderAndNumberKinds() {
    DecodedBody d = json("{\"kind\":\"Pod\",\"a\":1,\"b\":3000000000,\"c\":1.5,"
        + "\"d\":123456789012345678901234567890,\"e\":[true,null,\"x\"]}");
    JsonNode v = d.value();
    assertThat(v.fieldNames()).toIterable().containsExactly("kind", "a", "b", "c", "d", "e");
    assertThat(v.get("a")).isInstanceOf(IntNode.class);
    assertThat(v.get("b")).isInstanceOf(LongNode.class);
    assertThat(v.get("c")).isInstanceOf(DoubleNode.class);
    assertThat(v.get("d")).isInstanceOf(BigIntegerNode.class);
    assertThat(v.get("e").get(1).isNull()).isTrue();
    assertThat(d.hasDuplicates()).isFalse();
    assertThat(d.strictErrors()).isEmpty();
    assertThat(d.format()).isEqualTo(BodyFormat.JSON);
  }

  @Test
  void recordsJsonDuplicatesWithUpstreamPathsAndKeepsTheLastValue() {
    DecodedBody d = json("""
        {"metadata":{"name":"a","name":"b"},
         "spec":{"paused":true,"replicas":1,"paused":false,
           "template":{"spec":{"containers":[{"name":"c","image":"x","image":"y"}]}}}}""");
    assertThat(d.value().at("/metadata/name").asText()).isEqualTo("b");
    assertThat(d.value().at("/spec/paused").asBoolean()).isFalse();
    assertThat(d.duplicates()).extracting(DuplicateField::path).containsExactly(
        "metadata.name", "spec.paused", "spec.template.spec.containers[0].image");
    assertThat(d.strictErrors()).containsExactly(
        "duplicate field \"metadata.name\"",
        "duplicate field \"spec.paused\"",
        "duplicate field \"spec.template.spec.containers[0].image\"");
    assertThat(d.warnings()).isEqualTo(d.strictErrors());
    // the duplicate of "paused" came after two distinct keys of spec
    DuplicateField paused = d.duplicates().get(1);
    assertThat(paused.distinctKeysBefore()).isEqualTo(2);
    assertThat(d.duplicatesIn(d.value().get("spec"))).containsExactly(paused);
    assertThat(d.duplicatesIn(d.value())).isEmpty();
  }

  @Test
  void duplicatesInsideTopLevelArraysUseIndexPaths() {
    DecodedBody d = decoder.decode(bytes("[{\"op\":\"add\"},{\"path\":\"/a\",\"path\":\"/b\"}]"),
        BodyFormat.JSON);
    assertThat(d.strictErrors()).containsExactly("duplicate field \"[1].path\"");
  }

  @Test
  void aKeyRepeatedThreeTimesIsReportedOnce() {
    DecodedBody d = json("{\"a\":1,\"a\":2,\"a\":3}");
    assertThat(d.duplicates()).hasSize(2);
    assertThat(d.strictErrors()).containsExactly("duplicate field \"a\"");
    assertThat(d.value().get("a").asInt()).isEqualTo(3);
  }

  @Test
  void recordsYamlDuplicatesWithLinesAsOneStrictErrorAndSeparateWarnings() {
    DecodedBody d = yaml("""
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: a
          name: b
        spec:
          paused: true
          paused: false
        """);
    assertThat(d.format()).isEqualTo(BodyFormat.YAML);
    assertThat(d.value().at("/metadata/name").asText()).isEqualTo("b");
    assertThat(d.strictErrors()).containsExactly("""
        yaml: unmarshal errors:
          line 5: key "name" already set in map
          line 8: key "paused" already set in map""");
    assertThat(d.warnings()).containsExactly(
        "line 5: key \"name\" already set in map", "line 8: key \"paused\" already set in map");
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
      "yes|true", "on|true", "y|true", "No|false", "OFF|false", "true|true",
      "0755|493", "0x1F|31", "0o17|15", "0b101|5", "1_000|1000", "+12|12", "-0|0",
      "08|8.0", ".5|0.5", "1e3|1000.0", "~|null", "null|null", "''|\"\"",
      "'yes'|\"yes\"", "\"0755\"|\"0755\"", "2020-01-01|\"2020-01-01\"", "1:20|\"1:20\"",
      "!!str 12|\"12\"", "!!int '7'|7", "!!float 1|1.0", "18446744073709551615|18446744073709551615",
      "18446744073709551616|1.8446744073709552E19", "abc|\"abc\"", "_1|\"_1\""})
  void resolvesYamlScalarsLikeUpstream(String scalar, String expectedJson) {
    JsonNode v = yaml("v: " + scalar + "\n").value().get("v");
    assertThat(v.toString()).isEqualTo(expectedJson);
  }

  @ParameterizedTest
  @ValueSource(strings = {".inf", "-.Inf", ".nan", "1e400"})
  void refusesNonFiniteYamlNumbers(String scalar) {
    ApiException e = refused(() -> yaml("v: " + scalar + "\n"));
    assertThat(e.code()).isEqualTo(400);
    assertThat(e.getMessage()).startsWith("error converting YAML to JSON: json: unsupported value: ");
  }

  @Test
  void yamlKeysAreResolvedThenPrinted() {
    JsonNode v = yaml("on: 1\n1: a\n'yes': b\n").value();
    assertThat(v.fieldNames()).toIterable().containsExactly("true", "1", "yes");
  }

  @Test
  void expandsAnchorsAndAliasesIntoIndependentCopies() {
    ObjectNode v = (ObjectNode) yaml("""
        base: &b {image: nginx, ports: [80]}
        name: &n web
        one: *b
        two: *b
        label: *n
        """).value();
    assertThat(v.get("one")).isEqualTo(v.get("base"));
    assertThat(v.get("label").asText()).isEqualTo("web");
    ((ObjectNode) v.get("one")).put("image", "changed");
    assertThat(v.at("/two/image").asText()).isEqualTo("nginx");
    assertThat(v.at("/base/image").asText()).isEqualTo("nginx");
  }

  @Test
  void mergeKeysFillMissingKeysAndExplicitKeysWinWithoutDuplicates() {
    DecodedBody d = yaml("""
        defaults: &d {image: nginx, pull: Always, port: 80}
        c:
          <<: *d
          pull: Never
          name: web
        e:
          port: 81
          <<: [*d, {extra: 1}]
        """);
    assertThat(d.value().get("c").toString())
        .isEqualTo("{\"image\":\"nginx\",\"pull\":\"Never\",\"port\":80,\"name\":\"web\"}");
    assertThat(d.value().get("e").toString())
        .isEqualTo("{\"port\":81,\"image\":\"nginx\",\"pull\":\"Always\",\"extra\":1}");
    assertThat(d.hasDuplicates()).isFalse();
  }

  @Test
  void refusesABillionLaughsDocumentQuickly() {
    StringBuilder sb = new StringBuilder("a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n");
    char prev = 'a';
    for (char c = 'b'; c <= 'j'; c++) {
      sb.append(c).append(": &").append(c).append(" [");
      for (int i = 0; i < 9; i++) {
        sb.append(i == 0 ? "" : ",").append('*').append(prev);
      }
      sb.append("]\n");
      prev = c;
    }
    String bomb = sb.toString();
    org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(Duration.ofSeconds(5), () -> {
      ApiException e = refused(() -> yaml(bomb));
      assertThat(e.code()).isEqualTo(400);
      assertThat(e.getMessage()).contains("document contains excessive aliasing");
    });
  }

  @Test
  void refusesUnknownAnchors() {
    ApiException e = refused(() -> yaml("a: *nope\n"));
    assertThat(e.getMessage()).isEqualTo(
        "error converting YAML to JSON: yaml: line 1: unknown anchor 'nope' referenced");
  }

  @Test
  void acceptsJsonUnderTheYamlMediaTypeWithJsonDuplicateSemantics() {
    DecodedBody d = decoder.decodeObject(bytes(" {\"a\":1,\"a\":2}"), BodyFormat.YAML);
    assertThat(d.format()).isEqualTo(BodyFormat.JSON);
    assertThat(d.strictErrors()).containsExactly("duplicate field \"a\"");
  }

  @Test
  void aYamlFlowMappingThatIsNotJsonFallsBackToYaml() {
    DecodedBody d = decoder.decodeObject(bytes("{a: 1, b: [x]}"), BodyFormat.YAML);
    assertThat(d.format()).isEqualTo(BodyFormat.YAML);
    assertThat(d.value().toString()).isEqualTo("{\"a\":1,\"b\":[\"x\"]}");
  }

  @Test
  void toleratesATrailingEmptyDocumentButNotASecondObject() {
    assertThat(yaml("---\na: 1\n---\n").value().toString()).isEqualTo("{\"a\":1}");
    ApiException e = refused(() -> yaml("a: 1\n---\nb: 2\n"));
    assertThat(e.getMessage()).contains("a request body must hold a single YAML document");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "{\"a\":1,}|couldn't get version/kind; json parse error: Unexpected character ('}' (code 125)): was expecting double-quote to start field name (line 1, column 8)",
      "{\"a\":|couldn't get version/kind; json parse error: unexpected end of JSON input",
      "{} x|couldn't get version/kind; json parse error: Unrecognized token 'x': was expecting (JSON String, Number, Array, Object or token 'null', 'true' or 'false') (line 1, column 4)",
      "{}{}|couldn't get version/kind; json parse error: invalid character after top-level value (line 1, column 3)",
      "[1]|couldn't get version/kind; json parse error: json: cannot unmarshal array into Go value of type struct { APIVersion string \"json:\\\"apiVersion,omitempty\\\"\"; Kind string \"json:\\\"kind,omitempty\\\"\" }",
      "\"x\"|couldn't get version/kind; json parse error: json: cannot unmarshal string into Go value of type struct { APIVersion string \"json:\\\"apiVersion,omitempty\\\"\"; Kind string \"json:\\\"kind,omitempty\\\"\" }",
      "null|Object 'Kind' is missing in 'null'",
      "{\"a\":1e400}|couldn't get version/kind; json parse error: json: cannot unmarshal number 1e400 into Go value of type float64",
      "{\"a\":NaN}|couldn't get version/kind; json parse error: Non-standard token 'NaN': enable `JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS` to allow (line 1, column 9)"})
  void refusesMalformedJsonWithUpstreamLikeMessages(String body, String message) {
    ApiException e = refused(() -> json(body));
    assertThat(e.code()).isEqualTo(400);
    assertThat(e.reason()).isEqualTo("BadRequest");
    assertThat(e.getMessage()).isEqualTo(message);
  }

  @Test
  void emptyBodiesAreRefused() {
    assertThat(refused(() -> json("")).getMessage())
        .isEqualTo("couldn't get version/kind; json parse error: unexpected end of JSON input");
    assertThat(refused(() -> yaml("")).getMessage()).isEqualTo("Object 'Kind' is missing in ''");
    assertThat(refused(() -> yaml("~\n")).getMessage()).isEqualTo("Object 'Kind' is missing in '~\n'");
  }

  @Test
  void malformedYamlNamesTheLine() {
    ApiException e = refused(() -> yaml("a: b\n  c: d\n"));
    assertThat(e.getMessage()).startsWith("error converting YAML to JSON: yaml: line 2: ");
    ApiException e2 = refused(() -> yaml("a: [1, 2\n"));
    assertThat(e2.getMessage()).startsWith("error converting YAML to JSON: yaml: line 2: ");
  }

  @Test
  void prefixesRefusalsWithTheTargetKindAndASummaryOfTheBody() {
    ApiException e = refused(() -> decoder.decodeObject(
        bytes("{\"apiVersion\":\"v1\",\"kind\":\"Pod\",\"metadata\":{"), BodyFormat.JSON, "Pod"));
    assertThat(e.getMessage()).isEqualTo("the object provided is unrecognized (must be of type Pod): "
        + "couldn't get version/kind; json parse error: unexpected end of JSON input "
        + "({\"apiVersion\":\"v1\",\"kind\":\"Pod ...)");
    ApiException hex = refused(() -> decoder.decodeObject(bytes("[1]"), BodyFormat.JSON, "Pod"));
    assertThat(hex.getMessage()).endsWith("(5b315d)");
  }

  @Test
  void refusesNestingDeeperThanTheLimitWithoutStackOverflow() {
    String ok = "{\"a\":" + "[".repeat(999) + "]".repeat(999) + "}";
    assertThat(json(ok).value().get("a").isArray()).isTrue();
    String tooDeep = "{\"a\":" + "[".repeat(1000) + "]".repeat(1000) + "}";
    assertThat(refused(() -> json(tooDeep)).getMessage()).contains("exceeded max depth of 1000");
    // a body of a million unbalanced brackets: upstream answers with an error, so do we
    String million = "{\"a\":" + "[".repeat(1_000_000);
    assertThat(refused(() -> json(million)).code()).isEqualTo(400);
    String deepYaml = "a: " + "[".repeat(5000) + "]".repeat(5000) + "\n";
    assertThat(refused(() -> yaml(deepYaml)).getMessage()).contains("exceeded max depth of 1000");
    String deepMaps = "{\"\":".repeat(300_000) + "{}" + "}".repeat(300_000);
    assertThat(refused(() -> json(deepMaps)).code()).isEqualTo(400);
  }

  @Test
  void refusesOversizedBodiesWith413AndOverlongNumbersWith400() {
    BodyDecoder small = new BodyDecoder(new BodyDecoder.Limits(100, 10, 20, 10));
    ApiException big = refused(() -> small.decodeObject(bytes("{\"a\":\"" + "x".repeat(200) + "\"}"),
        BodyFormat.JSON));
    assertThat(big.code()).isEqualTo(413);
    assertThat(big.getMessage()).isEqualTo("Request entity too large: limit is 100");
    ApiException longNumber = refused(() -> small.decodeObject(bytes("{\"a\":" + "9".repeat(30) + "}"),
        BodyFormat.JSON));
    assertThat(longNumber.code()).isEqualTo(400);
    ApiException deep = refused(() -> small.decodeObject(bytes("a: [[[[[[[[[[[1]]]]]]]]]]]"),
        BodyFormat.YAML));
    assertThat(deep.getMessage()).contains("exceeded max depth of 10");
  }

  @Test
  void decodeAcceptsNonObjectValuesForPatches() {
    assertThat(decoder.decode(bytes("[{\"op\":\"remove\",\"path\":\"/a\"}]"), BodyFormat.JSON)
        .value().isArray()).isTrue();
    assertThat(refused(() -> decoder.decode(bytes("[1,"), BodyFormat.JSON)).getMessage())
        .isEqualTo("json parse error: unexpected end of JSON input");
  }

  @Test
  void bodyFormatFollowsTheContentType() {
    assertThat(BodyFormat.forContentType(null)).contains(BodyFormat.JSON);
    assertThat(BodyFormat.forContentType("application/json; charset=utf-8")).contains(BodyFormat.JSON);
    assertThat(BodyFormat.forContentType("application/strategic-merge-patch+json"))
        .contains(BodyFormat.JSON);
    assertThat(BodyFormat.forContentType("application/apply-patch+yaml")).contains(BodyFormat.YAML);
    assertThat(BodyFormat.forContentType("Application/YAML")).contains(BodyFormat.YAML);
    assertThat(BodyFormat.forContentType("application/vnd.kubernetes.protobuf")).isEmpty();
  }

  @Test
  void fieldValidationParsesUpstreamValuesAndRefusesOthersWith422() {
    assertThat(FieldValidation.parse(null, "CreateOptions")).isEqualTo(FieldValidation.WARN);
    assertThat(FieldValidation.parse("", "CreateOptions")).isEqualTo(FieldValidation.WARN);
    assertThat(FieldValidation.parse("Strict", "CreateOptions")).isEqualTo(FieldValidation.STRICT);
    assertThat(FieldValidation.parse("Ignore", "PatchOptions")).isEqualTo(FieldValidation.IGNORE);
    assertThatThrownBy(() -> FieldValidation.parse("strict", "CreateOptions"))
        .isInstanceOfSatisfying(ApiException.class, e -> {
          assertThat(e.code()).isEqualTo(422);
          assertThat(e.getMessage()).isEqualTo("CreateOptions.meta.k8s.io \"\" is invalid: "
              + "fieldValidation: Unsupported value: \"strict\": supported values: \"\", \"Ignore\", "
              + "\"Strict\", \"Warn\"");
        });
  }

  @Test
  void warningHeadersQuoteLikeGo() {
    assertThat(FieldValidation.warningHeader("unknown field \"spec.foo\""))
        .isEqualTo("299 - \"unknown field \\\"spec.foo\\\"\"");
  }

  @Test
  void decodeErrorTextsMatchUpstream() {
    assertThat(DecodeErrors.strict("Deployment", "v1", "Deployment",
        List.of("unknown field \"spec.foo\"", "duplicate field \"spec.paused\"")).getMessage())
        .isEqualTo("Deployment in version \"v1\" cannot be handled as a Deployment: strict decoding "
            + "error: unknown field \"spec.foo\", duplicate field \"spec.paused\"");
    assertThat(DecodeErrors.unknownField("a\"b\n")).isEqualTo("unknown field \"a\\\"b\\n\"");
  }

  @Test
  void serialisesCompactly() {
    JsonNode v = json("{ \"a\" : [ 1 , 2 ], \"b\" : { } }").value();
    assertThat(new String(Json.toBytes(v), StandardCharsets.UTF_8)).isEqualTo("{\"a\":[1,2],\"b\":{}}");
    String deep = "{\"a\":" + "[".repeat(999) + "]".repeat(999) + "}";
    assertThat(Json.toString(json(deep).value())).isEqualTo(deep);
  }
}
