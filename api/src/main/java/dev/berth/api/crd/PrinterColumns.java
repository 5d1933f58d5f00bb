package dev.berth.api.crd;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.berth.api.codec.Json;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * The Table columns of a custom resource version: a leading {@code Name} column, then the version's
 * {@code additionalPrinterColumns}, or an {@code Age} column when it declares none (as
 * kube-apiserver's CRD handler does). Gives the column definitions and, per object, the cells: raw
 * (value plus declared type, for clients that format themselves) or as upstream's Table carries them
 * ({@code date} columns as an age like {@code 3d4h}). Immutable and thread-safe.
 */
public final class PrinterColumns {

  /** One column; {@code jsonPath} is null for the Name column, which shows {@code metadata.name}. */
  public record Column(String name, String type, String format, String description, int priority,
      String jsonPath) {}

  /** A raw cell: the first value the column's path selects (null when none) and the column type. */
  public record Cell(JsonNode value, String type) {}

  static final String NAME_DESCRIPTION = "Name must be unique within a namespace. Is required when "
      + "creating resources, although some resources may allow a client to request the generation of "
      + "an appropriate name automatically. Name is primarily intended for creation idempotence and "
      + "configuration definition. Cannot be updated. More info: "
      + "https://kubernetes.io/docs/concepts/overview/working-with-objects/names#names";
  static final String AGE_DESCRIPTION = "CreationTimestamp is a timestamp representing the server "
      + "time when this object was created. It is not guaranteed to be set in happens-before order "
      + "across separate operations. Clients may not set this value. It is represented in RFC3339 "
      + "form and is in UTC.\n\nPopulated by the system. Read-only. Null for lists. More info: "
      + "https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#metadata";

  private static final Column NAME = new Column("Name", "string", "name", NAME_DESCRIPTION, 0, null);
  private static final Column AGE = new Column("Age", "date", "", AGE_DESCRIPTION, 0,
      ".metadata.creationTimestamp");

  private final List<Column> columns;
  private final List<JsonPathLite> paths;
  private final boolean fallback;

  private PrinterColumns(List<Column> columns, boolean fallback) {
    this.columns = List.copyOf(columns);
    this.fallback = fallback;
    List<JsonPathLite> p = new ArrayList<>(columns.size());
    for (Column c : columns) {
      p.add(c.jsonPath() == null ? null : JsonPathLite.parse(c.jsonPath()));
    }
    this.paths = p;
  }

  /** The columns of the named version of a CRD (v1: {@code spec.versions[].additionalPrinterColumns}). */
  public static PrinterColumns forVersion(JsonNode crd, String version) {
    for (JsonNode v : crd.path("spec").path("versions")) {
      if (version.equals(v.path("name").asText())) {
        return of(v.get("additionalPrinterColumns"));
      }
    }
    return of(null);
  }

  /**
   * Columns from an {@code additionalPrinterColumns} array. When any path cannot be parsed upstream
   * falls back to default printing; so do we (Name and Age), and {@link #isFallback()} says so.
   */
  public static PrinterColumns of(JsonNode additionalPrinterColumns) {
    List<Column> cols = new ArrayList<>();
    cols.add(NAME);
    if (additionalPrinterColumns == null || !additionalPrinterColumns.isArray()
        || additionalPrinterColumns.isEmpty()) {
      cols.add(AGE);
      return new PrinterColumns(cols, false);
    }
    for (JsonNode c : additionalPrinterColumns) {
      String path = c.path("jsonPath").asText("");
      if (path.isEmpty() || JsonPathLite.problem(path).isPresent()) {
        return new PrinterColumns(List.of(NAME, AGE), true);
      }
      String description = c.path("description").asText("");
      if (description.isEmpty()) {
        description = "Custom resource definition column (in JSONPath format): " + path;
      }
      cols.add(new Column(c.path("name").asText(), c.path("type").asText("string"),
          c.path("format").asText(""), description, c.path("priority").asInt(0), path));
    }
    return new PrinterColumns(cols, false);
  }

  public List<Column> columns() {
    return columns;
  }

  /** Whether the declared columns were unusable and the defaults are shown instead. */
  public boolean isFallback() {
    return fallback;
  }

  /** The Table's {@code columnDefinitions}. */
  public ArrayNode columnDefinitions() {
    ArrayNode defs = JsonNodeFactory.instance.arrayNode();
    for (Column c : columns) {
      ObjectNode d = defs.addObject();
      d.put("name", c.name());
      d.put("type", c.type());
      d.put("format", c.format());
      d.put("description", c.description());
      d.put("priority", c.priority());
    }
    return defs;
  }

  /** The raw cells of one object, one per column. */
  public List<Cell> cells(JsonNode object) {
    List<Cell> cells = new ArrayList<>(columns.size());
    for (int i = 0; i < columns.size(); i++) {
      Column c = columns.get(i);
      JsonNode value = paths.get(i) == null ? object.path("metadata").get("name")
          : paths.get(i).first(object).orElse(null);
      cells.add(new Cell(value, c.type()));
    }
    return cells;
  }

  /**
   * The cells as kube-apiserver puts them in a Table row: integers, numbers, booleans and strings as
   * typed values (a value of another JSON type is null), strings columns with non-string values
   * printed as JSONPath prints them, and {@code date} columns as the age at {@code clock}'s now.
   */
  public List<JsonNode> tableCells(JsonNode object, Clock clock) {
    List<Cell> raw = cells(object);
    List<JsonNode> out = new ArrayList<>(raw.size());
    for (Cell cell : raw) {
      out.add(tableCell(cell, clock));
    }
    return out;
  }

  static JsonNode tableCell(Cell cell, Clock clock) {
    JsonNode v = cell.value();
    if (v == null || v.isNull() || v.isMissingNode()) {
      return NullNode.instance;
    }
    return switch (cell.type()) {
      case "integer" -> v.isIntegralNumber() ? LongNode.valueOf(v.longValue())
          : v.isNumber() ? LongNode.valueOf((long) v.doubleValue()) : NullNode.instance;
      case "number" -> v.isNumber() ? DoubleNode.valueOf(v.doubleValue()) : NullNode.instance;
      case "boolean" -> v.isBoolean() ? BooleanNode.valueOf(v.booleanValue()) : NullNode.instance;
      case "date" -> v.isTextual() ? TextNode.valueOf(v.textValue().isEmpty() ? "<unknown>"
          : HumanDuration.ageOf(v.textValue(), clock)) : NullNode.instance;
      default -> TextNode.valueOf(v.isTextual() ? v.textValue()
          : v.isContainerNode() ? Json.toString(v) : v.asText());
    };
  }
}
