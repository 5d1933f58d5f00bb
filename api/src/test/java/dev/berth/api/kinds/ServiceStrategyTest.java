package dev.berth.api.kinds;

import static dev.berth.api.kinds.KindTesting.createErrors;
import static dev.berth.api.kinds.KindTesting.created;
import static dev.berth.api.kinds.KindTesting.normalized;
import static dev.berth.api.kinds.KindTesting.updateErrors;
import static dev.berth.api.kinds.KindTesting.yaml;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ServiceStrategyTest {

  private final KindStrategy services = KindStrategies.forKind("", "Service");

  /** `kubectl create service clusterip my-svc --tcp=5678:8080`, after the caller allocated an IP. */
  @Test
  void kubectlCreateServiceMatchesUpstream() {
    ObjectNode svc = yaml("""
        apiVersion: v1
        kind: Service
        metadata: {name: my-svc, namespace: default, labels: {app: my-svc}}
        spec:
          ports: [{name: 5678-8080, protocol: TCP, port: 5678, targetPort: 8080}]
          selector: {app: my-svc}
          type: ClusterIP
        status: {loadBalancer: {}}
        """);
    services.applyDefaults(svc);
    ((ObjectNode) svc.get("spec")).put("clusterIP", "10.96.12.34").put("ipFamilyPolicy", "SingleStack")
        .putArray("ipFamilies").add("IPv4");
    created(services, svc);
    assertThat(normalized(svc.get("spec"))).isEqualTo(normalized(yaml("""
        clusterIP: 10.96.12.34
        clusterIPs: [10.96.12.34]
        internalTrafficPolicy: Cluster
        ipFamilies: [IPv4]
        ipFamilyPolicy: SingleStack
        ports: [{name: 5678-8080, port: 5678, protocol: TCP, targetPort: 8080}]
        selector: {app: my-svc}
        sessionAffinity: None
        type: ClusterIP
        """)));
    assertThat(normalized(svc.get("status"))).isEqualTo(normalized(yaml("{loadBalancer: {}}")));
    assertThat(services.validateCreate(svc)).isEmpty();
  }

  @Test
  void defaults() {
    ObjectNode svc = yaml("""
        metadata: {name: web, namespace: default}
        spec:
          type: LoadBalancer
          sessionAffinity: ClientIP
          ports: [{port: 80}, {port: 443, targetPort: https, name: https}]
        """);
    services.applyDefaults(svc);
    ObjectNode spec = (ObjectNode) svc.get("spec");
    assertThat(spec.at("/ports/0/protocol").asText()).isEqualTo("TCP");
    assertThat(spec.at("/ports/0/targetPort").asInt()).isEqualTo(80);
    assertThat(spec.at("/ports/1/targetPort").asText()).isEqualTo("https");
    assertThat(spec.get("externalTrafficPolicy").asText()).isEqualTo("Cluster");
    assertThat(spec.get("internalTrafficPolicy").asText()).isEqualTo("Cluster");
    assertThat(spec.get("allocateLoadBalancerNodePorts").asBoolean()).isTrue();
    assertThat(spec.at("/sessionAffinityConfig/clientIP/timeoutSeconds").asInt()).isEqualTo(10800);
    ObjectNode external = yaml("{metadata: {name: e}, spec: {type: ExternalName, externalName: example.com}}");
    services.applyDefaults(external);
    assertThat(external.get("spec").has("internalTrafficPolicy")).isFalse();
    assertThat(external.get("spec").has("externalTrafficPolicy")).isFalse();
  }

  /** Expected errors are separated by ";;"; an empty column means the service is valid. */
  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "no ports|{selector: {a: b}}|spec.ports: Required value",
      "headless without ports|{clusterIP: None}|",
      "external name needs a name|{type: ExternalName}|spec.externalName: Required value",
      "two unnamed ports|{ports: [{port: 80}, {port: 81}]}|spec.ports[0].name: Required value;;spec.ports[1].name: Required value",
      "port range|{ports: [{port: 0}]}|spec.ports[0].port: Invalid value: 0: must be between 1 and 65535, inclusive;;spec.ports[0].targetPort: Invalid value: 0: must be between 1 and 65535, inclusive",
      "duplicate port|{ports: [{name: a, port: 80}, {name: b, port: 80}]}|spec.ports[1]: Duplicate value: {\"protocol\":\"TCP\",\"port\":80}",
      "node port on ClusterIP|{ports: [{port: 80, nodePort: 30080}]}|spec.ports[0].nodePort: Forbidden: may not be used when `type` is 'ClusterIP'",
      "node port out of range|{type: NodePort, ports: [{port: 80, nodePort: 80}]}|spec.ports[0].nodePort: Invalid value: 80: provided port is not in the valid range. The range of valid ports is 30000-32767",
      "bad type|{type: Magic, ports: [{port: 80}]}|spec.type: Unsupported value: \"Magic\": supported values: \"ClusterIP\", \"ExternalName\", \"LoadBalancer\", \"NodePort\"",
      "bad target port|{ports: [{port: 80, targetPort: 'Http_1'}]}|spec.ports[0].targetPort: Invalid value: \"Http_1\": must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)",
      "bad cluster ip|{clusterIP: 10.0.0.300, ports: [{port: 80}]}|spec.clusterIPs[0]: Invalid value: \"10.0.0.300\": must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)",
      "loopback external ip|{externalIPs: [127.0.0.1], ports: [{port: 80}]}|spec.externalIPs[0]: Invalid value: \"127.0.0.1\": may not be in the loopback range (127.0.0.0/8, ::1/128)",
      "source ranges need LoadBalancer|{loadBalancerSourceRanges: [10.0.0.0/8], ports: [{port: 80}]}|spec.LoadBalancerSourceRanges: Forbidden: may only be used when `type` is 'LoadBalancer'",
  })
  void validation(String name, String spec, String expected) {
    var errs = createErrors(services, "{metadata: {name: s, namespace: default}, spec: " + spec + "}");
    if (expected == null) {
      assertThat(errs).isEmpty();
    } else {
      assertThat(errs).containsExactly(expected.split(";;"));
    }
  }

  @Test
  void serviceNamesAreDns1035Labels() {
    assertThat(createErrors(services, "{metadata: {name: 1web, namespace: default}, spec: {ports: [{port: 80}]}}"))
        .singleElement().asString().startsWith("metadata.name: Invalid value: \"1web\": a DNS-1035 label");
  }

  private ObjectNode stored() {
    ObjectNode svc = yaml("""
        metadata: {name: web, namespace: default}
        spec:
          type: NodePort
          ports: [{name: http, port: 80}]
        """);
    services.applyDefaults(svc);
    ((ObjectNode) svc.get("spec")).put("clusterIP", "10.96.0.20");
    ((ObjectNode) svc.at("/spec/ports/0")).put("nodePort", 30080);
    created(services, svc);
    assertThat(services.validateCreate(svc)).isEmpty();
    return svc;
  }

  @Test
  void updatesThatOmitAllocatedValuesKeepThem() {
    ObjectNode old = stored();
    ObjectNode replacement = yaml("""
        metadata: {name: web, namespace: default, uid: %s}
        spec:
          type: NodePort
          ports: [{name: http, port: 80}]
        """.formatted(KindTesting.UID));
    assertThat(updateErrors(services, old, replacement)).isEmpty();
    assertThat(replacement.at("/spec/clusterIP").asText()).isEqualTo("10.96.0.20");
    assertThat(replacement.at("/spec/clusterIPs/0").asText()).isEqualTo("10.96.0.20");
    assertThat(replacement.at("/spec/ports/0/nodePort").asInt()).isEqualTo(30080);
  }

  @Test
  void clusterIpIsImmutableExceptThroughExternalName() {
    ObjectNode old = stored();
    ObjectNode moved = old.deepCopy();
    ((ObjectNode) moved.get("spec")).put("clusterIP", "10.96.0.21");
    assertThat(updateErrors(services, old, moved))
        .containsExactly("spec.clusterIPs[0]: Invalid value: [\"10.96.0.21\"]: may not change once set");
    ObjectNode toExternal = yaml("""
        metadata: {name: web, namespace: default, uid: %s}
        spec: {type: ExternalName, externalName: example.com}
        """.formatted(KindTesting.UID));
    assertThat(updateErrors(services, old, toExternal)).isEmpty();
  }
}
