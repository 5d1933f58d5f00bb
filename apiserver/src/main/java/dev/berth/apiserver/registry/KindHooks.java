package dev.berth.apiserver.registry;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Per-kind registry behaviour beyond defaulting and validation, the parts of upstream's REST
 * strategies that shape stored state: what status a new object starts with, how deletion proceeds.
 * Defaults do nothing special.
 */
public interface KindHooks {

  /** Adjusts a new object before validation (e.g. a Pod starts Pending with its QoS class). */
  default void prepareForCreate(ObjectNode obj) {}

  /** Adjusts an updated object (main resource) given the stored one. */
  default void prepareForUpdate(ObjectNode obj, ObjectNode old) {}

  /**
   * The grace period a delete gets, or -1 for "not graceful": upstream only pods are deleted
   * gracefully; requested is the DeleteOptions value (null when unset).
   */
  default long gracePeriodSeconds(ObjectNode obj, Long requested) {
    return -1;
  }

  KindHooks NONE = new KindHooks() {};
}
