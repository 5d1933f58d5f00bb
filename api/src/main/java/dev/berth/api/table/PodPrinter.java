package dev.berth.api.table;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.List;

/**
 * The pods table: NAME READY STATUS RESTARTS AGE | IP NODE NOMINATED NODE READINESS GATES, with the
 * STATUS logic of upstream's printPod (init container progress, waiting and terminated reasons,
 * Terminating, scheduling gates).
 */
final class PodPrinter implements TablePrinter {

  private static final List<ColumnDefinition> COLUMNS = List.of(
      Columns.NAME,
      ColumnDefinition.of("Ready", "string", Descriptions.POD_READY),
      ColumnDefinition.of("Status", "string", Descriptions.POD_STATUS),
      ColumnDefinition.of("Restarts", "string", Descriptions.POD_RESTARTS),
      Columns.AGE,
      ColumnDefinition.wide("IP", "string", Descriptions.POD_IP),
      ColumnDefinition.wide("Node", "string", Descriptions.POD_NODE_NAME),
      ColumnDefinition.wide("Nominated Node", "string", Descriptions.POD_NOMINATED_NODE),
      ColumnDefinition.wide("Readiness Gates", "string", Descriptions.POD_READINESS_GATES));

  /** The pod status reason the node lifecycle controller sets on pods of an unreachable node. */
  private static final String NODE_LOST = "NodeLost";

  @Override
  public List<ColumnDefinition> columns() {
    return COLUMNS;
  }

  @Override
  public List<RowCondition> rowConditions(ObjectNode pod) {
    return switch (Cells.text(pod.path("status").path("phase"))) {
      case "Succeeded" -> List.of(RowCondition.POD_SUCCEEDED);
      case "Failed" -> List.of(RowCondition.POD_FAILED);
      default -> List.of();
    };
  }

  @Override
  public List<Object> cells(ObjectNode pod, Instant now) {
    JsonNode spec = pod.path("spec");
    JsonNode status = pod.path("status");
    JsonNode initSpecs = spec.path("initContainers");
    int initCount = Cells.size(initSpecs);

    String phase = Cells.text(status.path("phase"));
    String statusReason = Cells.text(status.path("reason"));
    String reason = statusReason.isEmpty() ? phase : statusReason;
    JsonNode conditions = status.path("conditions");
    for (JsonNode condition : iterable(conditions)) {
      if ("PodScheduled".equals(Cells.text(condition.path("type")))
          && "SchedulingGated".equals(Cells.text(condition.path("reason")))) {
        reason = "SchedulingGated";
      }
    }

    int totalContainers = Cells.size(spec.path("containers"));
    for (JsonNode init : iterable(initSpecs)) {
      if (isRestartable(init)) {
        totalContainers++;
      }
    }

    long restarts = 0;
    long sidecarRestarts = 0;
    int readyContainers = 0;
    Instant lastRestart = null;
    Instant lastSidecarRestart = null;

    boolean initializing = false;
    JsonNode initStatuses = status.path("initContainerStatuses");
    for (int i = 0; i < Cells.size(initStatuses); i++) {
      JsonNode container = initStatuses.get(i);
      long count = Cells.integer(container.path("restartCount"));
      restarts += count;
      Instant finished = lastTerminationFinish(container);
      lastRestart = later(lastRestart, finished);
      boolean restartable = isRestartable(initSpec(initSpecs, Cells.text(container.path("name"))));
      if (restartable) {
        sidecarRestarts += count;
        lastSidecarRestart = later(lastSidecarRestart, finished);
      }
      JsonNode state = container.path("state");
      JsonNode terminated = state.path("terminated");
      JsonNode waiting = state.path("waiting");
      if (terminated.isObject() && Cells.integer(terminated.path("exitCode")) == 0) {
        continue;
      }
      if (restartable && Cells.bool(container.path("started"))) {
        if (Cells.bool(container.path("ready"))) {
          readyContainers++;
        }
        continue;
      }
      if (terminated.isObject()) {
        String terminatedReason = Cells.text(terminated.path("reason"));
        if (terminatedReason.isEmpty()) {
          long signal = Cells.integer(terminated.path("signal"));
          reason = signal != 0 ? "Init:Signal:" + signal
              : "Init:ExitCode:" + Cells.integer(terminated.path("exitCode"));
        } else {
          reason = "Init:" + terminatedReason;
        }
      } else if (waiting.isObject() && !Cells.text(waiting.path("reason")).isEmpty()
          && !"PodInitializing".equals(Cells.text(waiting.path("reason")))) {
        reason = "Init:" + Cells.text(waiting.path("reason"));
      } else {
        reason = "Init:" + i + "/" + initCount;
      }
      initializing = true;
      break;
    }

    if (!initializing || conditionTrue(conditions, "Initialized")) {
      restarts = sidecarRestarts;
      lastRestart = lastSidecarRestart;
      boolean hasRunning = false;
      JsonNode statuses = status.path("containerStatuses");
      // Walk backwards so the first container's state wins, as upstream does.
      for (int i = Cells.size(statuses) - 1; i >= 0; i--) {
        JsonNode container = statuses.get(i);
        restarts += Cells.integer(container.path("restartCount"));
        lastRestart = later(lastRestart, lastTerminationFinish(container));
        JsonNode state = container.path("state");
        JsonNode waiting = state.path("waiting");
        JsonNode terminated = state.path("terminated");
        if (waiting.isObject() && !Cells.text(waiting.path("reason")).isEmpty()) {
          reason = Cells.text(waiting.path("reason"));
        } else if (terminated.isObject() && !Cells.text(terminated.path("reason")).isEmpty()) {
          reason = Cells.text(terminated.path("reason"));
        } else if (terminated.isObject()) {
          long signal = Cells.integer(terminated.path("signal"));
          reason = signal != 0 ? "Signal:" + signal
              : "ExitCode:" + Cells.integer(terminated.path("exitCode"));
        } else if (Cells.bool(container.path("ready")) && state.path("running").isObject()) {
          hasRunning = true;
          readyContainers++;
        }
      }
      // A pod whose sidecar or other container still runs is not "Completed".
      if ("Completed".equals(reason) && hasRunning) {
        reason = conditionTrue(conditions, "Ready") ? "Running" : "NotReady";
      }
    }

    if (Cells.deleting(pod)) {
      if (NODE_LOST.equals(statusReason)) {
        reason = "Unknown";
      } else if (!"Failed".equals(phase) && !"Succeeded".equals(phase)) {
        reason = "Terminating";
      }
    }

    String restartsCell = Long.toString(restarts);
    if (restarts != 0 && lastRestart != null) {
      long ago = Timestamps.elapsedSeconds(lastRestart.getEpochSecond(), lastRestart.getNano(),
          now.getEpochSecond(), now.getNano());
      restartsCell = restarts + " (" + HumanDuration.formatSeconds(ago) + " ago)";
    }

    String podIP = podIP(status);
    String nodeName = Cells.text(spec.path("nodeName"));
    String nominated = Cells.text(status.path("nominatedNodeName"));
    return List.of(
        Cells.name(pod),
        readyContainers + "/" + totalContainers,
        reason,
        restartsCell,
        Cells.age(pod, now),
        podIP.isEmpty() ? Cells.NONE : podIP,
        nodeName.isEmpty() ? Cells.NONE : nodeName,
        nominated.isEmpty() ? Cells.NONE : nominated,
        readinessGates(spec.path("readinessGates"), conditions));
  }

  /**
   * The pod's primary IP. The v1 → internal conversion makes {@code status.podIP} authoritative when
   * it is set and otherwise takes {@code status.podIPs[0]}.
   */
  static String podIP(JsonNode status) {
    String podIP = Cells.text(status.path("podIP"));
    if (!podIP.isEmpty()) {
      return podIP;
    }
    JsonNode podIPs = status.path("podIPs");
    return Cells.size(podIPs) > 0 ? Cells.text(podIPs.get(0).path("ip")) : "";
  }

  private static String readinessGates(JsonNode gates, JsonNode conditions) {
    int n = Cells.size(gates);
    if (n == 0) {
      return Cells.NONE;
    }
    int satisfied = 0;
    for (JsonNode gate : iterable(gates)) {
      String type = Cells.text(gate.path("conditionType"));
      for (JsonNode condition : iterable(conditions)) {
        if (type.equals(Cells.text(condition.path("type")))) {
          if ("True".equals(Cells.text(condition.path("status")))) {
            satisfied++;
          }
          break;
        }
      }
    }
    return satisfied + "/" + n;
  }

  /** The status of the first condition of {@code type} is True (upstream stops at the first match). */
  private static boolean conditionTrue(JsonNode conditions, String type) {
    for (JsonNode condition : iterable(conditions)) {
      if (type.equals(Cells.text(condition.path("type")))) {
        return "True".equals(Cells.text(condition.path("status")));
      }
    }
    return false;
  }

  /** A native sidecar: an init container with {@code restartPolicy: Always}. */
  private static boolean isRestartable(JsonNode initContainer) {
    return initContainer != null && "Always".equals(Cells.text(initContainer.path("restartPolicy")));
  }

  private static JsonNode initSpec(JsonNode initSpecs, String name) {
    // Upstream indexes by name and lets later duplicates win.
    JsonNode found = null;
    for (JsonNode init : iterable(initSpecs)) {
      if (name.equals(Cells.text(init.path("name")))) {
        found = init;
      }
    }
    return found;
  }

  private static Instant lastTerminationFinish(JsonNode containerStatus) {
    JsonNode terminated = containerStatus.path("lastState").path("terminated");
    if (!terminated.isObject()) {
      return null;
    }
    JsonNode finishedAt = terminated.path("finishedAt");
    return finishedAt.isTextual() && !Cells.isZeroTime(finishedAt)
        ? Timestamps.parse(finishedAt.textValue()) : null;
  }

  private static Instant later(Instant current, Instant candidate) {
    if (candidate == null) {
      return current;
    }
    return current == null || current.isBefore(candidate) ? candidate : current;
  }

  private static Iterable<JsonNode> iterable(JsonNode array) {
    return array.isArray() ? array : List.of();
  }
}
