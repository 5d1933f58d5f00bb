package dev.berth.controllers;

import dev.berth.client.SharedInformers;
import dev.berth.client.events.EventRecorder;
import dev.berth.client.leader.LeaderElection;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Deque;
import java.util.List;
import java.util.Set;

/**
 * The controller manager: runs every enabled {@link ControllerStarter} while it holds the
 * {@code kube-system/kube-controller-manager} Lease, so two controller managers can run and only
 * one acts (upstream's leader election).
 */
public final class ControllerManager implements AutoCloseable {

  private static final System.Logger LOG = System.getLogger(ControllerManager.class.getName());
  public static final String COMPONENT = "kube-controller-manager";

  /**
   * @param identity this replica's name in the Lease (host name plus a unique suffix)
   * @param disabled controller names not to run
   * @param workers worker threads per controller
   */
  public record Options(String identity, Set<String> disabled, int workers, Clock clock) {}

  private final ControllerContext context;
  private final Collection<ControllerStarter> starters;
  private final Deque<AutoCloseable> running = new ArrayDeque<>();
  private LeaderElection election;

  private ControllerManager(ControllerContext context, Collection<ControllerStarter> starters) {
    this.context = context;
    this.starters = starters;
  }

  /** Starts campaigning; the controllers start once this replica leads. */
  public static ControllerManager start(KubernetesClient client, SharedInformers informers,
      Options o) {
    return start(client, informers, o, Controllers.all());
  }

  /** As {@link #start(KubernetesClient, SharedInformers, Options)} with a chosen set of controllers (tests). */
  public static ControllerManager start(KubernetesClient client, SharedInformers informers,
      Options o, List<ControllerStarter> starters) {
    EventRecorder events = new EventRecorder(client, COMPONENT, o.identity(), o.clock());
    ControllerContext ctx = new ControllerContext(client, informers, o.clock(), events,
        o.workers());
    ControllerManager cm = new ControllerManager(ctx, starters.stream()
        .filter(s -> !o.disabled().contains(s.name())).toList());
    cm.election = LeaderElection.start(client, "kube-system", COMPONENT, o.identity(),
        cm::startControllers, cm::stopControllers);
    return cm;
  }

  private synchronized void startControllers() {
    for (ControllerStarter s : starters) {
      try {
        running.push(s.start(context));
      } catch (RuntimeException e) {
        LOG.log(Level.ERROR, "controller " + s.name() + " failed to start", e);
      }
    }
    LOG.log(Level.INFO, "controller manager leading; started "
        + running.size() + " controllers");
  }

  private synchronized void stopControllers() {
    while (!running.isEmpty()) {
      try {
        running.pop().close();
      } catch (Exception e) {
        LOG.log(Level.WARNING, "stopping a controller failed: " + e);
      }
    }
  }

  @Override
  public void close() {
    if (election != null) {
      election.close();
    }
    stopControllers();
    context.events().close();
  }
}
