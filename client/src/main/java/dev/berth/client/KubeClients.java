package dev.berth.client;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Builds the fabric8 clients components use to reach a cluster (always over its HTTPS API). */
public final class KubeClients {

  private KubeClients() {}

  /** A client for the current context of a kubeconfig file. */
  public static KubernetesClient fromKubeconfig(Path kubeconfig) {
    try {
      return fromKubeconfigContent(Files.readString(kubeconfig));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A client for the current context of kubeconfig text. */
  public static KubernetesClient fromKubeconfigContent(String kubeconfig) {
    Config config = Config.fromKubeconfig(kubeconfig);
    // controllers make many small requests: no client-side throttling, prompt timeouts
    config.setRequestTimeout(30_000);
    config.setConnectionTimeout(10_000);
    config.setMaxConcurrentRequests(1024);
    config.setMaxConcurrentRequestsPerHost(1024);
    return new KubernetesClientBuilder().withConfig(config).build();
  }
}
