package dev.berth.apiserver.registry;

import com.fasterxml.jackson.databind.JsonNode;
import dev.berth.api.fields.SelectableFields;
import java.util.Map;
import java.util.function.Predicate;

/** Parses label and field selectors into predicates over extracted labels and field values. */
public interface Selectors {

  /** A labelSelector query parameter; 400 ApiException when malformed. */
  Predicate<Map<String, String>> labels(String selector);

  /**
   * A fieldSelector query parameter over the canonical field values; 400 ApiException when
   * malformed or naming a field the kind does not support.
   */
  Predicate<Map<String, String>> fields(String selector, SelectableFields supported);

  /** A structured metav1.LabelSelector (matchLabels/matchExpressions); null selects nothing. */
  Predicate<Map<String, String>> labelSelector(JsonNode selector);

  /** The string form of a structured selector, as the scale subresource reports it. */
  String labelSelectorString(JsonNode selector);
}
