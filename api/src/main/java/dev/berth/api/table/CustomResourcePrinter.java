package dev.berth.api.table;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * Custom resources: a Name column followed by the CRD version's {@code additionalPrinterColumns},
 * evaluated like apiextensions-apiserver's table convertor (first JSONPath result; typed cells;
 * "date" columns shown as an age; {@code null} when the path finds nothing).
 */
final class CustomResourcePrinter implements TablePrinter {

  private final List<ColumnDefinition> columns;
  private final List<SimpleJsonPath> paths;

  CustomResourcePrinter(List<ColumnDefinition> columns, List<SimpleJsonPath> paths) {
    List<ColumnDefinition> all = new ArrayList<>(columns.size() + 1);
    all.add(Columns.NAME);
    all.addAll(columns);
    this.columns = List.copyOf(all);
    this.paths = List.copyOf(paths);
  }

  @Override
  public List<ColumnDefinition> columns() {
    return columns;
  }

  @Override
  public List<Object> cells(ObjectNode obj, Instant now) {
    Object[] cells = new Object[columns.size()];
    cells[0] = Cells.name(obj);
    for (int i = 0; i < paths.size(); i++) {
      JsonNode value = paths.get(i).first(obj);
      cells[i + 1] = value == null ? null : cell(columns.get(i + 1).type(), value, now);
    }
    return Collections.unmodifiableList(Arrays.asList(cells));
  }

  private static Object cell(String type, JsonNode value, Instant now) {
    if (value.isNull()) {
      return null;
    }
    return switch (type) {
      case "string" -> value.isContainerNode() ? value.toString() : value.asText();
      case "integer" -> value.isNumber() ? (Object) value.longValue() : null;
      case "number" -> value.isNumber() ? (Object) value.doubleValue() : null;
      case "boolean" -> value.isBoolean() ? (Object) value.booleanValue() : null;
      case "date" -> {
        if (!value.isTextual()) {
          yield null;
        }
        if (Timestamps.parse(value.textValue()) == null) {
          yield "<invalid>";
        }
        yield Cells.since(value, now);
      }
      default -> null;
    };
  }
}
