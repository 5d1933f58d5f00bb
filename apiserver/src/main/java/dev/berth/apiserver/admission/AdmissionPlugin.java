package dev.berth.apiserver.admission;

import java.util.concurrent.CompletableFuture;

/**
 * An admission step. Mutating plugins change the request's object; validating plugins refuse by
 * completing exceptionally with an ApiException. Asynchronous so plugins may wait for caches.
 */
public interface AdmissionPlugin {

  String name();

  default CompletableFuture<Void> admit(AdmissionRequest request) {
    return CompletableFuture.completedFuture(null);
  }

  default CompletableFuture<Void> validate(AdmissionRequest request) {
    return CompletableFuture.completedFuture(null);
  }
}
