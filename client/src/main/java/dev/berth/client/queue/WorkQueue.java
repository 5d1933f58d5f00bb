package dev.berth.client.queue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A rate-limited, delaying work queue with client-go's guarantees, the heart of every controller:
 *
 * <ul>
 *   <li>an item is queued at most once, however often it is added (deduplication);
 *   <li>an item is never handed to two workers at once: added again while being processed, it is
 *       marked dirty and queued once the worker calls {@link #done};
 *   <li>{@link #addAfter} delays an item; {@link #addRateLimited} delays it by a per-item
 *       exponential back-off that {@link #forget} resets.
 * </ul>
 *
 * <p>Time comes from the injected clock; a background thread moves due items into the queue (tests
 * with a fake clock call {@link #moveDueItems()} after stepping it).
 *
 * @param <T> the item type, typically a {@code namespace/name} key; must have value equality
 */
public final class WorkQueue<T> implements AutoCloseable {

  private final Clock clock;
  private final Duration baseDelay;
  private final Duration maxDelay;
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition available = lock.newCondition();
  private final Condition delayedChanged = lock.newCondition();
  private final ArrayDeque<T> queue = new ArrayDeque<>();
  private final Set<T> dirty = new HashSet<>();
  private final Set<T> processing = new HashSet<>();
  private final Map<T, Integer> failures = new HashMap<>();
  private final PriorityQueue<Delayed<T>> delayed = new PriorityQueue<>();
  private final Map<T, Instant> delayedAt = new HashMap<>();
  private final Thread delayer;
  private boolean shuttingDown;
  private boolean drain;

  private record Delayed<T>(Instant at, long seq, T item) implements Comparable<Delayed<T>> {
    @Override
    public int compareTo(Delayed<T> o) {
      int c = at.compareTo(o.at);
      return c != 0 ? c : Long.compare(seq, o.seq);
    }
  }

  private long seq;

  /** A queue with client-go's default back-off: 5 ms doubling up to 1000 s. */
  public WorkQueue(String name, Clock clock) {
    this(name, clock, Duration.ofMillis(5), Duration.ofSeconds(1000));
  }

  public WorkQueue(String name, Clock clock, Duration baseDelay, Duration maxDelay) {
    this.clock = clock;
    this.baseDelay = baseDelay;
    this.maxDelay = maxDelay;
    this.delayer = new Thread(this::runDelayer, "workqueue-" + name + "-delay");
    this.delayer.setDaemon(true);
    this.delayer.start();
  }

  /** Queues {@code item} unless it is already queued; deferred while it is being processed. */
  public void add(T item) {
    lock.lock();
    try {
      addLocked(item);
    } finally {
      lock.unlock();
    }
  }

  private void addLocked(T item) {
    if (shuttingDown || !dirty.add(item)) {
      return;
    }
    if (!processing.contains(item)) {
      queue.addLast(item);
      available.signal();
    }
  }

  /** Queues {@code item} after {@code delay}; an earlier pending time for it wins. */
  public void addAfter(T item, Duration delay) {
    if (delay.isZero() || delay.isNegative()) {
      add(item);
      return;
    }
    lock.lock();
    try {
      if (shuttingDown) {
        return;
      }
      Instant at = clock.instant().plus(delay);
      Instant existing = delayedAt.get(item);
      if (existing != null && !existing.isAfter(at)) {
        return;
      }
      delayedAt.put(item, at);
      delayed.add(new Delayed<>(at, seq++, item));
      delayedChanged.signal();
    } finally {
      lock.unlock();
    }
  }

  /** Queues {@code item} after its back-off, which doubles with every call until {@link #forget}. */
  public void addRateLimited(T item) {
    int n;
    lock.lock();
    try {
      n = failures.merge(item, 1, Integer::sum) - 1;
    } finally {
      lock.unlock();
    }
    addAfter(item, backoff(n));
  }

  Duration backoff(int failuresSoFar) {
    if (failuresSoFar >= 40) {
      return maxDelay;
    }
    long nanos = baseDelay.toNanos() << Math.min(failuresSoFar, 40);
    return nanos <= 0 || nanos > maxDelay.toNanos() ? maxDelay : Duration.ofNanos(nanos);
  }

  /** Resets {@code item}'s back-off (call when it was processed successfully). */
  public void forget(T item) {
    lock.lock();
    try {
      failures.remove(item);
    } finally {
      lock.unlock();
    }
  }

  /** How many times {@code item} has been re-queued with back-off since the last forget. */
  public int numRequeues(T item) {
    lock.lock();
    try {
      return failures.getOrDefault(item, 0);
    } finally {
      lock.unlock();
    }
  }

  /**
   * Takes the next item, waiting for one; empty once the queue is shut down (and, when draining,
   * emptied). The caller must call {@link #done} when finished with it.
   */
  public Optional<T> get() throws InterruptedException {
    lock.lock();
    try {
      while (queue.isEmpty() && !shuttingDown) {
        available.await();
      }
      if (queue.isEmpty() || (shuttingDown && !drain)) {
        return Optional.empty();
      }
      T item = queue.pollFirst();
      processing.add(item);
      dirty.remove(item);
      return Optional.of(item);
    } finally {
      lock.unlock();
    }
  }

  /** Like {@link #get()} but gives up after {@code timeout}. */
  public Optional<T> poll(Duration timeout) throws InterruptedException {
    lock.lock();
    try {
      long nanos = timeout.toNanos();
      while (queue.isEmpty() && !shuttingDown && nanos > 0) {
        nanos = available.awaitNanos(nanos);
      }
      if (queue.isEmpty() || (shuttingDown && !drain)) {
        return Optional.empty();
      }
      T item = queue.pollFirst();
      processing.add(item);
      dirty.remove(item);
      return Optional.of(item);
    } finally {
      lock.unlock();
    }
  }

  /** Marks {@code item} processed; if it was added meanwhile, it is queued again now. */
  public void done(T item) {
    lock.lock();
    try {
      processing.remove(item);
      if (dirty.contains(item)) {
        queue.addLast(item);
        available.signal();
      } else if (shuttingDown && drain && processing.isEmpty()) {
        available.signalAll();
      }
    } finally {
      lock.unlock();
    }
  }

  /** Items waiting (not counting delayed or in-process ones). */
  public int length() {
    lock.lock();
    try {
      return queue.size();
    } finally {
      lock.unlock();
    }
  }

  public boolean shuttingDown() {
    lock.lock();
    try {
      return shuttingDown;
    } finally {
      lock.unlock();
    }
  }

  /** Moves every delayed item whose time has come into the queue; returns how many moved. */
  public int moveDueItems() {
    lock.lock();
    try {
      return moveDueLocked();
    } finally {
      lock.unlock();
    }
  }

  private int moveDueLocked() {
    Instant now = clock.instant();
    int moved = 0;
    while (!delayed.isEmpty() && !delayed.peek().at().isAfter(now)) {
      Delayed<T> d = delayed.poll();
      if (d.at().equals(delayedAt.get(d.item()))) {
        delayedAt.remove(d.item());
        addLocked(d.item());
        moved++;
      }
    }
    return moved;
  }

  private void runDelayer() {
    lock.lock();
    try {
      while (!shuttingDown) {
        moveDueLocked();
        long waitMs = delayed.isEmpty() ? 1000
            : Math.max(1, Duration.between(clock.instant(), delayed.peek().at()).toMillis());
        try {
          delayedChanged.await(Math.min(waitMs, 1000), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
          return;
        }
      }
    } finally {
      lock.unlock();
    }
  }

  /** Stops handing out items; waiting workers get empty results. */
  public void shutDown() {
    lock.lock();
    try {
      shuttingDown = true;
      available.signalAll();
      delayedChanged.signalAll();
    } finally {
      lock.unlock();
    }
  }

  /** Stops accepting items but lets workers take what is already queued. */
  public void shutDownWithDrain() {
    lock.lock();
    try {
      drain = true;
      shuttingDown = true;
      available.signalAll();
      delayedChanged.signalAll();
    } finally {
      lock.unlock();
    }
  }

  @Override
  public void close() {
    shutDown();
    delayer.interrupt();
  }
}
