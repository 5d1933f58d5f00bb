package dev.berth.api.table;

import java.util.Objects;

/**
 * One entry of a Table's {@code columnDefinitions} ({@code meta.k8s.io/v1 TableColumnDefinition}).
 *
 * @param name        the header kubectl prints (upper-cased by kubectl), e.g. "Name", "Ready"
 * @param type        the OpenAPI type: "string", "integer", "number", "boolean" or "date"
 * @param format      an optional hint; "name" marks the column that holds the object name
 * @param description the API documentation of the shown field
 * @param priority    0 for default columns, 1 (or more) for those kubectl shows only with
 *                    {@code -o wide}
 */
public record ColumnDefinition(String name, String type, String format, String description,
    int priority) {

  public ColumnDefinition {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(type, "type");
    format = format == null ? "" : format;
    description = description == null ? "" : description;
  }

  /** A priority-0 column without a format. */
  static ColumnDefinition of(String name, String type, String description) {
    return new ColumnDefinition(name, type, "", description, 0);
  }

  /** A priority-1 ("-o wide") column without a format. */
  static ColumnDefinition wide(String name, String type, String description) {
    return new ColumnDefinition(name, type, "", description, 1);
  }
}
