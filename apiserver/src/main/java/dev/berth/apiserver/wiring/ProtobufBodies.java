package dev.berth.apiserver.wiring;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.berth.api.proto.ProtobufDecoder;

/** Kubernetes protobuf request bodies (kubectl's typed clients send them); responses stay JSON. */
final class ProtobufBodies {

  private final ProtobufDecoder decoder = new ProtobufDecoder();

  ObjectNode decode(byte[] body) {
    return decoder.decode(body);
  }
}
