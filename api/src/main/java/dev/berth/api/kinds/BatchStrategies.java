package dev.berth.api.kinds;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.berth.api.validation.FieldErrorList;
import dev.berth.api.validation.FieldPath;
import dev.berth.api.validation.Formats;
import dev.berth.api.validation.LabelSelectors;
import dev.berth.api.validation.NameRule;
import dev.berth.api.validation.Nodes;
import dev.berth.api.validation.ObjectMetaValidation;
import dev.berth.api.validation.ObjectMetaValidation.Scope;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/** batch/v1 Job and CronJob. */
final class BatchStrategies {

  private BatchStrategies() {}

  static final String CONTROLLER_UID = "batch.kubernetes.io/controller-uid";
  static final String JOB_NAME = "batch.kubernetes.io/job-name";
  static final String LEGACY_CONTROLLER_UID = "controller-uid";
  static final String LEGACY_JOB_NAME = "job-name";
  private static final int MAX_PARALLELISM_INDEXED = 100_000;
  private static final Pattern TZ_PART = Pattern.compile("[A-Za-z.\\-_0-9+]{1,14}");

  private static void nonNegative(JsonNode parent, String field, FieldPath p, FieldErrorList errs) {
    JsonNode v = Nodes.get(parent, field);
    if (v != null && v.asLong() < 0) {
      errs.invalid(p, v.asLong(), "must be greater than or equal to 0");
    }
  }

  /** validateJobSpec: everything but the selector (a CronJob's job template has none). */
  static void validateJobSpec(JsonNode spec, FieldPath p, FieldErrorList errs) {
    for (String f : List.of("parallelism", "completions", "activeDeadlineSeconds", "backoffLimit",
        "ttlSecondsAfterFinished", "backoffLimitPerIndex", "maxFailedIndexes")) {
      nonNegative(spec, f, p.child(f), errs);
    }
    if (Nodes.has(spec, "maxFailedIndexes") && !Nodes.has(spec, "backoffLimitPerIndex")) {
      errs.required(p.child("backoffLimitPerIndex"), "when maxFailedIndexes is specified");
    }
    JsonNode managedBy = Nodes.get(spec, "managedBy");
    if (managedBy != null) {
      String v = Nodes.text(managedBy);
      for (String[] e : Formats.domainPrefixedPath(v)) {
        errs.invalid(p.child("managedBy"), e[0], e[1]);
      }
      if (v.length() > 63) {
        errs.add(new dev.berth.api.validation.FieldError(dev.berth.api.validation.FieldError.Type.TOO_LONG,
            p.child("managedBy").value(), null, "may not be longer than 63"));
      }
    }
    String mode = Nodes.text(spec, "completionMode");
    boolean indexed = mode.equals("Indexed");
    if (Nodes.has(spec, "completionMode")) {
      if (!mode.equals("NonIndexed") && !indexed) {
        errs.notSupported(p.child("completionMode"), mode, "NonIndexed", "Indexed");
      }
      if (indexed) {
        if (!Nodes.has(spec, "completions")) {
          errs.required(p.child("completions"), "when completion mode is Indexed");
        }
        long parallelism = Nodes.longValue(spec, "parallelism", 0);
        if (parallelism > MAX_PARALLELISM_INDEXED) {
          errs.invalid(p.child("parallelism"), parallelism,
              "must be less than or equal to " + MAX_PARALLELISM_INDEXED + " when completion mode is Indexed");
        }
      }
    }
    if (!indexed) {
      if (Nodes.has(spec, "backoffLimitPerIndex")) {
        errs.invalid(p.child("backoffLimitPerIndex"), Nodes.longValue(spec, "backoffLimitPerIndex", 0),
            "requires indexed completion mode");
      }
      if (Nodes.has(spec, "maxFailedIndexes")) {
        errs.invalid(p.child("maxFailedIndexes"), Nodes.longValue(spec, "maxFailedIndexes", 0),
            "requires indexed completion mode");
      }
      if (Nodes.has(spec, "successPolicy")) {
        errs.invalid(p.child("successPolicy"), spec.get("successPolicy"), "requires indexed completion mode");
      }
    }
    JsonNode pfp = Nodes.get(spec, "podFailurePolicy");
    if (pfp != null) {
      validatePodFailurePolicy(pfp, spec, p.child("podFailurePolicy"), errs);
    }
    JsonNode prp = Nodes.get(spec, "podReplacementPolicy");
    if (prp != null) {
      String v = Nodes.text(prp);
      if (pfp != null) {
        if (!v.equals("Failed")) {
          errs.notSupported(p.child("podReplacementPolicy"), v, "Failed");
        }
      } else if (!v.equals("Failed") && !v.equals("TerminatingOrFailed")) {
        errs.notSupported(p.child("podReplacementPolicy"), v, "Failed", "TerminatingOrFailed");
      }
    }
    JsonNode template = Nodes.get(spec, "template");
    FieldPath tp = p.child("template");
    PodSpecs.validateTemplate(template == null ? Nodes.FACTORY.objectNode() : template, tp, errs);
    String restart = Nodes.text(Nodes.get(template, "spec"), "restartPolicy");
    FieldPath rp = tp.child("spec", "restartPolicy");
    if (restart.equals("Always") || restart.isEmpty()) {
      errs.required(rp, "valid values: \"OnFailure\", \"Never\"");
    } else if (!restart.equals("OnFailure") && !restart.equals("Never")) {
      errs.notSupported(rp, restart, "OnFailure", "Never");
    } else if (pfp != null && !restart.equals("Never")) {
      errs.invalid(rp, restart, "only \"Never\" is supported when podFailurePolicy is specified");
    }
  }

  private static void validatePodFailurePolicy(JsonNode pfp, JsonNode spec, FieldPath p, FieldErrorList errs) {
    FieldPath rulesPath = p.child("rules");
    if (Nodes.size(pfp, "rules") > 20) {
      errs.tooMany(rulesPath, Nodes.size(pfp, "rules"), 20);
    }
    Nodes.eachObject(pfp, "rules", (i, rule) -> {
      FieldPath rp = rulesPath.index(i);
      String action = Nodes.text(rule, "action");
      if (action.isEmpty()) {
        errs.required(rp.child("action"), "valid values: [\"Count\" \"FailIndex\" \"FailJob\" \"Ignore\"]");
      } else if (action.equals("FailIndex")) {
        if (!Nodes.has(spec, "backoffLimitPerIndex")) {
          errs.invalid(rp.child("action"), action, "requires the backoffLimitPerIndex to be set");
        }
      } else if (!List.of("Count", "FailJob", "Ignore").contains(action)) {
        errs.notSupported(rp.child("action"), action, "Count", "FailIndex", "FailJob", "Ignore");
      }
      boolean exitCodes = Nodes.has(rule, "onExitCodes");
      boolean conditions = Nodes.size(rule, "onPodConditions") > 0;
      if (exitCodes) {
        JsonNode oec = rule.get("onExitCodes");
        String op = Nodes.text(oec, "operator");
        if (op.isEmpty()) {
          errs.required(rp.child("onExitCodes", "operator"), "valid values: [\"In\" \"NotIn\"]");
        } else if (!op.equals("In") && !op.equals("NotIn")) {
          errs.notSupported(rp.child("onExitCodes", "operator"), op, "In", "NotIn");
        }
        if (Nodes.size(oec, "values") == 0) {
          errs.invalid(rp.child("onExitCodes", "values"), Nodes.orNull(Nodes.get(oec, "values")),
              "at least one value is required");
        }
      }
      if (exitCodes && conditions) {
        errs.invalid(rp, Nodes.FACTORY.nullNode(), "specifying both OnExitCodes and OnPodConditions is not supported");
      }
      if (!exitCodes && !conditions) {
        errs.invalid(rp, Nodes.FACTORY.nullNode(), "specifying one of OnExitCodes and OnPodConditions is required");
      }
    });
  }

  /** batch/v1 Job. Selector and pod labels are generated in {@link #prepareForCreate}, from the uid. */
  static final class JobStrategy extends AbstractKindStrategy {
    JobStrategy() {
      super(Scope.NAMESPACED, NameRule.DNS_SUBDOMAIN);
    }

    @Override
    public void applyDefaults(ObjectNode obj) {
      ObjectNode spec = Nodes.objectOrCreate(obj, "spec");
      if (!Nodes.has(spec, "completions") && !Nodes.has(spec, "parallelism")) {
        spec.put("completions", 1);
        spec.put("parallelism", 1);
      }
      Nodes.defaultLong(spec, "parallelism", 1);
      if (!Nodes.has(spec, "backoffLimit")) {
        spec.put("backoffLimit", Nodes.has(spec, "backoffLimitPerIndex") ? Integer.MAX_VALUE : 6);
      }
      ObjectNode template = Nodes.objectOrCreate(spec, "template");
      PodSpecs.applyTemplateDefaults(template);
      JsonNode templateLabels = Nodes.get(Nodes.get(template, "metadata"), "labels");
      ObjectNode meta = Nodes.objectOrCreate(obj, "metadata");
      if (templateLabels != null && templateLabels.isObject() && Nodes.size(meta, "labels") == 0) {
        meta.set("labels", templateLabels.deepCopy());
      }
      Nodes.defaultText(spec, "completionMode", "NonIndexed");
      Nodes.defaultBool(spec, "suspend", false);
      if (!Nodes.has(spec, "podReplacementPolicy")) {
        spec.put("podReplacementPolicy", Nodes.has(spec, "podFailurePolicy") ? "Failed" : "TerminatingOrFailed");
      }
      Nodes.defaultBool(spec, "manualSelector", false);
      Nodes.eachObject(Nodes.get(spec, "podFailurePolicy"), "rules", (i, rule) ->
          Nodes.eachObject(rule, "onPodConditions", (j, c) -> Nodes.defaultText(c, "status", "True")));
    }

    @Override
    ObjectNode initialStatus() {
      return Nodes.FACTORY.objectNode();
    }

    @Override
    boolean tracksGeneration() {
      return true;
    }

    /** Generates the selector and pod labels from the uid, then re-applies defaults (labels follow). */
    @Override
    void prepareCreate(ObjectNode obj) {
      ObjectNode spec = Nodes.objectOrCreate(obj, "spec");
      if (!Nodes.bool(spec, "manualSelector")) {
        ObjectNode meta = metadata(obj);
        String uid = Nodes.text(meta, "uid");
        String name = Nodes.text(meta, "name");
        ObjectNode labels = Nodes.objectOrCreate(Nodes.objectOrCreate(Nodes.objectOrCreate(spec, "template"),
            "metadata"), "labels");
        for (var e : Map.of(LEGACY_JOB_NAME, name, JOB_NAME, name, LEGACY_CONTROLLER_UID, uid, CONTROLLER_UID, uid)
            .entrySet()) {
          if (!labels.has(e.getKey())) {
            labels.put(e.getKey(), e.getValue());
          }
        }
        ObjectNode matchLabels = Nodes.objectOrCreate(Nodes.objectOrCreate(spec, "selector"), "matchLabels");
        if (!matchLabels.has(CONTROLLER_UID)) {
          matchLabels.put(CONTROLLER_UID, uid);
        }
        sortFields(labels);
      }
      applyDefaults(obj);
    }

    private static void sortFields(ObjectNode o) {
      var sorted = new java.util.TreeMap<String, JsonNode>();
      o.properties().forEach(e -> sorted.put(e.getKey(), e.getValue()));
      o.removeAll();
      sorted.forEach(o::set);
    }

    @Override
    void validate(ObjectNode obj, FieldErrorList errs) {
      ObjectNode meta = metadata(obj);
      ObjectNode spec = spec(obj);
      FieldPath sp = FieldPath.of("spec");
      JsonNode selector = Nodes.get(spec, "selector");
      if (!Nodes.bool(spec, "manualSelector") && selector != null) {
        String uid = Nodes.text(meta, "uid");
        String name = Nodes.text(meta, "name");
        if (uid.isEmpty()) {
          errs.required(FieldPath.of("metadata", "uid"), "");
        }
        JsonNode templateLabels = Nodes.get(Nodes.get(Nodes.get(spec, "template"), "metadata"), "labels");
        FieldPath tm = sp.child("template", "metadata");
        hasLabel(templateLabels, tm, LEGACY_CONTROLLER_UID, uid, errs);
        hasLabel(templateLabels, tm, LEGACY_JOB_NAME, name, errs);
        hasLabel(templateLabels, tm, CONTROLLER_UID, uid, errs);
        hasLabel(templateLabels, tm, JOB_NAME, name, errs);
        ObjectNode expected = Nodes.FACTORY.objectNode();
        expected.put(CONTROLLER_UID, uid);
        expected.put(JOB_NAME, name);
        expected.put(LEGACY_CONTROLLER_UID, uid);
        expected.put(LEGACY_JOB_NAME, name);
        if (LabelSelectors.isConvertible(selector) && !LabelSelectors.matches(selector, expected)) {
          errs.invalid(sp.child("selector"), selector, "`selector` not auto-generated");
        }
      }
      validateJobSpec(spec, sp, errs);
      if (selector == null) {
        errs.required(sp.child("selector"), "");
      } else {
        LabelSelectors.validate(selector, sp.child("selector"), errs);
      }
      JsonNode templateLabels = Nodes.get(Nodes.get(Nodes.get(spec, "template"), "metadata"), "labels");
      if (selector != null && LabelSelectors.isConvertible(selector) && !LabelSelectors.matches(selector, templateLabels)) {
        errs.invalid(sp.child("template", "metadata", "labels"), Nodes.orNull(templateLabels),
            WorkloadStrategies.SELECTOR_MISMATCH);
      }
      long completions = Nodes.longValue(spec, "completions", 0);
      if (Nodes.text(spec, "completionMode").equals("Indexed") && completions > 0) {
        String host = Nodes.text(meta, "name") + "-" + (completions - 1);
        if (!Formats.dns1123Label(host).isEmpty()) {
          errs.invalid(FieldPath.of("metadata", "name"), Nodes.text(meta, "name"),
              "will not able to create pod with invalid DNS label: " + host);
        }
      }
    }

    private static void hasLabel(JsonNode labels, FieldPath meta, String key, String expected, FieldErrorList errs) {
      JsonNode actual = Nodes.get(labels, key);
      FieldPath p = meta.child("labels").key(key);
      if (actual == null) {
        errs.required(p, "must be '" + expected + "'");
      } else if (!Nodes.text(actual).equals(expected)) {
        errs.invalid(p, labels, "must be '" + expected + "'");
      }
    }

    @Override
    void validateTransition(ObjectNode obj, ObjectNode old, FieldErrorList errs) {
      ObjectNode spec = spec(obj);
      ObjectNode oldSpec = spec(old);
      FieldPath sp = FieldPath.of("spec");
      boolean elastic = Nodes.text(spec, "completionMode").equals("Indexed");
      if (!elastic) {
        ObjectMetaValidation.immutable(spec.get("completions"), oldSpec.get("completions"), sp.child("completions"), errs);
      } else if (!Nodes.semanticEquals(spec.get("completions"), oldSpec.get("completions"))
          && Nodes.has(spec, "completions")
          && Nodes.longValue(spec, "completions", 0) != Nodes.longValue(spec, "parallelism", 0)) {
        errs.invalid(sp.child("completions"), spec.get("completions"), "can only be modified in tandem with spec.parallelism");
      }
      ObjectMetaValidation.immutable(spec.get("selector"), oldSpec.get("selector"), sp.child("selector"), errs);
      JsonNode template = Nodes.get(spec, "template");
      JsonNode oldTemplate = Nodes.get(oldSpec, "template");
      boolean notStarted = !Nodes.has(Nodes.get(old, "status"), "startTime");
      if (Nodes.bool(oldSpec, "suspend") && notStarted && oldTemplate instanceof ObjectNode ot
          && template instanceof ObjectNode nt) {
        // a suspended Job that never ran may have its scheduling directives changed
        ObjectNode relaxed = ot.deepCopy();
        ObjectNode relaxedSpec = Nodes.objectOrCreate(relaxed, "spec");
        ObjectNode newPodSpec = Nodes.objectOrCreate(nt.deepCopy(), "spec");
        for (String f : List.of("nodeSelector", "tolerations", "schedulingGates")) {
          copy(newPodSpec, relaxedSpec, f);
        }
        JsonNode newAffinity = Nodes.get(newPodSpec, "affinity");
        if (newAffinity == null) {
          if (relaxedSpec.get("affinity") instanceof ObjectNode a) {
            a.remove("nodeAffinity");
            if (a.isEmpty()) {
              relaxedSpec.remove("affinity");
            }
          }
        } else {
          ObjectNode a = Nodes.objectOrCreate(relaxedSpec, "affinity");
          copy((ObjectNode) newAffinity, a, "nodeAffinity");
        }
        ObjectNode relaxedMeta = Nodes.objectOrCreate(relaxed, "metadata");
        JsonNode newMeta = Nodes.get(nt, "metadata");
        for (String f : List.of("labels", "annotations")) {
          JsonNode v = Nodes.get(newMeta, f);
          if (v == null) {
            relaxedMeta.remove(f);
          } else {
            relaxedMeta.set(f, v);
          }
        }
        oldTemplate = relaxed;
      }
      ObjectMetaValidation.immutable(template, oldTemplate, sp.child("template"), errs);
      for (String f : List.of("completionMode", "podFailurePolicy", "backoffLimitPerIndex", "managedBy",
          "successPolicy")) {
        ObjectMetaValidation.immutable(spec.get(f), oldSpec.get(f), sp.child(f), errs);
      }
    }

    private static void copy(ObjectNode from, ObjectNode to, String field) {
      JsonNode v = from.get(field);
      if (v == null) {
        to.remove(field);
      } else {
        to.set(field, v.deepCopy());
      }
    }
  }

  /** batch/v1 CronJob. */
  static final class CronJobStrategy extends AbstractKindStrategy {
    CronJobStrategy() {
      super(Scope.NAMESPACED, NameRule.DNS_SUBDOMAIN);
    }

    @Override
    public void applyDefaults(ObjectNode obj) {
      ObjectNode spec = Nodes.objectOrCreate(obj, "spec");
      Nodes.defaultText(spec, "concurrencyPolicy", "Allow");
      Nodes.defaultBool(spec, "suspend", false);
      Nodes.defaultLong(spec, "successfulJobsHistoryLimit", 3);
      Nodes.defaultLong(spec, "failedJobsHistoryLimit", 1);
      ObjectNode jobTemplate = Nodes.objectOrCreate(spec, "jobTemplate");
      ObjectNode meta = Nodes.objectOrCreate(jobTemplate, "metadata");
      if (!meta.has("creationTimestamp")) {
        meta.putNull("creationTimestamp");
      }
      ObjectNode jobSpec = Nodes.objectOrCreate(jobTemplate, "spec");
      PodSpecs.applyTemplateDefaults(Nodes.objectOrCreate(jobSpec, "template"));
      Nodes.eachObject(Nodes.get(jobSpec, "podFailurePolicy"), "rules", (i, rule) ->
          Nodes.eachObject(rule, "onPodConditions", (j, c) -> Nodes.defaultText(c, "status", "True")));
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
      validateSpec(spec(obj), null, errs);
    }

    @Override
    void validateCreateOnly(ObjectNode obj, FieldErrorList errs) {
      String name = Nodes.text(metadata(obj), "name");
      if (name.length() > 52) {
        // the controller appends an 11-character suffix to name the Jobs it creates
        errs.invalid(FieldPath.of("metadata", "name"), name, "must be no more than 52 characters");
      }
    }

    /** On update a schedule may keep a TZ prefix it already had, and an unchanged time zone is not rechecked. */
    @Override
    void validateUpdated(ObjectNode obj, ObjectNode old, FieldErrorList errs) {
      validateSpec(spec(obj), spec(old), errs);
    }

    private static void validateSpec(JsonNode spec, JsonNode oldSpec, FieldErrorList errs) {
      FieldPath sp = FieldPath.of("spec");
      String schedule = Nodes.text(spec, "schedule");
      JsonNode timeZone = Nodes.get(spec, "timeZone");
      if (schedule.isEmpty()) {
        errs.required(sp.child("schedule"), "");
      } else {
        String err = CronSchedule.error(schedule);
        if (err != null) {
          errs.invalid(sp.child("schedule"), schedule, err);
        }
        boolean allowTz = oldSpec != null && Nodes.text(oldSpec, "schedule").contains("TZ");
        if (allowTz && schedule.contains("TZ") && timeZone != null) {
          errs.invalid(sp.child("schedule"), schedule, "cannot use both timeZone field and TZ or CRON_TZ in schedule");
        } else if (!allowTz && schedule.contains("TZ")) {
          errs.invalid(sp.child("schedule"), schedule, "cannot use TZ or CRON_TZ in schedule, use timeZone field instead");
        }
      }
      nonNegative(spec, "startingDeadlineSeconds", sp.child("startingDeadlineSeconds"), errs);
      if (oldSpec == null || !Nodes.semanticEquals(timeZone, Nodes.get(oldSpec, "timeZone"))) {
        validateTimeZone(timeZone, sp.child("timeZone"), errs);
      }
      String policy = Nodes.text(spec, "concurrencyPolicy");
      switch (policy) {
        case "Allow", "Forbid", "Replace" -> { }
        case "" -> errs.required(sp.child("concurrencyPolicy"), "");
        default -> errs.notSupported(sp.child("concurrencyPolicy"), policy, "Allow", "Forbid", "Replace");
      }
      JsonNode jobTemplate = Nodes.get(spec, "jobTemplate");
      JsonNode jobSpec = Nodes.get(jobTemplate, "spec");
      FieldPath jp = sp.child("jobTemplate", "spec");
      validateJobSpec(jobSpec == null ? Nodes.FACTORY.objectNode() : jobSpec, jp, errs);
      JsonNode selector = Nodes.get(jobSpec, "selector");
      if (selector != null) {
        errs.invalid(jp.child("selector"), selector, "`selector` will be auto-generated");
      }
      if (Nodes.bool(jobSpec, "manualSelector")) {
        errs.notSupported(jp.child("manualSelector"), Nodes.FACTORY.booleanNode(true), List.of("nil", "false"));
      }
      nonNegative(spec, "successfulJobsHistoryLimit", sp.child("successfulJobsHistoryLimit"), errs);
      nonNegative(spec, "failedJobsHistoryLimit", sp.child("failedJobsHistoryLimit"), errs);
    }

    private static void validateTimeZone(JsonNode timeZone, FieldPath p, FieldErrorList errs) {
      if (timeZone == null) {
        return;
      }
      String tz = Nodes.text(timeZone);
      if (tz.isEmpty()) {
        errs.invalid(p, tz, "timeZone must be nil or non-empty string");
        return;
      }
      for (String part : tz.split("/", -1)) {
        if (part.equals(".") || part.equals("..") || part.startsWith("-") || !TZ_PART.matcher(part).matches()) {
          errs.invalid(p, tz, "unknown time zone " + tz);
          return;
        }
      }
      if (tz.toLowerCase(Locale.ROOT).equals("local")) {
        errs.invalid(p, tz, "timeZone must be an explicit time zone as defined in https://www.iana.org/time-zones");
      }
      // Go loads "Local" fine (it is the process's zone), so only the explicit-zone rule rejects it
      if (!tz.equals("Local") && !CronSchedule.isKnownZone(tz)) {
        errs.invalid(p, tz, "unknown time zone " + tz);
      }
    }
  }
}
