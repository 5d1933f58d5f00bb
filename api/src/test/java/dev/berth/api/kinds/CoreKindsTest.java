package dev.berth.api.kinds;

import static dev.berth.api.kinds.KindTesting.createErrors;
import static dev.berth.api.kinds.KindTesting.created;
import static dev.berth.api.kinds.KindTesting.normalized;
import static dev.berth.api.kinds.KindTesting.updateErrors;
import static dev.berth.api.kinds.KindTesting.yaml;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Base64;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CoreKindsTest {

  @Nested
  class ConfigMaps {
    private final KindStrategy cms = KindStrategies.forKind("", "ConfigMap");

    @Test
    void keysAndDuplicates() {
      assertThat(createErrors(cms, """
          metadata: {name: c, namespace: d}
          data: {ok.key: v, 'bad/key': v, dup: x}
          binaryData: {dup: eA==}
          """)).containsExactly(
          "data[bad/key]: Invalid value: \"bad/key\": a valid config key must consist of alphanumeric characters, '-', "
              + "'_' or '.' (e.g. 'key.name',  or 'KEY_NAME',  or 'key-name', regex used for validation is "
              + "'[-._a-zA-Z0-9]+')",
          "data[dup]: Invalid value: \"dup\": duplicate of key present in binaryData");
    }

    @Test
    void totalSizeIsLimitedToOneMebibyte() {
      ObjectNode cm = yaml("{metadata: {name: c, namespace: d}}");
      cm.putObject("data").put("a", "x".repeat(1024 * 1024));
      assertThat(cms.validateCreate(cm)).isEmpty();
      ((ObjectNode) cm.get("data")).put("b", "y");
      assertThat(KindTesting.messages(cms.validateCreate(cm)))
          .containsExactly("[]: Too long: may not be more than 1048576 bytes");
    }

    @Test
    void binaryDataMustBeBase64() {
      assertThat(createErrors(cms, "{metadata: {name: c, namespace: d}, binaryData: {k: 'abc!'}}"))
          .containsExactly("binaryData[k]: Invalid value: \"abc!\": illegal base64 data at input byte 3");
    }

    @Test
    void immutableConfigMapsKeepTheirData() {
      ObjectNode old = created(cms, yaml("{metadata: {name: c, namespace: d}, immutable: true, data: {a: '1'}}"));
      ObjectNode changed = old.deepCopy();
      ((ObjectNode) changed.get("data")).put("a", "2");
      changed.put("immutable", false);
      assertThat(updateErrors(cms, old, changed)).containsExactly(
          "immutable: Forbidden: field is immutable when `immutable` is set",
          "data: Forbidden: field is immutable when `immutable` is set");
      ObjectNode same = old.deepCopy();
      ((ObjectNode) same.get("metadata")).putObject("labels").put("x", "y");
      assertThat(updateErrors(cms, old, same)).isEmpty();
    }
  }

  @Nested
  class Secrets {
    private final KindStrategy secrets = KindStrategies.forKind("", "Secret");

    @Test
    void typeDefaultsToOpaqueAndStringDataIsFoldedIntoData() {
      ObjectNode s = yaml("{metadata: {name: s, namespace: d}, data: {a: eA==}, stringData: {b: héllo, a: y}}");
      secrets.applyDefaults(s);
      assertThat(normalized(s)).isEqualTo(normalized(yaml("""
          metadata: {name: s, namespace: d}
          type: Opaque
          data: {a: eQ==, b: %s}
          """.formatted(Base64.getEncoder().encodeToString("héllo".getBytes(java.nio.charset.StandardCharsets.UTF_8))))));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "kubernetes.io/tls|{tls.crt: eA==}|data[tls.key]: Required value",
        "kubernetes.io/tls|{}|data[tls.crt]: Required value;;data[tls.key]: Required value",
        "kubernetes.io/dockerconfigjson|{}|data[.dockerconfigjson]: Required value",
        "kubernetes.io/dockerconfigjson|{.dockerconfigjson: bm90IGpzb24=}|data[.dockerconfigjson]: Invalid value: \"<secret contents redacted>\": invalid character in JSON input",
        "kubernetes.io/basic-auth|{}|data[username]: Required value;;data[password]: Required value",
        "kubernetes.io/ssh-auth|{}|data[ssh-privatekey]: Required value",
        "kubernetes.io/service-account-token|{}|metadata.annotations[kubernetes.io/service-account.name]: Required value",
        "Opaque|{k: not base64}|data[k]: Invalid value: \"<secret contents redacted>\": illegal base64 data at input byte 3",
        "example.com/custom|{k: eA==}|",
    })
    void typeSpecificRules(String type, String data, String expected) {
      var errs = createErrors(secrets, "{metadata: {name: s, namespace: d}, type: " + type + ", data: " + data + "}");
      if (expected == null) {
        assertThat(errs).isEmpty();
      } else {
        assertThat(errs).containsExactly(expected.split(";;"));
      }
    }

    @Test
    void dockerConfigJsonIsAccepted() {
      String cfg = Base64.getEncoder().encodeToString("{\"auths\":{}}".getBytes());
      assertThat(createErrors(secrets, "{metadata: {name: s, namespace: d}, type: kubernetes.io/dockerconfigjson, "
          + "data: {.dockerconfigjson: " + cfg + "}}")).isEmpty();
    }

    @Test
    void sizeCountsDecodedBytes() {
      ObjectNode s = yaml("{metadata: {name: s, namespace: d}}");
      s.putObject("data").put("a", Base64.getEncoder().encodeToString(new byte[1024 * 1024 + 1]));
      assertThat(KindTesting.messages(secrets.validateCreate(created(secrets, s))))
          .containsExactly("data: Too long: may not be more than 1048576 bytes");
    }

    @Test
    void typeIsImmutable() {
      ObjectNode old = created(secrets, yaml("{metadata: {name: s, namespace: d}, data: {a: eA==}}"));
      ObjectNode changed = old.deepCopy();
      changed.put("type", "kubernetes.io/basic-auth");
      assertThat(updateErrors(secrets, old, changed)).containsExactlyInAnyOrder(
          "type: Invalid value: \"kubernetes.io/basic-auth\": field is immutable",
          "data[username]: Required value", "data[password]: Required value");
    }
  }

  @Nested
  class Namespaces {
    private final KindStrategy namespaces = KindStrategies.forKind("", "Namespace");

    @Test
    void kubectlCreateNamespaceMatchesUpstream() {
      ObjectNode ns = created(namespaces, yaml("{apiVersion: v1, kind: Namespace, metadata: {name: team-a}, spec: {}, status: {}}"));
      assertThat(normalized(ns)).isEqualTo(normalized(yaml("""
          apiVersion: v1
          kind: Namespace
          metadata: {name: team-a, uid: %s, labels: {kubernetes.io/metadata.name: team-a}}
          spec: {finalizers: [kubernetes]}
          status: {phase: Active}
          """.formatted(KindTesting.UID))));
      assertThat(namespaces.validateCreate(ns)).isEmpty();
    }

    @Test
    void rules() {
      assertThat(createErrors(namespaces, "{metadata: {name: a.b, namespace: x}, spec: {finalizers: [custom]}}"))
          .containsExactly("metadata.name: Invalid value: \"a.b\": must not contain dots",
              "spec.finalizers: Invalid value: \"custom\": name is neither a standard finalizer name nor is it fully qualified");
    }

    @Test
    void finalizersAndStatusChangeOnlyThroughSubresources() {
      ObjectNode old = created(namespaces, yaml("{metadata: {name: team-a}}"));
      ObjectNode updated = old.deepCopy();
      ((ObjectNode) updated.get("spec")).putArray("finalizers");
      ((ObjectNode) updated.get("status")).put("phase", "Terminating");
      assertThat(updateErrors(namespaces, old, updated)).isEmpty();
      assertThat(updated.at("/spec/finalizers/0").asText()).isEqualTo("kubernetes");
      assertThat(updated.at("/status/phase").asText()).isEqualTo("Active");
    }
  }

  @Nested
  class NodesKind {
    private final KindStrategy nodes = KindStrategies.forKind("", "Node");

    @Test
    void statusIsKeptAndAllocatableDefaultsToCapacity() {
      ObjectNode node = created(nodes, yaml(
          "{metadata: {name: n1}, status: {capacity: {cpu: '4', memory: 8192Mi, pods: '110'}}}"));
      assertThat(normalized(node.at("/status/allocatable")))
          .isEqualTo(normalized(yaml("{cpu: '4', memory: 8Gi, pods: '110'}")));
      assertThat(nodes.validateCreate(node)).isEmpty();
    }

    @Test
    void taintsAndCidrs() {
      assertThat(createErrors(nodes, """
          metadata: {name: n1}
          spec:
            podCIDRs: [10.244.0.0/24, 10.245.0.0/24]
            taints: [{key: a, effect: NoSchedule}, {key: a, effect: NoSchedule}, {key: b, effect: Never}]
          """)).containsExactly(
          "metadata.taints[1]: Duplicate value: {\"key\":\"a\",\"effect\":\"NoSchedule\"}: taints must be unique by key and effect pair",
          "metadata.taints[2].effect: Unsupported value: \"Never\": supported values: \"NoSchedule\", \"PreferNoSchedule\", \"NoExecute\"",
          "spec.podCIDRs: Invalid value: [\"10.244.0.0/24\",\"10.245.0.0/24\"]: may specify no more than one CIDR for each IP family");
      assertThat(createErrors(nodes, "{metadata: {name: n1}, spec: {podCIDRs: [10.244.0.0/24, 'fd00::/64']}}")).isEmpty();
    }

    @Test
    void podCidrMayOnlyBeSetOnce() {
      ObjectNode old = created(nodes, yaml("{metadata: {name: n1}, spec: {}}"));
      ObjectNode assigned = old.deepCopy();
      ((ObjectNode) assigned.get("spec")).putArray("podCIDRs").add("10.244.1.0/24");
      ((ObjectNode) assigned.get("spec")).put("unschedulable", true);
      assertThat(updateErrors(nodes, old, assigned)).isEmpty();
      ObjectNode moved = assigned.deepCopy();
      ((ObjectNode) moved.get("spec")).putArray("podCIDRs").add("10.244.2.0/24");
      assertThat(updateErrors(nodes, assigned, moved))
          .containsExactly("spec.podCIDRs: Forbidden: node updates may not change podCIDR except from \"\" to valid");
    }
  }

  @Test
  void limitRangeDefaultsAndOrdering() {
    KindStrategy lr = KindStrategies.forKind("", "LimitRange");
    ObjectNode obj = created(lr, yaml("""
        metadata: {name: l, namespace: d}
        spec:
          limits:
          - type: Container
            max: {cpu: '2'}
            min: {memory: 64Mi}
        """));
    assertThat(normalized(obj.at("/spec/limits/0"))).isEqualTo(normalized(yaml("""
        type: Container
        max: {cpu: '2'}
        min: {memory: 64Mi}
        default: {cpu: '2'}
        defaultRequest: {cpu: '2', memory: 64Mi}
        """)));
    assertThat(lr.validateCreate(obj)).isEmpty();
    assertThat(createErrors(lr, """
        metadata: {name: l, namespace: d}
        spec:
          limits:
          - {type: Container, min: {cpu: '2'}, max: {cpu: '1'}}
          - {type: Pod, default: {cpu: '1'}}
          - {type: Pod}
          - {type: PersistentVolumeClaim}
        """)).containsExactly(
        "spec.limits[0].min[cpu]: Invalid value: \"2\": min value 2 is greater than max value 1",
        "spec.limits[0].defaultRequest[cpu]: Invalid value: \"1\": min value 2 is greater than default request value 1",
        "spec.limits[0].default[cpu]: Invalid value: \"2\": min value 2 is greater than default value 1",
        "spec.limits[1].default: Forbidden: may not be specified when `type` is 'Pod'",
        "spec.limits[2].type: Duplicate value: \"Pod\"",
        "spec.limits[3].limits: Required value: either minimum or maximum storage value is required, but neither was provided");
  }

  @Test
  void resourceQuota() {
    KindStrategy rq = KindStrategies.forKind("", "ResourceQuota");
    ObjectNode obj = created(rq, yaml("{metadata: {name: q, namespace: d}, spec: {hard: {pods: '10', requests.memory: 1024Mi}}, status: {used: {pods: '3'}}}"));
    assertThat(obj.at("/spec/hard/requests.memory").asText()).isEqualTo("1Gi");
    assertThat(obj.get("status").isEmpty()).isTrue();
    assertThat(rq.validateCreate(obj)).isEmpty();
    assertThat(createErrors(rq, """
        metadata: {name: q, namespace: d}
        spec:
          hard: {pods: '1.5', widgets: '1', cpu: '-1'}
          scopes: [BestEffort, NotBestEffort]
        """)).containsExactly(
        "spec.hard[pods]: Invalid value: \"1500m\": must be an integer",
        "spec.hard[widgets]: Invalid value: \"widgets\": must be a standard resource type or fully qualified",
        "spec.hard[widgets]: Invalid value: \"widgets\": must be a standard resource for quota",
        "spec.hard[cpu]: Invalid value: \"-1\": must be greater than or equal to 0",
        "spec.scopes: Invalid value: [\"BestEffort\",\"NotBestEffort\"]: unsupported scope applied to resource",
        "spec.scopes: Invalid value: [\"BestEffort\",\"NotBestEffort\"]: conflicting scopes");
  }

  @Test
  void persistentVolumeClaims() {
    KindStrategy pvcs = KindStrategies.forKind("", "PersistentVolumeClaim");
    ObjectNode claim = created(pvcs, yaml(
        "{metadata: {name: c, namespace: d}, spec: {accessModes: [ReadWriteOnce], resources: {requests: {storage: 1Gi}}}}"));
    assertThat(claim.at("/spec/volumeMode").asText()).isEqualTo("Filesystem");
    assertThat(claim.at("/status/phase").asText()).isEqualTo("Pending");
    assertThat(pvcs.validateCreate(claim)).isEmpty();
    assertThat(createErrors(pvcs, "{metadata: {name: c, namespace: d}, spec: {accessModes: [ReadWriteOncePod, ReadWriteOnce], resources: {requests: {storage: '0'}}}}"))
        .containsExactly("spec.accessModes: Forbidden: may not use ReadWriteOncePod with other access modes",
            "spec.resources[storage]: Invalid value: \"0\": must be greater than zero");
    assertThat(createErrors(pvcs, "{metadata: {name: c, namespace: d}, spec: {}}"))
        .containsExactly("spec.accessModes: Required value: at least 1 access mode is required",
            "spec.resources[storage]: Required value");
    ObjectNode bigger = claim.deepCopy();
    ((ObjectNode) bigger.at("/spec/resources/requests")).put("storage", "2Gi");
    assertThat(updateErrors(pvcs, claim, bigger)).singleElement().asString()
        .startsWith("spec: Forbidden: spec is immutable after creation except resources.requests and "
            + "volumeAttributesClassName for bound claims\n");
    ((ObjectNode) claim.get("status")).put("phase", "Bound");
    ObjectNode grown = claim.deepCopy();
    ((ObjectNode) grown.at("/spec/resources/requests")).put("storage", "2Gi");
    ((ObjectNode) grown.get("spec")).put("volumeName", "pv-1");
    assertThat(updateErrors(pvcs, claim, grown)).isEmpty();
    ObjectNode shrunk = claim.deepCopy();
    ((ObjectNode) shrunk.at("/spec/resources/requests")).put("storage", "512Mi");
    assertThat(updateErrors(pvcs, claim, shrunk))
        .containsExactly("spec.resources.requests.storage: Forbidden: field can not be less than previous value");
  }

  @Test
  void persistentVolumes() {
    KindStrategy pvs = KindStrategies.forKind("", "PersistentVolume");
    ObjectNode pv = created(pvs, yaml(
        "{metadata: {name: pv1}, spec: {capacity: {storage: 10Gi}, accessModes: [ReadWriteOnce], hostPath: {path: /data}}}"));
    assertThat(pv.at("/spec/persistentVolumeReclaimPolicy").asText()).isEqualTo("Retain");
    assertThat(pv.at("/spec/volumeMode").asText()).isEqualTo("Filesystem");
    assertThat(pv.at("/status/phase").asText()).isEqualTo("Pending");
    assertThat(pvs.validateCreate(pv)).isEmpty();
    assertThat(createErrors(pvs, "{metadata: {name: pv1}, spec: {capacity: {storage: 1Gi, cpu: '1'}, accessModes: [ReadWriteOnce], local: {path: /x}}}"))
        .containsExactly("spec.capacity: Unsupported value: {\"storage\":\"1Gi\",\"cpu\":\"1\"}: supported values: \"storage\"",
            "spec.nodeAffinity: Required value: Local volume requires node affinity");
    assertThat(createErrors(pvs, "{metadata: {name: pv1}, spec: {capacity: {storage: 1Gi}, accessModes: [ReadWriteOnce]}}"))
        .containsExactly("spec: Required value: must specify a volume type");
    ObjectNode moved = pv.deepCopy();
    ((ObjectNode) moved.at("/spec/hostPath")).put("path", "/other");
    assertThat(updateErrors(pvs, pv, moved)).singleElement().asString()
        .startsWith("spec.persistentvolumesource: Forbidden: spec.persistentvolumesource is immutable after creation");
  }

  @Test
  void endpoints() {
    KindStrategy eps = KindStrategies.forKind("", "Endpoints");
    ObjectNode e = created(eps, yaml("{metadata: {name: e, namespace: d}, subsets: [{addresses: [{ip: 10.1.2.3}], ports: [{port: 80}]}]}"));
    assertThat(e.at("/subsets/0/ports/0/protocol").asText()).isEqualTo("TCP");
    assertThat(eps.validateCreate(e)).isEmpty();
    assertThat(createErrors(eps, "{metadata: {name: e, namespace: d}, subsets: [{}, {addresses: [{ip: 169.254.1.1}], ports: [{port: 80}, {port: 81}]}]}"))
        .containsExactly("subsets[0]: Required value: must specify `addresses` or `notReadyAddresses`",
            "subsets[1].addresses[0].ip: Invalid value: \"169.254.1.1\": may not be in the link-local range (169.254.0.0/16, fe80::/10)",
            "subsets[1].ports[0].name: Required value", "subsets[1].ports[1].name: Required value");
  }

  @Test
  void coreEventsApplyTheLegacyConsistencyRules() {
    KindStrategy events = KindStrategies.forKind("", "Event");
    assertThat(createErrors(events, "{metadata: {name: x.1, namespace: default}, involvedObject: {kind: Node, name: n}, reason: R}"))
        .isEmpty();
    assertThat(createErrors(events, "{metadata: {name: x.1, namespace: team}, involvedObject: {kind: Pod, name: p, namespace: other}}"))
        .containsExactly("involvedObject.namespace: Invalid value: \"other\": does not match event.namespace");
    assertThat(createErrors(events, "{metadata: {name: x.1, namespace: team}, eventTime: '2024-01-01T00:00:00.000000Z', involvedObject: {kind: Pod, name: p, namespace: team}}"))
        .containsExactly("reportingController: Required value",
            "reportingController: Invalid value: \"\": name part must be non-empty",
            "reportingController: Invalid value: \"\": name part must consist of alphanumeric characters, '-', '_' or "
                + "'.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or "
                + "'123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')",
            "reportingInstance: Required value", "action: Required value", "reason: Required value");
  }

  @Test
  void podTemplatesAndBindings() {
    KindStrategy templates = KindStrategies.forKind("", "PodTemplate");
    ObjectNode t = created(templates, yaml("{metadata: {name: t, namespace: d}, template: {spec: {containers: [{name: c, image: i}]}}}"));
    assertThat(t.at("/template/spec/dnsPolicy").asText()).isEqualTo("ClusterFirst");
    assertThat(templates.validateCreate(t)).isEmpty();
    assertThat(createErrors(templates, "{metadata: {name: t, namespace: d}, template: {spec: {containers: [{name: c}]}}}"))
        .containsExactly("template.spec.containers[0].image: Required value");
    KindStrategy bindings = KindStrategies.forKind("", "Binding");
    assertThat(createErrors(bindings, "{metadata: {name: p, namespace: d}, target: {kind: Node, name: n1}}")).isEmpty();
    assertThat(createErrors(bindings, "{metadata: {name: p, namespace: d}, target: {kind: Pod}}")).containsExactly(
        "target.kind: Unsupported value: \"Pod\": supported values: \"Node\", \"<empty>\"", "target.name: Required value");
  }
}
