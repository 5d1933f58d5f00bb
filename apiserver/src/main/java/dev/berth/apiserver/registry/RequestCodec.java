package dev.berth.apiserver.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * Decoding of request bodies and schema-driven field checks: the seam between the HTTP layer and
 * the API machinery in the {@code api} module.
 */
public interface RequestCodec {

  /** A decoded body and the duplicate fields found in it (paths as upstream prints them). */
  record Decoded(JsonNode value, List<String> duplicateFields) {}

  /**
   * Decodes JSON, YAML or Kubernetes protobuf by media type ({@code application/json} when null).
   * Throws a 400/415 ApiException for malformed or unsupported bodies.
   */
  Decoded decode(String mediaType, byte[] body);

  /**
   * Checks {@code obj} against the type's schema: throws 400 for values of the wrong type, and
   * returns the unknown fields (which are removed from {@code obj}, as upstream decoding drops them).
   */
  List<String> checkAndPrune(ResourceType type, ObjectNode obj);

  /** Applies a JSON, merge or strategic merge patch (not apply) to a copy of {@code current}. */
  ObjectNode patch(ResourceType type, String patchType, ObjectNode current, JsonNode patch);
}
