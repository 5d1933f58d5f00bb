package dev.berth.api.table;

import static dev.berth.api.table.Fixtures.NOW;
import static dev.berth.api.table.Fixtures.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Properties every built-in printer must have, whatever object it is handed. */
class AllPrintersTest {

  static Stream<String> kinds() {
    return TablePrinters.registeredKinds().stream().sorted();
  }

  private static TablePrinter printer(String key) {
    int slash = key.indexOf('/');
    return TablePrinters.forKind(key.substring(0, slash), key.substring(slash + 1));
  }

  @ParameterizedTest
  @MethodSource("kinds")
  void printsOneCellPerColumnEvenForEmptyObjects(String key) {
    TablePrinter printer = printer(key);
    for (String obj : List.of("{}", "{\"metadata\":{\"name\":\"x\"},\"spec\":[],\"status\":\"bad\"}")) {
      List<Object> cells = printer.cells(json(obj), NOW);
      assertThat(cells).as(key).hasSameSizeAs(printer.columns()).doesNotContainNull();
      assertThat(cells).allSatisfy(c -> assertThat(c).isInstanceOfAny(String.class, Long.class,
          Double.class, Boolean.class));
    }
  }

  @ParameterizedTest
  @MethodSource("kinds")
  void columnsAreWellFormed(String key) {
    List<ColumnDefinition> columns = printer(key).columns();
    assertThat(columns).as(key).isNotEmpty();
    assertThat(columns).allSatisfy(c -> {
      assertThat(c.type()).isIn("string", "integer", "number", "boolean", "date");
      assertThat(c.priority()).isBetween(0, 1);
      assertThat(c.description()).isNotNull();
    });
    assertThat(columns).extracting(ColumnDefinition::name).doesNotHaveDuplicates();
    assertThat(columns.stream().filter(c -> c.name().equals("Name")).count()).as(key).isEqualTo(1);
  }
}
