package dev.berth.api.codec;

import java.util.Locale;
import java.util.Optional;

/** The text syntax of a request body. Protobuf bodies are decoded elsewhere. */
public enum BodyFormat {
  JSON,
  /**
   * YAML, single document. JSON is a subset of YAML; a body that looks like JSON (starts with '{' or
   * '[') is decoded with the JSON fast path first, as kubectl sends JSON under
   * {@code application/apply-patch+yaml}.
   */
  YAML;

  /**
   * The format for a request Content-Type, ignoring parameters such as {@code charset=utf-8}:
   * {@code application/json} and the JSON patch types map to JSON, {@code application/yaml} and
   * {@code application/apply-patch+yaml} to YAML. A missing Content-Type is JSON (kubectl scale and
   * client-java send none on some requests). Anything else is empty: the caller answers 415.
   */
  public static Optional<BodyFormat> forContentType(String contentType) {
    if (contentType == null || contentType.isBlank()) {
      return Optional.of(JSON);
    }
    int semi = contentType.indexOf(';');
    String type = (semi < 0 ? contentType : contentType.substring(0, semi)).trim()
        .toLowerCase(Locale.ROOT);
    return switch (type) {
      case "application/json", "application/merge-patch+json",
          "application/strategic-merge-patch+json", "application/json-patch+json" -> Optional.of(JSON);
      case "application/yaml", "application/apply-patch+yaml" -> Optional.of(YAML);
      default -> Optional.empty();
    };
  }
}
