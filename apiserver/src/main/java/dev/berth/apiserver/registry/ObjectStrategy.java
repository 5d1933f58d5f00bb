package dev.berth.apiserver.registry;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.berth.api.validation.FieldError;
import java.util.List;

/** A kind's defaulting and validation (upstream's scheme defaults plus the strategy's Validate). */
public interface ObjectStrategy {

  /** Fills in defaults; idempotent. */
  void applyDefaults(ObjectNode obj);

  /** Called on create once uid and name are assigned (e.g. Jobs derive selector labels from the uid). */
  default void beforeCreate(ObjectNode obj) {}

  List<FieldError> validateCreate(ObjectNode obj);

  List<FieldError> validateUpdate(ObjectNode obj, ObjectNode old);

  ObjectStrategy NONE = new ObjectStrategy() {
    @Override
    public void applyDefaults(ObjectNode obj) {}

    @Override
    public List<FieldError> validateCreate(ObjectNode obj) {
      return List.of();
    }

    @Override
    public List<FieldError> validateUpdate(ObjectNode obj, ObjectNode old) {
      return List.of();
    }
  };
}
