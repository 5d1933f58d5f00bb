package dev.berth.apiserver.registry;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.List;

/** A kind's Table columns and cells, for {@code Accept: application/json;as=Table}. */
public interface TableConverter {

  /** The columnDefinitions array. */
  ArrayNode columnDefinitions();

  /** One row's cells. */
  List<Object> cells(ObjectNode obj, Instant now);
}
