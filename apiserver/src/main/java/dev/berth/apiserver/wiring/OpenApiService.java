package dev.berth.apiserver.wiring;

import dev.berth.api.meta.GroupVersionKind;
import dev.berth.api.openapi.OpenApiDocument;
import dev.berth.api.openapi.OpenApiPublisher;
import dev.berth.api.openapi.OpenApiResource;
import dev.berth.api.openapi.OpenApiSubresource;
import dev.berth.api.registry.ResourceDescriptor;
import dev.berth.api.registry.SubresourceDescriptor;
import dev.berth.api.schema.Schema;
import dev.berth.api.schema.builtin.BuiltinSchemas;
import dev.berth.apiserver.http.OpenApiEndpoints;
import dev.berth.apiserver.registry.GenericRegistry;
import dev.berth.apiserver.registry.ResourceCatalog;
import dev.berth.apiserver.registry.ResourceType;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code /openapi/v2} and {@code /openapi/v3}: documents generated from the served resources (the
 * built-in schemas and CRD schemas), rebuilt when the catalog changes, served with content hashes so
 * clients cache them.
 */
final class OpenApiService implements OpenApiEndpoints {

  private final ResourceCatalog catalog;
  private final BuiltinSchemas builtins;
  private final OpenApiPublisher publisher;
  private long seenGeneration = -1;

  OpenApiService(ResourceCatalog catalog, BuiltinSchemas builtins, String version) {
    this.catalog = catalog;
    this.builtins = builtins;
    this.publisher = new OpenApiPublisher(builtins::component, version);
  }

  /** Builds the documents ahead of the first request (kubectl's first apply shouldn't wait). */
  void warmUp() {
    refresh();
    publisher.v3Root();
  }

  private synchronized void refresh() {
    long gen = catalog.generation();
    if (gen == seenGeneration) {
      return;
    }
    List<OpenApiResource> resources = new ArrayList<>();
    for (GenericRegistry r : catalog.all()) {
      ResourceType t = r.type();
      ResourceDescriptor d = t.descriptor();
      Schema schema = t.schema().get();
      if (schema == null || d.plural().equals("bindings")) {
        continue;
      }
      List<OpenApiSubresource> subs = new ArrayList<>();
      for (SubresourceDescriptor s : d.subresources().values()) {
        GroupVersionKind k = s.responseKind();
        Schema ss = k.equals(d.gvk()) ? schema : builtins.find(k).orElse(null);
        if (ss != null) {
          subs.add(new OpenApiSubresource(s.name(), k, ss, s.verbs()));
        }
      }
      if (t.custom()) {
        resources.add(OpenApiResource.custom(d.gvk(), d.plural(), d.namespaced(), schema,
            d.verbs(), subs));
      } else {
        Schema list = builtins.find(new GroupVersionKind(d.group(), d.version(), d.listKind()))
            .orElse(null);
        resources.add(OpenApiResource.builtin(d.gvk(), d.plural(), d.namespaced(), schema, list,
            d.verbs(), subs));
      }
    }
    publisher.update(resources);
    seenGeneration = gen;
  }

  @Override
  public boolean handle(HttpServerRequest req, String path) {
    refresh();
    if (path.equals("/openapi/v2")) {
      send(req, publisher.v2(), false);
      return true;
    }
    if (path.equals("/openapi/v3")) {
      send(req, publisher.v3Root(), false);
      return true;
    }
    if (!path.startsWith("/openapi/v3/")) {
      return false;
    }
    String gv = path.substring("/openapi/v3/".length());
    Optional<OpenApiDocument> doc = publisher.v3(gv);
    if (doc.isEmpty()) {
      return false;
    }
    String hash = req.getParam("hash");
    if (hash != null && !hash.isEmpty() && !hash.equals(doc.get().hash())) {
      // upstream redirects a stale hash to the current document
      req.response().setStatusCode(301)
          .putHeader("Location", "/openapi/v3/" + gv + "?hash=" + doc.get().hash())
          .putHeader("Cache-Control", "no-cache, private").end();
      return true;
    }
    send(req, doc.get(), hash != null && !hash.isEmpty());
    return true;
  }

  private static void send(HttpServerRequest req, OpenApiDocument doc, boolean immutable) {
    String inm = req.getHeader("If-None-Match");
    req.response().putHeader("ETag", doc.etag());
    req.response().putHeader("Cache-Control", immutable ? "public, immutable, max-age=31536000"
        : "no-cache, private");
    if (doc.etag().equals(inm)) {
      req.response().setStatusCode(304).end();
      return;
    }
    req.response().setStatusCode(200).putHeader("Content-Type", "application/json")
        .end(Buffer.buffer(doc.json()));
  }
}
