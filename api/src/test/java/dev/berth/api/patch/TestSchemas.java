package dev.berth.api.patch;

import dev.berth.api.schema.Schema;

/**
 * Hand-built schemas shaped like the built-in ones, carrying the patch metadata upstream declares on the
 * Go types ({@code patchStrategy} / {@code patchMergeKey} struct tags), for testing strategic merge patch
 * without the real schema registry.
 */
final class TestSchemas {

  private TestSchemas() {}

  static Schema object(Object... fieldsAndSchemas) {
    Schema s = Schema.object();
    for (int i = 0; i < fieldsAndSchemas.length; i += 2) {
      s.property((String) fieldsAndSchemas[i], (Schema) fieldsAndSchemas[i + 1]);
    }
    return s;
  }

  static Schema str() {
    return Schema.string();
  }

  static Schema integer() {
    return new Schema(Schema.Type.INTEGER);
  }

  static Schema bool() {
    return new Schema(Schema.Type.BOOLEAN);
  }

  static Schema stringMap() {
    return Schema.mapOf(Schema.string());
  }

  /** A list merged element-wise by {@code mergeKey}. */
  static Schema mergeList(String mergeKey, Schema items) {
    return Schema.array(items).patchStrategy("merge").patchMergeKey(mergeKey).listType("map");
  }

  /** A list of scalars merged as a set. */
  static Schema mergeSet(Schema items) {
    return Schema.array(items).patchStrategy("merge").listType("set");
  }

  /** A list without patch strategy: replaced as a whole. */
  static Schema atomicList(Schema items) {
    return Schema.array(items);
  }

  static Schema objectMeta() {
    Schema ownerReference = object("apiVersion", str(), "kind", str(), "name", str(), "uid", str(),
        "controller", bool());
    return object(
        "name", str(),
        "namespace", str(),
        "uid", str(),
        "resourceVersion", str(),
        "generation", integer(),
        "labels", stringMap(),
        "annotations", stringMap(),
        "finalizers", mergeSet(str()),
        "ownerReferences", mergeList("uid", ownerReference));
  }

  static Schema container() {
    Schema port = object("name", str(), "containerPort", integer(), "protocol", str(), "hostPort", integer());
    Schema envVar = object("name", str(), "value", str(),
        "valueFrom", object("fieldRef", object("fieldPath", str()),
            "secretKeyRef", object("name", str(), "key", str())));
    Schema volumeMount = object("name", str(), "mountPath", str(), "readOnly", bool());
    Schema quantities = Schema.mapOf(new Schema(Schema.Type.INT_OR_STRING));
    return object(
        "name", str(),
        "image", str(),
        "imagePullPolicy", str(),
        "command", atomicList(str()),
        "args", atomicList(str()),
        "ports", mergeList("containerPort", port),
        "env", mergeList("name", envVar),
        "volumeMounts", mergeList("mountPath", volumeMount),
        "resources", object("limits", quantities, "requests", quantities),
        "securityContext", object("runAsUser", integer(), "privileged", bool()));
  }

  static Schema podSpec() {
    Schema volume = object(
        "name", str(),
        "emptyDir", object("medium", str(), "sizeLimit", new Schema(Schema.Type.INT_OR_STRING)),
        "configMap", object("name", str(), "defaultMode", integer()),
        "secret", object("secretName", str()),
        "hostPath", object("path", str(), "type", str()));
    Schema toleration = object("key", str(), "operator", str(), "value", str(), "effect", str(),
        "tolerationSeconds", integer());
    return object(
        "containers", mergeList("name", container()),
        "initContainers", mergeList("name", container()),
        "volumes", Schema.array(volume).patchStrategy("merge,retainKeys").patchMergeKey("name"),
        "tolerations", atomicList(toleration),
        "imagePullSecrets", mergeList("name", object("name", str())),
        "nodeSelector", stringMap(),
        "nodeName", str(),
        "restartPolicy", str(),
        "serviceAccountName", str(),
        "securityContext", object("runAsUser", integer(), "fsGroup", integer(), "runAsNonRoot", bool()));
  }

  static Schema podStatus() {
    Schema condition = object("type", str(), "status", str(), "reason", str());
    return object("phase", str(), "podIP", str(), "conditions", mergeList("type", condition));
  }

  /** A Pod: the patch metadata of core/v1 Pod that SMP needs. */
  static Schema pod() {
    return object("apiVersion", str(), "kind", str(), "metadata", objectMeta(), "spec", podSpec(),
        "status", podStatus()).name("io.k8s.api.core.v1.Pod");
  }

  static Schema labelSelector() {
    Schema requirement = object("key", str(), "operator", str(), "values", atomicList(str()));
    return object("matchLabels", stringMap(), "matchExpressions", atomicList(requirement));
  }

  /** An apps/v1 Deployment, with the retainKeys strategy of {@code spec.strategy}. */
  static Schema deployment() {
    Schema rollingUpdate = object("maxSurge", new Schema(Schema.Type.INT_OR_STRING),
        "maxUnavailable", new Schema(Schema.Type.INT_OR_STRING));
    Schema strategy = object("type", str(), "rollingUpdate", rollingUpdate).patchStrategy("retainKeys");
    Schema template = object("metadata", objectMeta(), "spec", podSpec());
    Schema spec = object("replicas", integer(), "selector", labelSelector(), "template", template,
        "strategy", strategy, "paused", bool(), "revisionHistoryLimit", integer());
    Schema condition = object("type", str(), "status", str(), "reason", str(), "message", str());
    Schema status = object("replicas", integer(), "readyReplicas", integer(), "observedGeneration", integer(),
        "conditions", mergeList("type", condition));
    return object("apiVersion", str(), "kind", str(), "metadata", objectMeta(), "spec", spec,
        "status", status).name("io.k8s.api.apps.v1.Deployment");
  }

  /** A Node: taints are a list without patch strategy upstream. */
  static Schema node() {
    Schema taint = object("key", str(), "value", str(), "effect", str());
    return object("apiVersion", str(), "kind", str(), "metadata", objectMeta(),
        "spec", object("unschedulable", bool(), "taints", atomicList(taint), "podCIDR", str()),
        "status", object("conditions", mergeList("type", object("type", str(), "status", str()))));
  }
}
