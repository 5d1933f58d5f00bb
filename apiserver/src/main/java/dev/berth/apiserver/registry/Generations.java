package dev.berth.apiserver.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.berth.apiserver.util.Json;
import java.util.Iterator;
import java.util.Map;

/**
 * Generation tracking for kinds whose desired state is everything but metadata and status (custom
 * resources, CRDs): {@code metadata.generation} goes up by one when that part changes.
 */
public final class Generations {

  private Generations() {}

  public static void bump(ObjectNode next, ObjectNode old) {
    long gen = old.path("metadata").path("generation").asLong(1);
    Json.metadata(next).put("generation", desiredStateChanged(next, old) ? gen + 1 : gen);
  }

  static boolean desiredStateChanged(ObjectNode next, ObjectNode old) {
    Iterator<Map.Entry<String, JsonNode>> it = next.fields();
    while (it.hasNext()) {
      Map.Entry<String, JsonNode> e = it.next();
      if (!isBookkeeping(e.getKey()) && !e.getValue().equals(old.get(e.getKey()))) {
        return true;
      }
    }
    Iterator<String> names = old.fieldNames();
    while (names.hasNext()) {
      String f = names.next();
      if (!isBookkeeping(f) && !next.has(f)) {
        return true;
      }
    }
    return false;
  }

  private static boolean isBookkeeping(String field) {
    return field.equals("metadata") || field.equals("status") || field.equals("apiVersion")
        || field.equals("kind");
  }
}
