package dev.berth.store;

/** A running watch; closing it stops delivery (no onError call follows a close). */
public interface Watch extends AutoCloseable {
  @Override
  void close();
}
