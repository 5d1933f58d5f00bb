package dev.berth.api.table;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** Shared test helpers: a fixed clock reading and JSON parsing. */
final class Fixtures {

  static final Instant NOW = Instant.parse("2024-06-01T12:00:00Z");
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private Fixtures() {}

  static ObjectNode json(String text) {
    try {
      return (ObjectNode) MAPPER.readTree(text);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(e);
    }
  }

  /** An RFC 3339 timestamp {@code ago} before {@link #NOW}. */
  static String ago(Duration ago) {
    return NOW.minus(ago).toString();
  }

  static String minutesAgo(long minutes) {
    return ago(Duration.ofMinutes(minutes));
  }

  static List<Object> cells(String group, String kind, String json) {
    return TablePrinters.forKind(group, kind).cells(json(json), NOW);
  }

  static List<String> columnNames(String group, String kind) {
    return TablePrinters.forKind(group, kind).columns().stream().map(ColumnDefinition::name).toList();
  }
}
