package dev.berth.api.fields;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/** A table of field extractors, legacy aliases and the kind's refusal message. */
final class KindFields implements SelectableFields {

  private final Map<String, Function<ObjectNode, String>> fields;
  /** Label a client may write → canonical field name. */
  private final Map<String, String> accepted;
  private final UnaryOperator<String> message;
  private final Set<String> names;

  private KindFields(Map<String, Function<ObjectNode, String>> fields, Map<String, String> accepted,
      UnaryOperator<String> message) {
    this.fields = Map.copyOf(fields);
    this.accepted = Map.copyOf(accepted);
    this.message = message;
    // Keep declaration order for names(): it is what a 400 or a discovery listing would show.
    this.names = java.util.Collections.unmodifiableSet(
        new java.util.LinkedHashSet<>(fields.keySet()));
  }

  static Builder builder() {
    return new Builder();
  }

  @Override
  public Set<String> names() {
    return names;
  }

  @Override
  public Optional<String> canonical(String label) {
    return Optional.ofNullable(accepted.get(label));
  }

  @Override
  public String value(String field, ObjectNode obj) {
    Function<ObjectNode, String> extractor = fields.get(field);
    if (extractor == null) {
      throw new IllegalArgumentException("not a selectable field: " + field);
    }
    return extractor.apply(obj);
  }

  @Override
  public String unsupportedMessage(String label) {
    return message.apply(label);
  }

  static final class Builder {
    private final Map<String, Function<ObjectNode, String>> fields = new LinkedHashMap<>();
    private final Map<String, String> accepted = new LinkedHashMap<>();
    private UnaryOperator<String> message = Messages::notSupported;

    /** A field clients select by its own name. */
    Builder field(String name, Function<ObjectNode, String> extractor) {
      fields.put(name, extractor);
      accepted.put(name, name);
      return this;
    }

    /** A field clients can only reach through {@link #alias} spellings. */
    Builder internalField(String name, Function<ObjectNode, String> extractor) {
      fields.put(name, extractor);
      return this;
    }

    /** Another spelling clients may use for {@code canonical}. */
    Builder alias(String label, String canonical) {
      accepted.put(label, canonical);
      return this;
    }

    Builder message(UnaryOperator<String> message) {
      this.message = message;
      return this;
    }

    KindFields build() {
      for (String target : accepted.values()) {
        if (!fields.containsKey(target)) {
          throw new IllegalStateException("alias to unknown field " + target);
        }
      }
      return new KindFields(fields, accepted, message);
    }
  }
}
