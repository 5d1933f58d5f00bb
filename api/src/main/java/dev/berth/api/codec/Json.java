package dev.berth.api.codec;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamWriteConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** Compact serialisation of Jackson trees, as stored and as sent on the wire. */
public final class Json {

  /** Configured once at class initialisation and never changed afterwards; Jackson mappers are thread-safe. */
  private static final ObjectMapper MAPPER = new ObjectMapper(JsonFactory.builder()
      .streamWriteConstraints(StreamWriteConstraints.builder().maxNestingDepth(2000).build())
      .build())
      .disable(SerializationFeature.INDENT_OUTPUT);

  private Json() {}

  /** The value as compact UTF-8 JSON bytes. */
  public static byte[] toBytes(JsonNode value) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(256);
    try (JsonGenerator g = MAPPER.getFactory().createGenerator(out)) {
      MAPPER.writeTree(g, value);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  /** The value as a compact JSON string. */
  public static String toString(JsonNode value) {
    return new String(toBytes(value), StandardCharsets.UTF_8);
  }
}
