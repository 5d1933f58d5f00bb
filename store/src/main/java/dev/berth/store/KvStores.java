package dev.berth.store;

import dev.berth.store.etcd.EtcdKvStore;
import dev.berth.store.memory.MemoryKvStore;
import dev.berth.store.sqlite.SqliteKvStore;
import java.net.URI;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** Opens a {@link KvStore} from the URL given on the command line ({@code --store}). */
public final class KvStores {

  private static final String USAGE =
      "expected sqlite://PATH (sqlite:///abs/file.db or sqlite://rel/file.db), "
          + "etcd://HOST:PORT[,HOST:PORT...] or memory://";

  private KvStores() {}

  /**
   * Opens the store named by {@code url}:
   *
   * <ul>
   *   <li>{@code sqlite:///abs/file.db} (absolute) or {@code sqlite://rel/file.db} (relative to the
   *       working directory): the embedded store; the file and its parent directories are created
   *       if missing.
   *   <li>{@code etcd://host:port[,host:port...]}: an etcd v3 cluster over plain HTTP/2.
   *   <li>{@code memory://}: a new, empty in-memory store (tests).
   * </ul>
   *
   * @param clock the wall clock for backends that need one (none of today's do; kept so that the
   *     caller's wiring stays the same when one does)
   * @throws IllegalArgumentException if the URL is malformed, naming the problem
   * @throws StoreException if the store cannot be opened
   */
  public static KvStore open(String url, Clock clock) {
    Objects.requireNonNull(clock, "clock");
    if (url == null || url.isBlank()) {
      throw new IllegalArgumentException("store URL is empty: " + USAGE);
    }
    int schemeEnd = url.indexOf("://");
    if (schemeEnd <= 0) {
      throw new IllegalArgumentException("store URL '" + url + "' has no scheme: " + USAGE);
    }
    String scheme = url.substring(0, schemeEnd);
    String rest = url.substring(schemeEnd + 3);
    return switch (scheme) {
      case "sqlite" -> SqliteKvStore.open(sqlitePath(url, rest));
      case "etcd" -> EtcdKvStore.connect(etcdEndpoints(url, rest), EtcdKvStore.Options.defaults());
      case "memory" -> {
        if (!rest.isEmpty()) {
          throw new IllegalArgumentException("store URL '" + url + "': memory:// takes no path or host");
        }
        yield new MemoryKvStore();
      }
      default -> throw new IllegalArgumentException(
          "store URL '" + url + "' has unsupported scheme '" + scheme + "': " + USAGE);
    };
  }

  /** The file named by a {@code sqlite://} URL's remainder. */
  static Path sqlitePath(String url, String rest) {
    if (rest.isEmpty()) {
      throw new IllegalArgumentException("store URL '" + url + "' names no database file: " + USAGE);
    }
    if (rest.endsWith("/")) {
      throw new IllegalArgumentException("store URL '" + url + "' names a directory, not a database file");
    }
    if (rest.contains("?") || rest.contains("#")) {
      throw new IllegalArgumentException("store URL '" + url + "': sqlite:// takes no query or fragment");
    }
    try {
      return Path.of(rest);
    } catch (InvalidPathException e) {
      throw new IllegalArgumentException("store URL '" + url + "' has an invalid path: " + e.getMessage(), e);
    }
  }

  /** The endpoints named by an {@code etcd://} URL's remainder. */
  static List<URI> etcdEndpoints(String url, String rest) {
    if (rest.isEmpty()) {
      throw new IllegalArgumentException("store URL '" + url + "' names no etcd endpoint: " + USAGE);
    }
    List<URI> endpoints = new ArrayList<>();
    for (String hostPort : rest.split(",", -1)) {
      endpoints.add(etcdEndpoint(url, hostPort));
    }
    return List.copyOf(endpoints);
  }

  private static URI etcdEndpoint(String url, String hostPort) {
    if (hostPort.isEmpty()) {
      throw new IllegalArgumentException("store URL '" + url + "' has an empty etcd endpoint");
    }
    int colon = hostPort.lastIndexOf(':');
    if (colon <= 0 || colon == hostPort.length() - 1) {
      throw new IllegalArgumentException(
          "store URL '" + url + "': etcd endpoint '" + hostPort + "' must be HOST:PORT");
    }
    String host = hostPort.substring(0, colon);
    String portText = hostPort.substring(colon + 1);
    int port;
    try {
      port = Integer.parseInt(portText);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "store URL '" + url + "': etcd endpoint '" + hostPort + "' has a non-numeric port '" + portText + "'");
    }
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException(
          "store URL '" + url + "': etcd endpoint '" + hostPort + "' has port " + port + " outside 1-65535");
    }
    boolean bracketedIpv6 = host.startsWith("[") && host.endsWith("]");
    if (!bracketedIpv6 && !host.matches("[A-Za-z0-9._-]+")) {
      throw new IllegalArgumentException(
          "store URL '" + url + "': etcd endpoint '" + hostPort + "' has an invalid host '" + host + "'");
    }
    return URI.create("http://" + host + ":" + port);
  }
}
