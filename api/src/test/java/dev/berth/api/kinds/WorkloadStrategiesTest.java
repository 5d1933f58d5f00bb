package dev.berth.api.kinds;

import static dev.berth.api.kinds.KindTesting.createErrors;
import static dev.berth.api.kinds.KindTesting.created;
import static dev.berth.api.kinds.KindTesting.normalized;
import static dev.berth.api.kinds.KindTesting.updateErrors;
import static dev.berth.api.kinds.KindTesting.yaml;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class WorkloadStrategiesTest {

  private final KindStrategy deployments = KindStrategies.forKind("apps", "Deployment");
  private final KindStrategy replicaSets = KindStrategies.forKind("apps", "ReplicaSet");
  private final KindStrategy statefulSets = KindStrategies.forKind("apps", "StatefulSet");
  private final KindStrategy daemonSets = KindStrategies.forKind("apps", "DaemonSet");

  /** The body `kubectl create deployment nginx --image=nginx` sends. */
  private static final String KUBECTL_DEPLOYMENT = """
      apiVersion: apps/v1
      kind: Deployment
      metadata: {name: nginx, namespace: default, labels: {app: nginx}}
      spec:
        replicas: 1
        selector: {matchLabels: {app: nginx}}
        strategy: {}
        template:
          metadata: {creationTimestamp: null, labels: {app: nginx}}
          spec:
            containers: [{name: nginx, image: nginx, resources: {}}]
      status: {}
      """;

  /** What a real API server answers to `kubectl create deployment nginx --image=nginx -o yaml`. */
  private static final String UPSTREAM_DEPLOYMENT = """
      apiVersion: apps/v1
      kind: Deployment
      metadata: {name: nginx, namespace: default, labels: {app: nginx}, uid: %s, generation: 1}
      spec:
        progressDeadlineSeconds: 600
        replicas: 1
        revisionHistoryLimit: 10
        selector: {matchLabels: {app: nginx}}
        strategy:
          rollingUpdate: {maxSurge: 25%%, maxUnavailable: 25%%}
          type: RollingUpdate
        template:
          metadata: {creationTimestamp: null, labels: {app: nginx}}
          spec:
            containers:
            - image: nginx
              imagePullPolicy: Always
              name: nginx
              resources: {}
              terminationMessagePath: /dev/termination-log
              terminationMessagePolicy: File
            dnsPolicy: ClusterFirst
            restartPolicy: Always
            schedulerName: default-scheduler
            securityContext: {}
            terminationGracePeriodSeconds: 30
      status: {}
      """.formatted(KindTesting.UID);

  @Test
  void kubectlCreateDeploymentMatchesUpstream() {
    ObjectNode d = created(deployments, yaml(KUBECTL_DEPLOYMENT));
    assertThat(normalized(d)).isEqualTo(normalized(yaml(UPSTREAM_DEPLOYMENT)));
    assertThat(deployments.validateCreate(d)).isEmpty();
  }

  @Test
  void minimalBodyWithoutReplicasOrTemplateMetadataIsDefaultedToo() {
    ObjectNode d = created(deployments, yaml("""
        metadata: {name: nginx, namespace: default, labels: {app: nginx}}
        spec:
          selector: {matchLabels: {app: nginx}}
          template:
            metadata: {labels: {app: nginx}}
            spec: {containers: [{name: nginx, image: nginx}]}
        """));
    ((ObjectNode) d).put("apiVersion", "apps/v1").put("kind", "Deployment");
    ObjectNode expected = yaml(UPSTREAM_DEPLOYMENT);
    assertThat(normalized(d).get("spec")).isEqualTo(normalized(expected).get("spec"));
  }

  @Test
  void defaultingIsIdempotent() {
    ObjectNode d = yaml(KUBECTL_DEPLOYMENT);
    deployments.applyDefaults(d);
    ObjectNode again = d.deepCopy();
    deployments.applyDefaults(again);
    assertThat(again).isEqualTo(d);
  }

  @Test
  void recreateStrategyGetsNoRollingUpdateDefaults() {
    ObjectNode d = yaml(KUBECTL_DEPLOYMENT);
    ((ObjectNode) d.at("/spec/strategy")).put("type", "Recreate");
    deployments.applyDefaults(d);
    assertThat(d.at("/spec/strategy").has("rollingUpdate")).isFalse();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "selector mismatch|{selector: {matchLabels: {app: a}}, template: {metadata: {labels: {app: b}}, spec: {containers: [{name: c, image: i}]}}}|spec.template.metadata.labels: Invalid value: {\"app\":\"b\"}: `selector` does not match template `labels`",
      "missing selector|{template: {metadata: {labels: {app: b}}, spec: {containers: [{name: c, image: i}]}}}|spec.selector: Required value",
      "empty selector|{selector: {}, template: {metadata: {labels: {app: b}}, spec: {containers: [{name: c, image: i}]}}}|spec.selector: Invalid value: {}: empty selector is invalid for deployment",
      "negative replicas|{replicas: -1, selector: {matchLabels: {app: a}}, template: {metadata: {labels: {app: a}}, spec: {containers: [{name: c, image: i}]}}}|spec.replicas: Invalid value: -1: must be greater than or equal to 0",
      "both zero|{strategy: {rollingUpdate: {maxSurge: 0, maxUnavailable: 0%}}, selector: {matchLabels: {app: a}}, template: {metadata: {labels: {app: a}}, spec: {containers: [{name: c, image: i}]}}}|spec.strategy.rollingUpdate.maxUnavailable: Invalid value: \"0%\": may not be 0 when `maxSurge` is 0",
      "bad percent|{strategy: {rollingUpdate: {maxSurge: 20percent}}, selector: {matchLabels: {app: a}}, template: {metadata: {labels: {app: a}}, spec: {containers: [{name: c, image: i}]}}}|spec.strategy.rollingUpdate.maxSurge: Invalid value: \"20percent\": a valid percent string must be a numeric string followed by an ending '%' (e.g. '1%',  or '93%', regex used for validation is '[0-9]+%')",
      "over 100%|{strategy: {rollingUpdate: {maxUnavailable: 110%}}, selector: {matchLabels: {app: a}}, template: {metadata: {labels: {app: a}}, spec: {containers: [{name: c, image: i}]}}}|spec.strategy.rollingUpdate.maxUnavailable: Invalid value: \"110%\": must not be greater than 100%",
      "recreate with rolling update|{strategy: {type: Recreate, rollingUpdate: {}}, selector: {matchLabels: {app: a}}, template: {metadata: {labels: {app: a}}, spec: {containers: [{name: c, image: i}]}}}|spec.strategy.rollingUpdate: Forbidden: may not be specified when strategy `type` is 'Recreate'",
      "restart policy|{selector: {matchLabels: {app: a}}, template: {metadata: {labels: {app: a}}, spec: {restartPolicy: Never, containers: [{name: c, image: i}]}}}|spec.template.spec.restartPolicy: Unsupported value: \"Never\": supported values: \"Always\"",
      "template pod spec path|{selector: {matchLabels: {app: a}}, template: {metadata: {labels: {app: a}}, spec: {containers: [{name: c}]}}}|spec.template.spec.containers[0].image: Required value",
      "progress deadline|{progressDeadlineSeconds: 5, minReadySeconds: 10, selector: {matchLabels: {app: a}}, template: {metadata: {labels: {app: a}}, spec: {containers: [{name: c, image: i}]}}}|spec.progressDeadlineSeconds: Invalid value: 5: must be greater than minReadySeconds",
  })
  void deploymentValidation(String name, String spec, String expected) {
    assertThat(createErrors(deployments, "{metadata: {name: d, namespace: default}, spec: " + spec + "}"))
        .containsExactly(expected);
  }

  @Test
  void selectorIsImmutableAndGenerationFollowsSpec() {
    ObjectNode old = created(deployments, yaml(KUBECTL_DEPLOYMENT));
    ObjectNode scaled = old.deepCopy();
    ((ObjectNode) scaled.get("spec")).put("replicas", 3);
    ((ObjectNode) scaled.get("status")).put("replicas", 99);
    assertThat(updateErrors(deployments, old, scaled)).isEmpty();
    assertThat(scaled.at("/metadata/generation").asLong()).isEqualTo(2);
    assertThat(scaled.at("/status").has("replicas")).as("status comes from the stored object").isFalse();
    ObjectNode labelsOnly = old.deepCopy();
    ((ObjectNode) labelsOnly.at("/metadata/labels")).put("x", "y");
    assertThat(updateErrors(deployments, old, labelsOnly)).isEmpty();
    assertThat(labelsOnly.at("/metadata/generation").asLong()).isEqualTo(1);
    ObjectNode reselect = old.deepCopy();
    ((ObjectNode) reselect.at("/spec/selector/matchLabels")).put("tier", "web");
    ((ObjectNode) reselect.at("/spec/template/metadata/labels")).put("tier", "web");
    assertThat(updateErrors(deployments, old, reselect)).containsExactly(
        "spec.selector: Invalid value: {\"matchLabels\":{\"app\":\"nginx\",\"tier\":\"web\"}}: field is immutable");
  }

  @Test
  void replicaSetDefaultsAndStatus() {
    ObjectNode rs = created(replicaSets, yaml("""
        metadata: {name: rs, namespace: default}
        spec:
          selector: {matchLabels: {app: a}}
          template: {metadata: {labels: {app: a}}, spec: {containers: [{name: c, image: i}]}}
        """));
    assertThat(rs.at("/spec/replicas").asInt()).isEqualTo(1);
    assertThat(normalized(rs.get("status"))).isEqualTo(normalized(yaml("{replicas: 0}")));
    assertThat(replicaSets.validateCreate(rs)).isEmpty();
    ObjectNode bad = created(replicaSets, yaml("""
        metadata: {name: rs, namespace: default}
        spec:
          selector: {matchExpressions: [{key: app, operator: In, values: [b]}]}
          template: {metadata: {labels: {app: a}}, spec: {activeDeadlineSeconds: 5, containers: [{name: c, image: i}]}}
        """));
    assertThat(KindTesting.messages(replicaSets.validateCreate(bad))).containsExactly(
        "spec.template.metadata.labels: Invalid value: {\"app\":\"a\"}: `selector` does not match template `labels`",
        "spec.template.spec.activeDeadlineSeconds: Forbidden: activeDeadlineSeconds in ReplicaSet is not Supported");
  }

  @Test
  void statefulSetDefaultsMatchUpstream() {
    ObjectNode sts = created(statefulSets, yaml("""
        metadata: {name: web, namespace: default}
        spec:
          serviceName: web
          selector: {matchLabels: {app: web}}
          template: {metadata: {labels: {app: web}}, spec: {containers: [{name: c, image: i}]}}
          volumeClaimTemplates:
          - metadata: {name: www}
            spec: {accessModes: [ReadWriteOnce], resources: {requests: {storage: 1024Mi}}}
        """));
    ObjectNode spec = (ObjectNode) sts.get("spec");
    assertThat(spec.get("podManagementPolicy").asText()).isEqualTo("OrderedReady");
    assertThat(normalized(spec.get("updateStrategy")))
        .isEqualTo(normalized(yaml("{type: RollingUpdate, rollingUpdate: {partition: 0}}")));
    assertThat(normalized(spec.get("persistentVolumeClaimRetentionPolicy")))
        .isEqualTo(normalized(yaml("{whenDeleted: Retain, whenScaled: Retain}")));
    assertThat(spec.get("replicas").asInt()).isEqualTo(1);
    assertThat(spec.get("revisionHistoryLimit").asInt()).isEqualTo(10);
    assertThat(normalized(spec.at("/volumeClaimTemplates/0"))).isEqualTo(normalized(yaml("""
        apiVersion: v1
        kind: PersistentVolumeClaim
        metadata: {name: www, creationTimestamp: null}
        spec: {accessModes: [ReadWriteOnce], resources: {requests: {storage: 1Gi}}, volumeMode: Filesystem}
        status: {phase: Pending}
        """)));
    assertThat(normalized(sts.get("status"))).isEqualTo(normalized(yaml("{availableReplicas: 0, replicas: 0}")));
    assertThat(statefulSets.validateCreate(sts)).isEmpty();
  }

  @Test
  void statefulSetRules() {
    assertThat(createErrors(statefulSets, """
        metadata: {name: web.v1, namespace: default}
        spec:
          podManagementPolicy: Random
          selector: {matchLabels: {app: web}}
          template: {metadata: {labels: {app: other}}, spec: {containers: [{name: c, image: i}]}}
        """)).containsExactly(
        "metadata.name: Invalid value: \"web.v1\": must not contain dots",
        "spec.podManagementPolicy: Invalid value: \"Random\": must be 'OrderedReady' or 'Parallel'",
        "spec.template.metadata.labels: Invalid value: {\"app\":\"other\"}: `selector` does not match template `labels`");
    ObjectNode old = created(statefulSets, yaml("""
        metadata: {name: web, namespace: default}
        spec:
          serviceName: web
          selector: {matchLabels: {app: web}}
          template: {metadata: {labels: {app: web}}, spec: {containers: [{name: c, image: i}]}}
        """));
    ObjectNode renamed = old.deepCopy();
    ((ObjectNode) renamed.get("spec")).put("serviceName", "other").put("replicas", 5);
    assertThat(updateErrors(statefulSets, old, renamed)).containsExactly("spec: Forbidden: updates to statefulset "
        + "spec for fields other than 'replicas', 'ordinals', 'template', 'updateStrategy', "
        + "'persistentVolumeClaimRetentionPolicy' and 'minReadySeconds' are forbidden");
  }

  @Test
  void daemonSetDefaultsAndRollingUpdateRules() {
    ObjectNode ds = created(daemonSets, yaml("""
        metadata: {name: agent, namespace: kube-system}
        spec:
          selector: {matchLabels: {app: agent}}
          template: {metadata: {labels: {app: agent}}, spec: {containers: [{name: c, image: i}]}}
        """));
    assertThat(normalized(ds.at("/spec/updateStrategy"))).isEqualTo(normalized(yaml(
        "{type: RollingUpdate, rollingUpdate: {maxUnavailable: 1, maxSurge: 0}}")));
    assertThat(ds.at("/spec/revisionHistoryLimit").asInt()).isEqualTo(10);
    assertThat(normalized(ds.get("status"))).isEqualTo(normalized(yaml(
        "{currentNumberScheduled: 0, desiredNumberScheduled: 0, numberMisscheduled: 0, numberReady: 0}")));
    assertThat(daemonSets.validateCreate(ds)).isEmpty();
    List<String> both = createErrors(daemonSets, """
        metadata: {name: agent, namespace: kube-system}
        spec:
          updateStrategy: {rollingUpdate: {maxUnavailable: 1, maxSurge: 1}}
          selector: {matchLabels: {app: agent}}
          template: {metadata: {labels: {app: agent}}, spec: {containers: [{name: c, image: i}]}}
        """);
    assertThat(both).containsExactly(
        "spec.updateStrategy.rollingUpdate.maxSurge: Invalid value: 1: may not be set when maxUnavailable is non-zero");
    List<String> none = createErrors(daemonSets, """
        metadata: {name: agent, namespace: kube-system}
        spec:
          updateStrategy: {rollingUpdate: {maxUnavailable: 0, maxSurge: 0}}
          selector: {matchLabels: {app: agent}}
          template: {metadata: {labels: {app: agent}}, spec: {containers: [{name: c, image: i}]}}
        """);
    assertThat(none).containsExactly(
        "spec.updateStrategy.rollingUpdate.maxUnavailable: Required value: cannot be 0 when maxSurge is 0");
  }

  @Test
  void controllerRevisionDataIsRequiredAndImmutable() {
    KindStrategy revisions = KindStrategies.forKind("apps", "ControllerRevision");
    assertThat(createErrors(revisions, "{metadata: {name: r, namespace: d}, revision: -1}")).containsExactly(
        "data: Required value: data is mandatory", "revision: Invalid value: -1: must be greater than or equal to 0");
    ObjectNode old = created(revisions, yaml("{metadata: {name: r, namespace: d}, revision: 1, data: {a: 1}}"));
    ObjectNode changed = old.deepCopy();
    changed.putObject("data").put("a", 2);
    assertThat(updateErrors(revisions, old, changed)).containsExactly("data: Invalid value: {\"a\":2}: field is immutable");
  }
}
