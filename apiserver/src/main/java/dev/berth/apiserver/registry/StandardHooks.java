package dev.berth.apiserver.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.berth.api.registry.ResourceDescriptor;
import dev.berth.apiserver.util.Json;

/** The registry hooks of the built-in kinds (upstream's PrepareForCreate and graceful deletion). */
public final class StandardHooks {

  private StandardHooks() {}

  public static KindHooks forDescriptor(ResourceDescriptor d) {
    if (d.group().equals("apiextensions.k8s.io") && d.kind().equals("CustomResourceDefinition")) {
      return CRD;
    }
    if (!d.group().isEmpty()) {
      return d.hasStatus() ? RESET_STATUS : KindHooks.NONE;
    }
    return switch (d.kind()) {
      case "Pod" -> POD;
      case "Namespace" -> KindHooks.NONE;
      case "Node" -> KindHooks.NONE;
      case "PersistentVolume", "PersistentVolumeClaim" -> PENDING_PHASE;
      default -> d.hasStatus() ? RESET_STATUS : KindHooks.NONE;
    };
  }

  /** Status is owned by controllers: a create never sets it. */
  public static final KindHooks RESET_STATUS = new KindHooks() {
    @Override
    public void prepareForCreate(ObjectNode obj) {
      obj.remove("status");
    }
  };

  /** New CRDs start without status and with the finalizer that deletes their objects first. */
  static final KindHooks CRD = new KindHooks() {
    @Override
    public void prepareForCreate(ObjectNode obj) {
      obj.remove("status");
      ObjectNode meta = Json.metadata(obj);
      com.fasterxml.jackson.databind.node.ArrayNode finalizers = meta.withArray("finalizers");
      for (JsonNode f : finalizers) {
        if (f.asText().equals("customresourcecleanup.apiextensions.k8s.io")) {
          return;
        }
      }
      finalizers.add("customresourcecleanup.apiextensions.k8s.io");
    }
  };

  static final KindHooks PENDING_PHASE = new KindHooks() {
    @Override
    public void prepareForCreate(ObjectNode obj) {
      obj.putObject("status").put("phase", "Pending");
    }
  };

  static final KindHooks POD = new KindHooks() {
    @Override
    public long gracePeriodSeconds(ObjectNode pod, Long requested) {
      String phase = pod.path("status").path("phase").asText("");
      if (phase.equals("Succeeded") || phase.equals("Failed")) {
        return 0;
      }
      if (pod.path("spec").path("nodeName").asText("").isEmpty()) {
        return 0;
      }
      if (requested != null) {
        return Math.max(requested, 0);
      }
      JsonNode spec = pod.path("spec").path("terminationGracePeriodSeconds");
      return spec.canConvertToLong() ? Math.max(spec.asLong(), 0) : 30;
    }
  };

}
