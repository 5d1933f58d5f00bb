package dev.berth.client.controller;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import java.util.function.Consumer;

/** Informer event handlers that turn changes into work-queue keys. */
public final class EventHandlers {

  private EventHandlers() {}

  /** Enqueues the changed object's own key on every add, update and delete. */
  public static <T extends HasMetadata> ResourceEventHandler<T> enqueueSelf(
      Consumer<ObjectKey> enqueue) {
    return new ResourceEventHandler<>() {
      @Override
      public void onAdd(T obj) {
        enqueue.accept(ObjectKey.of(obj));
      }

      @Override
      public void onUpdate(T oldObj, T newObj) {
        enqueue.accept(ObjectKey.of(newObj));
      }

      @Override
      public void onDelete(T obj, boolean deletedFinalStateUnknown) {
        enqueue.accept(ObjectKey.of(obj));
      }
    };
  }

  /**
   * Enqueues the key of the changed object's controlling owner of the given kind (a ReplicaSet's
   * pods enqueue the ReplicaSet), in the object's namespace.
   */
  public static <T extends HasMetadata> ResourceEventHandler<T> enqueueOwner(String ownerKind,
      Consumer<ObjectKey> enqueue) {
    return new ResourceEventHandler<>() {
      @Override
      public void onAdd(T obj) {
        owner(obj);
      }

      @Override
      public void onUpdate(T oldObj, T newObj) {
        owner(oldObj);
        owner(newObj);
      }

      @Override
      public void onDelete(T obj, boolean deletedFinalStateUnknown) {
        owner(obj);
      }

      private void owner(T obj) {
        for (OwnerReference ref : obj.getMetadata().getOwnerReferences()) {
          if (Boolean.TRUE.equals(ref.getController()) && ownerKind.equals(ref.getKind())) {
            enqueue.accept(new ObjectKey(obj.getMetadata().getNamespace(), ref.getName()));
          }
        }
      }
    };
  }
}
