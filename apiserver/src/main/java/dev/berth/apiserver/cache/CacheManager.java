package dev.berth.apiserver.cache;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.berth.api.meta.GroupResource;
import dev.berth.apiserver.storage.StorageKeys;
import dev.berth.apiserver.util.Json;
import dev.berth.store.KeyValue;
import dev.berth.store.KvStore;
import dev.berth.store.RangeResult;
import dev.berth.store.StoreException;
import dev.berth.store.Watch;
import dev.berth.store.WatchEvent;
import dev.berth.store.WatchListener;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Function;

/**
 * The watch cache: keeps every stored object of every resource in memory, fed by one store watch
 * over the whole key space, and serves GET, LIST and WATCH from it (upstream's cacher, for all
 * resources at once).
 *
 * <p>One applier thread owns all mutation: it applies store events in revision order, records them in
 * each resource's bounded history, fans them out to watches, and registers new watches between
 * batches, so a new watch's replay and its live events can neither overlap nor leave a gap. Lists
 * take a read lock and therefore see exactly one revision.
 */
public final class CacheManager implements AutoCloseable {

  private static final System.Logger LOG = System.getLogger(CacheManager.class.getName());
  private static final int PAGE = 10_000;

  private final KvStore store;
  private final Function<GroupResource, ObjectIndexer> indexers;
  private final int historyLimit;
  private final long bookmarkIntervalNanos;
  private final ConcurrentHashMap<GroupResource, ResourceCache> caches = new ConcurrentHashMap<>();
  private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
  private final LinkedBlockingQueue<Runnable> tasks = new LinkedBlockingQueue<>();
  private final PriorityQueue<Waiter> waiters = new PriorityQueue<>();
  private final Thread applier;
  private volatile long revision;
  private volatile long startRevision;
  private volatile boolean closed;
  private Watch storeWatch;
  private long lastBookmarkCheck;

  /**
   * @param indexers per resource, the extractor of selectable field values
   * @param historyLimit events kept per resource for resuming watches
   */
  public CacheManager(KvStore store, Function<GroupResource, ObjectIndexer> indexers,
      int historyLimit, long bookmarkIntervalMillis) {
    this.store = store;
    this.indexers = indexers;
    this.historyLimit = historyLimit;
    this.bookmarkIntervalNanos = TimeUnit.MILLISECONDS.toNanos(bookmarkIntervalMillis);
    this.applier = new Thread(this::run, "watch-cache-applier");
    this.applier.setDaemon(true);
  }

  /** Loads the store's current state, then follows its changes. Blocks until loaded. */
  public void start() {
    for (int attempt = 0; ; attempt++) {
      try {
        load();
        break;
      } catch (StoreException e) {
        if (e.code() != StoreException.Code.COMPACTED || attempt > 5) {
          throw e;
        }
      }
    }
    storeWatch = store.watch(StorageKeys.ROOT, revision, new WatchListener() {
      @Override
      public void onEvents(List<WatchEvent> events) {
        tasks.add(() -> apply(events));
      }

      @Override
      public void onError(StoreException error) {
        if (!closed) {
          tasks.add(() -> resync(error));
        }
      }
    });
    applier.start();
  }

  private void load() {
    long rev = store.currentRevision();
    Map<GroupResource, ResourceCache> fresh = new HashMap<>();
    String from = StorageKeys.ROOT;
    String end = KvStore.prefixEnd(StorageKeys.ROOT);
    while (true) {
      RangeResult page = store.range(from, end, rev, PAGE);
      for (KeyValue kv : page.kvs()) {
        GroupResource gr = StorageKeys.resourceOf(kv.key());
        if (gr == null) {
          continue;
        }
        ResourceCache c = fresh.computeIfAbsent(gr, g -> new ResourceCache(g, historyLimit, rev));
        String objectKey = kv.key().substring(StorageKeys.prefix(gr).length());
        CachedObject o = decode(gr, objectKey, kv.value(), kv.modRevision());
        if (o != null) {
          c.put(objectKey, o);
        }
      }
      if (!page.more() || page.kvs().isEmpty()) {
        break;
      }
      from = page.kvs().get(page.kvs().size() - 1).key() + "\0";
    }
    caches.clear();
    caches.putAll(fresh);
    revision = rev;
    startRevision = rev;
  }

  /** The revision up to which the cache reflects the store. */
  public long revision() {
    return revision;
  }

  /** The revision the cache was (re)built at: older watch resumes must go to the store. */
  public long startRevision() {
    return startRevision;
  }

  /** The cache of one resource, created empty if nothing of it is stored yet. */
  public ResourceCache cache(GroupResource gr) {
    return caches.computeIfAbsent(gr, g -> new ResourceCache(g, historyLimit, startRevision));
  }

  /** Completes once the cache has applied every change up to {@code rev}. */
  public CompletableFuture<Void> waitFor(long rev) {
    if (revision >= rev) {
      return CompletableFuture.completedFuture(null);
    }
    CompletableFuture<Void> f = new CompletableFuture<>();
    synchronized (waiters) {
      waiters.add(new Waiter(rev, f));
    }
    if (revision >= rev) {
      completeWaiters();
    }
    return f;
  }

  /** Completes once the cache has caught up with the store's current revision (a consistent read). */
  public CompletableFuture<Long> waitForConsistent() {
    long current = store.currentRevision();
    return waitFor(current).thenApply(v -> revision);
  }

  /**
   * A consistent page of a resource's objects.
   *
   * @param fromKey the first key to consider (inclusive), or null
   * @param limit the maximum number of items (0 = all)
   */
  public ListResult list(GroupResource gr, String namespacePrefix, String fromKey,
      WatchFilter filter, int limit) {
    ResourceCache c = cache(gr);
    lock.readLock().lock();
    try {
      long rev = revision;
      List<CachedObject> items = new ArrayList<>();
      String start = fromKey;
      if (namespacePrefix != null && (start == null || start.compareTo(namespacePrefix) < 0)) {
        start = namespacePrefix;
      }
      String nextKey = null;
      for (Map.Entry<String, CachedObject> e : c.tail(start).entrySet()) {
        if (namespacePrefix != null && !e.getKey().startsWith(namespacePrefix)) {
          break;
        }
        CachedObject o = e.getValue();
        if (!filter.matches(o)) {
          continue;
        }
        if (limit > 0 && items.size() == limit) {
          nextKey = e.getKey();
          break;
        }
        items.add(o);
      }
      return new ListResult(items, rev, nextKey);
    } finally {
      lock.readLock().unlock();
    }
  }

  /** A list page: the items, the revision read at, and the key to continue from (null at the end). */
  public record ListResult(List<CachedObject> items, long revision, String continueKey) {}

  /**
   * Starts a watch. {@code fromRevision < 0} first sends the current matching objects as ADDED
   * (resourceVersion unset or "0"); otherwise it sends every change after {@code fromRevision}. A
   * revision older than the cache holds is served from the store's history, or ended as expired.
   */
  public void watch(GroupResource gr, WatchFilter filter, long fromRevision, boolean bookmarks,
      boolean initialEventsEnd, WatchSink sink) {
    tasks.add(() -> register(gr, filter, fromRevision, bookmarks, initialEventsEnd, sink));
  }

  private void register(GroupResource gr, WatchFilter filter, long fromRevision, boolean bookmarks,
      boolean initialEventsEnd, WatchSink sink) {
    if (sink.closed()) {
      return;
    }
    ResourceCache c = cache(gr);
    long now = System.nanoTime();
    if (fromRevision < 0) {
      for (CachedObject o : c.all()) {
        if (filter.matches(o)) {
          sink.event(EventType.ADDED, o);
        }
      }
      if (initialEventsEnd) {
        sink.bookmark(revision, true);
      }
      c.addWatcher(new ResourceCache.Registration(filter, sink, bookmarks, revision, now));
      return;
    }
    if (fromRevision >= c.oldestRetained()) {
      ResourceCache.Registration r =
          new ResourceCache.Registration(filter, sink, bookmarks, fromRevision, now);
      for (CacheEvent e : c.history()) {
        if (e.revision() > fromRevision) {
          r.deliver(e);
        }
      }
      c.addWatcher(r);
      return;
    }
    StoreBackedWatch.start(store, gr, filter, fromRevision, sink, this::decode);
  }

  private void run() {
    while (!closed) {
      Runnable task;
      try {
        task = tasks.poll(200, TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        return;
      }
      try {
        if (task != null) {
          task.run();
        }
        maybeBookmark();
      } catch (RuntimeException e) {
        LOG.log(Level.ERROR, "watch cache task failed", e);
      }
    }
  }

  private void apply(List<WatchEvent> events) {
    List<Object[]> dispatch = new ArrayList<>(events.size());
    long last = revision;
    lock.writeLock().lock();
    try {
      for (WatchEvent e : events) {
        long rev = e.revision();
        if (rev <= revision) {
          continue;
        }
        last = Math.max(last, rev);
        String key = e.kv().key();
        GroupResource gr = StorageKeys.resourceOf(key);
        if (gr == null) {
          continue;
        }
        ResourceCache c = cache(gr);
        String objectKey = key.substring(StorageKeys.prefix(gr).length());
        CacheEvent ce;
        if (e.type() == WatchEvent.Type.PUT) {
          CachedObject cur = decode(gr, objectKey, e.kv().value(), rev);
          if (cur == null) {
            continue;
          }
          CachedObject prev = c.put(objectKey, cur);
          ce = new CacheEvent(prev == null ? EventType.ADDED : EventType.MODIFIED, cur, prev);
        } else {
          CachedObject prev = c.remove(objectKey);
          if (prev == null) {
            continue;
          }
          CachedObject gone = withRevision(gr, prev, rev);
          ce = new CacheEvent(EventType.DELETED, gone, prev);
        }
        c.record(ce);
        dispatch.add(new Object[] {c, ce});
      }
      revision = last;
    } finally {
      lock.writeLock().unlock();
    }
    for (Object[] d : dispatch) {
      ((ResourceCache) d[0]).dispatch((CacheEvent) d[1]);
    }
    completeWaiters();
  }

  private void resync(StoreException error) {
    LOG.log(Level.WARNING, "store watch failed ({0}); rebuilding the watch cache", error.getMessage());
    if (storeWatch != null) {
      storeWatch.close();
    }
    for (ResourceCache c : caches.values()) {
      c.endAll("watch cache rebuilt");
    }
    lock.writeLock().lock();
    try {
      load();
    } finally {
      lock.writeLock().unlock();
    }
    storeWatch = store.watch(StorageKeys.ROOT, revision, new WatchListener() {
      @Override
      public void onEvents(List<WatchEvent> events) {
        tasks.add(() -> apply(events));
      }

      @Override
      public void onError(StoreException e) {
        if (!closed) {
          tasks.add(() -> resync(e));
        }
      }
    });
    completeWaiters();
  }

  private void maybeBookmark() {
    long now = System.nanoTime();
    if (now - lastBookmarkCheck < TimeUnit.MILLISECONDS.toNanos(250)) {
      return;
    }
    lastBookmarkCheck = now;
    long rev = revision;
    for (ResourceCache c : caches.values()) {
      c.bookmark(rev, now, bookmarkIntervalNanos);
    }
  }

  private void completeWaiters() {
    List<CompletableFuture<Void>> ready = new ArrayList<>();
    synchronized (waiters) {
      while (!waiters.isEmpty() && waiters.peek().revision <= revision) {
        ready.add(waiters.poll().future);
      }
    }
    ready.forEach(f -> f.complete(null));
  }

  /** Decodes a stored value into a cache entry; null (and an error log) for corrupt data. */
  public CachedObject decodeEntry(GroupResource gr, String objectKey, byte[] value, long rev) {
    return decode(gr, objectKey, value, rev);
  }

  CachedObject decode(GroupResource gr, String objectKey, byte[] value, long rev) {
    try {
      ObjectNode tree = Json.parseTrusted(value);
      Json.metadata(tree).put("resourceVersion", Long.toString(rev));
      return entry(gr, objectKey, tree, rev);
    } catch (RuntimeException e) {
      LOG.log(Level.ERROR, "skipping undecodable stored object " + gr + " " + objectKey, e);
      return null;
    }
  }

  private CachedObject withRevision(GroupResource gr, CachedObject o, long rev) {
    ObjectNode tree = o.tree();
    Json.metadata(tree).put("resourceVersion", Long.toString(rev));
    return new CachedObject(o.key(), o.namespace(), o.name(), rev, Json.bytes(tree), o.labels(),
        o.fields());
  }

  private CachedObject entry(GroupResource gr, String objectKey, ObjectNode tree, long rev) {
    JsonNode meta = tree.get("metadata");
    String ns = Json.text(meta, "namespace");
    String name = Json.text(meta, "name");
    Map<String, String> labels = Collections.emptyMap();
    JsonNode l = meta == null ? null : meta.get("labels");
    if (l != null && l.isObject() && l.size() > 0) {
      Map<String, String> m = new HashMap<>(l.size() * 2);
      for (Iterator<Map.Entry<String, JsonNode>> it = l.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> f = it.next();
        m.put(f.getKey(), f.getValue().asText());
      }
      labels = m;
    }
    Map<String, String> fields = indexers.apply(gr).fields(tree);
    return new CachedObject(objectKey, ns == null ? "" : ns, name, rev, Json.bytes(tree), labels,
        fields);
  }

  @Override
  public void close() {
    closed = true;
    if (storeWatch != null) {
      storeWatch.close();
    }
    applier.interrupt();
    for (ResourceCache c : caches.values()) {
      c.endAll("server shutting down");
    }
  }

  private record Waiter(long revision, CompletableFuture<Void> future)
      implements Comparable<Waiter> {
    @Override
    public int compareTo(Waiter o) {
      return Long.compare(revision, o.revision);
    }
  }
}
