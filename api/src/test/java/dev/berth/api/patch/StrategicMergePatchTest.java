package dev.berth.api.patch;

import static dev.berth.api.patch.Json.json;
import static dev.berth.api.patch.Json.obj;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.berth.api.schema.Schema;
import dev.berth.api.status.ApiException;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class StrategicMergePatchTest {

  private static final Schema POD = TestSchemas.pod();
  private static final Schema DEPLOYMENT = TestSchemas.deployment();
  private static final Schema NODE = TestSchemas.node();

  /** A pod with something of every kind of list: merge by key, nested, primitive, atomic. */
  static final String POD_JSON = """
      {'apiVersion':'v1','kind':'Pod',
       'metadata':{'name':'p','namespace':'default','labels':{'app':'web'},'finalizers':['a','b','c']},
       'spec':{
         'containers':[
           {'name':'web','image':'nginx:1','ports':[{'containerPort':80,'protocol':'TCP'}],
            'env':[{'name':'A','value':'1'},{'name':'B','value':'2'}],'args':['--x','--y']},
           {'name':'sidecar','image':'envoy:1'}],
         'volumes':[{'name':'data','emptyDir':{}},{'name':'cfg','configMap':{'name':'c1'}}],
         'tolerations':[{'key':'k1','operator':'Exists'},{'key':'k2','operator':'Exists'}],
         'securityContext':{'runAsUser':1,'fsGroup':2},
         'restartPolicy':'Always'},
       'status':{'phase':'Running',
         'conditions':[{'type':'Ready','status':'False'},{'type':'Initialized','status':'True'}]}}""";

  static final String DEPLOYMENT_JSON = """
      {'apiVersion':'apps/v1','kind':'Deployment',
       'metadata':{'name':'d','namespace':'default','generation':3},
       'spec':{'replicas':2,
         'selector':{'matchLabels':{'app':'web'}},
         'strategy':{'type':'RollingUpdate','rollingUpdate':{'maxSurge':1,'maxUnavailable':0}},
         'template':{
           'metadata':{'labels':{'app':'web'}},
           'spec':{'containers':[{'name':'web','image':'nginx:1.24'},{'name':'sidecar','image':'envoy:1'}]}}}}""";

  private static final String NODE_JSON = """
      {'apiVersion':'v1','kind':'Node','metadata':{'name':'n1'},
       'spec':{'podCIDR':'10.0.0.0/24','taints':[{'key':'a','effect':'NoSchedule'}]}}""";

  /** The JSON at a pointer of the result; absent fields compare as the string MISSING. */
  static Stream<Arguments> podCases() {
    return Stream.of(
        Arguments.of("kubectl apply: changed image, $setElementOrder lists both containers",
            "{'spec':{'$setElementOrder/containers':[{'name':'web'},{'name':'sidecar'}],"
                + "'containers':[{'image':'nginx:2','name':'web'}]}}",
            "/spec/containers",
            "[{'name':'web','image':'nginx:2','ports':[{'containerPort':80,'protocol':'TCP'}],"
                + "'env':[{'name':'A','value':'1'},{'name':'B','value':'2'}],'args':['--x','--y']},"
                + "{'name':'sidecar','image':'envoy:1'}]"),
        Arguments.of("merging a known element keeps the server's order",
            "{'spec':{'containers':[{'name':'sidecar','image':'envoy:2'}]}}",
            "/spec/containers/1", "{'name':'sidecar','image':'envoy:2'}"),
        Arguments.of("a new element without $setElementOrder goes first, as upstream puts it",
            "{'spec':{'containers':[{'name':'debug','image':'busybox'}]}}",
            "/spec/containers", "[{'name':'debug','image':'busybox'},"
                + "{'name':'web','image':'nginx:1','ports':[{'containerPort':80,'protocol':'TCP'}],"
                + "'env':[{'name':'A','value':'1'},{'name':'B','value':'2'}],'args':['--x','--y']},"
                + "{'name':'sidecar','image':'envoy:1'}]"),
        Arguments.of("a new element goes where $setElementOrder puts it",
            "{'spec':{'$setElementOrder/containers':[{'name':'web'},{'name':'sidecar'},{'name':'debug'}],"
                + "'containers':[{'image':'busybox','name':'debug'}]}}",
            "/spec/containers/2", "{'name':'debug','image':'busybox'}"),
        Arguments.of("$setElementOrder alone reorders",
            "{'spec':{'$setElementOrder/containers':[{'name':'sidecar'},{'name':'web'}]}}",
            "/spec/containers/0/name", "'sidecar'"),
        Arguments.of("$setElementOrder may name elements that exist nowhere",
            "{'spec':{'$setElementOrder/containers':[{'name':'sidecar'},{'name':'ghost'},{'name':'web'}]}}",
            "/spec/containers/1/name", "'web'"),
        Arguments.of("kubectl apply deletes an element with $patch: delete",
            "{'spec':{'$setElementOrder/containers':[{'name':'web'}],"
                + "'containers':[{'$patch':'delete','name':'sidecar'}]}}",
            "/spec/containers/1", "MISSING"),
        Arguments.of("$patch: replace in a list keeps only the patch's elements",
            "{'spec':{'containers':[{'$patch':'replace'},{'name':'only','image':'x'}]}}",
            "/spec/containers", "[{'name':'only','image':'x'}]"),
        Arguments.of("$patch: replace alone empties the list",
            "{'spec':{'containers':[{'$patch':'replace'}]}}",
            "/spec/containers", "[]"),
        Arguments.of("nested merge list: env by name, the new entry after the changed one",
            "{'spec':{'containers':[{'name':'web','env':[{'name':'B','value':'3'},{'name':'C','value':'4'}]}]}}",
            "/spec/containers/0/env",
            "[{'name':'A','value':'1'},{'name':'B','value':'3'},{'name':'C','value':'4'}]"),
        Arguments.of("nested: null removes a member of a list element",
            "{'spec':{'containers':[{'name':'web','env':[{'name':'A','value':null,"
                + "'valueFrom':{'fieldRef':{'fieldPath':'metadata.name'}}}]}]}}",
            "/spec/containers/0/env",
            "[{'name':'A','valueFrom':{'fieldRef':{'fieldPath':'metadata.name'}}},{'name':'B','value':'2'}]"),
        Arguments.of("nested: ports merge by containerPort, the new one first without order directive",
            "{'spec':{'containers':[{'name':'web','ports':[{'containerPort':8080,'name':'alt'}]}]}}",
            "/spec/containers/0/ports",
            "[{'containerPort':8080,'name':'alt'},{'containerPort':80,'protocol':'TCP'}]"),
        Arguments.of("nested: $setElementOrder inside a list element",
            "{'spec':{'containers':[{'name':'web','$setElementOrder/ports':[{'containerPort':80},"
                + "{'containerPort':8080}],'ports':[{'containerPort':8080,'name':'alt'}]}]}}",
            "/spec/containers/0/ports",
            "[{'containerPort':80,'protocol':'TCP'},{'containerPort':8080,'name':'alt'}]"),
        Arguments.of("a list without patch strategy (args) is replaced",
            "{'spec':{'containers':[{'name':'web','args':['--z']}]}}",
            "/spec/containers/0/args", "['--z']"),
        Arguments.of("tolerations have no strategy: replaced",
            "{'spec':{'tolerations':[{'key':'k3','operator':'Exists'}]}}",
            "/spec/tolerations", "[{'key':'k3','operator':'Exists'}]"),
        Arguments.of("$retainKeys in a volume switches its source",
            "{'spec':{'volumes':[{'$retainKeys':['configMap','name'],'configMap':{'name':'c2'},'name':'data'}]}}",
            "/spec/volumes", "[{'name':'data','configMap':{'name':'c2'}},{'name':'cfg','configMap':{'name':'c1'}}]"),
        Arguments.of("$patch: replace on a map",
            "{'spec':{'securityContext':{'$patch':'replace','runAsUser':1000}}}",
            "/spec/securityContext", "{'runAsUser':1000}"),
        Arguments.of("$patch: delete on a map leaves it empty",
            "{'spec':{'securityContext':{'$patch':'delete'}}}",
            "/spec/securityContext", "{}"),
        Arguments.of("null deletes a field",
            "{'spec':{'restartPolicy':null}}", "/spec/restartPolicy", "MISSING"),
        Arguments.of("null for an absent field is ignored",
            "{'spec':{'nodeName':null}}", "/spec/nodeName", "MISSING"),
        Arguments.of("maps merge; null deletes a key",
            "{'metadata':{'labels':{'tier':'fe','app':null}}}", "/metadata/labels", "{'tier':'fe'}"),
        Arguments.of("scalar list with merge strategy is a union, new values first",
            "{'metadata':{'finalizers':['d','b']}}", "/metadata/finalizers", "['d','a','b','c']"),
        Arguments.of("$deleteFromPrimitiveList removes values, unknown ones are ignored",
            "{'metadata':{'$deleteFromPrimitiveList/finalizers':['b','zz']}}",
            "/metadata/finalizers", "['a','c']"),
        Arguments.of("kubectl apply on finalizers: order, deletion and addition together",
            "{'metadata':{'$setElementOrder/finalizers':['a','c','d'],"
                + "'$deleteFromPrimitiveList/finalizers':['b'],'finalizers':['d']}}",
            "/metadata/finalizers", "['a','c','d']"),
        Arguments.of("$deleteFromPrimitiveList works on a list without merge strategy",
            "{'spec':{'containers':[{'name':'web','$deleteFromPrimitiveList/args':['--x']}]}}",
            "/spec/containers/0/args", "['--y']"),
        Arguments.of("$deleteFromPrimitiveList of an absent list adds nothing",
            "{'spec':{'containers':[{'name':'sidecar','$deleteFromPrimitiveList/args':['x']}]}}",
            "/spec/containers/1/args", "MISSING"),
        Arguments.of("$deleteFromPrimitiveList: null deletes the whole list, as upstream",
            "{'metadata':{'$deleteFromPrimitiveList/finalizers':null}}", "/metadata/finalizers", "MISSING"),
        Arguments.of("a new map loses its null members",
            "{'spec':{'nodeSelector':{'disk':'ssd','zone':null}}}",
            "/spec/nodeSelector", "{'disk':'ssd'}"),
        Arguments.of("a new field whose value carries $patch is dropped, as upstream",
            "{'spec':{'nodeSelector':{'$patch':'replace','disk':'ssd'}}}", "/spec/nodeSelector", "MISSING"),
        Arguments.of("an appended element loses nulls and directive keys",
            "{'spec':{'containers':[{'name':'debug','image':'busybox','imagePullPolicy':null,"
                + "'$setElementOrder/ports':[{'containerPort':1}],'ports':[{'containerPort':1}]}]}}",
            "/spec/containers/0", "{'name':'debug','image':'busybox','ports':[{'containerPort':1}]}"),
        Arguments.of("a value of another type replaces",
            "{'spec':{'securityContext':'none'}}", "/spec/securityContext", "'none'"),
        Arguments.of("status conditions merge by type",
            "{'status':{'conditions':[{'type':'Ready','status':'True'}]}}",
            "/status/conditions", "[{'type':'Ready','status':'True'},{'type':'Initialized','status':'True'}]"),
        Arguments.of("$setElementOrder of a list absent everywhere does nothing",
            "{'spec':{'$setElementOrder/initContainers':[{'name':'x'}]}}", "/spec/initContainers", "MISSING"),
        Arguments.of("$setElementOrder with a list only in the patch",
            "{'spec':{'$setElementOrder/initContainers':[{'name':'b'},{'name':'a'}],"
                + "'initContainers':[{'name':'b','image':'j'},{'name':'a','image':'i'}]}}",
            "/spec/initContainers", "[{'name':'b','image':'j'},{'name':'a','image':'i'}]"),
        Arguments.of("fields the schema does not know: maps merge",
            "{'spec':{'extra':{'x':1}}}", "/spec/extra", "{'x':1}"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("podCases")
  void podPatches(String description, String patch, String pointer, String expected) {
    JsonNode result = applyChecked(POD_JSON, patch, POD);
    JsonNode actual = result.at(pointer);
    if (expected.equals("MISSING")) {
      assertThat(actual.isMissingNode()).as("%s absent in %s", pointer, result).isTrue();
    } else {
      assertThat(actual).as("%s of %s", pointer, result).isEqualTo(json(expected));
    }
    assertNoDirectives(result);
  }

  static Stream<Arguments> kubectlCases() {
    return Stream.of(
        Arguments.of("kubectl set image", DEPLOYMENT_JSON, DEPLOYMENT,
            "{'spec':{'template':{'spec':{'$setElementOrder/containers':[{'name':'web'},{'name':'sidecar'}],"
                + "'containers':[{'image':'nginx:1.25','name':'web'}]}}}}",
            "/spec/template/spec/containers",
            "[{'name':'web','image':'nginx:1.25'},{'name':'sidecar','image':'envoy:1'}]"),
        Arguments.of("kubectl rollout restart", DEPLOYMENT_JSON, DEPLOYMENT,
            "{'spec':{'template':{'metadata':{'annotations':"
                + "{'kubectl.kubernetes.io/restartedAt':'2025-01-01T00:00:00Z'}}}}}",
            "/spec/template/metadata",
            "{'labels':{'app':'web'},'annotations':{'kubectl.kubernetes.io/restartedAt':'2025-01-01T00:00:00Z'}}"),
        Arguments.of("kubectl scale sent as SMP", DEPLOYMENT_JSON, DEPLOYMENT,
            "{'spec':{'replicas':5}}", "/spec/replicas", "5"),
        Arguments.of("kubectl rollout pause", DEPLOYMENT_JSON, DEPLOYMENT,
            "{'spec':{'paused':true}}", "/spec/paused", "true"),
        Arguments.of("kubectl apply switching to Recreate: $retainKeys drops rollingUpdate",
            DEPLOYMENT_JSON, DEPLOYMENT,
            "{'spec':{'strategy':{'$retainKeys':['type'],'rollingUpdate':null,'type':'Recreate'}}}",
            "/spec/strategy", "{'type':'Recreate'}"),
        Arguments.of("retainKeys strategy without the directive still merges", DEPLOYMENT_JSON, DEPLOYMENT,
            "{'spec':{'strategy':{'rollingUpdate':{'maxSurge':'25%'}}}}",
            "/spec/strategy", "{'type':'RollingUpdate','rollingUpdate':{'maxSurge':'25%','maxUnavailable':0}}"),
        Arguments.of("matchExpressions have no strategy: replaced", DEPLOYMENT_JSON, DEPLOYMENT,
            "{'spec':{'selector':{'matchExpressions':[{'key':'tier','operator':'Exists'}]}}}",
            "/spec/selector",
            "{'matchLabels':{'app':'web'},'matchExpressions':[{'key':'tier','operator':'Exists'}]}"),
        Arguments.of("kubectl cordon", NODE_JSON, NODE,
            "{'spec':{'unschedulable':true}}", "/spec/unschedulable", "true"),
        Arguments.of("kubectl uncordon", "{'spec':{'unschedulable':true,'podCIDR':'x'}}", NODE,
            "{'spec':{'unschedulable':null}}", "/spec", "{'podCIDR':'x'}"),
        Arguments.of("node taints have no strategy: replaced", NODE_JSON, NODE,
            "{'spec':{'taints':[{'key':'b','effect':'NoExecute'}]}}",
            "/spec/taints", "[{'key':'b','effect':'NoExecute'}]"),
        Arguments.of("kubectl label sent as SMP by a client", NODE_JSON, NODE,
            "{'metadata':{'labels':{'zone':'a'}}}", "/metadata/labels", "{'zone':'a'}"),
        Arguments.of("ownerReferences merge by uid", "{'metadata':{'ownerReferences':"
                + "[{'uid':'1','kind':'ReplicaSet','name':'rs1'},{'uid':'2','kind':'ReplicaSet','name':'rs2'}]}}",
            POD, "{'metadata':{'ownerReferences':[{'uid':'2','controller':true}]}}",
            "/metadata/ownerReferences", "[{'uid':'1','kind':'ReplicaSet','name':'rs1'},"
                + "{'uid':'2','kind':'ReplicaSet','name':'rs2','controller':true}]"),
        Arguments.of("no schema at all: lists are replaced, maps merge",
            "{'spec':{'containers':[{'name':'a'}],'m':{'x':1,'y':2}}}", null,
            "{'spec':{'containers':[{'name':'b'}],'m':{'y':null,'z':3}}}",
            "/spec", "{'containers':[{'name':'b'}],'m':{'x':1,'z':3}}"),
        Arguments.of("a subtree unknown to the schema has no strategy",
            "{'spec':{'extra':{'list':[1,2],'keep':true}}}", POD,
            "{'spec':{'extra':{'list':[3]}}}", "/spec/extra", "{'list':[3],'keep':true}"),
        Arguments.of("duplicate keys on the server: $patch delete removes all of them",
            "{'spec':{'containers':[{'name':'a','image':'1'},{'name':'a','image':'2'},{'name':'b'}]}}", POD,
            "{'spec':{'containers':[{'$patch':'delete','name':'a'}]}}",
            "/spec/containers", "[{'name':'b'}]"),
        Arguments.of("duplicate keys on the server: the first one is merged",
            "{'spec':{'containers':[{'name':'a','image':'1'},{'name':'a','image':'2'},{'name':'b'}]}}", POD,
            "{'spec':{'containers':[{'name':'a','tty':true}]}}",
            "/spec/containers", "[{'name':'a','image':'1','tty':true},{'name':'a','image':'2'},{'name':'b'}]"),
        Arguments.of("large integer merge keys",
            "{'spec':{'containers':[{'name':'c','ports':[{'containerPort':9000000000},{'containerPort':80}]}]}}",
            POD, "{'spec':{'containers':[{'name':'c','ports':[{'containerPort':9000000000,'name':'big'}]}]}}",
            "/spec/containers/0/ports", "[{'containerPort':9000000000,'name':'big'},{'containerPort':80}]"),
        Arguments.of("empty merge lists stay empty", "{'metadata':{'finalizers':[]}}", POD,
            "{'metadata':{'finalizers':[]}}", "/metadata/finalizers", "[]"),
        Arguments.of("a union with overlapping values takes the patch's order",
            "{'metadata':{'finalizers':['x']}}", POD,
            "{'metadata':{'finalizers':['x','y']}}", "/metadata/finalizers", "['x','y']"),
        Arguments.of("preserve the server's place of elements the patch does not mention",
            "{'metadata':{'finalizers':['1','2','3']}}", POD,
            "{'metadata':{'finalizers':['3','1']}}", "/metadata/finalizers", "['2','3','1']"),
        Arguments.of("the patch's order wins for the elements it mentions",
            "{'spec':{'containers':[{'name':'1'},{'name':'2','image':'b'},{'name':'3'}]}}", POD,
            "{'spec':{'containers':[{'name':'3','image':'c'},{'name':'1','image':'a'}]}}",
            "/spec/containers",
            "[{'name':'2','image':'b'},{'name':'3','image':'c'},{'name':'1','image':'a'}]"),
        Arguments.of("$setElementOrder of scalars naming values the list lacks",
            "{'metadata':{'finalizers':['1','3']}}", POD,
            "{'metadata':{'$setElementOrder/finalizers':['3','2','1']}}", "/metadata/finalizers", "['3','1']"),
        Arguments.of("a list of maps without patch strategy can be ordered by $setElementOrder",
            "{'spec':{'tolerations':[{'key':'a'},{'key':'b'}]}}", POD,
            "{'spec':{'$setElementOrder/tolerations':[{'key':'b'},{'key':'a'}],"
                + "'tolerations':[{'key':'b'},{'key':'a'}]}}",
            "/spec/tolerations", "[{'key':'b'},{'key':'a'}]"),
        Arguments.of("a top-level $patch: replace replaces the whole object",
            "{'metadata':{'name':'x'},'spec':{'nodeName':'n'}}", POD,
            "{'$patch':'replace','metadata':{'name':'y'}}", "", "{'metadata':{'name':'y'}}"),
        Arguments.of("a top-level $patch: delete empties the object",
            "{'metadata':{'name':'x'}}", POD, "{'$patch':'delete'}", "", "{}"),
        Arguments.of("null values the server has are kept", "{'thing':null}", POD,
            "{'nested':{'value':5}}", "", "{'thing':null,'nested':{'value':5}}"),
        Arguments.of("a new list of maps loses null members of its elements", "{}", POD,
            "{'spec':{'tolerations':[{'key':'a','value':null}]}}", "/spec/tolerations", "[{'key':'a'}]"),
        Arguments.of("nulls in a new list of scalars are kept", "{}", POD,
            "{'spec':{'containers':[{'name':'c','args':['a',null,'b']}]}}",
            "/spec/containers/0/args", "['a',null,'b']"),
        Arguments.of("an empty patch list merges nothing into a merge list", POD_JSON, POD,
            "{'spec':{'containers':[]}}", "/spec/containers/1/name", "'sidecar'"),
        Arguments.of("an empty patch list replaces a list without strategy", POD_JSON, POD,
            "{'spec':{'tolerations':[]}}", "/spec/tolerations", "[]"),
        Arguments.of("a JSON null patch changes nothing", "{'a':1}", POD, "null", "", "{'a':1}"),
        Arguments.of("an empty patch changes nothing", "{'a':[1]}", POD, "{}", "", "{'a':[1]}"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("kubectlCases")
  void kubectlAndEdgePatches(String description, String original, Schema schema, String patch, String pointer,
      String expected) {
    JsonNode result = applyChecked(original, patch, schema);
    assertThat(result.at(pointer)).as("%s of %s", pointer, result).isEqualTo(json(expected));
    assertNoDirectives(result);
  }

  @Test
  void kubectlApplyFromTheApiContract() {
    // the exact body observed from kubectl 1.32 client-side apply on a pod
    String patch = "{'metadata':{'annotations':{'kubectl.kubernetes.io/last-applied-configuration':"
        + "'{\\'spec\\':{}}'}},'spec':{'$setElementOrder/containers':[{'name':'c'}],"
        + "'containers':[{'image':'nginx:2','name':'c'}]}}";
    JsonNode result = applyChecked(
        "{'metadata':{'name':'p','uid':'u1'},'spec':{'containers':[{'name':'c','image':'nginx:1',"
            + "'imagePullPolicy':'IfNotPresent'}],'restartPolicy':'Always'}}", patch, POD);
    assertThat(result).isEqualTo(json("{'metadata':{'name':'p','uid':'u1','annotations':"
        + "{'kubectl.kubernetes.io/last-applied-configuration':'{\\'spec\\':{}}'}},"
        + "'spec':{'containers':[{'name':'c','image':'nginx:2','imagePullPolicy':'IfNotPresent'}],"
        + "'restartPolicy':'Always'}}"));
  }

  @Test
  void mergeKeysOfDifferentNodeTypesMatch() {
    ObjectNode original = obj("{'spec':{'containers':[{'name':'c','ports':[{'containerPort':80}]}]}}");
    ((ObjectNode) original.at("/spec/containers/0/ports/0")).set("containerPort", LongNode.valueOf(80));
    JsonNode result = StrategicMergePatch.apply(original,
        json("{'spec':{'containers':[{'name':'c','ports':[{'containerPort':80,'name':'http'}]}]}}"), POD);
    assertThat(result.at("/spec/containers/0/ports")).hasSize(1);
    assertThat(result.at("/spec/containers/0/ports/0/name").asText()).isEqualTo("http");
  }

  @Test
  void integerAndFloatAreDifferentTypesAsInGo() {
    assertThatThrownBy(() -> StrategicMergePatch.apply(json("{'metadata':{'finalizers':[1]}}"),
        json("{'metadata':{'finalizers':[1.5]}}"), POD))
        .isInstanceOfSatisfying(ApiException.class, e -> {
          assertThat(e.code()).isEqualTo(500);
          assertThat(e.getMessage()).isEqualTo("list element types are not identical: [[1] [1.5]]");
        });
  }

  @Test
  void resultSharesNothingMutableWithTheInputs() {
    ObjectNode original = obj(POD_JSON);
    ObjectNode patch = obj("{'spec':{'containers':[{'name':'debug','env':[{'name':'X','value':'1'}]}],"
        + "'nodeSelector':{'a':'b'}},'metadata':{'labels':{'x':'y'}}}");
    ObjectNode result = StrategicMergePatch.apply(original, patch, POD);
    result.withObject("/metadata").put("name", "changed");
    result.withObject("/metadata/labels").put("app", "changed");
    result.withObject("/spec/nodeSelector").put("a", "changed");
    ((ObjectNode) result.at("/spec/containers/0/env/0")).put("value", "changed");
    ((ObjectNode) result.at("/spec/containers/1")).put("image", "changed");
    assertThat(original).isEqualTo(obj(POD_JSON));
    assertThat(patch.at("/spec/nodeSelector/a").asText()).isEqualTo("b");
    assertThat(patch.at("/spec/containers/0/env/0/value").asText()).isEqualTo("1");
  }

  @Test
  void applyInPlaceMutatesAndReturnsTheTarget() {
    ObjectNode target = obj("{'spec':{'replicas':1}}");
    ObjectNode result = StrategicMergePatch.applyInPlace(target, json("{'spec':{'replicas':2}}"), DEPLOYMENT);
    assertThat(result).isSameAs(target);
    assertThat(target.at("/spec/replicas").asInt()).isEqualTo(2);
  }

  @Test
  void missingOriginalIsAnEmptyObject() {
    assertThat(StrategicMergePatch.apply(null, json("{'a':{'b':null,'c':1}}"), null))
        .isEqualTo(json("{'a':{'c':1}}"));
  }

  @Test
  void replaceStrategyOnAMapReplacesIt() {
    Schema schema = TestSchemas.object("m", TestSchemas.object().patchStrategy("replace"));
    assertThat(StrategicMergePatch.apply(json("{'m':{'a':1,'b':2}}"), json("{'m':{'b':3,'c':null}}"), schema))
        .isEqualTo(json("{'m':{'b':3}}"));
  }

  @Test
  void strategiesAreReadLikeUpstreamTags() {
    assertThat(StrategicMergePatch.strategy(null)).isEmpty();
    assertThat(StrategicMergePatch.strategy("retainKeys")).isEmpty();
    assertThat(StrategicMergePatch.strategy("merge,retainKeys")).isEqualTo("merge");
    assertThat(StrategicMergePatch.strategy("retainKeys,replace")).isEqualTo("replace");
    assertThat(StrategicMergePatch.strategy("replace")).isEqualTo("replace");
  }

  @Test
  void aTypicalDeploymentPatchTakesMicroseconds() {
    ObjectNode deployment = obj(DEPLOYMENT_JSON);
    JsonNode patch = json("{'metadata':{'annotations':{'kubectl.kubernetes.io/last-applied-configuration':'x'}},"
        + "'spec':{'template':{'spec':{'$setElementOrder/containers':[{'name':'web'},{'name':'sidecar'}],"
        + "'containers':[{'image':'nginx:1.25','name':'web'}]}}}}");
    int rounds = 20_000;
    for (int i = 0; i < rounds; i++) { // warm up
      StrategicMergePatch.apply(deployment, patch, DEPLOYMENT);
    }
    long start = System.nanoTime();
    for (int i = 0; i < rounds; i++) {
      StrategicMergePatch.apply(deployment, patch, DEPLOYMENT);
    }
    long perPatchNanos = (System.nanoTime() - start) / rounds;
    // generous against noisy shared machines; measured well under 10 microseconds
    assertThat(perPatchNanos).isLessThan(200_000);
  }

  private static JsonNode applyChecked(String original, String patch, Schema schema) {
    JsonNode o = json(original);
    JsonNode p = json(patch);
    JsonNode oCopy = o.deepCopy();
    JsonNode pCopy = p.deepCopy();
    JsonNode result = StrategicMergePatch.apply(o, p, schema);
    assertThat(o).as("original untouched").isEqualTo(oCopy);
    assertThat(p).as("patch untouched").isEqualTo(pCopy);
    return result;
  }

  /** No directive may leak into a stored object. */
  private static void assertNoDirectives(JsonNode node) {
    if (node.isObject()) {
      node.properties().forEach(e -> {
        assertThat(e.getKey()).as("directive key in result").doesNotStartWith("$");
        assertNoDirectives(e.getValue());
      });
    } else if (node.isArray()) {
      node.forEach(StrategicMergePatchTest::assertNoDirectives);
    }
  }
}
