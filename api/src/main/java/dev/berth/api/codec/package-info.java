/**
 * Request body decoding: JSON and YAML into Jackson trees with repeated keys recorded (not lost) so
 * the handler can apply {@code fieldValidation}; bounded depth, size and alias expansion; upstream's
 * wording for every refusal. Entry points: {@link dev.berth.api.codec.BodyDecoder},
 * {@link dev.berth.api.codec.DecodedBody}, {@link dev.berth.api.codec.FieldValidation},
 * {@link dev.berth.api.codec.DecodeErrors}, {@link dev.berth.api.codec.Json}.
 */
package dev.berth.api.codec;
