package dev.berth.api.patch;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import com.flipkart.zjsonpatch.CompatibilityFlags;
import com.flipkart.zjsonpatch.JsonPatchApplicationException;
import dev.berth.api.status.ApiErrors;
import java.util.Comparator;
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
 * <p>As in json-patch v4: an operation without {@code value} uses {@code null}; {@code test} compares
 * numbers by value and a {@code test} of {@code null} passes on a missing member. Not reproduced from v4:
 * negative array indices (an extension no client is known to send).
 */
public final class JsonPatch {

  /** Upstream's {@code maxJSONPatchOperations}. */
  public static final int MAX_OPERATIONS = 10_000;

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  /** Equality of scalars by JSON value: numbers by their decimal value. */
  private static final Comparator<JsonNode> SAME_VALUE = (a, b) -> {
    if (a.equals(b)) {
      return 0;
    }
    if (a.isNumber() && b.isNumber()) {
      return a.decimalValue().compareTo(b.decimalValue()) == 0 ? 0 : 1;
    }
    return 1;
  };

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
    // json-patch v4: a missing value is null, removing a missing member fails
    EnumSet<CompatibilityFlags> flags =
        EnumSet.of(CompatibilityFlags.MISSING_VALUES_AS_NULLS, CompatibilityFlags.FORBID_REMOVE_MISSING_OBJECT);
    // one operation at a time on a private copy, so that a failure can name its operation
    JsonNode doc = original.deepCopy();
    for (int i = 0; i < operations.size(); i++) {
      JsonNode op = operations.get(i);
      ArrayNode single = NODES.arrayNode(1).add(op);
      try {
        if ("test".equals(op.path("op").textValue()) && op.path("path").isTextual()) {
          test(doc, op);
        } else if (touchesRoot(op)) {
          // zjsonpatch cannot replace the root in place
          doc = com.flipkart.zjsonpatch.JsonPatch.apply(single, doc, flags);
        } else {
          com.flipkart.zjsonpatch.JsonPatch.applyInPlace(single, doc, flags);
        }
      } catch (JsonPatchApplicationException | IllegalArgumentException | IllegalStateException e) {
        // IllegalArgument/IllegalState: zjsonpatch's reaction to a malformed pointer or a key into a list
        throw PatchErrors.invalid(describe(i, op, e.getMessage()));
      }
    }
    return doc;
  }

  /**
   * The {@code test} operation as json-patch v4 does it: numbers compare by value ({@code 1} equals
   * {@code 1.0}, whatever node types hold them), and a {@code null} (or absent) value matches a missing
   * member of an existing parent.
   */
  private static void test(JsonNode doc, JsonNode op) {
    String path = op.path("path").textValue();
    JsonPointer pointer = JsonPointer.compile(path);
    JsonNode expected = op.has("value") ? op.get("value") : NullNode.getInstance();
    JsonNode actual = doc.at(pointer);
    if (actual.isMissingNode()) {
      JsonNode parent = doc.at(pointer.head());
      if (expected.isNull() && parent.isContainerNode()) {
        return;
      }
      throw new IllegalStateException("doc is missing path");
    }
    if (!actual.equals(SAME_VALUE, expected)) {
      throw new IllegalStateException("testing value failed");
    }
  }

  private static boolean touchesRoot(JsonNode op) {
    return "".equals(op.path("path").textValue()) || "".equals(op.path("from").textValue());
  }

  private static String describe(int index, JsonNode op, String problem) {
    String kind = op.path("op").isTextual() ? op.path("op").textValue() : "operation";
    String path = op.path("path").isTextual() ? " to \"" + op.path("path").textValue() + "\"" : "";
    return kind + " operation at index " + index + " does not apply" + path + ": " + problem;
  }
}
