package dev.berth.client;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * One informer per resource type per process, shared by every component in it (scheduler,
 * controllers, simulated nodes), like client-go's SharedInformerFactory: a watch and a cache per
 * type instead of one per component. Informers start on first use and keep running until
 * {@link #close()}.
 */
public final class SharedInformers implements AutoCloseable {

  /** Pods by {@code spec.nodeName}. */
  public static final String BY_NODE = "byNode";
  /** Objects by the uid of their controller owner. */
  public static final String BY_OWNER_UID = "byOwnerUid";
  /** Objects by namespace. */
  public static final String BY_NAMESPACE = "byNamespace";

  private final KubernetesClient client;
  private final Map<Class<?>, SharedIndexInformer<?>> informers = new ConcurrentHashMap<>();

  public SharedInformers(KubernetesClient client) {
    this.client = client;
  }

  public KubernetesClient client() {
    return client;
  }

  /**
   * The running informer for {@code type} across all namespaces, created, indexed (namespace and
   * controller-owner uid; pods also by node) and started on first call. Waits until it has synced.
   */
  @SuppressWarnings("unchecked")
  public <T extends HasMetadata> SharedIndexInformer<T> get(Class<T> type) {
    SharedIndexInformer<T> informer = (SharedIndexInformer<T>) informers.computeIfAbsent(type,
        t -> create(type));
    if (!informer.hasSynced()) {
      try {
        informer.start().toCompletableFuture().get(60, TimeUnit.SECONDS);
      } catch (Exception e) {
        throw new IllegalStateException("informer for " + type.getSimpleName() + " did not sync",
            e);
      }
    }
    return informer;
  }

  private <T extends HasMetadata> SharedIndexInformer<T> create(Class<T> type) {
    SharedIndexInformer<T> informer = client.resources(type).inAnyNamespace().runnableInformer(0);
    Map<String, Function<T, List<String>>> indexers = new ConcurrentHashMap<>();
    indexers.put(BY_NAMESPACE, o -> List.of(nullToEmpty(o.getMetadata().getNamespace())));
    indexers.put(BY_OWNER_UID, o -> o.getMetadata().getOwnerReferences().stream()
        .filter(r -> Boolean.TRUE.equals(r.getController())).map(r -> r.getUid()).toList());
    if (type == io.fabric8.kubernetes.api.model.Pod.class) {
      indexers.put(BY_NODE, o -> {
        String node = ((io.fabric8.kubernetes.api.model.Pod) o).getSpec().getNodeName();
        return List.of(nullToEmpty(node));
      });
    }
    informer.addIndexers(indexers);
    return informer;
  }

  /** Waits for every started informer to have synced, up to {@code timeout}. */
  public boolean waitForSync(Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    for (SharedIndexInformer<?> i : informers.values()) {
      while (!i.hasSynced()) {
        if (System.nanoTime() > deadline) {
          return false;
        }
        try {
          Thread.sleep(10);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return false;
        }
      }
    }
    return true;
  }

  private static String nullToEmpty(String s) {
    return s == null ? "" : s;
  }

  @Override
  public void close() {
    informers.values().forEach(SharedIndexInformer::close);
    informers.clear();
  }
}
