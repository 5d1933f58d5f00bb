package dev.berth.apiserver.http;

import io.vertx.core.http.HttpServerRequest;

/** Serves {@code /openapi/v2} and {@code /openapi/v3[/...]}; returns false for unknown paths. */
public interface OpenApiEndpoints {

  boolean handle(HttpServerRequest req, String path);

  OpenApiEndpoints NONE = (req, path) -> false;
}
