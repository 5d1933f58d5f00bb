package dev.berth.apiserver.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.berth.api.status.ApiErrors;
import dev.berth.apiserver.util.Json;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * The opaque {@code continue} token of paginated lists: the revision the first page was read at and
 * the key to resume from, base64-encoded JSON as upstream's (so a client can't mistake it for data).
 */
public record ContinueToken(long revision, String startKey) {

  public String encode() {
    ObjectNode o = Json.NODES.objectNode();
    o.put("v", "meta.k8s.io/v1");
    o.put("rv", revision);
    o.put("start", startKey);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(Json.bytes(o));
  }

  /** Decodes a token, or throws 400 BadRequest naming the problem. */
  public static ContinueToken decode(String token) {
    try {
      byte[] raw = Base64.getUrlDecoder().decode(token.replace('+', '-').replace('/', '_')
          .replace("=", ""));
      JsonNode n = Json.MAPPER.readTree(new String(raw, StandardCharsets.UTF_8));
      if (n == null || !"meta.k8s.io/v1".equals(n.path("v").asText())
          || !n.path("rv").canConvertToLong() || !n.path("start").isTextual()
          || n.path("rv").asLong() <= 0) {
        throw ApiErrors.badRequest("continue key is not valid: incorrect encoded start "
            + "resourceVersion (version meta.k8s.io/v1)");
      }
      return new ContinueToken(n.path("rv").asLong(), n.path("start").asText());
    } catch (IllegalArgumentException | java.io.IOException e) {
      throw ApiErrors.badRequest("continue key is not valid: " + e.getMessage());
    }
  }
}
