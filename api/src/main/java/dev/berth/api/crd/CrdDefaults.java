package dev.berth.api.crd;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Locale;

/**
 * The defaults kube-apiserver applies to an {@code apiextensions.k8s.io/v1}
 * CustomResourceDefinition before validating it: {@code spec.names.singular} is the lower-cased
 * kind, {@code spec.names.listKind} is the kind plus {@code List}, {@code spec.conversion} is
 * {@code {strategy: None}}, a conversion webhook service's port is 443, and
 * {@code status.storedVersions} starts with the storage version.
 */
public final class CrdDefaults {

  private CrdDefaults() {}

  /** Applies the defaults in place; parts that are missing or of the wrong type are left alone. */
  public static void apply(JsonNode crd) {
    if (!(crd instanceof ObjectNode root) || !(root.get("spec") instanceof ObjectNode spec)) {
      return;
    }
    if (spec.get("names") instanceof ObjectNode names) {
      String kind = names.path("kind").asText("");
      if (names.path("singular").asText("").isEmpty() && names.has("kind")) {
        names.put("singular", kind.toLowerCase(Locale.ROOT));
      }
      if (names.path("listKind").asText("").isEmpty() && !kind.isEmpty()) {
        names.put("listKind", kind + "List");
      }
    }
    JsonNode conversion = spec.get("conversion");
    if (conversion == null || conversion.isNull()) {
      spec.putObject("conversion").put("strategy", "None");
    } else if (conversion.at("/webhook/clientConfig/service") instanceof ObjectNode service
        && !service.has("port")) {
      service.put("port", 443);
    }
    JsonNode stored = root.path("status").path("storedVersions");
    if (!stored.isArray() || stored.isEmpty()) {
      for (JsonNode v : spec.path("versions")) {
        if (v.path("storage").asBoolean(false)) {
          ObjectNode status = root.get("status") instanceof ObjectNode s ? s : root.putObject("status");
          status.putArray("storedVersions").add(v.path("name").asText());
          break;
        }
      }
    }
  }
}
