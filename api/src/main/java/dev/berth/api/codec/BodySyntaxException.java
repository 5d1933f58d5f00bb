package dev.berth.api.codec;

/**
 * Internal signal from the parsers that the body is not acceptable; {@link BodyDecoder} turns it into
 * the 400 the client sees. Carries the message only (no stack trace: it is an expected outcome of bad
 * input, raised deep in a parse loop).
 */
final class BodySyntaxException extends RuntimeException {

  BodySyntaxException(String message) {
    super(message, null, false, false);
  }
}
