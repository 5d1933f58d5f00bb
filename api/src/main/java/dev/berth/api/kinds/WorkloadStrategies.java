package dev.berth.api.kinds;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.berth.api.validation.FieldErrorList;
import dev.berth.api.validation.FieldPath;
import dev.berth.api.validation.LabelSelectors;
import dev.berth.api.validation.NameRule;
import dev.berth.api.validation.Nodes;
import dev.berth.api.validation.ObjectMetaValidation;
import dev.berth.api.validation.ObjectMetaValidation.Scope;
import java.util.List;

/** apps/v1: Deployment, ReplicaSet, StatefulSet, DaemonSet, ControllerRevision. */
final class WorkloadStrategies {

  private WorkloadStrategies() {}

  static final String SELECTOR_MISMATCH = "`selector` does not match template `labels`";

  private static void nonNegative(JsonNode parent, String field, FieldPath p, FieldErrorList errs) {
    JsonNode v = Nodes.get(parent, field);
    if (v != null && v.asLong() < 0) {
      errs.invalid(p, v.asLong(), "must be greater than or equal to 0");
    }
  }

  /** Selector present, valid and non-empty; returns whether it can be used to match the template. */
  private static boolean validateSelector(ObjectNode spec, FieldPath specPath, String kindWord, FieldErrorList errs) {
    JsonNode selector = Nodes.get(spec, "selector");
    FieldPath sp = specPath.child("selector");
    if (selector == null) {
      errs.required(sp, "");
      return false;
    }
    LabelSelectors.validate(selector, sp, errs);
    if (LabelSelectors.isEmpty(selector)) {
      errs.invalid(sp, selector, "empty selector is invalid for " + kindWord);
    }
    return LabelSelectors.isConvertible(selector);
  }

  /** ValidatePodTemplateSpecForReplicaSet (also used for Deployments). */
  private static void validateReplicaTemplate(ObjectNode spec, FieldPath specPath, boolean selectorUsable,
      String kind, FieldErrorList errs) {
    JsonNode selector = Nodes.get(spec, "selector");
    FieldPath tp = specPath.child("template");
    if (!selectorUsable) {
      if (selector != null) {
        errs.invalid(specPath.child("selector"), selector, "invalid label selector");
      }
    }
    JsonNode template = Nodes.get(spec, "template");
    if (template == null) {
      errs.required(tp, "");
      return;
    }
    JsonNode labels = Nodes.get(Nodes.get(template, "metadata"), "labels");
    if (selectorUsable && !LabelSelectors.isEmpty(selector) && !LabelSelectors.matches(selector, labels)) {
      errs.invalid(tp.child("metadata", "labels"), Nodes.orNull(labels), SELECTOR_MISMATCH);
    }
    PodSpecs.validateTemplate(template, tp, errs);
    requireAlwaysRestart(template, tp, kind, errs);
  }

  private static void requireAlwaysRestart(JsonNode template, FieldPath tp, String kind, FieldErrorList errs) {
    JsonNode podSpec = Nodes.get(template, "spec");
    String restart = Nodes.text(podSpec, "restartPolicy");
    if (!restart.equals("Always")) {
      errs.notSupported(tp.child("spec", "restartPolicy"), restart, "Always");
    }
    if (Nodes.has(podSpec, "activeDeadlineSeconds")) {
      errs.forbidden(tp.child("spec", "activeDeadlineSeconds"), "activeDeadlineSeconds in " + kind + " is not Supported");
    }
  }

  private static void selectorImmutable(ObjectNode obj, ObjectNode old, FieldErrorList errs) {
    JsonNode selector = Nodes.get(AbstractKindStrategy.spec(obj), "selector");
    JsonNode oldSelector = Nodes.get(AbstractKindStrategy.spec(old), "selector");
    ObjectMetaValidation.immutable(selector, oldSelector, FieldPath.of("spec", "selector"), errs);
  }

  private static ObjectNode status(String... zeroFields) {
    ObjectNode s = Nodes.FACTORY.objectNode();
    for (String f : zeroFields) {
      s.put(f, 0);
    }
    return s;
  }

  /** apps/v1 Deployment. */
  static final class DeploymentStrategy extends AbstractKindStrategy {
    DeploymentStrategy() {
      super(Scope.NAMESPACED, NameRule.DNS_SUBDOMAIN);
    }

    @Override
    public void applyDefaults(ObjectNode obj) {
      ObjectNode spec = Nodes.objectOrCreate(obj, "spec");
      Nodes.defaultLong(spec, "replicas", 1);
      ObjectNode strategy = Nodes.objectOrCreate(spec, "strategy");
      Nodes.defaultText(strategy, "type", "RollingUpdate");
      if (Nodes.text(strategy, "type").equals("RollingUpdate")) {
        ObjectNode ru = Nodes.objectOrCreate(strategy, "rollingUpdate");
        Nodes.defaultText(ru, "maxUnavailable", "25%");
        Nodes.defaultText(ru, "maxSurge", "25%");
      }
      Nodes.defaultLong(spec, "revisionHistoryLimit", 10);
      Nodes.defaultLong(spec, "progressDeadlineSeconds", 600);
      PodSpecs.applyTemplateDefaults(Nodes.objectOrCreate(spec, "template"));
    }

    @Override
    ObjectNode initialStatus() {
      return Nodes.FACTORY.objectNode();
    }

    @Override
    boolean tracksGeneration() {
      return true;
    }

    @Override
    void validate(ObjectNode obj, FieldErrorList errs) {
      ObjectNode spec = spec(obj);
      FieldPath sp = FieldPath.of("spec");
      nonNegative(spec, "replicas", sp.child("replicas"), errs);
      boolean usable = validateSelector(spec, sp, "deployment", errs);
      validateReplicaTemplate(spec, sp, usable, "ReplicaSet", errs);
      validateStrategy(Nodes.get(spec, "strategy"), sp.child("strategy"), errs);
      nonNegative(spec, "minReadySeconds", sp.child("minReadySeconds"), errs);
      nonNegative(spec, "revisionHistoryLimit", sp.child("revisionHistoryLimit"), errs);
      JsonNode pds = Nodes.get(spec, "progressDeadlineSeconds");
      if (pds != null) {
        nonNegative(spec, "progressDeadlineSeconds", sp.child("progressDeadlineSeconds"), errs);
        if (pds.asLong() <= Nodes.longValue(spec, "minReadySeconds", 0)) {
          errs.invalid(sp.child("progressDeadlineSeconds"), pds.asLong(), "must be greater than minReadySeconds");
        }
      }
    }

    private static void validateStrategy(JsonNode strategy, FieldPath p, FieldErrorList errs) {
      String type = Nodes.text(strategy, "type");
      JsonNode ru = Nodes.get(strategy, "rollingUpdate");
      switch (type) {
        case "Recreate" -> {
          if (ru != null) {
            errs.forbidden(p.child("rollingUpdate"), "may not be specified when strategy `type` is 'Recreate'");
          }
        }
        case "RollingUpdate" -> {
          if (ru == null) {
            errs.required(p.child("rollingUpdate"), "this should be defaulted and never be nil");
          } else {
            FieldPath rp = p.child("rollingUpdate");
            JsonNode maxUnavailable = Nodes.get(ru, "maxUnavailable");
            JsonNode maxSurge = Nodes.get(ru, "maxSurge");
            IntOrPercent.validatePositive(maxUnavailable, rp.child("maxUnavailable"), errs);
            IntOrPercent.validatePositive(maxSurge, rp.child("maxSurge"), errs);
            if (IntOrPercent.value(maxUnavailable) == 0 && IntOrPercent.value(maxSurge) == 0) {
              errs.invalid(rp.child("maxUnavailable"), Nodes.orNull(maxUnavailable), "may not be 0 when `maxSurge` is 0");
            }
            IntOrPercent.notMoreThan100Percent(maxUnavailable, rp.child("maxUnavailable"), errs);
          }
        }
        default -> errs.notSupported(p, Nodes.orNull(strategy), List.of("Recreate", "RollingUpdate"));
      }
    }

    @Override
    void validateTransition(ObjectNode obj, ObjectNode old, FieldErrorList errs) {
      selectorImmutable(obj, old, errs);
    }
  }

  /** apps/v1 ReplicaSet. */
  static final class ReplicaSetStrategy extends AbstractKindStrategy {
    ReplicaSetStrategy() {
      super(Scope.NAMESPACED, NameRule.DNS_SUBDOMAIN);
    }

    @Override
    public void applyDefaults(ObjectNode obj) {
      ObjectNode spec = Nodes.objectOrCreate(obj, "spec");
      Nodes.defaultLong(spec, "replicas", 1);
      PodSpecs.applyTemplateDefaults(Nodes.objectOrCreate(spec, "template"));
    }

    @Override
    ObjectNode initialStatus() {
      return status("replicas");
    }

    @Override
    boolean tracksGeneration() {
      return true;
    }

    @Override
    void validate(ObjectNode obj, FieldErrorList errs) {
      ObjectNode spec = spec(obj);
      FieldPath sp = FieldPath.of("spec");
      nonNegative(spec, "replicas", sp.child("replicas"), errs);
      nonNegative(spec, "minReadySeconds", sp.child("minReadySeconds"), errs);
      // upstream words the empty-selector error for ReplicaSets as for Deployments
      boolean usable = validateSelector(spec, sp, "deployment", errs);
      validateReplicaTemplate(spec, sp, usable, "ReplicaSet", errs);
    }

    @Override
    void validateTransition(ObjectNode obj, ObjectNode old, FieldErrorList errs) {
      selectorImmutable(obj, old, errs);
    }
  }

  /** apps/v1 StatefulSet. */
  static final class StatefulSetStrategy extends AbstractKindStrategy {
    private static final List<String> MUTABLE = List.of("replicas", "ordinals", "template", "updateStrategy",
        "persistentVolumeClaimRetentionPolicy", "minReadySeconds");

    StatefulSetStrategy() {
      super(Scope.NAMESPACED, NameRule.DNS_LABEL);
    }

    @Override
    public void applyDefaults(ObjectNode obj) {
      ObjectNode spec = Nodes.objectOrCreate(obj, "spec");
      Nodes.defaultText(spec, "podManagementPolicy", "OrderedReady");
      ObjectNode strategy = Nodes.objectOrCreate(spec, "updateStrategy");
      if (Nodes.text(strategy, "type").isEmpty()) {
        strategy.put("type", "RollingUpdate");
        Nodes.objectOrCreate(strategy, "rollingUpdate");
      }
      if (Nodes.text(strategy, "type").equals("RollingUpdate") && Nodes.get(strategy, "rollingUpdate") instanceof ObjectNode ru) {
        Nodes.defaultLong(ru, "partition", 0);
      }
      ObjectNode retention = Nodes.objectOrCreate(spec, "persistentVolumeClaimRetentionPolicy");
      Nodes.defaultText(retention, "whenDeleted", "Retain");
      Nodes.defaultText(retention, "whenScaled", "Retain");
      Nodes.defaultLong(spec, "replicas", 1);
      Nodes.defaultLong(spec, "revisionHistoryLimit", 10);
      PodSpecs.applyTemplateDefaults(Nodes.objectOrCreate(spec, "template"));
      Nodes.eachObject(spec, "volumeClaimTemplates", (i, pvc) -> {
        Nodes.defaultText(pvc, "apiVersion", "v1");
        Nodes.defaultText(pvc, "kind", "PersistentVolumeClaim");
        ObjectNode meta = Nodes.objectOrCreate(pvc, "metadata");
        if (!meta.has("creationTimestamp")) {
          meta.putNull("creationTimestamp");
        }
        PersistentVolumes.defaultClaimSpec(Nodes.objectOrCreate(pvc, "spec"));
        Nodes.defaultText(Nodes.objectOrCreate(pvc, "status"), "phase", "Pending");
      });
    }

    @Override
    ObjectNode initialStatus() {
      return status("availableReplicas", "replicas");
    }

    @Override
    boolean tracksGeneration() {
      return true;
    }

    @Override
    void validate(ObjectNode obj, FieldErrorList errs) {
      ObjectNode spec = spec(obj);
      FieldPath sp = FieldPath.of("spec");
      String pmp = Nodes.text(spec, "podManagementPolicy");
      switch (pmp) {
        case "" -> errs.required(sp.child("podManagementPolicy"), "");
        case "OrderedReady", "Parallel" -> { }
        default -> errs.invalid(sp.child("podManagementPolicy"), pmp, "must be 'OrderedReady' or 'Parallel'");
      }
      JsonNode strategy = Nodes.get(spec, "updateStrategy");
      JsonNode ru = Nodes.get(strategy, "rollingUpdate");
      FieldPath up = sp.child("updateStrategy");
      switch (Nodes.text(strategy, "type")) {
        case "" -> errs.required(up, "");
        case "OnDelete" -> {
          if (ru != null) {
            errs.invalid(up.child("rollingUpdate"), ru, "only allowed for updateStrategy 'RollingUpdate'");
          }
        }
        case "RollingUpdate" -> {
          if (ru != null) {
            FieldPath rp = up.child("rollingUpdate");
            nonNegative(ru, "partition", rp.child("partition"), errs);
            JsonNode maxUnavailable = Nodes.get(ru, "maxUnavailable");
            if (maxUnavailable != null) {
              IntOrPercent.validatePositive(maxUnavailable, rp.child("maxUnavailable"), errs);
              if (IntOrPercent.value(maxUnavailable) == 0) {
                errs.invalid(rp.child("maxUnavailable"), maxUnavailable, "cannot be 0");
              }
              IntOrPercent.notMoreThan100Percent(maxUnavailable, rp.child("maxUnavailable"), errs);
            }
          }
        }
        default -> errs.invalid(up, strategy, "must be 'RollingUpdate' or 'OnDelete'");
      }
      JsonNode retention = Nodes.get(spec, "persistentVolumeClaimRetentionPolicy");
      if (retention != null) {
        for (String f : List.of("whenDeleted", "whenScaled")) {
          String v = Nodes.text(retention, f);
          if (!v.equals("Retain") && !v.equals("Delete")) {
            errs.notSupported(sp.child("persistentVolumeClaimRetentionPolicy", f), v, "Retain", "Delete");
          }
        }
      }
      nonNegative(spec, "replicas", sp.child("replicas"), errs);
      nonNegative(spec, "minReadySeconds", sp.child("minReadySeconds"), errs);
      nonNegative(Nodes.get(spec, "ordinals"), "start", sp.child("ordinals.start"), errs);
      boolean usable = validateSelector(spec, sp, "statefulset", errs);
      JsonNode selector = Nodes.get(spec, "selector");
      JsonNode template = Nodes.get(spec, "template");
      FieldPath tp = sp.child("template");
      if (!usable && selector != null) {
        errs.invalid(sp.child("selector"), selector, "");
      } else if (template == null) {
        errs.required(tp, "");
      } else {
        JsonNode labels = Nodes.get(Nodes.get(template, "metadata"), "labels");
        if (!LabelSelectors.isEmpty(selector) && !LabelSelectors.matches(selector, labels)) {
          errs.invalid(tp.child("metadata", "labels"), Nodes.orNull(labels), SELECTOR_MISMATCH);
        }
        // upstream checks only labels and annotations of a StatefulSet's template here
        ObjectMetaValidation.validateLabelsAndAnnotations(Nodes.get(template, "metadata"), tp, errs);
        PodSpecs.validatePodSpecificAnnotations(Nodes.get(Nodes.get(template, "metadata"), "annotations"),
            Nodes.get(template, "spec"), tp.child("annotations"), errs);
      }
      requireAlwaysRestart(template, tp, "StatefulSet", errs);
    }

    @Override
    void validateTransition(ObjectNode obj, ObjectNode old, FieldErrorList errs) {
      ObjectNode spec = spec(obj).deepCopy();
      ObjectNode oldSpec = spec(old).deepCopy();
      for (String f : MUTABLE) {
        spec.remove(f);
        oldSpec.remove(f);
      }
      if (!Nodes.semanticEquals(spec, oldSpec)) {
        errs.forbidden(FieldPath.of("spec"), "updates to statefulset spec for fields other than 'replicas', "
            + "'ordinals', 'template', 'updateStrategy', 'persistentVolumeClaimRetentionPolicy' and "
            + "'minReadySeconds' are forbidden");
      }
    }
  }

  /** apps/v1 DaemonSet. */
  static final class DaemonSetStrategy extends AbstractKindStrategy {
    DaemonSetStrategy() {
      super(Scope.NAMESPACED, NameRule.DNS_SUBDOMAIN);
    }

    @Override
    public void applyDefaults(ObjectNode obj) {
      ObjectNode spec = Nodes.objectOrCreate(obj, "spec");
      ObjectNode strategy = Nodes.objectOrCreate(spec, "updateStrategy");
      Nodes.defaultText(strategy, "type", "RollingUpdate");
      if (Nodes.text(strategy, "type").equals("RollingUpdate")) {
        ObjectNode ru = Nodes.objectOrCreate(strategy, "rollingUpdate");
        Nodes.defaultLong(ru, "maxUnavailable", 1);
        Nodes.defaultLong(ru, "maxSurge", 0);
      }
      Nodes.defaultLong(spec, "revisionHistoryLimit", 10);
      PodSpecs.applyTemplateDefaults(Nodes.objectOrCreate(spec, "template"));
    }

    @Override
    ObjectNode initialStatus() {
      return status("currentNumberScheduled", "desiredNumberScheduled", "numberMisscheduled", "numberReady");
    }

    @Override
    boolean tracksGeneration() {
      return true;
    }

    @Override
    void validate(ObjectNode obj, FieldErrorList errs) {
      ObjectNode spec = spec(obj);
      FieldPath sp = FieldPath.of("spec");
      JsonNode selector = Nodes.get(spec, "selector");
      LabelSelectors.validate(selector, sp.child("selector"), errs);
      JsonNode template = Nodes.get(spec, "template");
      JsonNode labels = Nodes.get(Nodes.get(template, "metadata"), "labels");
      // a missing selector selects nothing, so it never matches the template
      if (LabelSelectors.isConvertible(selector) && (selector == null || !LabelSelectors.matches(selector, labels))) {
        errs.invalid(sp.child("template", "metadata", "labels"), Nodes.orNull(labels), SELECTOR_MISMATCH);
      }
      if (selector != null && LabelSelectors.isEmpty(selector)) {
        errs.invalid(sp.child("selector"), selector, "empty selector is invalid for daemonset");
      }
      PodSpecs.validateTemplate(template == null ? Nodes.FACTORY.objectNode() : template, sp.child("template"), errs);
      requireAlwaysRestart(template, sp.child("template"), "DaemonSet", errs);
      nonNegative(spec, "minReadySeconds", sp.child("minReadySeconds"), errs);
      JsonNode strategy = Nodes.get(spec, "updateStrategy");
      FieldPath up = sp.child("updateStrategy");
      switch (Nodes.text(strategy, "type")) {
        case "OnDelete" -> { }
        case "RollingUpdate" -> {
          JsonNode ru = Nodes.get(strategy, "rollingUpdate");
          if (ru == null) {
            errs.required(up.child("rollingUpdate"), "");
            break;
          }
          FieldPath rp = up.child("rollingUpdate");
          JsonNode maxUnavailable = Nodes.get(ru, "maxUnavailable");
          JsonNode maxSurge = Nodes.get(ru, "maxSurge");
          IntOrPercent.validatePositive(orZero(maxUnavailable), rp.child("maxUnavailable"), errs);
          IntOrPercent.validatePositive(orZero(maxSurge), rp.child("maxSurge"), errs);
          IntOrPercent.notMoreThan100Percent(maxUnavailable, rp.child("maxUnavailable"), errs);
          IntOrPercent.notMoreThan100Percent(maxSurge, rp.child("maxSurge"), errs);
          boolean hasUnavailable = IntOrPercent.value(maxUnavailable) != 0;
          boolean hasSurge = IntOrPercent.value(maxSurge) != 0;
          if (hasUnavailable && hasSurge) {
            errs.invalid(rp.child("maxSurge"), Nodes.orNull(maxSurge), "may not be set when maxUnavailable is non-zero");
          } else if (!hasUnavailable && !hasSurge) {
            errs.required(rp.child("maxUnavailable"), "cannot be 0 when maxSurge is 0");
          }
        }
        default -> errs.notSupported(up, Nodes.orNull(strategy), List.of("RollingUpdate", "OnDelete"));
      }
      nonNegative(spec, "revisionHistoryLimit", sp.child("revisionHistoryLimit"), errs);
    }

    private static JsonNode orZero(JsonNode v) {
      return v == null ? Nodes.FACTORY.numberNode(0) : v;
    }

    @Override
    void validateTransition(ObjectNode obj, ObjectNode old, FieldErrorList errs) {
      selectorImmutable(obj, old, errs);
    }
  }

  /** apps/v1 ControllerRevision: immutable data. */
  static final class ControllerRevisionStrategy extends AbstractKindStrategy {
    ControllerRevisionStrategy() {
      super(Scope.NAMESPACED, NameRule.DNS_SUBDOMAIN);
    }

    @Override
    void validate(ObjectNode obj, FieldErrorList errs) {
      if (!Nodes.has(obj, "data")) {
        errs.required(FieldPath.of("data"), "data is mandatory");
      }
      nonNegative(obj, "revision", FieldPath.of("revision"), errs);
    }

    @Override
    void validateTransition(ObjectNode obj, ObjectNode old, FieldErrorList errs) {
      ObjectMetaValidation.immutable(obj.get("data"), old.get("data"), FieldPath.of("data"), errs);
    }
  }
}
