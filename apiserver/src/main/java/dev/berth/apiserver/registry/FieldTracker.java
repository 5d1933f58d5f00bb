package dev.berth.apiserver.registry;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Maintains {@code metadata.managedFields} (server-side apply's field ownership) on every write, and
 * performs apply patches.
 */
public interface FieldTracker {

  /**
   * Records the fields {@code manager} changed from {@code old} (null on create) to {@code updated};
   * returns the object to store.
   */
  ObjectNode update(ResourceType type, ObjectNode old, ObjectNode updated, String manager,
      String subresource);

  /**
   * Merges an applied configuration into {@code live} (null: the object does not exist yet), with
   * conflict detection unless {@code force}; throws a 409 ApiException listing conflicts.
   */
  ObjectNode apply(ResourceType type, ObjectNode live, ObjectNode applied, String manager,
      boolean force, String subresource);
}
