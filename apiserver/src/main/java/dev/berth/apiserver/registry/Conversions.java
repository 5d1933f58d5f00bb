package dev.berth.apiserver.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.berth.api.registry.ResourceDescriptor;
import dev.berth.apiserver.util.Json;
import java.io.IOException;
import java.util.Map;

/**
 * Conversions between API versions that share storage: autoscaling/v1 HorizontalPodAutoscalers
 * (stored as autoscaling/v2) and events.k8s.io/v1 Events (stored as core/v1 Events). What v1 cannot
 * express is kept in annotations, as upstream does, so a round trip loses nothing.
 */
public final class Conversions {

  static final String METRICS_ANNOTATION = "autoscaling.alpha.kubernetes.io/metrics";
  static final String BEHAVIOR_ANNOTATION = "autoscaling.alpha.kubernetes.io/behavior";
  static final String CONDITIONS_ANNOTATION = "autoscaling.alpha.kubernetes.io/conditions";
  static final String CURRENT_METRICS_ANNOTATION = "autoscaling.alpha.kubernetes.io/current-metrics";

  private Conversions() {}

  /** The converter for a descriptor: identity unless it is served in a non-storage version. */
  public static VersionConverter forDescriptor(ResourceDescriptor d) {
    if (d.group().equals("autoscaling") && d.version().equals("v1")) {
      return HPA_V1;
    }
    if (d.group().equals("events.k8s.io")) {
      return EVENTS_V1;
    }
    return VersionConverter.IDENTITY;
  }

  // ------------------------------------------------------------------ HPA v1 <-> v2

  static final VersionConverter HPA_V1 = new VersionConverter() {
    @Override
    public ObjectNode toStorage(ObjectNode v1) {
      ObjectNode v2 = v1.deepCopy();
      v2.put("apiVersion", "autoscaling/v2");
      ObjectNode annotations = annotations(v2);
      ObjectNode spec = object(v2, "spec");
      JsonNode target = spec.remove("targetCPUUtilizationPercentage");
      JsonNode savedMetrics = parseAnnotation(annotations.remove(METRICS_ANNOTATION));
      JsonNode savedBehavior = parseAnnotation(annotations.remove(BEHAVIOR_ANNOTATION));
      ArrayNode metrics = Json.NODES.arrayNode();
      if (target != null && target.canConvertToInt()) {
        metrics.add(cpuMetric(target.asInt()));
      }
      if (savedMetrics instanceof ArrayNode saved) {
        for (JsonNode m : saved) {
          if (!isCpuUtilization(m)) {
            metrics.add(m);
          }
        }
      }
      if (!metrics.isEmpty()) {
        spec.set("metrics", metrics);
      }
      if (savedBehavior != null && savedBehavior.isObject()) {
        spec.set("behavior", savedBehavior);
      }
      JsonNode statusNode = v2.get("status");
      if (statusNode instanceof ObjectNode status) {
        JsonNode current = status.remove("currentCPUUtilizationPercentage");
        ArrayNode currentMetrics = Json.NODES.arrayNode();
        if (current != null && current.canConvertToInt()) {
          ObjectNode cm = currentMetrics.addObject();
          cm.put("type", "Resource");
          ObjectNode res = cm.putObject("resource");
          res.put("name", "cpu");
          res.putObject("current").put("averageUtilization", current.asInt());
        }
        JsonNode savedCurrent = parseAnnotation(annotations.remove(CURRENT_METRICS_ANNOTATION));
        if (savedCurrent instanceof ArrayNode saved) {
          for (JsonNode m : saved) {
            if (!isCpuUtilization(m)) {
              currentMetrics.add(m);
            }
          }
        }
        if (!currentMetrics.isEmpty()) {
          status.set("currentMetrics", currentMetrics);
        }
        JsonNode conditions = parseAnnotation(annotations.remove(CONDITIONS_ANNOTATION));
        if (conditions != null && conditions.isArray()) {
          status.set("conditions", conditions);
        }
      } else {
        annotations.remove(CURRENT_METRICS_ANNOTATION);
        annotations.remove(CONDITIONS_ANNOTATION);
      }
      dropEmptyAnnotations(v2);
      return v2;
    }

    @Override
    public ObjectNode fromStorage(ObjectNode v2) {
      ObjectNode v1 = v2.deepCopy();
      v1.put("apiVersion", "autoscaling/v1");
      ObjectNode spec = object(v1, "spec");
      JsonNode metricsNode = spec.remove("metrics");
      JsonNode behavior = spec.remove("behavior");
      ArrayNode others = Json.NODES.arrayNode();
      if (metricsNode != null && metricsNode.isArray()) {
        for (JsonNode m : metricsNode) {
          if (isCpuUtilization(m) && !spec.has("targetCPUUtilizationPercentage")) {
            spec.put("targetCPUUtilizationPercentage",
                m.path("resource").path("target").path("averageUtilization").asInt());
          } else {
            others.add(m);
          }
        }
      }
      if (!others.isEmpty()) {
        annotations(v1).put(METRICS_ANNOTATION, Json.string(others));
      }
      if (behavior != null && behavior.isObject()) {
        annotations(v1).put(BEHAVIOR_ANNOTATION, Json.string(behavior));
      }
      JsonNode statusNode = v1.get("status");
      if (statusNode instanceof ObjectNode status) {
        JsonNode current = status.remove("currentMetrics");
        ArrayNode otherCurrent = Json.NODES.arrayNode();
        if (current != null && current.isArray()) {
          for (JsonNode m : current) {
            JsonNode util = m.path("resource").path("current").path("averageUtilization");
            if (m.path("type").asText().equals("Resource")
                && m.path("resource").path("name").asText().equals("cpu") && util.canConvertToInt()
                && !status.has("currentCPUUtilizationPercentage")) {
              status.put("currentCPUUtilizationPercentage", util.asInt());
            } else {
              otherCurrent.add(m);
            }
          }
        }
        if (!otherCurrent.isEmpty()) {
          annotations(v1).put(CURRENT_METRICS_ANNOTATION, Json.string(otherCurrent));
        }
        JsonNode conditions = status.remove("conditions");
        if (conditions != null && conditions.isArray() && !conditions.isEmpty()) {
          annotations(v1).put(CONDITIONS_ANNOTATION, Json.string(conditions));
        }
      }
      dropEmptyAnnotations(v1);
      return v1;
    }

    @Override
    public boolean identity() {
      return false;
    }
  };

  private static ObjectNode cpuMetric(int utilization) {
    ObjectNode m = Json.NODES.objectNode();
    m.put("type", "Resource");
    ObjectNode res = m.putObject("resource");
    res.put("name", "cpu");
    ObjectNode target = res.putObject("target");
    target.put("type", "Utilization");
    target.put("averageUtilization", utilization);
    return m;
  }

  private static boolean isCpuUtilization(JsonNode m) {
    return m.path("type").asText().equals("Resource")
        && m.path("resource").path("name").asText().equals("cpu")
        && m.path("resource").path("target").path("type").asText().equals("Utilization");
  }

  // ------------------------------------------------------------------ events.k8s.io <-> core

  private static final Map<String, String> EVENT_FIELDS = Map.of(
      "regarding", "involvedObject",
      "note", "message",
      "deprecatedSource", "source",
      "deprecatedFirstTimestamp", "firstTimestamp",
      "deprecatedLastTimestamp", "lastTimestamp",
      "deprecatedCount", "count",
      "reportingController", "reportingComponent");

  static final VersionConverter EVENTS_V1 = new VersionConverter() {
    @Override
    public ObjectNode toStorage(ObjectNode served) {
      ObjectNode core = rename(served, false);
      core.put("apiVersion", "v1");
      return core;
    }

    @Override
    public ObjectNode fromStorage(ObjectNode stored) {
      ObjectNode v1 = rename(stored, true);
      v1.put("apiVersion", "events.k8s.io/v1");
      return v1;
    }

    @Override
    public boolean identity() {
      return false;
    }
  };

  private static ObjectNode rename(ObjectNode in, boolean coreToV1) {
    ObjectNode out = Json.NODES.objectNode();
    in.fields().forEachRemaining(e -> {
      String name = e.getKey();
      String mapped = name;
      for (Map.Entry<String, String> m : EVENT_FIELDS.entrySet()) {
        if (coreToV1 && m.getValue().equals(name)) {
          mapped = m.getKey();
        } else if (!coreToV1 && m.getKey().equals(name)) {
          mapped = m.getValue();
        }
      }
      out.set(mapped, e.getValue());
    });
    return out;
  }

  // ------------------------------------------------------------------ helpers

  private static ObjectNode object(ObjectNode parent, String field) {
    JsonNode n = parent.get(field);
    return n instanceof ObjectNode o ? o : parent.putObject(field);
  }

  private static ObjectNode annotations(ObjectNode obj) {
    return object(Json.metadata(obj), "annotations");
  }

  private static void dropEmptyAnnotations(ObjectNode obj) {
    JsonNode a = obj.path("metadata").get("annotations");
    if (a != null && a.isObject() && a.isEmpty()) {
      Json.metadata(obj).remove("annotations");
    }
  }

  private static JsonNode parseAnnotation(JsonNode value) {
    if (value == null || !value.isTextual()) {
      return null;
    }
    try {
      return Json.MAPPER.readTree(value.asText());
    } catch (IOException e) {
      return null;
    }
  }
}
