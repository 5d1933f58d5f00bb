package dev.berth.apiserver.wiring;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.berth.api.codec.BodyDecoder;
import dev.berth.api.codec.BodyFormat;
import dev.berth.api.codec.DecodeErrors;
import dev.berth.api.codec.DecodedBody;
import dev.berth.api.schema.Schema;
import dev.berth.api.schema.ops.FieldChecker;
import dev.berth.api.schema.ops.Pruner;
import dev.berth.api.status.ApiErrors;
import dev.berth.apiserver.registry.RequestCodec;
import dev.berth.apiserver.registry.ResourceType;
import dev.berth.apiserver.registry.WriteContext;
import java.util.ArrayList;
import java.util.List;

/**
 * Request decoding over the api module: JSON and YAML with duplicate detection, Kubernetes protobuf,
 * upstream's field validation (typed checking for built-in kinds, structural pruning for custom
 * resources), and the patch types.
 */
final class ApiCodec implements RequestCodec {

  private static final String PROTOBUF = "application/vnd.kubernetes.protobuf";

  private final BodyDecoder decoder = new BodyDecoder();
  private final FieldChecker checker = new FieldChecker();
  private final Pruner pruner = new Pruner();
  private final ProtobufBodies protobuf = new ProtobufBodies();

  @Override
  public ObjectNode decodeObject(ResourceType type, String mediaType, byte[] body,
      String fieldValidation, WriteContext ctx) {
    DecodedBody decoded;
    if (PROTOBUF.equals(mediaType)) {
      decoded = DecodedBody.of(protobuf.decode(body), BodyFormat.JSON);
    } else {
      BodyFormat format = BodyFormat.forContentType(mediaType)
          .orElseThrow(() -> ApiErrors.unsupportedMediaType(mediaType));
      decoded = decoder.decodeObject(body, format, type.kind());
    }
    if (!(decoded.value() instanceof ObjectNode obj)) {
      throw ApiErrors.badRequest("the body of the request must be a JSON object");
    }
    validate(type, decoded, fieldValidation, ctx);
    return obj;
  }

  @Override
  public JsonNode decodeValue(String mediaType, byte[] body) {
    if (PROTOBUF.equals(mediaType)) {
      return protobuf.decode(body);
    }
    BodyFormat format = BodyFormat.forContentType(mediaType)
        .orElseThrow(() -> ApiErrors.unsupportedMediaType(mediaType));
    return decoder.decode(body, format).value();
  }

  @Override
  public void checkPatched(ResourceType type, ObjectNode obj, String fieldValidation,
      WriteContext ctx) {
    validate(type, DecodedBody.of(obj, BodyFormat.JSON), fieldValidation, ctx);
  }

  private void validate(ResourceType type, DecodedBody body, String mode, WriteContext ctx) {
    Schema schema = type.schema().get();
    String kind = type.kind();
    String version = type.descriptor().version();
    List<String> strict;
    if (schema == null) {
      strict = body.strictErrors();
    } else if (type.custom()) {
      strict = new ArrayList<>(body.strictErrors());
      for (String path : pruner.pruneResource(body.value(), schema)) {
        strict.add(DecodeErrors.unknownField(path));
      }
    } else {
      FieldChecker.Result r = checker.checkAndDropUnknown(body, schema);
      if (r.firstTypeMismatch().isPresent()) {
        throw DecodeErrors.cannotBeHandled(kind, version, kind,
            r.firstTypeMismatch().get().message());
      }
      strict = r.strictErrors();
    }
    if (strict.isEmpty()) {
      return;
    }
    switch (mode) {
      case "Strict" -> throw DecodeErrors.strict(kind, version, kind, strict);
      case "Warn" -> strict.forEach(ctx::warn);
      default -> { }
    }
  }

  @Override
  public ObjectNode patch(ResourceType type, String patchType, ObjectNode current, JsonNode patch) {
    return Patches.apply(type, patchType, current, patch);
  }
}
