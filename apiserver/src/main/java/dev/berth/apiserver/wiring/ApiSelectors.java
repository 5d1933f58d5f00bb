package dev.berth.apiserver.wiring;

import com.fasterxml.jackson.databind.JsonNode;
import dev.berth.api.fields.SelectableFields;
import dev.berth.api.selector.FieldSelector;
import dev.berth.api.selector.LabelSelector;
import dev.berth.apiserver.registry.Selectors;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/** Selectors backed by the api module's label and field selector implementations. */
final class ApiSelectors implements Selectors {

  @Override
  public Predicate<Map<String, String>> labels(String selector) {
    LabelSelector s = LabelSelector.parse(selector);
    return s.isEmpty() ? m -> true : s::matches;
  }

  @Override
  public Predicate<Map<String, String>> fields(String selector, SelectableFields supported) {
    FieldSelector parsed = FieldSelector.parse(selector);
    List<FieldSelector.Requirement> canonical = new ArrayList<>();
    for (FieldSelector.Requirement r : parsed.requirements()) {
      canonical.add(new FieldSelector.Requirement(supported.requireCanonical(r.field()),
          r.operator(), r.value()));
    }
    if (canonical.isEmpty()) {
      return m -> true;
    }
    return m -> {
      for (FieldSelector.Requirement r : canonical) {
        if (!r.matches(m.getOrDefault(r.field(), ""))) {
          return false;
        }
      }
      return true;
    };
  }

  @Override
  public Predicate<Map<String, String>> labelSelector(JsonNode selector) {
    LabelSelector s = LabelSelector.fromLabelSelector(selector).orElseThrow();
    return s::matches;
  }

  @Override
  public String labelSelectorString(JsonNode selector) {
    LabelSelector.ParseResult r = LabelSelector.fromLabelSelector(selector);
    return r.ok() ? r.selector().toString() : "";
  }
}
