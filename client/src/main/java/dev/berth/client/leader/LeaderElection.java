package dev.berth.client.leader;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderCallbacks;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderElectionConfigBuilder;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderElector;
import io.fabric8.kubernetes.client.extended.leaderelection.resourcelock.LeaseLock;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * Leader election on a coordination.k8s.io/v1 Lease (fabric8's elector, client-go's algorithm):
 * of several replicas of a component only the leader runs; when it stops renewing, another takes
 * over after the lease duration.
 */
public final class LeaderElection implements AutoCloseable {

  private final CompletableFuture<?> running;

  private LeaderElection(CompletableFuture<?> running) {
    this.running = running;
  }

  /**
   * Starts campaigning for {@code namespace/name} as {@code identity}; {@code onStart} runs when this
   * replica becomes leader, {@code onStop} when it loses leadership.
   */
  public static LeaderElection start(KubernetesClient client, String namespace, String name,
      String identity, Duration leaseDuration, Duration renewDeadline, Duration retryPeriod,
      Runnable onStart, Runnable onStop) {
    LeaderElector elector = client.leaderElector().withConfig(new LeaderElectionConfigBuilder()
        .withName(name)
        .withLock(new LeaseLock(namespace, name, identity))
        .withLeaseDuration(leaseDuration)
        .withRenewDeadline(renewDeadline)
        .withRetryPeriod(retryPeriod)
        .withReleaseOnCancel(true)
        .withLeaderCallbacks(new LeaderCallbacks(onStart, onStop, newLeader -> { }))
        .build()).build();
    return new LeaderElection(elector.start());
  }

  /** Upstream's defaults: 15 s lease, 10 s renew deadline, 2 s retry period. */
  public static LeaderElection start(KubernetesClient client, String namespace, String name,
      String identity, Runnable onStart, Runnable onStop) {
    return start(client, namespace, name, identity, Duration.ofSeconds(15), Duration.ofSeconds(10),
        Duration.ofSeconds(2), onStart, onStop);
  }

  @Override
  public void close() {
    running.cancel(true);
  }
}
