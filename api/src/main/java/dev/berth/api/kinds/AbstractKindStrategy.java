package dev.berth.api.kinds;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.berth.api.validation.FieldError;
import dev.berth.api.validation.FieldErrorList;
import dev.berth.api.validation.NameRule;
import dev.berth.api.validation.Nodes;
import dev.berth.api.validation.ObjectMetaValidation;
import dev.berth.api.validation.ObjectMetaValidation.Scope;
import java.util.List;

/**
 * The skeleton every built-in kind shares: metadata validation with the kind's scope and name rule, the
 * status and generation bookkeeping of upstream's registry strategies, and hooks for the kind's own rules.
 */
abstract class AbstractKindStrategy implements KindStrategy {

  private final Scope scope;
  private final NameRule nameRule;

  AbstractKindStrategy(Scope scope, NameRule nameRule) {
    this.scope = scope;
    this.nameRule = nameRule;
  }

  /** The kind's defaults; none by default. */
  @Override
  public void applyDefaults(ObjectNode obj) {}

  /**
   * The status a new object starts with, or null when the kind keeps client-supplied status (or has none).
   * A fresh copy is installed on every create.
   */
  ObjectNode initialStatus() {
    return null;
  }

  /** Whether {@code metadata.generation} is maintained (1 on create, +1 when {@link #desiredState} changes). */
  boolean tracksGeneration() {
    return false;
  }

  /** Whether the kind has a status subresource, so that updates of the main resource keep the old status. */
  boolean hasStatusSubresource() {
    return initialStatus() != null;
  }

  /** The part of the object whose change bumps the generation: {@code spec} unless a kind says otherwise. */
  JsonNode desiredState(ObjectNode obj) {
    return Nodes.get(obj, "spec");
  }

  @Override
  public void prepareForCreate(ObjectNode obj) {
    ObjectNode meta = Nodes.objectOrCreate(obj, "metadata");
    if (scope == Scope.CLUSTER) {
      meta.remove("namespace");
    }
    ObjectNode status = initialStatus();
    if (status != null) {
      obj.set("status", status);
    }
    if (tracksGeneration()) {
      meta.put("generation", 1);
    }
    prepareCreate(obj);
  }

  /** Kind-specific create preparation, run after the shared part. */
  void prepareCreate(ObjectNode obj) {}

  @Override
  public void prepareForUpdate(ObjectNode obj, ObjectNode old) {
    carryOverSystemFields(obj, old);
    if (hasStatusSubresource()) {
      JsonNode oldStatus = old.get("status");
      if (oldStatus == null) {
        obj.remove("status");
      } else {
        obj.set("status", oldStatus.deepCopy());
      }
    }
    if (tracksGeneration()) {
      ObjectNode meta = Nodes.objectOrCreate(obj, "metadata");
      long oldGen = Nodes.longValue(Nodes.get(old, "metadata"), "generation", 0);
      boolean changed = !Nodes.semanticEquals(desiredState(obj), desiredState(old));
      meta.put("generation", changed ? oldGen + 1 : oldGen);
    }
    prepareUpdate(obj, old);
  }

  /**
   * What upstream's registry does to every update before the strategy runs: clients cannot set
   * {@code generation}, {@code creationTimestamp} or a deletion timestamp, and an update that omits the
   * uid keeps the stored one (so {@code kubectl replace} of a file without system fields works).
   */
  static void carryOverSystemFields(ObjectNode obj, ObjectNode old) {
    ObjectNode meta = Nodes.objectOrCreate(obj, "metadata");
    JsonNode oldMeta = Nodes.get(old, "metadata");
    copyOrRemove(oldMeta, meta, "generation");
    if (Nodes.text(meta, "uid").isEmpty() && Nodes.has(oldMeta, "uid")) {
      meta.set("uid", oldMeta.get("uid"));
    }
    if (Nodes.has(oldMeta, "creationTimestamp")) {
      meta.set("creationTimestamp", oldMeta.get("creationTimestamp"));
    }
    if (Nodes.has(oldMeta, "deletionTimestamp")) {
      meta.set("deletionTimestamp", oldMeta.get("deletionTimestamp"));
    }
    if (Nodes.has(oldMeta, "deletionGracePeriodSeconds") && !Nodes.has(meta, "deletionGracePeriodSeconds")) {
      meta.set("deletionGracePeriodSeconds", oldMeta.get("deletionGracePeriodSeconds"));
    }
  }

  private static void copyOrRemove(JsonNode from, ObjectNode to, String field) {
    JsonNode v = Nodes.get(from, field);
    if (v == null) {
      to.remove(field);
    } else {
      to.set(field, v.deepCopy());
    }
  }

  /** Kind-specific update preparation, run after the shared part. */
  void prepareUpdate(ObjectNode obj, ObjectNode old) {}

  @Override
  public final List<FieldError> validateCreate(ObjectNode obj) {
    FieldErrorList errs = new FieldErrorList();
    ObjectMetaValidation.validateCreate(Nodes.get(obj, "metadata"), scope, nameRule, true, errs);
    validate(obj, errs);
    validateCreateOnly(obj, errs);
    return errs.toList();
  }

  @Override
  public final List<FieldError> validateUpdate(ObjectNode obj, ObjectNode old) {
    FieldErrorList errs = new FieldErrorList();
    ObjectMetaValidation.validateUpdate(Nodes.get(obj, "metadata"), Nodes.get(old, "metadata"), true, errs);
    validateUpdated(obj, old, errs);
    validateTransition(obj, old, errs);
    return errs.toList();
  }

  /** Rules every state of the object must satisfy (checked on create and on update). */
  void validate(ObjectNode obj, FieldErrorList errs) {}

  /**
   * The state rules as checked on update; the same as {@link #validate} unless a kind relaxes some of them
   * for objects that already exist.
   */
  void validateUpdated(ObjectNode obj, ObjectNode old, FieldErrorList errs) {
    validate(obj, errs);
  }

  /** Rules only for create (upstream's *Create validators). */
  void validateCreateOnly(ObjectNode obj, FieldErrorList errs) {}

  /** Rules about the change from {@code old} to {@code obj} (immutable fields and the like). */
  void validateTransition(ObjectNode obj, ObjectNode old, FieldErrorList errs) {}

  /** The object's {@code spec}, or an empty object when absent (never null, so rules read naturally). */
  static ObjectNode spec(ObjectNode obj) {
    ObjectNode s = Nodes.object(obj, "spec");
    return s != null ? s : Nodes.FACTORY.objectNode();
  }

  static ObjectNode metadata(ObjectNode obj) {
    ObjectNode m = Nodes.object(obj, "metadata");
    return m != null ? m : Nodes.FACTORY.objectNode();
  }
}
