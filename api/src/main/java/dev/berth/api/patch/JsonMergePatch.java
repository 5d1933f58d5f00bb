package dev.berth.api.patch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.berth.api.status.ApiException;
import dev.berth.api.status.StatusCause;
import dev.berth.api.validation.FieldError;
import java.util.List;
import java.util.Map;

/**
 * JSON merge patch ({@code application/merge-patch+json}, RFC 7386): objects merge recursively, a
 * {@code null} member deletes, any other value (arrays included) replaces.
 *
 * <p>The inputs are never mutated and the result shares no mutable node with them, so callers may edit
 * it freely. The original is copied once; the patch's values are copied as they are taken.
 */
public final class JsonMergePatch {

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private JsonMergePatch() {}

  /**
   * RFC 7386 {@code MergePatch(original, patch)}, total: a non-object patch is the result (copied),
   * a null original is treated as absent.
   */
  public static JsonNode apply(JsonNode original, JsonNode patch) {
    if (!patch.isObject()) {
      return withoutNullMembers(patch);
    }
    ObjectNode target = original != null && original.isObject()
        ? ((ObjectNode) original).deepCopy() : NODES.objectNode();
    mergeInto(target, (ObjectNode) patch);
    return target;
  }

  /**
   * The server side of a merge-patch request against an object, with kube-apiserver's refusals: a
   * {@code null} or scalar patch is 400 {@code Invalid JSON Patch} (evanphx/json-patch's
   * ErrBadJSONPatch), and an array patch — which would replace the object by a list — is 422 Invalid, as
   * the decoding of the patched document fails upstream.
   */
  public static ObjectNode applyToObject(JsonNode original, JsonNode patch) {
    if (patch.isArray()) {
      // upstream: NewInvalid with an empty GroupKind and name, hence the message's odd start
      FieldError error = FieldError.invalid("patch", patch.toString(),
          "json: cannot unmarshal array into Go value of type map[string]interface {}");
      throw new ApiException(422, "Invalid", " \"\" is invalid: " + error, null, null, null,
          List.of(new StatusCause(error.type().reason(), error.message(), error.field())), 0);
    }
    if (!patch.isObject()) {
      throw PatchErrors.badRequest("Invalid JSON Patch");
    }
    return (ObjectNode) apply(original, patch);
  }

  /**
   * Applies {@code patch} to {@code target} in place; for callers that already own a private copy of
   * the object (e.g. freshly decoded from storage). The patch is not mutated.
   */
  public static ObjectNode applyInPlace(ObjectNode target, ObjectNode patch) {
    mergeInto(target, patch);
    return target;
  }

  private static void mergeInto(ObjectNode target, ObjectNode patch) {
    for (Map.Entry<String, JsonNode> e : patch.properties()) {
      String key = e.getKey();
      JsonNode value = e.getValue();
      if (value.isNull()) {
        target.remove(key);
      } else if (value.isObject()) {
        JsonNode current = target.get(key);
        if (current != null && current.isObject()) {
          mergeInto((ObjectNode) current, (ObjectNode) value);
        } else {
          // MergePatch({}, value): nested nulls vanish
          target.set(key, withoutNullMembers(value));
        }
      } else {
        target.set(key, value.isArray() ? value.deepCopy() : value);
      }
    }
  }

  /** A copy of {@code value} where objects lose their null members; arrays are values and kept as is. */
  private static JsonNode withoutNullMembers(JsonNode value) {
    if (value.isObject()) {
      ObjectNode out = NODES.objectNode();
      for (Map.Entry<String, JsonNode> e : value.properties()) {
        if (!e.getValue().isNull()) {
          out.set(e.getKey(), withoutNullMembers(e.getValue()));
        }
      }
      return out;
    }
    return value.isArray() ? value.deepCopy() : value;
  }
}
