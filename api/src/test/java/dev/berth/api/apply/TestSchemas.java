package dev.berth.api.apply;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.berth.api.schema.Schema;
import java.util.List;

/**
 * Hand-built schemas shaped like the Kubernetes OpenAPI (list types, map keys, atomic maps,
 * defaults) for the kinds the tests use, independent of the built-in schema derivation.
 */
final class TestSchemas {

  static final ObjectMapper JSON = new ObjectMapper();

  private TestSchemas() {}

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
    return Schema.mapOf(str());
  }

  static Schema mapList(Schema item, String... keys) {
    return Schema.array(item).listType("map").listMapKeys(List.of(keys));
  }

  static Schema setList(Schema item) {
    return Schema.array(item).listType("set");
  }

  static Schema atomicList(Schema item) {
    return Schema.array(item).listType("atomic");
  }

  static Schema objectMeta() {
    Schema ownerRef = Schema.object()
        .property("apiVersion", str()).property("kind", str()).property("name", str())
        .property("uid", str()).property("controller", bool()).property("blockOwnerDeletion", bool());
    Schema managedEntry = Schema.object()
        .property("manager", str()).property("operation", str()).property("apiVersion", str())
        .property("time", str()).property("fieldsType", str())
        .property("fieldsV1", Schema.object().preserveUnknownFields(true))
        .property("subresource", str());
    return Schema.object().name("io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta")
        .property("name", str())
        .property("generateName", str())
        .property("namespace", str())
        .property("uid", str())
        .property("resourceVersion", str())
        .property("generation", integer())
        .property("creationTimestamp", str())
        .property("deletionTimestamp", str())
        .property("labels", stringMap())
        .property("annotations", stringMap())
        .property("finalizers", setList(str()).patchStrategy("merge"))
        .property("ownerReferences", mapList(ownerRef, "uid"))
        .property("managedFields", Schema.array(managedEntry));
  }

  static Schema container() {
    Schema port = Schema.object()
        .property("name", str())
        .property("containerPort", integer())
        .property("protocol", str().defaultValue(TextNode.valueOf("TCP")))
        .property("hostPort", integer());
    Schema envVar = Schema.object()
        .property("name", str())
        .property("value", str())
        .property("valueFrom", Schema.object()
            .property("fieldRef", Schema.object().mapType("atomic")
                .property("apiVersion", str()).property("fieldPath", str())));
    Schema resources = Schema.object()
        .property("limits", Schema.mapOf(new Schema(Schema.Type.INT_OR_STRING)))
        .property("requests", Schema.mapOf(new Schema(Schema.Type.INT_OR_STRING)));
    Schema mount = Schema.object()
        .property("name", str()).property("mountPath", str()).property("readOnly", bool());
    return Schema.object().name("io.k8s.api.core.v1.Container")
        .property("name", str())
        .property("image", str())
        .property("imagePullPolicy", str())
        .property("command", atomicList(str()))
        .property("args", atomicList(str()))
        .property("env", mapList(envVar, "name").patchStrategy("merge").patchMergeKey("name"))
        .property("ports", mapList(port, "containerPort", "protocol"))
        .property("resources", resources)
        .property("volumeMounts", mapList(mount, "mountPath"))
        .property("terminationMessagePath", str())
        .property("terminationMessagePolicy", str())
        .require("name");
  }

  static Schema podSpec() {
    Schema volume = Schema.object()
        .property("name", str())
        .property("configMap", Schema.object().property("name", str()))
        .property("emptyDir", Schema.object().property("medium", str()));
    Schema toleration = Schema.object()
        .property("key", str()).property("operator", str()).property("effect", str());
    return Schema.object().name("io.k8s.api.core.v1.PodSpec")
        .property("containers", mapList(container(), "name"))
        .property("initContainers", mapList(container(), "name"))
        .property("volumes", mapList(volume, "name"))
        .property("nodeSelector", stringMap().mapType("atomic"))
        .property("tolerations", atomicList(toleration))
        .property("restartPolicy", str())
        .property("terminationGracePeriodSeconds", integer())
        .property("dnsPolicy", str())
        .property("schedulerName", str())
        .property("serviceAccountName", str())
        .property("nodeName", str())
        .property("securityContext", Schema.object().property("runAsUser", integer()));
  }

  static Schema condition() {
    return Schema.object()
        .property("type", str()).property("status", str()).property("reason", str())
        .property("message", str()).property("lastTransitionTime", str())
        .property("lastProbeTime", str());
  }

  static Schema labelSelector() {
    return Schema.object().mapType("atomic")
        .property("matchLabels", stringMap())
        .property("matchExpressions", atomicList(Schema.object()
            .property("key", str()).property("operator", str()).property("values", atomicList(str()))));
  }

  static Schema deployment() {
    Schema template = Schema.object().property("metadata", objectMeta()).property("spec", podSpec());
    Schema strategy = Schema.object()
        .property("type", str())
        .property("rollingUpdate", Schema.object()
            .property("maxSurge", new Schema(Schema.Type.INT_OR_STRING))
            .property("maxUnavailable", new Schema(Schema.Type.INT_OR_STRING)));
    Schema spec = Schema.object()
        .property("replicas", integer())
        .property("selector", labelSelector())
        .property("template", template)
        .property("strategy", strategy)
        .property("minReadySeconds", integer())
        .property("revisionHistoryLimit", integer())
        .property("progressDeadlineSeconds", integer())
        .property("paused", bool());
    Schema status = Schema.object()
        .property("observedGeneration", integer())
        .property("replicas", integer())
        .property("readyReplicas", integer())
        .property("availableReplicas", integer())
        .property("updatedReplicas", integer())
        .property("conditions", mapList(condition(), "type"));
    return Schema.object().name("io.k8s.api.apps.v1.Deployment")
        .property("apiVersion", str())
        .property("kind", str())
        .property("metadata", objectMeta())
        .property("spec", spec)
        .property("status", status);
  }

  static Schema pod() {
    Schema status = Schema.object()
        .property("phase", str())
        .property("conditions", mapList(condition(), "type"))
        .property("hostIP", str())
        .property("podIP", str())
        .property("podIPs", mapList(Schema.object().property("ip", str()), "ip"))
        .property("startTime", str())
        .property("qosClass", str())
        .property("containerStatuses", atomicList(Schema.object()
            .property("name", str()).property("ready", bool()).property("restartCount", integer())
            .property("image", str()).property("imageID", str()).property("containerID", str())
            .property("started", bool())
            .property("state", new Schema(Schema.Type.ANY).preserveUnknownFields(true))));
    return Schema.object().name("io.k8s.api.core.v1.Pod")
        .property("apiVersion", str())
        .property("kind", str())
        .property("metadata", objectMeta())
        .property("spec", podSpec())
        .property("status", status);
  }

  static Schema configMap() {
    return Schema.object()
        .property("apiVersion", str())
        .property("kind", str())
        .property("metadata", objectMeta())
        .property("data", stringMap())
        .property("binaryData", stringMap())
        .property("immutable", bool());
  }

  /** A custom resource: a typed part, a free-form part and a preserve-unknown-fields part. */
  static Schema widget() {
    Schema spec = Schema.object()
        .property("size", integer())
        .property("tags", setList(str()))
        .property("ports", setList(integer()))
        .property("config", Schema.object())
        .property("extra", Schema.object().preserveUnknownFields(true).property("known", str()))
        .property("items", mapList(Schema.object().property("id", integer()).property("value", str()), "id"))
        .property("raw", new Schema(Schema.Type.ANY));
    return Schema.object()
        .property("apiVersion", str())
        .property("kind", str())
        .property("metadata", objectMeta())
        .property("spec", spec)
        .property("status", Schema.object().preserveUnknownFields(true));
  }

  /** Parses JSON, with single quotes allowed so test literals stay readable. */
  static ObjectNode obj(String json) {
    try {
      return (ObjectNode) JSON.readTree(json.replace('\'', '"'));
    } catch (Exception e) {
      throw new IllegalArgumentException(json, e);
    }
  }

  static JsonNode json(String json) {
    try {
      return JSON.readTree(json.replace('\'', '"'));
    } catch (Exception e) {
      throw new IllegalArgumentException(json, e);
    }
  }
}
