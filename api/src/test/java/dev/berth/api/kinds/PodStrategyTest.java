package dev.berth.api.kinds;

import static dev.berth.api.kinds.KindTesting.createErrors;
import static dev.berth.api.kinds.KindTesting.created;
import static dev.berth.api.kinds.KindTesting.normalized;
import static dev.berth.api.kinds.KindTesting.updateErrors;
import static dev.berth.api.kinds.KindTesting.yaml;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class PodStrategyTest {

  private final KindStrategy pods = KindStrategies.forKind("", "Pod");

  private static final String MINIMAL = """
      apiVersion: v1
      kind: Pod
      metadata: {name: nginx, namespace: default, labels: {run: nginx}}
      spec:
        containers:
        - name: nginx
          image: nginx
      """;

  /** What `kubectl run nginx --image=nginx` gets back, minus what admission plugins we do not own add. */
  @Test
  void minimalPodIsDefaultedLikeUpstream() {
    ObjectNode pod = created(pods, yaml(MINIMAL));
    assertThat(normalized(pod)).isEqualTo(normalized(yaml("""
        apiVersion: v1
        kind: Pod
        metadata: {name: nginx, namespace: default, labels: {run: nginx}, uid: %s}
        spec:
          containers:
          - name: nginx
            image: nginx
            imagePullPolicy: Always
            resources: {}
            terminationMessagePath: /dev/termination-log
            terminationMessagePolicy: File
          dnsPolicy: ClusterFirst
          enableServiceLinks: true
          preemptionPolicy: PreemptLowerPriority
          priority: 0
          restartPolicy: Always
          schedulerName: default-scheduler
          securityContext: {}
          terminationGracePeriodSeconds: 30
          tolerations:
          - {effect: NoExecute, key: node.kubernetes.io/not-ready, operator: Exists, tolerationSeconds: 300}
          - {effect: NoExecute, key: node.kubernetes.io/unreachable, operator: Exists, tolerationSeconds: 300}
        status: {phase: Pending, qosClass: BestEffort}
        """.formatted(KindTesting.UID))));
    assertThat(pods.validateCreate(pod)).isEmpty();
  }

  @Test
  void defaultingIsIdempotent() {
    ObjectNode once = yaml(MINIMAL);
    pods.applyDefaults(once);
    ObjectNode twice = once.deepCopy();
    pods.applyDefaults(twice);
    assertThat(twice).isEqualTo(once);
  }

  @Test
  void nestedDefaults() {
    ObjectNode pod = yaml("""
        metadata: {name: p, namespace: default}
        spec:
          hostNetwork: true
          volumes:
          - name: scratch
          - name: cfg
            configMap: {name: c}
          - name: sec
            secret: {secretName: s}
          - name: tok
            projected: {sources: [{serviceAccountToken: {path: token}}]}
          containers:
          - name: app
            image: registry.local:5000/team/app:1.2@sha256:0123456789abcdef0123456789abcdef
            ports: [{containerPort: 8080}]
            env: [{name: POD, valueFrom: {fieldRef: {fieldPath: metadata.name}}}]
            resources: {limits: {cpu: "0.5", memory: 1024Mi}}
            livenessProbe: {httpGet: {port: 8080}}
            readinessProbe: {grpc: {port: 9000}}
        """);
    pods.applyDefaults(pod);
    ObjectNode c = (ObjectNode) pod.at("/spec/containers/0");
    assertThat(c.get("imagePullPolicy").asText()).isEqualTo("IfNotPresent");
    assertThat(normalized(c.get("resources"))).isEqualTo(normalized(yaml(
        "{limits: {cpu: 500m, memory: 1Gi}, requests: {cpu: 500m, memory: 1Gi}}")));
    assertThat(normalized(c.get("ports").get(0)))
        .isEqualTo(normalized(yaml("{containerPort: 8080, hostPort: 8080, protocol: TCP}")));
    assertThat(normalized(c.get("livenessProbe"))).isEqualTo(normalized(yaml("""
        {httpGet: {port: 8080, path: /, scheme: HTTP}, timeoutSeconds: 1, periodSeconds: 10, successThreshold: 1,
         failureThreshold: 3}""")));
    assertThat(c.at("/readinessProbe/grpc/service").asText()).isEmpty();
    assertThat(c.at("/env/0/valueFrom/fieldRef/apiVersion").asText()).isEqualTo("v1");
    assertThat(normalized(pod.at("/spec/volumes/0"))).isEqualTo(normalized(yaml("{name: scratch, emptyDir: {}}")));
    assertThat(pod.at("/spec/volumes/1/configMap/defaultMode").asInt()).isEqualTo(420);
    assertThat(pod.at("/spec/volumes/2/secret/defaultMode").asInt()).isEqualTo(420);
    assertThat(pod.at("/spec/volumes/3/projected/defaultMode").asInt()).isEqualTo(420);
    assertThat(pod.at("/spec/volumes/3/projected/sources/0/serviceAccountToken/expirationSeconds").asInt())
        .isEqualTo(3600);
  }

  @Test
  void pullPolicyFollowsTheTag() {
    for (var c : List.of(new String[] {"nginx", "Always"}, new String[] {"nginx:latest", "Always"},
        new String[] {"nginx:1.27", "IfNotPresent"}, new String[] {"localhost:5000/nginx", "Always"},
        new String[] {"nginx@sha256:0123456789abcdef0123456789abcdef", "IfNotPresent"},
        new String[] {"NGINX", "IfNotPresent"}, new String[] {"", "IfNotPresent"})) {
      assertThat(ImageReference.defaultPullPolicy(c[0])).as(c[0]).isEqualTo(c[1]);
    }
  }

  @Test
  void qosClasses() {
    assertThat(PodStrategy.qosClass(yaml("{containers: [{resources: {}}]}"))).isEqualTo("BestEffort");
    assertThat(PodStrategy.qosClass(yaml("{containers: [{resources: {requests: {cpu: 100m}}}]}")))
        .isEqualTo("Burstable");
    assertThat(PodStrategy.qosClass(yaml(
        "{containers: [{resources: {limits: {cpu: 1, memory: 1Gi}, requests: {cpu: 1, memory: 1Gi}}}]}")))
        .isEqualTo("Guaranteed");
    assertThat(PodStrategy.qosClass(yaml(
        "{containers: [{resources: {limits: {cpu: 1, memory: 1Gi}, requests: {cpu: 500m, memory: 1Gi}}}]}")))
        .isEqualTo("Burstable");
  }

  @Test
  void admissionBitsRespectWhatTheClientSet() {
    ObjectNode pod = created(pods, yaml("""
        metadata: {name: p, namespace: kube-system}
        spec:
          priorityClassName: system-node-critical
          tolerations: [{operator: Exists}]
          schedulingGates: [{name: example.com/wait}]
          containers: [{name: c, image: i}]
        """));
    assertThat(pod.at("/spec/priority").asLong()).isEqualTo(2000001000L);
    assertThat(pod.at("/spec/tolerations").size()).isEqualTo(1);
    assertThat(pod.at("/status/conditions/0/reason").asText()).isEqualTo("SchedulingGated");
    ObjectNode custom = created(pods, yaml(
        "{metadata: {name: p, namespace: d}, spec: {priorityClassName: high, containers: [{name: c, image: i}]}}"));
    assertThat(custom.at("/spec").has("priority")).isFalse();
  }

  static Stream<Arguments> invalidPods() {
    return Stream.of(
        Arguments.of("no containers", "{containers: []}", List.of("spec.containers: Required value")),
        Arguments.of("image missing", "{containers: [{name: c}]}",
            List.of("spec.containers[0].image: Required value")),
        Arguments.of("bad container name", "{containers: [{name: C_1, image: i}]}",
            List.of("spec.containers[0].name: Invalid value: \"C_1\": a lowercase RFC 1123 label must consist of "
                + "lower case alphanumeric characters or '-', and must start and end with an alphanumeric character "
                + "(e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')")),
        Arguments.of("duplicate names across init and regular containers",
            "{containers: [{name: c, image: i}, {name: c, image: i}], initContainers: [{name: c, image: i}]}",
            List.of("spec.containers[1].name: Duplicate value: \"c\"",
                "spec.initContainers[0].name: Duplicate value: \"c\"")),
        Arguments.of("ports", """
            {containers: [{name: c, image: i, ports: [{containerPort: 70000, name: http}, {containerPort: 80,
             name: http, protocol: ICMP}, {name: x}]}]}""",
            List.of("spec.containers[0].ports[0].containerPort: Invalid value: 70000: must be between 1 and 65535, inclusive",
                "spec.containers[0].ports[1].name: Duplicate value: \"http\"",
                "spec.containers[0].ports[1].protocol: Unsupported value: \"ICMP\": supported values: \"SCTP\", \"TCP\", \"UDP\"",
                "spec.containers[0].ports[2].containerPort: Required value")),
        Arguments.of("host port conflict", """
            {containers: [{name: a, image: i, ports: [{containerPort: 80, hostPort: 8080}]},
                          {name: b, image: i, ports: [{containerPort: 81, hostPort: 8080}]}]}""",
            List.of("spec.containers[1].ports[0].hostPort: Duplicate value: \"TCP//8080\"")),
        Arguments.of("env names", "{containers: [{name: c, image: i, env: [{name: ''}, {name: 1A}]}]}",
            List.of("spec.containers[0].env[0].name: Required value",
                "spec.containers[0].env[1].name: Invalid value: \"1A\": a valid environment variable name must consist "
                    + "of alphabetic characters, digits, '_', '-', or '.', and must not start with a digit (e.g. "
                    + "'my.env-name',  or 'MY_ENV.NAME',  or 'MyEnvName1', regex used for validation is "
                    + "'[-._a-zA-Z][-._a-zA-Z0-9]*')")),
        Arguments.of("volumes", """
            {volumes: [{name: v, emptyDir: {}}, {name: v, emptyDir: {}}, {name: w, emptyDir: {}, hostPath: {path: /x}}],
             containers: [{name: c, image: i, volumeMounts: [{name: nope, mountPath: /a}, {name: v, mountPath: /a}]}]}""",
            List.of("spec.volumes[1].name: Duplicate value: \"v\"",
                "spec.volumes[2].hostPath: Forbidden: may not specify more than 1 volume type",
                "spec.containers[0].volumeMounts[0].name: Not found: \"nope\"",
                "spec.containers[0].volumeMounts[1].mountPath: Invalid value: \"/a\": must be unique")),
        Arguments.of("restart policy", "{restartPolicy: Sometimes, containers: [{name: c, image: i}]}",
            List.of("spec.restartPolicy: Unsupported value: \"Sometimes\": supported values: \"Always\", \"OnFailure\", \"Never\"")),
        Arguments.of("requests above limits", """
            {containers: [{name: c, image: i, resources: {limits: {cpu: 500m}, requests: {cpu: "1"}}}]}""",
            List.of("spec.containers[0].resources.requests: Invalid value: \"1\": must be less than or equal to cpu limit of 500m")),
        Arguments.of("bad quantity", "{containers: [{name: c, image: i, resources: {limits: {memory: 1GB}}}]}",
            // a Pod's requests are defaulted from its limits, so upstream reports the bad value twice too
            List.of("spec.containers[0].resources.limits[memory]: Invalid value: \"1GB\": "
                + "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'",
                "spec.containers[0].resources.requests[memory]: Invalid value: \"1GB\": "
                + "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'")),
        Arguments.of("unknown resource", "{containers: [{name: c, image: i, resources: {requests: {gpu: 1}}}]}",
            List.of("spec.containers[0].resources.requests[gpu]: Invalid value: \"gpu\": must be a standard resource type or fully qualified",
                "spec.containers[0].resources.requests[gpu]: Invalid value: \"gpu\": must be a standard resource for containers")),
        Arguments.of("extended resource must be whole and equal", """
            {containers: [{name: c, image: i, resources: {limits: {example.com/gpu: 2}, requests: {example.com/gpu: 1}}}]}""",
            List.of("spec.containers[0].resources.requests: Invalid value: \"1\": must be equal to example.com/gpu limit of 2")),
        Arguments.of("node selector", "{nodeSelector: {'bad key': x}, containers: [{name: c, image: i}]}",
            List.of("spec.nodeSelector: Invalid value: \"bad key\": name part must consist of alphanumeric characters, "
                + "'-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  "
                + "or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')")),
        Arguments.of("tolerations", """
            {tolerations: [{operator: Equal, value: x}, {key: k, operator: Exists, value: v},
                           {key: k, operator: Maybe}, {key: k, effect: NoSchedule, tolerationSeconds: 5},
                           {key: k, effect: Sometimes}],
             containers: [{name: c, image: i}]}""",
            List.of("spec.tolerations[0].operator: Invalid value: \"Equal\": operator must be Exists when `key` is "
                    + "empty, which means \"match all values and all keys\"",
                "spec.tolerations[1].operator: Invalid value: \"v\": value must be empty when `operator` is 'Exists'",
                "spec.tolerations[2].operator: Unsupported value: \"Maybe\": supported values: \"Equal\", \"Exists\"",
                "spec.tolerations[3].effect: Invalid value: \"NoSchedule\": effect must be 'NoExecute' when "
                    + "`tolerationSeconds` is set",
                "spec.tolerations[4].effect: Unsupported value: \"Sometimes\": supported values: \"NoSchedule\", "
                    + "\"PreferNoSchedule\", \"NoExecute\"")),
        Arguments.of("affinity", """
            {affinity: {nodeAffinity: {requiredDuringSchedulingIgnoredDuringExecution: {nodeSelectorTerms: []}},
                        podAntiAffinity: {preferredDuringSchedulingIgnoredDuringExecution: [
                          {weight: 0, podAffinityTerm: {topologyKey: ''}}]}},
             containers: [{name: c, image: i}]}""",
            List.of("spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms: "
                    + "Required value: must have at least one node selector term",
                "spec.affinity.podAntiAffinity.preferredDuringSchedulingIgnoredDuringExecution[0].weight: "
                    + "Invalid value: 0: must be in the range 1-100",
                "spec.affinity.podAntiAffinity.preferredDuringSchedulingIgnoredDuringExecution[0].podAffinityTerm."
                    + "topologyKey: Required value: can not be empty",
                "spec.affinity.podAntiAffinity.preferredDuringSchedulingIgnoredDuringExecution[0].podAffinityTerm."
                    + "topologyKey: Invalid value: \"\": name part must be non-empty",
                "spec.affinity.podAntiAffinity.preferredDuringSchedulingIgnoredDuringExecution[0].podAffinityTerm."
                    + "topologyKey: Invalid value: \"\": name part must consist of alphanumeric characters, '-', '_' or "
                    + "'.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or "
                    + "'123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')")),
        Arguments.of("probes", """
            {containers: [{name: c, image: i, livenessProbe: {successThreshold: 2, exec: {command: [x]}},
                           readinessProbe: {}}]}""",
            List.of("spec.containers[0].livenessProbe.successThreshold: Invalid value: 2: must be 1",
                "spec.containers[0].readinessProbe: Required value: must specify a handler type")),
        Arguments.of("ephemeral containers on create",
            "{containers: [{name: c, image: i}], ephemeralContainers: [{name: d, image: i}]}",
            List.of("spec.ephemeralContainers: Forbidden: cannot be set on create")),
        Arguments.of("image whitespace", "{containers: [{name: c, image: ' nginx'}]}",
            List.of("spec.containers[0].image: Invalid value: \" nginx\": must not have leading or trailing whitespace")),
        Arguments.of("dns None needs config", "{dnsPolicy: None, containers: [{name: c, image: i}]}",
            List.of("spec.dnsConfig: Required value: must provide `dnsConfig` when `dnsPolicy` is None")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("invalidPods")
  void invalidPodsAreRejectedWithUpstreamsPathsAndMessages(String name, String spec, List<String> expected) {
    String pod = "{metadata: {name: p, namespace: default}, spec: " + spec + "}";
    assertThat(createErrors(pods, pod)).containsExactlyElementsOf(expected);
  }

  private ObjectNode stored() {
    ObjectNode pod = created(pods, yaml("""
        metadata: {name: p, namespace: default, resourceVersion: "5"}
        spec:
          activeDeadlineSeconds: 100
          containers: [{name: c, image: "nginx:1"}]
        """));
    assertThat(pods.validateCreate(pod)).isEmpty();
    return pod;
  }

  @Test
  void imageDeadlineAndTolerationAdditionsMayChange() {
    ObjectNode old = stored();
    ObjectNode updated = old.deepCopy();
    ((ObjectNode) updated.at("/spec/containers/0")).put("image", "nginx:2");
    ((ObjectNode) updated.get("spec")).put("activeDeadlineSeconds", 50);
    ((com.fasterxml.jackson.databind.node.ArrayNode) updated.at("/spec/tolerations")).addObject()
        .put("key", "example.com/x").put("operator", "Exists");
    updated.remove("status");
    assertThat(updateErrors(pods, old, updated)).isEmpty();
    assertThat(updated.at("/status/phase").asText()).isEqualTo("Pending");
  }

  @Test
  void otherSpecChangesAreForbidden() {
    ObjectNode old = stored();
    ObjectNode updated = old.deepCopy();
    ((ObjectNode) updated.get("spec")).put("dnsPolicy", "Default");
    List<String> errs = updateErrors(pods, old, updated);
    assertThat(errs).singleElement().asString().startsWith("spec: Forbidden: pod updates may not change fields other "
        + "than `spec.containers[*].image`,`spec.initContainers[*].image`,`spec.activeDeadlineSeconds`,"
        + "`spec.tolerations` (only additions to existing tolerations),`spec.terminationGracePeriodSeconds` "
        + "(allow it to be set to 1 if it was previously negative)\n")
        .contains("-  dnsPolicy: \"ClusterFirst\"").contains("+  dnsPolicy: \"Default\"");
  }

  @Test
  void explicitZeroValuesDoNotCountAsChanges() {
    ObjectNode old = stored();
    ObjectNode updated = old.deepCopy();
    ((ObjectNode) updated.get("spec")).put("hostNetwork", false).put("nodeName", "");
    assertThat(updateErrors(pods, old, updated)).isEmpty();
  }

  @Test
  void deadlineMayOnlyShrinkAndContainersMayNotBeAdded() {
    ObjectNode old = stored();
    ObjectNode longer = old.deepCopy();
    ((ObjectNode) longer.get("spec")).put("activeDeadlineSeconds", 200);
    assertThat(updateErrors(pods, old, longer))
        .containsExactly("spec.activeDeadlineSeconds: Invalid value: 200: must be less than or equal to previous value");
    ObjectNode more = old.deepCopy();
    ((com.fasterxml.jackson.databind.node.ArrayNode) more.at("/spec/containers")).addObject()
        .put("name", "d").put("image", "i");
    assertThat(updateErrors(pods, old, more)).contains("spec.containers: Forbidden: pod updates may not add or remove containers");
    ObjectNode modifiedToleration = old.deepCopy();
    ((ObjectNode) modifiedToleration.at("/spec/tolerations/0")).put("key", "other");
    assertThat(updateErrors(pods, old, modifiedToleration))
        .contains("spec.tolerations: Forbidden: existing toleration can not be modified except its tolerationSeconds");
  }

  @Test
  void gracePeriodMayDropToOneOnlyFromNegative() {
    ObjectNode old = stored();
    ((ObjectNode) old.get("spec")).put("terminationGracePeriodSeconds", -1);
    ObjectNode updated = old.deepCopy();
    ((ObjectNode) updated.get("spec")).put("terminationGracePeriodSeconds", 1);
    assertThat(updateErrors(pods, old, updated)).isEmpty();
    ObjectNode fromThirty = stored();
    ObjectNode toOne = fromThirty.deepCopy();
    ((ObjectNode) toOne.get("spec")).put("terminationGracePeriodSeconds", 1);
    assertThat(updateErrors(pods, fromThirty, toOne)).singleElement().asString().startsWith("spec: Forbidden");
  }
}
