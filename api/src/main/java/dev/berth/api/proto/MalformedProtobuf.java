package dev.berth.api.proto;

/**
 * Internal signal that the body cannot be decoded; {@link ProtobufDecoder} turns it into the 400 the
 * client receives, adding the request context upstream adds. Stackless: it describes bad input, not a
 * bug, and garbage bodies must stay cheap to reject.
 */
final class MalformedProtobuf extends RuntimeException {

  MalformedProtobuf(String message) {
    super(message, null, false, false);
  }

  /** Go's io.ErrUnexpectedEOF, which gogo unmarshalers return for truncated input. */
  static MalformedProtobuf unexpectedEof() {
    return new MalformedProtobuf("unexpected EOF");
  }
}
