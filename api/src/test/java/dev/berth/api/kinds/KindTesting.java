package dev.berth.api.kinds;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.berth.api.validation.FieldError;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/** Small helpers shared by the kind tests: YAML objects, the write path, readable error lists. */
final class KindTesting {

  private KindTesting() {}

  static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  static final ObjectMapper JSON = new ObjectMapper();
  static final String UID = "8c5e8f7a-0d7b-4c39-9b1e-2f7a1c3d4e5f";

  static ObjectNode yaml(String text) {
    try {
      return (ObjectNode) YAML.readTree(text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Re-reads a tree so that numbers compare by their JSON form, whatever node class built them. */
  static JsonNode normalized(JsonNode n) {
    try {
      return JSON.readTree(JSON.writeValueAsString(n));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** What the create path does before validation: defaults, uid, prepareForCreate. */
  static ObjectNode created(KindStrategy s, ObjectNode obj) {
    s.applyDefaults(obj);
    ObjectNode meta = (ObjectNode) obj.get("metadata");
    if (meta != null && !meta.has("uid")) {
      meta.put("uid", UID);
    }
    s.prepareForCreate(obj);
    return obj;
  }

  /** Errors as upstream prints them: {@code field: message}. */
  static List<String> messages(List<FieldError> errors) {
    return errors.stream().map(FieldError::toString).toList();
  }

  /** Create-path errors of {@code yaml} for {@code s}. */
  static List<String> createErrors(KindStrategy s, String yaml) {
    return messages(s.validateCreate(created(s, yaml(yaml))));
  }

  /** Update-path errors: both objects defaulted, the new one prepared against the old. */
  static List<String> updateErrors(KindStrategy s, ObjectNode old, ObjectNode updated) {
    s.applyDefaults(updated);
    s.prepareForUpdate(updated, old);
    return messages(s.validateUpdate(updated, old));
  }
}
