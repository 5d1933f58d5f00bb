package dev.berth.store;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.berth.store.memory.MemoryKvStore;
import java.time.Duration;
import java.time.Instant;
import java.util.OptionalLong;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class CompactorTest {

  private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
  private final MemoryKvStore store = new MemoryKvStore();
  private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();

  @AfterEach
  void tearDown() {
    scheduler.shutdownNow();
    store.close();
  }

  private void write(int count) {
    for (int i = 0; i < count; i++) {
      store.create("/k/" + store.currentRevision(), "v".getBytes(UTF_8)).join();
    }
  }

  private Compactor compactor(Duration minAge, long minRevisions) {
    return new Compactor(store, clock, scheduler, minAge, minRevisions, Duration.ofMinutes(1));
  }

  @Test
  void nothingIsCompactedBeforeTheMinimumAge() {
    Compactor compactor = compactor(Duration.ofMinutes(5), 10);
    write(100);

    assertThat(compactor.runOnce()).isEmpty();
    clock.advance(Duration.ofMinutes(4));
    write(100);
    assertThat(compactor.runOnce()).isEmpty();
    assertThat(store.compactRevision()).isZero();
  }

  @Test
  void revisionsOlderThanTheMinimumAgeAreCompactedOnceEnoughRevisionsFollow() {
    Compactor compactor = compactor(Duration.ofMinutes(5), 10);
    write(100);
    compactor.runOnce(); // sample (t0, 100)
    clock.advance(Duration.ofMinutes(2));
    write(50);
    compactor.runOnce(); // sample (t0+2, 150)
    clock.advance(Duration.ofMinutes(3));
    write(50);

    // At t0+5 only the t0 sample is old enough: everything up to 100 may go; 200-10 allows more.
    assertThat(compactor.runOnce()).isEqualTo(OptionalLong.of(100));
    assertThat(store.compactRevision()).isEqualTo(100);

    clock.advance(Duration.ofMinutes(2));
    // Now (t0+2, 150) is old enough.
    assertThat(compactor.runOnce()).isEqualTo(OptionalLong.of(150));
  }

  @Test
  void theRevisionBoundKeepsHistoryWhenTheStoreIsQuiet() {
    Compactor compactor = compactor(Duration.ofMinutes(5), 10_000);
    write(300);
    compactor.runOnce();
    clock.advance(Duration.ofHours(1));

    // Old enough by age, but fewer than 10,000 revisions exist.
    assertThat(compactor.runOnce()).isEmpty();
    assertThat(store.compactRevision()).isZero();
  }

  @Test
  void bothBoundsMustHold() {
    Compactor compactor = compactor(Duration.ofMinutes(5), 120);
    write(100);
    compactor.runOnce(); // (t0, 100)
    clock.advance(Duration.ofMinutes(6));
    write(100); // current 200

    // Age allows 100, the revision bound only 200 - 120 = 80.
    assertThat(compactor.runOnce()).isEqualTo(OptionalLong.of(80));
    assertThat(store.range("/k/", KvStore.prefixEnd("/k/"), 80, 0).kvs()).hasSize(80);
  }

  @Test
  void aRunDoesNothingWhenTheTargetIsAlreadyCompacted() {
    Compactor compactor = compactor(Duration.ofMinutes(5), 10);
    write(100);
    compactor.runOnce();
    clock.advance(Duration.ofMinutes(10));
    assertThat(compactor.runOnce()).isEqualTo(OptionalLong.of(90));
    clock.advance(Duration.ofMinutes(10));

    // The newest old-enough sample is still at 90 (no writes since).
    assertThat(compactor.runOnce()).isEmpty();
  }

  @Test
  void theDefaultsKeepFiveMinutesAndTenThousandRevisions() {
    Compactor compactor = Compactor.withDefaults(store, clock, scheduler);
    write(10_050);
    compactor.runOnce();
    clock.advance(Duration.ofMinutes(5));
    write(10);

    assertThat(compactor.runOnce()).isEqualTo(OptionalLong.of(60));
  }

  /** Counts the compactor's samples and fails the first {@code failures} of them. */
  private static final class SampledStore implements KvStore {
    private final KvStore delegate;
    private final java.util.concurrent.atomic.AtomicInteger samples = new java.util.concurrent.atomic.AtomicInteger();
    private final int failures;

    SampledStore(KvStore delegate, int failures) {
      this.delegate = delegate;
      this.failures = failures;
    }

    @Override
    public long currentRevision() {
      if (samples.incrementAndGet() <= failures) {
        throw new StoreException(StoreException.Code.UNAVAILABLE, "injected failure");
      }
      return delegate.currentRevision();
    }

    @Override
    public java.util.Optional<KeyValue> get(String key) {
      return delegate.get(key);
    }

    @Override
    public RangeResult range(String fromKey, String toKey, long revision, int limit) {
      return delegate.range(fromKey, toKey, revision, limit);
    }

    @Override
    public java.util.concurrent.CompletableFuture<WriteResult> create(String key, byte[] value) {
      return delegate.create(key, value);
    }

    @Override
    public java.util.concurrent.CompletableFuture<WriteResult> update(String key, byte[] value, long expected) {
      return delegate.update(key, value, expected);
    }

    @Override
    public java.util.concurrent.CompletableFuture<WriteResult> delete(String key, long expected) {
      return delegate.delete(key, expected);
    }

    @Override
    public Watch watch(String prefix, long afterRevision, WatchListener listener) {
      return delegate.watch(prefix, afterRevision, listener);
    }

    @Override
    public java.util.concurrent.CompletableFuture<Long> compact(long revision) {
      return delegate.compact(revision);
    }

    @Override
    public long compactRevision() {
      return delegate.compactRevision();
    }

    @Override
    public void close() {
      delegate.close();
    }
  }

  @Test
  void startRunsPeriodicallyOnTheScheduler() {
    SampledStore sampled = new SampledStore(store, 0);
    Compactor compactor = new Compactor(sampled, clock, scheduler, Duration.ofMinutes(5), 10, Duration.ofMillis(10));
    write(50);
    compactor.start();
    await().atMost(Duration.ofSeconds(10)).until(() -> sampled.samples.get() >= 1);
    clock.advance(Duration.ofMinutes(6));

    await().atMost(Duration.ofSeconds(10)).until(() -> store.compactRevision() == 40);
    compactor.close();
    int samplesAfterClose = sampled.samples.get();
    await().pollDelay(Duration.ofMillis(100)).atMost(Duration.ofSeconds(1)).until(() -> true);
    assertThat(sampled.samples.get()).isLessThanOrEqualTo(samplesAfterClose + 1);
  }

  @Test
  void aFailingRunDoesNotStopThePeriodicRuns() {
    SampledStore flaky = new SampledStore(store, 3);
    Compactor compactor = new Compactor(flaky, clock, scheduler, Duration.ZERO, 0, Duration.ofMillis(10));
    write(5);

    assertThatThrownBy(compactor::runOnce).isInstanceOf(StoreException.class);
    compactor.start();

    // Two more failures, then a run that compacts everything.
    await().atMost(Duration.ofSeconds(10)).until(() -> store.compactRevision() == 5);
    assertThat(flaky.samples.get()).isGreaterThan(3);
    compactor.close();
  }

  @Test
  void invalidBoundsAreRejected() {
    assertThatThrownBy(() -> new Compactor(store, clock, scheduler, Duration.ofMinutes(-1), 1, Duration.ofMinutes(1)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Compactor(store, clock, scheduler, Duration.ofMinutes(1), -1, Duration.ofMinutes(1)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Compactor(store, clock, scheduler, Duration.ofMinutes(1), 1, Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
