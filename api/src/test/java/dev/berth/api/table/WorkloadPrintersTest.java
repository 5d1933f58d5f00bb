package dev.berth.api.table;

import static dev.berth.api.table.Fixtures.ago;
import static dev.berth.api.table.Fixtures.cells;
import static dev.berth.api.table.Fixtures.columnNames;
import static dev.berth.api.table.Fixtures.minutesAgo;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class WorkloadPrintersTest {

  private static final String TEN_DAYS = ago(Duration.ofDays(10));

  static Stream<Arguments> objects() {
    return Stream.of(
        Arguments.of("deployment mid-rollout", "apps", "Deployment", """
            {"metadata":{"name":"web","creationTimestamp":"%s"},
             "spec":{"replicas":3,"selector":{"matchLabels":{"app":"web"}},
               "template":{"spec":{"containers":[{"name":"nginx","image":"nginx:1.27"},
                 {"name":"sidecar","image":"envoy:v1.30"}]}}},
             "status":{"replicas":4,"updatedReplicas":1,"readyReplicas":2,"availableReplicas":2,
               "unavailableReplicas":2}}
            """.formatted(TEN_DAYS),
            List.of("web", "2/3", 1L, 2L, "10d", "nginx,sidecar", "nginx:1.27,envoy:v1.30", "app=web")),

        Arguments.of("deployment scaled to zero with expression selector", "apps", "Deployment", """
            {"metadata":{"name":"api","creationTimestamp":"%s"},
             "spec":{"replicas":0,"selector":{"matchLabels":{"tier":"be","app":"api"},
               "matchExpressions":[{"key":"env","operator":"In","values":["prod","canary"]},
                 {"key":"legacy","operator":"DoesNotExist"}]},
               "template":{"spec":{"containers":[{"name":"api","image":"api:2"}]}}},
             "status":{}}
            """.formatted(TEN_DAYS),
            List.of("api", "0/0", 0L, 0L, "10d", "api", "api:2",
                "app=api,env in (canary,prod),!legacy,tier=be")),

        Arguments.of("deployment without replicas uses the default of 1", "apps", "Deployment", """
            {"metadata":{"name":"d","creationTimestamp":"%s"},"spec":{"template":{"spec":{}}}}
            """.formatted(TEN_DAYS),
            List.of("d", "0/1", 0L, 0L, "10d", "", "", "")),

        Arguments.of("replica set", "apps", "ReplicaSet", """
            {"metadata":{"name":"web-7d4b9c","creationTimestamp":"%s"},
             "spec":{"replicas":3,"selector":{"matchLabels":{"app":"web","pod-template-hash":"7d4b9c"}},
               "template":{"spec":{"containers":[{"name":"nginx","image":"nginx:1.27"}]}}},
             "status":{"replicas":3,"readyReplicas":2}}
            """.formatted(minutesAgo(4)),
            List.of("web-7d4b9c", 3L, 3L, 2L, "4m", "nginx", "nginx:1.27", "app=web,pod-template-hash=7d4b9c")),

        Arguments.of("replica set with empty selector", "apps", "ReplicaSet", """
            {"metadata":{"name":"rs","creationTimestamp":"%s"},"spec":{"replicas":1,"selector":{},
               "template":{"spec":{"containers":[]}}}}
            """.formatted(minutesAgo(4)),
            List.of("rs", 1L, 0L, 0L, "4m", "", "", "<none>")),

        Arguments.of("stateful set", "apps", "StatefulSet", """
            {"metadata":{"name":"db","creationTimestamp":"%s"},
             "spec":{"replicas":3,"template":{"spec":{"containers":[{"name":"pg","image":"postgres:16"}]}}},
             "status":{"replicas":3,"readyReplicas":2}}
            """.formatted(ago(Duration.ofHours(30))),
            List.of("db", "2/3", "30h", "pg", "postgres:16")),

        Arguments.of("daemon set", "apps", "DaemonSet", """
            {"metadata":{"name":"kube-proxy","creationTimestamp":"%s"},
             "spec":{"selector":{"matchLabels":{"k8s-app":"kube-proxy"}},
               "template":{"spec":{"nodeSelector":{"kubernetes.io/os":"linux"},
                 "containers":[{"name":"kube-proxy","image":"registry.k8s.io/kube-proxy:v1.32.0"}]}}},
             "status":{"desiredNumberScheduled":3,"currentNumberScheduled":3,"numberReady":2,
               "updatedNumberScheduled":3,"numberAvailable":2}}
            """.formatted(TEN_DAYS),
            List.of("kube-proxy", 3L, 3L, 2L, 3L, 2L, "kubernetes.io/os=linux", "10d", "kube-proxy",
                "registry.k8s.io/kube-proxy:v1.32.0", "k8s-app=kube-proxy")),

        Arguments.of("completed job", "batch", "Job", """
            {"metadata":{"name":"pi","creationTimestamp":"%s"},
             "spec":{"completions":1,"parallelism":1,"selector":{"matchLabels":{
                 "batch.kubernetes.io/controller-uid":"8f7c"}},
               "template":{"spec":{"containers":[{"name":"pi","image":"perl:5.34"}]}}},
             "status":{"succeeded":1,"startTime":"2024-06-01T11:00:00Z","completionTime":"2024-06-01T11:00:12Z",
               "conditions":[{"type":"SuccessCriteriaMet","status":"True"},{"type":"Complete","status":"True"}]}}
            """.formatted(minutesAgo(60)),
            List.of("pi", "Complete", "1/1", "12s", "60m", "pi", "perl:5.34",
                "batch.kubernetes.io/controller-uid=8f7c")),

        Arguments.of("running parallel job without completions", "batch", "Job", """
            {"metadata":{"name":"work","creationTimestamp":"%s"},
             "spec":{"parallelism":3,"template":{"spec":{"containers":[{"name":"w","image":"busybox"}]}}},
             "status":{"succeeded":1,"active":2,"startTime":"%s"}}
            """.formatted(minutesAgo(7), minutesAgo(6)),
            List.of("work", "Running", "1/1 of 3", "6m", "7m", "w", "busybox", "<none>")),

        Arguments.of("failed job", "batch", "Job", """
            {"metadata":{"name":"j","creationTimestamp":"%s"},
             "spec":{"completions":2,"template":{"spec":{"containers":[]}}},
             "status":{"failed":7,"conditions":[{"type":"FailureTarget","status":"True"},
               {"type":"Failed","status":"True","reason":"BackoffLimitExceeded"}]}}
            """.formatted(minutesAgo(7)),
            List.of("j", "Failed", "0/2", "", "7m", "", "", "<none>")),

        Arguments.of("suspended job", "batch", "Job", """
            {"metadata":{"name":"j","creationTimestamp":"%s"},
             "spec":{"completions":2,"suspend":true,"template":{"spec":{"containers":[]}}},
             "status":{"conditions":[{"type":"Suspended","status":"True"}]}}
            """.formatted(minutesAgo(7)),
            List.of("j", "Suspended", "0/2", "", "7m", "", "", "<none>")),

        Arguments.of("terminating job", "batch", "Job", """
            {"metadata":{"name":"j","creationTimestamp":"%s","deletionTimestamp":"%s"},
             "spec":{"completions":1,"template":{"spec":{"containers":[]}}},
             "status":{"conditions":[{"type":"Suspended","status":"True"}]}}
            """.formatted(minutesAgo(7), minutesAgo(0)),
            List.of("j", "Terminating", "0/1", "", "7m", "", "", "<none>")),

        Arguments.of("cron job never scheduled", "batch", "CronJob", """
            {"metadata":{"name":"backup","creationTimestamp":"%s"},
             "spec":{"schedule":"*/5 * * * *","suspend":false,
               "jobTemplate":{"spec":{"template":{"spec":{"containers":[{"name":"b","image":"backup:1"}]}}}}},
             "status":{}}
            """.formatted(minutesAgo(3)),
            List.of("backup", "*/5 * * * *", "<none>", "False", 0L, "<none>", "3m", "b", "backup:1", "<none>")),

        Arguments.of("cron job with time zone and active job", "batch", "CronJob", """
            {"metadata":{"name":"report","creationTimestamp":"%s"},
             "spec":{"schedule":"0 6 * * *","timeZone":"Europe/Berlin","suspend":true,
               "jobTemplate":{"spec":{"template":{"spec":{"containers":[]}}}}},
             "status":{"active":[{"name":"report-28620360"}],"lastScheduleTime":"%s"}}
            """.formatted(TEN_DAYS, minutesAgo(125)),
            List.of("report", "0 6 * * *", "Europe/Berlin", "True", 1L, "125m", "10d", "", "", "<none>")),

        Arguments.of("pod disruption budget", "policy", "PodDisruptionBudget", """
            {"metadata":{"name":"web-pdb","creationTimestamp":"%s"},
             "spec":{"minAvailable":"50%%","selector":{"matchLabels":{"app":"web"}}},
             "status":{"disruptionsAllowed":1}}
            """.formatted(minutesAgo(4)),
            List.of("web-pdb", "50%", "N/A", 1L, "4m")),

        Arguments.of("controller revision", "apps", "ControllerRevision", """
            {"metadata":{"name":"db-6d9f7c","creationTimestamp":"%s","ownerReferences":[
               {"apiVersion":"apps/v1","kind":"StatefulSet","name":"db","uid":"u","controller":true}]},
             "revision":2}
            """.formatted(minutesAgo(4)),
            List.of("db-6d9f7c", "statefulset.apps/db", 2L, "4m")),

        Arguments.of("pod template", "", "PodTemplate", """
            {"metadata":{"name":"tpl","creationTimestamp":"%s"},
             "template":{"metadata":{"labels":{"b":"2","a":"1"}},
               "spec":{"containers":[{"name":"c","image":"busybox"}]}}}
            """.formatted(minutesAgo(4)),
            List.of("tpl", "c", "busybox", "a=1,b=2")),

        Arguments.of("replication controller", "", "ReplicationController", """
            {"metadata":{"name":"rc","creationTimestamp":"%s"},
             "spec":{"replicas":2,"selector":{"app":"x"},
               "template":{"spec":{"containers":[{"name":"c","image":"busybox"}]}}},
             "status":{"replicas":2,"readyReplicas":2}}
            """.formatted(minutesAgo(4)),
            List.of("rc", 2L, 2L, 2L, "4m", "c", "busybox", "app=x")),

        Arguments.of("autoscaling/v2 HPA with three metrics", "autoscaling", "HorizontalPodAutoscaler", """
            {"apiVersion":"autoscaling/v2","metadata":{"name":"web","creationTimestamp":"%s"},
             "spec":{"scaleTargetRef":{"apiVersion":"apps/v1","kind":"Deployment","name":"web"},
               "minReplicas":2,"maxReplicas":10,"metrics":[
                 {"type":"Resource","resource":{"name":"cpu","target":{"type":"Utilization","averageUtilization":60}}},
                 {"type":"Pods","pods":{"metric":{"name":"rps"},"target":{"type":"AverageValue","averageValue":"1k"}}},
                 {"type":"Resource","resource":{"name":"memory","target":{"type":"AverageValue","averageValue":"500Mi"}}}]},
             "status":{"currentReplicas":3,"desiredReplicas":3,"currentMetrics":[
                 {"type":"Resource","resource":{"name":"cpu","current":{"averageUtilization":45,"averageValue":"90m"}}}]}}
            """.formatted(minutesAgo(4)),
            List.of("web", "Deployment/web", "cpu: 45%/60%, <unknown>/1k + 1 more...", "2", 10L, 3L, "4m")),

        Arguments.of("autoscaling/v2 HPA without metric status yet", "autoscaling", "HorizontalPodAutoscaler", """
            {"apiVersion":"autoscaling/v2","metadata":{"name":"w","creationTimestamp":"%s"},
             "spec":{"scaleTargetRef":{"kind":"StatefulSet","name":"db"},"maxReplicas":5,"metrics":[
                 {"type":"External","external":{"metric":{"name":"q"},"target":{"type":"Value","value":"30"}}},
                 {"type":"Object","object":{"metric":{"name":"hits"},"target":{"type":"AverageValue","averageValue":"2"}}}]},
             "status":{"currentReplicas":0}}
            """.formatted(minutesAgo(4)),
            List.of("w", "StatefulSet/db", "<unknown>/30, <unknown>/2 (avg)", "<unset>", 5L, 0L, "4m")),

        Arguments.of("autoscaling/v1 HPA", "autoscaling", "HorizontalPodAutoscaler", """
            {"apiVersion":"autoscaling/v1","metadata":{"name":"php","creationTimestamp":"%s"},
             "spec":{"scaleTargetRef":{"kind":"Deployment","name":"php-apache"},"minReplicas":1,
               "maxReplicas":10,"targetCPUUtilizationPercentage":50},
             "status":{"currentReplicas":1,"currentCPUUtilizationPercentage":0}}
            """.formatted(minutesAgo(4)),
            List.of("php", "Deployment/php-apache", "cpu: 0%/50%", "1", 10L, 1L, "4m")),

        Arguments.of("autoscaling/v1 HPA without target uses the 80% default", "autoscaling",
            "HorizontalPodAutoscaler", """
            {"apiVersion":"autoscaling/v1","metadata":{"name":"php","creationTimestamp":"%s"},
             "spec":{"scaleTargetRef":{"kind":"Deployment","name":"php-apache"},"minReplicas":1,"maxReplicas":3},
             "status":{"currentReplicas":1}}
            """.formatted(minutesAgo(4)),
            List.of("php", "Deployment/php-apache", "cpu: <unknown>/80%", "1", 3L, 1L, "4m")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("objects")
  void printsTheCellsKubectlShows(String description, String group, String kind, String json,
      List<Object> expected) {
    assertThat(cells(group, kind, json)).containsExactlyElementsOf(expected);
  }

  @Test
  void columnSetsMatchKubeApiserver() {
    assertThat(columnNames("apps", "Deployment")).containsExactly(
        "Name", "Ready", "Up-to-date", "Available", "Age", "Containers", "Images", "Selector");
    assertThat(columnNames("batch", "Job")).containsExactly(
        "Name", "Status", "Completions", "Duration", "Age", "Containers", "Images", "Selector");
    assertThat(columnNames("batch", "CronJob")).containsExactly("Name", "Schedule", "Timezone",
        "Suspend", "Active", "Last Schedule", "Age", "Containers", "Images", "Selector");
    assertThat(columnNames("apps", "StatefulSet")).containsExactly(
        "Name", "Ready", "Age", "Containers", "Images");
    assertThat(columnNames("autoscaling", "HorizontalPodAutoscaler")).containsExactly(
        "Name", "Reference", "Targets", "MinPods", "MaxPods", "Replicas", "Age");
    var rs = TablePrinters.forKind("apps", "ReplicaSet").columns();
    assertThat(rs).extracting(ColumnDefinition::type).containsExactly(
        "string", "integer", "integer", "integer", "string", "string", "string", "string");
    assertThat(rs).extracting(ColumnDefinition::priority).containsExactly(0, 0, 0, 0, 0, 1, 1, 1);
    assertThat(TablePrinters.forKind("batch", "CronJob").columns().get(3).type()).isEqualTo("boolean");
  }
}
