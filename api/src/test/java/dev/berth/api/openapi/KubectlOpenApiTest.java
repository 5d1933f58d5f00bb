package dev.berth.api.openapi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.berth.api.schema.builtin.BuiltinSchemas;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Drives the real kubectl 1.32 against a throwaway HTTP server that serves minimal discovery and
 * the published OpenAPI documents: {@code kubectl explain} must find the kinds and fields, and
 * {@code kubectl create --validate=strict} must choose server-side validation (it sends
 * {@code fieldValidation=Strict} only when the v3 document advertises the parameter).
 */
@Tag("kubectl")
class KubectlOpenApiTest {

  private static final Path KUBECTL = Path.of(System.getProperty("berth.kubectl",
      "/usr/lib/google-cloud-sdk/bin/kubectl.1.32"));

  private static HttpServer server;
  private static final List<String> requests = new CopyOnWriteArrayList<>();

  @TempDir
  static Path home;

  @BeforeAll
  static void start() throws IOException {
    assumeTrue(Files.isExecutable(KUBECTL), "kubectl 1.32 not installed at " + KUBECTL);
    BuiltinSchemas schemas = new BuiltinSchemas();
    OpenApiPublisher publisher = new OpenApiPublisher(schemas::component, "v1.32.4");
    publisher.update(new BuiltinResourcesFixture(schemas).resources());

    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", exchange -> {
      String path = exchange.getRequestURI().getPath();
      requests.add(exchange.getRequestMethod() + " " + exchange.getRequestURI());
      switch (path) {
        case "/version" -> reply(exchange, 200, """
            {"major":"1","minor":"32","gitVersion":"v1.32.4","platform":"linux/amd64"}""");
        case "/api" -> reply(exchange, 200, """
            {"kind":"APIVersions","versions":["v1"],"serverAddressByClientCIDRs":[]}""");
        case "/apis" -> reply(exchange, 200, """
            {"kind":"APIGroupList","apiVersion":"v1","groups":[{"name":"apps","versions":[{"groupVersion":"apps/v1","version":"v1"}],
             "preferredVersion":{"groupVersion":"apps/v1","version":"v1"}}]}""");
        case "/api/v1" -> reply(exchange, 200, """
            {"kind":"APIResourceList","apiVersion":"v1","groupVersion":"v1","resources":[
             {"name":"pods","singularName":"pod","namespaced":true,"kind":"Pod","verbs":["create","delete","get","list","patch","update"],"shortNames":["po"]}]}""");
        case "/apis/apps/v1" -> reply(exchange, 200, """
            {"kind":"APIResourceList","apiVersion":"v1","groupVersion":"apps/v1","resources":[
             {"name":"deployments","singularName":"deployment","namespaced":true,"kind":"Deployment","verbs":["create","delete","get","list","patch","update"],"shortNames":["deploy"]}]}""");
        case "/openapi/v3" -> reply(exchange, 200, publisher.v3Root().json());
        case "/openapi/v2" -> reply(exchange, 200, publisher.v2().json());
        case "/api/v1/namespaces/default/pods" -> {
          byte[] body = exchange.getRequestBody().readAllBytes();
          reply(exchange, 201, body);
        }
        default -> {
          if (path.startsWith("/openapi/v3/")) {
            var doc = publisher.v3(path.substring("/openapi/v3/".length()));
            if (doc.isPresent()) {
              reply(exchange, 200, doc.get().json());
              return;
            }
          }
          reply(exchange, 404, """
              {"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","reason":"NotFound","code":404}""");
        }
      }
    });
    server.start();
    String kubeconfig = """
        apiVersion: v1
        kind: Config
        clusters: [{name: t, cluster: {server: "http://127.0.0.1:%d"}}]
        users: [{name: t, user: {token: abc}}]
        contexts: [{name: t, context: {cluster: t, user: t, namespace: default}}]
        current-context: t
        """.formatted(server.getAddress().getPort());
    Files.writeString(home.resolve("kubeconfig"), kubeconfig);
  }

  @AfterAll
  static void stop() {
    if (server != null) {
      server.stop(0);
    }
  }

  @Test
  void explainFindsKindsFieldsAndNestedTypes() throws Exception {
    Result pods = kubectl("explain", "pods");
    assertThat(pods.out()).as(pods.err()).contains("KIND:", "Pod", "VERSION:", "v1", "spec", "status");
    Result containers = kubectl("explain", "pods.spec.containers");
    assertThat(containers.out()).as(containers.err()).contains("FIELD: containers <[]Container>", "image", "ports");
    assertThat(containers.out()).containsPattern("name\\s+<string> -required-");
    Result strategy = kubectl("explain", "deployments.spec.strategy.rollingUpdate.maxSurge");
    assertThat(strategy.out()).as(strategy.err()).contains("maxSurge", "IntOrString");
    Result labels = kubectl("explain", "deployment.metadata.labels");
    assertThat(labels.out()).as(labels.err()).contains("map[string]string");
  }

  @Test
  void createWithStrictValidationLeavesValidationToTheServer() throws Exception {
    Path pod = home.resolve("pod.yaml");
    Files.writeString(pod, """
        apiVersion: v1
        kind: Pod
        metadata: {name: p1}
        spec:
          containers: [{name: c, image: nginx}]
        """);
    requests.clear();
    Result created = kubectl("create", "-f", pod.toString(), "--validate=strict");
    assertThat(created.exit()).as(created.err()).isZero();
    assertThat(requests).anyMatch(r -> r.startsWith("POST /api/v1/namespaces/default/pods")
        && r.contains("fieldValidation=Strict"));
    assertThat(requests).noneMatch(r -> r.startsWith("GET /openapi/v2"));
  }

  private record Result(int exit, String out, String err) {}

  private static Result kubectl(String... args) throws Exception {
    List<String> command = new java.util.ArrayList<>(List.of(KUBECTL.toString(),
        "--kubeconfig=" + home.resolve("kubeconfig"), "--cache-dir=" + home.resolve("cache")));
    command.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(command);
    pb.environment().put("HOME", home.toString());
    Path out = Files.createTempFile(home, "out", ".txt");
    Path err = Files.createTempFile(home, "err", ".txt");
    pb.redirectOutput(out.toFile()).redirectError(err.toFile());
    Process p = pb.start();
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("kubectl finished").isTrue();
    return new Result(p.exitValue(), Files.readString(out), Files.readString(err));
  }

  private static void reply(HttpExchange exchange, int code, String body) throws IOException {
    reply(exchange, code, body.getBytes(StandardCharsets.UTF_8));
  }

  private static void reply(HttpExchange exchange, int code, byte[] body) throws IOException {
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.sendResponseHeaders(code, body.length);
    try (OutputStream os = exchange.getResponseBody()) {
      os.write(body);
    }
  }
}
