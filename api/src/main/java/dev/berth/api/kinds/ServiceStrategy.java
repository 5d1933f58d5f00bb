package dev.berth.api.kinds;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.berth.api.validation.FieldErrorList;
import dev.berth.api.validation.FieldPath;
import dev.berth.api.validation.Formats;
import dev.berth.api.validation.LabelSelectors;
import dev.berth.api.validation.NameRule;
import dev.berth.api.validation.Nodes;
import dev.berth.api.validation.ObjectMetaValidation.Scope;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * core/v1 Service. IP and node port allocation belong to the caller (run it before {@link #validateCreate},
 * as upstream allocates before validating); this strategy keeps {@code clusterIP}/{@code clusterIPs} in
 * sync and carries allocated values over on updates that omit them.
 */
final class ServiceStrategy extends AbstractKindStrategy {

  static final int NODE_PORT_MIN = 30000;
  static final int NODE_PORT_MAX = 32767;

  ServiceStrategy() {
    super(Scope.NAMESPACED, NameRule.DNS1035_LABEL);
  }

  @Override
  public void applyDefaults(ObjectNode obj) {
    ObjectNode spec = Nodes.objectOrCreate(obj, "spec");
    Nodes.defaultText(spec, "sessionAffinity", "None");
    String affinity = Nodes.text(spec, "sessionAffinity");
    if (affinity.equals("None")) {
      spec.remove("sessionAffinityConfig");
    } else if (affinity.equals("ClientIP")
        && Nodes.get(Nodes.get(Nodes.get(spec, "sessionAffinityConfig"), "clientIP"), "timeoutSeconds") == null) {
      spec.putObject("sessionAffinityConfig").putObject("clientIP").put("timeoutSeconds", 10800);
    }
    Nodes.defaultText(spec, "type", "ClusterIP");
    String type = Nodes.text(spec, "type");
    Nodes.eachObject(spec, "ports", (i, port) -> {
      Nodes.defaultText(port, "protocol", "TCP");
      JsonNode target = port.get("targetPort");
      boolean unset = target == null || target.isNull() || (target.isTextual() && target.textValue().isEmpty())
          || (target.isNumber() && target.asLong() == 0);
      if (unset && port.has("port")) {
        port.set("targetPort", port.get("port"));
      }
    });
    if (externallyAccessible(spec)) {
      Nodes.defaultText(spec, "externalTrafficPolicy", "Cluster");
    }
    if (type.equals("NodePort") || type.equals("LoadBalancer") || type.equals("ClusterIP")) {
      Nodes.defaultText(spec, "internalTrafficPolicy", "Cluster");
    }
    if (type.equals("LoadBalancer")) {
      Nodes.defaultBool(spec, "allocateLoadBalancerNodePorts", true);
      JsonNode ingress = Nodes.get(Nodes.get(Nodes.get(obj, "status"), "loadBalancer"), "ingress");
      if (ingress != null && ingress.isArray()) {
        for (JsonNode ing : ingress) {
          if (ing instanceof ObjectNode o && !Nodes.text(o, "ip").isEmpty() && !Nodes.has(o, "ipMode")) {
            o.put("ipMode", "VIP");
          }
        }
      }
    }
  }

  private static boolean externallyAccessible(JsonNode spec) {
    String type = Nodes.text(spec, "type");
    return type.equals("LoadBalancer") || type.equals("NodePort")
        || (type.equals("ClusterIP") && Nodes.size(spec, "externalIPs") > 0);
  }

  private static boolean needsClusterIP(JsonNode spec) {
    return !Nodes.text(spec, "type").equals("ExternalName");
  }

  private static boolean needsNodePort(JsonNode spec) {
    String type = Nodes.text(spec, "type");
    return type.equals("NodePort") || type.equals("LoadBalancer");
  }

  private static boolean needsHealthCheck(JsonNode spec) {
    return Nodes.text(spec, "type").equals("LoadBalancer") && Nodes.text(spec, "externalTrafficPolicy").equals("Local");
  }

  private static boolean isHeadless(JsonNode spec) {
    JsonNode ips = Nodes.get(spec, "clusterIPs");
    return ips != null && ips.size() == 1 && Nodes.text(ips.get(0)).equals("None");
  }

  @Override
  ObjectNode initialStatus() {
    ObjectNode status = Nodes.FACTORY.objectNode();
    status.putObject("loadBalancer");
    return status;
  }

  @Override
  void prepareCreate(ObjectNode obj) {
    ObjectNode spec = Nodes.objectOrCreate(obj, "spec");
    String clusterIP = Nodes.text(spec, "clusterIP");
    int ips = Nodes.size(spec, "clusterIPs");
    if (!clusterIP.isEmpty() && ips == 0) {
      spec.putArray("clusterIPs").add(clusterIP);
    } else if (clusterIP.isEmpty() && ips > 0) {
      spec.put("clusterIP", Nodes.text(spec.get("clusterIPs").get(0)));
    }
  }

  @Override
  void prepareUpdate(ObjectNode obj, ObjectNode old) {
    ObjectNode spec = Nodes.objectOrCreate(obj, "spec");
    ObjectNode oldSpec = spec(old);
    // patchAllocatedValues: an update that omits allocated values keeps them
    if (needsClusterIP(oldSpec) && needsClusterIP(spec)) {
      if (Nodes.text(spec, "clusterIP").isEmpty() && Nodes.has(oldSpec, "clusterIP")) {
        spec.set("clusterIP", oldSpec.get("clusterIP").deepCopy());
      }
      if (Nodes.size(spec, "clusterIPs") == 0 && Nodes.size(oldSpec, "clusterIPs") > 0) {
        spec.set("clusterIPs", oldSpec.get("clusterIPs").deepCopy());
      }
      if (Nodes.size(spec, "ipFamilies") == 0 && Nodes.size(oldSpec, "ipFamilies") > 0) {
        spec.set("ipFamilies", oldSpec.get("ipFamilies").deepCopy());
      }
      if (!Nodes.has(spec, "ipFamilyPolicy") && Nodes.has(oldSpec, "ipFamilyPolicy")) {
        spec.set("ipFamilyPolicy", oldSpec.get("ipFamilyPolicy").deepCopy());
      }
    }
    if (needsNodePort(oldSpec) && needsNodePort(spec)) {
      Set<Long> oldUsed = nodePorts(oldSpec);
      Set<Long> used = new HashSet<>(nodePorts(spec));
      used.retainAll(oldUsed);
      Map<String, Long> byName = new HashMap<>();
      Nodes.eachObject(oldSpec, "ports", (i, p) -> byName.put(Nodes.text(p, "name"), Nodes.longValue(p, "nodePort", 0)));
      Nodes.eachObject(spec, "ports", (i, p) -> {
        if (Nodes.longValue(p, "nodePort", 0) == 0) {
          long oldVal = byName.getOrDefault(Nodes.text(p, "name"), 0L);
          if (oldVal != 0 && !used.contains(oldVal)) {
            p.put("nodePort", oldVal);
          }
        }
      });
    }
    if (needsHealthCheck(oldSpec) && needsHealthCheck(spec) && Nodes.longValue(spec, "healthCheckNodePort", 0) == 0
        && Nodes.has(oldSpec, "healthCheckNodePort")) {
      spec.set("healthCheckNodePort", oldSpec.get("healthCheckNodePort"));
    }
    // normalizeClusterIPs: follow whichever of the two linked fields the user changed
    String clusterIP = Nodes.text(spec, "clusterIP");
    String oldClusterIP = Nodes.text(oldSpec, "clusterIP");
    boolean ipsSame = Nodes.semanticEquals(spec.get("clusterIPs"), oldSpec.get("clusterIPs"));
    if (!clusterIP.equals(oldClusterIP) && ipsSame) {
      if (clusterIP.isEmpty()) {
        spec.remove("clusterIPs");
      } else {
        spec.putArray("clusterIPs").add(clusterIP);
      }
    } else if (clusterIP.equals(oldClusterIP) && !ipsSame) {
      if (Nodes.size(spec, "clusterIPs") == 0) {
        spec.remove("clusterIP");
      } else {
        spec.put("clusterIP", Nodes.text(spec.get("clusterIPs").get(0)));
      }
    }
  }

  private static Set<Long> nodePorts(JsonNode spec) {
    Set<Long> out = new HashSet<>();
    Nodes.eachObject(spec, "ports", (i, p) -> {
      long np = Nodes.longValue(p, "nodePort", 0);
      if (np != 0) {
        out.add(np);
      }
    });
    return out;
  }

  @Override
  void validate(ObjectNode obj, FieldErrorList errs) {
    ObjectNode meta = metadata(obj);
    ObjectNode spec = spec(obj);
    FieldPath specPath = FieldPath.of("spec");
    JsonNode annotations = Nodes.get(meta, "annotations");
    JsonNode hints = Nodes.get(annotations, "service.kubernetes.io/topology-aware-hints");
    JsonNode mode = Nodes.get(annotations, "service.kubernetes.io/topology-mode");
    if (hints != null && mode != null && !Nodes.text(hints).equals(Nodes.text(mode))) {
      errs.invalid(FieldPath.of("metadata", "annotations").key("service.kubernetes.io/topology-mode"),
          Nodes.text(mode), "must match annotations[service.kubernetes.io/topology-aware-hints] when both are specified");
    }
    String type = Nodes.text(spec, "type");
    boolean headless = isHeadless(spec);
    if (Nodes.size(spec, "ports") == 0 && !headless && !type.equals("ExternalName")) {
      errs.required(specPath.child("ports"), "");
    }
    switch (type) {
      case "LoadBalancer" -> {
        if (headless) {
          errs.invalid(specPath.child("clusterIPs").index(0), "None", "may not be set to 'None' for LoadBalancer services");
        }
      }
      case "NodePort" -> {
        if (headless) {
          errs.invalid(specPath.child("clusterIPs").index(0), "None", "may not be set to 'None' for NodePort services");
        }
      }
      case "ExternalName" -> {
        if (Nodes.size(spec, "clusterIPs") > 0) {
          errs.forbidden(specPath.child("clusterIPs"), "may not be set for ExternalName services");
        }
        if (Nodes.size(spec, "ipFamilies") > 0) {
          errs.forbidden(specPath.child("ipFamilies"), "may not be set for ExternalName services");
        }
        if (Nodes.has(spec, "ipFamilyPolicy")) {
          errs.forbidden(specPath.child("ipFamilyPolicy"), "may not be set for ExternalName services");
        }
        String cname = Nodes.text(spec, "externalName");
        if (cname.endsWith(".")) {
          cname = cname.substring(0, cname.length() - 1);
        }
        if (!cname.isEmpty()) {
          errs.invalidEach(specPath.child("externalName"), cname, Formats.dns1123Subdomain(cname));
        } else {
          errs.required(specPath.child("externalName"), "");
        }
      }
      default -> { }
    }
    Set<String> portNames = new HashSet<>();
    int portCount = Nodes.size(spec, "ports");
    FieldPath portsPath = specPath.child("ports");
    Nodes.eachObject(spec, "ports", (i, port) -> validatePort(port, portCount > 1, portNames, portsPath.index(i), errs));
    JsonNode selector = Nodes.get(spec, "selector");
    if (selector != null) {
      LabelSelectors.validateLabels(selector, specPath.child("selector"), errs);
    }
    String affinity = Nodes.text(spec, "sessionAffinity");
    if (affinity.isEmpty()) {
      errs.required(specPath.child("sessionAffinity"), "");
    } else if (!affinity.equals("ClientIP") && !affinity.equals("None")) {
      errs.notSupported(specPath.child("sessionAffinity"), affinity, "ClientIP", "None");
    }
    FieldPath sac = specPath.child("sessionAffinityConfig");
    JsonNode config = Nodes.get(spec, "sessionAffinityConfig");
    if (affinity.equals("ClientIP")) {
      JsonNode clientIP = Nodes.get(config, "clientIP");
      JsonNode timeout = Nodes.get(clientIP, "timeoutSeconds");
      if (config == null) {
        errs.required(sac, "when session affinity type is ClientIP");
      } else if (clientIP == null) {
        errs.required(sac.child("clientIP"), "when session affinity type is ClientIP");
      } else if (timeout == null) {
        errs.required(sac.child("clientIP", "timeoutSeconds"), "when session affinity type is ClientIP");
      } else if (timeout.asLong() <= 0 || timeout.asLong() > 86400) {
        errs.invalid(sac.child("clientIP", "timeoutSeconds"), timeout, "must be greater than 0 and less than 86400");
      }
    } else if (affinity.equals("None") && config != null) {
      errs.forbidden(sac, "must not be set when session affinity is None");
    }
    validateClusterIPs(spec, errs);
    FieldPath eip = specPath.child("externalIPs");
    JsonNode externalIPs = Nodes.get(spec, "externalIPs");
    if (externalIPs != null && externalIPs.isArray()) {
      for (int i = 0; i < externalIPs.size(); i++) {
        String ip = Nodes.text(externalIPs.get(i));
        List<String> msgs = Formats.ip(ip);
        if (!msgs.isEmpty()) {
          errs.invalidEach(eip.index(i), ip, msgs);
        } else {
          validateNonSpecialIp(ip, eip.index(i), errs);
        }
      }
    }
    if (type.isEmpty()) {
      errs.required(specPath.child("type"), "");
    } else if (!Set.of("ClusterIP", "NodePort", "LoadBalancer", "ExternalName").contains(type)) {
      errs.notSupported(specPath.child("type"), type, "ClusterIP", "ExternalName", "LoadBalancer", "NodePort");
    }
    if (type.equals("ClusterIP")) {
      Nodes.eachObject(spec, "ports", (i, port) -> {
        if (Nodes.longValue(port, "nodePort", 0) != 0) {
          errs.forbidden(portsPath.index(i).child("nodePort"), "may not be used when `type` is 'ClusterIP'");
        }
      });
    }
    Set<String> nodePortKeys = new HashSet<>();
    Set<String> portKeys = new HashSet<>();
    Nodes.eachObject(spec, "ports", (i, port) -> {
      long np = Nodes.longValue(port, "nodePort", 0);
      String proto = Nodes.text(port, "protocol");
      if (np != 0) {
        if (!nodePortKeys.add(proto + "/" + np)) {
          errs.duplicate(portsPath.index(i).child("nodePort"), Nodes.FACTORY.numberNode(np));
        }
        if (np < NODE_PORT_MIN || np > NODE_PORT_MAX) {
          errs.invalid(portsPath.index(i).child("nodePort"), np, "provided port is not in the valid range. "
              + "The range of valid ports is " + NODE_PORT_MIN + "-" + NODE_PORT_MAX);
        }
      }
      long p = Nodes.longValue(port, "port", 0);
      if (!portKeys.add(proto + "/" + p)) {
        ObjectNode key = Nodes.FACTORY.objectNode();
        key.put("protocol", proto);
        key.put("port", p);
        errs.duplicate(portsPath.index(i), key);
      }
    });
    JsonNode ranges = Nodes.get(spec, "loadBalancerSourceRanges");
    FieldPath lbsr = specPath.child("LoadBalancerSourceRanges");
    if (ranges != null && ranges.isArray() && !ranges.isEmpty()) {
      if (!type.equals("LoadBalancer")) {
        errs.forbidden(lbsr, "may only be used when `type` is 'LoadBalancer'");
      }
      for (int i = 0; i < ranges.size(); i++) {
        String cidr = Nodes.text(ranges.get(i)).strip();
        errs.invalidEach(lbsr.index(i), cidr, Formats.cidr(cidr));
      }
    }
    if (Nodes.has(spec, "allocateLoadBalancerNodePorts") && !type.equals("LoadBalancer")) {
      errs.forbidden(specPath.child("allocateLoadBalancerNodePorts"), "may only be used when `type` is 'LoadBalancer'");
    }
    if (type.equals("LoadBalancer") && !Nodes.has(spec, "allocateLoadBalancerNodePorts")) {
      errs.required(FieldPath.of("allocateLoadBalancerNodePorts"), "");
    }
    JsonNode lbClass = Nodes.get(spec, "loadBalancerClass");
    if (lbClass != null) {
      if (type.equals("LoadBalancer")) {
        errs.invalidEach(specPath.child("loadBalancerClass"), Nodes.text(lbClass),
            Formats.qualifiedName(Nodes.text(lbClass)));
      } else {
        errs.forbidden(specPath.child("loadBalancerClass"), "may only be used when `type` is 'LoadBalancer'");
      }
    }
    String etp = Nodes.text(spec, "externalTrafficPolicy");
    if (!externallyAccessible(spec)) {
      if (!etp.isEmpty()) {
        errs.invalid(specPath.child("externalTrafficPolicy"), etp, "may only be set for externally-accessible services");
      }
    } else if (etp.isEmpty()) {
      errs.required(specPath.child("externalTrafficPolicy"), "");
    } else if (!etp.equals("Cluster") && !etp.equals("Local")) {
      errs.notSupported(specPath.child("externalTrafficPolicy"), etp, "Cluster", "Local");
    }
    long hc = Nodes.longValue(spec, "healthCheckNodePort", 0);
    if (!needsHealthCheck(spec)) {
      if (hc != 0) {
        errs.invalid(specPath.child("healthCheckNodePort"), hc,
            "may only be set when `type` is 'LoadBalancer' and `externalTrafficPolicy` is 'Local'");
      }
    } else if (hc == 0) {
      errs.required(specPath.child("healthCheckNodePort"), "");
    } else {
      Formats.portNumber(hc).forEach(m -> errs.invalid(specPath.child("healthCheckNodePort"), hc, m));
    }
    JsonNode itp = Nodes.get(spec, "internalTrafficPolicy");
    if (itp == null) {
      if (Set.of("NodePort", "LoadBalancer", "ClusterIP").contains(type)) {
        errs.required(specPath.child("internalTrafficPolicy"), "");
      }
    } else if (!Nodes.text(itp).equals("Cluster") && !Nodes.text(itp).equals("Local")) {
      errs.notSupported(specPath.child("internalTrafficPolicy"), Nodes.text(itp), "Cluster", "Local");
    }
    JsonNode td = Nodes.get(spec, "trafficDistribution");
    if (td != null && !Nodes.text(td).equals("PreferClose")) {
      errs.notSupported(specPath.child("trafficDistribution"), Nodes.text(td), "PreferClose");
    }
  }

  private static void validatePort(ObjectNode port, boolean requireName, Set<String> names, FieldPath p,
      FieldErrorList errs) {
    String name = Nodes.text(port, "name");
    if (requireName && name.isEmpty()) {
      errs.required(p.child("name"), "");
    } else if (!name.isEmpty()) {
      errs.invalidEach(p.child("name"), name, Formats.dns1123Label(name));
      if (!names.add(name)) {
        errs.duplicate(p.child("name"), name);
      }
    }
    long portNum = Nodes.longValue(port, "port", 0);
    Formats.portNumber(portNum).forEach(m -> errs.invalid(p.child("port"), portNum, m));
    String proto = Nodes.text(port, "protocol");
    if (proto.isEmpty()) {
      errs.required(p.child("protocol"), "");
    } else if (!Set.of("TCP", "UDP", "SCTP").contains(proto)) {
      errs.notSupported(p.child("protocol"), proto, "SCTP", "TCP", "UDP");
    }
    PodSpecs.validatePortNumOrName(Nodes.get(port, "targetPort"), p.child("targetPort"), errs);
    JsonNode appProtocol = Nodes.get(port, "appProtocol");
    if (appProtocol != null) {
      errs.invalidEach(p.child("appProtocol"), Nodes.text(appProtocol), Formats.qualifiedName(Nodes.text(appProtocol)));
    }
  }

  /** ValidateNonSpecialIP: no unspecified, loopback or link-local addresses. */
  static void validateNonSpecialIp(String ip, FieldPath p, FieldErrorList errs) {
    byte[] b = Formats.parseIp(ip);
    if (b == null) {
      errs.invalid(p, ip, "must be a valid IP address");
      return;
    }
    boolean v4 = b.length == 4 || isV4Mapped(b);
    int o = b.length == 4 ? 0 : 12;
    boolean allZero = true;
    for (byte x : b) {
      allZero &= x == 0;
    }
    if (allZero || (v4 && b[o] == 0 && b[o + 1] == 0 && b[o + 2] == 0 && b[o + 3] == 0)) {
      errs.invalid(p, ip, "may not be unspecified (" + ip + ")");
    }
    boolean loopback = v4 ? (b[o] & 0xff) == 127 : isV6Loopback(b);
    if (loopback) {
      errs.invalid(p, ip, "may not be in the loopback range (127.0.0.0/8, ::1/128)");
    }
    boolean linkLocal = v4 ? (b[o] & 0xff) == 169 && (b[o + 1] & 0xff) == 254
        : (b[0] & 0xff) == 0xfe && (b[1] & 0xc0) == 0x80;
    if (linkLocal) {
      errs.invalid(p, ip, "may not be in the link-local range (169.254.0.0/16, fe80::/10)");
    }
    boolean linkLocalMulticast = v4 ? (b[o] & 0xff) == 224 && b[o + 1] == 0 && b[o + 2] == 0
        : (b[0] & 0xff) == 0xff && (b[1] & 0x0f) == 0x02;
    if (linkLocalMulticast) {
      errs.invalid(p, ip, "may not be in the link-local multicast range (224.0.0.0/24, ff02::/10)");
    }
  }

  private static boolean isV4Mapped(byte[] b) {
    for (int i = 0; i < 10; i++) {
      if (b[i] != 0) {
        return false;
      }
    }
    return b[10] == (byte) 0xff && b[11] == (byte) 0xff;
  }

  private static boolean isV6Loopback(byte[] b) {
    for (int i = 0; i < 15; i++) {
      if (b[i] != 0) {
        return false;
      }
    }
    return b[15] == 1;
  }

  private static void validateClusterIPs(ObjectNode spec, FieldErrorList errs) {
    if (Nodes.text(spec, "type").equals("ExternalName")) {
      return;
    }
    FieldPath specPath = FieldPath.of("spec");
    FieldPath ipsPath = specPath.child("clusterIPs");
    String clusterIP = Nodes.text(spec, "clusterIP");
    JsonNode ips = Nodes.get(spec, "clusterIPs");
    int n = ips == null ? 0 : ips.size();
    if (!clusterIP.isEmpty()) {
      if (n == 0) {
        errs.required(ipsPath, "");
      } else if (!Nodes.text(ips.get(0)).equals(clusterIP)) {
        errs.invalid(ipsPath, ips, "first value must match `clusterIP`");
      }
    } else if (n != 0) {
      errs.invalid(ipsPath, ips, "must be empty when `clusterIP` is not specified");
    }
    Set<String> families = new HashSet<>();
    JsonNode fam = Nodes.get(spec, "ipFamilies");
    if (fam != null && fam.isArray()) {
      for (int i = 0; i < fam.size(); i++) {
        String f = Nodes.text(fam.get(i));
        if (!f.equals("IPv4") && !f.equals("IPv6")) {
          errs.notSupported(specPath.child("ipFamilies").index(i), f, "IPv4", "IPv6");
        }
        if (!families.add(f)) {
          errs.duplicate(specPath.child("ipFamilies").index(i), f);
        }
      }
    }
    JsonNode policy = Nodes.get(spec, "ipFamilyPolicy");
    if (policy != null && !Set.of("SingleStack", "PreferDualStack", "RequireDualStack").contains(Nodes.text(policy))) {
      errs.notSupported(specPath.child("ipFamilyPolicy"), Nodes.text(policy), "PreferDualStack", "RequireDualStack",
          "SingleStack");
    }
    boolean invalid = false;
    for (int i = 0; i < n; i++) {
      String ip = Nodes.text(ips.get(i));
      if (i == 0 && ip.equals("None")) {
        if (n > 1) {
          invalid = true;
          errs.invalid(ipsPath, ips, "'None' must be the first and only value");
        }
        continue;
      }
      List<String> msgs = Formats.ip(ip);
      invalid |= !msgs.isEmpty();
      errs.invalidEach(ipsPath.index(i), ip, msgs);
    }
    if (n > 2) {
      errs.invalid(ipsPath, ips, "may only hold up to 2 values");
    }
    if (invalid) {
      return;
    }
    if (n > 1) {
      boolean v6a = Formats.parseIp(Nodes.text(ips.get(0))).length == 16;
      boolean v6b = Formats.parseIp(Nodes.text(ips.get(1))).length == 16;
      if (v6a == v6b || n > 2) {
        errs.invalid(ipsPath, ips, "may specify no more than one IP for each IP family");
      }
    }
    if (!isHeadless(spec) && n > 0 && fam != null) {
      for (int i = 0; i < n && i < fam.size(); i++) {
        String ip = Nodes.text(ips.get(i));
        boolean v6 = ip.contains(":");
        String f = Nodes.text(fam.get(i));
        if (f.equals("IPv4") && v6) {
          errs.invalid(ipsPath.index(i), ip, "expected an IPv4 value as indicated by `ipFamilies[" + i + "]`");
        }
        if (f.equals("IPv6") && !v6) {
          errs.invalid(ipsPath.index(i), ip, "expected an IPv6 value as indicated by `ipFamilies[" + i + "]`");
        }
      }
    }
  }

  @Override
  void validateTransition(ObjectNode obj, ObjectNode old, FieldErrorList errs) {
    ObjectNode spec = spec(obj);
    ObjectNode oldSpec = spec(old);
    if (Nodes.text(spec, "type").equals("ExternalName") || Nodes.text(oldSpec, "type").equals("ExternalName")) {
      return;
    }
    FieldPath ipsPath = FieldPath.of("spec", "clusterIPs");
    boolean newHeadless = isHeadless(spec);
    boolean oldHeadless = isHeadless(oldSpec);
    List<String> ips = strings(spec.get("clusterIPs"));
    List<String> oldIps = strings(oldSpec.get("clusterIPs"));
    JsonNode ipsValue = Nodes.orNull(spec.get("clusterIPs"));
    if (!(oldHeadless && newHeadless)) {
      if (oldIps.size() == ips.size()) {
        for (int i = 0; i < oldIps.size(); i++) {
          if (!oldIps.get(i).equals(ips.get(i))) {
            errs.invalid(ipsPath.index(i), ipsValue, "may not change once set");
          }
        }
      } else if (oldIps.size() > ips.size()) {
        if (ips.isEmpty()) {
          errs.invalid(ipsPath.index(0), ipsValue, "primary clusterIP can not be unset");
        } else if (!ips.get(0).equals(oldIps.get(0))) {
          errs.invalid(ipsPath.index(0), ipsValue, "may not change once set");
        }
        if (ips.size() == 1 && !Nodes.text(spec, "ipFamilyPolicy").equals("SingleStack")) {
          errs.invalid(FieldPath.of("spec", "ipFamilyPolicy"), Nodes.orNull(spec.get("ipFamilyPolicy")),
              "must be set to 'SingleStack' when releasing the secondary clusterIP");
        }
      } else if (!oldIps.isEmpty() && !ips.get(0).equals(oldIps.get(0))) {
        errs.invalid(ipsPath.index(0), ipsValue, "may not change once set");
      }
    }
    if (newHeadless == oldHeadless && !newHeadless) {
      List<String> fam = strings(spec.get("ipFamilies"));
      List<String> oldFam = strings(oldSpec.get("ipFamilies"));
      FieldPath famPath = FieldPath.of("spec", "ipFamilies").index(0);
      JsonNode famValue = Nodes.orNull(spec.get("ipFamilies"));
      if (fam.size() == oldFam.size()) {
        for (int i = 0; i < fam.size(); i++) {
          if (!fam.get(i).equals(oldFam.get(i))) {
            errs.invalid(famPath, famValue, "may not change once set");
          }
        }
      } else if (oldFam.size() > fam.size()) {
        if (ips.isEmpty()) {
          errs.invalid(famPath, famValue, "primary ipFamily can not be unset");
        }
        if (!fam.isEmpty() && !fam.get(0).equals(oldFam.get(0))) {
          errs.invalid(famPath, ipsValue, "may not change once set");
        }
        if (fam.size() == 1 && !Nodes.text(spec, "ipFamilyPolicy").equals("SingleStack")) {
          errs.invalid(FieldPath.of("spec", "ipFamilyPolicy"), Nodes.orNull(spec.get("ipFamilyPolicy")),
              "must be set to 'SingleStack' when releasing the secondary ipFamily");
        }
      } else if (!oldFam.isEmpty() && !fam.isEmpty() && !fam.get(0).equals(oldFam.get(0))) {
        errs.invalid(famPath, ipsValue, "may not change once set");
      }
    }
    if (Nodes.text(spec, "type").equals("LoadBalancer") && Nodes.text(oldSpec, "type").equals("LoadBalancer")
        && !Nodes.semanticEquals(spec.get("loadBalancerClass"), oldSpec.get("loadBalancerClass"))) {
      errs.invalid(FieldPath.of("spec", "loadBalancerClass"), Nodes.orNull(spec.get("loadBalancerClass")),
          "may not change once set");
    }
    if (needsHealthCheck(oldSpec) && needsHealthCheck(spec)
        && Nodes.longValue(spec, "healthCheckNodePort", 0) != Nodes.longValue(oldSpec, "healthCheckNodePort", 0)) {
      errs.forbidden(FieldPath.of("spec", "healthCheckNodePort"), "field is immutable");
    }
  }

  private static List<String> strings(JsonNode array) {
    List<String> out = new java.util.ArrayList<>();
    if (array instanceof ArrayNode a) {
      a.forEach(n -> out.add(Nodes.text(n)));
    }
    return out;
  }
}
