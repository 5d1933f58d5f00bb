package dev.berth.apiserver.cache;

import dev.berth.api.meta.GroupResource;
import dev.berth.apiserver.storage.StorageKeys;
import dev.berth.store.KvStore;
import dev.berth.store.StoreException;
import dev.berth.store.Watch;
import dev.berth.store.WatchEvent;
import dev.berth.store.WatchListener;
import java.util.List;

/**
 * A watch served straight from the store's history, for clients resuming from a revision older than
 * the cache holds (typically right after a restart). Slower, but misses nothing the store still has;
 * a compacted revision ends it as expired.
 */
final class StoreBackedWatch {

  interface Decoder {
    CachedObject decode(GroupResource gr, String objectKey, byte[] value, long rev);
  }

  private StoreBackedWatch() {}

  static void start(KvStore store, GroupResource gr, WatchFilter filter, long fromRevision,
      WatchSink sink, Decoder decoder) {
    String prefix = StorageKeys.prefix(gr);
    Watch[] holder = new Watch[1];
    holder[0] = store.watch(prefix, fromRevision, new WatchListener() {
      @Override
      public void onEvents(List<WatchEvent> events) {
        if (sink.closed()) {
          if (holder[0] != null) {
            holder[0].close();
          }
          return;
        }
        for (WatchEvent e : events) {
          String objectKey = e.kv().key().substring(prefix.length());
          CachedObject prev = e.prevKv() == null || e.prevKv().value() == null ? null
              : decoder.decode(gr, objectKey, e.prevKv().value(), e.prevKv().modRevision());
          CachedObject cur;
          EventType type;
          if (e.type() == WatchEvent.Type.PUT) {
            cur = decoder.decode(gr, objectKey, e.kv().value(), e.revision());
            type = e.kv().createRevision() == e.kv().modRevision() ? EventType.ADDED
                : EventType.MODIFIED;
          } else {
            if (e.prevKv() == null || e.prevKv().value() == null) {
              continue;
            }
            cur = decoder.decode(gr, objectKey, e.prevKv().value(), e.revision());
            type = EventType.DELETED;
          }
          if (cur == null) {
            continue;
          }
          boolean now = filter.matches(cur);
          boolean before = prev != null && filter.matches(prev);
          switch (type) {
            case ADDED -> {
              if (now) {
                sink.event(EventType.ADDED, cur);
              }
            }
            case MODIFIED -> {
              if (now && (before || prev == null)) {
                sink.event(EventType.MODIFIED, cur);
              } else if (now) {
                sink.event(EventType.ADDED, cur);
              } else if (before) {
                sink.event(EventType.DELETED, cur);
              }
            }
            case DELETED -> {
              if (now) {
                sink.event(EventType.DELETED, cur);
              }
            }
          }
        }
      }

      @Override
      public void onError(StoreException error) {
        sink.end(error.code() == StoreException.Code.COMPACTED,
            error.code() == StoreException.Code.COMPACTED
                ? "too old resource version: " + fromRevision + " (" + error.compactRevision() + ")"
                : error.getMessage());
      }
    });
  }
}
