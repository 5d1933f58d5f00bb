package dev.berth.apiserver.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.berth.api.status.ApiException;
import dev.berth.apiserver.util.Json;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import java.util.List;

/** Writing answers: JSON bodies, Status errors, Warning headers. */
public final class Responses {

  public static final String JSON = "application/json";

  private Responses() {}

  public static void json(HttpServerRequest req, int code, JsonNode body, List<String> warnings) {
    bytes(req, code, JSON, Json.bytes(body), warnings);
  }

  public static void bytes(HttpServerRequest req, int code, String contentType, byte[] body,
      List<String> warnings) {
    HttpServerResponse resp = req.response();
    if (resp.ended() || resp.closed()) {
      return;
    }
    resp.setStatusCode(code);
    resp.putHeader("Content-Type", contentType);
    resp.putHeader("Cache-Control", "no-cache, private");
    addWarnings(resp, warnings);
    resp.end(Buffer.buffer(body));
  }

  public static void buffer(HttpServerRequest req, int code, String contentType, Buffer body,
      List<String> warnings) {
    HttpServerResponse resp = req.response();
    if (resp.ended() || resp.closed()) {
      return;
    }
    resp.setStatusCode(code);
    resp.putHeader("Content-Type", contentType);
    resp.putHeader("Cache-Control", "no-cache, private");
    addWarnings(resp, warnings);
    resp.end(body);
  }

  public static void status(HttpServerRequest req, ApiException e, List<String> warnings) {
    HttpServerResponse resp = req.response();
    if (resp.ended() || resp.closed()) {
      return;
    }
    if (e.retryAfterSeconds() > 0) {
      resp.putHeader("Retry-After", Integer.toString(e.retryAfterSeconds()));
    }
    json(req, e.code(), e.toStatus(), warnings);
  }

  public static void text(HttpServerRequest req, int code, String body) {
    HttpServerResponse resp = req.response();
    if (resp.ended() || resp.closed()) {
      return;
    }
    resp.setStatusCode(code);
    resp.putHeader("Content-Type", "text/plain; charset=utf-8");
    resp.end(body);
  }

  static void addWarnings(HttpServerResponse resp, List<String> warnings) {
    if (warnings == null) {
      return;
    }
    for (String w : warnings) {
      resp.headers().add("Warning", "299 - \"" + w.replace("\\", "\\\\").replace("\"", "\\\"")
          + "\"");
    }
  }
}
