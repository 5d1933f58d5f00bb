package dev.berth.api.table;

import static dev.berth.api.table.ColumnDefinition.of;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * HorizontalPodAutoscalers, from autoscaling/v2 or autoscaling/v1 objects. Upstream prints the
 * internal (v2-shaped) type; a v1 object's CPU target is converted the way the v1 → internal
 * conversion does it (an unset target means the default 80%).
 */
final class HpaPrinter implements TablePrinter {

  /** autoscaling.DefaultCPUUtilization, applied by the v1 conversion. */
  private static final long DEFAULT_CPU_UTILIZATION = 80;
  private static final int MAX_METRICS = 2;

  private static final List<ColumnDefinition> COLUMNS = List.of(
      Columns.NAME,
      of("Reference", "string", Descriptions.HPA_SCALE_TARGET),
      of("Targets", "string", Descriptions.HPA_METRICS),
      of("MinPods", "string", Descriptions.HPA_MIN),
      of("MaxPods", "string", Descriptions.HPA_MAX),
      of("Replicas", "string", Descriptions.HPA_CURRENT),
      Columns.AGE);

  @Override
  public List<ColumnDefinition> columns() {
    return COLUMNS;
  }

  @Override
  public List<Object> cells(ObjectNode obj, Instant now) {
    JsonNode spec = obj.path("spec");
    JsonNode status = obj.path("status");
    JsonNode target = spec.path("scaleTargetRef");
    JsonNode minReplicas = spec.path("minReplicas");
    return List.of(
        Cells.name(obj),
        Cells.text(target.path("kind")) + "/" + Cells.text(target.path("name")),
        targets(obj, spec, status),
        Cells.present(minReplicas) ? Long.toString(Cells.integer(minReplicas)) : Cells.UNSET,
        Cells.integer(spec.path("maxReplicas")),
        Cells.integer(status.path("currentReplicas")),
        Cells.age(obj, now));
  }

  private static String targets(JsonNode obj, JsonNode spec, JsonNode status) {
    if (isV1(obj, spec)) {
      return v1Target(spec, status);
    }
    JsonNode metrics = spec.path("metrics");
    int n = Cells.size(metrics);
    if (n == 0) {
      return Cells.NONE;
    }
    JsonNode statuses = status.path("currentMetrics");
    int statusCount = Cells.size(statuses);
    List<String> list = new ArrayList<>(Math.min(n, MAX_METRICS));
    for (int i = 0; i < n && list.size() < MAX_METRICS; i++) {
      JsonNode current = i < statusCount ? statuses.get(i) : null;
      list.add(metric(metrics.get(i), current));
    }
    if (n > MAX_METRICS) {
      return String.join(", ", list.subList(0, MAX_METRICS)) + " + " + (n - MAX_METRICS) + " more...";
    }
    return String.join(", ", list);
  }

  /** A v1 object: by apiVersion, or (when absent) by its v1-only CPU fields. */
  private static boolean isV1(JsonNode obj, JsonNode spec) {
    String apiVersion = Cells.text(obj.path("apiVersion"));
    if (!apiVersion.isEmpty()) {
      return "autoscaling/v1".equals(apiVersion);
    }
    return !Cells.present(spec.path("metrics"))
        && Cells.present(spec.path("targetCPUUtilizationPercentage"));
  }

  private static String v1Target(JsonNode spec, JsonNode status) {
    long target = Cells.integer(spec.path("targetCPUUtilizationPercentage"), DEFAULT_CPU_UTILIZATION);
    JsonNode current = status.path("currentCPUUtilizationPercentage");
    String currentText = Cells.present(current) ? Cells.integer(current) + "%" : Cells.UNKNOWN;
    return "cpu: " + currentText + "/" + target + "%";
  }

  /** One metric as upstream's formatHPAMetrics renders it; {@code status} is the same index's status. */
  private static String metric(JsonNode spec, JsonNode status) {
    String type = Cells.text(spec.path("type"));
    return switch (type) {
      case "External" -> valueOrAverage(spec.path("external").path("target"), sourceStatus(status, "external"));
      case "Object" -> valueOrAverage(spec.path("object").path("target"), sourceStatus(status, "object"));
      case "Pods" -> {
        JsonNode s = sourceStatus(status, "pods");
        String current = s == null ? Cells.UNKNOWN : Cells.quantityOrNil(s.path("current").path("averageValue"));
        yield current + "/" + Cells.quantityOrNil(spec.path("pods").path("target").path("averageValue"));
      }
      case "Resource" -> resource(spec.path("resource"), sourceStatus(status, "resource"));
      case "ContainerResource" ->
          resource(spec.path("containerResource"), sourceStatus(status, "containerResource"));
      default -> "<unknown type>";
    };
  }

  private static JsonNode sourceStatus(JsonNode status, String field) {
    if (status == null) {
      return null;
    }
    JsonNode s = status.path(field);
    return s.isObject() ? s : null;
  }

  private static String valueOrAverage(JsonNode target, JsonNode status) {
    if (Cells.present(target.path("averageValue"))) {
      String current = Cells.UNKNOWN;
      if (status != null && Cells.present(status.path("current").path("averageValue"))) {
        current = Cells.text(status.path("current").path("averageValue"));
      }
      return current + "/" + Cells.text(target.path("averageValue")) + " (avg)";
    }
    String current = status == null ? Cells.UNKNOWN : Cells.quantityOrNil(status.path("current").path("value"));
    return current + "/" + Cells.quantityOrNil(target.path("value"));
  }

  private static String resource(JsonNode source, JsonNode status) {
    String name = Cells.text(source.path("name"));
    JsonNode target = source.path("target");
    if (Cells.present(target.path("averageValue"))) {
      String current = status == null ? Cells.UNKNOWN
          : Cells.quantityOrNil(status.path("current").path("averageValue"));
      return name + ": " + current + "/" + Cells.text(target.path("averageValue"));
    }
    String current = Cells.UNKNOWN;
    if (status != null && Cells.present(status.path("current").path("averageUtilization"))) {
      current = Cells.integer(status.path("current").path("averageUtilization")) + "%";
    }
    JsonNode utilization = target.path("averageUtilization");
    String goal = Cells.present(utilization) ? Cells.integer(utilization) + "%" : "<auto>";
    return name + ": " + current + "/" + goal;
  }
}
