package dev.berth.api.table;

import static dev.berth.api.table.ColumnDefinition.of;
import static dev.berth.api.table.ColumnDefinition.wide;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/** Printers of the workload kinds: apps, batch, autoscaling and pod templates/budgets. */
final class WorkloadPrinters {

  private WorkloadPrinters() {}

  /** Controllers decode with {@code spec.replicas} defaulted to 1. */
  private static long replicas(JsonNode spec) {
    return Cells.integer(spec.path("replicas"), 1);
  }

  static TablePrinter deployment() {
    return new KindPrinter(List.of(
        Columns.NAME,
        of("Ready", "string", "Number of the pod with ready state"),
        of("Up-to-date", "string", Descriptions.DEPLOY_UPDATED),
        of("Available", "string", Descriptions.DEPLOY_AVAILABLE),
        Columns.AGE,
        Columns.CONTAINERS_WIDE,
        Columns.IMAGES_WIDE,
        wide("Selector", "string", Descriptions.DEPLOY_SELECTOR)),
        (obj, now) -> {
          JsonNode spec = obj.path("spec");
          JsonNode status = obj.path("status");
          JsonNode containers = spec.path("template").path("spec").path("containers");
          return new Object[] {
              Cells.name(obj),
              Cells.integer(status.path("readyReplicas")) + "/" + replicas(spec),
              Cells.integer(status.path("updatedReplicas")),
              Cells.integer(status.path("availableReplicas")),
              Cells.age(obj, now),
              Cells.containerNames(containers),
              Cells.containerImages(containers),
              LabelSelectors.asSelector(spec.path("selector"))};
        });
  }

  static TablePrinter replicaSet() {
    return new KindPrinter(List.of(
        Columns.NAME,
        of("Desired", "integer", Descriptions.RS_SPEC_REPLICAS),
        of("Current", "integer", Descriptions.RS_STATUS_REPLICAS),
        of("Ready", "integer", Descriptions.RS_READY_REPLICAS),
        Columns.AGE,
        Columns.CONTAINERS_WIDE,
        Columns.IMAGES_WIDE,
        wide("Selector", "string", Descriptions.RS_SELECTOR)),
        (obj, now) -> {
          JsonNode spec = obj.path("spec");
          JsonNode status = obj.path("status");
          JsonNode containers = spec.path("template").path("spec").path("containers");
          return new Object[] {
              Cells.name(obj),
              replicas(spec),
              Cells.integer(status.path("replicas")),
              Cells.integer(status.path("readyReplicas")),
              Cells.age(obj, now),
              Cells.containerNames(containers),
              Cells.containerImages(containers),
              LabelSelectors.format(spec.path("selector"))};
        });
  }

  static TablePrinter replicationController() {
    return new KindPrinter(List.of(
        Columns.NAME,
        of("Desired", "integer", Descriptions.RC_SPEC_REPLICAS),
        of("Current", "integer", Descriptions.RC_STATUS_REPLICAS),
        of("Ready", "integer", Descriptions.RC_READY_REPLICAS),
        Columns.AGE,
        Columns.CONTAINERS_WIDE,
        Columns.IMAGES_WIDE,
        wide("Selector", "string", Descriptions.RC_SELECTOR)),
        (obj, now) -> {
          JsonNode spec = obj.path("spec");
          JsonNode status = obj.path("status");
          JsonNode containers = spec.path("template").path("spec").path("containers");
          return new Object[] {
              Cells.name(obj),
              replicas(spec),
              Cells.integer(status.path("replicas")),
              Cells.integer(status.path("readyReplicas")),
              Cells.age(obj, now),
              Cells.containerNames(containers),
              Cells.containerImages(containers),
              Cells.formatLabels(spec.path("selector"))};
        });
  }

  static TablePrinter statefulSet() {
    return new KindPrinter(List.of(
        Columns.NAME,
        of("Ready", "string", "Number of the pod with ready state"),
        Columns.AGE,
        Columns.CONTAINERS_WIDE,
        Columns.IMAGES_WIDE),
        (obj, now) -> {
          JsonNode spec = obj.path("spec");
          JsonNode containers = spec.path("template").path("spec").path("containers");
          return new Object[] {
              Cells.name(obj),
              Cells.integer(obj.path("status").path("readyReplicas")) + "/" + replicas(spec),
              Cells.age(obj, now),
              Cells.containerNames(containers),
              Cells.containerImages(containers)};
        });
  }

  static TablePrinter daemonSet() {
    return new KindPrinter(List.of(
        Columns.NAME,
        of("Desired", "integer", Descriptions.DS_DESIRED),
        of("Current", "integer", Descriptions.DS_CURRENT),
        of("Ready", "integer", Descriptions.DS_READY),
        of("Up-to-date", "integer", Descriptions.DS_UPDATED),
        of("Available", "integer", Descriptions.DS_AVAILABLE),
        of("Node Selector", "string", Descriptions.POD_NODE_SELECTOR),
        Columns.AGE,
        Columns.CONTAINERS_WIDE,
        Columns.IMAGES_WIDE,
        wide("Selector", "string", Descriptions.DS_SELECTOR)),
        (obj, now) -> {
          JsonNode spec = obj.path("spec");
          JsonNode status = obj.path("status");
          JsonNode podSpec = spec.path("template").path("spec");
          return new Object[] {
              Cells.name(obj),
              Cells.integer(status.path("desiredNumberScheduled")),
              Cells.integer(status.path("currentNumberScheduled")),
              Cells.integer(status.path("numberReady")),
              Cells.integer(status.path("updatedNumberScheduled")),
              Cells.integer(status.path("numberAvailable")),
              Cells.formatLabels(podSpec.path("nodeSelector")),
              Cells.age(obj, now),
              Cells.containerNames(podSpec.path("containers")),
              Cells.containerImages(podSpec.path("containers")),
              LabelSelectors.format(spec.path("selector"))};
        });
  }

  static TablePrinter job() {
    return new KindPrinter(List.of(
        Columns.NAME,
        of("Status", "string", "Status of the job."),
        of("Completions", "string", Descriptions.JOB_SUCCEEDED),
        of("Duration", "string", "Time required to complete the job."),
        Columns.AGE,
        Columns.CONTAINERS_WIDE,
        Columns.IMAGES_WIDE,
        wide("Selector", "string", Descriptions.JOB_SELECTOR)),
        (obj, now) -> {
          JsonNode spec = obj.path("spec");
          JsonNode status = obj.path("status");
          JsonNode containers = spec.path("template").path("spec").path("containers");
          return new Object[] {
              Cells.name(obj),
              jobStatus(obj),
              completions(spec, status),
              jobDuration(status, now),
              Cells.age(obj, now),
              Cells.containerNames(containers),
              Cells.containerImages(containers),
              LabelSelectors.format(spec.path("selector"))};
        });
  }

  private static String completions(JsonNode spec, JsonNode status) {
    long succeeded = Cells.integer(status.path("succeeded"));
    if (Cells.present(spec.path("completions"))) {
      return succeeded + "/" + Cells.integer(spec.path("completions"));
    }
    long parallelism = Cells.integer(spec.path("parallelism"));
    return parallelism > 1 ? succeeded + "/1 of " + parallelism : succeeded + "/1";
  }

  private static String jobDuration(JsonNode status, java.time.Instant now) {
    JsonNode start = status.path("startTime");
    if (!Cells.present(start)) {
      return "";
    }
    JsonNode completion = status.path("completionTime");
    if (!Cells.present(completion)) {
      return Cells.since(start, now);
    }
    java.time.Instant started = Timestamps.parse(Cells.text(start));
    java.time.Instant completed = Timestamps.parse(Cells.text(completion));
    if (started == null || completed == null) {
      return "";
    }
    return HumanDuration.formatSeconds(Timestamps.elapsedSeconds(started.getEpochSecond(),
        started.getNano(), completed.getEpochSecond(), completed.getNano()));
  }

  /** upstream printJob's status precedence. */
  private static String jobStatus(JsonNode job) {
    JsonNode conditions = job.path("status").path("conditions");
    if (conditionTrue(conditions, "Complete")) {
      return "Complete";
    }
    if (conditionTrue(conditions, "Failed")) {
      return "Failed";
    }
    if (Cells.deleting(job)) {
      return "Terminating";
    }
    if (conditionTrue(conditions, "Suspended")) {
      return "Suspended";
    }
    if (conditionTrue(conditions, "FailureTarget")) {
      return "FailureTarget";
    }
    return "Running";
  }

  /** The first condition of {@code type} has status True. */
  static boolean conditionTrue(JsonNode conditions, String type) {
    for (int i = 0; i < Cells.size(conditions); i++) {
      JsonNode c = conditions.get(i);
      if (type.equals(Cells.text(c.path("type")))) {
        return "True".equals(Cells.text(c.path("status")));
      }
    }
    return false;
  }

  static TablePrinter cronJob() {
    return new KindPrinter(List.of(
        Columns.NAME,
        of("Schedule", "string", Descriptions.CRON_SCHEDULE),
        of("Timezone", "string", Descriptions.CRON_TIME_ZONE),
        of("Suspend", "boolean", Descriptions.CRON_SUSPEND),
        of("Active", "integer", Descriptions.CRON_ACTIVE),
        of("Last Schedule", "string", Descriptions.CRON_LAST_SCHEDULE),
        Columns.AGE,
        Columns.CONTAINERS_WIDE,
        Columns.IMAGES_WIDE,
        wide("Selector", "string", Descriptions.JOB_SELECTOR)),
        (obj, now) -> {
          JsonNode spec = obj.path("spec");
          JsonNode status = obj.path("status");
          JsonNode jobSpec = spec.path("jobTemplate").path("spec");
          JsonNode containers = jobSpec.path("template").path("spec").path("containers");
          JsonNode lastSchedule = status.path("lastScheduleTime");
          JsonNode timeZone = spec.path("timeZone");
          // batch/v1 defaulting sets suspend=false, which upstream prints as "False".
          JsonNode suspend = spec.path("suspend");
          return new Object[] {
              Cells.name(obj),
              Cells.text(spec.path("schedule")),
              Cells.present(timeZone) ? Cells.text(timeZone) : Cells.NONE,
              Cells.present(suspend) ? Cells.boolPtr(suspend) : "False",
              (long) Cells.size(status.path("active")),
              Cells.present(lastSchedule) ? Cells.since(lastSchedule, now) : Cells.NONE,
              Cells.age(obj, now),
              Cells.containerNames(containers),
              Cells.containerImages(containers),
              LabelSelectors.format(jobSpec.path("selector"))};
        });
  }

  static TablePrinter podTemplate() {
    return new KindPrinter(List.of(
        Columns.NAME,
        of("Containers", "string", Descriptions.TEMPLATE_CONTAINERS),
        of("Images", "string", Descriptions.TEMPLATE_IMAGES),
        of("Pod Labels", "string", "The labels for the pod template.")),
        (obj, now) -> {
          JsonNode template = obj.path("template");
          JsonNode containers = template.path("spec").path("containers");
          return new Object[] {
              Cells.name(obj),
              Cells.containerNames(containers),
              Cells.containerImages(containers),
              Cells.formatLabels(template.path("metadata").path("labels"))};
        });
  }

  static TablePrinter podDisruptionBudget() {
    return new KindPrinter(List.of(
        Columns.NAME,
        of("Min Available", "string", "The minimum number of pods that must be available."),
        of("Max Unavailable", "string", "The maximum number of pods that may be unavailable."),
        of("Allowed Disruptions", "integer",
            "Calculated number of pods that may be disrupted at this time."),
        Columns.AGE),
        (obj, now) -> {
          JsonNode spec = obj.path("spec");
          return new Object[] {
              Cells.name(obj),
              intOrStringOrNA(spec.path("minAvailable")),
              intOrStringOrNA(spec.path("maxUnavailable")),
              Cells.integer(obj.path("status").path("disruptionsAllowed")),
              Cells.age(obj, now)};
        });
  }

  private static String intOrStringOrNA(JsonNode value) {
    return Cells.present(value) ? Cells.text(value) : "N/A";
  }

  static TablePrinter controllerRevision() {
    return new KindPrinter(List.of(
        Columns.NAME,
        of("Controller", "string", "Controller of the object"),
        of("Revision", "string", Descriptions.CR_REVISION),
        Columns.AGE),
        (obj, now) -> new Object[] {
            Cells.name(obj),
            controllerOf(obj),
            Cells.integer(obj.path("revision")),
            Cells.age(obj, now)});
  }

  /** "statefulset.apps/web" for the owner reference marked controller, else "&lt;none&gt;". */
  private static String controllerOf(JsonNode obj) {
    JsonNode owners = obj.path("metadata").path("ownerReferences");
    for (int i = 0; i < Cells.size(owners); i++) {
      JsonNode ref = owners.get(i);
      if (Cells.bool(ref.path("controller"))) {
        String apiVersion = Cells.text(ref.path("apiVersion"));
        int slash = apiVersion.indexOf('/');
        String group = slash < 0 ? "" : apiVersion.substring(0, slash);
        String kind = Cells.text(ref.path("kind"));
        String name = Cells.text(ref.path("name"));
        if (kind.isEmpty() && group.isEmpty()) {
          return name;
        }
        String groupKind = group.isEmpty() ? kind : kind + "." + group;
        return Cells.lower(groupKind) + "/" + name;
      }
    }
    return Cells.NONE;
  }

  static TablePrinter scale() {
    return new KindPrinter(List.of(
        new ColumnDefinition("Name", "string", "", Descriptions.META_NAME, 0),
        of("Desired", "integer", Descriptions.SCALE_SPEC_REPLICAS),
        of("Available", "integer", Descriptions.SCALE_STATUS_REPLICAS),
        Columns.AGE),
        (obj, now) -> new Object[] {
            Cells.name(obj),
            Cells.integer(obj.path("spec").path("replicas")),
            Cells.integer(obj.path("status").path("replicas")),
            Cells.age(obj, now)});
  }
}
