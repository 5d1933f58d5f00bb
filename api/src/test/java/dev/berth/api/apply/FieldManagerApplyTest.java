package dev.berth.api.apply;

import static dev.berth.api.apply.TestSchemas.json;
import static dev.berth.api.apply.TestSchemas.obj;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.berth.api.apply.ManagedFields.Operation;
import dev.berth.api.schema.Schema;
import dev.berth.api.status.ApiException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Server-side apply as kubectl and controllers use it (k8s-api-contract §6). */
class FieldManagerApplyTest {

  private final TestClock clock = new TestClock("2024-05-01T10:00:00Z");
  private final FieldManager fm = new FieldManager(clock);
  private final Schema deploy = TestSchemas.deployment();

  private static final String HEAD = "'apiVersion':'apps/v1','kind':'Deployment','metadata':{'name':'web',"
      + "'namespace':'default'";

  private static final String CONFIG = "{" + HEAD + ",'labels':{'app':'web'}},'spec':{'replicas':3,"
      + "'selector':{'matchLabels':{'app':'web'}},'template':{'metadata':{'labels':{'app':'web'}},'spec':"
      + "{'containers':[{'name':'nginx','image':'nginx:1.25','ports':[{'containerPort':80}]}]}}}}";

  /** A configuration with the object's identity, more metadata and a body (either may be empty). */
  private static ObjectNode cfg(String metadataTail, String body) {
    return obj("{" + HEAD + metadataTail + "}" + (body.isEmpty() ? "" : "," + body) + "}");
  }

  private static ObjectNode partial(String body) {
    return cfg("", body);
  }

  private ApplyResult apply(ObjectNode live, ObjectNode config, String manager, boolean force) {
    return fm.apply(live, config, manager, force, "apps/v1", deploy);
  }

  /** Applies and stores: the returned object is what the server would keep. */
  private ObjectNode applied(ObjectNode live, ObjectNode config, String manager) {
    ApplyResult r = apply(live, config, manager, false);
    assertThat(r).as("apply by %s", manager).isInstanceOf(ApplyResult.Applied.class);
    return stored(((ApplyResult.Applied) r).object());
  }

  private static ObjectNode stored(ObjectNode o) {
    ObjectNode meta = (ObjectNode) o.get("metadata");
    if (!meta.has("uid")) {
      meta.put("uid", "u-1");
    }
    meta.put("resourceVersion", String.valueOf(meta.path("resourceVersion").asInt(0) + 1));
    return o;
  }

  private static List<Conflict> conflicts(ApplyResult r) {
    assertThat(r).isInstanceOf(ApplyResult.Conflicted.class);
    return ((ApplyResult.Conflicted) r).conflicts();
  }

  private static FieldSet owned(JsonNode o, String manager) {
    for (JsonNode e : o.path("metadata").path("managedFields")) {
      if (e.path("manager").asText().equals(manager)) {
        return FieldSet.fromJson(e.get("fieldsV1"));
      }
    }
    return FieldSet.empty();
  }

  private static ObjectNode withoutManagedFields(JsonNode o) {
    ObjectNode copy = (ObjectNode) o.deepCopy();
    ((ObjectNode) copy.get("metadata")).remove("managedFields");
    return copy;
  }

  private ObjectNode update(ObjectNode live, String manager, String pointer, JsonNode value) {
    ObjectNode next = live.deepCopy();
    int slash = pointer.lastIndexOf('/');
    ((ObjectNode) next.at(pointer.substring(0, slash))).set(pointer.substring(slash + 1), value);
    return stored(fm.update(live, next, manager, "", "apps/v1", deploy));
  }

  // ---------------------------------------------------------------------------------------------

  @Test
  void applyCreatesTheObject() {
    ApplyResult r = apply(null, obj(CONFIG), "kubectl", false);
    assertThat(r).isInstanceOf(ApplyResult.Applied.class);
    ApplyResult.Applied a = (ApplyResult.Applied) r;
    assertThat(a.changed()).isTrue();
    assertThat(withoutManagedFields(a.object())).isEqualTo(obj(CONFIG));
    assertThat(a.object().at("/metadata/managedFields")).isEqualTo(json("[{'manager':'kubectl',"
        + "'operation':'Apply','apiVersion':'apps/v1','time':'2024-05-01T10:00:00Z','fieldsType':'FieldsV1',"
        + "'fieldsV1':{'f:metadata':{'f:labels':{'f:app':{}}},'f:spec':{'f:replicas':{},'f:selector':{},"
        + "'f:template':{'f:metadata':{'f:labels':{'f:app':{}}},'f:spec':{'f:containers':{"
        + "'k:{\\'name\\':\\'nginx\\'}':{'.':{},'f:image':{},'f:name':{},'f:ports':{"
        + "'k:{\\'containerPort\\':80,\\'protocol\\':\\'TCP\\'}':{'.':{},'f:containerPort':{}}}}}}}}}}]"));
  }

  @Test
  void aConflictingChangeByAnotherManagerIsReported() {
    ObjectNode live = applied(null, obj(CONFIG), "kubectl");
    live = update(live, "kubectl-client-side-apply", "/spec/replicas", json("5"));

    List<Conflict> c = conflicts(apply(live, obj(CONFIG), "kubectl", false));
    assertThat(c).containsExactly(new Conflict("kubectl-client-side-apply", Operation.UPDATE, "apps/v1", "",
        FieldPath.fields("spec", "replicas")));
    ApiException e = ApplyConflicts.toApiException(c);
    assertThat(e.code()).isEqualTo(409);
    assertThat(e.getMessage()).isEqualTo(
        "Apply failed with 1 conflict: conflict with \"kubectl-client-side-apply\" using apps/v1: .spec.replicas");
    assertThat(e.toStatus()).isEqualTo(json("{'kind':'Status','apiVersion':'v1','metadata':{},"
        + "'status':'Failure','message':'Apply failed with 1 conflict: conflict with \\'kubectl-client-side-apply\\'"
        + " using apps/v1: .spec.replicas','reason':'Conflict','details':{'causes':[{'reason':"
        + "'FieldManagerConflict','message':'conflict with \\'kubectl-client-side-apply\\' using apps/v1',"
        + "'field':'.spec.replicas'}]},'code':409}"));
  }

  @Test
  void forceTakesOwnership() {
    ObjectNode live = applied(null, obj(CONFIG), "kubectl");
    live = update(live, "kubectl-client-side-apply", "/spec/replicas", json("5"));
    ApplyResult r = apply(live, obj(CONFIG), "kubectl", true);
    ObjectNode o = ((ApplyResult.Applied) r).object();
    assertThat(o.at("/spec/replicas").asInt()).isEqualTo(3);
    assertThat(owned(o, "kubectl").contains(FieldPath.fields("spec", "replicas"))).isTrue();
    // The other manager owned nothing else, so its entry is gone.
    assertThat(o.at("/metadata/managedFields")).hasSize(1);
  }

  @Test
  void aFieldDroppedFromTheConfigurationIsRemoved() {
    ObjectNode withTier = obj(CONFIG);
    ((ObjectNode) withTier.at("/metadata/labels")).put("tier", "fe");
    ObjectNode live = applied(null, withTier, "kubectl");
    assertThat(live.at("/metadata/labels/tier").asText()).isEqualTo("fe");

    ObjectNode o = applied(live, obj(CONFIG), "kubectl");
    assertThat(o.at("/metadata/labels").has("tier")).isFalse();
    assertThat(owned(o, "kubectl").contains(FieldPath.fields("metadata", "labels", "tier"))).isFalse();
  }

  @Test
  void aFieldOwnedByAnotherManagerIsKeptWhenDropped() {
    ObjectNode live = applied(null, obj(CONFIG), "kubectl");
    live = applied(live, partial("'spec':{'replicas':3}"), "autoscaler");
    // Same value: no conflict, and both own it.
    assertThat(owned(live, "kubectl").contains(FieldPath.fields("spec", "replicas"))).isTrue();
    assertThat(owned(live, "autoscaler").contains(FieldPath.fields("spec", "replicas"))).isTrue();

    ObjectNode noReplicas = obj(CONFIG);
    ((ObjectNode) noReplicas.get("spec")).remove("replicas");
    ObjectNode o = applied(live, noReplicas, "kubectl");
    assertThat(o.at("/spec/replicas").asInt()).isEqualTo(3);
    assertThat(owned(o, "kubectl").contains(FieldPath.fields("spec", "replicas"))).isFalse();
    assertThat(owned(o, "autoscaler").contains(FieldPath.fields("spec", "replicas"))).isTrue();
  }

  @Test
  void appliersMayShareAFieldOnlyWithTheSameValue() {
    ObjectNode live = applied(null, obj(CONFIG), "kubectl");
    List<Conflict> c = conflicts(apply(live, partial("'spec':{'replicas':4}"), "autoscaler", false));
    // An Apply manager is named without a version.
    assertThat(ApplyConflicts.message(c))
        .isEqualTo("Apply failed with 1 conflict: conflict with \"kubectl\": .spec.replicas");
  }

  @Test
  void twoAppliersOwnDifferentContainers() {
    ObjectNode live = applied(null, obj(CONFIG), "kubectl");
    ObjectNode sidecar = partial("'spec':{'template':{'spec':{'containers':[{'name':'envoy','image':'envoy:1'}]}}}");
    live = applied(live, sidecar, "injector");
    assertThat(live.at("/spec/template/spec/containers").findValuesAsText("name"))
        .containsExactly("nginx", "envoy");

    ObjectNode newImage = obj(CONFIG);
    ((ObjectNode) newImage.at("/spec/template/spec/containers/0")).put("image", "nginx:1.26");
    live = applied(live, newImage, "kubectl");
    assertThat(live.at("/spec/template/spec/containers").findValuesAsText("image"))
        .containsExactly("nginx:1.26", "envoy:1");

    // The injector withdraws its container: only its element goes.
    ObjectNode o = applied(live, partial("'spec':{}"), "injector");
    assertThat(o.at("/spec/template/spec/containers").findValuesAsText("name")).containsExactly("nginx");
    assertThat(owned(o, "injector").isEmpty()).isTrue();
    assertThat(o.at("/metadata/managedFields")).hasSize(1);
  }

  @Test
  void setListsAreMergedByValue() {
    ObjectNode live = applied(null, cfg(",'finalizers':['a.io/x']", ""), "a");
    live = applied(live, cfg(",'finalizers':['b.io/y']", ""), "b");
    assertThat(live.at("/metadata/finalizers")).isEqualTo(json("['a.io/x','b.io/y']"));
    assertThat(owned(live, "b").pathStrings()).containsExactly(".metadata.finalizers[=\"b.io/y\"]");
    ObjectNode o = applied(live, cfg("", ""), "a");
    assertThat(o.at("/metadata/finalizers")).isEqualTo(json("['b.io/y']"));
  }

  @Test
  void atomicListsAreReplacedWhole() {
    ObjectNode withArgs = obj(CONFIG);
    ((ObjectNode) withArgs.at("/spec/template/spec/containers/0")).set("args", json("['a','b']"));
    ObjectNode live = applied(null, withArgs, "kubectl");
    ObjectNode other = partial("'spec':{'template':{'spec':{'containers':[{'name':'nginx','args':['c']}]}}}");

    List<Conflict> c = conflicts(apply(live, other, "debugger", false));
    assertThat(c).extracting(Conflict::field)
        .containsExactly(".spec.template.spec.containers[name=\"nginx\"].args");

    ObjectNode o = ((ApplyResult.Applied) apply(live, other, "debugger", true)).object();
    assertThat(o.at("/spec/template/spec/containers/0/args")).isEqualTo(json("['c']"));
    assertThat(o.at("/spec/template/spec/containers/0/image").asText()).isEqualTo("nginx:1.25");
    FieldPath args = FieldPath.fields("spec", "template", "spec", "containers").append(
        PathElement.parse("k:{\"name\":\"nginx\"}")).append(PathElement.field("args"));
    assertThat(owned(o, "kubectl").contains(args)).isFalse();
    assertThat(owned(o, "debugger").contains(args)).isTrue();
  }

  @Test
  void labelsMergeEntryByEntry() {
    ObjectNode live = applied(null, cfg(",'labels':{'a':'1'}", ""), "one");
    ObjectNode o = applied(live, cfg(",'labels':{'b':'2'}", ""), "two");
    assertThat(o.at("/metadata/labels")).isEqualTo(json("{'a':'1','b':'2'}"));
    assertThat(owned(o, "one").pathStrings()).containsExactly(".metadata.labels.a");
    assertThat(owned(o, "two").pathStrings()).containsExactly(".metadata.labels.b");
  }

  @Test
  void atomicMapsConflictAsAWhole() {
    ObjectNode live = applied(null, obj(CONFIG), "kubectl");
    List<Conflict> c = conflicts(apply(live,
        partial("'spec':{'selector':{'matchLabels':{'app':'web','v':'2'}}}"), "other", false));
    assertThat(c).extracting(Conflict::field).containsExactly(".spec.selector");
  }

  @Test
  void severalConflictsAreGroupedByManager() {
    ObjectNode live = applied(null, obj(CONFIG), "kubectl");
    live = update(live, "m1", "/spec/replicas", json("5"));
    live = applied(live, cfg(",'labels':{'tier':'fe'}", "'spec':{'minReadySeconds':5}"), "m2");
    ObjectNode mine = cfg(",'labels':{'tier':'be'}", "'spec':{'replicas':1,'minReadySeconds':9}");

    List<Conflict> c = conflicts(apply(live, mine, "me", false));
    assertThat(ApplyConflicts.message(c)).isEqualTo("Apply failed with 3 conflicts: conflicts with \"m1\" "
        + "using apps/v1:\n- .spec.replicas\nconflicts with \"m2\":\n- .metadata.labels.tier\n"
        + "- .spec.minReadySeconds");
    assertThat(ApplyConflicts.toApiException(c).causes()).extracting(cause -> cause.field() + " " + cause.message())
        .containsExactly(".spec.replicas conflict with \"m1\" using apps/v1",
            ".metadata.labels.tier conflict with \"m2\"",
            ".spec.minReadySeconds conflict with \"m2\"");
  }

  @Test
  void conflictsNameTheSubresourceOfTheOwner() {
    ObjectNode live = applied(null, obj(CONFIG), "kubectl");
    ObjectNode next = live.deepCopy();
    next.set("status", json("{'replicas':3}"));
    live = stored(fm.update(live, next, "controller", "status", "apps/v1", deploy));
    List<Conflict> c = conflicts(apply(live, partial("'status':{'replicas':1}"), "me", false));
    assertThat(ApplyConflicts.message(c)).isEqualTo(
        "Apply failed with 1 conflict: conflict with \"controller\" with subresource \"status\" using apps/v1:"
            + " .status.replicas");
    // The main resource ignores status: then there is nothing to conflict on.
    ApplyResult r = fm.apply(live, partial("'status':{'replicas':1}"), "me", "", false, "apps/v1", deploy,
        FieldSet.of(FieldPath.fields("status")));
    assertThat(r).isInstanceOf(ApplyResult.Applied.class);
    assertThat(owned(((ApplyResult.Applied) r).object(), "me").isEmpty()).isTrue();
  }

  @Test
  void managedFieldsInTheConfigurationAreRefused() {
    ObjectNode config = obj(CONFIG);
    ((ObjectNode) config.get("metadata")).set("managedFields", json("[]"));
    assertThatThrownBy(() -> apply(null, config, "kubectl", false))
        .isInstanceOfSatisfying(ApiException.class, e -> {
          assertThat(e.code()).isEqualTo(400);
          assertThat(e.reason()).isEqualTo("BadRequest");
          assertThat(e.getMessage()).isEqualTo("metadata.managedFields must be nil");
        });
    ((ObjectNode) config.get("metadata")).putNull("managedFields");
    assertThat(apply(null, config, "kubectl", false)).isInstanceOf(ApplyResult.Applied.class);
  }

  @Test
  void aConfigurationThatDoesNotFitTheSchemaIsAnInternalError() {
    ObjectNode config = obj(CONFIG);
    ((ObjectNode) config.at("/spec/template/spec/containers/0")).remove("name");
    assertThatThrownBy(() -> apply(null, config, "kubectl", false))
        .isInstanceOfSatisfying(ApiException.class, e -> {
          assertThat(e.code()).isEqualTo(500);
          assertThat(e.reason()).isEmpty();
          assertThat(e.getMessage()).isEqualTo("failed to create typed patch object (default/web; apps/v1, "
              + "Kind=Deployment): .spec.template.spec.containers: element 0: associative list with keys has an "
              + "element that omits key field \"name\" (and doesn't have default value)");
        });
    ObjectNode pod = obj("{'apiVersion':'v1','kind':'Pod','metadata':{'name':'p'},'spec':{'nodeNam':'x'}}");
    assertThatThrownBy(() -> fm.apply(null, pod, "kubectl", false, "v1", TestSchemas.pod()))
        .hasMessage("failed to create typed patch object (/p; /v1, Kind=Pod): .spec.nodeNam: field not declared "
            + "in schema");
  }

  @Test
  void theFirstApplyToAnUntrackedObjectMeetsBeforeFirstApply() {
    ObjectNode live = obj(CONFIG);
    ((ObjectNode) live.get("spec")).put("replicas", 2);
    ((ObjectNode) live.get("metadata")).put("uid", "u-1");
    List<Conflict> c = conflicts(apply(live, obj(CONFIG), "ci", false));
    assertThat(ApplyConflicts.message(c)).isEqualTo(
        "Apply failed with 1 conflict: conflict with \"before-first-apply\" using apps/v1: .spec.replicas");

    ObjectNode o = ((ApplyResult.Applied) apply(live, obj(CONFIG), "ci", true)).object();
    assertThat(o.at("/metadata/managedFields").findValuesAsText("manager"))
        .containsExactly("ci", "before-first-apply");
    assertThat(owned(o, "before-first-apply").contains(FieldPath.fields("spec", "replicas"))).isFalse();
    assertThat(owned(o, "before-first-apply").contains(FieldPath.fields("spec", "selector"))).isTrue();
  }

  @Test
  void aNoOpApplyChangesNothing() {
    ObjectNode live = applied(null, obj(CONFIG), "kubectl");
    clock.advance(Duration.ofMinutes(3));
    ApplyResult.Applied a = (ApplyResult.Applied) apply(live, obj(CONFIG), "kubectl", false);
    assertThat(a.changed()).isFalse();
    assertThat(a.object()).isEqualTo(live);
    assertThat(a.object()).isNotSameAs(live);

    // A second applier of the same values changes only managedFields; like upstream, its entry has no
    // time because the object did not change.
    ApplyResult.Applied b = (ApplyResult.Applied) apply(live, partial("'spec':{'replicas':3}"), "other", false);
    assertThat(b.changed()).isFalse();
    JsonNode entry = b.object().at("/metadata/managedFields/0");
    assertThat(entry.get("manager").asText()).isEqualTo("other");
    assertThat(entry.has("time")).isFalse();
  }

  @Test
  void listsKeepLiveOnlyElementsInPlaceAndAppliedOnesInAppliedOrder() {
    ObjectNode live = applied(null, cfg(",'finalizers':['a','x','b']", ""), "creator");
    ObjectNode o = applied(live, cfg(",'finalizers':['b','y','a']", ""), "m");
    assertThat(o.at("/metadata/finalizers")).isEqualTo(json("['x','b','y','a']"));

    ObjectNode three = partial("'spec':{'template':{'spec':{'containers':[{'name':'a'},{'name':'b'},{'name':'c'}]}}}");
    live = applied(null, three, "creator");
    o = applied(live, partial("'spec':{'template':{'spec':{'containers':[{'name':'c','image':'i'},{'name':'a'}]}}}"),
        "m");
    assertThat(o.at("/spec/template/spec/containers")).isEqualTo(json("[{'name':'b'},{'name':'c','image':'i'},"
        + "{'name':'a'}]"));
  }

  @Test
  void droppingAListElementRemovesIt() {
    ObjectNode two = obj(CONFIG);
    ((com.fasterxml.jackson.databind.node.ArrayNode) two.at("/spec/template/spec/containers"))
        .add(json("{'name':'log','image':'busybox'}"));
    ObjectNode live = applied(null, two, "kubectl");
    ObjectNode o = applied(live, obj(CONFIG), "kubectl");
    assertThat(o.at("/spec/template/spec/containers").findValuesAsText("name")).containsExactly("nginx");
  }

  @Test
  void droppingAStructRemovesItUnlessSomethingInsideIsOwnedElsewhere() {
    ObjectNode withLimits = obj(CONFIG);
    ((ObjectNode) withLimits.at("/spec/template/spec/containers/0")).set("resources",
        json("{'limits':{'cpu':'1'}}"));
    ObjectNode live = applied(null, withLimits, "kubectl");
    ObjectNode dropped = applied(live, obj(CONFIG), "kubectl");
    assertThat(dropped.at("/spec/template/spec/containers/0").has("resources")).isFalse();

    // Someone else owns a request: the struct stays, only the dropped limit goes (and its emptied map).
    ObjectNode next = live.deepCopy();
    ((ObjectNode) next.at("/spec/template/spec/containers/0/resources")).set("requests", json("{'memory':'1Gi'}"));
    live = stored(fm.update(live, next, "vpa", "", "apps/v1", deploy));
    ObjectNode o = applied(live, obj(CONFIG), "kubectl");
    assertThat(o.at("/spec/template/spec/containers/0/resources")).isEqualTo(json("{'requests':{'memory':'1Gi'}}"));
  }

  @Test
  void kubectlUpgradesFromClientSideApply() {
    // Created by `kubectl apply` (client-side): an Update entry plus the last-applied annotation.
    String lastApplied = "{'apiVersion':'apps/v1','kind':'Deployment','metadata':{'annotations':{},'name':'web',"
        + "'namespace':'default'},'spec':{'replicas':2}}";
    ObjectNode created = cfg(",'annotations':{'" + ManagedFields.LAST_APPLIED_ANNOTATION + "':'"
        + lastApplied.replace("'", "\\'") + "'}", "'spec':{'replicas':2}");
    ObjectNode live = stored(fm.update(null, created, "kubectl-client-side-apply", "", "apps/v1", deploy));

    ObjectNode ssa = partial("'spec':{'replicas':3}");
    ApplyResult r = apply(live, ssa, "kubectl", false);
    ObjectNode o = ((ApplyResult.Applied) r).object();
    assertThat(o.at("/spec/replicas").asInt()).isEqualTo(3);
    assertThat(o.at("/metadata/annotations/" + ManagedFields.LAST_APPLIED_ANNOTATION.replace("/", "~1")).asText())
        .isEqualTo("{\"apiVersion\":\"apps/v1\",\"kind\":\"Deployment\",\"metadata\":{\"name\":\"web\","
            + "\"namespace\":\"default\"},\"spec\":{\"replicas\":3}}\n");
    // Another manager is not upgraded.
    assertThat(apply(live, ssa, "not-kubectl", false)).isInstanceOf(ApplyResult.Conflicted.class);

    // A field that no longer holds its last-applied value still conflicts.
    ObjectNode scaled = update(live, "kubectl-scale", "/spec/replicas", json("7"));
    assertThat(conflicts(apply(scaled, ssa, "kubectl", false))).extracting(Conflict::manager)
        .containsExactly("kubectl-scale");
  }

  @org.junit.jupiter.params.ParameterizedTest
  @org.junit.jupiter.params.provider.CsvSource(delimiter = '|', value = {
      "apps/v1|Deployment|",
      "apps/v1beta1|Deployment|invalid object type: apps/v1beta1, Kind=Deployment",
      "apps/v1|StatefulSet|invalid object type: apps/v1, Kind=StatefulSet",
      "v1|Deployment|invalid object type: /v1, Kind=Deployment",
      "|Deployment|invalid object type: /, Kind=Deployment"})
  void theConfigurationMustBeOfTheEndpointsKind(String apiVersion, String kind, String error) {
    ObjectNode config = obj("{'metadata':{'name':'web'}}");
    if (apiVersion != null) {
      config.put("apiVersion", apiVersion);
    }
    config.put("kind", kind);
    dev.berth.api.meta.GroupVersionKind expected = new dev.berth.api.meta.GroupVersionKind("apps", "v1", "Deployment");
    if (error == null) {
      FieldManager.checkAppliedKind(config, expected);
    } else {
      assertThatThrownBy(() -> FieldManager.checkAppliedKind(config, expected))
          .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.code()).isEqualTo(400))
          .hasMessage(error);
    }
  }

  @Test
  void customResourcesWithFreeFormAndUnknownFields() {
    Schema widget = TestSchemas.widget();
    String head = "'apiVersion':'example.com/v1','kind':'Widget','metadata':{'name':'w'}";
    ObjectNode first = obj("{" + head + ",'spec':{'config':{'a':{'b':1,'c':2},'list':[1,2]},'extra':{'x':'1'},"
        + "'items':[{'id':1,'value':'one'}]}}");
    ApplyResult.Applied created = (ApplyResult.Applied) fm.apply(null, first, "op", false, "example.com/v1", widget);
    ObjectNode live = stored(created.object());
    assertThat(owned(live, "op").toJsonString()).isEqualTo("{\"f:spec\":{\"f:config\":{\"f:a\":{\".\":{},"
        + "\"f:b\":{},\"f:c\":{}},\"f:list\":{}},\"f:extra\":{\"f:x\":{}},\"f:items\":{\"k:{\\\"id\\\":1}\":"
        + "{\".\":{},\"f:id\":{},\"f:value\":{}}}}}");

    // Another manager adds to the free-form map and replaces a deduced (atomic) list.
    ObjectNode other = obj("{" + head + ",'spec':{'config':{'a':{'d':3},'list':[9]}}}");
    assertThat(conflicts(fm.apply(live, other, "tuner", false, "example.com/v1", widget)))
        .extracting(Conflict::field).containsExactly(".spec.config.list");
    live = stored(((ApplyResult.Applied) fm.apply(live, other, "tuner", true, "example.com/v1", widget)).object());
    assertThat(live.at("/spec/config")).isEqualTo(json("{'a':{'b':1,'c':2,'d':3},'list':[9]}"));

    // The first manager drops c and extra: they go; d (the tuner's) stays.
    ObjectNode second = obj("{" + head + ",'spec':{'config':{'a':{'b':1}},'items':[{'id':1,'value':'one'}]}}");
    ObjectNode o = ((ApplyResult.Applied) fm.apply(live, second, "op", false, "example.com/v1", widget)).object();
    assertThat(o.at("/spec/config")).isEqualTo(json("{'a':{'b':1,'d':3},'list':[9]}"));
    assertThat(o.at("/spec").has("extra")).isFalse();
  }

  @Test
  void theResultSharesNothingWithTheInputs() {
    ObjectNode live = applied(null, obj(CONFIG), "kubectl");
    ObjectNode liveCopy = live.deepCopy();
    ObjectNode config = obj(CONFIG);
    ((ObjectNode) config.get("spec")).put("paused", true);
    ObjectNode configCopy = config.deepCopy();
    ObjectNode o = ((ApplyResult.Applied) apply(live, config, "kubectl", false)).object();
    ((ObjectNode) o.at("/spec/template/spec/containers/0")).put("image", "mutated");
    ((ObjectNode) o.at("/metadata/labels")).put("mutated", "yes");
    assertThat(live).isEqualTo(liveCopy);
    assertThat(config).isEqualTo(configCopy);
  }
}
