package dev.berth.apiserver.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.berth.api.table.ColumnDefinition;
import dev.berth.api.table.RowCondition;
import dev.berth.api.table.TablePrinter;
import dev.berth.apiserver.util.Json;
import java.time.Instant;
import java.util.List;

/** Renders objects as a meta.k8s.io/v1 Table, rows carrying PartialObjectMetadata by default. */
public final class TableWriter {

  private TableWriter() {}

  /**
   * @param includeObject None, Metadata (default) or Object
   */
  public static ObjectNode table(TablePrinter converter, List<ObjectNode> objects,
      String resourceVersion, String continueToken, String includeObject, boolean columns,
      Instant now) {
    ObjectNode t = Json.NODES.objectNode();
    t.put("kind", "Table");
    t.put("apiVersion", "meta.k8s.io/v1");
    ObjectNode meta = t.putObject("metadata");
    if (resourceVersion != null) {
      meta.put("resourceVersion", resourceVersion);
    }
    if (continueToken != null && !continueToken.isEmpty()) {
      meta.put("continue", continueToken);
    }
    if (columns) {
      ArrayNode defs = t.putArray("columnDefinitions");
      for (ColumnDefinition c : converter.columns()) {
        ObjectNode d = defs.addObject();
        d.put("name", c.name());
        d.put("type", c.type());
        d.put("format", c.format());
        d.put("description", c.description());
        d.put("priority", c.priority());
      }
    } else {
      t.putArray("columnDefinitions");
    }
    ArrayNode rows = t.putArray("rows");
    for (ObjectNode o : objects) {
      ObjectNode row = rows.addObject();
      ArrayNode cells = row.putArray("cells");
      for (Object c : converter.cells(o, now)) {
        if (c == null) {
          cells.addNull();
        } else if (c instanceof Integer i) {
          cells.add(i);
        } else if (c instanceof Long l) {
          cells.add(l);
        } else if (c instanceof Double d) {
          cells.add(d);
        } else if (c instanceof Boolean b) {
          cells.add(b);
        } else if (c instanceof JsonNode j) {
          cells.add(j);
        } else {
          cells.add(c.toString());
        }
      }
      List<RowCondition> conditions = converter.rowConditions(o);
      if (!conditions.isEmpty()) {
        ArrayNode conds = row.putArray("conditions");
        for (RowCondition rc : conditions) {
          ObjectNode c = conds.addObject();
          c.put("type", rc.type());
          c.put("status", rc.status());
          if (rc.reason() != null) {
            c.put("reason", rc.reason());
          }
          if (rc.message() != null) {
            c.put("message", rc.message());
          }
        }
      }
      String include = includeObject == null ? "Metadata" : includeObject;
      switch (include) {
        case "None" -> { }
        case "Object" -> row.set("object", o);
        default -> row.set("object", partial(o));
      }
    }
    return t;
  }

  /** The PartialObjectMetadata view of an object. */
  public static ObjectNode partial(ObjectNode o) {
    ObjectNode p = Json.NODES.objectNode();
    p.put("kind", "PartialObjectMetadata");
    p.put("apiVersion", "meta.k8s.io/v1");
    JsonNode meta = o.get("metadata");
    p.set("metadata", meta == null ? Json.NODES.objectNode() : meta);
    return p;
  }
}
