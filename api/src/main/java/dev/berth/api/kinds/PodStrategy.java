package dev.berth.api.kinds;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.berth.api.validation.FieldErrorList;
import dev.berth.api.validation.FieldPath;
import dev.berth.api.validation.NameRule;
import dev.berth.api.validation.Nodes;
import dev.berth.api.validation.ObjectMetaValidation.Scope;
import dev.berth.api.validation.Quantity;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** core/v1 Pod. */
final class PodStrategy extends AbstractKindStrategy {

  static final String UPDATABLE_FIELDS = "`spec.containers[*].image`,`spec.initContainers[*].image`,"
      + "`spec.activeDeadlineSeconds`,`spec.tolerations` (only additions to existing tolerations),"
      + "`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)";
  private static final String MIRROR_ANNOTATION = "kubernetes.io/config.mirror";
  /** The classes upstream creates at startup, with their fixed priorities. */
  private static final Map<String, Long> SYSTEM_PRIORITY_CLASSES =
      Map.of("system-node-critical", 2000001000L, "system-cluster-critical", 2000000000L);

  PodStrategy() {
    super(Scope.NAMESPACED, NameRule.DNS_SUBDOMAIN);
  }

  @Override
  public void applyDefaults(ObjectNode obj) {
    ObjectNode spec = Nodes.objectOrCreate(obj, "spec");
    PodSpecs.applyDefaults(spec);
    PodSpecs.applyPodOnlyDefaults(spec);
  }

  @Override
  ObjectNode initialStatus() {
    // replaced in prepareCreate once the QoS class is known; non-null marks the status subresource
    return Nodes.FACTORY.objectNode();
  }

  @Override
  void prepareCreate(ObjectNode obj) {
    ObjectNode spec = Nodes.objectOrCreate(obj, "spec");
    ObjectNode status = Nodes.FACTORY.objectNode();
    status.put("phase", "Pending");
    if (Nodes.size(spec, "schedulingGates") > 0) {
      ObjectNode cond = status.putArray("conditions").addObject();
      cond.put("type", "PodScheduled");
      cond.put("status", "False");
      cond.putNull("lastProbeTime");
      cond.putNull("lastTransitionTime");
      cond.put("reason", "SchedulingGated");
      cond.put("message", "Scheduling is blocked due to non-empty scheduling gates");
    }
    status.put("qosClass", qosClass(spec));
    obj.set("status", status);
    applyPriority(spec);
    addDefaultTolerations(spec);
  }

  /** The Priority admission plugin for the cases that need no lookup: no class, or a built-in class. */
  private static void applyPriority(ObjectNode spec) {
    if (Nodes.has(spec, "priority")) {
      return;
    }
    String className = Nodes.text(spec, "priorityClassName");
    Long value = className.isEmpty() ? Long.valueOf(0) : SYSTEM_PRIORITY_CLASSES.get(className);
    if (value != null) {
      spec.put("priority", value);
      Nodes.defaultText(spec, "preemptionPolicy", "PreemptLowerPriority");
    }
  }

  /** The DefaultTolerationSeconds admission plugin: tolerate not-ready/unreachable nodes for 300s. */
  private static void addDefaultTolerations(ObjectNode spec) {
    boolean notReady = false;
    boolean unreachable = false;
    JsonNode existing = Nodes.get(spec, "tolerations");
    if (existing != null && existing.isArray()) {
      for (JsonNode t : existing) {
        String effect = Nodes.text(t, "effect");
        boolean effectMatches = effect.isEmpty() || effect.equals("NoExecute");
        String key = Nodes.text(t, "key");
        boolean any = key.isEmpty() && Nodes.text(t, "operator").equals("Exists");
        notReady |= effectMatches && (any || key.equals("node.kubernetes.io/not-ready"));
        unreachable |= effectMatches && (any || key.equals("node.kubernetes.io/unreachable"));
      }
    }
    if (notReady && unreachable) {
      return;
    }
    ArrayNode tolerations = existing instanceof ArrayNode a ? a : spec.putArray("tolerations");
    if (!notReady) {
      addToleration(tolerations, "node.kubernetes.io/not-ready");
    }
    if (!unreachable) {
      addToleration(tolerations, "node.kubernetes.io/unreachable");
    }
  }

  private static void addToleration(ArrayNode tolerations, String key) {
    ObjectNode t = tolerations.addObject();
    t.put("effect", "NoExecute");
    t.put("key", key);
    t.put("operator", "Exists");
    t.put("tolerationSeconds", 300);
  }

  /**
   * Upstream's QoS classification over cpu and memory of all regular and init containers: BestEffort when
   * nothing is requested or limited, Guaranteed when every container limits both and the summed requests
   * equal the summed limits, Burstable otherwise.
   */
  static String qosClass(JsonNode spec) {
    Map<String, Quantity> requests = new java.util.HashMap<>();
    Map<String, Quantity> limits = new java.util.HashMap<>();
    boolean guaranteed = true;
    for (String list : List.of("containers", "initContainers")) {
      JsonNode containers = Nodes.get(spec, list);
      if (containers == null || !containers.isArray()) {
        continue;
      }
      for (JsonNode c : containers) {
        JsonNode res = Nodes.get(c, "resources");
        Set<String> limited = new HashSet<>();
        for (String r : List.of("cpu", "memory")) {
          Quantity req = quantity(Nodes.get(res, "requests"), r);
          if (req != null && req.signum() > 0) {
            requests.merge(r, req, Quantity::plus);
          }
          Quantity lim = quantity(Nodes.get(res, "limits"), r);
          if (lim != null && lim.signum() > 0) {
            limits.merge(r, lim, Quantity::plus);
            limited.add(r);
          }
        }
        if (limited.size() < 2) {
          guaranteed = false;
        }
      }
    }
    if (requests.isEmpty() && limits.isEmpty()) {
      return "BestEffort";
    }
    if (guaranteed) {
      for (var e : requests.entrySet()) {
        Quantity lim = limits.get(e.getKey());
        if (lim == null || lim.compareTo(e.getValue()) != 0) {
          guaranteed = false;
          break;
        }
      }
    }
    return guaranteed && requests.size() == limits.size() ? "Guaranteed" : "Burstable";
  }

  private static Quantity quantity(JsonNode list, String name) {
    JsonNode v = Nodes.get(list, name);
    return v == null ? null : Quantity.tryParse(Nodes.text(v)).orElse(null);
  }

  @Override
  void validate(ObjectNode obj, FieldErrorList errs) {
    ObjectNode meta = metadata(obj);
    ObjectNode spec = spec(obj);
    FieldPath specPath = FieldPath.of("spec");
    PodSpecs.validatePodSpecificAnnotations(Nodes.get(meta, "annotations"), spec,
        FieldPath.of("metadata", "annotations"), errs);
    PodSpecs.validateSpec(spec, specPath, new PodSpecs.Options(true, Nodes.text(meta, "name")), errs);
    if (Nodes.text(spec, "serviceAccountName").isEmpty()) {
      Nodes.eachObject(spec, "volumes", (vi, vol) -> {
        JsonNode projected = Nodes.get(vol, "projected");
        Nodes.eachObject(projected, "sources", (si, src) -> {
          if (Nodes.has(src, "serviceAccountToken")) {
            errs.forbidden(specPath.child("volumes").index(vi).child("projected", "sources").index(si)
                .child("serviceAccountToken"), "must not be specified when serviceAccountName is not set");
          }
        });
      });
    }
    for (String list : List.of("containers", "initContainers")) {
      FieldPath lp = specPath.child(list);
      Nodes.eachObject(spec, list, (i, c) -> {
        String image = Nodes.text(c, "image");
        if (image.length() != image.strip().length()) {
          errs.invalid(lp.index(i).child("image"), image, "must not have leading or trailing whitespace");
        }
      });
    }
  }

  @Override
  void validateCreateOnly(ObjectNode obj, FieldErrorList errs) {
    ObjectNode spec = spec(obj);
    if (Nodes.size(spec, "ephemeralContainers") > 0) {
      errs.forbidden(FieldPath.of("spec", "ephemeralContainers"), "cannot be set on create");
    }
    if (!Nodes.text(spec, "nodeName").isEmpty() && Nodes.size(spec, "schedulingGates") > 0) {
      errs.forbidden(FieldPath.of("spec", "nodeName"), "cannot be set until all schedulingGates have been cleared");
    }
  }

  @Override
  void validateTransition(ObjectNode obj, ObjectNode old, FieldErrorList errs) {
    validateAnnotationUpdates(Nodes.get(metadata(obj), "annotations"), Nodes.get(metadata(old), "annotations"), errs);
    ObjectNode spec = spec(obj);
    ObjectNode oldSpec = spec(old);
    FieldPath specPath = FieldPath.of("spec");
    for (String list : List.of("containers", "initContainers")) {
      if (Nodes.size(spec, list) != Nodes.size(oldSpec, list)) {
        errs.forbidden(specPath.child(list), "pod updates may not add or remove containers");
        return;
      }
      FieldPath lp = specPath.child(list);
      Nodes.eachObject(spec, list, (i, c) -> {
        String image = Nodes.text(c, "image");
        if (image.isEmpty()) {
          errs.required(lp.index(i).child("image"), "");
        }
        if (image.strip().length() != image.length()) {
          errs.invalid(lp.index(i).child("image"), image, "must not have leading or trailing whitespace");
        }
      });
    }
    JsonNode ads = Nodes.get(spec, "activeDeadlineSeconds");
    JsonNode oldAds = Nodes.get(oldSpec, "activeDeadlineSeconds");
    FieldPath adsPath = specPath.child("activeDeadlineSeconds");
    if (ads != null) {
      long v = ads.asLong();
      if (v < 0 || v > Integer.MAX_VALUE) {
        errs.invalid(adsPath, v, dev.berth.api.validation.Formats.inclusiveRangeError(0, Integer.MAX_VALUE));
        return;
      }
      if (oldAds != null && oldAds.asLong() < v) {
        errs.invalid(adsPath, v, "must be less than or equal to previous value");
        return;
      }
    } else if (oldAds != null) {
      errs.invalid(adsPath, Nodes.FACTORY.nullNode(), "must not update from a positive integer to nil value");
    }
    validateOnlyAddedTolerations(Nodes.get(spec, "tolerations"), Nodes.get(oldSpec, "tolerations"),
        specPath.child("tolerations"), errs);
    validateOnlyDeletedSchedulingGates(Nodes.get(spec, "schedulingGates"), Nodes.get(oldSpec, "schedulingGates"),
        specPath.child("schedulingGates"), errs);
    if (Nodes.zeroTolerantEquals(spec, oldSpec)) {
      return;
    }
    ObjectNode munged = spec.deepCopy();
    for (String list : List.of("containers", "initContainers")) {
      JsonNode oldList = Nodes.get(oldSpec, list);
      Nodes.eachObject(munged, list, (i, c) -> {
        JsonNode oldImage = oldList == null ? null : Nodes.get(oldList.get(i), "image");
        if (oldImage == null) {
          c.remove("image");
        } else {
          c.set("image", oldImage);
        }
      });
    }
    copyField(oldSpec, munged, "activeDeadlineSeconds");
    copyField(oldSpec, munged, "schedulingGates");
    copyField(oldSpec, munged, "tolerations");
    JsonNode oldGrace = Nodes.get(oldSpec, "terminationGracePeriodSeconds");
    if (oldGrace != null && oldGrace.asLong() < 0 && Nodes.longValue(munged, "terminationGracePeriodSeconds", 0) == 1) {
      munged.set("terminationGracePeriodSeconds", oldGrace);
    }
    if (Nodes.size(oldSpec, "schedulingGates") > 0) {
      // gated pods may gain node selectors and node affinity terms; only additions
      JsonNode oldSelector = Nodes.get(oldSpec, "nodeSelector");
      JsonNode newSelector = Nodes.get(munged, "nodeSelector");
      if (!Nodes.semanticEquals(oldSelector, newSelector)) {
        boolean onlyAdditions = true;
        if (oldSelector != null) {
          for (var e : oldSelector.properties()) {
            JsonNode nv = Nodes.get(newSelector, e.getKey());
            onlyAdditions &= nv != null && Nodes.text(nv).equals(Nodes.text(e.getValue()));
          }
        }
        if (!onlyAdditions) {
          errs.invalid(specPath.child("nodeSelector"), Nodes.orNull(newSelector),
              "only additions to spec.nodeSelector are allowed (no mutations or deletions)");
        }
        copyField(oldSpec, munged, "nodeSelector");
      }
    }
    if (!Nodes.zeroTolerantEquals(munged, oldSpec)) {
      errs.forbidden(specPath, "pod updates may not change fields other than " + UPDATABLE_FIELDS + "\n"
          + JsonDiff.describe(oldSpec, munged));
    }
  }

  private static void copyField(ObjectNode from, ObjectNode to, String field) {
    JsonNode v = from.get(field);
    if (v == null) {
      to.remove(field);
    } else {
      to.set(field, v.deepCopy());
    }
  }

  private static void validateAnnotationUpdates(JsonNode annotations, JsonNode old, FieldErrorList errs) {
    FieldPath p = FieldPath.of("metadata", "annotations");
    JsonNode newMirror = Nodes.get(annotations, MIRROR_ANNOTATION);
    JsonNode oldMirror = Nodes.get(old, MIRROR_ANNOTATION);
    if (oldMirror != null && (newMirror == null || !Nodes.text(newMirror).equals(Nodes.text(oldMirror)))) {
      errs.forbidden(p.key(MIRROR_ANNOTATION), "may not remove or update mirror pod annotation");
    }
    if (oldMirror == null && newMirror != null) {
      errs.forbidden(p.key(MIRROR_ANNOTATION), "may not add mirror pod annotation");
    }
  }

  private static void validateOnlyAddedTolerations(JsonNode tolerations, JsonNode old, FieldPath path,
      FieldErrorList errs) {
    if (old != null && old.isArray()) {
      for (JsonNode o : old) {
        boolean found = false;
        if (tolerations != null && tolerations.isArray()) {
          for (JsonNode n : tolerations) {
            ObjectNode clone = o.deepCopy();
            JsonNode seconds = n.get("tolerationSeconds");
            if (seconds == null) {
              clone.remove("tolerationSeconds");
            } else {
              clone.set("tolerationSeconds", seconds);
            }
            if (Nodes.semanticEquals(clone, n)) {
              found = true;
              break;
            }
          }
        }
        if (!found) {
          errs.forbidden(path, "existing toleration can not be modified except its tolerationSeconds");
          return;
        }
      }
    }
    PodSpecs.validateTolerations(tolerations, path, errs);
  }

  private static void validateOnlyDeletedSchedulingGates(JsonNode gates, JsonNode old, FieldPath path,
      FieldErrorList errs) {
    if (gates == null || !gates.isArray() || gates.isEmpty()) {
      return;
    }
    Set<String> oldNames = new HashSet<>();
    if (old != null && old.isArray()) {
      old.forEach(g -> oldNames.add(Nodes.text(g, "name")));
    }
    for (int i = 0; i < gates.size(); i++) {
      String name = Nodes.text(gates.get(i), "name");
      if (!oldNames.contains(name)) {
        errs.forbidden(path.index(i).child("name"),
            "only deletion is allowed, but found new scheduling gate '" + name + "'");
      }
    }
  }
}
