package dev.berth.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A {@link WatchListener} that records everything it is given and checks the listener contract as
 * it goes (no concurrent calls, nothing after onError).
 */
public final class RecordingListener implements WatchListener {

  private static final Duration TIMEOUT = Duration.ofSeconds(30);

  private final List<WatchEvent> events = new ArrayList<>();
  private final List<StoreException> errors = new ArrayList<>();
  private final List<String> violations = new ArrayList<>();
  private final AtomicInteger inCall = new AtomicInteger();

  @Override
  public void onEvents(List<WatchEvent> batch) {
    enter();
    try {
      synchronized (this) {
        if (!errors.isEmpty()) {
          violations.add("onEvents after onError: " + batch);
        }
        if (batch.isEmpty()) {
          violations.add("empty batch");
        }
        events.addAll(batch);
      }
    } finally {
      inCall.decrementAndGet();
    }
  }

  @Override
  public void onError(StoreException error) {
    enter();
    try {
      synchronized (this) {
        if (!errors.isEmpty()) {
          violations.add("second onError: " + error);
        }
        errors.add(error);
      }
    } finally {
      inCall.decrementAndGet();
    }
  }

  private void enter() {
    if (inCall.incrementAndGet() != 1) {
      synchronized (this) {
        violations.add("concurrent listener call");
      }
    }
  }

  public synchronized List<WatchEvent> events() {
    return List.copyOf(events);
  }

  public synchronized List<Long> revisions() {
    return events.stream().map(WatchEvent::revision).toList();
  }

  public synchronized List<StoreException> errors() {
    return List.copyOf(errors);
  }

  public synchronized List<String> violations() {
    return List.copyOf(violations);
  }

  /** Waits until at least {@code count} events arrived, then returns them all. */
  public List<WatchEvent> awaitEvents(int count) {
    await().atMost(TIMEOUT).until(() -> events().size() >= count || !errors().isEmpty());
    assertThat(errors()).as("watch errors").isEmpty();
    assertThat(violations()).as("listener contract violations").isEmpty();
    return events();
  }

  /** Waits until an error arrived, then returns it. */
  public StoreException awaitError() {
    await().atMost(TIMEOUT).until(() -> !errors().isEmpty());
    assertThat(violations()).as("listener contract violations").isEmpty();
    return errors().getFirst();
  }
}
