package dev.berth.apiserver.admission;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/** Runs plugins in order: all mutating steps, or all validating steps. */
public final class AdmissionChain {

  private final List<AdmissionPlugin> plugins;

  public AdmissionChain(List<AdmissionPlugin> plugins) {
    this.plugins = List.copyOf(plugins);
  }

  public CompletableFuture<Void> admit(AdmissionRequest r) {
    CompletableFuture<Void> f = CompletableFuture.completedFuture(null);
    for (AdmissionPlugin p : plugins) {
      f = f.thenCompose(v -> p.admit(r));
    }
    return f;
  }

  public CompletableFuture<Void> validate(AdmissionRequest r) {
    CompletableFuture<Void> f = CompletableFuture.completedFuture(null);
    for (AdmissionPlugin p : plugins) {
      f = f.thenCompose(v -> p.validate(r));
    }
    return f;
  }
}
