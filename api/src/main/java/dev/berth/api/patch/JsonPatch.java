package dev.berth.api.patch;

import com.fasterxml.jackson.databind.JsonNode;
import com.flipkart.zjsonpatch.CompatibilityFlags;
import com.flipkart.zjsonpatch.JsonPatchApplicationException;
import dev.berth.api.status.ApiErrors;
import java.util.EnumSet;

/**
 * JSON patch ({@code application/json-patch+json}, RFC 6902) with the refusals of kube-apiserver's patch
 * handler, which decodes with evanphx/json-patch v4:
 *
 * <ul>
 *   <li>a body that is not an array of objects does not decode: 400 BadRequest with Go's decoding
 *       message ({@code json: cannot unmarshal object into Go value of type jsonpatch.Patch});
 *   <li>more than {@value #MAX_OPERATIONS} operations: 413 RequestEntityTooLarge;
 *   <li>any operation that cannot be applied — a failing {@code test}, a {@code replace} or
 *       {@code remove} of a missing path, an unknown {@code op}, a missing {@code path}: 422 Invalid with
 *       upstream's generic message; the specific reason is kept as the status cause.
 * </ul>
 *
 * <p>As in json-patch v4, an operation without {@code value} uses {@code null}. Not reproduced from v4:
 * negative array indices and a {@code test} of {@code null} passing on a missing member.
 */
public final class JsonPatch {

  /** Upstream's {@code maxJSONPatchOperations}. */
  public static final int MAX_OPERATIONS = 10_000;

  private static final EnumSet<CompatibilityFlags> FLAGS =
      EnumSet.of(CompatibilityFlags.MISSING_VALUES_AS_NULLS, CompatibilityFlags.FORBID_REMOVE_MISSING_OBJECT);

  private JsonPatch() {}

  /**
   * Applies the operations to a copy of {@code original} and returns it. Neither input is mutated and the
   * result shares no mutable node with them. A JSON {@code null} body is an empty patch, as upstream.
   */
  public static JsonNode apply(JsonNode original, JsonNode operations) {
    if (operations.isNull()) {
      return original.deepCopy();
    }
    if (!operations.isArray()) {
      throw PatchErrors.badRequest("json: cannot unmarshal " + PatchErrors.jsonKind(operations)
          + " into Go value of type jsonpatch.Patch");
    }
    for (JsonNode op : operations) {
      if (!op.isObject() && !op.isNull()) {
        throw PatchErrors.badRequest("json: cannot unmarshal " + PatchErrors.jsonKind(op)
            + " into Go value of type jsonpatch.Operation");
      }
    }
    if (operations.size() > MAX_OPERATIONS) {
      throw ApiErrors.requestEntityTooLarge("Request entity too large: The allowed maximum operations in a "
          + "JSON patch is " + MAX_OPERATIONS + ", got " + operations.size());
    }
    for (int i = 0; i < operations.size(); i++) {
      if (operations.get(i).isNull()) {
        // json-patch v4 decodes null as an operation without a kind
        throw PatchErrors.invalid("Unexpected kind: unknown");
      }
    }
    try {
      return com.flipkart.zjsonpatch.JsonPatch.apply(operations, original, FLAGS);
    } catch (JsonPatchApplicationException e) {
      throw PatchErrors.invalid(describe(e));
    } catch (IllegalArgumentException | IllegalStateException e) {
      // zjsonpatch's reaction to a malformed pointer or an index into an object/array mismatch
      throw PatchErrors.invalid(e.getMessage());
    }
  }

  private static String describe(JsonPatchApplicationException e) {
    String message = e.getMessage();
    if (e.getOperation() != null && e.getPath() != null) {
      return e.getOperation().rfcName() + " operation does not apply: path \"" + e.getPath() + "\": "
          + message;
    }
    return message;
  }
}
