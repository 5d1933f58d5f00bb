package dev.berth.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.berth.store.KvStore;
import dev.berth.testkit.Kubectl;
import dev.berth.testkit.Kubectl.Result;
import dev.berth.testkit.TestControlPlane;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The real {@code kubectl} (1.32, through the dispatcher) against a Berth API server: every command
 * the issue lists, with the outputs a user sees. Subclasses choose the store.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class KubectlCompatibilityTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  TestControlPlane cp;
  Kubectl kubectl;
  Path work;

  abstract KvStore newStore() throws Exception;

  void closeStore() {}

  @BeforeAll
  void start() throws Exception {
    cp = TestControlPlane.start(newStore(), true);
    kubectl = cp.kubectl();
    work = Files.createTempDirectory("kubectl-work");
  }

  @AfterAll
  void stop() {
    if (cp != null) {
      cp.close();
    }
    closeStore();
  }

  private Result ok(String... args) {
    return kubectl.run(args).assertOk();
  }

  private JsonNode json(String... args) throws Exception {
    return JSON.readTree(ok(args).stdout());
  }

  private Path file(String name, String content) throws Exception {
    Path p = work.resolve(name);
    Files.writeString(p, content);
    return p;
  }

  @Test
  void versionReportsOneThirtyTwo() {
    Result r = ok("version", "-o", "json");
    assertThat(r.stdout()).contains("\"minor\": \"32\"").contains("\"gitVersion\": \"v1.32");
  }

  @Test
  void systemNamespacesAreListedAsATable() {
    Result r = ok("get", "ns");
    assertThat(r.stdout().lines().findFirst().orElse("")).containsPattern("NAME\\s+STATUS\\s+AGE");
    assertThat(r.stdout()).contains("default").contains("kube-system").contains("kube-public");
    assertThat(r.stdout()).containsPattern("default\\s+Active");
  }

  @Test
  void createNamespaceAndConfigMapSendProtobufAndWork() throws Exception {
    ok("create", "namespace", "proto-ns");
    ok("create", "configmap", "c1", "-n", "proto-ns", "--from-literal=a=1", "--from-literal=b=two");
    JsonNode cm = json("get", "configmap", "c1", "-n", "proto-ns", "-o", "json");
    assertThat(cm.path("data").path("a").asText()).isEqualTo("1");
    assertThat(cm.path("data").path("b").asText()).isEqualTo("two");
    assertThat(cm.path("metadata").path("uid").asText()).isNotEmpty();
    assertThat(cm.path("metadata").path("resourceVersion").asText()).isNotEmpty();
    assertThat(ok("get", "cm", "c1", "-n", "proto-ns", "-o", "jsonpath={.data.b}").stdout())
        .isEqualTo("two");
    assertThat(ok("get", "cm", "c1", "-n", "proto-ns", "-o", "yaml").stdout())
        .contains("kind: ConfigMap").contains("b: two");
  }

  @Test
  void createSecretGeneric() throws Exception {
    ok("create", "secret", "generic", "s1", "--from-literal=password=hunter2");
    JsonNode s = json("get", "secret", "s1", "-o", "json");
    assertThat(s.path("type").asText()).isEqualTo("Opaque");
    assertThat(s.path("data").path("password").asText()).isEqualTo("aHVudGVyMg==");
  }

  @Test
  void createDeploymentShowsUpstreamColumns() throws Exception {
    ok("create", "deployment", "web", "--image=nginx:1.27", "--replicas=3");
    Result r = ok("get", "deploy", "web");
    assertThat(r.stdout()).containsPattern("NAME\\s+READY\\s+UP-TO-DATE\\s+AVAILABLE\\s+AGE");
    assertThat(r.stdout()).containsPattern("web\\s+0/3\\s+0\\s+0\\s+");
    Result wide = ok("get", "deploy", "web", "-o", "wide");
    assertThat(wide.stdout()).contains("CONTAINERS").contains("nginx:1.27").contains("app=web");
    JsonNode d = json("get", "deploy", "web", "-o", "json");
    assertThat(d.path("spec").path("strategy").path("type").asText()).isEqualTo("RollingUpdate");
    assertThat(d.path("spec").path("revisionHistoryLimit").asInt()).isEqualTo(10);
    assertThat(d.path("metadata").path("generation").asInt()).isEqualTo(1);
  }

  @Test
  void applyCreatesThenPatchesWithStrategicMerge() throws Exception {
    Path f = file("apply-deploy.yaml", deployment("applied", "nginx:1", 2));
    assertThat(ok("apply", "-f", f.toString()).stdout()).contains("deployment.apps/applied created");
    Files.writeString(f, deployment("applied", "nginx:2", 2));
    assertThat(ok("apply", "-f", f.toString()).stdout())
        .contains("deployment.apps/applied configured");
    JsonNode d = json("get", "deploy", "applied", "-o", "json");
    assertThat(d.at("/spec/template/spec/containers/0/image").asText()).isEqualTo("nginx:2");
    assertThat(d.at("/metadata/annotations").has("kubectl.kubernetes.io/last-applied-configuration"))
        .isTrue();
    assertThat(d.at("/metadata/generation").asInt()).isEqualTo(2);
    assertThat(ok("apply", "-f", f.toString()).stdout()).contains("unchanged");
  }

  @Test
  void serverSideApplyDetectsConflictsAndForceTakesOwnership() throws Exception {
    Path f = file("ssa.yaml", deployment("ssa", "nginx:1", 1));
    ok("apply", "--server-side", "-f", f.toString());
    ok("scale", "deploy", "ssa", "--replicas=5");
    Files.writeString(f, deployment("ssa", "nginx:1", 2));
    Result conflict = kubectl.run("apply", "--server-side", "-f", f.toString());
    assertThat(conflict.exitCode()).isNotZero();
    assertThat(conflict.stderr()).contains("conflict").contains(".spec.replicas");
    ok("apply", "--server-side", "--force-conflicts", "-f", f.toString());
    JsonNode d = json("get", "deploy", "ssa", "-o", "json", "--show-managed-fields");
    assertThat(d.at("/spec/replicas").asInt()).isEqualTo(2);
    assertThat(d.at("/metadata/managedFields").toString()).contains("\"manager\":\"kubectl\"")
        .contains("\"operation\":\"Apply\"");
  }

  @Test
  void labelAnnotateAndEveryPatchType() throws Exception {
    ok("create", "configmap", "patchme", "--from-literal=k=v");
    ok("label", "cm", "patchme", "tier=fe");
    ok("annotate", "cm", "patchme", "note=hello");
    ok("patch", "cm", "patchme", "--type=merge", "-p", "{\"data\":{\"m\":\"merge\"}}");
    ok("patch", "cm", "patchme", "--type=json", "-p",
        "[{\"op\":\"add\",\"path\":\"/data/j\",\"value\":\"json\"}]");
    ok("patch", "cm", "patchme", "--type=strategic", "-p", "{\"data\":{\"s\":\"smp\"}}");
    JsonNode cm = json("get", "cm", "patchme", "-o", "json");
    assertThat(cm.at("/metadata/labels/tier").asText()).isEqualTo("fe");
    assertThat(cm.at("/metadata/annotations/note").asText()).isEqualTo("hello");
    assertThat(cm.at("/data/m").asText()).isEqualTo("merge");
    assertThat(cm.at("/data/j").asText()).isEqualTo("json");
    assertThat(cm.at("/data/s").asText()).isEqualTo("smp");
    assertThat(ok("get", "cm", "-l", "tier=fe", "-o", "name").stdout().trim())
        .isEqualTo("configmap/patchme");
    Result bad = kubectl.run("patch", "cm", "patchme", "--type=json", "-p",
        "[{\"op\":\"test\",\"path\":\"/data/k\",\"value\":\"nope\"}]");
    assertThat(bad.exitCode()).isNotZero();
  }

  @Test
  void editThroughAScriptedEditor() throws Exception {
    ok("create", "configmap", "editme", "--from-literal=color=blue");
    Path editor = file("editor.sh", "#!/bin/sh\nsed -i 's/color: blue/color: green/' \"$1\"\n");
    editor.toFile().setExecutable(true);
    Result r = kubectl.run(null, Map.of("KUBE_EDITOR", editor.toString()), 60,
        "edit", "cm", "editme");
    r.assertOk();
    assertThat(ok("get", "cm", "editme", "-o", "jsonpath={.data.color}").stdout())
        .isEqualTo("green");
  }

  @Test
  void replaceAndDiff() throws Exception {
    ok("create", "configmap", "rep", "--from-literal=v=1");
    JsonNode cm = json("get", "cm", "rep", "-o", "json");
    ((com.fasterxml.jackson.databind.node.ObjectNode) cm.get("data")).put("v", "2");
    Path f = file("rep.json", cm.toString());
    ok("replace", "-f", f.toString());
    assertThat(ok("get", "cm", "rep", "-o", "jsonpath={.data.v}").stdout()).isEqualTo("2");
    Path changed = file("rep-diff.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: rep\n"
        + "data:\n  v: \"3\"\n");
    Result diff = kubectl.run("diff", "-f", changed.toString());
    assertThat(diff.exitCode()).isEqualTo(1);
    assertThat(diff.stdout()).contains("-  v: \"2\"").contains("+  v: \"3\"");
    assertThat(ok("get", "cm", "rep", "-o", "jsonpath={.data.v}").stdout()).isEqualTo("2");
  }

  @Test
  void deleteWaitsUntilGone() {
    ok("create", "configmap", "gone", "--from-literal=a=b");
    Result r = ok("delete", "cm", "gone", "--wait=true", "--timeout=30s");
    assertThat(r.stdout()).contains("configmap \"gone\" deleted");
    Result get = kubectl.run("get", "cm", "gone");
    assertThat(get.exitCode()).isNotZero();
    assertThat(get.stderr()).contains("NotFound").contains("configmaps \"gone\" not found");
  }

  @Test
  void dryRunServerPersistsNothing() throws Exception {
    Path f = file("dry.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: dry\n"
        + "data:\n  a: b\n");
    assertThat(ok("apply", "--dry-run=server", "-f", f.toString()).stdout())
        .contains("(server dry run)");
    assertThat(kubectl.run("get", "cm", "dry").exitCode()).isNotZero();
  }

  @Test
  void explainUsesOpenApi() {
    Result r = ok("explain", "pods.spec.containers");
    assertThat(r.stdout()).contains("KIND:").contains("Pod").contains("FIELD:").contains("containers");
    assertThat(ok("explain", "deployment.spec.replicas").stdout()).contains("replicas");
  }

  @Test
  void apiResourcesListsShortNamesAndGroups() {
    Result r = ok("api-resources");
    assertThat(r.stdout()).containsPattern("pods\\s+po\\s+v1\\s+true\\s+Pod");
    assertThat(r.stdout()).containsPattern("deployments\\s+deploy\\s+apps/v1\\s+true\\s+Deployment");
    assertThat(r.stdout()).contains("customresourcedefinitions").contains("leases")
        .contains("horizontalpodautoscalers");
  }

  @Test
  void getAllListsWorkloadsAndServices() {
    ok("create", "namespace", "all-ns");
    ok("create", "deployment", "d-all", "--image=busybox", "-n", "all-ns");
    Result r = ok("get", "all", "-n", "all-ns");
    assertThat(r.stdout()).contains("deployment.apps/d-all");
  }

  @Test
  void watchPrintsNewObjects() throws Exception {
    ok("create", "namespace", "watch-ns");
    Process p = kubectl.start("get", "configmaps", "-n", "watch-ns", "-w");
    List<String> lines = new CopyOnWriteArrayList<>();
    Thread reader = new Thread(() -> {
      try (BufferedReader br = new BufferedReader(new InputStreamReader(p.getInputStream(),
          StandardCharsets.UTF_8))) {
        String line;
        while ((line = br.readLine()) != null) {
          lines.add(line);
        }
      } catch (java.io.IOException e) {
        // process ended
      }
    });
    reader.start();
    try {
      Thread.sleep(1500);
      ok("create", "configmap", "seen", "-n", "watch-ns", "--from-literal=a=b");
      await().atMost(Duration.ofSeconds(20)).until(() ->
          lines.stream().anyMatch(l -> l.startsWith("seen")));
      assertThat(lines.stream().filter(l -> l.startsWith("NAME")).count()).isLessThanOrEqualTo(1);
    } finally {
      p.destroy();
    }
  }

  @Test
  void strictFieldValidationRejectsUnknownFields() throws Exception {
    Path f = file("bad.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: strict\n"
        + "  bogus: 1\ndata:\n  a: b\n");
    Result r = kubectl.run("apply", "-f", f.toString());
    assertThat(r.exitCode()).isNotZero();
    assertThat(r.stderr()).contains("unknown field \"metadata.bogus\"");
    ok("apply", "--validate=false", "-f", f.toString());
    assertThat(json("get", "cm", "strict", "-o", "json").at("/metadata").has("bogus")).isFalse();
  }

  @Test
  void fieldSelectorsFilterLists() {
    ok("create", "configmap", "fs-a", "--from-literal=a=b");
    ok("create", "configmap", "fs-b", "--from-literal=a=b");
    assertThat(ok("get", "cm", "--field-selector", "metadata.name=fs-b", "-o", "name").stdout()
        .trim()).isEqualTo("configmap/fs-b");
    Result bad = kubectl.run("get", "pods", "--field-selector", "spec.bogus=x");
    assertThat(bad.exitCode()).isNotZero();
    assertThat(bad.stderr()).contains("field label not supported: spec.bogus");
  }

  private static String deployment(String name, String image, int replicas) {
    return "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: " + name + "\n"
        + "spec:\n  replicas: " + replicas + "\n  selector:\n    matchLabels:\n      app: " + name
        + "\n  template:\n    metadata:\n      labels:\n        app: " + name + "\n"
        + "    spec:\n      containers:\n      - name: main\n        image: " + image + "\n";
  }
}
