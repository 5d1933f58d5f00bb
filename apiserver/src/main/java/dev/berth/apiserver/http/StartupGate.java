package dev.berth.apiserver.http;

import io.vertx.core.Context;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerRequest;
import java.util.ArrayList;
import java.util.List;

/**
 * Lets the HTTPS listener come up while the rest of the server is still loading: requests arriving
 * before {@link #open} are paused and replayed, in order, on their own event loop once the real
 * handler is ready. Startup work then overlaps instead of adding up.
 */
public final class StartupGate implements Handler<HttpServerRequest> {

  private record Held(HttpServerRequest request, Context context) {}

  private volatile Handler<HttpServerRequest> delegate;
  private final List<Held> held = new ArrayList<>();

  @Override
  public void handle(HttpServerRequest req) {
    Handler<HttpServerRequest> d = delegate;
    if (d != null) {
      d.handle(req);
      return;
    }
    synchronized (held) {
      d = delegate;
      if (d == null) {
        req.pause();
        held.add(new Held(req, Vertx.currentContext()));
        return;
      }
    }
    d.handle(req);
  }

  /** Installs the real handler and replays the requests that arrived before it. */
  public void open(Handler<HttpServerRequest> handler) {
    List<Held> waiting;
    synchronized (held) {
      delegate = handler;
      waiting = new ArrayList<>(held);
      held.clear();
    }
    for (Held h : waiting) {
      h.context().runOnContext(v -> {
        handler.handle(h.request());
        h.request().resume();
      });
    }
  }
}
