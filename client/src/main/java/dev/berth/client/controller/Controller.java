package dev.berth.client.controller;

import dev.berth.client.queue.WorkQueue;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Runs a {@link Reconciler} over a {@link WorkQueue} with a fixed number of workers: the wiring
 * between "something changed" (event handlers add keys) and "make it so" (reconcile), with
 * client-go's retry semantics.
 *
 * @param <K> the key type
 */
public final class Controller<K> implements AutoCloseable {

  private static final System.Logger LOG = System.getLogger(Controller.class.getName());

  private final String name;
  private final Reconciler<K> reconciler;
  private final WorkQueue<K> queue;
  private final int workers;
  private final List<Thread> threads = new ArrayList<>();

  public Controller(String name, Reconciler<K> reconciler, int workers, Clock clock) {
    this.name = name;
    this.reconciler = reconciler;
    this.workers = workers;
    this.queue = new WorkQueue<>(name, clock);
  }

  public String name() {
    return name;
  }

  /** Where event handlers put keys. */
  public WorkQueue<K> queue() {
    return queue;
  }

  public void enqueue(K key) {
    queue.add(key);
  }

  public synchronized Controller<K> start() {
    for (int i = 0; i < workers; i++) {
      Thread t = new Thread(this::work, name + "-worker-" + i);
      t.setDaemon(true);
      t.start();
      threads.add(t);
    }
    return this;
  }

  private void work() {
    while (true) {
      Optional<K> next;
      try {
        next = queue.get();
      } catch (InterruptedException e) {
        return;
      }
      if (next.isEmpty()) {
        return;
      }
      K key = next.get();
      try {
        processOne(key);
      } finally {
        queue.done(key);
      }
    }
  }

  /** Reconciles one key and applies the result to the queue (exposed for single-threaded tests). */
  public void processOne(K key) {
    try {
      Result r = reconciler.reconcile(key);
      queue.forget(key);
      if (r instanceof Result.RequeueAfter ra) {
        queue.addAfter(key, ra.delay());
      }
    } catch (Exception e) {
      int n = queue.numRequeues(key);
      LOG.log(n < 3 ? Level.DEBUG : Level.WARNING,
          name + ": reconciling " + key + " failed (attempt " + (n + 1) + "): " + e);
      queue.addRateLimited(key);
    }
  }

  @Override
  public synchronized void close() {
    queue.shutDown();
    for (Thread t : threads) {
      t.interrupt();
    }
    queue.close();
  }
}
