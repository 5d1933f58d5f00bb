package dev.berth.api.proto;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * Request bodies captured from kubectl 1.32 (our own captures, see kubectl/README.md): for each
 * label, {@code <label>.pb} is the protobuf body kubectl sent, and {@code <label>.dryrun.json},
 * where present, is what the same command printed with {@code --dry-run=client -o json}, i.e. Go's
 * encoding/json of the very object that was protobuf-encoded.
 */
final class KubectlFixtures {

  static final List<String> WITH_JSON = List.of("namespace", "deployment", "deployment-multi",
      "deployment-cmd", "configmap", "secret-generic", "secret-docker", "service-clusterip",
      "service-nodeport", "service-loadbalancer", "service-externalname", "serviceaccount", "role",
      "clusterrole", "clusterrole-agg", "rolebinding", "clusterrolebinding", "cronjob", "job",
      "job-from-cronjob", "ingress", "pdb", "pdb-int", "priorityclass", "quota");

  /** Bodies whose commands have no client-side dry run. */
  static final List<String> PROTOBUF_ONLY = List.of("token", "cani", "cani-nonresource",
      "certificate-approve", "drain-delete");

  private static final ObjectMapper JSON = new ObjectMapper();

  private KubectlFixtures() {}

  static byte[] body(String label) {
    return bytes("kubectl/" + label + ".pb");
  }

  static JsonNode dryRunJson(String label) {
    try {
      return JSON.readTree(bytes("kubectl/" + label + ".dryrun.json"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static byte[] bytes(String resource) {
    try (InputStream in = KubectlFixtures.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("missing test resource " + resource);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
