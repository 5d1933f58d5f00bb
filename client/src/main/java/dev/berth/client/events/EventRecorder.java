package dev.berth.client.events;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectReferenceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Records core/v1 Events about objects, as client-go's recorder does: repeats of the same event
 * (object, type, reason, message) are aggregated into one Event whose {@code count} and
 * {@code lastTimestamp} go up. Sending is asynchronous and never blocks a controller; when the
 * backlog is full, events are dropped (they are diagnostics, not state).
 */
public final class EventRecorder implements AutoCloseable {

  private static final System.Logger LOG = System.getLogger(EventRecorder.class.getName());
  private static final int CACHE = 4096;

  private final KubernetesClient client;
  private final String component;
  private final String host;
  private final Clock clock;
  private final BlockingQueue<Event> pending = new ArrayBlockingQueue<>(10_000);
  private final Map<String, Event> recent = new LinkedHashMap<>(CACHE, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<String, Event> e) {
      return size() > CACHE;
    }
  };
  private final Thread sender;
  private volatile boolean closed;

  public EventRecorder(KubernetesClient client, String component, String host, Clock clock) {
    this.client = client;
    this.component = component;
    this.host = host;
    this.clock = clock;
    this.sender = new Thread(this::send, "events-" + component);
    this.sender.setDaemon(true);
    this.sender.start();
  }

  public void normal(HasMetadata obj, String reason, String message) {
    record(obj, "Normal", reason, message);
  }

  public void warning(HasMetadata obj, String reason, String message) {
    record(obj, "Warning", reason, message);
  }

  /** Queues an event about {@code obj}; returns at once. */
  public void record(HasMetadata obj, String type, String reason, String message) {
    if (closed || obj == null || obj.getMetadata() == null) {
      return;
    }
    String now = DateTimeFormatter.ISO_INSTANT.format(clock.instant().truncatedTo(ChronoUnit.SECONDS));
    String ns = obj.getMetadata().getNamespace() == null ? "default" : obj.getMetadata().getNamespace();
    Event e = new EventBuilder()
        .withNewMetadata().withNamespace(ns)
        .withName(obj.getMetadata().getName() + "." + Long.toHexString(nanos()))
        .endMetadata()
        .withInvolvedObject(new ObjectReferenceBuilder().withKind(obj.getKind())
            .withApiVersion(obj.getApiVersion()).withNamespace(obj.getMetadata().getNamespace())
            .withName(obj.getMetadata().getName()).withUid(obj.getMetadata().getUid())
            .withResourceVersion(obj.getMetadata().getResourceVersion()).build())
        .withType(type).withReason(reason).withMessage(message)
        .withNewSource().withComponent(component).withHost(host).endSource()
        .withReportingComponent(component).withReportingInstance(host)
        .withFirstTimestamp(now).withLastTimestamp(now).withCount(1)
        .build();
    if (!pending.offer(e)) {
      LOG.log(Level.DEBUG, "event backlog full; dropping {0} {1}", reason, message);
    }
  }

  private long nanos() {
    Instant i = clock.instant();
    return i.getEpochSecond() * 1_000_000_000L + i.getNano() + System.nanoTime() % 1000;
  }

  private void send() {
    while (!closed) {
      Event e;
      try {
        e = pending.poll(500, TimeUnit.MILLISECONDS);
      } catch (InterruptedException ex) {
        return;
      }
      if (e == null) {
        continue;
      }
      try {
        sendOne(e);
      } catch (KubernetesClientException ex) {
        LOG.log(Level.DEBUG, "cannot record event: {0}", ex.getMessage());
      } catch (RuntimeException ex) {
        LOG.log(Level.DEBUG, "cannot record event", ex);
      }
    }
  }

  private void sendOne(Event e) {
    String key = e.getInvolvedObject().getUid() + "|" + e.getInvolvedObject().getKind() + "|"
        + e.getInvolvedObject().getNamespace() + "|" + e.getInvolvedObject().getName() + "|"
        + e.getType() + "|" + e.getReason() + "|" + e.getMessage();
    Event previous = recent.get(key);
    String ns = e.getMetadata().getNamespace();
    if (previous != null) {
      int count = previous.getCount() == null ? 1 : previous.getCount() + 1;
      try {
        Event updated = client.v1().events().inNamespace(ns).withName(previous.getMetadata().getName())
            .edit(old -> new EventBuilder(old).withCount(count)
                .withLastTimestamp(e.getLastTimestamp()).build());
        recent.put(key, updated);
        return;
      } catch (KubernetesClientException ex) {
        if (ex.getCode() != 404) {
          throw ex;
        }
        recent.remove(key);
      }
    }
    Event created = client.v1().events().inNamespace(ns).resource(e).create();
    recent.put(key, created);
  }

  @Override
  public void close() {
    closed = true;
    sender.interrupt();
  }
}
