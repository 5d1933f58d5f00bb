package dev.berth.api.table;

import static dev.berth.api.table.Fixtures.NOW;
import static dev.berth.api.table.Fixtures.json;
import static dev.berth.api.table.Fixtures.minutesAgo;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class EventPrinterTest {

  @Test
  void columnsMatchKubeApiserver() {
    var columns = TablePrinters.forKind("", "Event").columns();
    assertThat(columns).extracting(ColumnDefinition::name).containsExactly("Last Seen", "Type", "Reason",
        "Object", "Subobject", "Source", "Message", "First Seen", "Count", "Name");
    assertThat(columns).extracting(ColumnDefinition::priority).containsExactly(0, 0, 0, 0, 1, 1, 0, 1, 1, 1);
    assertThat(columns.get(9).format()).isEqualTo("name");
    assertThat(TablePrinters.forKind("events.k8s.io", "Event").columns()).isEqualTo(columns);
  }

  @Test
  void coreEventFromTheKubelet() {
    var event = json("""
        {"apiVersion":"v1","kind":"Event",
         "metadata":{"name":"web-1.17d5a2c1","namespace":"default","creationTimestamp":"%s"},
         "involvedObject":{"kind":"Pod","namespace":"default","name":"web-1","apiVersion":"v1",
           "fieldPath":"spec.containers{nginx}"},
         "reason":"Pulled","message":"  Successfully pulled image \\"nginx:1.27\\" in 1.2s\\n",
         "source":{"component":"kubelet","host":"worker-1"},
         "firstTimestamp":"%s","lastTimestamp":"%s","count":3,"type":"Normal"}
        """.formatted(minutesAgo(20), minutesAgo(20), minutesAgo(2)));
    assertThat(TablePrinters.forKind("", "Event").cells(event, NOW)).containsExactly(
        "2m", "Normal", "Pulled", "pod/web-1", "spec.containers{nginx}", "kubelet, worker-1",
        "Successfully pulled image \"nginx:1.27\" in 1.2s", "20m", 3L, "web-1.17d5a2c1");
  }

  @Test
  void newStyleEventWithSeriesAndNoLegacyTimestamps() {
    var event = json("""
        {"metadata":{"name":"e1","creationTimestamp":"%s"},
         "involvedObject":{"kind":"Node","name":"n1"},
         "reason":"NodeNotReady","message":"Node is not ready","type":"Warning",
         "eventTime":"%s","reportingComponent":"node-controller","reportingInstance":"cp-1",
         "series":{"count":4,"lastObservedTime":"%s"},"source":{}}
        """.formatted(minutesAgo(30), "2024-06-01T11:30:00.123456Z", "2024-06-01T11:55:00.500000Z"));
    assertThat(TablePrinters.forKind("", "Event").cells(event, NOW)).containsExactly(
        // Fractions of a second count: 4m59.5s and 29m59.88s ago.
        "4m59s", "Warning", "NodeNotReady", "node/n1", "", "node-controller, cp-1", "Node is not ready",
        "29m", 4L, "e1");
  }

  @Test
  void singletonEventWithoutCountCountsOnce() {
    var event = json("""
        {"metadata":{"name":"e2"},"involvedObject":{"kind":"Namespace"},
         "reason":"X","eventTime":"%s"}
        """.formatted(minutesAgo(3)));
    assertThat(TablePrinters.forKind("", "Event").cells(event, NOW)).containsExactly(
        "3m", "", "X", "namespace", "", "", "", "3m", 1L, "e2");
  }

  @Test
  void eventWithoutAnyTimestampIsUnknown() {
    var event = json("""
        {"metadata":{"name":"e3"},"involvedObject":{"kind":"Pod","name":"p"},"count":2,
         "firstTimestamp":null,"lastTimestamp":"0001-01-01T00:00:00Z"}
        """);
    assertThat(TablePrinters.forKind("", "Event").cells(event, NOW)).startsWith("<unknown>")
        .contains("<unknown>", 2L);
  }

  @Test
  void eventsK8sIoShapeIsReadFromItsOwnFieldNames() {
    var event = json("""
        {"apiVersion":"events.k8s.io/v1","kind":"Event",
         "metadata":{"name":"db-0.1","namespace":"prod","creationTimestamp":"%s"},
         "eventTime":"2024-06-01T11:50:00.000000Z","reportingController":"kubelet",
         "reportingInstance":"worker-3","action":"Scheduling","reason":"BackOff","type":"Warning",
         "regarding":{"kind":"Pod","name":"db-0","fieldPath":"spec.containers{pg}"},
         "note":"Back-off restarting failed container","deprecatedCount":12,
         "deprecatedFirstTimestamp":"%s","deprecatedLastTimestamp":"%s",
         "deprecatedSource":{"component":"kubelet","host":"worker-3"}}
        """.formatted(minutesAgo(60), minutesAgo(60), minutesAgo(1)));
    assertThat(TablePrinters.forKind("events.k8s.io", "Event").cells(event, NOW)).containsExactly(
        "60s", "Warning", "BackOff", "pod/db-0", "spec.containers{pg}", "kubelet, worker-3",
        "Back-off restarting failed container", "60m", 12L, "db-0.1");
  }
}
