package dev.berth.apiserver.cache;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;

/** Extracts the selectable field values of a kind once, when an object enters the cache. */
@FunctionalInterface
public interface ObjectIndexer {

  /** Field name to value as field selectors compare them; includes metadata.name/namespace. */
  Map<String, String> fields(ObjectNode object);
}
