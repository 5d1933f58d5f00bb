package dev.berth.client.controller;

/**
 * Brings the world in line with one object's desired state. Level-based: the input is only a key;
 * the reconciler reads current state from informer caches, so it must be idempotent. Exceptions mean
 * "retry with back-off".
 *
 * @param <K> the key type
 */
@FunctionalInterface
public interface Reconciler<K> {

  Result reconcile(K key) throws Exception;
}
