package dev.berth.apiserver.http;

import dev.berth.apiserver.cache.CachedObject;
import dev.berth.apiserver.cache.EventType;
import dev.berth.apiserver.cache.WatchSink;
import io.vertx.core.Context;
import io.vertx.core.buffer.Buffer;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A watch stream to one client. The cache's applier thread enqueues events; the connection's event
 * loop encodes and writes everything pending in one go (so bursts become few large writes), and
 * honours back-pressure. A client that falls more than {@link #MAX_PENDING} events behind is
 * disconnected, as kube-apiserver drops slow watchers, and must re-list.
 */
public abstract class StreamingWatch implements WatchSink {

  private static final System.Logger LOG = System.getLogger(StreamingWatch.class.getName());
  static final int MAX_PENDING = 100_000;

  /** Turns one event into the bytes of one line/message (encoding, conversion, Table). */
  public interface Encoder {
    byte[] encode(EventType type, CachedObject object);
  }

  private record Pending(EventType type, CachedObject object, byte[] raw) {}

  private final Context context;
  private final Encoder encoder;
  private final String kind;
  private final String apiVersion;
  private final ConcurrentLinkedQueue<Pending> queue = new ConcurrentLinkedQueue<>();
  private final AtomicInteger pending = new AtomicInteger();
  private final AtomicBoolean scheduled = new AtomicBoolean();
  private volatile boolean closed;
  private volatile boolean ending;
  private boolean awaitingDrain;

  protected StreamingWatch(Context context, Encoder encoder, String kind, String apiVersion) {
    this.context = context;
    this.encoder = encoder;
    this.kind = kind;
    this.apiVersion = apiVersion;
  }

  /** Writes one chunk; returns false if the transport's queue is full. */
  protected abstract boolean write(Buffer data);

  /** Calls {@code onDrain} once the transport can take more. */
  protected abstract void whenDrained(Runnable onDrain);

  /** Ends the stream cleanly. */
  protected abstract void finish();

  /** Whether each event must be written separately (WebSocket messages) rather than batched. */
  protected boolean messagePerEvent() {
    return false;
  }

  protected void markClosed() {
    closed = true;
  }

  @Override
  public void event(EventType type, CachedObject object) {
    enqueue(new Pending(type, object, null));
  }

  @Override
  public void bookmark(long revision, boolean initialEventsEnd) {
    String annotations = initialEventsEnd
        ? ",\"annotations\":{\"k8s.io/initial-events-end\":\"true\"}" : "";
    String line = "{\"type\":\"BOOKMARK\",\"object\":{\"kind\":\"" + kind + "\",\"apiVersion\":\""
        + apiVersion + "\",\"metadata\":{\"resourceVersion\":\"" + revision + "\"" + annotations
        + "}}}\n";
    enqueue(new Pending(null, null, line.getBytes(StandardCharsets.UTF_8)));
  }

  @Override
  public void end(boolean expired, String message) {
    if (expired) {
      String status = "{\"type\":\"ERROR\",\"object\":{\"kind\":\"Status\",\"apiVersion\":\"v1\","
          + "\"metadata\":{},\"status\":\"Failure\",\"message\":"
          + dev.berth.apiserver.util.Json.string(
              dev.berth.apiserver.util.Json.NODES.textNode(message))
          + ",\"reason\":\"Expired\",\"code\":410}}\n";
      enqueue(new Pending(null, null, status.getBytes(StandardCharsets.UTF_8)));
    }
    ending = true;
    schedule();
  }

  /** Ends the watch from the server side (timeout), after flushing what is pending. */
  public void stop() {
    ending = true;
    schedule();
  }

  @Override
  public boolean closed() {
    return closed;
  }

  private void enqueue(Pending p) {
    if (closed || ending) {
      return;
    }
    if (pending.incrementAndGet() > MAX_PENDING) {
      LOG.log(Level.WARNING, "closing a watch that fell {0} events behind", MAX_PENDING);
      closed = true;
      queue.clear();
      context.runOnContext(v -> finish());
      return;
    }
    queue.add(p);
    schedule();
  }

  private void schedule() {
    if (scheduled.compareAndSet(false, true)) {
      context.runOnContext(v -> flush());
    }
  }

  private void flush() {
    scheduled.set(false);
    if (closed) {
      queue.clear();
      return;
    }
    if (awaitingDrain) {
      return;
    }
    Buffer batch = null;
    Pending p;
    boolean full = false;
    while ((p = queue.poll()) != null) {
      pending.decrementAndGet();
      byte[] bytes;
      try {
        bytes = p.raw != null ? p.raw : encoder.encode(p.type, p.object);
      } catch (RuntimeException e) {
        LOG.log(Level.ERROR, "cannot encode watch event", e);
        continue;
      }
      if (messagePerEvent()) {
        full = !write(Buffer.buffer(bytes));
        if (full) {
          break;
        }
      } else {
        if (batch == null) {
          batch = Buffer.buffer(Math.max(bytes.length, 4096));
        }
        batch.appendBytes(bytes);
        if (batch.length() > 1 << 20) {
          full = !write(batch);
          batch = null;
          if (full) {
            break;
          }
        }
      }
    }
    if (batch != null) {
      full = !write(batch);
    }
    if (full) {
      awaitingDrain = true;
      whenDrained(() -> {
        awaitingDrain = false;
        schedule();
      });
      return;
    }
    if (ending && queue.isEmpty()) {
      closed = true;
      finish();
    }
  }
}
