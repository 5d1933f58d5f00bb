package dev.berth.store;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;
import static org.assertj.core.api.Assumptions.assumeThat;
import static org.awaitility.Awaitility.await;

import dev.berth.store.StoreException.Code;
import dev.berth.store.WriteResult.Status;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The behaviour every {@link KvStore} backend must show. A backend's test extends this class and
 * supplies {@link #newStore()}; backends that keep data across a close also override {@link
 * #reopen(KvStore)}.
 *
 * <p>Tests never assume the store starts at revision 0 (an etcd shared between tests does not): they
 * work relative to {@link KvStore#currentRevision()} at their start. Each store they get must not
 * contain keys from other tests.
 */
public abstract class KvStoreConformanceTest {

  protected static final Duration TIMEOUT = Duration.ofSeconds(30);

  protected KvStore store;
  private final List<Watch> watches = new ArrayList<>();

  /** A new store that holds no keys (its revision may be above 0). */
  protected abstract KvStore newStore();

  /** Whether {@link #reopen(KvStore)} is supported. */
  protected boolean supportsReopen() {
    return false;
  }

  /** Closes {@code store} and opens the same data again, as a process restart would. */
  protected KvStore reopen(KvStore store) {
    throw new UnsupportedOperationException("this backend keeps no data across a close");
  }

  /**
   * Whether a write's future completes only after live watchers were handed its event (true for the
   * embedded backends; etcd delivers watch events asynchronously).
   */
  protected boolean deliversEventsBeforeWriteCompletes() {
    return true;
  }

  @BeforeEach
  void openStore() {
    store = newStore();
  }

  @AfterEach
  void closeStore() {
    watches.forEach(Watch::close);
    if (store != null) {
      store.close();
    }
  }

  // ---------------------------------------------------------------------------------------------
  // helpers

  protected static byte[] bytes(String s) {
    return s.getBytes(UTF_8);
  }

  protected static String text(byte[] b) {
    return new String(b, UTF_8);
  }

  protected static <T> T join(CompletableFuture<T> future) {
    try {
      return future.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException re) {
        throw re;
      }
      throw new AssertionError(e.getCause());
    } catch (TimeoutException e) {
      throw new AssertionError("store operation did not complete within " + TIMEOUT, e);
    }
  }

  protected WriteResult create(String key, String value) {
    return join(store.create(key, bytes(value)));
  }

  protected long mustCreate(String key, String value) {
    WriteResult result = create(key, value);
    assertThat(result.status()).as("create %s", key).isEqualTo(Status.OK);
    return result.revision();
  }

  protected long mustUpdate(String key, String value, long expected) {
    WriteResult result = join(store.update(key, bytes(value), expected));
    assertThat(result.status()).as("update %s", key).isEqualTo(Status.OK);
    return result.revision();
  }

  protected long mustDelete(String key, long expected) {
    WriteResult result = join(store.delete(key, expected));
    assertThat(result.status()).as("delete %s", key).isEqualTo(Status.OK);
    return result.revision();
  }

  protected RecordingListener watch(String prefix, long afterRevision) {
    RecordingListener listener = new RecordingListener();
    watches.add(store.watch(prefix, afterRevision, listener));
    return listener;
  }

  protected static void assertKv(KeyValue kv, String key, String value, long createRevision, long modRevision,
      long version) {
    assertThat(kv).as("key value of %s", key).isNotNull();
    assertThat(kv.key()).isEqualTo(key);
    assertThat(kv.value() == null ? null : text(kv.value())).as("value of %s", key).isEqualTo(value);
    assertThat(kv.createRevision()).as("createRevision of %s", key).isEqualTo(createRevision);
    assertThat(kv.modRevision()).as("modRevision of %s", key).isEqualTo(modRevision);
    assertThat(kv.version()).as("version of %s", key).isEqualTo(version);
  }

  protected static StoreException storeFailure(CompletableFuture<?> future) {
    try {
      future.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      assertThat(e.getCause()).isInstanceOf(StoreException.class);
      return (StoreException) e.getCause();
    } catch (InterruptedException | TimeoutException e) {
      throw new AssertionError(e);
    }
    return fail("expected the future to fail with a StoreException");
  }

  private List<String> keysOf(RangeResult result) {
    return result.kvs().stream().map(KeyValue::key).toList();
  }

  private RangeResult rangePrefix(String prefix, long revision, int limit) {
    return store.range(prefix, KvStore.prefixEnd(prefix), revision, limit);
  }

  // ---------------------------------------------------------------------------------------------
  // create / update / delete

  @Test
  void createStoresTheValueAtTheNextRevision() {
    long base = store.currentRevision();

    WriteResult result = create("/c/a", "v1");

    assertThat(result.status()).isEqualTo(Status.OK);
    assertThat(result.succeeded()).isTrue();
    assertThat(result.revision()).isEqualTo(base + 1);
    assertKv(result.kv(), "/c/a", "v1", base + 1, base + 1, 1);
    assertThat(store.currentRevision()).isEqualTo(base + 1);
    assertKv(store.get("/c/a").orElseThrow(), "/c/a", "v1", base + 1, base + 1, 1);
  }

  @Test
  void createOfAnExistingKeyReportsKeyExistsWithTheCurrentValue() {
    long rev = mustCreate("/c/a", "v1");

    WriteResult again = create("/c/a", "v2");

    assertThat(again.status()).isEqualTo(Status.KEY_EXISTS);
    assertThat(again.succeeded()).isFalse();
    assertThat(again.revision()).isEqualTo(rev);
    assertKv(again.kv(), "/c/a", "v1", rev, rev, 1);
    assertThat(store.currentRevision()).isEqualTo(rev);
    assertThat(text(store.get("/c/a").orElseThrow().value())).isEqualTo("v1");
  }

  @Test
  void getOfAMissingKeyIsEmpty() {
    mustCreate("/g/a", "v");
    assertThat(store.get("/g/b")).isEmpty();
    assertThat(store.get("/g/")).isEmpty();
    assertThat(store.get("/g/a/")).isEmpty();
  }

  @Test
  void updateWithTheCurrentModRevisionReplacesTheValue() {
    long created = mustCreate("/u/a", "v1");

    WriteResult first = join(store.update("/u/a", bytes("v2"), created));
    WriteResult second = join(store.update("/u/a", bytes("v3"), first.revision()));

    assertThat(first.status()).isEqualTo(Status.OK);
    assertThat(first.revision()).isEqualTo(created + 1);
    assertKv(first.kv(), "/u/a", "v2", created, created + 1, 2);
    assertThat(second.status()).isEqualTo(Status.OK);
    assertKv(second.kv(), "/u/a", "v3", created, created + 2, 3);
    assertKv(store.get("/u/a").orElseThrow(), "/u/a", "v3", created, created + 2, 3);
    assertThat(store.currentRevision()).isEqualTo(created + 2);
  }

  @Test
  void updateWithAStaleModRevisionConflictsAndReturnsTheCurrentValue() {
    long created = mustCreate("/u/a", "v1");
    long updated = mustUpdate("/u/a", "v2", created);

    WriteResult stale = join(store.update("/u/a", bytes("v3"), created));

    assertThat(stale.status()).isEqualTo(Status.CONFLICT);
    assertThat(stale.revision()).isEqualTo(updated);
    assertKv(stale.kv(), "/u/a", "v2", created, updated, 2);
    assertThat(text(store.get("/u/a").orElseThrow().value())).isEqualTo("v2");
    assertThat(store.currentRevision()).isEqualTo(updated);
  }

  @Test
  void updateWithModRevisionZeroOnAnExistingKeyConflicts() {
    long created = mustCreate("/u/a", "v1");

    WriteResult result = join(store.update("/u/a", bytes("v2"), 0));

    assertThat(result.status()).isEqualTo(Status.CONFLICT);
    assertKv(result.kv(), "/u/a", "v1", created, created, 1);
  }

  @ParameterizedTest(name = "expected modRevision {0}")
  @CsvSource({"0", "1", "999999"})
  void updateOfAMissingKeyIsNotFoundAndDoesNotCreateIt(long expected) {
    long base = store.currentRevision();

    WriteResult result = join(store.update("/u/missing", bytes("v"), expected));

    assertThat(result.status()).isEqualTo(Status.NOT_FOUND);
    assertThat(result.kv()).isNull();
    assertThat(result.revision()).isEqualTo(base);
    assertThat(store.get("/u/missing")).isEmpty();
    assertThat(store.currentRevision()).isEqualTo(base);
  }

  @Test
  void deleteWithTheCurrentModRevisionRemovesTheKeyAndReturnsTheDeletedValue() {
    long created = mustCreate("/d/a", "v1");
    long updated = mustUpdate("/d/a", "v2", created);

    WriteResult result = join(store.delete("/d/a", updated));

    assertThat(result.status()).isEqualTo(Status.OK);
    assertThat(result.revision()).isEqualTo(updated + 1);
    assertKv(result.kv(), "/d/a", "v2", created, updated + 1, 2);
    assertThat(store.get("/d/a")).isEmpty();
    assertThat(store.currentRevision()).isEqualTo(updated + 1);
  }

  @Test
  void deleteWithModRevisionZeroIsUnconditional() {
    long created = mustCreate("/d/a", "v1");
    mustUpdate("/d/a", "v2", created);

    WriteResult result = join(store.delete("/d/a", 0));

    assertThat(result.status()).isEqualTo(Status.OK);
    assertThat(text(result.kv().value())).isEqualTo("v2");
    assertThat(store.get("/d/a")).isEmpty();
  }

  @Test
  void deleteWithAStaleModRevisionConflictsAndKeepsTheKey() {
    long created = mustCreate("/d/a", "v1");
    long updated = mustUpdate("/d/a", "v2", created);

    WriteResult result = join(store.delete("/d/a", created));

    assertThat(result.status()).isEqualTo(Status.CONFLICT);
    assertThat(result.revision()).isEqualTo(updated);
    assertKv(result.kv(), "/d/a", "v2", created, updated, 2);
    assertThat(store.get("/d/a")).isPresent();
  }

  @ParameterizedTest(name = "expected modRevision {0}")
  @CsvSource({"0", "7"})
  void deleteOfAMissingKeyIsNotFound(long expected) {
    long base = store.currentRevision();

    WriteResult result = join(store.delete("/d/missing", expected));

    assertThat(result.status()).isEqualTo(Status.NOT_FOUND);
    assertThat(result.kv()).isNull();
    assertThat(store.currentRevision()).isEqualTo(base);
  }

  @Test
  void recreatingADeletedKeyStartsANewIncarnation() {
    long created = mustCreate("/i/a", "v1");
    long updated = mustUpdate("/i/a", "v2", created);
    long deleted = mustDelete("/i/a", updated);

    WriteResult recreated = create("/i/a", "v3");

    assertThat(recreated.status()).isEqualTo(Status.OK);
    long rev = recreated.revision();
    assertThat(rev).isEqualTo(deleted + 1);
    assertKv(recreated.kv(), "/i/a", "v3", rev, rev, 1);
    assertKv(store.get("/i/a").orElseThrow(), "/i/a", "v3", rev, rev, 1);
    // Revisions of the old incarnation no longer match.
    assertThat(join(store.update("/i/a", bytes("x"), updated)).status()).isEqualTo(Status.CONFLICT);
    assertThat(join(store.delete("/i/a", created)).status()).isEqualTo(Status.CONFLICT);
    assertKv(join(store.update("/i/a", bytes("v4"), rev)).kv(), "/i/a", "v4", rev, rev + 1, 2);
  }

  @Test
  void failedConditionsDoNotAdvanceTheRevision() {
    long created = mustCreate("/f/a", "v1");

    create("/f/a", "again");
    join(store.update("/f/a", bytes("x"), created + 100));
    join(store.update("/f/missing", bytes("x"), created));
    join(store.delete("/f/a", created + 100));
    join(store.delete("/f/missing", 0));

    assertThat(store.currentRevision()).isEqualTo(created);
    assertThat(mustCreate("/f/b", "v")).isEqualTo(created + 1);
  }

  @Test
  void emptyValuesAreValues() {
    long rev = mustCreate("/e/a", "");
    assertKv(store.get("/e/a").orElseThrow(), "/e/a", "", rev, rev, 1);
    assertThat(rangePrefix("/e/", 0, 0).kvs()).hasSize(1);
  }

  // ---------------------------------------------------------------------------------------------
  // range

  @Test
  void rangeReturnsTheKeysOfAPrefixInKeyOrder() {
    for (String key : List.of("/r/b", "/r/a", "/r/c", "/r0", "/r", "/q/z", "/r/a/x", "/r/")) {
      mustCreate(key, "value of " + key);
    }

    RangeResult result = rangePrefix("/r/", 0, 0);

    assertThat(keysOf(result)).containsExactly("/r/", "/r/a", "/r/a/x", "/r/b", "/r/c");
    assertThat(result.more()).isFalse();
    assertThat(result.revision()).isEqualTo(store.currentRevision());
    assertThat(text(result.kvs().get(1).value())).isEqualTo("value of /r/a");
  }

  @Test
  void rangeIsHalfOpen() {
    for (String key : List.of("/h/a", "/h/b", "/h/c", "/h/d")) {
      mustCreate(key, "v");
    }

    assertThat(keysOf(store.range("/h/b", "/h/d", 0, 0))).containsExactly("/h/b", "/h/c");
    assertThat(keysOf(store.range("/h/b", "/h/b\0", 0, 0))).containsExactly("/h/b");
    assertThat(keysOf(store.range("/h/c", "/h/b", 0, 0))).isEmpty();
    assertThat(keysOf(store.range("/h/b", "/h/b", 0, 0))).isEmpty();
  }

  @Test
  void rangeToTheNulKeyHasNoUpperBound() {
    for (String key : List.of("/n/a", "/n/b", "/n/c")) {
      mustCreate(key, "v");
    }

    assertThat(keysOf(store.range("/n/b", Keys.UNBOUNDED_END, 0, 0))).containsExactly("/n/b", "/n/c");
  }

  @ParameterizedTest(name = "limit {0}")
  @CsvSource({"0, 5, false", "1, 1, true", "4, 4, true", "5, 5, false", "10, 5, false"})
  void rangeLimitAndMore(int limit, int expectedCount, boolean expectedMore) {
    for (int i = 0; i < 5; i++) {
      mustCreate("/l/" + i, "v" + i);
    }
    mustCreate("/m/0", "outside");

    RangeResult result = rangePrefix("/l/", 0, limit);

    assertThat(result.kvs()).hasSize(expectedCount);
    assertThat(result.more()).isEqualTo(expectedMore);
    assertThat(keysOf(result)).isEqualTo(
        List.of("/l/0", "/l/1", "/l/2", "/l/3", "/l/4").subList(0, expectedCount));
  }

  @Test
  void rangeWithALimitAtAnOldRevisionPagesTheOldState() {
    long base = store.currentRevision();
    for (int i = 0; i < 4; i++) {
      mustCreate("/lp/" + i, "v" + i);
    }
    long snapshot = store.currentRevision();
    mustDelete("/lp/0", 0);
    mustCreate("/lp/00", "new");

    RangeResult page = rangePrefix("/lp/", snapshot, 3);

    assertThat(keysOf(page)).containsExactly("/lp/0", "/lp/1", "/lp/2");
    assertThat(page.more()).isTrue();
    assertThat(page.revision()).isEqualTo(snapshot);
    assertThat(snapshot).isEqualTo(base + 4);
  }

  @Test
  void rangeReportsTheRevisionItReadAtEvenWhenTheLastWriteWasADelete() {
    mustCreate("/rv/a", "v");
    long deleted = mustDelete("/rv/a", 0);

    RangeResult result = rangePrefix("/rv/", 0, 0);

    assertThat(result.kvs()).isEmpty();
    assertThat(result.revision()).isEqualTo(deleted);
  }

  @Test
  void rangeAtAnOldRevisionSeesTheStateOfThatRevision() {
    long base = store.currentRevision();
    long r1 = mustCreate("/o/a", "a1");
    long r2 = mustCreate("/o/b", "b1");
    long r3 = mustUpdate("/o/a", "a2", r1);
    long r4 = mustDelete("/o/b", r2);
    long r5 = mustCreate("/o/c", "c1");
    long r6 = mustCreate("/o/b", "b2");

    if (base > 0) { // revision 0 would mean "current"
      assertThat(rangePrefix("/o/", base, 0).kvs()).isEmpty();
    }
    List<KeyValue> at2 = rangePrefix("/o/", r2, 0).kvs();
    assertThat(at2).hasSize(2);
    assertKv(at2.get(0), "/o/a", "a1", r1, r1, 1);
    assertKv(at2.get(1), "/o/b", "b1", r2, r2, 1);
    List<KeyValue> at3 = rangePrefix("/o/", r3, 0).kvs();
    assertKv(at3.get(0), "/o/a", "a2", r1, r3, 2);
    assertKv(at3.get(1), "/o/b", "b1", r2, r2, 1);
    assertThat(keysOf(rangePrefix("/o/", r4, 0))).containsExactly("/o/a");
    assertThat(keysOf(rangePrefix("/o/", r5, 0))).containsExactly("/o/a", "/o/c");
    List<KeyValue> at6 = rangePrefix("/o/", r6, 0).kvs();
    assertThat(keysOf(rangePrefix("/o/", r6, 0))).containsExactly("/o/a", "/o/b", "/o/c");
    assertKv(at6.get(1), "/o/b", "b2", r6, r6, 1);
    assertThat(rangePrefix("/o/", r3, 0).revision()).isEqualTo(r3);
  }

  @Test
  void rangeAtAFutureRevisionFails() {
    mustCreate("/fr/a", "v");
    long current = store.currentRevision();

    assertThatThrownBy(() -> rangePrefix("/fr/", current + 1, 0))
        .isInstanceOfSatisfying(StoreException.class, e -> assertThat(e.code()).isEqualTo(Code.FUTURE_REVISION));
    assertThat(rangePrefix("/fr/", current, 0).kvs()).hasSize(1);
  }

  @Test
  void rangeBelowTheCompactRevisionFailsAndAtItSucceeds() {
    long r1 = mustCreate("/cr/a", "a1");
    long r2 = mustUpdate("/cr/a", "a2", r1);
    long r3 = mustUpdate("/cr/a", "a3", r2);
    mustUpdate("/cr/a", "a4", r3);

    assertThat(join(store.compact(r3))).isEqualTo(r3);

    assertThat(store.compactRevision()).isEqualTo(r3);
    assertThatThrownBy(() -> rangePrefix("/cr/", r2, 0))
        .isInstanceOfSatisfying(StoreException.class, e -> {
          assertThat(e.code()).isEqualTo(Code.COMPACTED);
          assertThat(e.compactRevision()).isEqualTo(r3);
        });
    assertThatThrownBy(() -> rangePrefix("/cr/", r1, 0))
        .isInstanceOfSatisfying(StoreException.class, e -> assertThat(e.code()).isEqualTo(Code.COMPACTED));
    List<KeyValue> atCompact = rangePrefix("/cr/", r3, 0).kvs();
    assertThat(atCompact).hasSize(1);
    assertKv(atCompact.getFirst(), "/cr/a", "a3", r1, r3, 3);
  }

  // ---------------------------------------------------------------------------------------------
  // compaction

  @Test
  void compactionKeepsEveryLiveValue() {
    List<Long> revisions = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      revisions.add(mustCreate("/k/" + i, "v0"));
    }
    for (int round = 1; round <= 3; round++) {
      for (int i = 0; i < 10; i++) {
        revisions.set(i, mustUpdate("/k/" + i, "v" + round, revisions.get(i)));
      }
    }
    for (int i = 0; i < 3; i++) {
      mustDelete("/k/" + i, 0);
    }
    long recreated = mustCreate("/k/0", "again");
    long beforeCompaction = mustCreate("/k/x", "x");

    join(store.compact(beforeCompaction));

    RangeResult all = rangePrefix("/k/", 0, 0);
    assertThat(keysOf(all)).containsExactly("/k/0", "/k/3", "/k/4", "/k/5", "/k/6", "/k/7", "/k/8", "/k/9", "/k/x");
    assertKv(store.get("/k/0").orElseThrow(), "/k/0", "again", recreated, recreated, 1);
    for (int i = 3; i < 10; i++) {
      KeyValue kv = store.get("/k/" + i).orElseThrow();
      assertThat(text(kv.value())).isEqualTo("v3");
      assertThat(kv.version()).isEqualTo(4);
      assertThat(kv.modRevision()).isEqualTo(revisions.get(i));
    }
    assertThat(keysOf(rangePrefix("/k/", beforeCompaction, 0))).isEqualTo(keysOf(all));
    // Writes continue from the same revision, and conditions still see the right mod revisions.
    long next = mustUpdate("/k/5", "v4", revisions.get(5));
    assertThat(next).isEqualTo(beforeCompaction + 1);
  }

  @Test
  void compactingAtOrBelowTheCompactRevisionIsANoOp() {
    long r1 = mustCreate("/cn/a", "v");
    long r2 = mustUpdate("/cn/a", "v2", r1);
    mustUpdate("/cn/a", "v3", r2);

    assertThat(join(store.compact(r2))).isEqualTo(r2);
    assertThat(join(store.compact(r2))).isEqualTo(r2);
    assertThat(join(store.compact(r1))).isEqualTo(r2);
    assertThat(store.compactRevision()).isEqualTo(r2);
    assertThat(text(store.get("/cn/a").orElseThrow().value())).isEqualTo("v3");
  }

  @Test
  void compactingToAFutureRevisionFails() {
    mustCreate("/cf/a", "v");
    long current = store.currentRevision();

    StoreException error = storeFailure(store.compact(current + 10));

    assertThat(error.code()).isEqualTo(Code.FUTURE_REVISION);
    assertThat(store.get("/cf/a")).isPresent();
  }

  @Test
  void compactionRemovesTrailingDeletesWithoutLosingTheRevision() {
    long created = mustCreate("/ct/a", "v");
    long deleted = mustDelete("/ct/a", created);

    join(store.compact(deleted));

    assertThat(store.currentRevision()).isEqualTo(deleted);
    assertThat(store.get("/ct/a")).isEmpty();
    assertThat(rangePrefix("/ct/", 0, 0).kvs()).isEmpty();
    assertThat(rangePrefix("/ct/", deleted, 0).kvs()).isEmpty();
    assertThat(mustCreate("/ct/a", "again")).isEqualTo(deleted + 1);
  }

  // ---------------------------------------------------------------------------------------------
  // watch

  @Test
  void watchFromNowDeliversLaterChangesWithPreviousValues() {
    long a1 = mustCreate("/w/a", "a1");
    RecordingListener listener = watch("/w/", store.currentRevision());

    long b1 = mustCreate("/w/b", "b1");
    long a2 = mustUpdate("/w/a", "a2", a1);
    long bDeleted = mustDelete("/w/b", b1);

    List<WatchEvent> events = listener.awaitEvents(3);
    assertThat(events).hasSize(3);

    WatchEvent created = events.get(0);
    assertThat(created.type()).isEqualTo(WatchEvent.Type.PUT);
    assertThat(created.revision()).isEqualTo(b1);
    assertKv(created.kv(), "/w/b", "b1", b1, b1, 1);
    assertThat(created.prevKv()).isNull();

    WatchEvent updated = events.get(1);
    assertThat(updated.type()).isEqualTo(WatchEvent.Type.PUT);
    assertKv(updated.kv(), "/w/a", "a2", a1, a2, 2);
    assertKv(updated.prevKv(), "/w/a", "a1", a1, a1, 1);

    WatchEvent deleted = events.get(2);
    assertThat(deleted.type()).isEqualTo(WatchEvent.Type.DELETE);
    assertThat(deleted.revision()).isEqualTo(bDeleted);
    assertKv(deleted.kv(), "/w/b", null, 0, bDeleted, 0);
    assertKv(deleted.prevKv(), "/w/b", "b1", b1, b1, 1);
  }

  @Test
  void watchFromThePastReplaysHistoryThenContinuesLive() {
    long r1 = mustCreate("/wp/a", "a1");
    long r2 = mustUpdate("/wp/a", "a2", r1);
    long r3 = mustCreate("/wp/b", "b1");
    long r4 = mustDelete("/wp/a", r2);

    RecordingListener listener = watch("/wp/", r1);
    List<WatchEvent> replayed = listener.awaitEvents(3);
    long r5 = mustCreate("/wp/c", "c1");
    List<WatchEvent> all = listener.awaitEvents(4);

    assertThat(replayed.stream().map(WatchEvent::revision)).startsWith(r2, r3, r4);
    assertThat(all.stream().map(WatchEvent::revision)).containsExactly(r2, r3, r4, r5);
    assertKv(all.get(0).kv(), "/wp/a", "a2", r1, r2, 2);
    assertKv(all.get(0).prevKv(), "/wp/a", "a1", r1, r1, 1);
    assertThat(all.get(1).prevKv()).isNull();
    assertThat(all.get(2).type()).isEqualTo(WatchEvent.Type.DELETE);
    assertKv(all.get(2).prevKv(), "/wp/a", "a2", r1, r2, 2);
    assertKv(all.get(3).kv(), "/wp/c", "c1", r5, r5, 1);
  }

  @Test
  void watchOnlySeesKeysUnderItsPrefix() {
    long base = store.currentRevision();
    RecordingListener listener = watch("/p/", base);

    mustCreate("/px", "no");
    mustCreate("/p", "no");
    long inside = mustCreate("/p/x", "yes");
    mustCreate("/q/x", "no");
    long nested = mustCreate("/p/x/y", "yes");
    RecordingListener barrier = watch("/", base);
    barrier.awaitEvents(5);

    List<WatchEvent> events = listener.awaitEvents(2);
    assertThat(events.stream().map(e -> e.kv().key())).containsExactly("/p/x", "/p/x/y");
    assertThat(events.stream().map(WatchEvent::revision)).containsExactly(inside, nested);
  }

  @Test
  void watchAfterAFutureRevisionStartsThere() {
    long base = store.currentRevision();
    RecordingListener listener = watch("/wf/", base + 2);

    mustCreate("/wf/a", "1");
    mustCreate("/wf/b", "2");
    long third = mustCreate("/wf/c", "3");

    assertThat(listener.awaitEvents(1).stream().map(WatchEvent::revision)).containsExactly(third);
  }

  @Test
  void closingAWatchStopsDelivery() {
    long base = store.currentRevision();
    RecordingListener listener = new RecordingListener();
    Watch watch = store.watch("/wc/", base, listener);
    long first = mustCreate("/wc/a", "1");
    listener.awaitEvents(1);

    watch.close();
    mustCreate("/wc/b", "2");
    RecordingListener barrier = watch("/wc/", base);
    barrier.awaitEvents(2);

    assertThat(listener.revisions()).containsExactly(first);
    assertThat(listener.errors()).isEmpty();
  }

  @Test
  void watchFromACompactedRevisionFailsWithCompacted() {
    long r1 = mustCreate("/wx/a", "1");
    long r2 = mustUpdate("/wx/a", "2", r1);
    long r3 = mustUpdate("/wx/a", "3", r2);
    join(store.compact(r3));

    RecordingListener listener = new RecordingListener();
    watches.add(store.watch("/wx/", r1 - 1, listener));

    StoreException error = listener.awaitError();
    assertThat(error.code()).isEqualTo(Code.COMPACTED);
    assertThat(listener.events()).isEmpty();
    // From the compact revision on, history is complete.
    long r4 = mustUpdate("/wx/a", "4", r3);
    assertThat(watch("/wx/", r3).awaitEvents(1).stream().map(WatchEvent::revision)).containsExactly(r4);
  }

  @Test
  void compactionDoesNotDisturbALiveWatch() {
    long base = store.currentRevision();
    RecordingListener listener = watch("/wl/", base);
    long r1 = mustCreate("/wl/a", "1");
    long r2 = mustUpdate("/wl/a", "2", r1);
    listener.awaitEvents(2);

    join(store.compact(r2));
    long r3 = mustUpdate("/wl/a", "3", r2);

    assertThat(listener.awaitEvents(3).stream().map(WatchEvent::revision)).containsExactly(r1, r2, r3);
    assertThat(listener.errors()).isEmpty();
  }

  @Test
  void aCompletedWriteHasAlreadyBeenHandedToLiveWatchers() {
    assumeThat(deliversEventsBeforeWriteCompletes()).as("backend delivers events before completing writes").isTrue();
    RecordingListener listener = watch("/wd/", store.currentRevision());

    for (int i = 0; i < 20; i++) {
      long rev = mustCreate("/wd/" + i, "v");
      assertThat(listener.revisions()).as("events when write %s completed", i).contains(rev);
    }
  }

  @Test
  void aThrowingListenerLosesOnlyItsOwnWatch() {
    long base = store.currentRevision();
    List<StoreException> errorsOfBadListener = Collections.synchronizedList(new ArrayList<>());
    WatchListener bad = new WatchListener() {
      @Override
      public void onEvents(List<WatchEvent> events) {
        throw new IllegalStateException("listener bug");
      }

      @Override
      public void onError(StoreException error) {
        errorsOfBadListener.add(error);
      }
    };
    watches.add(store.watch("/wt/", base, bad));
    RecordingListener good = watch("/wt/", base);

    long r1 = mustCreate("/wt/a", "1");
    long r2 = mustCreate("/wt/b", "2");

    assertThat(good.awaitEvents(2).stream().map(WatchEvent::revision)).containsExactly(r1, r2);
    await().atMost(TIMEOUT).until(() -> !errorsOfBadListener.isEmpty());
    assertThat(errorsOfBadListener).hasSize(1);
  }

  @Test
  void closingTheStoreEndsItsWatchesWithClosed() {
    RecordingListener listener = watch("/ws/", store.currentRevision());

    store.close();

    assertThat(listener.awaitError().code()).isEqualTo(Code.CLOSED);
  }

  // ---------------------------------------------------------------------------------------------
  // concurrency

  @Test
  void concurrentConditionalUpdatesHaveExactlyOneWinnerPerRound() throws Exception {
    int writers = 8;
    int rounds = 15;
    long rev = mustCreate("/cc/counter", "start");
    ExecutorService pool = Executors.newFixedThreadPool(writers);
    try {
      for (int round = 0; round < rounds; round++) {
        long expected = rev;
        CountDownLatch go = new CountDownLatch(1);
        List<Future<WriteResult>> attempts = new ArrayList<>();
        for (int w = 0; w < writers; w++) {
          String value = "round " + round + " writer " + w;
          attempts.add(pool.submit(() -> {
            go.await();
            return join(store.update("/cc/counter", bytes(value), expected));
          }));
        }
        go.countDown();
        List<WriteResult> results = new ArrayList<>();
        for (Future<WriteResult> attempt : attempts) {
          results.add(attempt.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS));
        }
        List<WriteResult> winners = results.stream().filter(WriteResult::succeeded).toList();
        assertThat(winners).as("winners of round %s", round).hasSize(1);
        WriteResult winner = winners.getFirst();
        for (WriteResult loser : results) {
          if (loser != winner) {
            assertThat(loser.status()).isEqualTo(Status.CONFLICT);
            assertThat(loser.kv().modRevision()).isGreaterThanOrEqualTo(winner.revision());
          }
        }
        rev = winner.revision();
        assertThat(store.get("/cc/counter").orElseThrow().value()).isEqualTo(winner.kv().value());
      }
      assertThat(store.get("/cc/counter").orElseThrow().version()).isEqualTo(rounds + 1);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void watchersSeeEveryWriteExactlyOnceInOrderUnderConcurrentWriters() throws Exception {
    int writers = 8;
    int writesPerWriter = 60;
    long base = store.currentRevision();
    RecordingListener fromStart = watch("/cw/", base);
    ConcurrentLinkedQueue<Long> revisions = new ConcurrentLinkedQueue<>();
    ExecutorService pool = Executors.newFixedThreadPool(writers);
    RecordingListener joinedLate;
    try {
      CountDownLatch go = new CountDownLatch(1);
      List<Future<?>> done = new ArrayList<>();
      for (int w = 0; w < writers; w++) {
        int writer = w;
        done.add(pool.submit(() -> {
          go.await();
          String key = "/cw/" + writer;
          long rev = join(store.create(key, bytes("0"))).revision();
          revisions.add(rev);
          for (int i = 1; i < writesPerWriter; i++) {
            WriteResult result = i % 10 == 9
                ? join(store.delete(key, rev))
                : i % 10 == 0 ? join(store.create(key, bytes(String.valueOf(i))))
                : join(store.update(key, bytes(String.valueOf(i)), rev));
            assertThat(result.status()).isEqualTo(Status.OK);
            rev = result.revision();
            revisions.add(rev);
          }
          return null;
        }));
      }
      go.countDown();
      // A watch from the past that starts while the writes are in full flow.
      await().atMost(TIMEOUT).until(() -> revisions.size() >= writers * writesPerWriter / 3);
      joinedLate = watch("/cw/", base);
      for (Future<?> f : done) {
        f.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }
    List<Long> expected = revisions.stream().sorted().toList();
    assertThat(expected).hasSize(writers * writesPerWriter).doesNotHaveDuplicates();

    fromStart.awaitEvents(expected.size());
    joinedLate.awaitEvents(expected.size());
    assertThat(fromStart.revisions()).isEqualTo(expected);
    assertThat(joinedLate.revisions()).isEqualTo(expected);
    for (int i = 0; i < expected.size(); i++) {
      WatchEvent a = fromStart.events().get(i);
      WatchEvent b = joinedLate.events().get(i);
      assertThat(b.type()).isEqualTo(a.type());
      assertThat(b.kv().key()).isEqualTo(a.kv().key());
      assertThat(b.kv().version()).isEqualTo(a.kv().version());
      assertThat(b.prevKv() == null).isEqualTo(a.prevKv() == null);
    }
  }

  // ---------------------------------------------------------------------------------------------
  // values and keys

  @Test
  void largeValuesRoundTrip() {
    byte[] value = new byte[1024 * 1024];
    new Random(42).nextBytes(value);

    long rev = join(store.create("/big/a", value)).revision();

    KeyValue kv = store.get("/big/a").orElseThrow();
    assertThat(kv.value()).isEqualTo(value);
    assertThat(kv.modRevision()).isEqualTo(rev);
    assertThat(rangePrefix("/big/", 0, 0).kvs().getFirst().value()).isEqualTo(value);
  }

  @Test
  void valuesAboveTwoMebibytesAreTooLarge() {
    long base = store.currentRevision();
    byte[] value = new byte[2 * 1024 * 1024 + 1];

    assertThat(storeFailure(store.create("/big/b", value)).code()).isEqualTo(Code.TOO_LARGE);
    long rev = mustCreate("/big/b", "small");
    assertThat(storeFailure(store.update("/big/b", value, rev)).code()).isEqualTo(Code.TOO_LARGE);
    assertThat(store.currentRevision()).isEqualTo(base + 1);
    assertThat(text(store.get("/big/b").orElseThrow().value())).isEqualTo("small");
  }

  @Test
  void unicodeKeysAreOrderedByTheirUtf8Bytes() {
    // UTF-8 order differs from Java's UTF-16 order: U+1F600 sorts after U+FFFD in UTF-8, before it in UTF-16.
    List<String> keys = List.of("/uni/z", "/uni/h\u00e9llo", "/uni/\u65e5\u672c", "/uni/\ud83d\ude00", "/uni/\ufffd");
    for (String key : keys) {
      mustCreate(key, "value of " + key + " \u2603");
    }

    assertThat(keysOf(rangePrefix("/uni/", 0, 0)))
        .containsExactly("/uni/h\u00e9llo", "/uni/z", "/uni/\u65e5\u672c", "/uni/\ufffd", "/uni/\ud83d\ude00");
    assertThat(keysOf(rangePrefix("/uni/\u65e5", 0, 0))).containsExactly("/uni/\u65e5\u672c");
    assertThat(text(store.get("/uni/\ud83d\ude00").orElseThrow().value()))
        .isEqualTo("value of /uni/\ud83d\ude00 \u2603");
  }

  @Test
  void unicodeKeysAreWatchable() {
    RecordingListener listener = watch("/\u00fc/", store.currentRevision());

    mustCreate("/\u00fc/\ud83d\ude00", "smile");
    mustCreate("/u/other", "no");
    long last = mustCreate("/\u00fc/\u65e5", "sun");

    List<WatchEvent> events = listener.awaitEvents(2);
    assertThat(events.stream().map(e -> e.kv().key())).containsExactly("/\u00fc/\ud83d\ude00", "/\u00fc/\u65e5");
    assertThat(events.getLast().revision()).isEqualTo(last);
  }

  // ---------------------------------------------------------------------------------------------
  // lifecycle

  @Test
  void operationsOnAClosedStoreFailWithClosed() {
    mustCreate("/cl/a", "v");
    store.close();

    assertThat(storeFailure(store.create("/cl/b", bytes("v"))).code()).isEqualTo(Code.CLOSED);
    assertThat(storeFailure(store.update("/cl/a", bytes("v"), 1)).code()).isEqualTo(Code.CLOSED);
    assertThat(storeFailure(store.delete("/cl/a", 0)).code()).isEqualTo(Code.CLOSED);
    assertThatThrownBy(() -> store.get("/cl/a"))
        .isInstanceOfSatisfying(StoreException.class, e -> assertThat(e.code()).isEqualTo(Code.CLOSED));
    assertThatThrownBy(() -> rangePrefix("/cl/", 0, 0))
        .isInstanceOfSatisfying(StoreException.class, e -> assertThat(e.code()).isEqualTo(Code.CLOSED));
    store.close(); // idempotent
  }

  @Test
  void reopeningKeepsDataRevisionsAndHistory() {
    assumeThat(supportsReopen()).as("backend keeps data across a close").isTrue();
    long r1 = mustCreate("/re/a", "a1");
    long r2 = mustUpdate("/re/a", "a2", r1);
    long r3 = mustCreate("/re/b", "b1");
    long r4 = mustDelete("/re/b", r3);

    store = reopen(store);

    assertThat(store.currentRevision()).isEqualTo(r4);
    assertKv(store.get("/re/a").orElseThrow(), "/re/a", "a2", r1, r2, 2);
    assertThat(store.get("/re/b")).isEmpty();
    assertThat(keysOf(rangePrefix("/re/", r3, 0))).containsExactly("/re/a", "/re/b");
    assertThat(join(store.update("/re/a", bytes("a3"), r1)).status()).isEqualTo(Status.CONFLICT);
    long r5 = mustUpdate("/re/a", "a3", r2);
    assertThat(r5).isEqualTo(r4 + 1);
    RecordingListener listener = watch("/re/", r1);
    assertThat(listener.awaitEvents(4).stream().map(WatchEvent::revision)).containsExactly(r2, r3, r4, r5);
  }

  @Test
  void reopeningAfterACompactedTrailingDeleteDoesNotReuseRevisions() {
    assumeThat(supportsReopen()).as("backend keeps data across a close").isTrue();
    long r1 = mustCreate("/rt/a", "v");
    long r2 = mustDelete("/rt/a", r1);
    join(store.compact(r2));

    store = reopen(store);

    assertThat(store.currentRevision()).isEqualTo(r2);
    assertThatThrownBy(() -> rangePrefix("/rt/", r1, 0))
        .isInstanceOfSatisfying(StoreException.class, e -> assertThat(e.code()).isEqualTo(Code.COMPACTED));
    assertThat(mustCreate("/rt/a", "again")).isEqualTo(r2 + 1);
  }
}
