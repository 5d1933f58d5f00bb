package dev.berth.client.queue;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.testkit.FakeClock;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class WorkQueueTest {

  private final FakeClock clock = new FakeClock();
  private final WorkQueue<String> q = new WorkQueue<>("test", clock);

  @AfterEach
  void close() {
    q.close();
  }

  private String take() throws InterruptedException {
    return q.poll(Duration.ofMillis(200)).orElse(null);
  }

  @Test
  void deduplicatesQueuedItems() throws Exception {
    q.add("a");
    q.add("a");
    q.add("b");
    assertThat(q.length()).isEqualTo(2);
    assertThat(take()).isEqualTo("a");
    assertThat(take()).isEqualTo("b");
    assertThat(take()).isNull();
  }

  @Test
  void anItemAddedWhileProcessingIsQueuedOnceDone() throws Exception {
    q.add("a");
    assertThat(take()).isEqualTo("a");
    q.add("a");
    q.add("a");
    // not handed out twice concurrently
    assertThat(take()).isNull();
    q.done("a");
    assertThat(take()).isEqualTo("a");
    q.done("a");
    assertThat(take()).isNull();
  }

  @Test
  void delayedItemsArriveWhenTheirTimeComes() throws Exception {
    q.addAfter("later", Duration.ofSeconds(10));
    q.addAfter("sooner", Duration.ofSeconds(5));
    assertThat(q.moveDueItems()).isZero();
    clock.step(Duration.ofSeconds(5));
    assertThat(q.moveDueItems()).isEqualTo(1);
    assertThat(take()).isEqualTo("sooner");
    clock.step(Duration.ofSeconds(5));
    q.moveDueItems();
    assertThat(take()).isEqualTo("later");
  }

  @Test
  void anEarlierDelayWins() throws Exception {
    q.addAfter("x", Duration.ofSeconds(30));
    q.addAfter("x", Duration.ofSeconds(1));
    clock.step(Duration.ofSeconds(1));
    q.moveDueItems();
    assertThat(take()).isEqualTo("x");
    q.done("x");
    clock.step(Duration.ofSeconds(30));
    q.moveDueItems();
    assertThat(take()).isNull();
  }

  @Test
  void backOffDoublesAndForgetResetsIt() {
    assertThat(q.backoff(0)).isEqualTo(Duration.ofMillis(5));
    assertThat(q.backoff(1)).isEqualTo(Duration.ofMillis(10));
    assertThat(q.backoff(10)).isEqualTo(Duration.ofMillis(5 * 1024));
    assertThat(q.backoff(100)).isEqualTo(Duration.ofSeconds(1000));
    q.addRateLimited("k");
    q.addRateLimited("k");
    assertThat(q.numRequeues("k")).isEqualTo(2);
    q.forget("k");
    assertThat(q.numRequeues("k")).isZero();
  }

  @Test
  void shutDownReleasesWaitingWorkers() throws Exception {
    Thread t = new Thread(() -> {
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        return;
      }
      q.shutDown();
    });
    t.start();
    Optional<String> got = q.get();
    assertThat(got).isEmpty();
    q.add("ignored");
    assertThat(q.length()).isZero();
  }
}
