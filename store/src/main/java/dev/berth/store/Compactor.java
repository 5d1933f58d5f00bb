package dev.berth.store;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Keeps a store's history bounded: periodically compacts away revisions that are older than
 * <em>both</em> bounds — at least {@code minAge} old (5 minutes by default) and at least {@code
 * minRevisions} behind the current revision (10,000 by default). Whichever bound keeps more
 * history wins, so a quiet store keeps 10,000 revisions and a busy one keeps 5 minutes.
 *
 * <p>The store does not record when each revision was written, so the compactor samples (time,
 * current revision) on every run: a revision sampled at time t was written no later than t, so once
 * t is {@code minAge} in the past, everything up to that revision is old enough. History is
 * therefore kept for between {@code minAge} and {@code minAge + interval}.
 *
 * <p>Time comes from the injected {@link Clock} and runs from the injected scheduler, so tests drive
 * it with a fake clock and {@link #runOnce()}.
 */
public final class Compactor implements AutoCloseable {

  /** The default minimum age of compacted history. */
  public static final Duration DEFAULT_MIN_AGE = Duration.ofMinutes(5);
  /** The default minimum number of revisions kept. */
  public static final long DEFAULT_MIN_REVISIONS = 10_000;
  /** The default time between runs. */
  public static final Duration DEFAULT_INTERVAL = Duration.ofMinutes(1);

  private static final System.Logger LOG = System.getLogger(Compactor.class.getName());
  private static final Duration COMPACT_TIMEOUT = Duration.ofMinutes(5);

  private record Sample(Instant time, long revision) {}

  private final KvStore store;
  private final Clock clock;
  private final ScheduledExecutorService scheduler;
  private final Duration minAge;
  private final long minRevisions;
  private final Duration interval;
  private final Deque<Sample> samples = new ArrayDeque<>(); // guarded by this, oldest first
  private ScheduledFuture<?> task; // guarded by this

  /**
   * @param minAge compact only revisions at least this old
   * @param minRevisions always keep at least this many latest revisions
   * @param interval time between runs once {@link #start()} is called
   */
  public Compactor(KvStore store, Clock clock, ScheduledExecutorService scheduler, Duration minAge,
      long minRevisions, Duration interval) {
    this.store = Objects.requireNonNull(store, "store");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
    this.minAge = Objects.requireNonNull(minAge, "minAge");
    this.interval = Objects.requireNonNull(interval, "interval");
    if (minAge.isNegative() || minRevisions < 0 || interval.isNegative() || interval.isZero()) {
      throw new IllegalArgumentException(
          "minAge and minRevisions must not be negative and interval must be positive");
    }
    this.minRevisions = minRevisions;
  }

  /** A compactor with the defaults: keep 5 minutes and 10,000 revisions, run every minute. */
  public static Compactor withDefaults(KvStore store, Clock clock, ScheduledExecutorService scheduler) {
    return new Compactor(store, clock, scheduler, DEFAULT_MIN_AGE, DEFAULT_MIN_REVISIONS, DEFAULT_INTERVAL);
  }

  /** Starts running every {@code interval} (the first run samples only, unless history is old). */
  public synchronized void start() {
    if (task != null) {
      return;
    }
    task = scheduler.scheduleWithFixedDelay(this::runSafely, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
  }

  private void runSafely() {
    try {
      runOnce();
    } catch (RuntimeException e) {
      // A failed run (store unavailable) is retried at the next interval.
      LOG.log(System.Logger.Level.WARNING, "store compaction failed: " + e.getMessage(), e);
    }
  }

  /**
   * Takes a sample and compacts if some revision is now older than both bounds.
   *
   * @return the revision compacted to, or empty if there was nothing to compact
   * @throws StoreException if the store fails
   */
  public OptionalLong runOnce() {
    Instant now = clock.instant();
    long current = store.currentRevision();
    long target;
    synchronized (this) {
      samples.addLast(new Sample(now, current));
      Instant oldEnough = now.minus(minAge);
      // The newest sample that is old enough bounds what may go by age; older samples are no longer
      // needed once a newer one qualifies.
      Sample byAge = null;
      while (!samples.isEmpty() && !samples.peekFirst().time().isAfter(oldEnough)) {
        byAge = samples.pollFirst();
      }
      if (byAge == null) {
        return OptionalLong.empty();
      }
      // Keep it for the next run: it still bounds the age until a newer sample qualifies.
      samples.addFirst(byAge);
      target = Math.min(byAge.revision(), current - minRevisions);
    }
    if (target <= store.compactRevision() || target <= 0) {
      return OptionalLong.empty();
    }
    long compacted = await(store.compact(target));
    LOG.log(System.Logger.Level.DEBUG, "compacted store to revision {0}", compacted);
    return OptionalLong.of(compacted);
  }

  private static long await(java.util.concurrent.CompletableFuture<Long> future) {
    try {
      return future.get(COMPACT_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StoreException(StoreException.Code.UNAVAILABLE, "interrupted while compacting", e);
    } catch (TimeoutException e) {
      throw new StoreException(StoreException.Code.UNAVAILABLE, "compaction did not finish within " + COMPACT_TIMEOUT, e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof StoreException se) {
        throw se;
      }
      throw new StoreException(StoreException.Code.UNAVAILABLE, "compaction failed: " + e.getCause(), e.getCause());
    }
  }

  /** Stops the periodic runs (a run in progress finishes). Does not close the store or scheduler. */
  @Override
  public synchronized void close() {
    if (task != null) {
      task.cancel(false);
      task = null;
    }
  }
}
