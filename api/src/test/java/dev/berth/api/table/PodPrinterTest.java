package dev.berth.api.table;

import static dev.berth.api.table.Fixtures.NOW;
import static dev.berth.api.table.Fixtures.json;
import static dev.berth.api.table.Fixtures.minutesAgo;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class PodPrinterTest {

  private final TablePrinter printer = TablePrinters.forKind("", "Pod");

  @Test
  void columnsMatchKubeApiserver() {
    assertThat(printer.columns()).extracting(ColumnDefinition::name).containsExactly(
        "Name", "Ready", "Status", "Restarts", "Age", "IP", "Node", "Nominated Node", "Readiness Gates");
    assertThat(printer.columns()).extracting(ColumnDefinition::priority)
        .containsExactly(0, 0, 0, 0, 0, 1, 1, 1, 1);
    assertThat(printer.columns()).extracting(ColumnDefinition::type).containsOnly("string");
    assertThat(printer.columns().get(0).format()).isEqualTo("name");
    assertThat(printer.columns().get(3).description()).isEqualTo(
        "The number of times the containers in this pod have been restarted and when the last "
            + "container in this pod has restarted.");
    assertThat(printer.columns().get(4).description()).startsWith("CreationTimestamp is a timestamp");
  }

  static Stream<Arguments> pods() {
    return Stream.of(
        Arguments.of("running pod", """
            {"metadata":{"name":"web-7d4b9c-x2k9p","namespace":"default","creationTimestamp":"%s"},
             "spec":{"nodeName":"worker-1","containers":[{"name":"nginx","image":"nginx:1.27"}]},
             "status":{"phase":"Running","podIP":"10.244.1.5","podIPs":[{"ip":"10.244.1.5"}],
               "conditions":[{"type":"Initialized","status":"True"},{"type":"Ready","status":"True"}],
               "containerStatuses":[{"name":"nginx","ready":true,"restartCount":0,"started":true,
                 "state":{"running":{"startedAt":"%s"}}}]}}
            """.formatted(minutesAgo(5), minutesAgo(5)),
            List.of("web-7d4b9c-x2k9p", "1/1", "Running", "0", "5m", "10.244.1.5", "worker-1", "<none>",
                "<none>")),

        Arguments.of("unscheduled pod", """
            {"metadata":{"name":"p","creationTimestamp":"%s"},
             "spec":{"containers":[{"name":"a"}]},
             "status":{"phase":"Pending","conditions":[{"type":"PodScheduled","status":"False",
               "reason":"Unschedulable"}]}}
            """.formatted(minutesAgo(3)),
            List.of("p", "0/1", "Pending", "0", "3m", "<none>", "<none>", "<none>", "<none>")),

        Arguments.of("scheduling gated pod", """
            {"metadata":{"name":"p","creationTimestamp":"%s"},
             "spec":{"containers":[{"name":"a"}],"schedulingGates":[{"name":"example.com/gate"}]},
             "status":{"phase":"Pending","conditions":[{"type":"PodScheduled","status":"False",
               "reason":"SchedulingGated"}]}}
            """.formatted(minutesAgo(3)),
            List.of("p", "0/1", "SchedulingGated", "0", "3m", "<none>", "<none>", "<none>", "<none>")),

        Arguments.of("container being created", """
            {"metadata":{"name":"p","creationTimestamp":"%s"},
             "spec":{"nodeName":"n1","containers":[{"name":"a"},{"name":"b"}]},
             "status":{"phase":"Pending","containerStatuses":[
               {"name":"a","ready":false,"restartCount":0,"state":{"waiting":{"reason":"ContainerCreating"}}},
               {"name":"b","ready":false,"restartCount":0,"state":{"waiting":{"reason":"ContainerCreating"}}}]}}
            """.formatted(Fixtures.ago(java.time.Duration.ofSeconds(7))),
            List.of("p", "0/2", "ContainerCreating", "0", "7s", "<none>", "n1", "<none>", "<none>")),

        Arguments.of("init container running", """
            {"metadata":{"name":"db-0","creationTimestamp":"%s"},
             "spec":{"nodeName":"n1","initContainers":[{"name":"migrate"}],"containers":[{"name":"db"}]},
             "status":{"phase":"Pending","podIP":"10.0.0.9",
               "conditions":[{"type":"Initialized","status":"False"}],
               "initContainerStatuses":[{"name":"migrate","ready":false,"restartCount":0,
                 "state":{"running":{"startedAt":"%s"}}}],
               "containerStatuses":[{"name":"db","ready":false,"restartCount":0,
                 "state":{"waiting":{"reason":"PodInitializing"}}}]}}
            """.formatted(minutesAgo(1), minutesAgo(1)),
            List.of("db-0", "0/1", "Init:0/1", "0", "60s", "10.0.0.9", "n1", "<none>", "<none>")),

        Arguments.of("second of two init containers running", """
            {"metadata":{"name":"p","creationTimestamp":"%s"},
             "spec":{"initContainers":[{"name":"i1"},{"name":"i2"}],"containers":[{"name":"c"}]},
             "status":{"phase":"Pending","initContainerStatuses":[
               {"name":"i1","restartCount":0,"state":{"terminated":{"exitCode":0,"reason":"Completed"}}},
               {"name":"i2","restartCount":0,"state":{"running":{}}}]}}
            """.formatted(minutesAgo(2)),
            List.of("p", "0/1", "Init:1/2", "0", "2m", "<none>", "<none>", "<none>", "<none>")),

        Arguments.of("init container crash looping", """
            {"metadata":{"name":"p","creationTimestamp":"%s"},
             "spec":{"initContainers":[{"name":"i1"}],"containers":[{"name":"c"}]},
             "status":{"phase":"Pending","initContainerStatuses":[
               {"name":"i1","restartCount":3,"state":{"waiting":{"reason":"CrashLoopBackOff"}},
                "lastState":{"terminated":{"exitCode":1,"reason":"Error","finishedAt":"%s"}}}]}}
            """.formatted(minutesAgo(30), minutesAgo(1)),
            List.of("p", "0/1", "Init:CrashLoopBackOff", "3 (60s ago)", "30m", "<none>", "<none>", "<none>",
                "<none>")),

        Arguments.of("init container failed with exit code only", """
            {"metadata":{"name":"p","creationTimestamp":"%s"},
             "spec":{"initContainers":[{"name":"i1"}],"containers":[{"name":"c"}]},
             "status":{"phase":"Failed","initContainerStatuses":[
               {"name":"i1","restartCount":0,"state":{"terminated":{"exitCode":3}}}]}}
            """.formatted(minutesAgo(30)),
            List.of("p", "0/1", "Init:ExitCode:3", "0", "30m", "<none>", "<none>", "<none>", "<none>")),

        Arguments.of("init container killed by a signal", """
            {"metadata":{"name":"p","creationTimestamp":"%s"},
             "spec":{"initContainers":[{"name":"i1"}],"containers":[{"name":"c"}]},
             "status":{"phase":"Pending","initContainerStatuses":[
               {"name":"i1","restartCount":0,"state":{"terminated":{"exitCode":137,"signal":9}}}]}}
            """.formatted(minutesAgo(30)),
            List.of("p", "0/1", "Init:Signal:9", "0", "30m", "<none>", "<none>", "<none>", "<none>")),

        Arguments.of("init done, main container initializing", """
            {"metadata":{"name":"p","creationTimestamp":"%s"},
             "spec":{"initContainers":[{"name":"i1"}],"containers":[{"name":"c"}]},
             "status":{"phase":"Pending","conditions":[{"type":"Initialized","status":"True"}],
               "initContainerStatuses":[
                 {"name":"i1","restartCount":0,"state":{"terminated":{"exitCode":0,"reason":"Completed"}}}],
               "containerStatuses":[{"name":"c","ready":false,"restartCount":0,
                 "state":{"waiting":{"reason":"PodInitializing"}}}]}}
            """.formatted(minutesAgo(1)),
            List.of("p", "0/1", "PodInitializing", "0", "60s", "<none>", "<none>", "<none>", "<none>")),

        Arguments.of("crash-looping pod", """
            {"metadata":{"name":"api-5f8d","creationTimestamp":"%s"},
             "spec":{"nodeName":"worker-2","containers":[{"name":"api"}]},
             "status":{"phase":"Running","podIP":"10.244.2.7",
               "conditions":[{"type":"Initialized","status":"True"},{"type":"Ready","status":"False"}],
               "containerStatuses":[{"name":"api","ready":false,"restartCount":5,"started":false,
                 "state":{"waiting":{"reason":"CrashLoopBackOff","message":"back-off 2m40s"}},
                 "lastState":{"terminated":{"exitCode":1,"reason":"Error","startedAt":"%s",
                   "finishedAt":"%s"}}}]}}
            """.formatted(Fixtures.ago(java.time.Duration.ofHours(3)), minutesAgo(3), minutesAgo(2)),
            List.of("api-5f8d", "0/1", "CrashLoopBackOff", "5 (2m ago)", "3h", "10.244.2.7", "worker-2",
                "<none>", "<none>")),

        Arguments.of("terminating pod", """
            {"metadata":{"name":"web-1","creationTimestamp":"%s","deletionTimestamp":"%s",
               "deletionGracePeriodSeconds":30},
             "spec":{"nodeName":"n1","containers":[{"name":"c"}]},
             "status":{"phase":"Running","podIPs":[{"ip":"fd00::5"}],
               "conditions":[{"type":"Ready","status":"True"}],
               "containerStatuses":[{"name":"c","ready":true,"restartCount":0,"state":{"running":{}}}]}}
            """.formatted(Fixtures.ago(java.time.Duration.ofDays(2).plusHours(3)), NOW.plusSeconds(30)),
            List.of("web-1", "1/1", "Terminating", "0", "2d3h", "fd00::5", "n1", "<none>", "<none>")),

        Arguments.of("pod of an unreachable node being deleted", """
            {"metadata":{"name":"p","creationTimestamp":"%s","deletionTimestamp":"%s"},
             "spec":{"nodeName":"n1","containers":[{"name":"c"}]},
             "status":{"phase":"Running","reason":"NodeLost",
               "containerStatuses":[{"name":"c","ready":true,"restartCount":0,"state":{"running":{}}}]}}
            """.formatted(minutesAgo(600), NOW),
            List.of("p", "1/1", "Unknown", "0", "10h", "<none>", "n1", "<none>", "<none>")),

        Arguments.of("completed job pod", """
            {"metadata":{"name":"pi-8xk2p","creationTimestamp":"%s"},
             "spec":{"nodeName":"n1","restartPolicy":"Never","containers":[{"name":"pi"}]},
             "status":{"phase":"Succeeded","podIP":"10.244.0.12",
               "conditions":[{"type":"Ready","status":"False","reason":"PodCompleted"}],
               "containerStatuses":[{"name":"pi","ready":false,"restartCount":0,
                 "state":{"terminated":{"exitCode":0,"reason":"Completed"}}}]}}
            """.formatted(minutesAgo(45)),
            List.of("pi-8xk2p", "0/1", "Completed", "0", "45m", "10.244.0.12", "n1", "<none>", "<none>")),

        Arguments.of("finished pod being deleted keeps its phase reason", """
            {"metadata":{"name":"p","creationTimestamp":"%s","deletionTimestamp":"%s"},
             "spec":{"containers":[{"name":"c"}]},
             "status":{"phase":"Failed","containerStatuses":[{"name":"c","restartCount":0,
               "state":{"terminated":{"exitCode":1,"reason":"Error"}}}]}}
            """.formatted(minutesAgo(45), NOW),
            List.of("p", "0/1", "Error", "0", "45m", "<none>", "<none>", "<none>", "<none>")),

        Arguments.of("container terminated without reason", """
            {"metadata":{"name":"p","creationTimestamp":"%s"},
             "spec":{"containers":[{"name":"c"}]},
             "status":{"phase":"Running","containerStatuses":[{"name":"c","restartCount":0,
               "state":{"terminated":{"exitCode":2}}}]}}
            """.formatted(minutesAgo(45)),
            List.of("p", "0/1", "ExitCode:2", "0", "45m", "<none>", "<none>", "<none>", "<none>")),

        Arguments.of("evicted pod shows the status reason", """
            {"metadata":{"name":"p","creationTimestamp":"%s"},
             "spec":{"containers":[{"name":"c"}]},
             "status":{"phase":"Failed","reason":"Evicted","message":"The node was low on resource"}}
            """.formatted(minutesAgo(45)),
            List.of("p", "0/1", "Evicted", "0", "45m", "<none>", "<none>", "<none>", "<none>")),

        Arguments.of("first container's waiting reason wins", """
            {"metadata":{"name":"p","creationTimestamp":"%s"},
             "spec":{"containers":[{"name":"a"},{"name":"b"}]},
             "status":{"phase":"Pending","containerStatuses":[
               {"name":"a","restartCount":0,"state":{"waiting":{"reason":"ImagePullBackOff"}}},
               {"name":"b","restartCount":0,"ready":true,"state":{"running":{}}}]}}
            """.formatted(minutesAgo(45)),
            List.of("p", "1/2", "ImagePullBackOff", "0", "45m", "<none>", "<none>", "<none>", "<none>")),

        Arguments.of("native sidecar counts as a container", """
            {"metadata":{"name":"p","creationTimestamp":"%s"},
             "spec":{"initContainers":[{"name":"proxy","restartPolicy":"Always"}],
                     "containers":[{"name":"app"}]},
             "status":{"phase":"Running","conditions":[{"type":"Initialized","status":"True"},
                 {"type":"Ready","status":"True"}],
               "initContainerStatuses":[{"name":"proxy","ready":true,"started":true,"restartCount":2,
                 "state":{"running":{}},
                 "lastState":{"terminated":{"exitCode":1,"finishedAt":"%s"}}}],
               "containerStatuses":[{"name":"app","ready":true,"restartCount":1,"state":{"running":{}},
                 "lastState":{"terminated":{"exitCode":1,"finishedAt":"%s"}}}]}}
            """.formatted(minutesAgo(90), minutesAgo(50), minutesAgo(20)),
            List.of("p", "2/2", "Running", "3 (20m ago)", "90m", "<none>", "<none>", "<none>", "<none>")),

        Arguments.of("job pod whose sidecar still runs is not Completed", """
            {"metadata":{"name":"p","creationTimestamp":"%s"},
             "spec":{"containers":[{"name":"main"},{"name":"logger"}]},
             "status":{"phase":"Running","conditions":[{"type":"Ready","status":"False"}],
               "containerStatuses":[
                 {"name":"main","restartCount":0,"state":{"terminated":{"exitCode":0,"reason":"Completed"}}},
                 {"name":"logger","ready":true,"restartCount":0,"state":{"running":{}}}]}}
            """.formatted(minutesAgo(9)),
            List.of("p", "1/2", "NotReady", "0", "9m", "<none>", "<none>", "<none>", "<none>")),

        Arguments.of("readiness gates and nominated node", """
            {"metadata":{"name":"p","creationTimestamp":"%s"},
             "spec":{"containers":[{"name":"c"}],"readinessGates":[{"conditionType":"example.com/lb"},
               {"conditionType":"example.com/dns"}]},
             "status":{"phase":"Pending","nominatedNodeName":"n3",
               "conditions":[{"type":"example.com/lb","status":"True"},{"type":"example.com/dns","status":"False"}]}}
            """.formatted(minutesAgo(1)),
            List.of("p", "0/1", "Pending", "0", "60s", "<none>", "<none>", "n3", "1/2")),

        Arguments.of("missing creation timestamp", """
            {"metadata":{"name":"p"},"spec":{"containers":[]},"status":{}}
            """,
            List.of("p", "0/0", "", "0", "<unknown>", "<none>", "<none>", "<none>", "<none>")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("pods")
  void printsTheCellsKubectlShows(String description, String pod, List<Object> expected) {
    assertThat(printer.cells(json(pod), NOW)).containsExactlyElementsOf(expected);
  }

  @Test
  void finishedPodsCarryTheCompletedRowCondition() {
    assertThat(printer.rowConditions(json("{\"status\":{\"phase\":\"Succeeded\"}}")))
        .containsExactly(new RowCondition("Completed", "True", "Succeeded",
            "The pod has completed successfully."));
    assertThat(printer.rowConditions(json("{\"status\":{\"phase\":\"Failed\"}}")))
        .containsExactly(new RowCondition("Completed", "True", "Failed", "The pod failed."));
    assertThat(printer.rowConditions(json("{\"status\":{\"phase\":\"Running\"}}"))).isEmpty();
  }

  @Test
  void toleratesMalformedStatus() {
    // Wrong JSON types must not throw: the printer runs on every object of a list.
    var pod = json("""
        {"metadata":{"name":"p","creationTimestamp":"not-a-time"},
         "spec":{"containers":"oops","initContainers":{}},
         "status":{"phase":7,"containerStatuses":[{"state":"x","restartCount":"2"}]}}
        """);
    assertThat(printer.cells(pod, NOW)).hasSize(9).contains("<unknown>");
  }
}
