package dev.berth.api.kinds;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.berth.api.validation.FieldErrorList;
import dev.berth.api.validation.FieldPath;
import dev.berth.api.validation.Formats;
import dev.berth.api.validation.NameRule;
import dev.berth.api.validation.Nodes;
import dev.berth.api.validation.ObjectMetaValidation;
import dev.berth.api.validation.ObjectMetaValidation.Scope;
import dev.berth.api.validation.Quantity;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The smaller core/v1 kinds. */
final class CoreStrategies {

  private CoreStrategies() {}

  /** Namespace: DNS-1123 label names, the {@code kubernetes} finalizer, phase Active. */
  static final class NamespaceStrategy extends AbstractKindStrategy {
    NamespaceStrategy() {
      super(Scope.CLUSTER, NameRule.DNS_LABEL);
    }

    @Override
    public void applyDefaults(ObjectNode obj) {
      String name = Nodes.text(Nodes.get(obj, "metadata"), "name");
      if (!name.isEmpty()) {
        Nodes.objectOrCreate(Nodes.objectOrCreate(obj, "metadata"), "labels").put("kubernetes.io/metadata.name", name);
      }
      Nodes.defaultText(Nodes.objectOrCreate(obj, "status"), "phase", "Active");
    }

    @Override
    ObjectNode initialStatus() {
      ObjectNode s = Nodes.FACTORY.objectNode();
      s.put("phase", "Active");
      return s;
    }

    @Override
    void prepareCreate(ObjectNode obj) {
      // the name may have been generated after defaulting
      applyDefaults(obj);
      ObjectNode spec = Nodes.objectOrCreate(obj, "spec");
      ArrayNode finalizers = spec.get("finalizers") instanceof ArrayNode a ? a : spec.putArray("finalizers");
      boolean has = false;
      for (JsonNode f : finalizers) {
        has |= Nodes.text(f).equals("kubernetes");
      }
      if (!has) {
        finalizers.add("kubernetes");
      }
    }

    @Override
    void prepareUpdate(ObjectNode obj, ObjectNode old) {
      // spec.finalizers change only through the finalize subresource
      ObjectNode spec = Nodes.objectOrCreate(obj, "spec");
      JsonNode oldFinalizers = Nodes.get(Nodes.get(old, "spec"), "finalizers");
      if (oldFinalizers == null) {
        spec.remove("finalizers");
      } else {
        spec.set("finalizers", oldFinalizers.deepCopy());
      }
    }

    @Override
    void validate(ObjectNode obj, FieldErrorList errs) {
      FieldPath p = FieldPath.of("spec", "finalizers");
      for (String f : ObjectMetaValidation.strings(Nodes.get(spec(obj), "finalizers"))) {
        errs.invalidEach(p, f, Formats.qualifiedName(f));
        ObjectMetaValidation.validateKubeFinalizerName(f, p, errs);
      }
    }
  }

  /** Node: taints, pod CIDRs, resource quantities; status is kept on create (the kubelet registers with it). */
  static final class NodeStrategy extends AbstractKindStrategy {
    NodeStrategy() {
      super(Scope.CLUSTER, NameRule.DNS_SUBDOMAIN);
    }

    @Override
    public void applyDefaults(ObjectNode obj) {
      JsonNode status = Nodes.get(obj, "status");
      if (status instanceof ObjectNode s) {
        ResourceLists.defaultList(s, "capacity");
        ResourceLists.defaultList(s, "allocatable");
        if (!Nodes.has(s, "allocatable") && Nodes.get(s, "capacity") instanceof ObjectNode cap) {
          s.set("allocatable", cap.deepCopy());
        }
      }
    }

    @Override
    boolean hasStatusSubresource() {
      return true;
    }

    @Override
    void validate(ObjectNode obj, FieldErrorList errs) {
      ObjectNode spec = spec(obj);
      // upstream reports spec.taints errors under "metadata.taints"
      validateTaints(Nodes.get(spec, "taints"), FieldPath.of("metadata", "taints"), errs);
      JsonNode status = Nodes.get(obj, "status");
      for (String list : List.of("capacity", "allocatable")) {
        JsonNode rl = Nodes.get(status, list);
        if (rl != null && rl.isObject()) {
          rl.properties().forEach(e -> {
            FieldPath p = FieldPath.of("status", list, e.getKey());
            Quantity q = ResourceLists.parse(e.getValue(), p, errs);
            if (q != null) {
              ResourceLists.validateQuantityValue(e.getKey(), q, p, errs);
            }
          });
        }
      }
      JsonNode cidrs = Nodes.get(spec, "podCIDRs");
      if (cidrs != null && cidrs.isArray() && !cidrs.isEmpty()) {
        FieldPath p = FieldPath.of("spec", "podCIDRs");
        boolean allValid = true;
        for (int i = 0; i < cidrs.size(); i++) {
          String c = Nodes.text(cidrs.get(i));
          List<String> msgs = Formats.cidr(c);
          allValid &= msgs.isEmpty();
          errs.invalidEach(p.index(i), c, msgs);
        }
        if (cidrs.size() > 1) {
          if (allValid) {
            boolean v6a = Formats.parseCidr(Nodes.text(cidrs.get(0))).isIpv6();
            boolean v6b = Formats.parseCidr(Nodes.text(cidrs.get(1))).isIpv6();
            if (v6a == v6b || cidrs.size() > 2) {
              errs.invalid(p, cidrs, "may specify no more than one CIDR for each IP family");
            }
          }
          Set<String> seen = new HashSet<>();
          for (int i = 0; i < cidrs.size(); i++) {
            String c = Nodes.text(cidrs.get(i));
            if (!seen.add(c)) {
              errs.duplicate(p.index(i), c);
            }
          }
        }
      }
    }

    static void validateTaints(JsonNode taints, FieldPath path, FieldErrorList errs) {
      if (taints == null || !taints.isArray()) {
        return;
      }
      Map<String, Set<String>> unique = new HashMap<>();
      for (int i = 0; i < taints.size(); i++) {
        JsonNode t = taints.get(i);
        FieldPath p = path.index(i);
        String key = Nodes.text(t, "key");
        String value = Nodes.text(t, "value");
        String effect = Nodes.text(t, "effect");
        errs.invalidEach(p.child("key"), key, Formats.qualifiedName(key));
        List<String> msgs = Formats.labelValue(value);
        if (!msgs.isEmpty()) {
          errs.invalid(p.child("value"), value, String.join(";", msgs));
        }
        PodSpecs.validateTaintEffect(effect, p.child("effect"), errs);
        if (!unique.computeIfAbsent(effect, k -> new HashSet<>()).add(key)) {
          errs.add(new dev.berth.api.validation.FieldError(dev.berth.api.validation.FieldError.Type.DUPLICATE,
              p.value(), t, "taints must be unique by key and effect pair"));
        }
      }
    }

    @Override
    void validateTransition(ObjectNode obj, ObjectNode old, FieldErrorList errs) {
      ObjectNode spec = spec(obj);
      ObjectNode oldSpec = spec(old);
      List<String> cidrs = ObjectMetaValidation.strings(Nodes.get(spec, "podCIDRs"));
      List<String> oldCidrs = ObjectMetaValidation.strings(Nodes.get(oldSpec, "podCIDRs"));
      FieldPath cp = FieldPath.of("spec", "podCIDRs");
      String msg = "node updates may not change podCIDR except from \"\" to valid";
      if (!oldCidrs.isEmpty()) {
        if (oldCidrs.size() != cidrs.size()) {
          errs.forbidden(cp, msg);
        } else {
          for (int i = 0; i < oldCidrs.size(); i++) {
            if (!oldCidrs.get(i).equals(cidrs.get(i))) {
              errs.forbidden(cp, msg);
            }
          }
        }
      }
      String oldProvider = Nodes.text(oldSpec, "providerID");
      if (!oldProvider.isEmpty() && !oldProvider.equals(Nodes.text(spec, "providerID"))) {
        errs.forbidden(FieldPath.of("spec", "providerID"), "node updates may not change providerID except from \"\" to valid");
      }
      if (!Nodes.text(spec, "externalID").equals(Nodes.text(oldSpec, "externalID"))) {
        errs.forbidden(FieldPath.of("spec", "externalID"), "may not be updated");
      }
    }
  }

  /** ServiceAccount: only metadata rules. */
  static final class ServiceAccountStrategy extends AbstractKindStrategy {
    ServiceAccountStrategy() {
      super(Scope.NAMESPACED, NameRule.DNS_SUBDOMAIN);
    }
  }

  /** Endpoints: subsets of addresses and ports. */
  static final class EndpointsStrategy extends AbstractKindStrategy {
    EndpointsStrategy() {
      super(Scope.NAMESPACED, NameRule.DNS_SUBDOMAIN);
    }

    @Override
    public void applyDefaults(ObjectNode obj) {
      Nodes.eachObject(obj, "subsets", (i, ss) -> Nodes.eachObject(ss, "ports",
          (j, p) -> Nodes.defaultText(p, "protocol", "TCP")));
    }

    @Override
    void validate(ObjectNode obj, FieldErrorList errs) {
      FieldPath subsets = FieldPath.of("subsets");
      Nodes.eachObject(obj, "subsets", (i, ss) -> {
        FieldPath p = subsets.index(i);
        if (Nodes.size(ss, "addresses") == 0 && Nodes.size(ss, "notReadyAddresses") == 0) {
          errs.required(p, "must specify `addresses` or `notReadyAddresses`");
        }
        for (String list : List.of("addresses", "notReadyAddresses")) {
          Nodes.eachObject(ss, list, (j, addr) -> validateAddress(addr, p.child(list).index(j), errs));
        }
        int ports = Nodes.size(ss, "ports");
        Nodes.eachObject(ss, "ports", (j, port) -> validateEndpointPort(port, ports > 1, p.child("ports").index(j), errs));
      });
    }

    private static void validateAddress(JsonNode addr, FieldPath p, FieldErrorList errs) {
      String ip = Nodes.text(addr, "ip");
      errs.invalidEach(p.child("ip"), ip, Formats.ip(ip));
      String hostname = Nodes.text(addr, "hostname");
      if (!hostname.isEmpty()) {
        errs.invalidEach(p.child("hostname"), hostname, Formats.dns1123Label(hostname));
      }
      JsonNode nodeName = Nodes.get(addr, "nodeName");
      if (nodeName != null) {
        errs.invalidEach(p.child("nodeName"), Nodes.text(nodeName), NameRule.DNS_SUBDOMAIN.check(Nodes.text(nodeName), false));
      }
      ServiceStrategy.validateNonSpecialIp(ip, p.child("ip"), errs);
    }

    static void validateEndpointPort(JsonNode port, boolean requireName, FieldPath p, FieldErrorList errs) {
      String name = Nodes.text(port, "name");
      if (requireName && name.isEmpty()) {
        errs.required(p.child("name"), "");
      } else if (!name.isEmpty()) {
        errs.invalidEach(p.child("name"), name, Formats.dns1123Label(name));
      }
      long num = Nodes.longValue(port, "port", 0);
      Formats.portNumber(num).forEach(m -> errs.invalid(p.child("port"), num, m));
      String proto = Nodes.text(port, "protocol");
      if (proto.isEmpty()) {
        errs.required(p.child("protocol"), "");
      } else if (!Set.of("TCP", "UDP", "SCTP").contains(proto)) {
        errs.notSupported(p.child("protocol"), proto, "SCTP", "TCP", "UDP");
      }
      JsonNode appProtocol = Nodes.get(port, "appProtocol");
      if (appProtocol != null) {
        errs.invalidEach(p.child("appProtocol"), Nodes.text(appProtocol), Formats.qualifiedName(Nodes.text(appProtocol)));
      }
    }
  }

  /** core/v1 Event: upstream applies only its legacy consistency rules to this API version. */
  static final class EventStrategy extends AbstractKindStrategy {
    EventStrategy() {
      super(Scope.NAMESPACED, NameRule.DNS_SUBDOMAIN);
    }

    @Override
    void validate(ObjectNode obj, FieldErrorList errs) {
      validateLegacy(obj, errs);
    }

    /** The legacy consistency rules, on an Event with core/v1 field names (events.k8s.io maps onto them). */
    static void validateLegacy(ObjectNode event, FieldErrorList errs) {
      String namespace = Nodes.text(Nodes.get(event, "metadata"), "namespace");
      String involvedNs = Nodes.text(Nodes.get(event, "involvedObject"), "namespace");
      FieldPath involvedNsPath = FieldPath.of("involvedObject", "namespace");
      String mismatch = "does not match event.namespace";
      if (Nodes.text(event, "eventTime").isEmpty()) {
        if (involvedNs.isEmpty()) {
          if (!namespace.isEmpty() && !namespace.equals("default")) {
            errs.invalid(involvedNsPath, involvedNs, mismatch);
          }
        } else if (!namespace.equals(involvedNs)) {
          errs.invalid(involvedNsPath, involvedNs, mismatch);
        }
      } else {
        if (involvedNs.isEmpty() && !namespace.equals("default") && !namespace.equals("kube-system")) {
          errs.invalid(involvedNsPath, involvedNs, mismatch);
        }
        String controller = Nodes.text(event, "reportingComponent");
        if (controller.isEmpty()) {
          errs.required(FieldPath.of("reportingController"), "");
        }
        errs.invalidEach(FieldPath.of("reportingController"), controller, Formats.qualifiedName(controller));
        limited(event, "reportingInstance", "reportingInstance", 128, errs);
        limited(event, "action", "action", 128, errs);
        limited(event, "reason", "reason", 128, errs);
        String message = Nodes.text(event, "message");
        if (Formats.byteLength(message) > 1024) {
          errs.invalid(FieldPath.of("message"), "", "can have at most 1024 characters");
        }
      }
      errs.invalidEach(FieldPath.of("namespace"), namespace, Formats.dns1123Subdomain(namespace));
    }

    private static void limited(JsonNode event, String field, String path, int max, FieldErrorList errs) {
      String v = Nodes.text(event, field);
      if (v.isEmpty()) {
        errs.required(FieldPath.of(path), "");
      }
      if (Formats.byteLength(v) > max) {
        errs.invalid(FieldPath.of(path), "", "can have at most " + max + " characters");
      }
    }
  }

  /** LimitRange: well-formed types and resource names, min ≤ default ≤ max. */
  static final class LimitRangeStrategy extends AbstractKindStrategy {
    private static final List<String> LISTS = List.of("max", "min", "default", "defaultRequest", "maxLimitRequestRatio");

    LimitRangeStrategy() {
      super(Scope.NAMESPACED, NameRule.DNS_SUBDOMAIN);
    }

    @Override
    public void applyDefaults(ObjectNode obj) {
      Nodes.eachObject(Nodes.get(obj, "spec"), "limits", (i, item) -> {
        for (String l : LISTS) {
          ResourceLists.defaultList(item, l);
        }
        if (!Nodes.text(item, "type").equals("Container")) {
          return;
        }
        ObjectNode defaults = Nodes.objectOrCreate(item, "default");
        ObjectNode defaultRequest = Nodes.objectOrCreate(item, "defaultRequest");
        copyMissing(Nodes.get(item, "max"), defaults);
        copyMissing(defaults, defaultRequest);
        copyMissing(Nodes.get(item, "min"), defaultRequest);
      });
    }

    private static void copyMissing(JsonNode from, ObjectNode to) {
      if (from != null && from.isObject()) {
        from.properties().forEach(e -> {
          if (!to.has(e.getKey())) {
            to.set(e.getKey(), e.getValue().deepCopy());
          }
        });
      }
    }

    @Override
    void validate(ObjectNode obj, FieldErrorList errs) {
      FieldPath limitsPath = FieldPath.of("spec", "limits");
      Set<String> types = new HashSet<>();
      Nodes.eachObject(spec(obj), "limits", (i, item) -> {
        FieldPath p = limitsPath.index(i);
        String type = Nodes.text(item, "type");
        List<String> msgs = Formats.qualifiedName(type);
        if (!msgs.isEmpty()) {
          errs.invalidEach(p.child("type"), type, msgs);
        } else if (type.indexOf('/') < 0 && !Set.of("Pod", "Container", "PersistentVolumeClaim").contains(type)) {
          errs.invalid(p.child("type"), type, "must be a standard limit type or fully qualified");
        }
        if (!types.add(type)) {
          errs.duplicate(p.child("type"), type);
        }
        boolean pod = type.equals("Pod");
        if (pod) {
          if (Nodes.size(item, "default") > 0) {
            errs.forbidden(p.child("default"), "may not be specified when `type` is 'Pod'");
          }
          if (Nodes.size(item, "defaultRequest") > 0) {
            errs.forbidden(p.child("defaultRequest"), "may not be specified when `type` is 'Pod'");
          }
        }
        Map<String, Map<String, Quantity>> lists = new HashMap<>();
        Set<String> keys = new LinkedHashSet<>();
        for (String l : LISTS) {
          Map<String, Quantity> parsed = new HashMap<>();
          lists.put(l, parsed);
          if (pod && (l.equals("default") || l.equals("defaultRequest"))) {
            continue;
          }
          JsonNode rl = Nodes.get(item, l);
          if (rl == null || !rl.isObject()) {
            continue;
          }
          rl.properties().forEach(e -> {
            FieldPath kp = p.child(l).key(e.getKey());
            if (pod || type.equals("Container")) {
              ResourceLists.validateContainerResourceName(e.getKey(), kp, errs);
            } else {
              ResourceLists.validateResourceName(e.getKey(), kp, errs);
            }
            keys.add(e.getKey());
            Quantity q = ResourceLists.parse(e.getValue(), kp, errs);
            if (q != null) {
              parsed.put(e.getKey(), q);
            }
          });
        }
        if (type.equals("PersistentVolumeClaim") && !lists.get("min").containsKey("storage")
            && !lists.get("max").containsKey("storage")) {
          errs.required(p.child("limits"), "either minimum or maximum storage value is required, but neither was provided");
        }
        for (String k : keys) {
          Quantity min = lists.get("min").get(k);
          Quantity max = lists.get("max").get(k);
          Quantity def = lists.get("default").get(k);
          Quantity defReq = lists.get("defaultRequest").get(k);
          Quantity ratio = lists.get("maxLimitRequestRatio").get(k);
          if (min != null && max != null && min.compareTo(max) > 0) {
            errs.invalid(p.child("min").key(k), min.toString(), "min value " + min + " is greater than max value " + max);
          }
          if (defReq != null && min != null && min.compareTo(defReq) > 0) {
            errs.invalid(p.child("defaultRequest").key(k), defReq.toString(),
                "min value " + min + " is greater than default request value " + defReq);
          }
          if (defReq != null && max != null && defReq.compareTo(max) > 0) {
            errs.invalid(p.child("defaultRequest").key(k), defReq.toString(),
                "default request value " + defReq + " is greater than max value " + max);
          }
          if (defReq != null && def != null && defReq.compareTo(def) > 0) {
            errs.invalid(p.child("defaultRequest").key(k), defReq.toString(),
                "default request value " + defReq + " is greater than default limit value " + def);
          }
          if (def != null && min != null && min.compareTo(def) > 0) {
            errs.invalid(p.child("default").key(k), min.toString(), "min value " + min + " is greater than default value " + def);
          }
          if (def != null && max != null && def.compareTo(max) > 0) {
            errs.invalid(p.child("default").key(k), max.toString(), "default value " + def + " is greater than max value " + max);
          }
          if (ratio != null && ratio.compareTo(Quantity.of(1)) < 0) {
            errs.invalid(p.child("maxLimitRequestRatio").key(k), ratio.toString(), "ratio " + ratio + " is less than 1");
          }
          if (!ResourceLists.overcommitAllowed(k) && def != null && defReq != null && def.compareTo(defReq) != 0) {
            errs.invalid(p.child("defaultRequest").key(k), defReq.toString(),
                "default value " + def + " must equal to defaultRequest value " + defReq + " in " + k);
          }
        }
      });
    }
  }

  /** ResourceQuota: quota resource names, quantities and scopes; status starts empty. */
  static final class ResourceQuotaStrategy extends AbstractKindStrategy {
    private static final Set<String> SCOPES = Set.of("Terminating", "NotTerminating", "BestEffort",
        "NotBestEffort", "PriorityClass", "CrossNamespacePodAffinity", "VolumeAttributesClass");
    private static final Set<String> POD_COMPUTE = Set.of("pods", "cpu", "memory", "limits.cpu", "limits.memory",
        "requests.cpu", "requests.memory");

    ResourceQuotaStrategy() {
      super(Scope.NAMESPACED, NameRule.DNS_SUBDOMAIN);
    }

    @Override
    public void applyDefaults(ObjectNode obj) {
      if (Nodes.get(obj, "spec") instanceof ObjectNode spec) {
        ResourceLists.defaultList(spec, "hard");
      }
      if (Nodes.get(obj, "status") instanceof ObjectNode status) {
        ResourceLists.defaultList(status, "hard");
        ResourceLists.defaultList(status, "used");
      }
    }

    @Override
    ObjectNode initialStatus() {
      return Nodes.FACTORY.objectNode();
    }

    @Override
    void validate(ObjectNode obj, FieldErrorList errs) {
      ObjectNode spec = spec(obj);
      validateList(Nodes.get(spec, "hard"), FieldPath.of("spec", "hard"), errs);
      JsonNode status = Nodes.get(obj, "status");
      validateList(Nodes.get(status, "hard"), FieldPath.of("status", "hard"), errs);
      validateList(Nodes.get(status, "used"), FieldPath.of("status", "used"), errs);
      Set<String> hard = new HashSet<>();
      Nodes.eachEntry(spec, "hard", (k, v) -> hard.add(k));
      JsonNode scopes = Nodes.get(spec, "scopes");
      FieldPath scopesPath = FieldPath.of("spec", "scopes");
      Set<String> seen = new HashSet<>();
      if (scopes != null && scopes.isArray()) {
        for (JsonNode s : scopes) {
          String scope = Nodes.text(s);
          if (!SCOPES.contains(scope)) {
            errs.invalid(scopesPath, scopes, "unsupported scope");
          }
          for (String k : hard.stream().sorted().toList()) {
            if (!validForScope(scope, k)) {
              errs.invalid(scopesPath, scopes, "unsupported scope applied to resource");
            }
          }
          seen.add(scope);
        }
        conflicting(seen, scopesPath, scopes, errs);
      }
      JsonNode selector = Nodes.get(spec, "scopeSelector");
      if (selector != null) {
        FieldPath ep = FieldPath.of("spec", "scopeSelector", "matchExpressions");
        Set<String> selected = new HashSet<>();
        Nodes.eachObject(selector, "matchExpressions", (i, req) -> {
          String scope = Nodes.text(req, "scopeName");
          String op = Nodes.text(req, "operator");
          if (!SCOPES.contains(scope)) {
            errs.invalid(ep.child("scopeName"), scope, "unsupported scope");
          }
          for (String k : hard.stream().sorted().toList()) {
            if (!validForScope(scope, k)) {
              errs.invalid(ep, selector, "unsupported scope applied to resource");
            }
          }
          if (Set.of("BestEffort", "NotBestEffort", "Terminating", "NotTerminating", "CrossNamespacePodAffinity")
              .contains(scope) && !op.equals("Exists")) {
            errs.invalid(ep.child("operator"), op, "must be 'Exists' when scope is any of "
                + "ResourceQuotaScopeTerminating, ResourceQuotaScopeNotTerminating, ResourceQuotaScopeBestEffort, "
                + "ResourceQuotaScopeNotBestEffort or ResourceQuotaScopeCrossNamespacePodAffinity");
          }
          int n = Nodes.size(req, "values");
          switch (op) {
            case "In", "NotIn" -> {
              if (n == 0) {
                errs.required(ep.child("values"), "must be at least one value when `operator` is 'In' or 'NotIn' for scope selector");
              }
            }
            case "Exists", "DoesNotExist" -> {
              if (n != 0) {
                errs.invalid(ep.child("values"), req.get("values"),
                    "must be no value when `operator` is 'Exist' or 'DoesNotExist' for scope selector");
              }
            }
            default -> errs.invalid(ep.child("operator"), op, "not a valid selector operator");
          }
          selected.add(scope);
        });
        conflicting(selected, ep, Nodes.orNull(Nodes.get(spec, "scopes")), errs);
      }
    }

    private static void conflicting(Set<String> scopes, FieldPath p, JsonNode value, FieldErrorList errs) {
      if ((scopes.contains("BestEffort") && scopes.contains("NotBestEffort"))
          || (scopes.contains("Terminating") && scopes.contains("NotTerminating"))) {
        errs.invalid(p, value, "conflicting scopes");
      }
    }

    private static boolean validForScope(String scope, String resource) {
      if (!ResourceLists.validateResourceNameQuiet(resource)) {
        return true;
      }
      return switch (scope) {
        case "BestEffort" -> resource.equals("pods");
        case "Terminating", "NotTerminating", "NotBestEffort", "PriorityClass", "CrossNamespacePodAffinity" ->
            POD_COMPUTE.contains(resource);
        default -> true;
      };
    }

    private static void validateList(JsonNode list, FieldPath path, FieldErrorList errs) {
      if (list == null || !list.isObject()) {
        return;
      }
      list.properties().forEach(e -> {
        FieldPath p = path.key(e.getKey());
        ResourceLists.validateQuotaResourceName(e.getKey(), p, errs);
        Quantity q = ResourceLists.parse(e.getValue(), p, errs);
        if (q != null) {
          ResourceLists.validateQuantityValue(e.getKey(), q, p, errs);
        }
      });
    }

    @Override
    void validateTransition(ObjectNode obj, ObjectNode old, FieldErrorList errs) {
      Set<String> scopes = new HashSet<>(ObjectMetaValidation.strings(Nodes.get(spec(obj), "scopes")));
      Set<String> oldScopes = new HashSet<>(ObjectMetaValidation.strings(Nodes.get(spec(old), "scopes")));
      if (!scopes.equals(oldScopes)) {
        errs.invalid(FieldPath.of("spec", "scopes"), Nodes.orNull(Nodes.get(spec(obj), "scopes")),
            ObjectMetaValidation.FIELD_IMMUTABLE);
      }
    }
  }

  /** PodTemplate: a pod template at {@code template}. */
  static final class PodTemplateStrategy extends AbstractKindStrategy {
    PodTemplateStrategy() {
      super(Scope.NAMESPACED, NameRule.DNS_SUBDOMAIN);
    }

    @Override
    public void applyDefaults(ObjectNode obj) {
      PodSpecs.applyTemplateDefaults(Nodes.objectOrCreate(obj, "template"));
    }

    @Override
    boolean tracksGeneration() {
      return true;
    }

    @Override
    JsonNode desiredState(ObjectNode obj) {
      return Nodes.get(obj, "template");
    }

    @Override
    void validate(ObjectNode obj, FieldErrorList errs) {
      PodSpecs.validateTemplate(Nodes.get(obj, "template"), FieldPath.of("template"), errs);
    }
  }

  /** Binding (pods/binding): the target must be a named Node. */
  static final class BindingStrategy extends AbstractKindStrategy {
    BindingStrategy() {
      super(Scope.NAMESPACED, NameRule.DNS_SUBDOMAIN);
    }

    @Override
    void validate(ObjectNode obj, FieldErrorList errs) {
      JsonNode target = Nodes.get(obj, "target");
      String kind = Nodes.text(target, "kind");
      if (!kind.isEmpty() && !kind.equals("Node")) {
        errs.notSupported(FieldPath.of("target", "kind"), kind, "Node", "<empty>");
      }
      if (Nodes.text(target, "name").isEmpty()) {
        errs.required(FieldPath.of("target", "name"), "");
      }
    }
  }
}
