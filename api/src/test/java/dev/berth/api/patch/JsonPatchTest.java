package dev.berth.api.patch;

import static dev.berth.api.patch.Json.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.berth.api.status.ApiException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class JsonPatchTest {

  private static final String DEPLOYMENT = """
      {'metadata':{'name':'d','resourceVersion':'100','annotations':{'deployment.kubernetes.io/revision':'2'}},
       'spec':{'replicas':2,'template':{'spec':{'containers':[{'name':'web','image':'nginx:2'}]}}}}""";

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
      replace a field            | [{'op':'replace','path':'/spec/replicas','value':5}]           | /spec/replicas | 5
      add a member               | [{'op':'add','path':'/metadata/labels','value':{'a':'b'}}]      | /metadata/labels | {'a':'b'}
      add to the end of a list   | [{'op':'add','path':'/spec/template/spec/containers/-','value':{'name':'s'}}] | /spec/template/spec/containers/1 | {'name':'s'}
      insert into a list         | [{'op':'add','path':'/spec/template/spec/containers/0','value':{'name':'s'}}] | /spec/template/spec/containers/1/name | 'web'
      remove a member            | [{'op':'remove','path':'/metadata/annotations'}]               | /metadata | {'name':'d','resourceVersion':'100'}
      escaped pointer            | [{'op':'replace','path':'/metadata/annotations/deployment.kubernetes.io~1revision','value':'3'}] | /metadata/annotations | {'deployment.kubernetes.io/revision':'3'}
      passing test then replace  | [{'op':'test','path':'/spec/replicas','value':2},{'op':'replace','path':'/spec/replicas','value':3}] | /spec/replicas | 3
      move                       | [{'op':'move','from':'/metadata/annotations','path':'/metadata/labels'}] | /metadata/labels | {'deployment.kubernetes.io/revision':'2'}
      copy                       | [{'op':'copy','from':'/spec/replicas','path':'/spec/minReadySeconds'}] | /spec/minReadySeconds | 2
      missing value is null      | [{'op':'add','path':'/spec/paused'}]                           | /spec/paused | null
      fabric8 edit lock          | [{'op':'add','path':'/metadata/resourceVersion','value':'101'}] | /metadata/resourceVersion | '101'
      empty patch                | []                                                             | /spec/replicas | 2
      null body is empty patch   | null                                                           | /spec/replicas | 2
      replace the root           | [{'op':'replace','path':'','value':{'x':1}}]                   | '' | {'x':1}
      """)
  void applies(String description, String patch, String pointer, String expected) {
    JsonNode original = json(DEPLOYMENT);
    JsonNode ops = json(patch);
    JsonNode before = original.deepCopy();
    JsonNode result = JsonPatch.apply(original, ops);
    String at = pointer.equals("''") ? "" : pointer;
    assertThat(result.at(at)).isEqualTo(json(expected));
    assertThat(original).isEqualTo(before);
  }

  @Test
  void kubectlRolloutUndo() {
    JsonNode ops = json("""
        [{'op':'replace','path':'/spec/template','value':{'spec':{'containers':[{'name':'web','image':'nginx:1'}]}}},
         {'op':'replace','path':'/metadata/annotations','value':{'deployment.kubernetes.io/revision':'1'}}]""");
    JsonNode result = JsonPatch.apply(json(DEPLOYMENT), ops);
    assertThat(result.at("/spec/template/spec/containers/0/image").asText()).isEqualTo("nginx:1");
    assertThat(result.at("/metadata/annotations")).isEqualTo(json("{'deployment.kubernetes.io/revision':'1'}"));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
      failing test                  | [{'op':'test','path':'/spec/replicas','value':3}]
      replace a missing path        | [{'op':'replace','path':'/spec/paused','value':true}]
      remove a missing path         | [{'op':'remove','path':'/spec/paused'}]
      add under a missing parent    | [{'op':'add','path':'/status/replicas','value':1}]
      index past the end            | [{'op':'add','path':'/spec/template/spec/containers/5','value':{}}]
      object key into a list        | [{'op':'add','path':'/spec/template/spec/containers/x','value':{}}]
      unknown op                    | [{'op':'merge','path':'/spec','value':{}}]
      missing op                    | [{'path':'/spec'}]
      missing path                  | [{'op':'add','value':1}]
      move without from             | [{'op':'move','path':'/spec'}]
      path without leading slash    | [{'op':'add','path':'spec/x','value':1}]
      null operation                | [null]
      second operation fails        | [{'op':'replace','path':'/spec/replicas','value':4},{'op':'test','path':'/spec/replicas','value':2}]
      """)
  void failingOperationsAre422(String description, String patch) {
    JsonNode original = json(DEPLOYMENT);
    JsonNode before = original.deepCopy();
    assertThatThrownBy(() -> JsonPatch.apply(original, json(patch)))
        .isInstanceOfSatisfying(ApiException.class, e -> {
          assertThat(e.code()).isEqualTo(422);
          assertThat(e.reason()).isEqualTo("Invalid");
          assertThat(e.getMessage()).isEqualTo("the server rejected our request due to an error in our request");
          assertThat(e.causes()).singleElement().satisfies(c -> assertThat(c.message()).isNotBlank());
        });
    assertThat(original).isEqualTo(before);
  }

  @Test
  void testComparesNumbersByValueWhateverTheirNodeType() {
    ObjectNode original = (ObjectNode) json(DEPLOYMENT);
    original.withObject("/metadata").put("generation", 7L); // a LongNode, as server code writes it
    assertThat(JsonPatch.apply(original, json("[{'op':'test','path':'/metadata/generation','value':7},"
        + "{'op':'test','path':'/spec/replicas','value':2.0},"
        + "{'op':'test','path':'/spec/template','value':{'spec':{'containers':[{'name':'web','image':'nginx:2'}]}}}]"))
        .at("/metadata/generation").asLong()).isEqualTo(7);
  }

  @Test
  void testOfNullPassesOnAMissingMemberAsJsonPatchV4() {
    JsonNode result = JsonPatch.apply(json(DEPLOYMENT),
        json("[{'op':'test','path':'/metadata/labels','value':null},{'op':'test','path':'/spec/paused'}]"));
    assertThat(result).isEqualTo(json(DEPLOYMENT));
    ApiException e = catchApi(() -> JsonPatch.apply(json(DEPLOYMENT),
        json("[{'op':'test','path':'/status/replicas','value':null}]")));
    assertThat(e.causes().get(0).message())
        .isEqualTo("test operation at index 0 does not apply to \"/status/replicas\": doc is missing path");
    ApiException differs = catchApi(() -> JsonPatch.apply(json(DEPLOYMENT),
        json("[{'op':'test','path':'/spec/replicas','value':null}]")));
    assertThat(differs.causes().get(0).message()).endsWith(": testing value failed");
  }

  @Test
  void theCauseNamesTheFailingOperation() {
    ApiException e = catchApi(() -> JsonPatch.apply(json(DEPLOYMENT),
        json("[{'op':'replace','path':'/spec/paused','value':true}]")));
    assertThat(e.causes().get(0).message())
        .isEqualTo("replace operation at index 0 does not apply to \"/spec/paused\": Missing field \"paused\"");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
      an object          | {'op':'add','path':'/a','value':1} | json: cannot unmarshal object into Go value of type jsonpatch.Patch
      a string           | 'x'                                | json: cannot unmarshal string into Go value of type jsonpatch.Patch
      a number element   | [1]                                | json: cannot unmarshal number into Go value of type jsonpatch.Operation
      an array element   | [[]]                               | json: cannot unmarshal array into Go value of type jsonpatch.Operation
      """)
  void undecodablePatchesAre400(String description, String patch, String message) {
    assertThatThrownBy(() -> JsonPatch.apply(json(DEPLOYMENT), json(patch)))
        .isInstanceOfSatisfying(ApiException.class, e -> {
          assertThat(e.code()).isEqualTo(400);
          assertThat(e.reason()).isEqualTo("BadRequest");
          assertThat(e.getMessage()).isEqualTo(message);
        });
  }

  @Test
  void operationLimitIsEnforcedAs413() {
    ArrayNode ops = JsonNodeFactory.instance.arrayNode();
    for (int i = 0; i <= JsonPatch.MAX_OPERATIONS; i++) {
      ops.addObject().put("op", "test").put("path", "/spec/replicas").put("value", 2);
    }
    assertThatThrownBy(() -> JsonPatch.apply(json(DEPLOYMENT), ops))
        .isInstanceOfSatisfying(ApiException.class, e -> {
          assertThat(e.code()).isEqualTo(413);
          assertThat(e.reason()).isEqualTo("RequestEntityTooLarge");
          assertThat(e.getMessage()).isEqualTo("Request entity too large: The allowed maximum operations in a "
              + "JSON patch is 10000, got 10001");
        });
    ops.remove(0);
    assertThat(JsonPatch.apply(json(DEPLOYMENT), ops).at("/spec/replicas").asInt()).isEqualTo(2);
  }

  @Test
  void resultSharesNothingMutableWithThePatch() {
    JsonNode ops = json("[{'op':'add','path':'/metadata/labels','value':{'a':'b'}}]");
    JsonNode result = JsonPatch.apply(json(DEPLOYMENT), ops);
    ((ObjectNode) ops.at("/0/value")).put("a", "changed");
    assertThat(result.at("/metadata/labels/a").asText()).isEqualTo("b");
  }

  private static ApiException catchApi(Runnable r) {
    try {
      r.run();
    } catch (ApiException e) {
      return e;
    }
    throw new AssertionError("expected an ApiException");
  }
}
