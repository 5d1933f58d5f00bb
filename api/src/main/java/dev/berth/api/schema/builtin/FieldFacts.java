package dev.berth.api.schema.builtin;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.TextNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Facts about built-in types that the fabric8 model classes do not carry, read from the resource
 * tables next to this class: patch strategies and list/map types (patch-metadata.tsv) and field
 * overrides such as time formats, byte strings and required fields (field-overrides.tsv).
 *
 * <p>Each row is {@code component <TAB> field <TAB> key=value ...}; the field "." addresses the type
 * itself. Unknown keys are refused so that a typo in the table fails loudly instead of silently
 * dropping a fact.
 */
final class FieldFacts {

  static final String TYPE_ROW = ".";

  private static final Set<String> KEYS = Set.of(
      "patchStrategy", "patchMergeKey", "listType", "listMapKeys", "mapType",
      "required", "default", "ref", "format", "omit");

  /** The attributes of one field (or of a type, for {@link #TYPE_ROW}). */
  record Facts(Map<String, String> attributes, String source) {

    String get(String key) {
      return attributes.get(key);
    }

    boolean has(String key) {
      return attributes.containsKey(key);
    }

    List<String> list(String key) {
      String value = attributes.get(key);
      return value == null ? List.of() : Arrays.asList(value.split(","));
    }
  }

  private final Map<String, Map<String, Facts>> byComponent;

  private FieldFacts(Map<String, Map<String, Facts>> byComponent) {
    this.byComponent = byComponent;
  }

  /** Loads the tables shipped with Berth. */
  static FieldFacts load() {
    Map<String, Map<String, Facts>> facts = new HashMap<>();
    for (String table : BuiltinSchemas.TABLES) {
      read(table, facts);
    }
    return new FieldFacts(facts);
  }

  /** Parses table text; used by tests to check the parser on bad input. */
  static FieldFacts parse(String name, String text) {
    Map<String, Map<String, Facts>> facts = new HashMap<>();
    parseInto(name, new BufferedReader(new java.io.StringReader(text)), facts);
    return new FieldFacts(facts);
  }

  /** The facts for a field of a component, or null. */
  Facts field(String component, String field) {
    Map<String, Facts> fields = byComponent.get(component);
    return fields == null ? null : fields.get(field);
  }

  /** The facts for a component as a whole, or null. */
  Facts type(String component) {
    return field(component, TYPE_ROW);
  }

  /** Every component named in the tables, with its rows (for consistency checks). */
  Map<String, Map<String, Facts>> all() {
    return byComponent;
  }

  /** A {@code default=} value: JSON when it parses as JSON, otherwise the bare text as a string. */
  static JsonNode parseDefault(ObjectMapper mapper, String text) {
    try {
      return mapper.readTree(text);
    } catch (JsonProcessingException notJson) {
      return TextNode.valueOf(text);
    }
  }

  private static void read(String resource, Map<String, Map<String, Facts>> facts) {
    InputStream in = FieldFacts.class.getResourceAsStream(resource);
    if (in == null) {
      throw new IllegalStateException("missing resource " + resource);
    }
    try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      parseInto(resource, reader, facts);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void parseInto(String name, BufferedReader reader, Map<String, Map<String, Facts>> facts) {
    try {
      String line;
      int lineNo = 0;
      while ((line = reader.readLine()) != null) {
        lineNo++;
        String trimmed = line.strip();
        if (trimmed.isEmpty() || trimmed.startsWith("#")) {
          continue;
        }
        String where = name + ":" + lineNo;
        String[] columns = line.split("\t");
        if (columns.length != 3) {
          throw new IllegalArgumentException(where + ": expected 3 tab-separated columns, got " + columns.length);
        }
        Map<String, String> attributes = new LinkedHashMap<>();
        for (String token : columns[2].strip().split(" +")) {
          int eq = token.indexOf('=');
          String key = eq < 0 ? token : token.substring(0, eq);
          String value = eq < 0 ? "" : token.substring(eq + 1);
          if (!KEYS.contains(key)) {
            throw new IllegalArgumentException(where + ": unknown attribute '" + key + "'");
          }
          attributes.put(key, value);
        }
        Map<String, Facts> fields = facts.computeIfAbsent(columns[0].strip(), k -> new HashMap<>());
        Facts previous = fields.get(columns[1].strip());
        if (previous != null) {
          // Two rows for one field (one per table) merge; a key set twice is a table error.
          for (Map.Entry<String, String> e : attributes.entrySet()) {
            if (previous.attributes().containsKey(e.getKey())) {
              throw new IllegalArgumentException(where + ": '" + e.getKey() + "' already set at " + previous.source());
            }
          }
          Map<String, String> merged = new LinkedHashMap<>(previous.attributes());
          merged.putAll(attributes);
          attributes = merged;
        }
        fields.put(columns[1].strip(), new Facts(Map.copyOf(attributes), where));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
