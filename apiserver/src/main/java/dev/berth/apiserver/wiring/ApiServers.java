package dev.berth.apiserver.wiring;

import dev.berth.apiserver.ApiServer;
import dev.berth.apiserver.authn.Authenticator;
import dev.berth.apiserver.authn.UnionAuthenticator;
import dev.berth.apiserver.authz.Authorizer;
import dev.berth.api.schema.builtin.BuiltinSchemas;
import dev.berth.apiserver.http.ServerInfo;
import dev.berth.apiserver.pki.ClusterPki;
import dev.berth.store.KvStore;
import java.time.Clock;
import java.util.List;
import java.util.random.RandomGenerator;

/** The standard configuration of a cluster API server, shared by the distribution and tests. */
public final class ApiServers {

  /**
   * The built-in kinds' schemas: immutable data derived from the model types, loaded once and
   * shared by every server in the process (they are large and identical).
   */
  private static final BuiltinSchemas BUILTIN_SCHEMAS = new BuiltinSchemas();

  private ApiServers() {}

  public static ApiServer.Config config(String host, int port, KvStore store, ClusterPki pki,
      List<Authenticator> authenticators, Clock clock, RandomGenerator random) {
    BuiltinSchemas builtins = BUILTIN_SCHEMAS;
    ApiServer.OpenApiFactory openapi = catalog -> {
      OpenApiService service = new OpenApiService(catalog, builtins, ServerInfo.DEFAULT.gitVersion());
      Thread warm = new Thread(service::warmUp, "openapi-warmup");
      warm.setDaemon(true);
      warm.start();
      return service;
    };
    return new ApiServer.Config(host, port, store, pki.ca().certificatePem(), pki.serving(),
        new UnionAuthenticator(authenticators), Authorizer.allowAll(), Defaults.kinds(builtins),
        Defaults.codec(), Defaults.selectors(), Defaults.fieldTracker(clock), openapi, List.of(),
        ServerInfo.DEFAULT, clock, random, 0, 10_000);
  }
}
