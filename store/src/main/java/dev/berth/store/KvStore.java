package dev.berth.store;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * The revisioned byte store everything else is kept in: etcd's data model, reduced to the operations
 * the API server needs (kine's "limited server" idea). Keys are strings compared as UTF-8 bytes;
 * every successful write increments one global revision; each key carries create and mod revisions.
 *
 * <p>Writes are asynchronous and complete once durable. A write's revision is visible to reads and
 * watches no later than its future completes. Failed conditions are reported in the {@link
 * WriteResult}, never as exceptional completion; exceptional completion ({@link StoreException}) means
 * I/O failure or a closed store.
 *
 * <p>Implementations: {@code sqlite} (embedded default), {@code etcd} (HA), {@code memory} (tests).
 * {@code KvStoreConformanceTest} defines the behaviour every one of them must show.
 */
public interface KvStore extends AutoCloseable {

  /** The latest value of {@code key}, read linearizably. */
  Optional<KeyValue> get(String key);

  /**
   * Keys in {@code [fromKey, toKey)} in key order, as of {@code revision} (0 = current).
   *
   * @param limit at most this many keys (0 = no limit); {@link RangeResult#more()} tells whether more
   * @throws StoreException COMPACTED if revision is older than the compact revision, FUTURE_REVISION
   *     if it is newer than the current one
   */
  RangeResult range(String fromKey, String toKey, long revision, int limit);

  /** Creates {@code key}; KEY_EXISTS if it exists. */
  CompletableFuture<WriteResult> create(String key, byte[] value);

  /**
   * Replaces the value of an existing key if its modRevision equals {@code expectedModRevision};
   * NOT_FOUND if the key is absent, CONFLICT (with the current value) if the revision differs.
   */
  CompletableFuture<WriteResult> update(String key, byte[] value, long expectedModRevision);

  /**
   * Deletes {@code key} if its modRevision equals {@code expectedModRevision}, or unconditionally when
   * it is 0; NOT_FOUND if absent, CONFLICT if the revision differs.
   */
  CompletableFuture<WriteResult> delete(String key, long expectedModRevision);

  /**
   * Streams every change to keys starting with {@code prefix} whose revision is greater than {@code
   * afterRevision}, in revision order, first replaying history if {@code afterRevision} is in the past.
   * If history after {@code afterRevision} has been compacted, the listener gets onError(COMPACTED).
   */
  Watch watch(String prefix, long afterRevision, WatchListener listener);

  /**
   * Discards history older than {@code revision}: afterwards reads at and watches from earlier
   * revisions fail with COMPACTED; the latest value of every key is kept. Compacting to a revision at
   * or below the current compact revision is a no-op.
   *
   * @return the compact revision now in effect
   */
  CompletableFuture<Long> compact(long revision);

  /** The revision of the latest write (0 for an empty store). */
  long currentRevision();

  /** The revision history has been compacted to (0 if never). */
  long compactRevision();

  /** Stops accepting work; pending writes either complete or fail with CLOSED. */
  @Override
  void close();

  /** The exclusive end key of all keys starting with {@code prefix}, as etcd's GetPrefixRangeEnd. */
  static String prefixEnd(String prefix) {
    // Strings are compared by UTF-8 bytes; raise the last char below the max by one.
    char[] chars = prefix.toCharArray();
    for (int i = chars.length - 1; i >= 0; i--) {
      if (chars[i] < Character.MAX_VALUE) {
        chars[i]++;
        return new String(chars, 0, i + 1);
      }
    }
    return "\0";
  }
}
