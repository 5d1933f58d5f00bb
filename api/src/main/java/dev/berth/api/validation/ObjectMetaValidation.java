package dev.berth.api.validation;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * {@code metadata} validation for create and update, after upstream's {@code ValidateObjectMeta} /
 * {@code ValidateObjectMetaUpdate} (apimachinery) and the core group's wrapper, which additionally requires
 * finalizer names without a '/' to be one of the standard ones.
 *
 * <p>{@code metadata.resourceVersion} is deliberately not checked here: the caller owns optimistic
 * concurrency.
 */
public final class ObjectMetaValidation {

  private ObjectMetaValidation() {}

  /** Whether objects of a kind live in a namespace. */
  public enum Scope {
    NAMESPACED,
    CLUSTER,
    /** Scope unknown to the validator: a namespace is checked for format only when present. */
    UNKNOWN
  }

  /** Total bytes of annotation keys plus values allowed on one object. */
  public static final int TOTAL_ANNOTATION_SIZE_LIMIT = 256 * 1024;
  /** Message of an immutable field changed by an update. */
  public static final String FIELD_IMMUTABLE = "field is immutable";

  private static final Set<String> STANDARD_FINALIZERS = Set.of("kubernetes", "orphan", "foregroundDeletion");
  private static final int FIELD_MANAGER_MAX_LENGTH = 128;

  /**
   * Validates {@code metadata} of an object being created.
   *
   * @param meta the {@code metadata} object (may be null, which reads as empty)
   * @param kubeFinalizers apply the built-in kinds' rule that unqualified finalizers must be standard
   */
  public static void validateCreate(JsonNode meta, Scope scope, NameRule nameRule, boolean kubeFinalizers,
      FieldErrorList errs) {
    FieldPath path = FieldPath.of("metadata");
    String name = Nodes.text(meta, "name");
    String generateName = Nodes.text(meta, "generateName");
    if (!generateName.isEmpty()) {
      errs.invalidEach(path.child("generateName"), generateName, nameRule.check(generateName, true));
    }
    if (name.isEmpty()) {
      if (generateName.isEmpty()) {
        errs.required(path.child("name"), "name or generateName is required");
      }
    } else {
      errs.invalidEach(path.child("name"), name, nameRule.check(name, false));
    }
    String namespace = Nodes.text(meta, "namespace");
    switch (scope) {
      case NAMESPACED -> {
        if (namespace.isEmpty()) {
          errs.required(path.child("namespace"), "");
        } else {
          errs.invalidEach(path.child("namespace"), namespace, NameRule.DNS_LABEL.check(namespace, false));
        }
      }
      case CLUSTER -> {
        if (!namespace.isEmpty()) {
          errs.forbidden(path.child("namespace"), "not allowed on this type");
        }
      }
      case UNKNOWN -> {
        if (!namespace.isEmpty()) {
          errs.invalidEach(path.child("namespace"), namespace, NameRule.DNS_LABEL.check(namespace, false));
        }
      }
    }
    validateCommon(meta, path, kubeFinalizers, errs);
  }

  /**
   * Validates {@code metadata} of an update against the stored object: identity fields are immutable,
   * generation may not go down, no finalizer may be added once deletion started, and labels, annotations,
   * owner references and finalizers must still be well formed.
   */
  public static void validateUpdate(JsonNode meta, JsonNode oldMeta, boolean kubeFinalizers, FieldErrorList errs) {
    FieldPath path = FieldPath.of("metadata");
    if (Nodes.has(oldMeta, "deletionTimestamp")) {
      Set<String> extra = new TreeSet<>(strings(Nodes.get(meta, "finalizers")));
      extra.removeAll(strings(Nodes.get(oldMeta, "finalizers")));
      if (!extra.isEmpty()) {
        errs.forbidden(path.child("finalizers"), "no new finalizers can be added if the object is being deleted, "
            + "found new finalizers " + goStringSlice(extra));
      }
    }
    long gen = Nodes.longValue(meta, "generation", 0);
    long oldGen = Nodes.longValue(oldMeta, "generation", 0);
    if (gen < oldGen) {
      errs.invalid(path.child("generation"), gen, "must not be decremented");
    }
    for (String f : List.of("name", "namespace", "uid", "creationTimestamp", "deletionTimestamp",
        "deletionGracePeriodSeconds")) {
      immutable(Nodes.get(meta, f), Nodes.get(oldMeta, f), path.child(f), errs);
    }
    FieldPath labels = path.child("labels");
    LabelSelectors.validateLabels(Nodes.get(meta, "labels"), labels, errs);
    validateAnnotations(Nodes.get(meta, "annotations"), path.child("annotations"), errs);
    validateOwnerReferences(Nodes.get(meta, "ownerReferences"), path.child("ownerReferences"), errs);
    validateFinalizers(Nodes.get(meta, "finalizers"), path.child("finalizers"), kubeFinalizers, errs);
    validateManagedFields(Nodes.get(meta, "managedFields"), path.child("managedFields"), errs);
  }

  /** Adds {@code field is immutable} when the value changed (absent and null count as the same). */
  public static void immutable(JsonNode value, JsonNode old, FieldPath path, FieldErrorList errs) {
    if (!Nodes.semanticEquals(value, old)) {
      errs.invalid(path, Nodes.orNull(value), FIELD_IMMUTABLE);
    }
  }

  private static void validateCommon(JsonNode meta, FieldPath path, boolean kubeFinalizers, FieldErrorList errs) {
    JsonNode generation = Nodes.get(meta, "generation");
    if (generation != null && generation.isIntegralNumber() && generation.longValue() < 0) {
      errs.invalid(path.child("generation"), generation.longValue(), "must be greater than or equal to 0");
    }
    LabelSelectors.validateLabels(Nodes.get(meta, "labels"), path.child("labels"), errs);
    validateAnnotations(Nodes.get(meta, "annotations"), path.child("annotations"), errs);
    validateOwnerReferences(Nodes.get(meta, "ownerReferences"), path.child("ownerReferences"), errs);
    validateFinalizers(Nodes.get(meta, "finalizers"), path.child("finalizers"), kubeFinalizers, errs);
    validateManagedFields(Nodes.get(meta, "managedFields"), path.child("managedFields"), errs);
  }

  /** Annotation keys are qualified names (case-insensitively); all keys plus values fit in 256 KiB. */
  public static void validateAnnotations(JsonNode annotations, FieldPath path, FieldErrorList errs) {
    if (annotations == null || !annotations.isObject()) {
      return;
    }
    long total = 0;
    for (var e : annotations.properties()) {
      String k = e.getKey();
      errs.invalidEach(path, k, Formats.qualifiedName(k.toLowerCase(java.util.Locale.ROOT)));
      total += Formats.byteLength(k) + Formats.byteLength(Nodes.text(e.getValue()));
    }
    if (total > TOTAL_ANNOTATION_SIZE_LIMIT) {
      errs.tooLong(path, TOTAL_ANNOTATION_SIZE_LIMIT);
    }
  }

  private static void validateOwnerReferences(JsonNode refs, FieldPath path, FieldErrorList errs) {
    if (refs == null || !refs.isArray()) {
      return;
    }
    String firstController = "";
    for (JsonNode ref : refs) {
      String apiVersion = Nodes.text(ref, "apiVersion");
      String kind = Nodes.text(ref, "kind");
      String group;
      String version;
      int slash = apiVersion.indexOf('/');
      if (slash < 0) {
        group = "";
        version = apiVersion;
      } else if (apiVersion.indexOf('/', slash + 1) >= 0) {
        group = "";
        version = "";
      } else {
        group = apiVersion.substring(0, slash);
        version = apiVersion.substring(slash + 1);
      }
      // upstream reports these on the list path, not per index
      if (version.isEmpty()) {
        errs.invalid(path.child("apiVersion"), apiVersion, "version must not be empty");
      }
      if (kind.isEmpty()) {
        errs.invalid(path.child("kind"), kind, "must not be empty");
      }
      if (Nodes.text(ref, "name").isEmpty()) {
        errs.invalid(path.child("name"), "", "must not be empty");
      }
      if (Nodes.text(ref, "uid").isEmpty()) {
        errs.invalid(path.child("uid"), "", "must not be empty");
      }
      if (group.isEmpty() && version.equals("v1") && kind.equals("Event")) {
        errs.invalid(path, ref, "/v1, Kind=Event is disallowed from being an owner");
      }
      if (Nodes.bool(ref, "controller")) {
        String current = kind + "/" + Nodes.text(ref, "name");
        if (!firstController.isEmpty()) {
          errs.invalid(path, refs, "Only one reference can have Controller set to true. Found \"true\" in "
              + "references for " + firstController + " and " + current);
        } else {
          firstController = current;
        }
      }
    }
  }

  private static void validateFinalizers(JsonNode finalizers, FieldPath path, boolean kubeFinalizers,
      FieldErrorList errs) {
    List<String> names = strings(finalizers);
    boolean orphan = false;
    boolean foreground = false;
    for (String f : names) {
      errs.invalidEach(path, f, Formats.qualifiedName(f));
      orphan |= f.equals("orphan");
      foreground |= f.equals("foregroundDeletion");
    }
    if (orphan && foreground) {
      errs.invalid(path, finalizers, "finalizer orphan and foregroundDeletion cannot be both set");
    }
    if (kubeFinalizers) {
      for (int i = 0; i < names.size(); i++) {
        validateKubeFinalizerName(names.get(i), path.index(i), errs);
      }
    }
  }

  /** Finalizers without a '/' must be one of the standard names (core's extra rule). */
  public static void validateKubeFinalizerName(String name, FieldPath path, FieldErrorList errs) {
    if (name.indexOf('/') < 0 && !STANDARD_FINALIZERS.contains(name)) {
      errs.invalid(path, name, "name is neither a standard finalizer name nor is it fully qualified");
    }
  }

  private static void validateManagedFields(JsonNode entries, FieldPath path, FieldErrorList errs) {
    if (entries == null || !entries.isArray()) {
      return;
    }
    for (int i = 0; i < entries.size(); i++) {
      JsonNode e = entries.get(i);
      FieldPath p = path.index(i);
      String op = Nodes.text(e, "operation");
      if (!op.equals("Apply") && !op.equals("Update")) {
        errs.invalid(p.child("operation"), op, "must be `Apply` or `Update`");
      }
      String type = Nodes.text(e, "fieldsType");
      if (!type.isEmpty() && !type.equals("FieldsV1")) {
        errs.invalid(p.child("fieldsType"), type, "must be `FieldsV1`");
      }
      String manager = Nodes.text(e, "manager");
      if (Formats.byteLength(manager) > FIELD_MANAGER_MAX_LENGTH) {
        errs.tooLong(p.child("manager"), FIELD_MANAGER_MAX_LENGTH);
      }
      for (int j = 0; j < manager.length(); j++) {
        char c = manager.charAt(j);
        if (Character.isISOControl(c)) {
          errs.invalid(p.child("manager"), manager,
              String.format("invalid character U+%04X (at position %d)", (int) c, j));
        }
      }
      if (Formats.byteLength(Nodes.text(e, "subresource")) > 256) {
        errs.tooLong(p.child("subresource"), 256);
      }
    }
  }

  /** Validates only labels and annotations, as upstream does for embedded template metadata. */
  public static void validateLabelsAndAnnotations(JsonNode meta, FieldPath path, FieldErrorList errs) {
    LabelSelectors.validateLabels(Nodes.get(meta, "labels"), path.child("labels"), errs);
    validateAnnotations(Nodes.get(meta, "annotations"), path.child("annotations"), errs);
  }

  /** The string elements of an array node (non-strings read as their text). */
  public static List<String> strings(JsonNode array) {
    List<String> out = new ArrayList<>();
    if (array != null && array.isArray()) {
      for (JsonNode n : array) {
        out.add(Nodes.text(n));
      }
    }
    return out;
  }

  /** Go's {@code %#v} of a {@code []string}: {@code []string{"a", "b"}}. */
  private static String goStringSlice(Set<String> values) {
    StringBuilder sb = new StringBuilder("[]string{");
    boolean first = true;
    for (String v : new LinkedHashSet<>(values)) {
      if (!first) {
        sb.append(", ");
      }
      first = false;
      sb.append('"').append(v).append('"');
    }
    return sb.append('}').toString();
  }
}
