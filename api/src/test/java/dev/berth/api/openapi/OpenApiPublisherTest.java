package dev.berth.api.openapi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.berth.api.meta.GroupVersionKind;
import dev.berth.api.schema.Schema;
import dev.berth.api.schema.Schema.Type;
import dev.berth.api.schema.Validations;
import dev.berth.api.schema.builtin.BuiltinSchemas;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class OpenApiPublisherTest {

  private static final BuiltinSchemas SCHEMAS = new BuiltinSchemas();
  private static final List<OpenApiResource> BUILTINS = new BuiltinResourcesFixture(SCHEMAS).resources();
  private static final ObjectMapper JSON = new ObjectMapper();

  private OpenApiPublisher publisher;

  @BeforeEach
  void setUp() {
    publisher = new OpenApiPublisher(SCHEMAS::component, "v1.32.4");
    publisher.update(BUILTINS);
  }

  private static JsonNode parse(OpenApiDocument doc) {
    try {
      return JSON.readTree(doc.json());
    } catch (IOException e) {
      throw new AssertionError("document is not valid JSON", e);
    }
  }

  private JsonNode v3(String path) {
    return parse(publisher.v3(path).orElseThrow());
  }

  @Test
  void rootListsEveryGroupVersionWithItsDocumentHash() {
    JsonNode root = parse(publisher.v3Root());
    Set<String> paths = new TreeSet<>();
    root.get("paths").fieldNames().forEachRemaining(paths::add);
    assertThat(paths).contains("api/v1", "apis/apps/v1", "apis/batch/v1", "apis/policy/v1",
        "apis/rbac.authorization.k8s.io/v1", "apis/autoscaling/v1", "apis/autoscaling/v2",
        "apis/apiextensions.k8s.io/v1", "apis/admissionregistration.k8s.io/v1");
    for (String path : paths) {
      OpenApiDocument doc = publisher.v3(path).orElseThrow();
      assertThat(doc.hash()).matches("[0-9A-F]{128}");
      assertThat(root.at("/paths/" + path.replace("/", "~1") + "/serverRelativeURL").asText())
          .isEqualTo("/openapi/v3/" + path + "?hash=" + doc.hash());
    }
    assertThat(publisher.v3("apis/example.com/v1")).isEmpty();
  }

  @Test
  void podPatchOperationIsWhatKubectlLooksForBeforeServerSideValidation() {
    JsonNode doc = v3("api/v1");
    assertThat(doc.get("openapi").asText()).isEqualTo("3.0.0");
    assertThat(doc.at("/info/title").asText()).isEqualTo("Kubernetes");
    assertThat(doc.at("/info/version").asText()).isEqualTo("v1.32.4");
    JsonNode patch = doc.get("paths").get("/api/v1/namespaces/{namespace}/pods/{name}").get("patch");
    assertThat(patch.get("x-kubernetes-group-version-kind"))
        .isEqualTo(JSON.createObjectNode().put("group", "").put("kind", "Pod").put("version", "v1"));
    assertThat(patch.get("x-kubernetes-action").asText()).isEqualTo("patch");
    assertThat(names(patch.get("parameters"))).contains("fieldValidation", "fieldManager", "dryRun", "force");
    assertThat(fieldNames(patch.at("/requestBody/content"))).containsExactlyInAnyOrder(
        "application/apply-patch+yaml", "application/json-patch+json", "application/merge-patch+json",
        "application/strategic-merge-patch+json");
    assertThat(patch.at("/responses/200/content/application~1json/schema/$ref").asText())
        .isEqualTo("#/components/schemas/io.k8s.api.core.v1.Pod");
  }

  @ParameterizedTest
  @ValueSource(strings = {"api/v1", "apis/apps/v1", "apis/batch/v1", "apis/networking.k8s.io/v1",
      "apis/apiextensions.k8s.io/v1", "apis/rbac.authorization.k8s.io/v1", "apis/policy/v1"})
  void everyKindOfTheGroupVersionHasAPatchOperationWithFieldValidation(String path) {
    JsonNode doc = v3(path);
    Set<String> kindsWithValidatingPatch = new TreeSet<>();
    doc.get("paths").elements().forEachRemaining(item -> {
      JsonNode patch = item.get("patch");
      if (patch != null && names(patch.get("parameters")).contains("fieldValidation")) {
        kindsWithValidatingPatch.add(patch.at("/x-kubernetes-group-version-kind/kind").asText());
      }
    });
    Set<String> kinds = new TreeSet<>();
    BUILTINS.stream().filter(r -> r.groupVersionPath().equals(path)).forEach(r -> kinds.add(r.gvk().kind()));
    assertThat(kindsWithValidatingPatch).containsAll(kinds);
  }

  @Test
  void everyDocumentIsValidJsonWithResolvableReferencesAndTaggedOperations() {
    assertThat(publisher.v3Documents()).hasSize(15);
    publisher.v3Documents().keySet().forEach(this::everyReferenceResolvesAndEveryOperationIsTagged);
  }

  private void everyReferenceResolvesAndEveryOperationIsTagged(String path) {
    JsonNode doc = v3(path);
    JsonNode schemas = doc.at("/components/schemas");
    List<String> dangling = new ArrayList<>();
    refs(doc, "#/components/schemas/", schemas, dangling);
    assertThat(dangling).as(path).isEmpty();
    assertThat(schemas.size()).as(path).isGreaterThan(5);
    doc.get("paths").properties().forEach(p -> p.getValue().properties().forEach(op -> {
      if (!op.getKey().equals("parameters")) {
        assertThat(op.getValue().has("x-kubernetes-action")).as(p.getKey() + " " + op.getKey()).isTrue();
        assertThat(op.getValue().get("x-kubernetes-group-version-kind").isObject()).isTrue();
        assertThat(op.getValue().get("operationId").asText()).isNotEmpty();
      }
    }));
    Set<String> ids = new TreeSet<>();
    doc.get("paths").elements().forEachRemaining(item -> item.properties().forEach(op -> {
      if (!op.getKey().equals("parameters")) {
        assertThat(ids.add(op.getValue().get("operationId").asText())).as(op.getValue().get("operationId").asText()).isTrue();
      }
    }));
  }

  @Test
  void componentsCarryKindsAsAListAndThePatchMetadata() {
    JsonNode schemas = v3("api/v1").at("/components/schemas");
    JsonNode pod = schemas.get("io.k8s.api.core.v1.Pod");
    assertThat(pod.get("x-kubernetes-group-version-kind").isArray()).isTrue();
    assertThat(pod.get("x-kubernetes-group-version-kind").get(0))
        .isEqualTo(JSON.createObjectNode().put("group", "").put("kind", "Pod").put("version", "v1"));
    assertThat(schemas.at("/io.k8s.api.core.v1.PodList/x-kubernetes-group-version-kind/0/kind").asText()).isEqualTo("PodList");
    JsonNode containers = schemas.at("/io.k8s.api.core.v1.PodSpec/properties/containers");
    assertThat(containers.get("type").asText()).isEqualTo("array");
    assertThat(containers.get("x-kubernetes-patch-merge-key").asText()).isEqualTo("name");
    assertThat(containers.get("x-kubernetes-patch-strategy").asText()).isEqualTo("merge");
    assertThat(containers.get("x-kubernetes-list-type").asText()).isEqualTo("map");
    assertThat(containers.at("/x-kubernetes-list-map-keys/0").asText()).isEqualTo("name");
    assertThat(containers.at("/items/$ref").asText()).isEqualTo("#/components/schemas/io.k8s.api.core.v1.Container");
    assertThat(schemas.at("/io.k8s.api.core.v1.Container/required/0").asText()).isEqualTo("name");
    assertThat(schemas.at("/io.k8s.api.core.v1.Container/properties/ports/x-kubernetes-list-map-keys").toString())
        .isEqualTo("[\"containerPort\",\"protocol\"]");
    assertThat(schemas.at("/io.k8s.api.core.v1.ContainerPort/properties/protocol/default").asText()).isEqualTo("TCP");
    assertThat(schemas.at("/io.k8s.apimachinery.pkg.apis.meta.v1.LabelSelector/x-kubernetes-map-type").asText())
        .isEqualTo("atomic");
    assertThat(schemas.at("/io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta/properties/labels"))
        .isEqualTo(JSON.createObjectNode().put("type", "object").set("additionalProperties",
            JSON.createObjectNode().put("type", "string")));
    assertThat(schemas.at("/io.k8s.apimachinery.pkg.apis.meta.v1.Time/format").asText()).isEqualTo("date-time");
    assertThat(schemas.at("/io.k8s.api.core.v1.Secret/properties/data/additionalProperties/format").asText()).isEqualTo("byte");
    JsonNode intOrString = schemas.get("io.k8s.apimachinery.pkg.util.intstr.IntOrString");
    assertThat(intOrString.get("format").asText()).isEqualTo("int-or-string");
    assertThat(intOrString.get("oneOf").toString()).isEqualTo("[{\"type\":\"integer\"},{\"type\":\"string\"}]");
    assertThat(schemas.at("/io.k8s.apimachinery.pkg.api.resource.Quantity/oneOf").toString())
        .isEqualTo("[{\"type\":\"string\"},{\"type\":\"number\"}]");
    assertThat(schemas.at("/io.k8s.apimachinery.pkg.apis.meta.v1.FieldsV1/x-kubernetes-preserve-unknown-fields").asBoolean()).isTrue();
    assertThat(schemas.toString()).doesNotContain("\"additionalProperties\":{\"type\":\"object\",\"properties\"");
  }

  @Test
  void fieldLevelMetadataOnSharedComponentsUsesAllOf() {
    JsonNode strategy = v3("apis/apps/v1").at("/components/schemas/io.k8s.api.apps.v1.DeploymentSpec/properties/strategy");
    assertThat(strategy.at("/allOf/0/$ref").asText()).isEqualTo("#/components/schemas/io.k8s.api.apps.v1.DeploymentStrategy");
    assertThat(strategy.get("x-kubernetes-patch-strategy").asText()).isEqualTo("retainKeys");
    assertThat(v3("apis/apps/v1").at("/components/schemas/io.k8s.api.apps.v1.DeploymentStrategy").has("x-kubernetes-patch-strategy"))
        .isFalse();
    JsonNode replicas = v3("apis/apps/v1").at("/components/schemas/io.k8s.api.apps.v1.DeploymentSpec/properties/replicas");
    assertThat(replicas).isEqualTo(JSON.createObjectNode().put("type", "integer").put("format", "int32"));
  }

  @Test
  void namespacedAndClusterScopedPaths() {
    JsonNode paths = v3("api/v1").get("paths");
    assertThat(paths.has("/api/v1/namespaces/{namespace}/pods")).isTrue();
    assertThat(paths.has("/api/v1/pods")).isTrue();
    assertThat(paths.at("/~1api~1v1~1pods/get/operationId").asText()).isEqualTo("listCoreV1PodForAllNamespaces");
    assertThat(paths.at("/~1api~1v1~1pods/get/x-kubernetes-action").asText()).isEqualTo("list");
    assertThat(paths.has("/api/v1/nodes/{name}")).isTrue();
    assertThat(paths.has("/api/v1/namespaces/{namespace}/nodes")).isFalse();
    assertThat(names(paths.at("/~1api~1v1~1nodes~1{name}/parameters"))).containsExactly("name", "pretty");
    assertThat(names(paths.at("/~1api~1v1~1namespaces~1{namespace}~1pods~1{name}/parameters")))
        .containsExactly("name", "namespace", "pretty");
    JsonNode collection = paths.get("/api/v1/namespaces/{namespace}/pods");
    assertThat(collection.at("/get/operationId").asText()).isEqualTo("listCoreV1NamespacedPod");
    assertThat(collection.at("/post/x-kubernetes-action").asText()).isEqualTo("post");
    assertThat(collection.at("/delete/x-kubernetes-action").asText()).isEqualTo("deletecollection");
    assertThat(names(collection.at("/get/parameters"))).contains("watch", "labelSelector", "limit", "continue");
    assertThat(collection.at("/get/responses/200/content/application~1json/schema/$ref").asText())
        .isEqualTo("#/components/schemas/io.k8s.api.core.v1.PodList");
    JsonNode item = paths.get("/api/v1/namespaces/{namespace}/pods/{name}");
    assertThat(fieldNames(item)).containsExactlyInAnyOrder("get", "put", "patch", "delete", "parameters");
    assertThat(item.at("/delete/requestBody/content/*~1*/schema/$ref").asText())
        .isEqualTo("#/components/schemas/io.k8s.apimachinery.pkg.apis.meta.v1.DeleteOptions");
    assertThat(v3("apis/rbac.authorization.k8s.io/v1").get("paths").has("/apis/rbac.authorization.k8s.io/v1/clusterroles/{name}"))
        .isTrue();
    assertThat(v3("apis/rbac.authorization.k8s.io/v1").at("/paths/~1apis~1rbac.authorization.k8s.io~1v1~1clusterroles/get/tags/0").asText())
        .isEqualTo("rbacAuthorization_v1");
  }

  @Test
  void subresources() {
    JsonNode core = v3("api/v1").get("paths");
    JsonNode status = core.get("/api/v1/namespaces/{namespace}/pods/{name}/status");
    assertThat(fieldNames(status)).containsExactlyInAnyOrder("get", "put", "patch", "parameters");
    assertThat(status.at("/patch/x-kubernetes-group-version-kind/kind").asText()).isEqualTo("Pod");
    assertThat(status.at("/get/operationId").asText()).isEqualTo("readCoreV1NamespacedPodStatus");
    JsonNode binding = core.get("/api/v1/namespaces/{namespace}/pods/{name}/binding");
    assertThat(binding.at("/post/x-kubernetes-group-version-kind/kind").asText()).isEqualTo("Binding");
    JsonNode eviction = core.at("/~1api~1v1~1namespaces~1{namespace}~1pods~1{name}~1eviction/post");
    assertThat(eviction.get("x-kubernetes-group-version-kind"))
        .isEqualTo(JSON.createObjectNode().put("group", "policy").put("kind", "Eviction").put("version", "v1"));
    assertThat(eviction.at("/requestBody/content/*~1*/schema/$ref").asText())
        .isEqualTo("#/components/schemas/io.k8s.api.policy.v1.Eviction");
    JsonNode log = core.at("/~1api~1v1~1namespaces~1{namespace}~1pods~1{name}~1log/get");
    assertThat(log.at("/responses/200/content/*~1*/schema/type").asText()).isEqualTo("string");
    JsonNode exec = core.get("/api/v1/namespaces/{namespace}/pods/{name}/exec");
    assertThat(exec.at("/get/x-kubernetes-action").asText()).isEqualTo("connect");
    assertThat(exec.at("/post/operationId").asText()).isEqualTo("connectCoreV1PostNamespacedPodExec");

    JsonNode scale = v3("apis/apps/v1").at("/paths/~1apis~1apps~1v1~1namespaces~1{namespace}~1deployments~1{name}~1scale");
    assertThat(scale.at("/patch/x-kubernetes-group-version-kind"))
        .isEqualTo(JSON.createObjectNode().put("group", "autoscaling").put("kind", "Scale").put("version", "v1"));
    assertThat(scale.at("/get/responses/200/content/application~1json/schema/$ref").asText())
        .isEqualTo("#/components/schemas/io.k8s.api.autoscaling.v1.Scale");
    assertThat(v3("apis/apps/v1").at("/components/schemas/io.k8s.api.autoscaling.v1.Scale").isObject()).isTrue();
  }

  @Test
  void v2DocumentHasDefinitionsPathsAndTheSameExtensions() {
    JsonNode doc = parse(publisher.v2());
    assertThat(doc.get("swagger").asText()).isEqualTo("2.0");
    assertThat(doc.at("/info/version").asText()).isEqualTo("v1.32.4");
    JsonNode definitions = doc.get("definitions");
    assertThat(definitions.at("/io.k8s.api.apps.v1.Deployment/x-kubernetes-group-version-kind/0/group").asText()).isEqualTo("apps");
    assertThat(definitions.at("/io.k8s.api.core.v1.PodSpec/properties/volumes/x-kubernetes-patch-strategy").asText())
        .isEqualTo("merge,retainKeys");
    JsonNode strategy = definitions.at("/io.k8s.api.apps.v1.DeploymentSpec/properties/strategy");
    assertThat(strategy.get("$ref").asText()).isEqualTo("#/definitions/io.k8s.api.apps.v1.DeploymentStrategy");
    assertThat(strategy.get("x-kubernetes-patch-strategy").asText()).isEqualTo("retainKeys");
    assertThat(definitions.at("/io.k8s.apimachinery.pkg.util.intstr.IntOrString"))
        .isEqualTo(JSON.createObjectNode().put("format", "int-or-string").put("type", "string"));
    JsonNode patch = doc.at("/paths/~1apis~1apps~1v1~1namespaces~1{namespace}~1deployments~1{name}/patch");
    assertThat(patch.get("consumes").toString()).contains("application/strategic-merge-patch+json");
    assertThat(names(patch.get("parameters"))).contains("body", "fieldValidation");
    assertThat(patch.get("x-kubernetes-group-version-kind").get("kind").asText()).isEqualTo("Deployment");
    assertThat(patch.at("/responses/200/schema/$ref").asText()).isEqualTo("#/definitions/io.k8s.api.apps.v1.Deployment");
    assertThat(patch.has("requestBody")).isFalse();
    List<String> dangling = new ArrayList<>();
    refs(doc, "#/definitions/", definitions, dangling);
    assertThat(dangling).isEmpty();
    assertThat(doc.get("paths").has("/api/v1/namespaces/{namespace}/pods/{name}")).isTrue();
    assertThat(doc.get("paths").has("/apis/apiextensions.k8s.io/v1/customresourcedefinitions/{name}")).isTrue();
  }

  @Test
  void documentsAreCachedAndOnlyChangedGroupVersionsRegenerate() {
    OpenApiDocument core = publisher.v3("api/v1").orElseThrow();
    OpenApiDocument apps = publisher.v3("apis/apps/v1").orElseThrow();
    OpenApiDocument root = publisher.v3Root();
    OpenApiDocument v2 = publisher.v2();
    assertThat(publisher.v3("api/v1").orElseThrow()).isSameAs(core);
    assertThat(publisher.update(List.copyOf(BUILTINS))).isFalse();
    assertThat(publisher.v3Root()).isSameAs(root);
    assertThat(publisher.v2()).isSameAs(v2);

    List<OpenApiResource> withCrd = new ArrayList<>(BUILTINS);
    withCrd.add(cronTab());
    assertThat(publisher.update(withCrd)).isTrue();
    assertThat(publisher.v3("api/v1").orElseThrow()).isSameAs(core);
    assertThat(publisher.v3("apis/apps/v1").orElseThrow()).isSameAs(apps);
    assertThat(publisher.v3("apis/stable.example.com/v1")).isPresent();
    assertThat(publisher.v3Root().hash()).isNotEqualTo(root.hash());
    assertThat(parse(publisher.v3Root()).get("paths").has("apis/stable.example.com/v1")).isTrue();
    assertThat(publisher.v2().hash()).isNotEqualTo(v2.hash());

    assertThat(publisher.update(BUILTINS)).isTrue();
    assertThat(publisher.v3("apis/stable.example.com/v1")).isEmpty();
    assertThat(publisher.v3Root().hash()).isEqualTo(root.hash());
  }

  @Test
  void hashesAreStableAcrossPublishersAndInputOrder() {
    OpenApiPublisher other = new OpenApiPublisher(SCHEMAS::component, "v1.32.4");
    List<OpenApiResource> reversed = new ArrayList<>(BUILTINS);
    java.util.Collections.reverse(reversed);
    other.update(reversed);
    assertThat(other.v3Root().hash()).isEqualTo(publisher.v3Root().hash());
    assertThat(other.v2().hash()).isEqualTo(publisher.v2().hash());
    assertThat(new String(other.v3("api/v1").orElseThrow().json(), java.nio.charset.StandardCharsets.UTF_8))
        .isEqualTo(new String(publisher.v3("api/v1").orElseThrow().json(), java.nio.charset.StandardCharsets.UTF_8));
  }

  @Test
  void customResourcesArePublishedUnderTheirGroupVersion() {
    List<OpenApiResource> withCrd = new ArrayList<>(BUILTINS);
    withCrd.add(cronTab());
    publisher.update(withCrd);
    JsonNode doc = v3("apis/stable.example.com/v1");
    JsonNode cronTab = doc.at("/components/schemas/com.example.stable.v1.CronTab");
    assertThat(cronTab.get("x-kubernetes-group-version-kind").get(0))
        .isEqualTo(JSON.createObjectNode().put("group", "stable.example.com").put("kind", "CronTab").put("version", "v1"));
    assertThat(cronTab.at("/properties/metadata/$ref").asText())
        .isEqualTo("#/components/schemas/io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta");
    assertThat(cronTab.at("/properties/apiVersion/type").asText()).isEqualTo("string");
    JsonNode spec = cronTab.at("/properties/spec");
    assertThat(spec.at("/properties/replicas/minimum").asDouble()).isEqualTo(1.0);
    assertThat(spec.at("/properties/cronSpec/pattern").asText()).isEqualTo("^\\d+$");
    assertThat(spec.at("/properties/port/x-kubernetes-int-or-string").asBoolean()).isTrue();
    assertThat(spec.at("/properties/port/anyOf/0/type").asText()).isEqualTo("integer");
    assertThat(spec.at("/properties/extra/x-kubernetes-preserve-unknown-fields").asBoolean()).isTrue();
    assertThat(spec.at("/properties/image/nullable").asBoolean()).isTrue();
    assertThat(spec.at("/properties/mode/enum").toString()).isEqualTo("[\"a\",\"b\"]");
    assertThat(spec.at("/properties/tags/x-kubernetes-list-type").asText()).isEqualTo("set");
    assertThat(spec.at("/properties/replicas/default").asInt()).isEqualTo(1);
    JsonNode list = doc.at("/components/schemas/com.example.stable.v1.CronTabList");
    assertThat(list.at("/x-kubernetes-group-version-kind/0/kind").asText()).isEqualTo("CronTabList");
    assertThat(list.at("/properties/items/items/$ref").asText()).isEqualTo("#/components/schemas/com.example.stable.v1.CronTab");
    JsonNode patch = doc.at("/paths/~1apis~1stable.example.com~1v1~1namespaces~1{namespace}~1crontabs~1{name}/patch");
    assertThat(fieldNames(patch.at("/requestBody/content"))).containsExactlyInAnyOrder(
        "application/apply-patch+yaml", "application/json-patch+json", "application/merge-patch+json");
    assertThat(names(patch.get("parameters"))).contains("fieldValidation");
    assertThat(patch.get("x-kubernetes-group-version-kind").get("kind").asText()).isEqualTo("CronTab");
    JsonNode status = doc.at("/paths/~1apis~1stable.example.com~1v1~1namespaces~1{namespace}~1crontabs~1{name}~1status/put");
    assertThat(status.at("/requestBody/content/*~1*/schema/$ref").asText()).isEqualTo("#/components/schemas/com.example.stable.v1.CronTab");
    List<String> dangling = new ArrayList<>();
    refs(doc, "#/components/schemas/", doc.at("/components/schemas"), dangling);
    assertThat(dangling).isEmpty();
    assertThat(doc.at("/components/schemas").has("io.k8s.api.core.v1.Pod")).isFalse();
    // the caller's schema is not modified by publishing
    assertThat(cronTabSchema.name()).isNull();
    assertThat(cronTabSchema.properties()).doesNotContainKey("apiVersion");
  }

  @Test
  void badInputIsRefused() {
    List<OpenApiResource> twice = new ArrayList<>(BUILTINS);
    twice.add(BUILTINS.get(0));
    assertThatThrownBy(() -> publisher.update(twice)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("given twice");
    GroupVersionKind pod = GroupVersionKind.of("v1", "Pod");
    assertThatThrownBy(() -> new OpenApiSubresource("status", pod, null, List.of("update")))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> OpenApiResource.builtin(pod, "pods", true, null, null, List.of(), List.of()))
        .isInstanceOf(NullPointerException.class);
    OpenApiResource noList = OpenApiResource.builtin(pod, "pods", true, SCHEMAS.schemaFor(pod), null,
        List.of("list"), List.of());
    OpenApiPublisher p = new OpenApiPublisher(SCHEMAS::component, "v1.32.4");
    p.update(List.of(noList));
    assertThatThrownBy(p::v3Root).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("list schema");
  }

  @Test
  void anEmptySetPublishesAnEmptyRoot() {
    OpenApiPublisher empty = new OpenApiPublisher(SCHEMAS::component, "v1.32.4");
    assertThat(new String(empty.v3Root().json(), java.nio.charset.StandardCharsets.UTF_8)).isEqualTo("{\"paths\":{}}");
    assertThat(parse(empty.v2()).get("paths").isEmpty()).isTrue();
  }

  private Schema cronTabSchema;

  private OpenApiResource cronTab() {
    Schema spec = Schema.object();
    Validations min = new Validations();
    min.minimum = 1.0;
    spec.property("replicas", new Schema(Type.INTEGER).format("int64").validations(min).defaultValue(IntNode.valueOf(1)));
    Validations pattern = new Validations();
    pattern.pattern = "^\\d+$";
    spec.property("cronSpec", Schema.string().validations(pattern));
    spec.property("image", Schema.string().nullable(true));
    spec.property("port", new Schema(Type.INT_OR_STRING));
    spec.property("extra", Schema.object().preserveUnknownFields(true));
    Schema mode = Schema.string();
    mode.enumValues().add(TextNode.valueOf("a"));
    mode.enumValues().add(TextNode.valueOf("b"));
    spec.property("mode", mode);
    spec.property("tags", Schema.array(Schema.string()).listType("set"));
    cronTabSchema = Schema.object().property("spec", spec).property("status", Schema.object().preserveUnknownFields(true))
        .property("metadata", Schema.object());
    GroupVersionKind gvk = GroupVersionKind.of("stable.example.com/v1", "CronTab");
    return OpenApiResource.custom(gvk, "crontabs", true, cronTabSchema, BuiltinResourcesFixture.ALL_VERBS,
        List.of(new OpenApiSubresource("status", gvk, cronTabSchema, List.of("get", "patch", "update"))));
  }

  private static List<String> names(JsonNode parameters) {
    List<String> names = new ArrayList<>();
    parameters.forEach(p -> names.add(p.get("name").asText()));
    return names;
  }

  private static List<String> fieldNames(JsonNode node) {
    List<String> names = new ArrayList<>();
    node.fieldNames().forEachRemaining(names::add);
    return names;
  }

  private static void refs(JsonNode node, String prefix, JsonNode targets, List<String> dangling) {
    if (node.isObject()) {
      JsonNode ref = node.get("$ref");
      // (JSONSchemaProps has a property called "$ref", whose value is a schema object, not a reference)
      if (ref != null && ref.isTextual()) {
        String text = ref.asText();
        if (!text.startsWith(prefix) || !targets.has(text.substring(prefix.length()))) {
          dangling.add(text);
        }
      }
      node.elements().forEachRemaining(child -> refs(child, prefix, targets, dangling));
    } else if (node.isArray()) {
      node.elements().forEachRemaining(child -> refs(child, prefix, targets, dangling));
    }
  }
}
