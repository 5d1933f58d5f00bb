package dev.berth.api.openapi;

import java.util.Objects;

/**
 * A serialised OpenAPI document and its content hash.
 *
 * <p>{@link #json()} is the shared, cached array: write it to the wire, never modify it. The hash
 * is the uppercase hex SHA-512 of the bytes (what kube-apiserver uses), so an HTTP layer can answer
 * {@code /openapi/v3/<gv>?hash=<hash>} with {@code Cache-Control: public, immutable,
 * max-age=31536000} and use {@link #etag()} for conditional requests.
 */
public final class OpenApiDocument {

  private final byte[] json;
  private final String hash;

  OpenApiDocument(byte[] json, String hash) {
    this.json = Objects.requireNonNull(json);
    this.hash = Objects.requireNonNull(hash);
  }

  /** The document as UTF-8 JSON (shared; do not modify). */
  public byte[] json() {
    return json;
  }

  /** Uppercase hex SHA-512 of {@link #json()}. */
  public String hash() {
    return hash;
  }

  /** A strong ETag value (quoted hash). */
  public String etag() {
    return '"' + hash + '"';
  }

  @Override
  public String toString() {
    return "OpenApiDocument{" + json.length + " bytes, " + hash.substring(0, 12) + "…}";
  }
}
