package dev.berth.apiserver.wiring;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.berth.api.patch.JsonMergePatch;
import dev.berth.api.patch.JsonPatch;
import dev.berth.api.patch.StrategicMergePatch;
import dev.berth.api.status.ApiErrors;
import dev.berth.apiserver.registry.ResourceType;

/** Applies the three non-apply patch types by media type. */
final class Patches {

  private Patches() {}

  static ObjectNode apply(ResourceType type, String patchType, ObjectNode current, JsonNode patch) {
    JsonNode result = switch (patchType) {
      case "application/json-patch+json" -> JsonPatch.apply(current, patch);
      case "application/merge-patch+json" -> JsonMergePatch.applyToObject(current, patch);
      case "application/strategic-merge-patch+json" ->
          StrategicMergePatch.apply(current, patch, type.schema().get());
      default -> throw ApiErrors.unsupportedMediaType(patchType);
    };
    if (!(result instanceof ObjectNode o)) {
      throw ApiErrors.badRequest("the patched object is not a JSON object");
    }
    return o;
  }
}
