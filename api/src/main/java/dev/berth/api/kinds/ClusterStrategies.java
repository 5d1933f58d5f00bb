package dev.berth.api.kinds;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.berth.api.validation.FieldErrorList;
import dev.berth.api.validation.FieldPath;
import dev.berth.api.validation.Formats;
import dev.berth.api.validation.NameRule;
import dev.berth.api.validation.Nodes;
import dev.berth.api.validation.ObjectMetaValidation;
import dev.berth.api.validation.ObjectMetaValidation.Scope;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The remaining built-ins: coordination Lease, discovery EndpointSlice, events.k8s.io Event, scheduling
 * PriorityClass, storage StorageClass, autoscaling HorizontalPodAutoscaler and Scale.
 */
final class ClusterStrategies {

  private ClusterStrategies() {}

  /** coordination.k8s.io/v1 Lease. */
  static final class LeaseStrategy extends AbstractKindStrategy {
    LeaseStrategy() {
      super(Scope.NAMESPACED, NameRule.DNS_SUBDOMAIN);
    }

    @Override
    void validate(ObjectNode obj, FieldErrorList errs) {
      ObjectNode spec = spec(obj);
      JsonNode duration = Nodes.get(spec, "leaseDurationSeconds");
      if (duration != null && duration.asLong() <= 0) {
        errs.invalid(FieldPath.of("spec", "leaseDurationSeconds"), duration.asLong(), "must be greater than 0");
      }
      JsonNode transitions = Nodes.get(spec, "leaseTransitions");
      if (transitions != null && transitions.asLong() < 0) {
        errs.invalid(FieldPath.of("spec", "leaseTransitions"), transitions.asLong(), "must be greater than or equal to 0");
      }
    }
  }

  /** discovery.k8s.io/v1 EndpointSlice. */
  static final class EndpointSliceStrategy extends AbstractKindStrategy {
    private static final int MAX_ENDPOINTS = 1000;
    private static final int MAX_PORTS = 20000;
    private static final int MAX_ADDRESSES = 100;

    EndpointSliceStrategy() {
      super(Scope.NAMESPACED, NameRule.DNS_SUBDOMAIN);
    }

    @Override
    public void applyDefaults(ObjectNode obj) {
      Nodes.eachObject(obj, "ports", (i, p) -> {
        Nodes.defaultText(p, "protocol", "TCP");
        if (!p.has("name")) {
          p.put("name", "");
        }
      });
    }

    @Override
    boolean tracksGeneration() {
      return true;
    }

    @Override
    JsonNode desiredState(ObjectNode obj) {
      ObjectNode copy = obj.deepCopy();
      copy.remove("metadata");
      return copy;
    }

    @Override
    void validate(ObjectNode obj, FieldErrorList errs) {
      String type = Nodes.text(obj, "addressType");
      FieldPath tp = FieldPath.of("addressType");
      if (type.isEmpty()) {
        errs.required(tp, "");
      } else if (!Set.of("IPv4", "IPv6", "FQDN").contains(type)) {
        errs.notSupported(tp, type, "FQDN", "IPv4", "IPv6");
      }
      FieldPath ep = FieldPath.of("endpoints");
      int endpoints = Nodes.size(obj, "endpoints");
      if (endpoints > MAX_ENDPOINTS) {
        errs.tooMany(ep, endpoints, MAX_ENDPOINTS);
      }
      Nodes.eachObject(obj, "endpoints", (i, e) -> {
        FieldPath p = ep.index(i);
        FieldPath ap = p.child("addresses");
        JsonNode addresses = Nodes.get(e, "addresses");
        int n = addresses == null ? 0 : addresses.size();
        if (n == 0) {
          errs.required(ap, "must contain at least 1 address");
        } else if (n > MAX_ADDRESSES) {
          errs.invalid(ap, addresses, "must contain at most " + MAX_ADDRESSES + " addresses");
        }
        for (int j = 0; j < n; j++) {
          String a = Nodes.text(addresses.get(j));
          FieldPath aj = ap.index(j);
          switch (type) {
            case "IPv4" -> {
              byte[] ip = Formats.parseIp(a);
              if (ip == null || ip.length != 4) {
                errs.invalid(aj, a, "must be a valid IPv4 address");
              } else {
                ServiceStrategy.validateNonSpecialIp(a, aj, errs);
              }
            }
            case "IPv6" -> {
              byte[] ip = Formats.parseIp(a);
              if (ip == null || ip.length != 16) {
                errs.invalid(aj, a, "must be a valid IPv6 address");
              } else {
                ServiceStrategy.validateNonSpecialIp(a, aj, errs);
              }
            }
            case "FQDN" -> {
              String host = a.endsWith(".") ? a.substring(0, a.length() - 1) : a;
              List<String> msgs = Formats.dns1123Subdomain(host);
              if (!msgs.isEmpty()) {
                errs.invalid(aj, host, String.join(",", msgs));
              } else if (host.split("\\.").length < 2) {
                errs.invalid(aj, host, "should be a domain with at least two segments separated by dots");
              }
            }
            default -> { }
          }
        }
        String hostname = Nodes.text(e, "hostname");
        if (Nodes.has(e, "hostname")) {
          errs.invalidEach(p.child("hostname"), hostname, Formats.dns1123Label(hostname));
        }
        if (Nodes.has(e, "nodeName")) {
          String node = Nodes.text(e, "nodeName");
          errs.invalidEach(p.child("nodeName"), node, NameRule.DNS_SUBDOMAIN.check(node, false));
        }
        JsonNode topology = Nodes.get(e, "deprecatedTopology");
        if (topology != null) {
          dev.berth.api.validation.LabelSelectors.validateLabels(topology, p.child("deprecatedTopology"), errs);
        }
      });
      FieldPath pp = FieldPath.of("ports");
      int ports = Nodes.size(obj, "ports");
      if (ports > MAX_PORTS) {
        errs.tooMany(pp, ports, MAX_PORTS);
      }
      Set<String> names = new HashSet<>();
      Nodes.eachObject(obj, "ports", (i, port) -> {
        FieldPath p = pp.index(i);
        String name = Nodes.text(port, "name");
        if (!name.isEmpty()) {
          errs.invalidEach(p.child("name"), name, Formats.dns1123Label(name));
        }
        if (!names.add(name)) {
          errs.duplicate(p.child("name"), name);
        }
        String protocol = Nodes.text(port, "protocol");
        if (!Set.of("TCP", "UDP", "SCTP").contains(protocol)) {
          errs.notSupported(p.child("protocol"), protocol, "SCTP", "TCP", "UDP");
        }
        JsonNode num = Nodes.get(port, "port");
        if (num != null) {
          Formats.portNumber(num.asLong()).forEach(m -> errs.invalid(p.child("port"), num.asLong(), m));
        }
        JsonNode appProtocol = Nodes.get(port, "appProtocol");
        if (appProtocol != null) {
          errs.invalidEach(p.child("appProtocol"), Nodes.text(appProtocol), Formats.qualifiedName(Nodes.text(appProtocol)));
        }
      });
    }

    @Override
    void validateTransition(ObjectNode obj, ObjectNode old, FieldErrorList errs) {
      ObjectMetaValidation.immutable(obj.get("addressType"), old.get("addressType"), FieldPath.of("addressType"), errs);
    }
  }

  /**
   * events.k8s.io/v1 Event: strict validation for new-style events, on the core Event fields (upstream
   * converts to the internal type first, so paths use the core names: {@code involvedObject}, {@code message}).
   */
  static final class EventsV1Strategy extends AbstractKindStrategy {
    /** events.k8s.io/v1 field name → core field name. */
    private static final Map<String, String> CORE_NAMES = Map.ofEntries(Map.entry("regarding", "involvedObject"),
        Map.entry("note", "message"), Map.entry("deprecatedSource", "source"),
        Map.entry("deprecatedFirstTimestamp", "firstTimestamp"), Map.entry("deprecatedLastTimestamp", "lastTimestamp"),
        Map.entry("deprecatedCount", "count"), Map.entry("reportingController", "reportingComponent"));

    EventsV1Strategy() {
      super(Scope.NAMESPACED, NameRule.DNS_SUBDOMAIN);
    }

    private static ObjectNode coreView(ObjectNode obj) {
      ObjectNode core = Nodes.FACTORY.objectNode();
      obj.properties().forEach(e -> core.set(CORE_NAMES.getOrDefault(e.getKey(), e.getKey()), e.getValue()));
      return core;
    }

    @Override
    void validate(ObjectNode obj, FieldErrorList errs) {
      ObjectNode core = coreView(obj);
      CoreStrategies.EventStrategy.validateLegacy(core, errs);
      validateSeries(core, errs);
      if (Nodes.text(core, "eventTime").isEmpty()) {
        errs.required(FieldPath.of("eventTime"), "");
      }
      String type = Nodes.text(core, "type");
      if (!type.equals("Normal") && !type.equals("Warning")) {
        errs.invalid(FieldPath.of("type"), "", "has invalid value: " + type);
      }
      for (String f : List.of("firstTimestamp", "lastTimestamp")) {
        if (!Nodes.text(core, f).isEmpty()) {
          errs.invalid(FieldPath.of(f), "", "needs to be unset");
        }
      }
      if (Nodes.longValue(core, "count", 0) != 0) {
        errs.invalid(FieldPath.of("count"), "", "needs to be unset");
      }
      JsonNode source = Nodes.get(core, "source");
      if (!Nodes.text(source, "component").isEmpty() || !Nodes.text(source, "host").isEmpty()) {
        errs.invalid(FieldPath.of("source"), "", "needs to be unset");
      }
    }

    private static void validateSeries(ObjectNode core, FieldErrorList errs) {
      JsonNode series = Nodes.get(core, "series");
      if (series == null) {
        return;
      }
      if (Nodes.longValue(series, "count", 0) < 2) {
        errs.invalid(FieldPath.of("series.count"), "", "should be at least 2");
      }
      if (Nodes.text(series, "lastObservedTime").isEmpty()) {
        errs.required(FieldPath.of("series.lastObservedTime"), "");
      }
    }

    @Override
    void validateUpdated(ObjectNode obj, ObjectNode old, FieldErrorList errs) {
      ObjectNode core = coreView(obj);
      CoreStrategies.EventStrategy.validateLegacy(core, errs);
      if (!Nodes.semanticEquals(obj.get("series"), old.get("series"))) {
        validateSeries(core, errs);
      }
    }

    @Override
    void validateTransition(ObjectNode obj, ObjectNode old, FieldErrorList errs) {
      ObjectNode core = coreView(obj);
      ObjectNode oldCore = coreView(old);
      for (String f : List.of("involvedObject", "reason", "message", "source", "firstTimestamp", "lastTimestamp",
          "count", "type", "eventTime", "action", "related", "reportingComponent", "reportingInstance")) {
        String path = f.equals("reportingComponent") ? "reportingController" : f;
        ObjectMetaValidation.immutable(core.get(f), oldCore.get(f), FieldPath.of(path), errs);
      }
    }
  }

  /** scheduling.k8s.io/v1 PriorityClass. */
  static final class PriorityClassStrategy extends AbstractKindStrategy {
    static final long HIGHEST_USER_DEFINABLE = 1_000_000_000L;
    private static final Map<String, Long> SYSTEM = Map.of("system-node-critical", 2000001000L,
        "system-cluster-critical", 2000000000L);

    PriorityClassStrategy() {
      super(Scope.CLUSTER, NameRule.DNS_SUBDOMAIN);
    }

    @Override
    public void applyDefaults(ObjectNode obj) {
      Nodes.defaultText(obj, "preemptionPolicy", "PreemptLowerPriority");
    }

    @Override
    void validate(ObjectNode obj, FieldErrorList errs) {
      String name = Nodes.text(metadata(obj), "name");
      long value = Nodes.longValue(obj, "value", 0);
      if (name.startsWith("system-")) {
        String err = null;
        Long known = SYSTEM.get(name);
        if (known == null) {
          err = name + " is not a known system priority class";
        } else if (known != value) {
          err = "value of " + name + " PriorityClass must be " + known;
        } else if (Nodes.bool(obj, "globalDefault")) {
          err = "globalDefault of " + name + " PriorityClass must be false";
        }
        if (err != null) {
          errs.forbidden(FieldPath.of("metadata", "name"),
              "priority class names with 'system-' prefix are reserved for system use only. error: " + err);
        }
      } else if (value > HIGHEST_USER_DEFINABLE) {
        errs.forbidden(FieldPath.of("value"), "maximum allowed value of a user defined priority is " + HIGHEST_USER_DEFINABLE);
      }
      JsonNode policy = Nodes.get(obj, "preemptionPolicy");
      if (policy != null) {
        PodSpecs.validatePreemptionPolicy(Nodes.text(policy), FieldPath.of("preemptionPolicy"), errs);
      }
    }

    @Override
    void validateTransition(ObjectNode obj, ObjectNode old, FieldErrorList errs) {
      if (Nodes.longValue(obj, "value", 0) != Nodes.longValue(old, "value", 0)) {
        errs.forbidden(FieldPath.of("value"), "may not be changed in an update.");
      }
      ObjectMetaValidation.immutable(obj.get("preemptionPolicy"), old.get("preemptionPolicy"),
          FieldPath.of("preemptionPolicy"), errs);
    }
  }

  /** storage.k8s.io/v1 StorageClass. */
  static final class StorageClassStrategy extends AbstractKindStrategy {
    private static final int MAX_PARAMETERS = 512;
    private static final int MAX_PARAMETERS_SIZE = 256 * 1024;

    StorageClassStrategy() {
      super(Scope.CLUSTER, NameRule.DNS_SUBDOMAIN);
    }

    @Override
    public void applyDefaults(ObjectNode obj) {
      Nodes.defaultText(obj, "reclaimPolicy", "Delete");
      Nodes.defaultText(obj, "volumeBindingMode", "Immediate");
    }

    @Override
    void validate(ObjectNode obj, FieldErrorList errs) {
      String provisioner = Nodes.text(obj, "provisioner");
      FieldPath pp = FieldPath.of("provisioner");
      if (provisioner.isEmpty()) {
        errs.required(pp, "");
      } else {
        if (provisioner.length() > 63) {
          errs.tooLong(pp, 63);
        }
        errs.invalidEach(pp, provisioner, Formats.qualifiedName(provisioner.toLowerCase(java.util.Locale.ROOT)));
      }
      JsonNode params = Nodes.get(obj, "parameters");
      if (params != null && params.isObject()) {
        FieldPath paramsPath = FieldPath.of("parameters");
        if (params.size() > MAX_PARAMETERS) {
          errs.tooLong(paramsPath, MAX_PARAMETERS);
        }
        long total = 0;
        for (var e : params.properties()) {
          if (e.getKey().isEmpty()) {
            errs.invalid(paramsPath, e.getKey(), "field can not be empty.");
          }
          total += e.getKey().length() + Nodes.text(e.getValue()).length();
        }
        if (total > MAX_PARAMETERS_SIZE) {
          errs.tooLong(paramsPath, MAX_PARAMETERS_SIZE);
        }
      }
      JsonNode reclaim = Nodes.get(obj, "reclaimPolicy");
      if (reclaim != null && !Set.of("Delete", "Retain").contains(Nodes.text(reclaim))) {
        errs.notSupported(FieldPath.of("reclaimPolicy"), Nodes.text(reclaim), "Delete", "Retain");
      }
      String mode = Nodes.text(obj, "volumeBindingMode");
      if (!Nodes.has(obj, "volumeBindingMode")) {
        errs.required(FieldPath.of("volumeBindingMode"), "");
      } else if (!mode.equals("Immediate") && !mode.equals("WaitForFirstConsumer")) {
        errs.notSupported(FieldPath.of("volumeBindingMode"), mode, "Immediate", "WaitForFirstConsumer");
      }
      FieldPath tp = FieldPath.of("allowedTopologies");
      Nodes.eachObject(obj, "allowedTopologies", (i, term) -> {
        Set<String> keys = new HashSet<>();
        Nodes.eachObject(term, "matchLabelExpressions", (j, req) -> {
          FieldPath rp = tp.index(i).child("matchLabelExpressions").index(j);
          JsonNode values = Nodes.get(req, "values");
          if (values == null || values.isEmpty()) {
            errs.required(rp.child("values"), "");
          } else {
            Set<String> seen = new HashSet<>();
            for (int k = 0; k < values.size(); k++) {
              if (!seen.add(Nodes.text(values.get(k)))) {
                errs.duplicate(rp.child("values").index(k), Nodes.text(values.get(k)));
              }
            }
          }
          String key = Nodes.text(req, "key");
          errs.invalidEach(rp.child("key"), key, Formats.qualifiedName(key));
          if (!keys.add(key)) {
            errs.duplicate(rp.child("key"), key);
          }
        });
      });
    }

    @Override
    void validateTransition(ObjectNode obj, ObjectNode old, FieldErrorList errs) {
      if (!Nodes.semanticEquals(obj.get("parameters"), old.get("parameters"))) {
        errs.forbidden(FieldPath.of("parameters"), "updates to parameters are forbidden.");
      }
      if (!Nodes.text(obj, "provisioner").equals(Nodes.text(old, "provisioner"))) {
        errs.forbidden(FieldPath.of("provisioner"), "updates to provisioner are forbidden.");
      }
      if (!Nodes.text(obj, "reclaimPolicy").equals(Nodes.text(old, "reclaimPolicy"))) {
        errs.forbidden(FieldPath.of("reclaimPolicy"), "updates to reclaimPolicy are forbidden.");
      }
      ObjectMetaValidation.immutable(obj.get("volumeBindingMode"), old.get("volumeBindingMode"),
          FieldPath.of("volumeBindingMode"), errs);
    }
  }

  /**
   * autoscaling HorizontalPodAutoscaler, v1 or v2 according to the object's {@code apiVersion} (the
   * unstructured server keeps the version the client wrote).
   */
  static final class HorizontalPodAutoscalerStrategy extends AbstractKindStrategy {
    /** Metric type → the field holding its source. */
    private static final Map<String, String> METRIC_SOURCES = Map.of("Object", "object", "Pods", "pods",
        "Resource", "resource", "ContainerResource", "containerResource", "External", "external");

    HorizontalPodAutoscalerStrategy() {
      super(Scope.NAMESPACED, NameRule.DNS_SUBDOMAIN);
    }

    private static boolean isV1(JsonNode obj) {
      return Nodes.text(obj, "apiVersion").equals("autoscaling/v1");
    }

    @Override
    public void applyDefaults(ObjectNode obj) {
      ObjectNode spec = Nodes.objectOrCreate(obj, "spec");
      Nodes.defaultLong(spec, "minReplicas", 1);
      if (isV1(obj)) {
        return;
      }
      if (Nodes.size(spec, "metrics") == 0) {
        ObjectNode metric = spec.putArray("metrics").addObject();
        metric.put("type", "Resource");
        ObjectNode resource = metric.putObject("resource");
        resource.put("name", "cpu");
        ObjectNode target = resource.putObject("target");
        target.put("type", "Utilization");
        target.put("averageUtilization", 80);
      }
      Nodes.eachObject(spec, "metrics", (i, m) -> {
        for (String source : List.of("resource", "containerResource", "pods", "object", "external")) {
          ObjectNode target = Nodes.object(Nodes.get(m, source), "target");
          if (target != null) {
            ResourceLists.canonicalize(target, "value");
            ResourceLists.canonicalize(target, "averageValue");
          }
        }
      });
      if (Nodes.get(spec, "behavior") instanceof ObjectNode behavior) {
        ObjectNode up = Nodes.objectOrCreate(behavior, "scaleUp");
        Nodes.defaultLong(up, "stabilizationWindowSeconds", 0);
        Nodes.defaultText(up, "selectPolicy", "Max");
        if (!Nodes.has(up, "policies")) {
          var policies = up.putArray("policies");
          policies.addObject().put("type", "Pods").put("value", 4).put("periodSeconds", 15);
          policies.addObject().put("type", "Percent").put("value", 100).put("periodSeconds", 15);
        }
        ObjectNode down = Nodes.objectOrCreate(behavior, "scaleDown");
        Nodes.defaultLong(down, "stabilizationWindowSeconds", 300);
        Nodes.defaultText(down, "selectPolicy", "Max");
        if (!Nodes.has(down, "policies")) {
          down.putArray("policies").addObject().put("type", "Percent").put("value", 100).put("periodSeconds", 15);
        }
      }
    }

    @Override
    public void prepareForCreate(ObjectNode obj) {
      super.prepareForCreate(obj);
      ObjectNode status = Nodes.FACTORY.objectNode();
      if (isV1(obj)) {
        status.put("currentReplicas", 0);
      }
      status.put("desiredReplicas", 0);
      obj.set("status", status);
    }

    @Override
    boolean hasStatusSubresource() {
      return true;
    }

    @Override
    void validate(ObjectNode obj, FieldErrorList errs) {
      ObjectNode spec = spec(obj);
      FieldPath sp = FieldPath.of("spec");
      JsonNode ref = Nodes.get(spec, "scaleTargetRef");
      FieldPath rp = sp.child("scaleTargetRef");
      String kind = Nodes.text(ref, "kind");
      if (kind.isEmpty()) {
        errs.required(rp.child("kind"), "");
      } else {
        errs.invalidEach(rp.child("kind"), kind, Formats.pathSegmentName(kind));
      }
      String name = Nodes.text(ref, "name");
      if (name.isEmpty()) {
        errs.required(rp.child("name"), "");
      } else {
        errs.invalidEach(rp.child("name"), name, Formats.pathSegmentName(name));
      }
      long min = Nodes.longValue(spec, "minReplicas", 1);
      long max = Nodes.longValue(spec, "maxReplicas", 0);
      if (Nodes.has(spec, "minReplicas") && min < 1) {
        errs.invalid(sp.child("minReplicas"), min, "must be greater than or equal to 1");
      }
      if (max < 1) {
        errs.invalid(sp.child("maxReplicas"), max, "must be greater than 0");
      }
      if (Nodes.has(spec, "minReplicas") && max < min) {
        errs.invalid(sp.child("maxReplicas"), max, "must be greater than or equal to `minReplicas`");
      }
      if (isV1(obj)) {
        JsonNode cpu = Nodes.get(spec, "targetCPUUtilizationPercentage");
        if (cpu != null && cpu.asLong() < 1) {
          errs.invalid(sp.child("targetCPUUtilizationPercentage"), cpu.asLong(), "must be greater than 0");
        }
        return;
      }
      FieldPath mp = sp.child("metrics");
      Nodes.eachObject(spec, "metrics", (i, m) -> {
        String type = Nodes.text(m, "type");
        String source = METRIC_SOURCES.get(type);
        if (type.isEmpty()) {
          errs.required(mp.index(i).child("type"), "must specify a metric source type");
        } else if (source == null) {
          errs.notSupported(mp.index(i).child("type"), type, "ContainerResource", "External", "Object", "Pods", "Resource");
        } else if (!Nodes.has(m, source)) {
          errs.required(mp.index(i).child(source), "must populate information for the given metric source");
        } else {
          JsonNode target = Nodes.get(m.get(source), "target");
          FieldPath targetPath = mp.index(i).child(source, "target");
          String tt = Nodes.text(target, "type");
          if (target == null || tt.isEmpty()) {
            errs.required(targetPath.child("type"), "must specify a metric target type");
          } else if (!Set.of("Utilization", "Value", "AverageValue").contains(tt)) {
            errs.notSupported(targetPath.child("type"), tt, "AverageValue", "Utilization", "Value");
          }
          JsonNode util = Nodes.get(target, "averageUtilization");
          if (util != null && util.asLong() < 1) {
            errs.invalid(targetPath.child("averageUtilization"), util.asLong(), "must be greater than 0");
          }
          for (String q : List.of("value", "averageValue")) {
            JsonNode v = Nodes.get(target, q);
            if (v != null) {
              var parsed = ResourceLists.parse(v, targetPath.child(q), errs);
              if (parsed != null && parsed.signum() <= 0) {
                errs.invalid(targetPath.child(q), parsed.toString(), "must be positive");
              }
            }
          }
        }
      });
    }
  }

  /** autoscaling/v1 Scale (the scale subresource body). */
  static final class ScaleStrategy extends AbstractKindStrategy {
    ScaleStrategy() {
      super(Scope.NAMESPACED, NameRule.DNS_SUBDOMAIN);
    }

    @Override
    void validate(ObjectNode obj, FieldErrorList errs) {
      long replicas = Nodes.longValue(spec(obj), "replicas", 0);
      if (replicas < 0) {
        errs.invalid(FieldPath.of("spec", "replicas"), replicas, "must be greater than or equal to 0");
      }
    }
  }
}
