package dev.berth.apiserver.registry;

import dev.berth.api.meta.GroupResource;
import dev.berth.api.meta.GroupVersionResource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * The resources this server serves right now: the built-ins plus the custom resources of
 * established CRDs. Each entry pairs the type with its registry. Changes bump a generation so
 * discovery and OpenAPI documents know to rebuild.
 */
public final class ResourceCatalog {

  private final Map<GroupVersionResource, GenericRegistry> registries = new ConcurrentHashMap<>();
  private final List<GenericRegistry> ordered = new CopyOnWriteArrayList<>();
  private final Function<ResourceType, GenericRegistry> factory;
  private final AtomicLong generation = new AtomicLong();
  private final List<Runnable> listeners = new CopyOnWriteArrayList<>();

  public ResourceCatalog(Function<ResourceType, GenericRegistry> factory) {
    this.factory = factory;
  }

  public synchronized GenericRegistry register(ResourceType type) {
    GroupVersionResource gvr = type.descriptor().gvr();
    GenericRegistry existing = registries.get(gvr);
    if (existing != null) {
      ordered.remove(existing);
    }
    GenericRegistry r = factory.apply(type);
    registries.put(gvr, r);
    ordered.add(r);
    changed();
    return r;
  }

  public synchronized void unregister(GroupVersionResource gvr) {
    GenericRegistry r = registries.remove(gvr);
    if (r != null) {
      ordered.remove(r);
      changed();
    }
  }

  public Optional<GenericRegistry> lookup(String group, String version, String resource) {
    return Optional.ofNullable(registries.get(new GroupVersionResource(group, version, resource)));
  }

  /** Any served version of a group-resource (e.g. to find the namespaces registry). */
  public Optional<GenericRegistry> anyVersion(GroupResource gr) {
    for (GenericRegistry r : ordered) {
      if (r.type().groupResource().equals(gr)) {
        return Optional.of(r);
      }
    }
    return Optional.empty();
  }

  /** All registries in registration order. */
  public List<GenericRegistry> all() {
    return new ArrayList<>(ordered);
  }

  public long generation() {
    return generation.get();
  }

  public void onChange(Runnable listener) {
    listeners.add(listener);
  }

  private void changed() {
    generation.incrementAndGet();
    listeners.forEach(Runnable::run);
  }
}
