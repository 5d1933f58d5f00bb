package dev.berth.dist;

import dev.berth.client.KubeClients;
import dev.berth.client.SharedInformers;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * The in-process clients of one control plane: scheduler, controller manager and simulated nodes.
 * They reach the API server over HTTPS with the admin kubeconfig, exactly as they would from another
 * process, and share one set of informers (one watch per resource type for the whole process).
 */
public final class ClusterComponents implements AutoCloseable {

  /**
   * What to run next to the API server.
   *
   * @param scheduler run the scheduler
   * @param controllers run the controller manager
   * @param simNodes how many simulated nodes to register (0 = none)
   * @param simZones how many zones the simulated nodes spread over
   * @param simNodeSize capacity of each simulated node as "cpu,memory" (e.g. "8,32Gi")
   */
  public record Options(boolean scheduler, boolean controllers, int simNodes, int simZones,
      String simNodeSize, Clock clock) {

    public static Options defaults(Clock clock) {
      return new Options(true, true, 0, 1, "8,32Gi", clock);
    }
  }

  private final KubernetesClient client;
  private final SharedInformers informers;
  /** Closed in reverse start order. */
  private final Deque<AutoCloseable> started = new ArrayDeque<>();

  private ClusterComponents(KubernetesClient client) {
    this.client = client;
    this.informers = new SharedInformers(client);
  }

  public static ClusterComponents start(Path kubeconfig, Options o) {
    ClusterComponents c = new ClusterComponents(KubeClients.fromKubeconfig(kubeconfig));
    try {
      // components register here in dependency order (each start returns an AutoCloseable):
      // controller manager, scheduler, simulated nodes
      return c;
    } catch (RuntimeException e) {
      c.close();
      throw e;
    }
  }

  private void add(AutoCloseable component) {
    started.push(component);
  }

  public KubernetesClient client() {
    return client;
  }

  public SharedInformers informers() {
    return informers;
  }

  @Override
  public void close() {
    while (!started.isEmpty()) {
      try {
        started.pop().close();
      } catch (Exception e) {
        System.getLogger(ClusterComponents.class.getName())
            .log(System.Logger.Level.WARNING, "closing a component failed: " + e);
      }
    }
    informers.close();
    client.close();
  }
}
