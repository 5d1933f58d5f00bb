package dev.berth.apiserver.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Decoding of request bodies with field validation, and patching: the seam between the HTTP layer
 * and the API machinery of the {@code api} module.
 */
public interface RequestCodec {

  /**
   * Decodes an object body (JSON, YAML or Kubernetes protobuf by media type; JSON when null) for a
   * write to {@code type}, and applies {@code fieldValidation} (Strict, Warn or Ignore): values of
   * the wrong type are a 400 whatever the mode; unknown and duplicate fields are a 400 under Strict,
   * a warning in {@code ctx} under Warn, and are dropped from the result either way.
   */
  ObjectNode decodeObject(ResourceType type, String mediaType, byte[] body,
      String fieldValidation, WriteContext ctx);

  /** Decodes any JSON or YAML value (patch documents, options), or throws 400/415. */
  JsonNode decodeValue(String mediaType, byte[] body);

  /** Field validation of an object produced by a patch, as {@link #decodeObject} does for bodies. */
  void checkPatched(ResourceType type, ObjectNode obj, String fieldValidation, WriteContext ctx);

  /** Applies a JSON, merge or strategic merge patch (not apply) to {@code current}. */
  ObjectNode patch(ResourceType type, String patchType, ObjectNode current, JsonNode patch);
}
