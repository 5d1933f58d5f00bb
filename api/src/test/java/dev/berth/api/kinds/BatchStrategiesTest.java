package dev.berth.api.kinds;

import static dev.berth.api.kinds.KindTesting.createErrors;
import static dev.berth.api.kinds.KindTesting.created;
import static dev.berth.api.kinds.KindTesting.normalized;
import static dev.berth.api.kinds.KindTesting.updateErrors;
import static dev.berth.api.kinds.KindTesting.yaml;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class BatchStrategiesTest {

  private final KindStrategy jobs = KindStrategies.forKind("batch", "Job");
  private final KindStrategy cronJobs = KindStrategies.forKind("batch", "CronJob");

  /** The body of `kubectl create job pi --image=perl`. */
  private static final String KUBECTL_JOB = """
      apiVersion: batch/v1
      kind: Job
      metadata: {name: pi, namespace: default}
      spec:
        template:
          metadata: {creationTimestamp: null}
          spec:
            containers: [{name: pi, image: perl, resources: {}}]
            restartPolicy: Never
      status: {}
      """;

  @Test
  void kubectlCreateJobMatchesUpstream() {
    ObjectNode job = created(jobs, yaml(KUBECTL_JOB));
    assertThat(normalized(job)).isEqualTo(normalized(yaml("""
        apiVersion: batch/v1
        kind: Job
        metadata:
          name: pi
          namespace: default
          uid: %1$s
          generation: 1
          labels:
            batch.kubernetes.io/controller-uid: %1$s
            batch.kubernetes.io/job-name: pi
            controller-uid: %1$s
            job-name: pi
        spec:
          backoffLimit: 6
          completionMode: NonIndexed
          completions: 1
          manualSelector: false
          parallelism: 1
          podReplacementPolicy: TerminatingOrFailed
          selector:
            matchLabels: {batch.kubernetes.io/controller-uid: %1$s}
          suspend: false
          template:
            metadata:
              creationTimestamp: null
              labels:
                batch.kubernetes.io/controller-uid: %1$s
                batch.kubernetes.io/job-name: pi
                controller-uid: %1$s
                job-name: pi
            spec:
              containers:
              - image: perl
                imagePullPolicy: Always
                name: pi
                resources: {}
                terminationMessagePath: /dev/termination-log
                terminationMessagePolicy: File
              dnsPolicy: ClusterFirst
              restartPolicy: Never
              schedulerName: default-scheduler
              securityContext: {}
              terminationGracePeriodSeconds: 30
        status: {}
        """.formatted(KindTesting.UID))));
    assertThat(jobs.validateCreate(job)).isEmpty();
  }

  @Test
  void completionsAndParallelismDefaultTogether() {
    ObjectNode job = yaml(KUBECTL_JOB);
    ((ObjectNode) job.get("spec")).put("parallelism", 3);
    jobs.applyDefaults(job);
    assertThat(job.at("/spec").has("completions")).isFalse();
    assertThat(job.at("/spec/parallelism").asInt()).isEqualTo(3);
  }

  @Test
  void generatedSelectorMustStayGenerated() {
    ObjectNode job = created(jobs, yaml(KUBECTL_JOB));
    ((ObjectNode) job.at("/spec/selector/matchLabels")).put("batch.kubernetes.io/controller-uid", "other");
    assertThat(KindTesting.messages(jobs.validateCreate(job))).containsExactly(
        "spec.selector: Invalid value: {\"matchLabels\":{\"batch.kubernetes.io/controller-uid\":\"other\"}}: "
            + "`selector` not auto-generated",
        "spec.template.metadata.labels: Invalid value: {\"batch.kubernetes.io/controller-uid\":\"" + KindTesting.UID
            + "\",\"batch.kubernetes.io/job-name\":\"pi\",\"controller-uid\":\"" + KindTesting.UID
            + "\",\"job-name\":\"pi\"}: `selector` does not match template `labels`");
  }

  @Test
  void manualSelectorIsLeftAlone() {
    ObjectNode job = created(jobs, yaml("""
        metadata: {name: pi, namespace: default}
        spec:
          manualSelector: true
          selector: {matchLabels: {app: pi}}
          template:
            metadata: {labels: {app: pi}}
            spec: {containers: [{name: pi, image: perl}], restartPolicy: OnFailure}
        """));
    assertThat(job.at("/spec/template/metadata/labels").size()).isEqualTo(1);
    assertThat(jobs.validateCreate(job)).isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "restart Always|{containers: [{name: c, image: i}]}|spec.template.spec.restartPolicy: Required value: valid values: \"OnFailure\", \"Never\"",
      "restart Sometimes|{restartPolicy: Sometimes, containers: [{name: c, image: i}]}|spec.template.spec.restartPolicy: Unsupported value: \"Sometimes\": supported values: \"Always\", \"OnFailure\", \"Never\"",
  })
  void jobTemplateRestartPolicy(String name, String podSpec, String expected) {
    assertThat(createErrors(jobs, "{metadata: {name: j, namespace: d}, spec: {template: {spec: " + podSpec + "}}}"))
        .contains(expected);
  }

  @Test
  void jobSpecNumbers() {
    assertThat(createErrors(jobs, """
        metadata: {name: j, namespace: d}
        spec:
          parallelism: -1
          backoffLimit: -2
          completionMode: Indexed
          template: {spec: {containers: [{name: c, image: i}], restartPolicy: Never}}
        """)).containsExactly(
        "spec.parallelism: Invalid value: -1: must be greater than or equal to 0",
        "spec.backoffLimit: Invalid value: -2: must be greater than or equal to 0",
        "spec.completions: Required value: when completion mode is Indexed");
  }

  @Test
  void templateIsImmutableUnlessTheJobIsSuspendedAndNeverStarted() {
    ObjectNode old = created(jobs, yaml(KUBECTL_JOB));
    ObjectNode changed = old.deepCopy();
    ((ObjectNode) changed.at("/spec/template/spec")).putObject("nodeSelector").put("zone", "a");
    assertThat(updateErrors(jobs, old, changed)).singleElement().asString()
        .startsWith("spec.template: Invalid value: {").endsWith("}: field is immutable");
    ((ObjectNode) old.get("spec")).put("suspend", true);
    ObjectNode suspended = old.deepCopy();
    ((ObjectNode) suspended.at("/spec/template/spec")).putObject("nodeSelector").put("zone", "a");
    assertThat(updateErrors(jobs, old, suspended)).isEmpty();
    ObjectNode image = old.deepCopy();
    ((ObjectNode) image.at("/spec/template/spec/containers/0")).put("image", "other");
    assertThat(updateErrors(jobs, old, image)).singleElement().asString().endsWith("field is immutable");
    ObjectNode completions = created(jobs, yaml(KUBECTL_JOB));
    ObjectNode more = completions.deepCopy();
    ((ObjectNode) more.get("spec")).put("completions", 3);
    assertThat(updateErrors(jobs, completions, more)).containsExactly("spec.completions: Invalid value: 3: field is immutable");
  }

  /** The body of `kubectl create cronjob hello --image=busybox --schedule="*&#47;1 * * * *"`. */
  private static final String KUBECTL_CRONJOB = """
      apiVersion: batch/v1
      kind: CronJob
      metadata: {name: hello, namespace: default}
      spec:
        jobTemplate:
          metadata: {name: hello}
          spec:
            template:
              spec:
                containers: [{name: hello, image: busybox, resources: {}}]
                restartPolicy: OnFailure
        schedule: "*/1 * * * *"
      status: {}
      """;

  @Test
  void kubectlCreateCronJobMatchesUpstream() {
    ObjectNode cj = created(cronJobs, yaml(KUBECTL_CRONJOB));
    assertThat(normalized(cj.get("spec"))).isEqualTo(normalized(yaml("""
        concurrencyPolicy: Allow
        failedJobsHistoryLimit: 1
        jobTemplate:
          metadata: {creationTimestamp: null, name: hello}
          spec:
            template:
              metadata: {creationTimestamp: null}
              spec:
                containers:
                - image: busybox
                  imagePullPolicy: Always
                  name: hello
                  resources: {}
                  terminationMessagePath: /dev/termination-log
                  terminationMessagePolicy: File
                dnsPolicy: ClusterFirst
                restartPolicy: OnFailure
                schedulerName: default-scheduler
                securityContext: {}
                terminationGracePeriodSeconds: 30
        schedule: "*/1 * * * *"
        successfulJobsHistoryLimit: 3
        suspend: false
        """)));
    assertThat(cj.at("/metadata/generation").asInt()).isEqualTo(1);
    assertThat(cronJobs.validateCreate(cj)).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"*/1 * * * *", "0 0 * * *", "@hourly", "@daily", "@every 1h30m", "5 4 * jan-mar mon-fri",
      "0 0 1,15 * ?", "0-59/5 * * * SUN", "0 0 1 1 *"})
  void validSchedules(String schedule) {
    assertThat(CronSchedule.error(schedule)).isNull();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "* * * *|expected exactly 5 fields, found 4: [* * * *]",
      "@fortnightly|unrecognized descriptor: @fortnightly",
      "61 * * * *|end of range (61) above maximum (59): 61",
      "0 0 0 * *|beginning of range (0) below minimum (1): 0",
      "5-1 * * * *|beginning of range (5) beyond end of range (1): 5-1",
      "*/0 * * * *|step of range should be a positive number: */0",
      "x * * * *|failed to parse int from x: strconv.Atoi: parsing \"x\": invalid syntax",
      "1-2-3 * * * *|too many hyphens: 1-2-3",
      "@every forever|failed to parse duration @every forever: time: invalid duration \"forever\"",
  })
  void invalidSchedulesUseTheCronLibrarysMessages(String schedule, String message) {
    assertThat(CronSchedule.error(schedule)).isEqualTo(message);
  }

  @Test
  void cronJobSpecRules() {
    String base = """
        metadata: {name: %s, namespace: default}
        spec:
          schedule: "%s"
          %s
          jobTemplate:
            spec:
              template: {spec: {containers: [{name: c, image: i}], restartPolicy: OnFailure}}
        """;
    assertThat(createErrors(cronJobs, base.formatted("c", "bogus", ""))).containsExactly(
        "spec.schedule: Invalid value: \"bogus\": expected exactly 5 fields, found 1: [bogus]");
    assertThat(createErrors(cronJobs, base.formatted("c", "TZ=UTC 0 * * * *", ""))).containsExactly(
        "spec.schedule: Invalid value: \"TZ=UTC 0 * * * *\": cannot use TZ or CRON_TZ in schedule, use timeZone field instead");
    assertThat(createErrors(cronJobs, base.formatted("c", "0 * * * *", "timeZone: Europe/Berlin"))).isEmpty();
    assertThat(createErrors(cronJobs, base.formatted("c", "0 * * * *", "timeZone: Mars/Olympus"))).containsExactly(
        "spec.timeZone: Invalid value: \"Mars/Olympus\": unknown time zone Mars/Olympus");
    assertThat(createErrors(cronJobs, base.formatted("c", "0 * * * *", "timeZone: Local"))).containsExactly(
        "spec.timeZone: Invalid value: \"Local\": timeZone must be an explicit time zone as defined in "
            + "https://www.iana.org/time-zones");
    assertThat(createErrors(cronJobs, base.formatted("c", "0 * * * *", "concurrencyPolicy: Sometimes")))
        .containsExactly("spec.concurrencyPolicy: Unsupported value: \"Sometimes\": supported values: \"Allow\", "
            + "\"Forbid\", \"Replace\"");
    assertThat(createErrors(cronJobs, base.formatted("c".repeat(53), "0 * * * *", ""))).containsExactly(
        "metadata.name: Invalid value: \"" + "c".repeat(53) + "\": must be no more than 52 characters");
    assertThat(createErrors(cronJobs, """
        metadata: {name: c, namespace: default}
        spec:
          schedule: "0 * * * *"
          jobTemplate:
            spec:
              selector: {matchLabels: {a: b}}
              template: {spec: {containers: [{name: c, image: i}]}}
        """)).containsExactly(
        "spec.jobTemplate.spec.template.spec.restartPolicy: Required value: valid values: \"OnFailure\", \"Never\"",
        "spec.jobTemplate.spec.selector: Invalid value: {\"matchLabels\":{\"a\":\"b\"}}: `selector` will be auto-generated");
  }

  @Test
  void existingTzSchedulesMayBeKeptOnUpdate() {
    ObjectNode old = created(cronJobs, yaml(KUBECTL_CRONJOB));
    ((ObjectNode) old.get("spec")).put("schedule", "CRON_TZ=UTC 0 * * * *");
    ObjectNode updated = old.deepCopy();
    ((ObjectNode) updated.get("spec")).put("suspend", true);
    assertThat(updateErrors(cronJobs, old, updated)).isEmpty();
    assertThat(updated.at("/metadata/generation").asInt()).isEqualTo(2);
  }
}
