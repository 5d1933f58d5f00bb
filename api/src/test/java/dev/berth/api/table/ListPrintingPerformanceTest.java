package dev.berth.api.table;

import static dev.berth.api.table.Fixtures.NOW;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A smoke check that printing a large list stays cheap: 10,000 pods, printed repeatedly, must take
 * on average well under the time kube-apiserver budgets for a list request. The bound is generous
 * (a shared 2-core machine); the point is to catch accidental quadratic work or per-cell regexes.
 */
class ListPrintingPerformanceTest {

  @Test
  void tenThousandPodsPrintQuickly() {
    List<ObjectNode> pods = new ArrayList<>(10_000);
    for (int i = 0; i < 10_000; i++) {
      pods.add(Fixtures.json("""
          {"metadata":{"name":"web-%d","namespace":"default","creationTimestamp":"2024-06-01T11:%02d:00Z"},
           "spec":{"nodeName":"worker-%d","containers":[{"name":"nginx","image":"nginx:1.27"}]},
           "status":{"phase":"Running","podIP":"10.244.%d.%d",
             "conditions":[{"type":"Initialized","status":"True"},{"type":"Ready","status":"True"}],
             "containerStatuses":[{"name":"nginx","ready":true,"restartCount":%d,"state":{"running":{}},
               "lastState":{"terminated":{"exitCode":1,"finishedAt":"2024-06-01T11:59:00Z"}}}]}}
          """.formatted(i, i % 60, i % 50, i / 256 % 256, i % 256, i % 3)));
    }
    TablePrinter printer = TablePrinters.forKind("", "Pod");
    long checksum = 0;
    for (int warm = 0; warm < 3; warm++) {
      for (ObjectNode pod : pods) {
        checksum += printer.cells(pod, NOW).size();
      }
    }
    long start = System.nanoTime();
    for (ObjectNode pod : pods) {
      checksum += printer.cells(pod, NOW).size();
    }
    long millis = (System.nanoTime() - start) / 1_000_000;
    assertThat(checksum).isEqualTo(4L * 10_000 * 9);
    assertThat(millis).as("ms to print 10,000 pods").isLessThan(1_000);
    assertThat(printer.cells(pods.get(1), NOW)).containsExactly(
        "web-1", "1/1", "Running", "1 (60s ago)", "59m", "10.244.0.1", "worker-1", "<none>", "<none>");
  }
}
