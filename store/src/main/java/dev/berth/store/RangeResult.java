package dev.berth.store;

import java.util.List;

/**
 * A page of keys in key order.
 *
 * @param kvs the values read
 * @param revision the revision the range was read at
 * @param more whether keys beyond the last returned one remain in the range
 */
public record RangeResult(List<KeyValue> kvs, long revision, boolean more) {}
