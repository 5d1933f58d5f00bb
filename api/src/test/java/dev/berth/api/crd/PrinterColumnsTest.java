package dev.berth.api.crd;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class PrinterColumnsTest {

  private static final Clock CLOCK = Clock.fixed(Instant.parse("2024-05-03T12:00:00Z"), ZoneOffset.UTC);
  private static final JsonNode CRONTAB = CrdFixtures.json("""
      {"apiVersion":"stable.example.com/v1","kind":"CronTab",
       "metadata":{"name":"nightly","creationTimestamp":"2024-05-01T09:00:00Z"},
       "spec":{"cronSpec":"0 2 * * *","image":"backup:1","replicas":2},
       "status":{"conditions":[{"type":"Ready","status":"True"}]}}""");

  @Test
  void columnsStartWithNameThenTheDeclaredOnes() {
    PrinterColumns pc = PrinterColumns.forVersion(CrdFixtures.cronTab(), "v1");
    assertThat(pc.isFallback()).isFalse();
    assertThat(pc.columns()).extracting(PrinterColumns.Column::name)
        .containsExactly("Name", "Spec", "Replicas", "Ready", "Age", "Image");
    assertThat(pc.columns().get(5).priority()).isEqualTo(1);
    assertThat(pc.columns().get(5).description()).isEqualTo("The image the job runs");
    assertThat(pc.columns().get(1).description())
        .isEqualTo("Custom resource definition column (in JSONPath format): .spec.cronSpec");
    JsonNode defs = pc.columnDefinitions();
    assertThat(defs.get(0).toString()).startsWith(
        "{\"name\":\"Name\",\"type\":\"string\",\"format\":\"name\",\"description\":\"Name must be unique");
    assertThat(defs.get(2).toString()).isEqualTo("{\"name\":\"Replicas\",\"type\":\"integer\",\"format\":\"\","
        + "\"description\":\"Custom resource definition column (in JSONPath format): .spec.replicas\",\"priority\":0}");
  }

  @Test
  void rawCellsCarryValuesAndTypes() {
    PrinterColumns pc = PrinterColumns.forVersion(CrdFixtures.cronTab(), "v1");
    List<PrinterColumns.Cell> cells = pc.cells(CRONTAB);
    assertThat(cells).extracting(c -> c.value() == null ? null : c.value().toString())
        .containsExactly("\"nightly\"", "\"0 2 * * *\"", "2", "\"True\"", "\"2024-05-01T09:00:00Z\"",
            "\"backup:1\"");
    assertThat(cells.get(4).type()).isEqualTo("date");
  }

  @Test
  void tableCellsFollowUpstreamConversions() {
    PrinterColumns pc = PrinterColumns.forVersion(CrdFixtures.cronTab(), "v1");
    assertThat(row(pc.tableCells(CRONTAB, CLOCK)))
        .isEqualTo("[\"nightly\",\"0 2 * * *\",2,\"True\",\"2d3h\",\"backup:1\"]");
    JsonNode sparse = CrdFixtures.json("{\"metadata\":{\"name\":\"x\"},\"spec\":{\"replicas\":\"many\"}}");
    assertThat(row(pc.tableCells(sparse, CLOCK)))
        .isEqualTo("[\"x\",null,null,null,null,null]");
  }

  @Test
  void typedConversionsOfCells() {
    assertThat(cell("integer", "2.9")).isEqualTo("2");
    assertThat(cell("number", "2")).isEqualTo("2.0");
    assertThat(cell("boolean", "\"true\"")).isEqualTo("null");
    assertThat(cell("string", "{\"a\":[1]}")).isEqualTo("\"{\\\"a\\\":[1]}\"");
    assertThat(cell("string", "7")).isEqualTo("\"7\"");
    assertThat(cell("date", "\"\"")).isEqualTo("\"<unknown>\"");
    assertThat(cell("date", "\"soon\"")).isEqualTo("\"<invalid>\"");
    assertThat(cell("date", "5")).isEqualTo("null");
  }

  private static String row(List<JsonNode> cells) {
    return cells.toString().replace(", ", ",");
  }

  private static String cell(String type, String json) {
    JsonNode v = CrdFixtures.json("{\"v\":" + json + "}").get("v");
    return PrinterColumns.tableCell(new PrinterColumns.Cell(v, type), CLOCK).toString();
  }

  @Test
  void withoutColumnsThereIsAnAgeColumn() {
    PrinterColumns pc = PrinterColumns.of(null);
    assertThat(pc.columns()).extracting(PrinterColumns.Column::name).containsExactly("Name", "Age");
    assertThat(row(pc.tableCells(CRONTAB, CLOCK))).isEqualTo("[\"nightly\",\"2d3h\"]");
    assertThat(PrinterColumns.forVersion(CrdFixtures.cronTab(), "v2").columns()).hasSize(2);
  }

  @Test
  void anUnparseablePathFallsBackToDefaults() {
    PrinterColumns pc = PrinterColumns.of(CrdFixtures.json(
        "{\"c\":[{\"name\":\"A\",\"type\":\"string\",\"jsonPath\":\".spec..x\"}]}").get("c"));
    assertThat(pc.isFallback()).isTrue();
    assertThat(pc.columns()).extracting(PrinterColumns.Column::name).containsExactly("Name", "Age");
  }
}
