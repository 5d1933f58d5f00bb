package dev.berth.apiserver.admission;

import dev.berth.api.meta.GroupResource;
import dev.berth.api.status.ApiErrors;
import dev.berth.api.status.ApiException;
import dev.berth.apiserver.cache.CacheManager;
import dev.berth.apiserver.cache.CachedObject;
import dev.berth.apiserver.registry.ResourceCatalog;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * Upstream's NamespaceLifecycle: nothing is created in a namespace that does not exist or is being
 * terminated, and the system namespaces cannot be deleted.
 */
public final class NamespaceLifecycle implements AdmissionPlugin {

  private static final GroupResource NAMESPACES = new GroupResource("", "namespaces");
  private static final Set<String> IMMORTAL = Set.of("default", "kube-system", "kube-public");

  private final ResourceCatalog catalog;
  private final CacheManager cache;

  public NamespaceLifecycle(ResourceCatalog catalog, CacheManager cache) {
    this.catalog = catalog;
    this.cache = cache;
  }

  @Override
  public String name() {
    return "NamespaceLifecycle";
  }

  @Override
  public CompletableFuture<Void> admit(AdmissionRequest r) {
    if (r.operation() == AdmissionRequest.Operation.DELETE && isNamespaces(r)
        && IMMORTAL.contains(r.name())) {
      return CompletableFuture.failedFuture(ApiErrors.forbidden(NAMESPACES, r.name(),
          "this namespace may not be deleted"));
    }
    if (r.operation() != AdmissionRequest.Operation.CREATE || !r.type().namespaced()
        || r.namespace() == null) {
      return CompletableFuture.completedFuture(null);
    }
    CachedObject ns = cache.cache(NAMESPACES).get(r.namespace());
    if (ns != null) {
      return check(ns, r);
    }
    // the namespace may have been created an instant ago: look again once the cache is current
    return cache.waitForConsistent().thenCompose(rev -> {
      CachedObject again = cache.cache(NAMESPACES).get(r.namespace());
      if (again == null) {
        return CompletableFuture.failedFuture(ApiErrors.notFound(NAMESPACES, r.namespace()));
      }
      return check(again, r);
    });
  }

  @Override
  public CompletableFuture<Void> validate(AdmissionRequest r) {
    if (r.operation() == AdmissionRequest.Operation.DELETE && isNamespaces(r)
        && IMMORTAL.contains(r.name())) {
      return CompletableFuture.failedFuture(ApiErrors.forbidden(NAMESPACES, r.name(),
          "this namespace may not be deleted"));
    }
    return CompletableFuture.completedFuture(null);
  }

  private static boolean isNamespaces(AdmissionRequest r) {
    return r.type().groupResource().equals(NAMESPACES);
  }

  private static CompletableFuture<Void> check(CachedObject ns, AdmissionRequest r) {
    if (ns.fields().getOrDefault("status.phase", "").equals("Terminating")) {
      ApiException e = ApiErrors.forbidden(r.type().groupResource(), r.name(),
          "unable to create new content in namespace " + r.namespace()
              + " because it is being terminated");
      return CompletableFuture.failedFuture(e);
    }
    return CompletableFuture.completedFuture(null);
  }
}
