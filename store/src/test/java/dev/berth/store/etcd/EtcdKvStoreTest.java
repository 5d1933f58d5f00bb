package dev.berth.store.etcd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.store.EtcdProcess;
import dev.berth.store.KvStore;
import dev.berth.store.KvStoreConformanceTest;
import dev.berth.store.KvStores;
import dev.berth.store.StoreException;
import dev.berth.store.WriteResult;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The conformance suite against a real etcd started for this class. Each test gets its own key
 * namespace, so tests do not see each other's keys (they do share revisions, which the suite allows).
 * Tagged "etcd" (needs /usr/bin/etcd); without the binary it fails rather than skips.
 */
@Tag("etcd")
class EtcdKvStoreTest extends KvStoreConformanceTest {

  private static EtcdProcess etcd;
  private String namespace;

  @BeforeAll
  static void startEtcd() throws Exception {
    etcd = EtcdProcess.start();
  }

  @AfterAll
  static void stopEtcd() {
    if (etcd != null) {
      etcd.close();
    }
  }

  @Override
  protected KvStore newStore() {
    namespace = "/berth-test-" + UUID.randomUUID() + "/";
    return connect(namespace);
  }

  private static EtcdKvStore connect(String namespace) {
    return EtcdKvStore.connect(List.of(etcd.clientUri()), EtcdKvStore.Options.defaults().withNamespace(namespace));
  }

  @Override
  protected boolean supportsReopen() {
    return true;
  }

  @Override
  protected KvStore reopen(KvStore store) {
    store.close();
    return connect(namespace);
  }

  @Override
  protected boolean deliversEventsBeforeWriteCompletes() {
    return false;
  }

  @Test
  void storeUrlWithSeveralEndpointsWorksWhileOneIsDown() throws Exception {
    int deadPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      deadPort = socket.getLocalPort();
    }
    try (KvStore viaUrl = KvStores.open("etcd://127.0.0.1:" + deadPort + "," + etcd.hostPort(), Clock.systemUTC())) {
      String key = namespace + "multi";
      WriteResult created = join(viaUrl.create(key, bytes("v")));
      assertThat(created.status()).isEqualTo(WriteResult.Status.OK);
      assertThat(text(viaUrl.get(key).orElseThrow().value())).isEqualTo("v");
      assertThat(viaUrl.currentRevision()).isGreaterThanOrEqualTo(created.revision());
    }
  }

  @Test
  void anUnreachableClusterIsUnavailable() throws Exception {
    int deadPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      deadPort = socket.getLocalPort();
    }
    EtcdKvStore.Options options = new EtcdKvStore.Options(Duration.ofSeconds(2), Duration.ofSeconds(1), "");
    try (EtcdKvStore unreachable = EtcdKvStore.connect(List.of(URI.create("http://127.0.0.1:" + deadPort)), options)) {
      assertThatThrownBy(() -> unreachable.get("/x"))
          .isInstanceOfSatisfying(StoreException.class,
              e -> assertThat(e.code()).isEqualTo(StoreException.Code.UNAVAILABLE));
      assertThat(storeFailure(unreachable.create("/x", bytes("v"))).code())
          .isEqualTo(StoreException.Code.UNAVAILABLE);
    }
  }

  @Test
  void valuesAboveTheServersRequestLimitAreTooLarge() {
    // etcd's default --max-request-bytes is 1.5 MiB, below our own 2 MiB limit: the server refuses.
    byte[] value = new byte[(int) (1.8 * 1024 * 1024)];

    assertThat(storeFailure(store.create("/big/server", value)).code()).isEqualTo(StoreException.Code.TOO_LARGE);
    assertThat(store.get("/big/server")).isEmpty();
  }

  @Test
  void keysLiveUnderTheNamespace() {
    long rev = mustCreate("/ns/a", "v");
    try (EtcdKvStore raw = EtcdKvStore.connect(List.of(etcd.clientUri()), EtcdKvStore.Options.defaults())) {
      assertThat(raw.get(namespace + "/ns/a")).isPresent();
      assertThat(raw.get(namespace + "/ns/a").orElseThrow().modRevision()).isEqualTo(rev);
      assertThat(raw.get("/ns/a")).isEmpty();
    }
  }
}
