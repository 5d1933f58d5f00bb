package dev.berth.apiserver.util;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;

/** The API server's JSON mapper and small tree helpers. Stateless; the mapper is thread-safe. */
public final class Json {

  public static final ObjectMapper MAPPER = new ObjectMapper();
  public static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private Json() {}

  public static byte[] bytes(JsonNode node) {
    try {
      return MAPPER.writeValueAsBytes(node);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialise a JSON tree", e);
    }
  }

  public static String string(JsonNode node) {
    try {
      return MAPPER.writeValueAsString(node);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialise a JSON tree", e);
    }
  }

  /** Parses bytes this server wrote itself; malformed input here is a bug or corruption. */
  public static ObjectNode parseTrusted(byte[] bytes) {
    try {
      JsonNode n = MAPPER.readTree(bytes);
      if (!(n instanceof ObjectNode o)) {
        throw new IllegalStateException("stored value is not a JSON object");
      }
      return o;
    } catch (IOException e) {
      throw new UncheckedIOException("corrupt stored object", e);
    }
  }

  public static String text(JsonNode node, String field) {
    JsonNode v = node == null ? null : node.get(field);
    return v == null || v.isNull() ? null : v.asText();
  }

  /** {@code obj.metadata}, created if absent. */
  public static ObjectNode metadata(ObjectNode obj) {
    JsonNode m = obj.get("metadata");
    if (m instanceof ObjectNode o) {
      return o;
    }
    return obj.putObject("metadata");
  }
}
