package dev.berth.store.memory;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.store.KvStore;
import dev.berth.store.KvStoreConformanceTest;
import org.junit.jupiter.api.Test;

class MemoryKvStoreTest extends KvStoreConformanceTest {

  @Override
  protected KvStore newStore() {
    return new MemoryKvStore();
  }

  @Test
  void emptyStoreIsAtRevisionZero() {
    assertThat(store.currentRevision()).isZero();
    assertThat(store.compactRevision()).isZero();
    assertThat(store.range("", "\0", 0, 0).revision()).isZero();
  }

  @Test
  void compactionFreesSupersededVersionsAndTombstones() {
    MemoryKvStore memory = (MemoryKvStore) store;
    long rev = mustCreate("/a", "1");
    for (int i = 2; i <= 5; i++) {
      rev = mustUpdate("/a", String.valueOf(i), rev);
    }
    long b = mustCreate("/b", "x");
    mustDelete("/b", b);
    assertThat(memory.historySize()).isEqualTo(7);

    join(memory.compact(memory.currentRevision()));

    // Only /a's latest version survives: four superseded versions, /b's value and its tombstone go.
    assertThat(memory.historySize()).isEqualTo(1);
    assertThat(text(memory.get("/a").orElseThrow().value())).isEqualTo("5");
  }

  @Test
  void valuesAreCopiedSoCallersMayReuseTheirArrays() {
    byte[] value = bytes("original");
    join(store.create("/copy", value));
    value[0] = 'X';

    byte[] read = store.get("/copy").orElseThrow().value();
    assertThat(text(read)).isEqualTo("original");
    read[0] = 'Y';
    assertThat(text(store.get("/copy").orElseThrow().value())).isEqualTo("original");
  }
}
