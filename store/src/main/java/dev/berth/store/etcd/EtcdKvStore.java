package dev.berth.store.etcd;

import dev.berth.store.KeyValue;
import dev.berth.store.Keys;
import dev.berth.store.KvStore;
import dev.berth.store.RangeResult;
import dev.berth.store.StoreException;
import dev.berth.store.Watch;
import dev.berth.store.WatchEvent;
import dev.berth.store.WatchListener;
import dev.berth.store.WriteResult;
import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.Client;
import io.etcd.jetcd.KV;
import io.etcd.jetcd.common.exception.ClosedClientException;
import io.etcd.jetcd.common.exception.CompactedException;
import io.etcd.jetcd.common.exception.EtcdException;
import io.etcd.jetcd.kv.GetResponse;
import io.etcd.jetcd.kv.TxnResponse;
import io.etcd.jetcd.op.Cmp;
import io.etcd.jetcd.op.CmpTarget;
import io.etcd.jetcd.op.Op;
import io.etcd.jetcd.options.CompactOption;
import io.etcd.jetcd.options.DeleteOption;
import io.etcd.jetcd.options.GetOption;
import io.etcd.jetcd.options.PutOption;
import io.etcd.jetcd.options.WatchOption;
import io.etcd.jetcd.watch.WatchResponse;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A {@link KvStore} on an etcd v3 cluster, through jetcd: the HA backend, for several API servers
 * sharing one etcd. Writes are transactions that compare the key's create or mod revision, so
 * conditions hold across every client of the cluster. Keys are stored as their UTF-8 bytes, below an
 * optional namespace prefix.
 *
 * <p>Every request has a deadline ({@link Options#requestTimeout()}); an unreachable cluster shows
 * as UNAVAILABLE. A watch ends with onError on any stream failure (COMPACTED if its start revision is
 * gone, UNAVAILABLE otherwise); callers re-watch from the last revision they saw. Listeners are
 * called on jetcd's threads and must return quickly.
 *
 * <p>etcd does not report its compact revision; {@link #compactRevision()} is the highest one this
 * client compacted to or learned from a COMPACTED answer.
 */
public final class EtcdKvStore implements KvStore {

  /** Values above this size are refused with TOO_LARGE before reaching etcd (whose own limit is lower by default). */
  public static final int MAX_VALUE_BYTES = 2 * 1024 * 1024;

  private static final System.Logger LOG = System.getLogger(EtcdKvStore.class.getName());
  private static final ByteSequence NUL = ByteSequence.from(new byte[] {0});

  /**
   * @param requestTimeout deadline of every request
   * @param connectTimeout deadline of establishing a connection
   * @param namespace prefix put in front of every key (empty for none); lets stores share a cluster
   */
  public record Options(Duration requestTimeout, Duration connectTimeout, String namespace) {
    public Options {
      Objects.requireNonNull(requestTimeout, "requestTimeout");
      Objects.requireNonNull(connectTimeout, "connectTimeout");
      Objects.requireNonNull(namespace, "namespace");
    }

    public static Options defaults() {
      return new Options(Duration.ofSeconds(15), Duration.ofSeconds(5), "");
    }

    public Options withNamespace(String namespace) {
      return new Options(requestTimeout, connectTimeout, namespace);
    }
  }

  private final Client client;
  private final KV kv;
  private final Options options;
  private final AtomicLong knownCompactRevision = new AtomicLong();
  private final Set<EtcdWatch> watches = ConcurrentHashMap.newKeySet();
  private final AtomicBoolean closed = new AtomicBoolean();

  private EtcdKvStore(Client client, Options options) {
    this.client = client;
    this.kv = client.getKVClient();
    this.options = options;
  }

  /**
   * Connects to the cluster at {@code endpoints} (e.g. {@code http://127.0.0.1:2379}). The connection
   * is made lazily; an unreachable cluster shows on the first request.
   */
  public static EtcdKvStore connect(List<URI> endpoints, Options options) {
    if (endpoints.isEmpty()) {
      throw new IllegalArgumentException("at least one etcd endpoint is required");
    }
    var builder = Client.builder()
        .endpoints(endpoints)
        .connectTimeout(options.connectTimeout())
        .keepaliveTime(Duration.ofSeconds(30))
        .keepaliveTimeout(Duration.ofSeconds(10))
        // Large values and large range pages: allow responses well above the 4 MiB gRPC default.
        .maxInboundMessageSize(256 * 1024 * 1024);
    if (!options.namespace().isEmpty()) {
      builder.namespace(bytes(options.namespace()));
    }
    return new EtcdKvStore(builder.build(), options);
  }

  private static ByteSequence bytes(String s) {
    return ByteSequence.from(s, StandardCharsets.UTF_8);
  }

  private static String string(ByteSequence b) {
    return b.toString(StandardCharsets.UTF_8);
  }

  @Override
  public Optional<KeyValue> get(String key) {
    Objects.requireNonNull(key, "key");
    GetResponse response = await(kv.get(bytes(key)));
    return response.getKvs().isEmpty() ? Optional.empty() : Optional.of(toKeyValue(response.getKvs().getFirst()));
  }

  @Override
  public RangeResult range(String fromKey, String toKey, long revision, int limit) {
    Objects.requireNonNull(fromKey, "fromKey");
    Objects.requireNonNull(toKey, "toKey");
    if (limit < 0 || revision < 0) {
      throw new IllegalArgumentException("limit and revision must not be negative");
    }
    if (!Keys.isUnboundedEnd(toKey) && Keys.compareUtf8(fromKey, toKey) >= 0) {
      // etcd reads an end key below the start key as "just the start key"; ours is an empty range.
      long current = currentRevision();
      if (revision > current) {
        throw futureRevision(revision, current);
      }
      return new RangeResult(List.of(), revision == 0 ? current : revision, false);
    }
    GetOption.Builder option = GetOption.builder()
        .withRange(Keys.isUnboundedEnd(toKey) ? NUL : bytes(toKey))
        .withRevision(revision)
        .withLimit(limit)
        .withSortField(GetOption.SortTarget.KEY)
        .withSortOrder(GetOption.SortOrder.ASCEND);
    GetResponse response = await(kv.get(bytes(fromKey), option.build()), revision);
    List<KeyValue> kvs = new ArrayList<>(response.getKvs().size());
    for (io.etcd.jetcd.KeyValue item : response.getKvs()) {
      kvs.add(toKeyValue(item));
    }
    long readRevision = revision == 0 ? response.getHeader().getRevision() : revision;
    return new RangeResult(List.copyOf(kvs), readRevision, response.isMore());
  }

  private static StoreException futureRevision(long revision, long current) {
    return new StoreException(StoreException.Code.FUTURE_REVISION,
        "required revision " + revision + " is a future revision (current " + current + ")");
  }

  @Override
  public CompletableFuture<WriteResult> create(String key, byte[] value) {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(value, "value");
    if (value.length > MAX_VALUE_BYTES) {
      return CompletableFuture.failedFuture(tooLarge(key, value.length));
    }
    ByteSequence k = bytes(key);
    CompletableFuture<TxnResponse> txn = kv.txn()
        .If(new Cmp(k, Cmp.Op.EQUAL, CmpTarget.createRevision(0)))
        .Then(Op.put(k, ByteSequence.from(value), PutOption.DEFAULT))
        .Else(Op.get(k, GetOption.DEFAULT))
        .commit();
    return async(txn).thenApply(response -> {
      long rev = response.getHeader().getRevision();
      if (response.isSucceeded()) {
        return new WriteResult(WriteResult.Status.OK, rev, new KeyValue(key, value, rev, rev, 1));
      }
      return new WriteResult(WriteResult.Status.KEY_EXISTS, rev, firstOrNull(response));
    });
  }

  @Override
  public CompletableFuture<WriteResult> update(String key, byte[] value, long expectedModRevision) {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(value, "value");
    if (value.length > MAX_VALUE_BYTES) {
      return CompletableFuture.failedFuture(tooLarge(key, value.length));
    }
    ByteSequence k = bytes(key);
    CompletableFuture<TxnResponse> txn = kv.txn()
        // The createRevision guard keeps an update with expected revision 0 from creating the key.
        .If(new Cmp(k, Cmp.Op.GREATER, CmpTarget.createRevision(0)),
            new Cmp(k, Cmp.Op.EQUAL, CmpTarget.modRevision(expectedModRevision)))
        .Then(Op.put(k, ByteSequence.from(value), PutOption.builder().withPrevKV().build()))
        .Else(Op.get(k, GetOption.DEFAULT))
        .commit();
    return async(txn).thenApply(response -> {
      long rev = response.getHeader().getRevision();
      if (response.isSucceeded()) {
        io.etcd.jetcd.KeyValue prev = response.getPutResponses().getFirst().getPrevKv();
        return new WriteResult(WriteResult.Status.OK, rev,
            new KeyValue(key, value, prev.getCreateRevision(), rev, prev.getVersion() + 1));
      }
      KeyValue current = firstOrNull(response);
      return current == null
          ? new WriteResult(WriteResult.Status.NOT_FOUND, rev, null)
          : new WriteResult(WriteResult.Status.CONFLICT, rev, current);
    });
  }

  @Override
  public CompletableFuture<WriteResult> delete(String key, long expectedModRevision) {
    Objects.requireNonNull(key, "key");
    ByteSequence k = bytes(key);
    List<Cmp> conditions = new ArrayList<>(2);
    conditions.add(new Cmp(k, Cmp.Op.GREATER, CmpTarget.createRevision(0)));
    if (expectedModRevision != 0) {
      conditions.add(new Cmp(k, Cmp.Op.EQUAL, CmpTarget.modRevision(expectedModRevision)));
    }
    CompletableFuture<TxnResponse> txn = kv.txn()
        .If(conditions.toArray(Cmp[]::new))
        .Then(Op.delete(k, DeleteOption.builder().withPrevKV(true).build()))
        .Else(Op.get(k, GetOption.DEFAULT))
        .commit();
    return async(txn).thenApply(response -> {
      long rev = response.getHeader().getRevision();
      if (response.isSucceeded()) {
        List<io.etcd.jetcd.KeyValue> prevs = response.getDeleteResponses().getFirst().getPrevKvs();
        if (prevs.isEmpty()) {
          // Deleted by someone else between the compare and the delete cannot happen in one txn.
          throw new StoreException(StoreException.Code.UNAVAILABLE, "etcd delete of " + key + " returned no previous value");
        }
        KeyValue prev = toKeyValue(prevs.getFirst());
        return new WriteResult(WriteResult.Status.OK, rev,
            new KeyValue(key, prev.value(), prev.createRevision(), rev, prev.version()));
      }
      KeyValue current = firstOrNull(response);
      return current == null
          ? new WriteResult(WriteResult.Status.NOT_FOUND, rev, null)
          : new WriteResult(WriteResult.Status.CONFLICT, rev, current);
    });
  }

  private KeyValue firstOrNull(TxnResponse response) {
    List<GetResponse> gets = response.getGetResponses();
    if (gets.isEmpty() || gets.getFirst().getKvs().isEmpty()) {
      return null;
    }
    return toKeyValue(gets.getFirst().getKvs().getFirst());
  }

  private static StoreException tooLarge(String key, int length) {
    return new StoreException(StoreException.Code.TOO_LARGE,
        "value of " + length + " bytes for key " + key + " exceeds the limit of " + MAX_VALUE_BYTES + " bytes");
  }

  private static KeyValue toKeyValue(io.etcd.jetcd.KeyValue kv) {
    return new KeyValue(string(kv.getKey()), kv.getValue().getBytes(), kv.getCreateRevision(), kv.getModRevision(),
        kv.getVersion());
  }

  @Override
  public Watch watch(String prefix, long afterRevision, WatchListener listener) {
    Objects.requireNonNull(prefix, "prefix");
    Objects.requireNonNull(listener, "listener");
    checkOpen();
    EtcdWatch watch = new EtcdWatch(afterRevision, listener);
    watches.add(watch);
    String end = KvStore.prefixEnd(prefix);
    WatchOption option = WatchOption.builder()
        .withRevision(afterRevision + 1)
        .withRange(Keys.isUnboundedEnd(end) ? NUL : bytes(end))
        .withPrevKV(true)
        .build();
    watch.start(client.getWatchClient().watch(bytes(prefix), option, watch));
    return watch;
  }

  /** Adapts one jetcd watcher to our contract: ordered, de-duplicated, and ended by any error. */
  private final class EtcdWatch implements Watch, io.etcd.jetcd.Watch.Listener {
    private final long afterRevision;
    private final WatchListener listener;
    private io.etcd.jetcd.Watch.Watcher watcher; // guarded by this
    private boolean stopped; // guarded by this
    private long lastDelivered; // guarded by this

    EtcdWatch(long afterRevision, WatchListener listener) {
      this.afterRevision = afterRevision;
      this.listener = listener;
      this.lastDelivered = afterRevision;
    }

    synchronized void start(io.etcd.jetcd.Watch.Watcher watcher) {
      this.watcher = watcher;
      if (stopped) {
        watcher.close();
      }
    }

    @Override
    public void onNext(WatchResponse response) {
      synchronized (this) {
        if (stopped) {
          return;
        }
        List<WatchEvent> events = new ArrayList<>(response.getEvents().size());
        for (io.etcd.jetcd.watch.WatchEvent event : response.getEvents()) {
          WatchEvent converted = convert(event);
          // jetcd resumes broken streams itself; never hand out a revision twice.
          if (converted != null && converted.revision() > lastDelivered) {
            events.add(converted);
          }
        }
        if (events.isEmpty()) {
          return;
        }
        lastDelivered = events.getLast().revision();
        try {
          listener.onEvents(events);
        } catch (RuntimeException e) {
          LOG.log(System.Logger.Level.WARNING, "etcd watch listener failed; cancelling its watch", e);
          end(new StoreException(StoreException.Code.CLOSED, "watch cancelled: its listener failed: " + e, e));
        }
      }
    }

    private WatchEvent convert(io.etcd.jetcd.watch.WatchEvent event) {
      io.etcd.jetcd.KeyValue prev = event.getPrevKV();
      KeyValue prevKv = prev == null || prev.getKey().isEmpty() || prev.getCreateRevision() == 0
          ? null : toKeyValue(prev);
      io.etcd.jetcd.KeyValue kv = event.getKeyValue();
      return switch (event.getEventType()) {
        case PUT -> new WatchEvent(WatchEvent.Type.PUT, toKeyValue(kv), prevKv);
        case DELETE -> new WatchEvent(WatchEvent.Type.DELETE,
            new KeyValue(string(kv.getKey()), null, 0, kv.getModRevision(), 0), prevKv);
        case UNRECOGNIZED -> null;
      };
    }

    @Override
    public void onError(Throwable throwable) {
      StoreException error;
      if (throwable instanceof CompactedException compacted) {
        knownCompactRevision.accumulateAndGet(compacted.getCompactedRevision(), Math::max);
        error = StoreException.compacted(afterRevision, compacted.getCompactedRevision());
      } else {
        error = translate(throwable);
        if (error.code() != StoreException.Code.CLOSED && error.code() != StoreException.Code.FUTURE_REVISION) {
          error = new StoreException(StoreException.Code.UNAVAILABLE, "etcd watch failed: " + error.getMessage(), throwable);
        }
      }
      synchronized (this) {
        end(error);
      }
    }

    @Override
    public void onCompleted() {
      // Sent when the jetcd watcher closes; the close or error that caused it has been handled.
    }

    // Caller holds this.
    private void end(StoreException error) {
      if (stopped) {
        return;
      }
      stopped = true;
      watches.remove(this);
      if (watcher != null) {
        watcher.close();
      }
      try {
        listener.onError(error);
      } catch (RuntimeException e) {
        LOG.log(System.Logger.Level.WARNING, "etcd watch listener's onError failed", e);
      }
    }

    void fail(StoreException error) {
      synchronized (this) {
        end(error);
      }
    }

    @Override
    public void close() {
      synchronized (this) {
        if (stopped) {
          return;
        }
        stopped = true;
        watches.remove(this);
        if (watcher != null) {
          watcher.close();
        }
      }
    }
  }

  @Override
  public CompletableFuture<Long> compact(long revision) {
    if (closed.get()) {
      return CompletableFuture.failedFuture(closedException());
    }
    long known = knownCompactRevision.get();
    if (revision <= known) {
      return CompletableFuture.completedFuture(known);
    }
    CompletableFuture<Long> result = new CompletableFuture<>();
    kv.compact(revision, CompactOption.builder().withCompactPhysical(true).build())
        .orTimeout(options.requestTimeout().toMillis(), TimeUnit.MILLISECONDS)
        .whenComplete((response, failure) -> {
          if (failure == null) {
            result.complete(knownCompactRevision.accumulateAndGet(revision, Math::max));
            return;
          }
          StoreException error = translate(failure);
          if (error.code() == StoreException.Code.COMPACTED) {
            // etcd refuses to compact at or below its compact revision: that is our no-op.
            result.complete(knownCompactRevision.accumulateAndGet(revision, Math::max));
          } else {
            result.completeExceptionally(error);
          }
        });
    return result;
  }

  @Override
  public long currentRevision() {
    // A count-only read of one key: the cheapest request that carries the cluster's revision.
    GetResponse response = await(kv.get(NUL, GetOption.builder().withCountOnly(true).build()));
    return response.getHeader().getRevision();
  }

  @Override
  public long compactRevision() {
    return knownCompactRevision.get();
  }

  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    for (EtcdWatch watch : List.copyOf(watches)) {
      watch.fail(closedException());
    }
    client.close();
  }

  private void checkOpen() {
    if (closed.get()) {
      throw closedException();
    }
  }

  private static StoreException closedException() {
    return new StoreException(StoreException.Code.CLOSED, "store is closed");
  }

  private <T> T await(CompletableFuture<T> future) {
    return await(future, 0);
  }

  private <T> T await(CompletableFuture<T> future, long requestedRevision) {
    checkOpen();
    try {
      return future.get(options.requestTimeout().toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      future.cancel(true);
      Thread.currentThread().interrupt();
      throw new StoreException(StoreException.Code.UNAVAILABLE, "interrupted while waiting for etcd", e);
    } catch (ExecutionException | TimeoutException e) {
      future.cancel(true);
      StoreException error = translate(e);
      if (error.code() == StoreException.Code.COMPACTED) {
        throw StoreException.compacted(requestedRevision, knownCompactRevision.get());
      }
      throw error;
    }
  }

  private <T> CompletableFuture<T> async(CompletableFuture<T> future) {
    if (closed.get()) {
      future.cancel(true);
      return CompletableFuture.failedFuture(closedException());
    }
    return future
        .orTimeout(options.requestTimeout().toMillis(), TimeUnit.MILLISECONDS)
        .exceptionallyCompose(failure -> CompletableFuture.failedFuture(translate(failure)));
  }

  /** Maps jetcd and gRPC failures onto the store's closed set of error codes. */
  static StoreException translate(Throwable failure) {
    Throwable t = failure;
    while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
      t = t.getCause();
    }
    if (t instanceof StoreException se) {
      return se;
    }
    if (t instanceof TimeoutException) {
      return new StoreException(StoreException.Code.UNAVAILABLE, "etcd request timed out", t);
    }
    if (t instanceof ClosedClientException) {
      return new StoreException(StoreException.Code.CLOSED, "etcd client is closed", t);
    }
    String message = String.valueOf(t.getMessage());
    if (t instanceof CompactedException || message.contains("required revision has been compacted")) {
      long compactRevision = t instanceof CompactedException c ? c.getCompactedRevision() : 0;
      return new StoreException(StoreException.Code.COMPACTED, "etcd: " + message, t, compactRevision);
    }
    if (message.contains("required revision is a future revision")) {
      return new StoreException(StoreException.Code.FUTURE_REVISION, "etcd: " + message, t);
    }
    if (message.contains("request is too large") || message.contains("larger than max")) {
      return new StoreException(StoreException.Code.TOO_LARGE, "etcd: " + message, t);
    }
    if (t instanceof EtcdException) {
      return new StoreException(StoreException.Code.UNAVAILABLE, "etcd: " + message, t);
    }
    return new StoreException(StoreException.Code.UNAVAILABLE, "etcd request failed: " + t, t);
  }

  @Override
  public String toString() {
    return "EtcdKvStore[namespace=" + options.namespace() + "]";
  }
}
