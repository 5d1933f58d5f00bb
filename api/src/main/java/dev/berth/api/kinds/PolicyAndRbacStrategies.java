package dev.berth.api.kinds;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.berth.api.validation.FieldErrorList;
import dev.berth.api.validation.FieldPath;
import dev.berth.api.validation.LabelSelectors;
import dev.berth.api.validation.NameRule;
import dev.berth.api.validation.Nodes;
import dev.berth.api.validation.ObjectMetaValidation.Scope;
import java.util.List;

/** policy/v1 (PodDisruptionBudget, Eviction) and rbac.authorization.k8s.io/v1. */
final class PolicyAndRbacStrategies {

  private PolicyAndRbacStrategies() {}

  static final String RBAC_GROUP = "rbac.authorization.k8s.io";

  /** policy/v1 PodDisruptionBudget. */
  static final class PodDisruptionBudgetStrategy extends AbstractKindStrategy {
    PodDisruptionBudgetStrategy() {
      super(Scope.NAMESPACED, NameRule.DNS_SUBDOMAIN);
    }

    @Override
    ObjectNode initialStatus() {
      ObjectNode s = Nodes.FACTORY.objectNode();
      s.put("currentHealthy", 0);
      s.put("desiredHealthy", 0);
      s.put("disruptionsAllowed", 0);
      s.put("expectedPods", 0);
      return s;
    }

    @Override
    boolean tracksGeneration() {
      return true;
    }

    @Override
    void validate(ObjectNode obj, FieldErrorList errs) {
      ObjectNode spec = spec(obj);
      FieldPath sp = FieldPath.of("spec");
      JsonNode minAvailable = Nodes.get(spec, "minAvailable");
      JsonNode maxUnavailable = Nodes.get(spec, "maxUnavailable");
      if (minAvailable != null && maxUnavailable != null) {
        errs.invalid(sp, spec, "minAvailable and maxUnavailable cannot be both set");
      }
      if (minAvailable != null) {
        IntOrPercent.validatePositive(minAvailable, sp.child("minAvailable"), errs);
        IntOrPercent.notMoreThan100Percent(minAvailable, sp.child("minAvailable"), errs);
      }
      if (maxUnavailable != null) {
        IntOrPercent.validatePositive(maxUnavailable, sp.child("maxUnavailable"), errs);
        IntOrPercent.notMoreThan100Percent(maxUnavailable, sp.child("maxUnavailable"), errs);
      }
      LabelSelectors.validate(Nodes.get(spec, "selector"), sp.child("selector"), errs);
      JsonNode policy = Nodes.get(spec, "unhealthyPodEvictionPolicy");
      if (policy != null && !List.of("AlwaysAllow", "IfHealthyBudget").contains(Nodes.text(policy))) {
        errs.notSupported(sp.child("unhealthyPodEvictionPolicy"), Nodes.text(policy), "AlwaysAllow", "IfHealthyBudget");
      }
    }
  }

  /** policy/v1 Eviction (the pods/eviction subresource body): its delete options. */
  static final class EvictionStrategy extends AbstractKindStrategy {
    EvictionStrategy() {
      super(Scope.NAMESPACED, NameRule.DNS_SUBDOMAIN);
    }

    @Override
    void validate(ObjectNode obj, FieldErrorList errs) {
      JsonNode options = Nodes.get(obj, "deleteOptions");
      if (options == null) {
        return;
      }
      FieldPath pp = FieldPath.of("propagationPolicy");
      JsonNode propagation = Nodes.get(options, "propagationPolicy");
      if (Nodes.has(options, "orphanDependents") && propagation != null) {
        errs.invalid(pp, propagation, "orphanDependents and deletionPropagation cannot be both set");
      }
      if (propagation != null && !List.of("Foreground", "Background", "Orphan").contains(Nodes.text(propagation))) {
        errs.notSupported(pp, Nodes.text(propagation), "Foreground", "Background", "Orphan", "nil");
      }
      JsonNode dryRun = Nodes.get(options, "dryRun");
      if (dryRun != null && dryRun.isArray()) {
        for (JsonNode d : dryRun) {
          if (!Nodes.text(d).equals("All")) {
            errs.notSupported(FieldPath.of("dryRun"), dryRun, List.of("All"));
            break;
          }
        }
      }
      JsonNode grace = Nodes.get(options, "gracePeriodSeconds");
      if (grace != null && grace.asLong() < 0) {
        errs.invalid(FieldPath.of("gracePeriodSeconds"), grace.asLong(), "must be greater than or equal to 0");
      }
    }
  }

  private static void validateRule(JsonNode rule, boolean namespaced, FieldPath p, FieldErrorList errs) {
    if (Nodes.size(rule, "verbs") == 0) {
      errs.required(p.child("verbs"), "verbs must contain at least one value");
    }
    if (Nodes.size(rule, "nonResourceURLs") > 0) {
      JsonNode urls = rule.get("nonResourceURLs");
      if (namespaced) {
        errs.invalid(p.child("nonResourceURLs"), urls, "namespaced rules cannot apply to non-resource URLs");
      }
      if (Nodes.size(rule, "apiGroups") > 0 || Nodes.size(rule, "resources") > 0
          || Nodes.size(rule, "resourceNames") > 0) {
        errs.invalid(p.child("nonResourceURLs"), urls, "rules cannot apply to both regular resources and non-resource URLs");
      }
      return;
    }
    if (Nodes.size(rule, "apiGroups") == 0) {
      errs.required(p.child("apiGroups"), "resource rules must supply at least one api group");
    }
    if (Nodes.size(rule, "resources") == 0) {
      errs.required(p.child("resources"), "resource rules must supply at least one resource");
    }
  }

  /** Role and ClusterRole. */
  static final class RoleStrategy extends AbstractKindStrategy {
    private final boolean namespaced;

    RoleStrategy(boolean namespaced) {
      super(namespaced ? Scope.NAMESPACED : Scope.CLUSTER, NameRule.PATH_SEGMENT);
      this.namespaced = namespaced;
    }

    @Override
    void validate(ObjectNode obj, FieldErrorList errs) {
      FieldPath rules = FieldPath.of("rules");
      Nodes.eachObject(obj, "rules", (i, rule) -> validateRule(rule, namespaced, rules.index(i), errs));
      JsonNode aggregation = Nodes.get(obj, "aggregationRule");
      if (!namespaced && aggregation != null) {
        FieldPath sp = FieldPath.of("aggregationRule", "clusterRoleSelectors");
        if (Nodes.size(aggregation, "clusterRoleSelectors") == 0) {
          errs.required(sp, "at least one clusterRoleSelector required if aggregationRule is non-nil");
        }
        Nodes.eachObject(aggregation, "clusterRoleSelectors", (i, sel) -> {
          LabelSelectors.validate(sel, sp.index(i), errs);
          if (!LabelSelectors.isConvertible(sel)) {
            errs.invalid(sp.index(i), sel, "invalid label selector.");
          }
        });
      }
    }
  }

  /** RoleBinding and ClusterRoleBinding. */
  static final class BindingStrategy extends AbstractKindStrategy {
    private final boolean namespaced;

    BindingStrategy(boolean namespaced) {
      super(namespaced ? Scope.NAMESPACED : Scope.CLUSTER, NameRule.PATH_SEGMENT);
      this.namespaced = namespaced;
    }

    @Override
    public void applyDefaults(ObjectNode obj) {
      Nodes.defaultText(Nodes.objectOrCreate(obj, "roleRef"), "apiGroup", RBAC_GROUP);
      Nodes.eachObject(obj, "subjects", (i, s) -> {
        String kind = Nodes.text(s, "kind");
        if (kind.equals("User") || kind.equals("Group")) {
          Nodes.defaultText(s, "apiGroup", RBAC_GROUP);
        }
      });
    }

    @Override
    void validate(ObjectNode obj, FieldErrorList errs) {
      JsonNode roleRef = Nodes.get(obj, "roleRef");
      String group = Nodes.text(roleRef, "apiGroup");
      if (!group.equals(RBAC_GROUP)) {
        errs.notSupported(FieldPath.of("roleRef", "apiGroup"), group, RBAC_GROUP);
      }
      String kind = Nodes.text(roleRef, "kind");
      if (namespaced ? !(kind.equals("Role") || kind.equals("ClusterRole")) : !kind.equals("ClusterRole")) {
        if (namespaced) {
          errs.notSupported(FieldPath.of("roleRef", "kind"), kind, "Role", "ClusterRole");
        } else {
          errs.notSupported(FieldPath.of("roleRef", "kind"), kind, "ClusterRole");
        }
      }
      String name = Nodes.text(roleRef, "name");
      if (name.isEmpty()) {
        errs.required(FieldPath.of("roleRef", "name"), "");
      } else {
        errs.invalidEach(FieldPath.of("roleRef", "name"), name, NameRule.PATH_SEGMENT.check(name, false));
      }
      FieldPath subjects = FieldPath.of("subjects");
      Nodes.eachObject(obj, "subjects", (i, s) -> validateSubject(s, subjects.index(i), errs));
    }

    private void validateSubject(JsonNode subject, FieldPath p, FieldErrorList errs) {
      String name = Nodes.text(subject, "name");
      String group = Nodes.text(subject, "apiGroup");
      if (name.isEmpty()) {
        errs.required(p.child("name"), "");
      }
      switch (Nodes.text(subject, "kind")) {
        case "ServiceAccount" -> {
          if (!name.isEmpty()) {
            errs.invalidEach(p.child("name"), name, NameRule.DNS_SUBDOMAIN.check(name, false));
          }
          if (!group.isEmpty()) {
            errs.notSupported(p.child("apiGroup"), group, "");
          }
          if (!namespaced && Nodes.text(subject, "namespace").isEmpty()) {
            errs.required(p.child("namespace"), "");
          }
        }
        case "User" -> {
          if (name.isEmpty()) {
            errs.invalid(p.child("name"), name, "user name cannot be empty");
          }
          if (!group.equals(RBAC_GROUP)) {
            errs.notSupported(p.child("apiGroup"), group, RBAC_GROUP);
          }
        }
        case "Group" -> {
          if (name.isEmpty()) {
            errs.invalid(p.child("name"), name, "group name cannot be empty");
          }
          if (!group.equals(RBAC_GROUP)) {
            errs.notSupported(p.child("apiGroup"), group, RBAC_GROUP);
          }
        }
        default -> errs.notSupported(p.child("kind"), Nodes.text(subject, "kind"), "ServiceAccount", "User", "Group");
      }
    }

    @Override
    void validateTransition(ObjectNode obj, ObjectNode old, FieldErrorList errs) {
      JsonNode roleRef = Nodes.get(obj, "roleRef");
      if (!Nodes.semanticEquals(roleRef, Nodes.get(old, "roleRef"))) {
        errs.invalid(FieldPath.of("roleRef"), Nodes.orNull(roleRef), "cannot change roleRef");
      }
    }
  }
}
