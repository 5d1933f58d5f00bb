package dev.berth.apiserver.discovery;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.berth.api.registry.BuiltinResources;
import dev.berth.api.registry.ResourceDescriptor;
import dev.berth.api.registry.SubresourceDescriptor;
import dev.berth.apiserver.registry.GenericRegistry;
import dev.berth.apiserver.registry.ResourceCatalog;
import dev.berth.apiserver.util.Json;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The discovery documents, legacy ({@code /api}, {@code /apis}, {@code /apis/g/v}) and aggregated
 * (apidiscovery.k8s.io/v2), built from the catalog and cached until it changes.
 */
public final class Discovery {

  public static final String AGGREGATED_CONTENT_TYPE =
      "application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList";

  private final ResourceCatalog catalog;
  private final String serverAddress;
  private volatile Snapshot snapshot;

  public Discovery(ResourceCatalog catalog, String serverAddress) {
    this.catalog = catalog;
    this.serverAddress = serverAddress;
  }

  private record Snapshot(long generation, byte[] api, byte[] apis, byte[] aggregatedApi,
      byte[] aggregatedApis, Map<String, byte[]> groups, Map<String, byte[]> groupVersions) {}

  public byte[] api(boolean aggregated) {
    Snapshot s = snapshot();
    return aggregated ? s.aggregatedApi : s.api;
  }

  public byte[] apis(boolean aggregated) {
    Snapshot s = snapshot();
    return aggregated ? s.aggregatedApis : s.apis;
  }

  /** {@code /apis/<group>}, or null if the group is not served. */
  public byte[] group(String group) {
    return snapshot().groups.get(group);
  }

  /** {@code /api/v1} or {@code /apis/<group>/<version>}, or null if not served. */
  public byte[] groupVersion(String group, String version) {
    return snapshot().groupVersions.get(group.isEmpty() ? version : group + "/" + version);
  }

  private Snapshot snapshot() {
    Snapshot s = snapshot;
    long gen = catalog.generation();
    if (s == null || s.generation != gen) {
      s = build(gen);
      snapshot = s;
    }
    return s;
  }

  private Snapshot build(long gen) {
    // group -> version -> resources, groups ordered as upstream, versions preferred first
    Map<String, Map<String, List<ResourceDescriptor>>> byGroup = new LinkedHashMap<>();
    List<ResourceDescriptor> all = new ArrayList<>();
    for (GenericRegistry r : catalog.all()) {
      all.add(r.type().descriptor());
    }
    List<String> order = BuiltinResources.groupOrder();
    all.sort(Comparator.comparingInt((ResourceDescriptor d) -> {
      int i = order.indexOf(d.group());
      return i < 0 ? order.size() : i;
    }).thenComparing(ResourceDescriptor::group));
    for (ResourceDescriptor d : all) {
      byGroup.computeIfAbsent(d.group(), g -> new LinkedHashMap<>())
          .computeIfAbsent(d.version(), v -> new ArrayList<>()).add(d);
    }
    Map<String, byte[]> groups = new LinkedHashMap<>();
    Map<String, byte[]> gvs = new LinkedHashMap<>();
    ObjectNode apisLegacy = Json.NODES.objectNode();
    apisLegacy.put("kind", "APIGroupList");
    apisLegacy.put("apiVersion", "v1");
    ArrayNode groupArr = apisLegacy.putArray("groups");
    ObjectNode aggApis = aggregatedList();
    ObjectNode aggApi = aggregatedList();
    for (Map.Entry<String, Map<String, List<ResourceDescriptor>>> g : byGroup.entrySet()) {
      String group = g.getKey();
      List<String> versions = sortedVersions(group, g.getValue().keySet());
      for (String v : versions) {
        List<ResourceDescriptor> resources = g.getValue().get(v);
        gvs.put(group.isEmpty() ? v : group + "/" + v, Json.bytes(resourceList(group, v, resources)));
      }
      ObjectNode aggGroup = (group.isEmpty() ? aggApi : aggApis).withArray("items").addObject();
      ObjectNode aggMeta = aggGroup.putObject("metadata");
      if (!group.isEmpty()) {
        aggMeta.put("name", group);
      }
      ArrayNode aggVersions = aggGroup.putArray("versions");
      for (String v : versions) {
        aggVersions.add(aggregatedVersion(v, g.getValue().get(v)));
      }
      if (group.isEmpty()) {
        continue;
      }
      ObjectNode apiGroup = apiGroup(group, versions);
      groups.put(group, Json.bytes(withKind(apiGroup.deepCopy(), "APIGroup")));
      groupArr.add(apiGroup);
    }
    ObjectNode api = Json.NODES.objectNode();
    api.put("kind", "APIVersions");
    api.putArray("versions").add("v1");
    ObjectNode addr = api.putArray("serverAddressByClientCIDRs").addObject();
    addr.put("clientCIDR", "0.0.0.0/0");
    addr.put("serverAddress", serverAddress);
    return new Snapshot(gen, Json.bytes(api), Json.bytes(apisLegacy), Json.bytes(aggApi),
        Json.bytes(aggApis), groups, gvs);
  }

  private static ObjectNode withKind(ObjectNode group, String kind) {
    ObjectNode o = Json.NODES.objectNode();
    o.put("kind", kind);
    o.put("apiVersion", "v1");
    o.setAll(group);
    return o;
  }

  private static List<String> sortedVersions(String group, java.util.Set<String> versions) {
    String preferred = BuiltinResources.preferredVersion(group);
    List<String> list = new ArrayList<>(versions);
    list.sort(Comparator.comparing((String v) -> !v.equals(preferred))
        .thenComparing(Discovery::versionPriority, Comparator.reverseOrder()));
    return list;
  }

  /** Kubernetes version priority: GA > beta > alpha, higher numbers first. */
  static long versionPriority(String v) {
    java.util.regex.Matcher m =
        java.util.regex.Pattern.compile("v(\\d+)(?:(alpha|beta)(\\d+))?").matcher(v);
    if (!m.matches()) {
      return -1;
    }
    long major = Long.parseLong(m.group(1));
    long stage = m.group(2) == null ? 3 : m.group(2).equals("beta") ? 2 : 1;
    long minor = m.group(3) == null ? 0 : Long.parseLong(m.group(3));
    return stage * 1_000_000_000L + major * 1_000_000L + minor;
  }

  private static ObjectNode apiGroup(String group, List<String> versions) {
    ObjectNode g = Json.NODES.objectNode();
    g.put("name", group);
    ArrayNode vs = g.putArray("versions");
    for (String v : versions) {
      ObjectNode vo = vs.addObject();
      vo.put("groupVersion", group + "/" + v);
      vo.put("version", v);
    }
    ObjectNode pref = g.putObject("preferredVersion");
    pref.put("groupVersion", group + "/" + versions.get(0));
    pref.put("version", versions.get(0));
    return g;
  }

  private static ObjectNode resourceList(String group, String version,
      List<ResourceDescriptor> resources) {
    ObjectNode list = Json.NODES.objectNode();
    list.put("kind", "APIResourceList");
    list.put("apiVersion", "v1");
    list.put("groupVersion", group.isEmpty() ? version : group + "/" + version);
    ArrayNode arr = list.putArray("resources");
    for (ResourceDescriptor d : resources) {
      ObjectNode r = arr.addObject();
      r.put("name", d.plural());
      r.put("singularName", d.singular());
      r.put("namespaced", d.namespaced());
      r.put("kind", d.kind());
      verbs(r.putArray("verbs"), d.verbs());
      if (!d.shortNames().isEmpty()) {
        verbs(r.putArray("shortNames"), d.shortNames());
      }
      if (!d.categories().isEmpty()) {
        verbs(r.putArray("categories"), d.categories());
      }
      for (SubresourceDescriptor s : d.subresources().values()) {
        ObjectNode sr = arr.addObject();
        sr.put("name", d.plural() + "/" + s.name());
        sr.put("singularName", "");
        sr.put("namespaced", d.namespaced());
        if (!s.responseKind().group().equals(group) || !s.responseKind().version().equals(version)) {
          sr.put("group", s.responseKind().group());
          sr.put("version", s.responseKind().version());
        }
        sr.put("kind", s.responseKind().kind());
        verbs(sr.putArray("verbs"), s.verbs());
      }
    }
    return list;
  }

  private static ObjectNode aggregatedList() {
    ObjectNode o = Json.NODES.objectNode();
    o.put("kind", "APIGroupDiscoveryList");
    o.put("apiVersion", "apidiscovery.k8s.io/v2");
    o.putObject("metadata");
    o.putArray("items");
    return o;
  }

  private static ObjectNode aggregatedVersion(String version, List<ResourceDescriptor> resources) {
    ObjectNode v = Json.NODES.objectNode();
    v.put("version", version);
    ArrayNode arr = v.putArray("resources");
    for (ResourceDescriptor d : resources) {
      ObjectNode r = arr.addObject();
      r.put("resource", d.plural());
      ObjectNode rk = r.putObject("responseKind");
      rk.put("group", d.group());
      rk.put("version", d.version());
      rk.put("kind", d.kind());
      r.put("scope", d.namespaced() ? "Namespaced" : "Cluster");
      r.put("singularResource", d.singular());
      verbs(r.putArray("verbs"), d.verbs());
      if (!d.shortNames().isEmpty()) {
        verbs(r.putArray("shortNames"), d.shortNames());
      }
      if (!d.categories().isEmpty()) {
        verbs(r.putArray("categories"), d.categories());
      }
      if (!d.subresources().isEmpty()) {
        ArrayNode subs = r.putArray("subresources");
        for (SubresourceDescriptor s : d.subresources().values()) {
          ObjectNode so = subs.addObject();
          so.put("subresource", s.name());
          ObjectNode sk = so.putObject("responseKind");
          sk.put("group", s.responseKind().group());
          sk.put("version", s.responseKind().version());
          sk.put("kind", s.responseKind().kind());
          verbs(so.putArray("verbs"), s.verbs());
        }
      }
    }
    v.put("freshness", "Current");
    return v;
  }

  private static void verbs(ArrayNode arr, List<String> values) {
    values.forEach(arr::add);
  }
}
