package dev.berth.apiserver.wiring;

import dev.berth.apiserver.ApiServer;
import dev.berth.apiserver.authn.Authenticator;
import dev.berth.apiserver.authn.UnionAuthenticator;
import dev.berth.apiserver.authz.Authorizer;
import dev.berth.apiserver.http.OpenApiEndpoints;
import dev.berth.apiserver.http.ServerInfo;
import dev.berth.apiserver.pki.ClusterPki;
import dev.berth.store.KvStore;
import java.time.Clock;
import java.util.List;
import java.util.random.RandomGenerator;

/** The standard configuration of a cluster API server, shared by the distribution and tests. */
public final class ApiServers {

  private ApiServers() {}

  public static ApiServer.Config config(String host, int port, KvStore store, ClusterPki pki,
      List<Authenticator> authenticators, Clock clock, RandomGenerator random) {
    return new ApiServer.Config(host, port, store, pki.ca().certificatePem(), pki.serving(),
        new UnionAuthenticator(authenticators), Authorizer.allowAll(), Defaults.kinds(),
        Defaults.codec(), Defaults.selectors(), Defaults.fieldTracker(),
        catalog -> OpenApiEndpoints.NONE, List.of(), ServerInfo.DEFAULT, clock, random, 0,
        10_000);
  }
}
