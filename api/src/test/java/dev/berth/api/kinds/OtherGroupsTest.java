package dev.berth.api.kinds;

import static dev.berth.api.kinds.KindTesting.createErrors;
import static dev.berth.api.kinds.KindTesting.created;
import static dev.berth.api.kinds.KindTesting.normalized;
import static dev.berth.api.kinds.KindTesting.updateErrors;
import static dev.berth.api.kinds.KindTesting.yaml;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

class OtherGroupsTest {

  @Test
  void podDisruptionBudgets() {
    KindStrategy pdbs = KindStrategies.forKind("policy", "PodDisruptionBudget");
    ObjectNode pdb = created(pdbs, yaml("{metadata: {name: p, namespace: d}, spec: {minAvailable: 1, selector: {matchLabels: {app: a}}}}"));
    assertThat(normalized(pdb.get("status"))).isEqualTo(normalized(yaml(
        "{currentHealthy: 0, desiredHealthy: 0, disruptionsAllowed: 0, expectedPods: 0}")));
    assertThat(pdb.at("/metadata/generation").asInt()).isEqualTo(1);
    assertThat(pdbs.validateCreate(pdb)).isEmpty();
    assertThat(createErrors(pdbs, "{metadata: {name: p, namespace: d}, spec: {minAvailable: 1, maxUnavailable: 120%, unhealthyPodEvictionPolicy: Never}}"))
        .containsExactly("spec: Invalid value: {\"minAvailable\":1,\"maxUnavailable\":\"120%\",\"unhealthyPodEvictionPolicy\":\"Never\"}: "
                + "minAvailable and maxUnavailable cannot be both set",
            "spec.maxUnavailable: Invalid value: \"120%\": must not be greater than 100%",
            "spec.unhealthyPodEvictionPolicy: Unsupported value: \"Never\": supported values: \"AlwaysAllow\", \"IfHealthyBudget\"");
  }

  @Test
  void evictions() {
    KindStrategy evictions = KindStrategies.forKind("policy", "Eviction");
    assertThat(createErrors(evictions, "{metadata: {name: p, namespace: d}, deleteOptions: {}}")).isEmpty();
    assertThat(createErrors(evictions, "{metadata: {name: p, namespace: d}, deleteOptions: {propagationPolicy: Later}}"))
        .containsExactly("propagationPolicy: Unsupported value: \"Later\": supported values: \"Foreground\", "
            + "\"Background\", \"Orphan\", \"nil\"");
  }

  @Test
  void priorityClasses() {
    KindStrategy pcs = KindStrategies.forKind("scheduling.k8s.io", "PriorityClass");
    ObjectNode pc = created(pcs, yaml("{metadata: {name: high}, value: 1000000}"));
    assertThat(pc.get("preemptionPolicy").asText()).isEqualTo("PreemptLowerPriority");
    assertThat(pcs.validateCreate(pc)).isEmpty();
    assertThat(createErrors(pcs, "{metadata: {name: huge}, value: 1000000001}"))
        .containsExactly("value: Forbidden: maximum allowed value of a user defined priority is 1000000000");
    assertThat(createErrors(pcs, "{metadata: {name: system-mine}, value: 5}")).containsExactly(
        "metadata.name: Forbidden: priority class names with 'system-' prefix are reserved for system use only. "
            + "error: system-mine is not a known system priority class");
    assertThat(createErrors(pcs, "{metadata: {name: system-node-critical}, value: 2000001000}")).isEmpty();
    ObjectNode changed = pc.deepCopy();
    changed.put("value", 5);
    assertThat(updateErrors(pcs, pc, changed)).containsExactly("value: Forbidden: may not be changed in an update.");
  }

  @Test
  void rbac() {
    KindStrategy roles = KindStrategies.forKind("rbac.authorization.k8s.io", "Role");
    KindStrategy clusterRoles = KindStrategies.forKind("rbac.authorization.k8s.io", "ClusterRole");
    KindStrategy bindings = KindStrategies.forKind("rbac.authorization.k8s.io", "RoleBinding");
    KindStrategy clusterBindings = KindStrategies.forKind("rbac.authorization.k8s.io", "ClusterRoleBinding");
    assertThat(createErrors(roles, "{metadata: {name: 'system:pod-reader', namespace: d}, rules: [{apiGroups: [''], resources: [pods], verbs: [get]}]}"))
        .isEmpty();
    assertThat(createErrors(roles, "{metadata: {name: a/b, namespace: d}, rules: [{apiGroups: [''], resources: [pods]}, {nonResourceURLs: [/healthz], verbs: [get]}]}"))
        .containsExactly("metadata.name: Invalid value: \"a/b\": may not contain '/'",
            "rules[0].verbs: Required value: verbs must contain at least one value",
            "rules[1].nonResourceURLs: Invalid value: [\"/healthz\"]: namespaced rules cannot apply to non-resource URLs");
    assertThat(createErrors(clusterRoles, "{metadata: {name: view}, rules: [{nonResourceURLs: [/healthz], verbs: [get]}]}"))
        .isEmpty();
    ObjectNode binding = created(bindings, yaml("""
        metadata: {name: b, namespace: d}
        roleRef: {kind: Role, name: pod-reader}
        subjects: [{kind: User, name: alice}, {kind: ServiceAccount, name: default}]
        """));
    assertThat(binding.at("/roleRef/apiGroup").asText()).isEqualTo("rbac.authorization.k8s.io");
    assertThat(binding.at("/subjects/0/apiGroup").asText()).isEqualTo("rbac.authorization.k8s.io");
    assertThat(binding.at("/subjects/1").has("apiGroup")).isFalse();
    assertThat(bindings.validateCreate(binding)).isEmpty();
    ObjectNode repointed = binding.deepCopy();
    ((ObjectNode) repointed.get("roleRef")).put("name", "admin");
    assertThat(updateErrors(bindings, binding, repointed)).containsExactly("roleRef: Invalid value: "
        + "{\"kind\":\"Role\",\"name\":\"admin\",\"apiGroup\":\"rbac.authorization.k8s.io\"}: cannot change roleRef");
    assertThat(createErrors(clusterBindings, "{metadata: {name: b}, roleRef: {kind: Role, name: r}, subjects: [{kind: ServiceAccount, name: sa}, {kind: Robot, name: r2}]}"))
        .containsExactly("roleRef.kind: Unsupported value: \"Role\": supported values: \"ClusterRole\"",
            "subjects[0].namespace: Required value",
            "subjects[1].kind: Unsupported value: \"Robot\": supported values: \"ServiceAccount\", \"User\", \"Group\"");
  }

  @Test
  void networkPolicies() {
    KindStrategy nps = KindStrategies.forKind("networking.k8s.io", "NetworkPolicy");
    ObjectNode np = created(nps, yaml("{metadata: {name: n, namespace: d}, spec: {egress: [{ports: [{port: 53}]}]}}"));
    assertThat(normalized(np.get("spec"))).isEqualTo(normalized(yaml(
        "{podSelector: {}, egress: [{ports: [{port: 53, protocol: TCP}]}], policyTypes: [Ingress, Egress]}")));
    assertThat(nps.validateCreate(np)).isEmpty();
    assertThat(createErrors(nps, """
        metadata: {name: n, namespace: d}
        spec:
          ingress:
          - from: [{}, {ipBlock: {cidr: 10.0.0.0/8, except: [11.0.0.0/16]}, podSelector: {}}]
            ports: [{port: http, endPort: 90}, {port: 80, endPort: 70}]
          policyTypes: [Ingress, Sideways]
        """)).containsExactly(
        "spec.ingress[0].ports[0].endPort: Invalid value: 90: may not be specified when `port` is non-numeric",
        "spec.ingress[0].ports[1].endPort: Invalid value: 80: must be greater than or equal to `port`",
        "spec.ingress[0].from[0]: Required value: must specify a peer",
        "spec.ingress[0].from[1].ipBlock.except[0]: Invalid value: \"11.0.0.0/16\": must be a strict subset of `cidr`",
        "spec.ingress[0].from[1]: Forbidden: may not specify both ipBlock and another peer",
        "spec.policyTypes[1]: Unsupported value: \"Sideways\": supported values: \"Ingress\", \"Egress\"");
  }

  @Test
  void ingresses() {
    KindStrategy ingresses = KindStrategies.forKind("networking.k8s.io", "Ingress");
    ObjectNode ing = created(ingresses, yaml("""
        metadata: {name: i, namespace: d}
        spec:
          ingressClassName: nginx
          rules:
          - host: '*.example.com'
            http:
              paths: [{path: /api, pathType: Prefix, backend: {service: {name: api, port: {number: 80}}}}]
        """));
    assertThat(normalized(ing.get("status"))).isEqualTo(normalized(yaml("{loadBalancer: {}}")));
    assertThat(ingresses.validateCreate(ing)).isEmpty();
    assertThat(createErrors(ingresses, "{metadata: {name: i, namespace: d}, spec: {}}"))
        .containsExactly("spec: Invalid value: null: either `defaultBackend` or `rules` must be specified");
    assertThat(createErrors(ingresses, """
        metadata: {name: i, namespace: d}
        spec:
          rules:
          - host: 10.0.0.1
            http:
              paths:
              - {path: api, pathType: Exact, backend: {service: {name: api, port: {number: 80, name: http}}}}
              - {path: /a//b, pathType: Prefix, backend: {service: {name: api}}}
              - {path: /, backend: {service: {name: api, port: {number: 80}}}}
        """)).containsExactly(
        "spec.rules[0].host: Invalid value: \"10.0.0.1\": must be a DNS name, not an IP address",
        "spec.rules[0].http.paths[0].path: Invalid value: \"api\": must be an absolute path",
        "spec.rules[0].http.paths[0].backend: Invalid value: \"\": cannot set both port name & port number",
        "spec.rules[0].http.paths[1].path: Invalid value: \"/a//b\": must not contain '//'",
        "spec.rules[0].http.paths[1].backend: Required value: port name or number is required",
        "spec.rules[0].http.paths[2].pathType: Required value: pathType must be specified");
  }

  @Test
  void ingressClasses() {
    KindStrategy classes = KindStrategies.forKind("networking.k8s.io", "IngressClass");
    ObjectNode c = created(classes, yaml(
        "{metadata: {name: nginx}, spec: {controller: k8s.io/ingress-nginx, parameters: {kind: Config, name: cfg}}}"));
    assertThat(c.at("/spec/parameters/scope").asText()).isEqualTo("Cluster");
    assertThat(classes.validateCreate(c)).isEmpty();
    assertThat(createErrors(classes, "{metadata: {name: x}, spec: {controller: nodomain}}"))
        .containsExactly("spec.controller: Invalid value: \"nodomain\": must be a domain-prefixed path (such as \"acme.io/foo\")");
    ObjectNode changed = c.deepCopy();
    ((ObjectNode) changed.get("spec")).put("controller", "example.com/other");
    assertThat(updateErrors(classes, c, changed))
        .containsExactly("spec.controller: Invalid value: \"example.com/other\": field is immutable");
  }

  @Test
  void storageClasses() {
    KindStrategy classes = KindStrategies.forKind("storage.k8s.io", "StorageClass");
    ObjectNode sc = created(classes, yaml("{metadata: {name: fast}, provisioner: rancher.io/local-path}"));
    assertThat(sc.get("reclaimPolicy").asText()).isEqualTo("Delete");
    assertThat(sc.get("volumeBindingMode").asText()).isEqualTo("Immediate");
    assertThat(classes.validateCreate(sc)).isEmpty();
    assertThat(createErrors(classes, "{metadata: {name: x}, reclaimPolicy: Recycle}"))
        .containsExactly("provisioner: Required value",
            "reclaimPolicy: Unsupported value: \"Recycle\": supported values: \"Delete\", \"Retain\"");
    ObjectNode changed = sc.deepCopy();
    changed.putObject("parameters").put("a", "b");
    assertThat(updateErrors(classes, sc, changed)).containsExactly("parameters: Forbidden: updates to parameters are forbidden.");
  }

  @Test
  void horizontalPodAutoscalersV2() {
    KindStrategy hpas = KindStrategies.forKind("autoscaling", "HorizontalPodAutoscaler");
    ObjectNode hpa = created(hpas, yaml("""
        apiVersion: autoscaling/v2
        kind: HorizontalPodAutoscaler
        metadata: {name: web, namespace: d}
        spec:
          scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: web}
          maxReplicas: 5
          behavior: {scaleDown: {stabilizationWindowSeconds: 60}}
        """));
    assertThat(normalized(hpa.get("spec"))).isEqualTo(normalized(yaml("""
        scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: web}
        minReplicas: 1
        maxReplicas: 5
        metrics: [{type: Resource, resource: {name: cpu, target: {type: Utilization, averageUtilization: 80}}}]
        behavior:
          scaleDown:
            stabilizationWindowSeconds: 60
            selectPolicy: Max
            policies: [{type: Percent, value: 100, periodSeconds: 15}]
          scaleUp:
            stabilizationWindowSeconds: 0
            selectPolicy: Max
            policies: [{type: Pods, value: 4, periodSeconds: 15}, {type: Percent, value: 100, periodSeconds: 15}]
        """)));
    assertThat(normalized(hpa.get("status"))).isEqualTo(normalized(yaml("{desiredReplicas: 0}")));
    assertThat(hpas.validateCreate(hpa)).isEmpty();
    assertThat(createErrors(hpas, """
        apiVersion: autoscaling/v2
        metadata: {name: web, namespace: d}
        spec:
          scaleTargetRef: {name: web}
          minReplicas: 3
          maxReplicas: 2
          metrics: [{type: Pods}, {type: Resource, resource: {name: cpu, target: {type: Utilization, averageUtilization: 0}}}]
        """)).containsExactly("spec.scaleTargetRef.kind: Required value",
        "spec.maxReplicas: Invalid value: 2: must be greater than or equal to `minReplicas`",
        "spec.metrics[0].pods: Required value: must populate information for the given metric source",
        "spec.metrics[1].resource.target.averageUtilization: Invalid value: 0: must be greater than 0");
  }

  @Test
  void horizontalPodAutoscalersV1KeepTheirShape() {
    KindStrategy hpas = KindStrategies.forKind("autoscaling", "HorizontalPodAutoscaler");
    ObjectNode hpa = created(hpas, yaml("""
        apiVersion: autoscaling/v1
        metadata: {name: web, namespace: d}
        spec: {scaleTargetRef: {kind: Deployment, name: web}, maxReplicas: 3, targetCPUUtilizationPercentage: 50}
        """));
    assertThat(hpa.get("spec").has("metrics")).isFalse();
    assertThat(normalized(hpa.get("status"))).isEqualTo(normalized(yaml("{currentReplicas: 0, desiredReplicas: 0}")));
    assertThat(hpas.validateCreate(hpa)).isEmpty();
  }

  @Test
  void scale() {
    KindStrategy scales = KindStrategies.forKind("autoscaling", "Scale");
    assertThat(createErrors(scales, "{metadata: {name: web, namespace: d}, spec: {replicas: -1}}"))
        .containsExactly("spec.replicas: Invalid value: -1: must be greater than or equal to 0");
  }

  @Test
  void leases() {
    KindStrategy leases = KindStrategies.forKind("coordination.k8s.io", "Lease");
    assertThat(createErrors(leases, "{metadata: {name: n1, namespace: kube-node-lease}, spec: {holderIdentity: n1, leaseDurationSeconds: 40}}"))
        .isEmpty();
    assertThat(createErrors(leases, "{metadata: {name: n1, namespace: kube-node-lease}, spec: {leaseDurationSeconds: 0, leaseTransitions: -1}}"))
        .containsExactly("spec.leaseDurationSeconds: Invalid value: 0: must be greater than 0",
            "spec.leaseTransitions: Invalid value: -1: must be greater than or equal to 0");
  }

  @Test
  void endpointSlices() {
    KindStrategy slices = KindStrategies.forKind("discovery.k8s.io", "EndpointSlice");
    ObjectNode slice = created(slices, yaml(
        "{metadata: {name: s, namespace: d}, addressType: IPv4, endpoints: [{addresses: [10.1.0.5]}], ports: [{port: 80}]}"));
    assertThat(normalized(slice.at("/ports/0"))).isEqualTo(normalized(yaml("{port: 80, protocol: TCP, name: ''}")));
    assertThat(slices.validateCreate(slice)).isEmpty();
    assertThat(createErrors(slices, "{metadata: {name: s, namespace: d}, addressType: IPv4, endpoints: [{addresses: ['::1']}, {addresses: []}]}"))
        .containsExactly("endpoints[0].addresses[0]: Invalid value: \"::1\": must be a valid IPv4 address",
            "endpoints[1].addresses: Required value: must contain at least 1 address");
    ObjectNode changed = slice.deepCopy();
    changed.put("addressType", "IPv6");
    ((ObjectNode) changed.at("/endpoints/0")).putArray("addresses").add("fd00::5");
    assertThat(updateErrors(slices, slice, changed)).containsExactly("addressType: Invalid value: \"IPv6\": field is immutable");
    assertThat(changed.at("/metadata/generation").asInt()).isEqualTo(2);
  }

  @Test
  void eventsV1() {
    KindStrategy events = KindStrategies.forKind("events.k8s.io", "Event");
    String valid = """
        metadata: {name: e.1, namespace: default}
        eventTime: '2024-01-01T00:00:00.000000Z'
        reportingController: example.com/ctrl
        reportingInstance: ctrl-1
        action: Scale
        reason: Scaled
        type: Normal
        regarding: {kind: Deployment, name: web, namespace: default}
        note: scaled
        """;
    assertThat(createErrors(events, valid)).isEmpty();
    assertThat(createErrors(events, valid.replace("type: Normal", "type: Fine") + "deprecatedCount: 3\n"))
        .containsExactly("type: Invalid value: \"\": has invalid value: Fine", "count: Invalid value: \"\": needs to be unset");
    ObjectNode old = created(events, yaml(valid));
    ObjectNode changed = old.deepCopy();
    changed.put("note", "other");
    assertThat(updateErrors(events, old, changed)).containsExactly("message: Invalid value: \"other\": field is immutable");
  }

  @Test
  void webhookConfigurations() {
    KindStrategy mutating = KindStrategies.forKind("admissionregistration.k8s.io", "MutatingWebhookConfiguration");
    ObjectNode cfg = created(mutating, yaml("""
        metadata: {name: hooks}
        webhooks:
        - name: pods.hooks.example.com
          admissionReviewVersions: [v1]
          sideEffects: None
          clientConfig: {service: {name: hook, namespace: system}}
          rules: [{operations: [CREATE], apiGroups: [''], apiVersions: [v1], resources: [pods]}]
        """));
    assertThat(normalized(cfg.at("/webhooks/0"))).isEqualTo(normalized(yaml("""
        name: pods.hooks.example.com
        admissionReviewVersions: [v1]
        sideEffects: None
        clientConfig: {service: {name: hook, namespace: system, port: 443}}
        rules: [{operations: [CREATE], apiGroups: [''], apiVersions: [v1], resources: [pods], scope: '*'}]
        failurePolicy: Fail
        matchPolicy: Equivalent
        namespaceSelector: {}
        objectSelector: {}
        timeoutSeconds: 10
        reinvocationPolicy: Never
        """)));
    assertThat(mutating.validateCreate(cfg)).isEmpty();
    KindStrategy validating = KindStrategies.forKind("admissionregistration.k8s.io", "ValidatingWebhookConfiguration");
    assertThat(createErrors(validating, """
        metadata: {name: hooks}
        webhooks:
        - name: short.name
          admissionReviewVersions: [v2]
          timeoutSeconds: 60
          clientConfig: {url: 'http://hook.example.com/x'}
        """)).containsExactly(
        "webhooks[0].name: Invalid value: \"short.name\": should be a domain with at least three segments separated by dots",
        "webhooks[0].admissionReviewVersions: Invalid value: [\"v2\"]: must include at least one of v1, v1beta1",
        "webhooks[0].sideEffects: Required value: must specify one of None, NoneOnDryRun",
        "webhooks[0].timeoutSeconds: Invalid value: 60: the timeout value must be between 1 and 30 seconds",
        "webhooks[0].clientConfig.url: Invalid value: \"http://hook.example.com/x\": 'https' is the only allowed URL scheme");
  }

  @Test
  void unknownKindsOnlyGetMetadataRules() {
    KindStrategy widgets = KindStrategies.forKind("example.com", "Widget");
    assertThat(KindStrategies.isBuiltIn("example.com", "Widget")).isFalse();
    assertThat(KindStrategies.isBuiltIn("apps", "Deployment")).isTrue();
    ObjectNode w = yaml("{metadata: {name: w, namespace: d, finalizers: [custom]}, spec: {anything: 1}}");
    widgets.applyDefaults(w);
    widgets.prepareForCreate(w);
    assertThat(normalized(w)).isEqualTo(normalized(yaml("{metadata: {name: w, namespace: d, finalizers: [custom]}, spec: {anything: 1}}")));
    assertThat(widgets.validateCreate(w)).isEmpty();
    assertThat(KindTesting.messages(widgets.validateCreate(yaml("{metadata: {name: W}}"))))
        .singleElement().asString().startsWith("metadata.name: Invalid value: \"W\"");
  }

  @Test
  void clusterScopedKindsDropANamespaceOnCreate() {
    KindStrategy clusterRoles = KindStrategies.forKind("rbac.authorization.k8s.io", "ClusterRole");
    ObjectNode role = created(clusterRoles, yaml("{metadata: {name: r, namespace: default}}"));
    assertThat(role.get("metadata").has("namespace")).isFalse();
    assertThat(clusterRoles.validateCreate(role)).isEmpty();
  }

  @Test
  void updatesKeepSystemFieldsTheClientCannotSet() {
    KindStrategy cms = KindStrategies.forKind("", "ConfigMap");
    ObjectNode old = yaml("""
        metadata: {name: c, namespace: d, uid: u-1, generation: 4, creationTimestamp: '2024-01-01T00:00:00Z',
                   resourceVersion: '7'}
        data: {a: b}
        """);
    ObjectNode replacement = yaml("{metadata: {name: c, namespace: d, generation: 9}, data: {a: c}}");
    assertThat(updateErrors(cms, old, replacement)).isEmpty();
    assertThat(normalized(replacement.get("metadata"))).isEqualTo(normalized(yaml(
        "{name: c, namespace: d, uid: u-1, generation: 4, creationTimestamp: '2024-01-01T00:00:00Z'}")));
    ObjectNode otherUid = yaml("{metadata: {name: c, namespace: d, uid: u-2}, data: {a: c}}");
    assertThat(updateErrors(cms, old, otherUid)).containsExactly("metadata.uid: Invalid value: \"u-2\": field is immutable");
    KindStrategy widgets = KindStrategies.forKind("example.com", "Widget");
    ObjectNode widget = yaml("{metadata: {name: w}}");
    widgets.prepareForUpdate(widget, old);
    assertThat(widget.at("/metadata/uid").asText()).isEqualTo("u-1");
  }
}
