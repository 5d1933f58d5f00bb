package dev.berth.api.patch;

import static dev.berth.api.patch.Json.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.api.schema.Schema;
import dev.berth.api.status.ApiException;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Strategic merge patches kube-apiserver refuses, with the status code, reason and message it uses. */
class StrategicMergePatchRefusalsTest {

  private static final Schema POD = TestSchemas.pod();
  private static final Schema DEPLOYMENT = TestSchemas.deployment();
  private static final String POD_JSON = StrategicMergePatchTest.POD_JSON;
  private static final String DEPLOYMENT_JSON = StrategicMergePatchTest.DEPLOYMENT_JSON;

  static Stream<Arguments> refusals() {
    return Stream.of(
        // 400: the body is not an object
        Arguments.of("{'a':1}", "[1]", 400, "BadRequest",
            "json: cannot unmarshal array into Go value of type map[string]interface {}"),
        Arguments.of("{'a':1}", "'x'", 400, "BadRequest",
            "json: cannot unmarshal string into Go value of type map[string]interface {}"),
        Arguments.of("{'a':1}", "3", 400, "BadRequest",
            "json: cannot unmarshal number into Go value of type map[string]interface {}"),
        // 400: malformed directives
        Arguments.of(POD_JSON, "{'metadata':{'$deleteFromPrimitiveListfinalizers':['a']}}", 400, "BadRequest",
            "invalid patch format of primitive list"),
        Arguments.of(POD_JSON, "{'spec':{'$setElementOrderX/containers':[{'name':'web'}]}}", 400,
            "BadRequest", "invalid patch format of setElementOrder list"),
        Arguments.of(POD_JSON, "{'spec':{'$setElementOrder':[{'name':'web'}]}}", 400,
            "BadRequest", "invalid patch format of setElementOrder list"),
        Arguments.of(DEPLOYMENT_JSON, "{'spec':{'strategy':{'$retainKeys':'type','type':'Recreate'}}}", 400,
            "BadRequest", "invalid patch format of retainKeys"),
        Arguments.of(DEPLOYMENT_JSON, "{'spec':{'strategy':{'$retainKeys':['type'],"
            + "'rollingUpdate':{'maxSurge':2}}}}", 400, "BadRequest", "invalid patch format of retainKeys"),
        // 422: lists of lists
        Arguments.of("{'metadata':{'finalizers':[]}}", "{'metadata':{'finalizers':[['x']]}}", 422, "Invalid",
            "the server rejected our request due to an error in our request"),
        // 500, unclassified upstream
        Arguments.of(POD_JSON, "{'spec':{'containers':[{'image':'x'}]}}", 500, "",
            "map: map[image:x] does not contain declared merge key: name"),
        Arguments.of(POD_JSON, "{'spec':{'containers':[{'$patch':'delete','image':'x'}]}}", 500, "",
            "map: map[$patch:delete image:x] does not contain declared merge key: name"),
        Arguments.of("{'spec':{'containers':[{'image':'x'}]}}", "{'spec':{'containers':[{'name':'a'}]}}",
            500, "", "map: map[image:x] does not contain declared merge key: name"),
        Arguments.of(POD_JSON, "{'spec':{'securityContext':{'$patch':'merge','runAsUser':1}}}", 500, "",
            "unknown patch type: merge in map: map[$patch:merge runAsUser:1]"),
        Arguments.of(POD_JSON, "{'spec':{'securityContext':{'$patch':true}}}", 500, "",
            "unknown patch type: %!s(bool=true) in map: map[$patch:true]"),
        Arguments.of(POD_JSON, "{'spec':{'containers':[{'$patch':'merge'}]}}", 500, "",
            "merging lists cannot yet be specified in the patch"),
        Arguments.of(POD_JSON, "{'spec':{'containers':[{'$patch':'foo','name':'web'}]}}", 500, "",
            "unknown patch type: foo in map: map[$patch:foo name:web]"),
        Arguments.of(POD_JSON, "{'spec':{'$setElementOrder/containers':[{'name':'web'},{'name':'sidecar'}],"
                + "'containers':[{'name':'sidecar'},{'name':'web'}]}}", 500, "",
            "The order in patch list:\n[map[name:sidecar] map[name:web]]\n doesn't match $setElementOrder "
                + "list:\n[map[name:web] map[name:sidecar]]\n"),
        Arguments.of(POD_JSON, "{'spec':{'$setElementOrder/containers':'web'}}", 500, "",
            "expected a []interface {}, but received a string"),
        Arguments.of(POD_JSON, "{'spec':{'$setElementOrder/containers':[{'name':'web'}],'containers':null}}",
            500, "", "expected a []interface {}, but received a <nil>"),
        Arguments.of(POD_JSON, "{'spec':{'$setElementOrder/containers':[{'image':'x'}]}}", 500, "",
            "map: map[image:x] does not contain declared merge key: name"),
        Arguments.of(POD_JSON, "{'metadata':{'finalizers':[1]}}", 500, "",
            "list element types are not identical: [[a b c] [1]]"));
  }

  @ParameterizedTest(name = "{1}")
  @MethodSource("refusals")
  void refusedAsUpstream(String original, String patch, int code, String reason, String message) {
    Schema schema = original.contains("Deployment") ? DEPLOYMENT : POD;
    assertThatThrownBy(() -> StrategicMergePatch.apply(json(original), json(patch), schema))
        .isInstanceOfSatisfying(ApiException.class, e -> {
          assertThat(e.code()).isEqualTo(code);
          assertThat(e.reason()).isEqualTo(reason);
          assertThat(e.getMessage()).isEqualTo(message);
        });
  }

  @Test
  void unclassifiedErrorsCarryNoReasonInTheStatus() {
    ApiException e = catchApi(() -> StrategicMergePatch.apply(json(POD_JSON),
        json("{'spec':{'containers':[{'image':'x'}]}}"), POD));
    assertThat(e.toStatus()).isEqualTo(json("{'kind':'Status','apiVersion':'v1','metadata':{},"
        + "'status':'Failure','message':'map: map[image:x] does not contain declared merge key: name',"
        + "'code':500}"));
  }

  @Test
  void listsOfListsKeepTheReasonAsCause() {
    ApiException e = catchApi(() -> StrategicMergePatch.apply(json("{'metadata':{'finalizers':[]}}"),
        json("{'metadata':{'finalizers':[['x']]}}"), POD));
    assertThat(e.causes()).singleElement()
        .satisfies(c -> assertThat(c.message()).isEqualTo("lists of lists are not supported"));
  }

  @Test
  void mergeStrategyWithoutMergeKeyOnObjectsIsRefused() {
    Schema schema = TestSchemas.object("items",
        Schema.array(TestSchemas.object("a", TestSchemas.str())).patchStrategy("merge"));
    ApiException e = catchApi(() -> StrategicMergePatch.apply(json("{'items':[{'a':'1'}]}"),
        json("{'items':[{'a':'2'}]}"), schema));
    assertThat(e.code()).isEqualTo(500);
    assertThat(e.getMessage()).isEqualTo("cannot merge lists without merge key for struct");
  }

  @Test
  void unexpectedStrategyInTheSchemaIsRefused() {
    Schema schema = TestSchemas.object("m", TestSchemas.object().patchStrategy("merge,replace"));
    ApiException e = catchApi(() -> StrategicMergePatch.apply(json("{'m':{'a':1}}"),
        json("{'m':{'b':1}}"), schema));
    assertThat(e.getMessage()).isEqualTo("unexpected patch strategy: [merge replace]");
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
