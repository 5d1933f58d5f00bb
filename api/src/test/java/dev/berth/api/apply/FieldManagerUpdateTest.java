package dev.berth.api.apply;

import static dev.berth.api.apply.TestSchemas.json;
import static dev.berth.api.apply.TestSchemas.obj;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.berth.api.schema.Schema;
import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class FieldManagerUpdateTest {

  private final TestClock clock = new TestClock("2024-05-01T10:00:00.750Z");
  private final FieldManager fm = new FieldManager(clock);
  private final Schema deploy = TestSchemas.deployment();

  private static final String WEB = "{'apiVersion':'apps/v1','kind':'Deployment','metadata':{'name':'web',"
      + "'namespace':'default','labels':{'app':'web'}},'spec':{'replicas':2,'selector':{'matchLabels':"
      + "{'app':'web'}},'template':{'metadata':{'labels':{'app':'web'}},'spec':{'containers':[{'name':'nginx',"
      + "'image':'nginx:1.25'}]}}}}";

  /** What the server stores after a create: uid and resourceVersion set, managedFields recorded. */
  private ObjectNode created() {
    ObjectNode o = fm.update(null, obj(WEB), "kubectl-create", "", "apps/v1", deploy);
    ObjectNode meta = (ObjectNode) o.get("metadata");
    meta.put("uid", "u-1").put("resourceVersion", "1").put("creationTimestamp", "2024-05-01T10:00:00Z");
    return o;
  }

  private static JsonNode managed(JsonNode o) {
    return o.path("metadata").path("managedFields");
  }

  private static JsonNode entry(JsonNode o, String manager) {
    for (JsonNode e : managed(o)) {
      if (e.path("manager").asText().equals(manager)) {
        return e;
      }
    }
    throw new AssertionError("no entry for " + manager + " in " + managed(o));
  }

  private static ObjectNode edit(ObjectNode o, String path, Object value) {
    ObjectNode copy = o.deepCopy();
    String[] parts = path.split("\\.");
    ObjectNode at = copy;
    for (int i = 0; i < parts.length - 1; i++) {
      at = (ObjectNode) at.get(parts[i]);
    }
    String last = parts[parts.length - 1];
    if (value == null) {
      at.remove(last);
    } else if (value instanceof Integer n) {
      at.put(last, n);
    } else if (value instanceof JsonNode n) {
      at.set(last, n);
    } else {
      at.put(last, value.toString());
    }
    return copy;
  }

  @Test
  void createOwnsEverythingTheCreatorSet() {
    ObjectNode o = fm.update(null, obj(WEB), "kubectl-create", "", "apps/v1", deploy);
    assertThat(managed(o)).isEqualTo(json("[{'manager':'kubectl-create','operation':'Update',"
        + "'apiVersion':'apps/v1','time':'2024-05-01T10:00:00Z','fieldsType':'FieldsV1','fieldsV1':"
        + "{'f:metadata':{'f:labels':{'.':{},'f:app':{}}},'f:spec':{'.':{},'f:replicas':{},'f:selector':{},"
        + "'f:template':{'.':{},'f:metadata':{'.':{},'f:labels':{'.':{},'f:app':{}}},'f:spec':{'.':{},"
        + "'f:containers':{'.':{},'k:{\\'name\\':\\'nginx\\'}':{'.':{},'f:image':{},'f:name':{}}}}}}}}]"));
    // Entry fields are written in kube-apiserver's order.
    assertThat(managed(o).get(0).toString()).startsWith(
        "{\"manager\":\"kubectl-create\",\"operation\":\"Update\",\"apiVersion\":\"apps/v1\","
            + "\"time\":\"2024-05-01T10:00:00Z\",\"fieldsType\":\"FieldsV1\",\"fieldsV1\":{");
  }

  @Test
  void anotherManagerTakesTheFieldsItChanges() {
    ObjectNode live = created();
    clock.advance(Duration.ofMinutes(5));
    ObjectNode next = edit(edit(live, "spec.replicas", 5), "metadata.labels.tier", "fe");
    ObjectNode o = fm.update(live, next, "kubectl-edit", "", "apps/v1", deploy);

    FieldSet create = FieldSet.fromJson(managed(o).get(0).get("fieldsV1"));
    FieldSet editor = FieldSet.fromJson(managed(o).get(1).get("fieldsV1"));
    assertThat(managed(o).get(0).get("manager").asText()).isEqualTo("kubectl-create");
    assertThat(managed(o).get(0).get("time").asText()).isEqualTo("2024-05-01T10:00:00Z");
    assertThat(create.contains(FieldPath.fields("spec", "replicas"))).isFalse();
    assertThat(create.contains(FieldPath.fields("spec", "selector"))).isTrue();
    assertThat(managed(o).get(1).get("manager").asText()).isEqualTo("kubectl-edit");
    assertThat(managed(o).get(1).get("time").asText()).isEqualTo("2024-05-01T10:05:00Z");
    assertThat(editor.toJsonString()).isEqualTo(
        "{\"f:metadata\":{\"f:labels\":{\"f:tier\":{}}},\"f:spec\":{\"f:replicas\":{}}}");
  }

  @Test
  void theSameManagerAccumulatesItsFields() {
    ObjectNode live = created();
    clock.advance(Duration.ofMinutes(1));
    ObjectNode a = fm.update(live, edit(live, "spec.replicas", 3), "ctl", "", "apps/v1", deploy);
    clock.advance(Duration.ofMinutes(1));
    ObjectNode b = fm.update(a, edit(a, "spec.paused", "x"), "ctl", "", "apps/v1", deploy);
    JsonNode ctl = managed(b).get(1);
    assertThat(ctl.get("time").asText()).isEqualTo("2024-05-01T10:02:00Z");
    assertThat(FieldSet.fromJson(ctl.get("fieldsV1")).pathStrings())
        .containsExactly(".spec.paused", ".spec.replicas");
    // A different apiVersion is a different entry.
    ObjectNode c = fm.update(b, edit(b, "spec.minReadySeconds", 4), "ctl", "", "apps/v1beta2", deploy);
    assertThat(managed(c)).hasSize(3);
  }

  @Test
  void aNoOpUpdateLeavesManagedFieldsAlone() {
    ObjectNode live = created();
    JsonNode before = managed(live).deepCopy();
    clock.advance(Duration.ofHours(1));
    ObjectNode o = fm.update(live, live.deepCopy(), "kubectl-edit", "", "apps/v1", deploy);
    assertThat(managed(o)).isEqualTo(before);
    // Server-set metadata is never owned, so changing it is not a change either.
    ObjectNode bumped = edit(edit(live, "metadata.resourceVersion", "2"), "metadata.generation", 2);
    assertThat(managed(fm.update(live, bumped, "kubectl-edit", "", "apps/v1", deploy))).isEqualTo(before);
  }

  @Test
  void removedFieldsAreReleasedAndEmptyEntriesDropped() {
    ObjectNode live = created();
    ObjectNode a = fm.update(live, edit(live, "metadata.labels.tier", "fe"), "labeler", "", "apps/v1", deploy);
    assertThat(managed(a)).hasSize(2);
    ObjectNode b = fm.update(a, edit(a, "metadata.labels.tier", null), "kubectl-edit", "", "apps/v1", deploy);
    assertThat(managed(b)).hasSize(1);
    assertThat(managed(b).get(0).get("manager").asText()).isEqualTo("kubectl-create");
    // Removing a field only releases it: the remover owns nothing new.
    ObjectNode c = fm.update(b, edit(b, "spec.replicas", null), "kubectl-edit", "", "apps/v1", deploy);
    assertThat(managed(c)).hasSize(1);
    assertThat(FieldSet.fromJson(managed(c).get(0).get("fieldsV1"))
        .contains(FieldPath.fields("spec", "replicas"))).isFalse();
  }

  @Test
  void anExistingObjectWithoutManagedFieldsStaysUntracked() {
    ObjectNode live = obj(WEB);
    ((ObjectNode) live.get("metadata")).put("uid", "u-1");
    ObjectNode o = fm.update(live, edit(live, "spec.replicas", 4), "kubectl-edit", "", "apps/v1", deploy);
    assertThat(o.path("metadata").has("managedFields")).isFalse();
  }

  static Stream<String> resets() {
    return Stream.of("[]", "[{}]");
  }

  @ParameterizedTest
  @MethodSource("resets")
  void aClientResetsTrackingWithAnEmptyList(String reset) {
    ObjectNode live = created();
    ObjectNode next = edit(live, "spec.replicas", 7);
    ((ObjectNode) next.get("metadata")).set("managedFields", json(reset));
    ObjectNode o = fm.update(live, next, "kubectl-edit", "", "apps/v1", deploy);
    assertThat(o.path("metadata").has("managedFields")).isFalse();
  }

  @Test
  void aClientMayRewriteManagedFields() {
    ObjectNode live = created();
    ObjectNode next = live.deepCopy();
    ((ObjectNode) next.get("metadata")).set("managedFields", json("[{'manager':'me','operation':'Apply',"
        + "'apiVersion':'apps/v1','fieldsType':'FieldsV1','fieldsV1':{'f:spec':{'f:replicas':{}}}}]"));
    ObjectNode o = fm.update(live, next, "kubectl-edit", "", "apps/v1", deploy);
    assertThat(managed(o)).isEqualTo(json("[{'manager':'me','operation':'Apply','apiVersion':'apps/v1',"
        + "'fieldsType':'FieldsV1','fieldsV1':{'f:spec':{'f:replicas':{}}}}]"));
  }

  static Stream<String> invalidClientManagedFields() {
    return Stream.of(
        "[{'manager':'x','operation':'Bogus','apiVersion':'v1','fieldsType':'FieldsV1','fieldsV1':{}}]",
        "[{'manager':'x','operation':'Update','fieldsType':'FieldsV1','fieldsV1':{}}]",
        "[{'manager':'x','operation':'Update','apiVersion':'v1','fieldsV1':{}}]",
        "[{'manager':'x','operation':'Update','apiVersion':'v1','fieldsType':'FieldsV2','fieldsV1':{}}]",
        "[{'manager':'x','operation':'Update','apiVersion':'v1','fieldsType':'FieldsV1','fieldsV1':{'x':{}}}]",
        "'garbage'");
  }

  @ParameterizedTest
  @MethodSource("invalidClientManagedFields")
  void invalidClientManagedFieldsFallBackToTheStoredOnes(String bad) {
    ObjectNode live = created();
    ObjectNode next = live.deepCopy();
    ((ObjectNode) next.get("metadata")).set("managedFields", json(bad));
    ObjectNode o = fm.update(live, next, "kubectl-edit", "", "apps/v1", deploy);
    assertThat(managed(o)).isEqualTo(managed(live));
  }

  @Test
  void subresourceWritesUseTheStoredManagedFieldsAndRecordTheSubresource() {
    ObjectNode live = created();
    ObjectNode next = live.deepCopy();
    next.set("status", json("{'replicas':2,'conditions':[{'type':'Available','status':'True'}]}"));
    ((ObjectNode) next.get("metadata")).set("managedFields", json("[]"));
    FieldSet resetForStatus = FieldSet.of(FieldPath.fields("spec"), FieldPath.fields("metadata", "labels"));
    ObjectNode o = fm.update(live, next, "kube-controller-manager", "status", "apps/v1", deploy, resetForStatus);
    assertThat(managed(o)).hasSize(2);
    assertThat(entry(o, "kube-controller-manager")).isEqualTo(json("{'manager':'kube-controller-manager','operation':'Update',"
        + "'apiVersion':'apps/v1','time':'2024-05-01T10:00:00Z','fieldsType':'FieldsV1','fieldsV1':"
        + "{'f:status':{'.':{},'f:conditions':{'.':{},'k:{\\'type\\':\\'Available\\'}':{'.':{},"
        + "'f:status':{},'f:type':{}}},'f:replicas':{}}},'subresource':'status'}"));
  }

  @Test
  void ignoredPathsAreNeitherOwnedNorTaken() {
    ObjectNode live = created();
    ObjectNode withStatus = live.deepCopy();
    withStatus.set("status", json("{'replicas':2}"));
    ObjectNode a = fm.update(live, withStatus, "controller", "status", "apps/v1", deploy);
    FieldSet status = FieldSet.of(FieldPath.fields("status"));
    ObjectNode next = edit(edit(a, "status.replicas", 9), "spec.replicas", 3);
    ObjectNode b = fm.update(a, next, "kubectl-edit", "", "apps/v1", deploy, status);
    JsonNode controller = entry(b, "controller");
    assertThat(controller.get("subresource").asText()).isEqualTo("status");
    assertThat(FieldSet.fromJson(controller.get("fieldsV1")).pathStrings())
        .containsExactly(".status", ".status.replicas");
    JsonNode editor = entry(b, "kubectl-edit");
    assertThat(FieldSet.fromJson(editor.get("fieldsV1")).pathStrings()).containsExactly(".spec.replicas");
  }

  @Test
  void theStoredObjectIsNotModified() {
    ObjectNode live = created();
    ObjectNode copy = live.deepCopy();
    ObjectNode next = edit(edit(live, "spec.replicas", 9), "metadata.labels.x", "y");
    ((ObjectNode) next.get("metadata")).remove("managedFields");
    fm.update(live, next, "kubectl-edit", "", "apps/v1", deploy);
    assertThat(live).isEqualTo(copy);
  }

  @Test
  void aMissingManagerIsUnknown() {
    ObjectNode o = fm.update(null, obj(WEB), "", null, "apps/v1", deploy);
    assertThat(managed(o).get(0).get("manager").asText()).isEqualTo("unknown");
    assertThat(managed(o).get(0).has("subresource")).isFalse();
  }

  static Stream<Arguments> userAgents() {
    return Stream.of(
        Arguments.of("kubectl-edit", "kubectl/v1.32.0 (linux/amd64)", "kubectl-edit"),
        Arguments.of("", "kubectl/v1.32.0 (linux/amd64) kubernetes/abc", "kubectl"),
        Arguments.of(null, "Go-http-client/1.1", "Go-http-client"),
        Arguments.of("", "no-slash", "no-slash"),
        Arguments.of("", "bell\u0007ringer/1", "bellringer"),
        Arguments.of("", "x".repeat(200) + "/1", "x".repeat(128)),
        Arguments.of("", "\u00e9".repeat(100), "\u00e9".repeat(64)),
        Arguments.of("", null, ""));
  }

  @ParameterizedTest
  @MethodSource("userAgents")
  void managerFromUserAgent(String manager, String userAgent, String expected) {
    assertThat(FieldManager.managerOrUserAgent(manager, userAgent)).isEqualTo(expected);
  }

  @Test
  void updateManagersAreCappedByMergingTheOldestIntoAncientChanges() {
    ObjectNode o = created();
    for (int i = 0; i < 11; i++) {
      clock.advance(Duration.ofMinutes(1));
      o = fm.update(o, edit(o, "metadata.labels.l" + i, "v"), "m" + i, "", "apps/v1", deploy);
    }
    // 12 Update managers (kubectl-create and m0..m10): the two oldest are merged, then one more.
    JsonNode mf = managed(o);
    assertThat(mf).hasSize(10);
    assertThat(mf.get(0).get("manager").asText()).isEqualTo(FieldManager.ANCIENT_CHANGES);
    assertThat(mf.get(0).get("time").asText()).isEqualTo("2024-05-01T10:02:00Z");
    FieldSet ancient = FieldSet.fromJson(mf.get(0).get("fieldsV1"));
    assertThat(ancient.contains(FieldPath.fields("spec", "replicas"))).isTrue();
    assertThat(ancient.contains(FieldPath.fields("metadata", "labels", "l0"))).isTrue();
    assertThat(ancient.contains(FieldPath.fields("metadata", "labels", "l1"))).isTrue();
    assertThat(mf.get(1).get("manager").asText()).isEqualTo("m2");
    assertThat(mf.get(9).get("manager").asText()).isEqualTo("m10");
  }

  @Test
  void anUntrackableObjectKeepsItsStoredManagedFields() {
    ObjectNode live = created();
    ObjectNode next = live.deepCopy();
    ((ObjectNode) next.at("/spec/template/spec/containers/0")).remove("name");
    ObjectNode o = fm.update(live, next, "kubectl-edit", "", "apps/v1", deploy);
    assertThat(managed(o)).isEqualTo(managed(live));
  }
}
