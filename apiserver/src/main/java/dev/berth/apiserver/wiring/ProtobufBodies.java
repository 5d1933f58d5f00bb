package dev.berth.apiserver.wiring;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.berth.api.status.ApiErrors;

/** Kubernetes protobuf request bodies (kubectl's typed clients send them). */
final class ProtobufBodies {

  ObjectNode decode(byte[] body) {
    throw ApiErrors.unsupportedMediaType("application/vnd.kubernetes.protobuf");
  }
}
