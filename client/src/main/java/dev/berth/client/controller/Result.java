package dev.berth.client.controller;

import java.time.Duration;

/**
 * What a reconcile asks for next. A thrown exception means "failed": the key is retried with
 * back-off. There is one way to ask for a later look: {@link #requeueAfter}.
 */
public sealed interface Result {

  /** Reconciled; nothing to do until something changes. */
  Result DONE = new Done();

  /** Reconciled for now; look again after {@code delay} (e.g. a deadline or a pending wait). */
  static Result requeueAfter(Duration delay) {
    return new RequeueAfter(delay);
  }

  record Done() implements Result {}

  record RequeueAfter(Duration delay) implements Result {}
}
