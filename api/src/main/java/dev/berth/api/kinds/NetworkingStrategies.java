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
import dev.berth.api.validation.ObjectMetaValidation;
import dev.berth.api.validation.ObjectMetaValidation.Scope;
import java.math.BigInteger;
import java.util.List;
import java.util.Set;

/** networking.k8s.io/v1: NetworkPolicy, Ingress, IngressClass. */
final class NetworkingStrategies {

  private NetworkingStrategies() {}

  /** NetworkPolicy. */
  static final class NetworkPolicyStrategy extends AbstractKindStrategy {
    NetworkPolicyStrategy() {
      super(Scope.NAMESPACED, NameRule.DNS_SUBDOMAIN);
    }

    @Override
    public void applyDefaults(ObjectNode obj) {
      ObjectNode spec = Nodes.objectOrCreate(obj, "spec");
      Nodes.objectOrCreate(spec, "podSelector");
      for (String dir : List.of("ingress", "egress")) {
        Nodes.eachObject(spec, dir, (i, rule) -> Nodes.eachObject(rule, "ports",
            (j, port) -> Nodes.defaultText(port, "protocol", "TCP")));
      }
      if (Nodes.size(spec, "policyTypes") == 0) {
        ArrayNode types = spec.putArray("policyTypes").add("Ingress");
        if (Nodes.size(spec, "egress") > 0) {
          types.add("Egress");
        }
      }
    }

    @Override
    boolean tracksGeneration() {
      return true;
    }

    @Override
    void validate(ObjectNode obj, FieldErrorList errs) {
      ObjectNode spec = spec(obj);
      FieldPath sp = FieldPath.of("spec");
      LabelSelectors.validate(Nodes.get(spec, "podSelector"), sp.child("podSelector"), errs);
      for (String dir : List.of("ingress", "egress")) {
        String peers = dir.equals("ingress") ? "from" : "to";
        FieldPath dp = sp.child(dir);
        Nodes.eachObject(spec, dir, (i, rule) -> {
          Nodes.eachObject(rule, "ports", (j, port) -> validatePort(port, dp.index(i).child("ports").index(j), errs));
          Nodes.eachObject(rule, peers, (j, peer) -> validatePeer(peer, dp.index(i).child(peers).index(j), errs));
        });
      }
      JsonNode types = Nodes.get(spec, "policyTypes");
      if (types != null && types.isArray()) {
        if (types.size() > 2) {
          errs.invalid(sp.child("policyTypes"), types, "may not specify more than two policyTypes");
          return;
        }
        for (int i = 0; i < types.size(); i++) {
          String t = Nodes.text(types.get(i));
          if (!t.equals("Ingress") && !t.equals("Egress")) {
            errs.notSupported(sp.child("policyTypes").index(i), t, "Ingress", "Egress");
          }
        }
      }
    }

    private static void validatePort(JsonNode port, FieldPath p, FieldErrorList errs) {
      JsonNode protocol = Nodes.get(port, "protocol");
      if (protocol != null && !Set.of("TCP", "UDP", "SCTP").contains(Nodes.text(protocol))) {
        errs.notSupported(p.child("protocol"), Nodes.text(protocol), "TCP", "UDP", "SCTP");
      }
      JsonNode portValue = Nodes.get(port, "port");
      JsonNode endPort = Nodes.get(port, "endPort");
      if (portValue != null) {
        if (portValue.isNumber()) {
          long v = portValue.asLong();
          Formats.portNumber(v).forEach(m -> errs.invalid(p.child("port"), v, m));
          if (endPort != null) {
            if (endPort.asLong() < v) {
              errs.invalid(p.child("endPort"), v, "must be greater than or equal to `port`");
            }
            Formats.portNumber(endPort.asLong()).forEach(m -> errs.invalid(p.child("endPort"), endPort.asLong(), m));
          }
        } else {
          if (endPort != null) {
            errs.invalid(p.child("endPort"), endPort.asLong(), "may not be specified when `port` is non-numeric");
          }
          errs.invalidEach(p.child("port"), Nodes.text(portValue), Formats.portName(Nodes.text(portValue)));
        }
      } else if (endPort != null) {
        errs.invalid(p.child("endPort"), endPort.asLong(), "may not be specified when `port` is not specified");
      }
    }

    private static void validatePeer(JsonNode peer, FieldPath p, FieldErrorList errs) {
      int n = 0;
      for (String sel : List.of("podSelector", "namespaceSelector")) {
        JsonNode s = Nodes.get(peer, sel);
        if (s != null) {
          n++;
          LabelSelectors.validate(s, p.child(sel), errs);
        }
      }
      JsonNode ipBlock = Nodes.get(peer, "ipBlock");
      if (ipBlock != null) {
        n++;
        validateIpBlock(ipBlock, p.child("ipBlock"), errs);
      }
      if (n == 0) {
        errs.required(p, "must specify a peer");
      } else if (n > 1 && ipBlock != null) {
        errs.forbidden(p, "may not specify both ipBlock and another peer");
      }
    }

    private static void validateIpBlock(JsonNode block, FieldPath p, FieldErrorList errs) {
      String cidrText = Nodes.text(block, "cidr");
      if (cidrText.isEmpty()) {
        errs.required(p.child("cidr"), "");
        return;
      }
      Formats.Cidr cidr = Formats.parseCidr(cidrText);
      if (cidr == null) {
        errs.invalidEach(p.child("cidr"), cidrText, Formats.cidr(cidrText));
        return;
      }
      JsonNode except = Nodes.get(block, "except");
      if (except == null || !except.isArray()) {
        return;
      }
      for (int i = 0; i < except.size(); i++) {
        String e = Nodes.text(except.get(i));
        FieldPath ep = p.child("except").index(i);
        Formats.Cidr ec = Formats.parseCidr(e);
        if (ec == null) {
          errs.invalidEach(ep, e, Formats.cidr(e));
        } else if (ec.address().length != cidr.address().length || !contains(cidr, ec.address())
            || cidr.prefixLength() >= ec.prefixLength()) {
          errs.invalid(ep, e, "must be a strict subset of `cidr`");
        }
      }
    }

    private static boolean contains(Formats.Cidr cidr, byte[] ip) {
      int bits = cidr.address().length * 8;
      BigInteger mask = BigInteger.ONE.shiftLeft(bits).subtract(BigInteger.ONE)
          .shiftRight(cidr.prefixLength()).not().and(BigInteger.ONE.shiftLeft(bits).subtract(BigInteger.ONE));
      return new BigInteger(1, cidr.address()).and(mask).equals(new BigInteger(1, ip).and(mask));
    }
  }

  /** Ingress. */
  static final class IngressStrategy extends AbstractKindStrategy {
    IngressStrategy() {
      super(Scope.NAMESPACED, NameRule.DNS_SUBDOMAIN);
    }

    @Override
    ObjectNode initialStatus() {
      ObjectNode s = Nodes.FACTORY.objectNode();
      s.putObject("loadBalancer");
      return s;
    }

    @Override
    boolean tracksGeneration() {
      return true;
    }

    @Override
    void validate(ObjectNode obj, FieldErrorList errs) {
      ObjectNode spec = spec(obj);
      FieldPath sp = FieldPath.of("spec");
      JsonNode defaultBackend = Nodes.get(spec, "defaultBackend");
      if (Nodes.size(spec, "rules") == 0 && defaultBackend == null) {
        errs.invalid(sp, Nodes.orNull(Nodes.get(spec, "rules")), "either `defaultBackend` or `rules` must be specified");
      }
      if (defaultBackend != null) {
        validateBackend(defaultBackend, sp.child("defaultBackend"), errs);
      }
      FieldPath rp = sp.child("rules");
      Nodes.eachObject(spec, "rules", (i, rule) -> {
        String host = Nodes.text(rule, "host");
        if (!host.isEmpty()) {
          validateHost(host, rp.index(i).child("host"), errs);
        }
        JsonNode http = Nodes.get(rule, "http");
        if (http != null) {
          FieldPath pp = rp.index(i).child("http", "paths");
          if (Nodes.size(http, "paths") == 0) {
            errs.required(pp, "");
          }
          Nodes.eachObject(http, "paths", (j, path) -> validatePath(path, pp.index(j), errs));
        }
      });
      FieldPath tp = sp.child("tls");
      Nodes.eachObject(spec, "tls", (i, tls) -> {
        JsonNode hosts = Nodes.get(tls, "hosts");
        if (hosts != null && hosts.isArray()) {
          for (int j = 0; j < hosts.size(); j++) {
            String h = Nodes.text(hosts.get(j));
            FieldPath hp = tp.index(i).child("hosts").index(j);
            errs.invalidEach(hp, h, h.contains("*") ? Formats.wildcardDns1123Subdomain(h) : Formats.dns1123Subdomain(h));
          }
        }
        String secret = Nodes.text(tls, "secretName");
        if (!secret.isEmpty()) {
          errs.invalidEach(tp.index(i).child("secretName"), secret, NameRule.DNS_SUBDOMAIN.check(secret, false));
        }
      });
      JsonNode className = Nodes.get(spec, "ingressClassName");
      if (className != null) {
        String c = Nodes.text(className);
        errs.invalidEach(sp.child("ingressClassName"), c, NameRule.DNS_SUBDOMAIN.check(c, false));
      }
    }

    private static void validateHost(String host, FieldPath p, FieldErrorList errs) {
      if (Formats.parseIp(host) != null) {
        errs.invalid(p, host, "must be a DNS name, not an IP address");
      }
      errs.invalidEach(p, host, host.contains("*") ? Formats.wildcardDns1123Subdomain(host) : Formats.dns1123Subdomain(host));
    }

    private static void validatePath(JsonNode path, FieldPath p, FieldErrorList errs) {
      JsonNode type = Nodes.get(path, "pathType");
      String value = Nodes.text(path, "path");
      if (type == null) {
        errs.required(p.child("pathType"), "pathType must be specified");
        return;
      }
      switch (Nodes.text(type)) {
        case "Exact", "Prefix" -> {
          if (!value.startsWith("/")) {
            errs.invalid(p.child("path"), value, "must be an absolute path");
          }
          if (!value.isEmpty()) {
            for (String seq : List.of("//", "/./", "/../", "%2f", "%2F")) {
              if (value.contains(seq)) {
                errs.invalid(p.child("path"), value, "must not contain '" + seq + "'");
              }
            }
            for (String suffix : List.of("/..", "/.")) {
              if (value.endsWith(suffix)) {
                errs.invalid(p.child("path"), value, "cannot end with '" + suffix + "'");
              }
            }
          }
        }
        case "ImplementationSpecific" -> {
          if (!value.isEmpty() && !value.startsWith("/")) {
            errs.invalid(p.child("path"), value, "must be an absolute path");
          }
        }
        default -> errs.notSupported(p.child("pathType"), Nodes.text(type), "Exact", "ImplementationSpecific", "Prefix");
      }
      validateBackend(Nodes.get(path, "backend"), p.child("backend"), errs);
    }

    private static void validateBackend(JsonNode backend, FieldPath p, FieldErrorList errs) {
      JsonNode resource = Nodes.get(backend, "resource");
      JsonNode service = Nodes.get(backend, "service");
      if (resource != null && service != null) {
        errs.invalid(p, "", "cannot set both resource and service backends");
      } else if (resource != null) {
        validateTypedReference(resource, p.child("resource"), errs);
      } else if (service != null) {
        String name = Nodes.text(service, "name");
        if (name.isEmpty()) {
          errs.required(p.child("service", "name"), "");
        } else {
          errs.invalidEach(p.child("service", "name"), name, NameRule.DNS1035_LABEL.check(name, false));
        }
        JsonNode port = Nodes.get(service, "port");
        String portName = Nodes.text(port, "name");
        long portNumber = Nodes.longValue(port, "number", 0);
        if (!portName.isEmpty() && portNumber != 0) {
          errs.invalid(p, "", "cannot set both port name & port number");
        } else if (!portName.isEmpty()) {
          errs.invalidEach(p.child("service", "port", "name"), portName, Formats.portName(portName));
        } else if (portNumber != 0) {
          Formats.portNumber(portNumber).forEach(m -> errs.invalid(p.child("service", "port", "number"), portNumber, m));
        } else {
          errs.required(p, "port name or number is required");
        }
      } else {
        errs.invalid(p, "", "resource or service backend is required");
      }
    }

    static void validateTypedReference(JsonNode ref, FieldPath p, FieldErrorList errs) {
      JsonNode group = Nodes.get(ref, "apiGroup");
      if (group != null) {
        errs.invalidEach(p.child("apiGroup"), Nodes.text(group), Formats.dns1123Subdomain(Nodes.text(group)));
      }
      String kind = Nodes.text(ref, "kind");
      if (kind.isEmpty()) {
        errs.required(p.child("kind"), "");
      } else {
        errs.invalidEach(p.child("kind"), kind, Formats.pathSegmentName(kind));
      }
      String name = Nodes.text(ref, "name");
      if (name.isEmpty()) {
        errs.required(p.child("name"), "");
      } else {
        errs.invalidEach(p.child("name"), name, Formats.pathSegmentName(name));
      }
    }
  }

  /** IngressClass: cluster-scoped, an immutable controller name, optional parameters reference. */
  static final class IngressClassStrategy extends AbstractKindStrategy {
    IngressClassStrategy() {
      super(Scope.CLUSTER, NameRule.DNS_SUBDOMAIN);
    }

    @Override
    public void applyDefaults(ObjectNode obj) {
      if (Nodes.get(Nodes.get(obj, "spec"), "parameters") instanceof ObjectNode params) {
        Nodes.defaultText(params, "scope", "Cluster");
      }
    }

    @Override
    boolean tracksGeneration() {
      return true;
    }

    @Override
    void validate(ObjectNode obj, FieldErrorList errs) {
      ObjectNode spec = spec(obj);
      FieldPath sp = FieldPath.of("spec");
      String controller = Nodes.text(spec, "controller");
      FieldPath cp = sp.child("controller");
      if (controller.isEmpty()) {
        errs.required(cp, "");
      } else {
        for (String[] e : Formats.domainPrefixedPath(controller)) {
          errs.invalid(cp, e[0], e[1]);
        }
        if (controller.length() > 250) {
          errs.tooLong(cp, 250);
        }
      }
      JsonNode params = Nodes.get(spec, "parameters");
      if (params != null) {
        FieldPath pp = sp.child("parameters");
        validateTypedParameters(params, pp, errs);
        JsonNode scope = Nodes.get(params, "scope");
        String namespace = Nodes.text(params, "namespace");
        if (scope == null) {
          errs.required(pp.child("scope"), "");
        } else {
          switch (Nodes.text(scope)) {
            case "Cluster" -> {
              if (Nodes.has(params, "namespace")) {
                errs.forbidden(pp.child("namespace"), "`parameters.scope` is set to 'Cluster'");
              }
            }
            case "Namespace" -> {
              if (!Nodes.has(params, "namespace")) {
                errs.required(pp.child("namespace"), "`parameters.scope` is set to 'Namespace'");
              } else {
                errs.invalidEach(pp.child("namespace"), namespace, NameRule.DNS_LABEL.check(namespace, false));
              }
            }
            default -> errs.notSupported(pp.child("scope"), Nodes.text(scope), "Cluster", "Namespace");
          }
        }
      }
    }

    private static void validateTypedParameters(JsonNode params, FieldPath p, FieldErrorList errs) {
      IngressStrategy.validateTypedReference(params, p, errs);
    }

    @Override
    void validateTransition(ObjectNode obj, ObjectNode old, FieldErrorList errs) {
      ObjectMetaValidation.immutable(Nodes.get(spec(obj), "controller"), Nodes.get(spec(old), "controller"),
          FieldPath.of("spec", "controller"), errs);
    }
  }
}
