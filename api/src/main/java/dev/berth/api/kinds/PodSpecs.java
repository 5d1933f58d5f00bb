package dev.berth.api.kinds;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.berth.api.validation.FieldErrorList;
import dev.berth.api.validation.FieldPath;
import dev.berth.api.validation.Formats;
import dev.berth.api.validation.LabelSelectors;
import dev.berth.api.validation.NameRule;
import dev.berth.api.validation.Nodes;
import dev.berth.api.validation.ObjectMetaValidation;
import dev.berth.api.validation.Quantity;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Defaulting and validation of a {@code PodSpec} wherever it appears: in a Pod, and in the pod templates of
 * workloads (where errors carry the template's path, e.g. {@code spec.template.spec.containers[0].image}).
 */
final class PodSpecs {

  private PodSpecs() {}

  static final long DEFAULT_TERMINATION_GRACE_PERIOD = 30;
  private static final int FILE_MODE_DEFAULT = 0644;
  private static final String FILE_MODE_ERROR = "must be a number between 0 and 0777 (octal), both inclusive";
  /** In upstream's checking order, which decides which of two sources is reported as the extra one. */
  private static final List<String> VOLUME_SOURCES = List.of("emptyDir", "hostPath", "gitRepo", "gcePersistentDisk",
      "awsElasticBlockStore", "secret", "nfs", "iscsi", "glusterfs", "flocker", "persistentVolumeClaim", "rbd",
      "cinder", "cephfs", "quobyte", "downwardAPI", "fc", "flexVolume", "configMap", "azureFile", "vsphereVolume",
      "photonPersistentDisk", "portworxVolume", "azureDisk", "storageos", "projected", "scaleIO", "csi",
      "ephemeral", "image");
  private static final Set<String> ENV_FIELD_PATHS = Set.of("metadata.name", "metadata.namespace", "metadata.uid",
      "spec.nodeName", "spec.serviceAccountName", "status.hostIP", "status.hostIPs", "status.podIP",
      "status.podIPs");
  private static final Set<String> VOLUME_FIELD_PATHS = Set.of("metadata.name", "metadata.namespace",
      "metadata.labels", "metadata.annotations", "metadata.uid");
  private static final java.util.regex.Pattern SYSCTL_NAME =
      java.util.regex.Pattern.compile("([a-z0-9]([-_a-z0-9]*[a-z0-9])?[\\./])*[a-z0-9]([-_a-z0-9]*[a-z0-9])?");
  private static final Set<String> HOST_PATH_TYPES = Set.of("", "DirectoryOrCreate", "Directory", "FileOrCreate",
      "File", "Socket", "CharDevice", "BlockDevice");
  private static final Set<String> MOUNT_PROPAGATIONS = Set.of("Bidirectional", "HostToContainer", "None");
  private static final Set<String> RESOURCE_FIELD_PATHS = Set.of("limits.cpu", "limits.memory",
      "limits.ephemeral-storage", "requests.cpu", "requests.memory", "requests.ephemeral-storage");

  // ---------------------------------------------------------------------------------------------------------
  // defaulting

  /**
   * Upstream's PodSpec defaulting (SetDefaults_PodSpec and everything nested: containers, probes, volumes,
   * resource lists). The Pod-only defaults are in {@link #applyPodOnlyDefaults}.
   */
  static void applyDefaults(ObjectNode spec) {
    Nodes.defaultText(spec, "dnsPolicy", "ClusterFirst");
    Nodes.defaultText(spec, "restartPolicy", "Always");
    if (!(Nodes.get(spec, "securityContext") instanceof ObjectNode)) {
      spec.putObject("securityContext");
    }
    Nodes.defaultLong(spec, "terminationGracePeriodSeconds", DEFAULT_TERMINATION_GRACE_PERIOD);
    Nodes.defaultText(spec, "schedulerName", "default-scheduler");
    for (String list : List.of("containers", "initContainers", "ephemeralContainers")) {
      Nodes.eachObject(spec, list, (i, c) -> defaultContainer(c));
    }
    Nodes.eachObject(spec, "volumes", (i, v) -> defaultVolume(v));
    ResourceLists.defaultList(spec, "overhead");
    if (Nodes.get(spec, "resources") instanceof ObjectNode r) {
      ResourceLists.defaultList(r, "limits");
      ResourceLists.defaultList(r, "requests");
    }
  }

  /** Defaults of a Pod object that templates do not get (SetDefaults_Pod). */
  static void applyPodOnlyDefaults(ObjectNode spec) {
    for (String list : List.of("containers", "initContainers")) {
      Nodes.eachObject(spec, list, (i, c) -> {
        ObjectNode res = Nodes.object(c, "resources");
        ObjectNode limits = res == null ? null : Nodes.object(res, "limits");
        if (limits != null) {
          ObjectNode requests = Nodes.objectOrCreate(res, "requests");
          limits.properties().forEach(e -> {
            if (!requests.has(e.getKey())) {
              requests.set(e.getKey(), e.getValue().deepCopy());
            }
          });
        }
      });
    }
    Nodes.defaultBool(spec, "enableServiceLinks", true);
    if (Nodes.bool(spec, "hostNetwork")) {
      for (String list : List.of("containers", "initContainers")) {
        Nodes.eachObject(spec, list, (i, c) -> Nodes.eachObject(c, "ports", (j, p) -> {
          if (Nodes.longValue(p, "hostPort", 0) == 0 && Nodes.has(p, "containerPort")) {
            p.set("hostPort", p.get("containerPort"));
          }
        }));
      }
    }
  }

  /** Defaults of a PodTemplateSpec: its pod spec, and the {@code metadata} upstream always prints. */
  static void applyTemplateDefaults(ObjectNode template) {
    ObjectNode meta = Nodes.objectOrCreate(template, "metadata");
    if (!meta.has("creationTimestamp")) {
      // a Go ObjectMeta always serializes its zero creationTimestamp as null
      meta.putNull("creationTimestamp");
    }
    applyDefaults(Nodes.objectOrCreate(template, "spec"));
  }

  private static void defaultContainer(ObjectNode c) {
    JsonNode pull = c.get("imagePullPolicy");
    if (pull == null || pull.isNull() || Nodes.text(pull).isEmpty()) {
      c.put("imagePullPolicy", ImageReference.defaultPullPolicy(Nodes.text(c, "image")));
    }
    Nodes.defaultText(c, "terminationMessagePath", "/dev/termination-log");
    Nodes.defaultText(c, "terminationMessagePolicy", "File");
    ObjectNode res = Nodes.objectOrCreate(c, "resources");
    ResourceLists.defaultList(res, "limits");
    ResourceLists.defaultList(res, "requests");
    Nodes.eachObject(c, "ports", (i, p) -> Nodes.defaultText(p, "protocol", "TCP"));
    for (String probe : List.of("livenessProbe", "readinessProbe", "startupProbe")) {
      if (Nodes.get(c, probe) instanceof ObjectNode p) {
        Nodes.defaultLong(p, "timeoutSeconds", 1);
        Nodes.defaultLong(p, "periodSeconds", 10);
        Nodes.defaultLong(p, "successThreshold", 1);
        Nodes.defaultLong(p, "failureThreshold", 3);
        defaultHttpGet(p);
        if (Nodes.get(p, "grpc") instanceof ObjectNode g && !g.has("service")) {
          // +default="" in the v1 API
          g.put("service", "");
        }
      }
    }
    if (Nodes.get(c, "lifecycle") instanceof ObjectNode lc) {
      for (String h : List.of("postStart", "preStop")) {
        if (Nodes.get(lc, h) instanceof ObjectNode handler) {
          defaultHttpGet(handler);
        }
      }
    }
    Nodes.eachObject(c, "env", (i, env) -> {
      if (Nodes.get(env, "valueFrom") instanceof ObjectNode vf && Nodes.get(vf, "fieldRef") instanceof ObjectNode fr) {
        Nodes.defaultText(fr, "apiVersion", "v1");
      }
      if (Nodes.get(env, "valueFrom") instanceof ObjectNode vf
          && Nodes.get(vf, "resourceFieldRef") instanceof ObjectNode rf) {
        ResourceLists.canonicalize(rf, "divisor");
      }
    });
  }

  private static void defaultHttpGet(ObjectNode handler) {
    if (Nodes.get(handler, "httpGet") instanceof ObjectNode h) {
      Nodes.defaultText(h, "path", "/");
      Nodes.defaultText(h, "scheme", "HTTP");
    }
  }

  private static void defaultVolume(ObjectNode v) {
    boolean hasSource = false;
    for (String s : VOLUME_SOURCES) {
      hasSource |= Nodes.has(v, s);
    }
    if (!hasSource) {
      v.putObject("emptyDir");
    }
    if (Nodes.get(v, "secret") instanceof ObjectNode s) {
      Nodes.defaultLong(s, "defaultMode", FILE_MODE_DEFAULT);
    }
    if (Nodes.get(v, "configMap") instanceof ObjectNode s) {
      Nodes.defaultLong(s, "defaultMode", FILE_MODE_DEFAULT);
    }
    if (Nodes.get(v, "downwardAPI") instanceof ObjectNode s) {
      Nodes.defaultLong(s, "defaultMode", FILE_MODE_DEFAULT);
      Nodes.eachObject(s, "items", (i, item) -> defaultDownwardItem(item));
    }
    if (Nodes.get(v, "projected") instanceof ObjectNode s) {
      Nodes.defaultLong(s, "defaultMode", FILE_MODE_DEFAULT);
      Nodes.eachObject(s, "sources", (i, src) -> {
        if (Nodes.get(src, "serviceAccountToken") instanceof ObjectNode t) {
          Nodes.defaultLong(t, "expirationSeconds", 3600);
        }
        if (Nodes.get(src, "downwardAPI") instanceof ObjectNode d) {
          Nodes.eachObject(d, "items", (j, item) -> defaultDownwardItem(item));
        }
      });
    }
    if (Nodes.get(v, "hostPath") instanceof ObjectNode h && !h.has("type")) {
      h.put("type", "");
    }
    if (Nodes.get(v, "emptyDir") instanceof ObjectNode e) {
      ResourceLists.canonicalize(e, "sizeLimit");
    }
    if (Nodes.get(v, "iscsi") instanceof ObjectNode s) {
      Nodes.defaultText(s, "iscsiInterface", "default");
    }
    if (Nodes.get(v, "ephemeral") instanceof ObjectNode e
        && Nodes.get(e, "volumeClaimTemplate") instanceof ObjectNode t
        && Nodes.get(t, "spec") instanceof ObjectNode pvcSpec) {
      PersistentVolumes.defaultClaimSpec(pvcSpec);
    }
    if (Nodes.get(v, "image") instanceof ObjectNode img) {
      JsonNode pull = img.get("pullPolicy");
      if (pull == null || pull.isNull() || Nodes.text(pull).isEmpty()) {
        img.put("pullPolicy", ImageReference.defaultPullPolicy(Nodes.text(img, "reference")));
      }
    }
  }

  private static void defaultDownwardItem(ObjectNode item) {
    if (Nodes.get(item, "fieldRef") instanceof ObjectNode fr) {
      Nodes.defaultText(fr, "apiVersion", "v1");
    }
    if (Nodes.get(item, "resourceFieldRef") instanceof ObjectNode rf) {
      ResourceLists.canonicalize(rf, "divisor");
    }
  }

  // ---------------------------------------------------------------------------------------------------------
  // validation

  /** What differs between validating a Pod and validating a pod template. */
  record Options(boolean resourceIsPod, String podName) {
    static final Options TEMPLATE = new Options(false, "");
  }

  /**
   * Validates a PodTemplateSpec at {@code path} (labels, annotations, the pod spec, no ephemeral containers).
   */
  static void validateTemplate(JsonNode template, FieldPath path, FieldErrorList errs) {
    JsonNode meta = Nodes.get(template, "metadata");
    ObjectMetaValidation.validateLabelsAndAnnotations(meta, path.child("metadata"), errs);
    ObjectNode spec = Nodes.object(template, "spec");
    if (spec == null) {
      spec = Nodes.FACTORY.objectNode();
    }
    validatePodSpecificAnnotations(Nodes.get(meta, "annotations"), spec, path.child("metadata", "annotations"), errs);
    validateSpec(spec, path.child("spec"), Options.TEMPLATE, errs);
    if (Nodes.size(spec, "ephemeralContainers") > 0) {
      errs.forbidden(path.child("spec", "ephemeralContainers"), "ephemeral containers not allowed in pod template");
    }
  }

  /** Annotations with pod semantics: the mirror-pod marker and the pod deletion cost. */
  static void validatePodSpecificAnnotations(JsonNode annotations, JsonNode spec, FieldPath path,
      FieldErrorList errs) {
    if (annotations == null || !annotations.isObject()) {
      return;
    }
    JsonNode mirror = annotations.get("kubernetes.io/config.mirror");
    if (mirror != null && Nodes.text(spec, "nodeName").isEmpty()) {
      errs.invalid(path.key("kubernetes.io/config.mirror"), Nodes.text(mirror),
          "must set spec.nodeName if mirror pod annotation is set");
    }
    JsonNode cost = annotations.get("controller.kubernetes.io/pod-deletion-cost");
    if (cost != null) {
      String c = Nodes.text(cost);
      boolean ok;
      try {
        Integer.parseInt(c);
        ok = !c.startsWith("+");
      } catch (NumberFormatException e) {
        ok = false;
      }
      if (!ok) {
        errs.invalid(path.key("controller.kubernetes.io/pod-deletion-cost"), c, "must be a 32bit integer");
      }
    }
  }

  /** ValidatePodSpec. */
  static void validateSpec(ObjectNode spec, FieldPath path, Options opts, FieldErrorList errs) {
    JsonNode grace = Nodes.get(spec, "terminationGracePeriodSeconds");
    if (grace == null) {
      errs.required(path.child("terminationGracePeriodSeconds"), "");
    }
    Long gracePeriod = grace != null && grace.isIntegralNumber() ? grace.longValue() : null;

    Map<String, ObjectNode> volumes = validateVolumes(spec, path.child("volumes"), opts, errs);
    Set<String> claimNames = new HashSet<>();
    FieldPath claimsPath = path.child("resourceClaims");
    Nodes.eachObject(spec, "resourceClaims", (i, claim) -> {
      String n = Nodes.text(claim, "name");
      FieldPath p = claimsPath.index(i).child("name");
      if (n.isEmpty()) {
        errs.required(p, "");
      } else if (!claimNames.add(n)) {
        errs.duplicate(p, n);
      } else {
        errs.invalidEach(p, n, Formats.dns1123Label(n));
      }
    });
    validateContainers(spec, volumes, gracePeriod, path.child("containers"), errs);
    validateInitContainers(spec, volumes, gracePeriod, path.child("initContainers"), errs);
    validateEphemeralContainers(spec, volumes, path.child("ephemeralContainers"), errs);

    boolean hostNetwork = Nodes.bool(spec, "hostNetwork");
    if (hostNetwork) {
      FieldPath cp = path.child("containers");
      Nodes.eachObject(spec, "containers", (i, c) -> Nodes.eachObject(c, "ports", (j, port) -> {
        long hp = Nodes.longValue(port, "hostPort", 0);
        long cport = Nodes.longValue(port, "containerPort", 0);
        if ((opts.resourceIsPod() || hp != 0) && hp != cport) {
          errs.invalid(cp.index(i).child("ports").index(j).child("hostPort"), hp,
              "must match `containerPort` when `hostNetwork` is true");
        }
      }));
    }
    String restart = Nodes.text(spec, "restartPolicy");
    switch (restart) {
      case "Always", "OnFailure", "Never" -> { }
      case "" -> errs.required(path.child("restartPolicy"), "");
      default -> errs.notSupported(path.child("restartPolicy"), restart, "Always", "OnFailure", "Never");
    }
    String dns = Nodes.text(spec, "dnsPolicy");
    switch (dns) {
      case "ClusterFirstWithHostNet", "ClusterFirst", "Default", "None" -> { }
      case "" -> errs.required(path.child("dnsPolicy"), "");
      default -> errs.notSupported(path.child("dnsPolicy"), dns, "ClusterFirstWithHostNet", "ClusterFirst",
          "Default", "None");
    }
    LabelSelectors.validateLabels(Nodes.get(spec, "nodeSelector"), path.child("nodeSelector"), errs);
    validatePodSecurityContext(Nodes.get(spec, "securityContext"), path.child("securityContext"), errs);
    FieldPath ips = path.child("imagePullSecrets");
    Nodes.eachObject(spec, "imagePullSecrets", (i, ref) -> {
      if (ref.size() > 1 || (ref.size() == 1 && !ref.has("name"))) {
        errs.invalid(ips.index(i), ref, "only name may be set");
      }
    });
    validateAffinity(Nodes.get(spec, "affinity"), path.child("affinity"), errs);
    validateDnsConfig(Nodes.get(spec, "dnsConfig"), dns, path.child("dnsConfig"), errs);
    FieldPath rg = path.child("readinessGates");
    Nodes.eachObject(spec, "readinessGates", (i, g) -> {
      String t = Nodes.text(g, "conditionType");
      errs.invalidEach(rg.index(i).child("conditionType"), t, Formats.qualifiedName(t));
    });
    FieldPath sg = path.child("schedulingGates");
    Set<String> gates = new HashSet<>();
    Nodes.eachObject(spec, "schedulingGates", (i, g) -> {
      String n = Nodes.text(g, "name");
      errs.invalidEach(sg.index(i), n, Formats.qualifiedName(n));
      if (!gates.add(n)) {
        errs.duplicate(sg.index(i), n);
      }
    });
    validateTopologySpread(spec, path.child("topologySpreadConstraints"), errs);
    String sa = Nodes.text(spec, "serviceAccountName");
    if (!sa.isEmpty()) {
      errs.invalidEach(path.child("serviceAccountName"), sa, NameRule.DNS_SUBDOMAIN.check(sa, false));
    }
    String node = Nodes.text(spec, "nodeName");
    if (!node.isEmpty()) {
      errs.invalidEach(path.child("nodeName"), node, NameRule.DNS_SUBDOMAIN.check(node, false));
    }
    JsonNode ads = Nodes.get(spec, "activeDeadlineSeconds");
    if (ads != null) {
      long v = ads.asLong();
      if (v < 1 || v > Integer.MAX_VALUE) {
        errs.invalid(path.child("activeDeadlineSeconds"), v, Formats.inclusiveRangeError(1, Integer.MAX_VALUE));
      }
    }
    String hostname = Nodes.text(spec, "hostname");
    if (!hostname.isEmpty()) {
      errs.invalidEach(path.child("hostname"), hostname, Formats.dns1123Label(hostname));
    }
    String subdomain = Nodes.text(spec, "subdomain");
    if (!subdomain.isEmpty()) {
      errs.invalidEach(path.child("subdomain"), subdomain, Formats.dns1123Label(subdomain));
    }
    validateTolerations(Nodes.get(spec, "tolerations"), path.child("tolerations"), errs);
    FieldPath ha = path.child("hostAliases");
    Nodes.eachObject(spec, "hostAliases", (i, alias) -> {
      String ip = Nodes.text(alias, "ip");
      errs.invalidEach(ha.index(i).child("ip"), ip, Formats.ip(ip));
      JsonNode names = Nodes.get(alias, "hostnames");
      if (names != null && names.isArray()) {
        for (int j = 0; j < names.size(); j++) {
          String h = Nodes.text(names.get(j));
          errs.invalidEach(ha.index(i).child("hostnames").index(j), h, Formats.dns1123Subdomain(h));
        }
      }
    });
    String pcn = Nodes.text(spec, "priorityClassName");
    if (!pcn.isEmpty()) {
      errs.invalidEach(path.child("priorityClassName"), pcn, NameRule.DNS_SUBDOMAIN.check(pcn, false));
    }
    JsonNode rcn = Nodes.get(spec, "runtimeClassName");
    if (rcn != null) {
      String r = Nodes.text(rcn);
      errs.invalidEach(path.child("runtimeClassName"), r, NameRule.DNS_SUBDOMAIN.check(r, false));
    }
    JsonNode preemption = Nodes.get(spec, "preemptionPolicy");
    if (preemption != null) {
      validatePreemptionPolicy(Nodes.text(preemption), path.child("preemptionPolicy"), errs);
    }
    JsonNode overhead = Nodes.get(spec, "overhead");
    if (overhead != null) {
      // upstream validates overhead as the limits of a requirements struct, hence "overhead.limits[cpu]"
      ObjectNode asRequirements = Nodes.FACTORY.objectNode();
      asRequirements.set("limits", overhead);
      ResourceLists.validateRequirements(asRequirements, path.child("overhead"), errs);
    }
    JsonNode os = Nodes.get(spec, "os");
    if (os != null) {
      String osName = Nodes.text(os, "name");
      if (osName.isEmpty()) {
        errs.required(path.child("os", "name"), "cannot be empty");
      } else if (!osName.equals("linux") && !osName.equals("windows")) {
        errs.notSupported(path.child("os"), osName, "linux", "windows");
      }
    }
  }

  static void validatePreemptionPolicy(String value, FieldPath path, FieldErrorList errs) {
    switch (value) {
      case "PreemptLowerPriority", "Never" -> { }
      case "" -> errs.required(path, "");
      default -> errs.notSupported(path, value, "PreemptLowerPriority", "Never");
    }
  }

  // --- volumes -----------------------------------------------------------------------------------------

  private static Map<String, ObjectNode> validateVolumes(ObjectNode spec, FieldPath path, Options opts,
      FieldErrorList errs) {
    Map<String, ObjectNode> byName = new HashMap<>();
    Nodes.eachObject(spec, "volumes", (i, vol) -> {
      FieldPath idx = path.index(i);
      FieldErrorList local = new FieldErrorList();
      String name = Nodes.text(vol, "name");
      validateVolumeSource(vol, idx, name, opts, local);
      FieldPath namePath = idx.child("name");
      if (name.isEmpty()) {
        local.required(namePath, "");
      } else {
        local.invalidEach(namePath, name, Formats.dns1123Label(name));
      }
      if (byName.containsKey(name)) {
        local.duplicate(namePath, name);
      }
      if (local.isEmpty()) {
        byName.put(name, vol);
      } else {
        errs.addAll(local.toList());
      }
    });
    return byName;
  }

  private static void validateVolumeSource(ObjectNode vol, FieldPath path, String volName, Options opts,
      FieldErrorList errs) {
    int count = 0;
    for (String type : VOLUME_SOURCES) {
      JsonNode src = Nodes.get(vol, type);
      if (src == null) {
        continue;
      }
      if (count > 0) {
        errs.forbidden(path.child(type), "may not specify more than 1 volume type");
        continue;
      }
      count++;
      FieldPath p = path.child(type);
      switch (type) {
        case "hostPath" -> validateHostPath(src, p, errs);
        case "emptyDir" -> {
          JsonNode limit = Nodes.get(src, "sizeLimit");
          if (limit != null) {
            Quantity q = ResourceLists.parse(limit, p.child("sizeLimit"), errs);
            if (q != null && q.signum() < 0) {
              errs.forbidden(p.child("sizeLimit"), "SizeLimit field must be a valid resource quantity");
            }
          }
        }
        case "secret" -> {
          if (Nodes.text(src, "secretName").isEmpty()) {
            errs.required(p.child("secretName"), "");
          }
          validateMode(Nodes.get(src, "defaultMode"), p.child("defaultMode"), errs);
          FieldPath items = p.child("items");
          Nodes.eachObject(src, "items", (i, kp) -> validateKeyToPath(kp, items.index(i), errs));
        }
        case "configMap" -> {
          if (Nodes.text(src, "name").isEmpty()) {
            errs.required(p.child("name"), "");
          }
          validateMode(Nodes.get(src, "defaultMode"), p.child("defaultMode"), errs);
          FieldPath items = p.child("items");
          Nodes.eachObject(src, "items", (i, kp) -> validateKeyToPath(kp, items.index(i), errs));
        }
        case "persistentVolumeClaim" -> {
          if (Nodes.text(src, "claimName").isEmpty()) {
            errs.required(p.child("claimName"), "");
          }
        }
        case "nfs" -> {
          if (Nodes.text(src, "server").isEmpty()) {
            errs.required(p.child("server"), "");
          }
          String nfsPath = Nodes.text(src, "path");
          if (nfsPath.isEmpty()) {
            errs.required(p.child("path"), "");
          }
          if (!nfsPath.startsWith("/")) {
            errs.invalid(p.child("path"), nfsPath, "must be an absolute path");
          }
        }
        case "downwardAPI" -> {
          validateMode(Nodes.get(src, "defaultMode"), p.child("defaultMode"), errs);
          Nodes.eachObject(src, "items", (i, item) -> validateDownwardApiFile(item, p, errs));
        }
        case "projected" -> validateProjected(src, p, errs);
        case "csi" -> validateCsiDriverName(Nodes.text(src, "driver"), p.child("driver"), errs);
        case "ephemeral" -> {
          if (!Nodes.has(src, "volumeClaimTemplate")) {
            errs.required(p.child("volumeClaimTemplate"), "");
          } else {
            JsonNode tmpl = Nodes.get(src, "volumeClaimTemplate");
            ObjectMetaValidation.validateLabelsAndAnnotations(Nodes.get(tmpl, "metadata"),
                p.child("volumeClaimTemplate", "metadata"), errs);
            PersistentVolumes.validateClaimSpec(Nodes.get(tmpl, "spec"), p.child("volumeClaimTemplate", "spec"), errs);
            if (!opts.podName().isEmpty() && !volName.isEmpty()) {
              String pvcName = opts.podName() + "-" + volName;
              for (String msg : Formats.dns1123Subdomain(pvcName)) {
                errs.invalid(p.child("name"), volName, "PVC name \"" + pvcName + "\": " + msg);
              }
            }
          }
        }
        case "image" -> {
          if (opts.resourceIsPod() && Nodes.text(src, "reference").isEmpty()) {
            errs.required(p.child("reference"), "");
          }
          validatePullPolicy(Nodes.text(src, "pullPolicy"), p.child("pullPolicy"), errs);
        }
        case "gitRepo" -> {
          if (Nodes.text(src, "repository").isEmpty()) {
            errs.required(p.child("repository"), "");
          }
        }
        case "iscsi" -> {
          if (Nodes.text(src, "targetPortal").isEmpty()) {
            errs.required(p.child("targetPortal"), "");
          }
          if (Nodes.text(src, "iqn").isEmpty()) {
            errs.required(p.child("iqn"), "");
          }
        }
        default -> { }
      }
    }
    if (count == 0) {
      errs.required(path, "must specify a volume type");
    }
  }

  private static void validateHostPath(JsonNode src, FieldPath p, FieldErrorList errs) {
    String hp = Nodes.text(src, "path");
    if (hp.isEmpty()) {
      errs.required(p.child("path"), "");
      return;
    }
    validateNoBacksteps(hp, p.child("path"), errs);
    JsonNode type = Nodes.get(src, "type");
    if (type != null) {
      String t = Nodes.text(type);
      if (!HOST_PATH_TYPES.contains(t)) {
        errs.notSupported(p.child("type"), t, "", "BlockDevice", "CharDevice", "Directory", "DirectoryOrCreate",
            "File", "FileOrCreate", "Socket");
      }
    }
  }

  static void validateCsiDriverName(String driver, FieldPath p, FieldErrorList errs) {
    if (driver.isEmpty()) {
      errs.required(p, "");
    }
    if (driver.length() > 63) {
      errs.tooLong(p, 63);
    }
    errs.invalidEach(p, driver, Formats.dns1123Subdomain(driver.toLowerCase(java.util.Locale.ROOT)));
  }

  private static void validateMode(JsonNode mode, FieldPath p, FieldErrorList errs) {
    if (mode != null && (mode.asLong() > 0777 || mode.asLong() < 0)) {
      errs.invalid(p, mode.asLong(), FILE_MODE_ERROR);
    }
  }

  private static void validateKeyToPath(JsonNode kp, FieldPath p, FieldErrorList errs) {
    if (Nodes.text(kp, "key").isEmpty()) {
      errs.required(p.child("key"), "");
    }
    String kpPath = Nodes.text(kp, "path");
    if (kpPath.isEmpty()) {
      errs.required(p.child("path"), "");
    }
    validateLocalNonReservedPath(kpPath, p.child("path"), errs);
    validateMode(Nodes.get(kp, "mode"), p.child("mode"), errs);
  }

  private static void validateDownwardApiFile(JsonNode file, FieldPath p, FieldErrorList errs) {
    String filePath = Nodes.text(file, "path");
    if (filePath.isEmpty()) {
      errs.required(p.child("path"), "");
    }
    validateLocalNonReservedPath(filePath, p.child("path"), errs);
    JsonNode fieldRef = Nodes.get(file, "fieldRef");
    JsonNode resRef = Nodes.get(file, "resourceFieldRef");
    if (fieldRef != null) {
      validateObjectFieldSelector(fieldRef, VOLUME_FIELD_PATHS, p.child("fieldRef"), errs);
      if (resRef != null) {
        errs.invalid(p, "resource", "fieldRef and resourceFieldRef can not be specified simultaneously");
      }
    } else if (resRef != null) {
      validateResourceFieldSelector(resRef, p.child("resourceFieldRef"), true, errs);
    } else {
      errs.required(p, "one of fieldRef and resourceFieldRef is required");
    }
    validateMode(Nodes.get(file, "mode"), p.child("mode"), errs);
  }

  private static void validateProjected(JsonNode src, FieldPath p, FieldErrorList errs) {
    validateMode(Nodes.get(src, "defaultMode"), p.child("defaultMode"), errs);
    Set<String> paths = new HashSet<>();
    Nodes.eachObject(src, "sources", (i, s) -> {
      FieldPath sp = p.child("sources").index(i);
      int n = 0;
      for (String kind : List.of("secret", "configMap")) {
        JsonNode ref = Nodes.get(s, kind);
        if (ref == null) {
          continue;
        }
        n++;
        if (Nodes.text(ref, "name").isEmpty()) {
          errs.required(sp.child(kind).child("name"), "");
        }
        FieldPath items = sp.child(kind).child("items");
        Nodes.eachObject(ref, "items", (j, kp) -> {
          validateKeyToPath(kp, items.index(j), errs);
          String kpPath = Nodes.text(kp, "path");
          if (!kpPath.isEmpty() && !paths.add(kpPath)) {
            errs.invalid(p, Nodes.text(ref, "name"), "conflicting duplicate paths");
          }
        });
      }
      JsonNode dapi = Nodes.get(s, "downwardAPI");
      if (dapi != null) {
        n++;
        Nodes.eachObject(dapi, "items", (j, item) -> {
          validateDownwardApiFile(item, sp.child("downwardAPI"), errs);
          String itemPath = Nodes.text(item, "path");
          if (!itemPath.isEmpty() && !paths.add(itemPath)) {
            errs.invalid(p, itemPath, "conflicting duplicate paths");
          }
        });
      }
      JsonNode token = Nodes.get(s, "serviceAccountToken");
      if (token != null) {
        n++;
        long exp = Nodes.longValue(token, "expirationSeconds", 0);
        if (exp < 600) {
          errs.invalid(sp.child("serviceAccountToken", "expirationSeconds"), exp,
              "may not specify a duration less than 10 minutes");
        }
        if (exp > (1L << 32)) {
          errs.invalid(sp.child("serviceAccountToken", "expirationSeconds"), exp,
              "may not specify a duration larger than 2^32 seconds");
        }
        String tokenPath = Nodes.text(token, "path");
        if (tokenPath.isEmpty()) {
          errs.required(p.child("path"), "");
        } else {
          validateLocalNonReservedPath(tokenPath, p.child("path"), errs);
        }
      }
      if (Nodes.has(s, "clusterTrustBundle")) {
        n++;
      }
      if (n > 1) {
        errs.forbidden(sp, "may not specify more than 1 volume type per source");
      }
    });
  }

  private static void validateNoBacksteps(String target, FieldPath p, FieldErrorList errs) {
    for (String part : target.replace('\\', '/').split("/", -1)) {
      if (part.equals("..")) {
        errs.invalid(p, target, "must not contain '..'");
        return;
      }
    }
  }

  private static void validateLocalDescendingPath(String target, FieldPath p, FieldErrorList errs) {
    if (target.startsWith("/")) {
      errs.invalid(p, target, "must be a relative path");
    }
    validateNoBacksteps(target, p, errs);
  }

  private static void validateLocalNonReservedPath(String target, FieldPath p, FieldErrorList errs) {
    validateLocalDescendingPath(target, p, errs);
    if (target.startsWith("..") && !target.startsWith("../")) {
      errs.invalid(p, target, "must not start with '..'");
    }
  }

  // --- containers --------------------------------------------------------------------------------------

  private static void validateContainers(ObjectNode spec, Map<String, ObjectNode> volumes, Long grace,
      FieldPath path, FieldErrorList errs) {
    ArrayNode containers = Nodes.array(spec, "containers");
    if (containers == null || containers.isEmpty()) {
      errs.required(path, "");
      return;
    }
    Set<String> names = new HashSet<>();
    for (int i = 0; i < containers.size(); i++) {
      if (!(containers.get(i) instanceof ObjectNode c)) {
        continue;
      }
      FieldPath p = path.index(i);
      validateContainerCommon(c, volumes, p, Nodes.text(spec, "restartPolicy"), errs);
      String name = Nodes.text(c, "name");
      if (!names.add(name)) {
        errs.duplicate(p.child("name"), name);
      }
      if (Nodes.get(c, "lifecycle") != null) {
        validateLifecycle(Nodes.get(c, "lifecycle"), grace, p.child("lifecycle"), errs);
      }
      validateProbe(Nodes.get(c, "livenessProbe"), grace, p.child("livenessProbe"), true, errs);
      validateProbe(Nodes.get(c, "readinessProbe"), grace, p.child("readinessProbe"), false, errs);
      validateProbe(Nodes.get(c, "startupProbe"), grace, p.child("startupProbe"), true, errs);
      if (Nodes.has(c, "restartPolicy")) {
        errs.forbidden(p.child("restartPolicy"), "may not be set for non-init containers");
      }
    }
    checkHostPortConflicts(containers, path, errs);
  }

  private static void validateInitContainers(ObjectNode spec, Map<String, ObjectNode> volumes, Long grace,
      FieldPath path, FieldErrorList errs) {
    Set<String> names = new HashSet<>();
    Nodes.eachObject(spec, "containers", (i, c) -> names.add(Nodes.text(c, "name")));
    ArrayNode inits = Nodes.array(spec, "initContainers");
    if (inits == null) {
      return;
    }
    for (int i = 0; i < inits.size(); i++) {
      if (!(inits.get(i) instanceof ObjectNode c)) {
        continue;
      }
      FieldPath p = path.index(i);
      validateContainerCommon(c, volumes, p, Nodes.text(spec, "restartPolicy"), errs);
      boolean restartAlways = false;
      JsonNode rp = Nodes.get(c, "restartPolicy");
      if (rp != null) {
        String v = Nodes.text(rp);
        if (!v.equals("Always")) {
          errs.notSupported(p.child("restartPolicy"), v, "Always");
        }
        restartAlways = v.equals("Always");
      }
      String name = Nodes.text(c, "name");
      if (names.contains(name)) {
        errs.duplicate(p.child("name"), name);
      } else if (!name.isEmpty()) {
        names.add(name);
      }
      ArrayNode single = Nodes.FACTORY.arrayNode().add(c);
      checkHostPortConflicts(single, path, errs);
      if (restartAlways) {
        if (Nodes.get(c, "lifecycle") != null) {
          validateLifecycle(Nodes.get(c, "lifecycle"), grace, p.child("lifecycle"), errs);
        }
        validateProbe(Nodes.get(c, "livenessProbe"), grace, p.child("livenessProbe"), true, errs);
        validateProbe(Nodes.get(c, "readinessProbe"), grace, p.child("readinessProbe"), false, errs);
        validateProbe(Nodes.get(c, "startupProbe"), grace, p.child("startupProbe"), true, errs);
      } else {
        for (String f : List.of("lifecycle", "livenessProbe", "readinessProbe", "startupProbe")) {
          if (Nodes.has(c, f)) {
            errs.forbidden(p.child(f), "may not be set for init containers without restartPolicy=Always");
          }
        }
      }
    }
  }

  private static final Set<String> EPHEMERAL_FORBIDDEN = Set.of("ports", "resources", "livenessProbe",
      "readinessProbe", "startupProbe", "lifecycle", "resizePolicy", "restartPolicy");

  private static void validateEphemeralContainers(ObjectNode spec, Map<String, ObjectNode> volumes, FieldPath path,
      FieldErrorList errs) {
    ArrayNode ecs = Nodes.array(spec, "ephemeralContainers");
    if (ecs == null || ecs.isEmpty()) {
      return;
    }
    Set<String> others = new HashSet<>();
    Nodes.eachObject(spec, "containers", (i, c) -> others.add(Nodes.text(c, "name")));
    Nodes.eachObject(spec, "initContainers", (i, c) -> others.add(Nodes.text(c, "name")));
    Set<String> all = new HashSet<>(others);
    for (int i = 0; i < ecs.size(); i++) {
      if (!(ecs.get(i) instanceof ObjectNode c)) {
        continue;
      }
      FieldPath p = path.index(i);
      validateContainerCommon(c, volumes, p, Nodes.text(spec, "restartPolicy"), errs);
      String name = Nodes.text(c, "name");
      if (!all.add(name)) {
        errs.duplicate(p.child("name"), name);
      }
      String target = Nodes.text(c, "targetContainerName");
      if (!target.isEmpty() && !others.contains(target)) {
        errs.notFound(p.child("targetContainerName"), target);
      }
      for (String f : EPHEMERAL_FORBIDDEN) {
        JsonNode v = Nodes.get(c, f);
        if (v != null && !Nodes.isUnset(v)) {
          errs.forbidden(p.child(f), "cannot be set for an Ephemeral Container");
        }
      }
    }
  }

  private static void validateContainerCommon(ObjectNode c, Map<String, ObjectNode> volumes, FieldPath path,
      String podRestartPolicy, FieldErrorList errs) {
    String name = Nodes.text(c, "name");
    if (name.isEmpty()) {
      errs.required(path.child("name"), "");
    } else {
      errs.invalidEach(path.child("name"), name, Formats.dns1123Label(name));
    }
    if (Nodes.text(c, "image").isEmpty()) {
      errs.required(path.child("image"), "");
    }
    String tmp = Nodes.text(c, "terminationMessagePolicy");
    switch (tmp) {
      case "File", "FallbackToLogsOnError" -> { }
      case "" -> errs.required(path.child("terminationMessagePolicy"), "");
      default -> errs.notSupported(path.child("terminationMessagePolicy"), tmp, "File", "FallbackToLogsOnError");
    }
    validatePorts(c, path.child("ports"), errs);
    validateEnv(c, path.child("env"), errs);
    validateEnvFrom(c, path.child("envFrom"), errs);
    validateVolumeMounts(c, volumes, path.child("volumeMounts"), errs);
    validateVolumeDevices(c, volumes, path.child("volumeDevices"), errs);
    validatePullPolicy(Nodes.text(c, "imagePullPolicy"), path.child("imagePullPolicy"), errs);
    ResourceLists.validateRequirements(Nodes.get(c, "resources"), path.child("resources"), errs);
    validateResizePolicy(c, path.child("resizePolicy"), podRestartPolicy, errs);
    validateSecurityContext(Nodes.get(c, "securityContext"), path.child("securityContext"), errs);
  }

  static void validatePullPolicy(String policy, FieldPath p, FieldErrorList errs) {
    switch (policy) {
      case "Always", "IfNotPresent", "Never" -> { }
      case "" -> errs.required(p, "");
      default -> errs.notSupported(p, policy, "Always", "IfNotPresent", "Never");
    }
  }

  private static void validatePorts(ObjectNode c, FieldPath path, FieldErrorList errs) {
    Set<String> names = new HashSet<>();
    Nodes.eachObject(c, "ports", (i, port) -> {
      FieldPath p = path.index(i);
      String name = Nodes.text(port, "name");
      if (!name.isEmpty()) {
        List<String> msgs = Formats.portName(name);
        if (!msgs.isEmpty()) {
          errs.invalidEach(p.child("name"), name, msgs);
        } else if (!names.add(name)) {
          errs.duplicate(p.child("name"), name);
        }
      }
      long cp = Nodes.longValue(port, "containerPort", 0);
      if (cp == 0) {
        errs.required(p.child("containerPort"), "");
      } else {
        Formats.portNumber(cp).forEach(m -> errs.invalid(p.child("containerPort"), cp, m));
      }
      long hp = Nodes.longValue(port, "hostPort", 0);
      if (hp != 0) {
        Formats.portNumber(hp).forEach(m -> errs.invalid(p.child("hostPort"), hp, m));
      }
      String proto = Nodes.text(port, "protocol");
      if (proto.isEmpty()) {
        errs.required(p.child("protocol"), "");
      } else if (!proto.equals("TCP") && !proto.equals("UDP") && !proto.equals("SCTP")) {
        errs.notSupported(p.child("protocol"), proto, "SCTP", "TCP", "UDP");
      }
    });
  }

  private static void checkHostPortConflicts(ArrayNode containers, FieldPath path, FieldErrorList errs) {
    Set<String> seen = new HashSet<>();
    for (int ci = 0; ci < containers.size(); ci++) {
      JsonNode c = containers.get(ci);
      int idx = ci;
      Nodes.eachObject(c, "ports", (pi, port) -> {
        long hp = Nodes.longValue(port, "hostPort", 0);
        if (hp == 0) {
          return;
        }
        String key = Nodes.text(port, "protocol") + "/" + Nodes.text(port, "hostIP") + "/" + hp;
        if (!seen.add(key)) {
          errs.duplicate(path.index(idx).child("ports").index(pi).child("hostPort"), key);
        }
      });
    }
  }

  private static void validateEnv(ObjectNode c, FieldPath path, FieldErrorList errs) {
    Nodes.eachObject(c, "env", (i, ev) -> {
      FieldPath p = path.index(i);
      String name = Nodes.text(ev, "name");
      if (name.isEmpty()) {
        errs.required(p.child("name"), "");
      } else {
        errs.invalidEach(p.child("name"), name, Formats.envVarName(name));
      }
      JsonNode from = Nodes.get(ev, "valueFrom");
      if (from == null) {
        return;
      }
      FieldPath fp = p.child("valueFrom");
      int sources = 0;
      JsonNode fieldRef = Nodes.get(from, "fieldRef");
      if (fieldRef != null) {
        sources++;
        validateObjectFieldSelector(fieldRef, ENV_FIELD_PATHS, fp.child("fieldRef"), errs);
      }
      JsonNode resRef = Nodes.get(from, "resourceFieldRef");
      if (resRef != null) {
        sources++;
        validateResourceFieldSelector(resRef, fp.child("resourceFieldRef"), false, errs);
      }
      for (String kind : List.of("configMapKeyRef", "secretKeyRef")) {
        JsonNode ref = Nodes.get(from, kind);
        if (ref != null) {
          sources++;
          String refName = Nodes.text(ref, "name");
          errs.invalidEach(fp.child(kind).child("name"), refName, NameRule.DNS_SUBDOMAIN.check(refName, false));
          String key = Nodes.text(ref, "key");
          if (key.isEmpty()) {
            errs.required(fp.child(kind).child("key"), "");
          } else {
            errs.invalidEach(fp.child(kind).child("key"), key, Formats.configMapKey(key));
          }
        }
      }
      if (sources == 0) {
        errs.invalid(fp, "", "must specify one of: `fieldRef`, `resourceFieldRef`, `configMapKeyRef` or `secretKeyRef`");
      } else if (!Nodes.text(ev, "value").isEmpty()) {
        errs.invalid(fp, "", "may not be specified when `value` is not empty");
      } else if (sources > 1) {
        errs.invalid(fp, "", "may not have more than one field specified at a time");
      }
    });
  }

  private static void validateObjectFieldSelector(JsonNode fs, Set<String> allowed, FieldPath p, FieldErrorList errs) {
    if (Nodes.text(fs, "apiVersion").isEmpty()) {
      errs.required(p.child("apiVersion"), "");
      return;
    }
    String fieldPath = Nodes.text(fs, "fieldPath");
    if (fieldPath.isEmpty()) {
      errs.required(p.child("fieldPath"), "");
      return;
    }
    int bracket = fieldPath.indexOf('[');
    if (bracket > 0 && fieldPath.endsWith("']") && fieldPath.startsWith("['", bracket)) {
      String base = fieldPath.substring(0, bracket);
      String subscript = fieldPath.substring(bracket + 2, fieldPath.length() - 2);
      switch (base) {
        case "metadata.annotations" -> errs.invalidEach(p, subscript.toLowerCase(java.util.Locale.ROOT),
            Formats.qualifiedName(subscript.toLowerCase(java.util.Locale.ROOT)));
        case "metadata.labels" -> errs.invalidEach(p, subscript, Formats.qualifiedName(subscript));
        default -> errs.invalid(p, base, "does not support subscript");
      }
    } else if (!allowed.contains(fieldPath)) {
      errs.notSupported(p.child("fieldPath"), Nodes.FACTORY.textNode(fieldPath),
          allowed.stream().sorted().toList());
    }
  }

  private static void validateResourceFieldSelector(JsonNode rs, FieldPath p, boolean volume, FieldErrorList errs) {
    String resource = Nodes.text(rs, "resource");
    if (volume && Nodes.text(rs, "containerName").isEmpty()) {
      errs.required(p.child("containerName"), "");
    } else if (resource.isEmpty()) {
      errs.required(p.child("resource"), "");
    } else if (!RESOURCE_FIELD_PATHS.contains(resource) && !resource.startsWith("requests.hugepages-")
        && !resource.startsWith("limits.hugepages-")) {
      errs.notSupported(p.child("resource"), Nodes.FACTORY.textNode(resource),
          RESOURCE_FIELD_PATHS.stream().sorted().toList());
    }
    JsonNode divisor = Nodes.get(rs, "divisor");
    if (divisor != null) {
      Quantity.tryParse(Nodes.text(divisor)).ifPresent(d -> {
        if (d.isZero()) {
          return;
        }
        String s = d.toString();
        if (resource.endsWith(".cpu") && !s.equals("1m") && !s.equals("1")) {
          errs.invalid(p.child("divisor"), resource, "only divisor's values 1m and 1 are supported with the cpu resource");
        }
      });
    }
  }

  private static void validateEnvFrom(ObjectNode c, FieldPath path, FieldErrorList errs) {
    Nodes.eachObject(c, "envFrom", (i, ev) -> {
      FieldPath p = path.index(i);
      String prefix = Nodes.text(ev, "prefix");
      if (!prefix.isEmpty()) {
        errs.invalidEach(p.child("prefix"), prefix, Formats.envVarName(prefix));
      }
      int n = 0;
      for (String kind : List.of("configMapRef", "secretRef")) {
        JsonNode ref = Nodes.get(ev, kind);
        if (ref != null) {
          n++;
          String name = Nodes.text(ref, "name");
          if (name.isEmpty()) {
            errs.required(p.child(kind).child("name"), "");
          } else {
            errs.invalidEach(p.child(kind).child("name"), name, NameRule.DNS_SUBDOMAIN.check(name, true));
          }
        }
      }
      if (n == 0) {
        errs.invalid(path, "", "must specify one of: `configMapRef` or `secretRef`");
      } else if (n > 1) {
        errs.invalid(path, "", "may not have more than one field specified at a time");
      }
    });
  }

  private static void validateVolumeMounts(ObjectNode c, Map<String, ObjectNode> volumes, FieldPath path,
      FieldErrorList errs) {
    Set<String> mountPoints = new HashSet<>();
    Map<String, String> devices = new HashMap<>();
    Nodes.eachObject(c, "volumeDevices", (i, d) -> devices.put(Nodes.text(d, "name"), Nodes.text(d, "devicePath")));
    boolean privileged = Nodes.bool(Nodes.get(c, "securityContext"), "privileged");
    Nodes.eachObject(c, "volumeMounts", (i, m) -> {
      FieldPath p = path.index(i);
      String name = Nodes.text(m, "name");
      String mountPath = Nodes.text(m, "mountPath");
      if (name.isEmpty()) {
        errs.required(p.child("name"), "");
      }
      if (!volumes.containsKey(name)) {
        errs.notFound(p.child("name"), name);
      }
      if (mountPath.isEmpty()) {
        errs.required(p.child("mountPath"), "");
      }
      if (!mountPoints.add(mountPath)) {
        errs.invalid(p.child("mountPath"), mountPath, "must be unique");
      }
      if (devices.containsKey(name)) {
        errs.invalid(p.child("name"), name, "must not already exist in volumeDevices");
      }
      if (devices.containsValue(mountPath)) {
        errs.invalid(p.child("mountPath"), mountPath, "must not already exist as a path in volumeDevices");
      }
      String subPath = Nodes.text(m, "subPath");
      String subPathExpr = Nodes.text(m, "subPathExpr");
      ObjectNode vol = volumes.get(name);
      if (vol != null && Nodes.has(vol, "image")) {
        if (!subPath.isEmpty()) {
          errs.invalid(p.child("subPath"), subPath, "not allowed in image volume sources");
        }
        if (!subPathExpr.isEmpty()) {
          errs.invalid(p.child("subPathExpr"), subPathExpr, "not allowed in image volume sources");
        }
      }
      if (!subPath.isEmpty()) {
        validateLocalDescendingPath(subPath, path.child("subPath"), errs);
      }
      if (!subPathExpr.isEmpty()) {
        if (!subPath.isEmpty()) {
          errs.invalid(p.child("subPathExpr"), subPathExpr, "subPathExpr and subPath are mutually exclusive");
        }
        validateLocalDescendingPath(subPathExpr, path.child("subPathExpr"), errs);
      }
      JsonNode prop = Nodes.get(m, "mountPropagation");
      if (prop != null) {
        String v = Nodes.text(prop);
        if (!MOUNT_PROPAGATIONS.contains(v)) {
          errs.notSupported(path.child("mountPropagation"), v, "Bidirectional", "HostToContainer", "None");
        } else if (v.equals("Bidirectional") && !privileged) {
          errs.forbidden(path.child("mountPropagation"),
              "Bidirectional mount propagation is available only to privileged containers");
        }
      }
      JsonNode rro = Nodes.get(m, "recursiveReadOnly");
      if (rro != null) {
        String v = Nodes.text(rro);
        switch (v) {
          case "Disabled" -> { }
          case "Enabled", "IfPossible" -> {
            if (!Nodes.bool(m, "readOnly")) {
              errs.forbidden(path.child("recursiveReadOnly"), "may only be specified when readOnly is true");
            }
            if (prop != null && !Nodes.text(prop).equals("None")) {
              errs.forbidden(path.child("recursiveReadOnly"),
                  "may only be specified when mountPropagation is None or not specified");
            }
          }
          default -> errs.notSupported(path.child("recursiveReadOnly"), v, "Disabled", "Enabled", "IfPossible");
        }
      }
    });
  }

  private static void validateVolumeDevices(ObjectNode c, Map<String, ObjectNode> volumes, FieldPath path,
      FieldErrorList errs) {
    Set<String> devicePaths = new HashSet<>();
    Set<String> deviceNames = new HashSet<>();
    Map<String, String> mounts = new HashMap<>();
    Nodes.eachObject(c, "volumeMounts", (i, m) -> mounts.put(Nodes.text(m, "name"), Nodes.text(m, "mountPath")));
    Nodes.eachObject(c, "volumeDevices", (i, d) -> {
      FieldPath p = path.index(i);
      String name = Nodes.text(d, "name");
      String devPath = Nodes.text(d, "devicePath");
      ObjectNode vol = volumes.get(name);
      if (name.isEmpty()) {
        errs.required(p.child("name"), "");
      }
      if (deviceNames.contains(name)) {
        errs.invalid(p.child("name"), name, "must be unique");
      }
      if (vol != null && !Nodes.has(vol, "persistentVolumeClaim") && !Nodes.has(vol, "ephemeral")) {
        errs.invalid(p.child("name"), name,
            "can only use volume source type of PersistentVolumeClaim or Ephemeral for block mode");
      }
      if (vol == null) {
        errs.notFound(p.child("name"), name);
      }
      if (devPath.isEmpty()) {
        errs.required(p.child("devicePath"), "");
      }
      if (devicePaths.contains(devPath)) {
        errs.invalid(p.child("devicePath"), devPath, "must be unique");
      }
      if (!devPath.isEmpty() && List.of(devPath.split("/", -1)).contains("..")) {
        errs.invalid(p.child("devicePath"), devPath, "can not contain backsteps ('..')");
      } else {
        devicePaths.add(devPath);
      }
      if (mounts.containsKey(name)) {
        errs.invalid(p.child("name"), name, "must not already exist in volumeMounts");
      }
      if (mounts.containsValue(devPath)) {
        errs.invalid(p.child("devicePath"), devPath, "must not already exist as a path in volumeMounts");
      }
      if (!name.isEmpty()) {
        deviceNames.add(name);
      }
    });
  }

  private static void validateResizePolicy(ObjectNode c, FieldPath path, String podRestartPolicy,
      FieldErrorList errs) {
    Set<String> seen = new HashSet<>();
    Nodes.eachObject(c, "resizePolicy", (i, rp) -> {
      String res = Nodes.text(rp, "resourceName");
      String policy = Nodes.text(rp, "restartPolicy");
      if (!seen.add(res)) {
        errs.duplicate(path.index(i), res);
      }
      switch (res) {
        case "cpu", "memory" -> { }
        case "" -> errs.required(path, "");
        default -> errs.notSupported(path, res, "cpu", "memory");
      }
      switch (policy) {
        case "NotRequired", "RestartContainer" -> { }
        case "" -> errs.required(path, "");
        default -> errs.notSupported(path, policy, "NotRequired", "RestartContainer");
      }
      if (podRestartPolicy.equals("Never") && !policy.equals("NotRequired")) {
        errs.invalid(path, policy, "must be 'NotRequired' when `restartPolicy` is 'Never'");
      }
    });
  }

  private static void validateProbe(JsonNode probe, Long grace, FieldPath p, boolean successMustBeOne,
      FieldErrorList errs) {
    if (probe == null) {
      return;
    }
    validateHandler(probe, grace, p, false, errs);
    for (String f : List.of("initialDelaySeconds", "timeoutSeconds", "periodSeconds", "successThreshold",
        "failureThreshold")) {
      long v = Nodes.longValue(probe, f, 0);
      if (v < 0) {
        errs.invalid(p.child(f), v, "must be greater than or equal to 0");
      }
    }
    JsonNode tgp = Nodes.get(probe, "terminationGracePeriodSeconds");
    if (tgp != null && tgp.asLong() <= 0) {
      errs.invalid(p.child("terminationGracePeriodSeconds"), tgp.asLong(), "must be greater than 0");
    }
    if (successMustBeOne) {
      long st = Nodes.longValue(probe, "successThreshold", 0);
      if (st != 1) {
        errs.invalid(p.child("successThreshold"), st, "must be 1");
      }
    } else if (tgp != null) {
      errs.invalid(p.child("terminationGracePeriodSeconds"), tgp.asLong(), "must not be set for readinessProbes");
    }
  }

  private static void validateLifecycle(JsonNode lifecycle, Long grace, FieldPath p, FieldErrorList errs) {
    for (String h : List.of("postStart", "preStop")) {
      JsonNode handler = Nodes.get(lifecycle, h);
      if (handler != null) {
        validateHandler(handler, grace, p.child(h), true, errs);
      }
    }
  }

  private static void validateHandler(JsonNode handler, Long grace, FieldPath p, boolean lifecycle,
      FieldErrorList errs) {
    int n = 0;
    List<String> kinds = lifecycle ? List.of("exec", "httpGet", "tcpSocket", "sleep")
        : List.of("exec", "httpGet", "tcpSocket", "grpc");
    for (String kind : kinds) {
      JsonNode h = Nodes.get(handler, kind);
      if (h == null) {
        continue;
      }
      if (n > 0) {
        errs.forbidden(p.child(kind), "may not specify more than 1 handler type");
        continue;
      }
      n++;
      FieldPath hp = p.child(kind);
      switch (kind) {
        case "exec" -> {
          if (Nodes.size(h, "command") == 0) {
            errs.required(hp.child("command"), "");
          }
        }
        case "httpGet" -> {
          if (Nodes.text(h, "path").isEmpty()) {
            errs.required(hp.child("path"), "");
          }
          validatePortNumOrName(Nodes.get(h, "port"), hp.child("port"), errs);
          String scheme = Nodes.text(h, "scheme");
          if (!scheme.equals("HTTP") && !scheme.equals("HTTPS")) {
            errs.notSupported(hp.child("scheme"), scheme, "HTTP", "HTTPS");
          }
          Nodes.eachObject(h, "httpHeaders", (i, header) -> {
            String hn = Nodes.text(header, "name");
            errs.invalidEach(hp.child("httpHeaders"), hn, Formats.httpHeaderName(hn));
          });
        }
        case "tcpSocket" -> validatePortNumOrName(Nodes.get(h, "port"), hp.child("port"), errs);
        case "grpc" -> {
          long port = Nodes.longValue(h, "port", 0);
          Formats.portNumber(port).forEach(m -> errs.invalid(hp.child("port"), port, m));
        }
        case "sleep" -> {
          long s = Nodes.longValue(h, "seconds", 0);
          if (grace != null && (s <= 0 || s > grace)) {
            errs.invalid(hp, s, "must be greater than 0 and less than terminationGracePeriodSeconds (" + grace
                + "). Enable AllowPodLifecycleSleepActionZeroValue feature gate for zero sleep.");
          }
        }
        default -> { }
      }
    }
    if (n == 0) {
      errs.required(p, "must specify a handler type");
    }
  }

  /** An IntOrString port: a number 1..65535 or an IANA service name. */
  static void validatePortNumOrName(JsonNode port, FieldPath p, FieldErrorList errs) {
    if (port != null && port.isTextual()) {
      errs.invalidEach(p, port.textValue(), Formats.portName(port.textValue()));
    } else {
      long v = port == null ? 0 : port.asLong();
      Formats.portNumber(v).forEach(m -> errs.invalid(p, v, m));
    }
  }

  // --- security contexts -------------------------------------------------------------------------------

  private static void validateSecurityContext(JsonNode sc, FieldPath p, FieldErrorList errs) {
    if (sc == null) {
      return;
    }
    validateIds(sc, p, errs);
    JsonNode procMount = Nodes.get(sc, "procMount");
    if (procMount != null) {
      String v = Nodes.text(procMount);
      if (!v.equals("Default") && !v.equals("Unmasked")) {
        errs.notSupported(p.child("procMount"), v, "Default", "Unmasked");
      }
    }
    validateSeccompProfile(Nodes.get(sc, "seccompProfile"), p.child("seccompProfile"), errs);
    JsonNode ape = Nodes.get(sc, "allowPrivilegeEscalation");
    if (ape != null && ape.isBoolean() && !ape.booleanValue()) {
      if (Nodes.bool(sc, "privileged")) {
        errs.invalid(p, sc, "cannot set `allowPrivilegeEscalation` to false and `privileged` to true");
      }
      JsonNode add = Nodes.get(Nodes.get(sc, "capabilities"), "add");
      if (add != null && add.isArray()) {
        for (JsonNode cap : add) {
          if (Nodes.text(cap).equals("CAP_SYS_ADMIN")) {
            errs.invalid(p, sc, "cannot set `allowPrivilegeEscalation` to false and `capabilities.Add` CAP_SYS_ADMIN");
          }
        }
      }
    }
    validateAppArmorProfile(Nodes.get(sc, "appArmorProfile"), p.child("appArmorProfile"), errs);
  }

  private static void validatePodSecurityContext(JsonNode sc, FieldPath p, FieldErrorList errs) {
    if (sc == null) {
      return;
    }
    JsonNode fsGroup = Nodes.get(sc, "fsGroup");
    if (fsGroup != null) {
      long g = fsGroup.asLong();
      Formats.groupId(g).forEach(m -> errs.invalid(p.child("fsGroup"), g, m));
    }
    validateIds(sc, p, errs);
    JsonNode sup = Nodes.get(sc, "supplementalGroups");
    if (sup != null && sup.isArray()) {
      for (int i = 0; i < sup.size(); i++) {
        long g = sup.get(i).asLong();
        int idx = i;
        Formats.groupId(g).forEach(m -> errs.invalid(p.child("supplementalGroups").index(idx), g, m));
      }
    }
    JsonNode spn = Nodes.get(sc, "shareProcessNamespace");
    if (spn != null && spn.asBoolean() && Nodes.bool(sc, "hostPID")) {
      errs.invalid(p.child("shareProcessNamespace"), spn, "ShareProcessNamespace and HostPID cannot both be enabled");
    }
    Set<String> sysctls = new HashSet<>();
    FieldPath sp = p.child("sysctls");
    Nodes.eachObject(sc, "sysctls", (i, s) -> {
      String name = Nodes.text(s, "name");
      if (name.isEmpty()) {
        errs.required(sp.index(i).child("name"), "");
      } else if (name.length() > 253 || !SYSCTL_NAME.matcher(name).matches()) {
        errs.invalid(sp.index(i).child("name"), name, "must have at most 253 characters and match regex "
            + "^([a-z0-9]([-_a-z0-9]*[a-z0-9])?[\\./])*[a-z0-9]([-_a-z0-9]*[a-z0-9])?$");
      } else if (!sysctls.add(name)) {
        errs.duplicate(sp.index(i).child("name"), name);
      }
    });
    JsonNode fscp = Nodes.get(sc, "fsGroupChangePolicy");
    if (fscp != null) {
      String v = Nodes.text(fscp);
      if (!v.equals("OnRootMismatch") && !v.equals("Always")) {
        errs.notSupported(p.child("fsGroupChangePolicy"), v, "Always", "OnRootMismatch");
      }
    }
    validateSeccompProfile(Nodes.get(sc, "seccompProfile"), p.child("seccompProfile"), errs);
    validateAppArmorProfile(Nodes.get(sc, "appArmorProfile"), p.child("appArmorProfile"), errs);
    JsonNode sgp = Nodes.get(sc, "supplementalGroupsPolicy");
    if (sgp != null) {
      String v = Nodes.text(sgp);
      if (!v.equals("Merge") && !v.equals("Strict")) {
        errs.notSupported(p.child("supplementalGroupsPolicy"), v, "Merge", "Strict");
      }
    }
  }

  private static void validateIds(JsonNode sc, FieldPath p, FieldErrorList errs) {
    JsonNode user = Nodes.get(sc, "runAsUser");
    if (user != null) {
      long u = user.asLong();
      Formats.userId(u).forEach(m -> errs.invalid(p.child("runAsUser"), u, m));
    }
    JsonNode group = Nodes.get(sc, "runAsGroup");
    if (group != null) {
      long g = group.asLong();
      Formats.groupId(g).forEach(m -> errs.invalid(p.child("runAsGroup"), g, m));
    }
  }

  private static void validateSeccompProfile(JsonNode sp, FieldPath p, FieldErrorList errs) {
    if (sp == null) {
      return;
    }
    String type = Nodes.text(sp, "type");
    switch (type) {
      case "Localhost", "RuntimeDefault", "Unconfined" -> { }
      case "" -> errs.required(p.child("type"), "type is required when seccompProfile is set");
      default -> errs.notSupported(p.child("type"), type, "Localhost", "RuntimeDefault", "Unconfined");
    }
    JsonNode local = Nodes.get(sp, "localhostProfile");
    if (type.equals("Localhost")) {
      if (local == null) {
        errs.required(p.child("localhostProfile"), "must be set when seccomp type is Localhost");
      } else {
        validateLocalDescendingPath(Nodes.text(local), p.child("localhostProfile"), errs);
      }
    } else if (local != null) {
      errs.invalid(p.child("localhostProfile"), sp, "can only be set when seccomp type is Localhost");
    }
  }

  private static void validateAppArmorProfile(JsonNode profile, FieldPath p, FieldErrorList errs) {
    if (profile == null) {
      return;
    }
    String type = Nodes.text(profile, "type");
    JsonNode local = Nodes.get(profile, "localhostProfile");
    switch (type) {
      case "Localhost" -> {
        if (local == null || Nodes.text(local).isBlank()) {
          errs.required(p.child("localhostProfile"), "must be set when AppArmor type is Localhost");
        } else if (!Nodes.text(local).strip().equals(Nodes.text(local))) {
          errs.invalid(p.child("localhostProfile"), Nodes.text(local), "must not be padded with whitespace");
        }
      }
      case "RuntimeDefault", "Unconfined" -> {
        if (local != null) {
          errs.invalid(p.child("localhostProfile"), local, "can only be set when AppArmor type is Localhost");
        }
      }
      case "" -> errs.required(p.child("type"), "type is required when appArmorProfile is set");
      default -> errs.notSupported(p.child("type"), type, "Localhost", "RuntimeDefault", "Unconfined");
    }
  }

  // --- scheduling: affinity, tolerations, spreading, DNS ---------------------------------------------------

  private static void validateAffinity(JsonNode affinity, FieldPath p, FieldErrorList errs) {
    if (affinity == null) {
      return;
    }
    JsonNode na = Nodes.get(affinity, "nodeAffinity");
    if (na != null) {
      FieldPath np = p.child("nodeAffinity");
      JsonNode required = Nodes.get(na, "requiredDuringSchedulingIgnoredDuringExecution");
      if (required != null) {
        validateNodeSelector(required, np.child("requiredDuringSchedulingIgnoredDuringExecution"), false, errs);
      }
      FieldPath pp = np.child("preferredDuringSchedulingIgnoredDuringExecution");
      Nodes.eachObject(na, "preferredDuringSchedulingIgnoredDuringExecution", (i, term) -> {
        long w = Nodes.longValue(term, "weight", 0);
        if (w <= 0 || w > 100) {
          errs.invalid(pp.index(i).child("weight"), w, "must be in the range 1-100");
        }
        validateNodeSelectorTerm(Nodes.get(term, "preference"), pp.index(i).child("preference"), true, errs);
      });
    }
    for (String kind : List.of("podAffinity", "podAntiAffinity")) {
      JsonNode pa = Nodes.get(affinity, kind);
      if (pa == null) {
        continue;
      }
      FieldPath kp = p.child(kind);
      FieldPath rp = kp.child("requiredDuringSchedulingIgnoredDuringExecution");
      Nodes.eachObject(pa, "requiredDuringSchedulingIgnoredDuringExecution",
          (i, term) -> validatePodAffinityTerm(term, rp.index(i), errs));
      FieldPath wp = kp.child("preferredDuringSchedulingIgnoredDuringExecution");
      Nodes.eachObject(pa, "preferredDuringSchedulingIgnoredDuringExecution", (i, wt) -> {
        long w = Nodes.longValue(wt, "weight", 0);
        if (w <= 0 || w > 100) {
          errs.invalid(wp.index(i).child("weight"), w, "must be in the range 1-100");
        }
        validatePodAffinityTerm(Nodes.get(wt, "podAffinityTerm"), wp.index(i).child("podAffinityTerm"), errs);
      });
    }
  }

  private static void validatePodAffinityTerm(JsonNode term, FieldPath p, FieldErrorList errs) {
    LabelSelectors.validate(Nodes.get(term, "labelSelector"), p.child("labelSelector"), errs);
    LabelSelectors.validate(Nodes.get(term, "namespaceSelector"), p.child("namespaceSelector"), errs);
    JsonNode namespaces = Nodes.get(term, "namespaces");
    if (namespaces != null && namespaces.isArray()) {
      for (JsonNode ns : namespaces) {
        errs.invalidEach(p.child("namespace"), Nodes.text(ns), NameRule.DNS_LABEL.check(Nodes.text(ns), false));
      }
    }
    String topologyKey = Nodes.text(term, "topologyKey");
    if (topologyKey.isEmpty()) {
      errs.required(p.child("topologyKey"), "can not be empty");
    }
    LabelSelectors.validateLabelName(topologyKey, p.child("topologyKey"), errs);
  }

  /** A NodeSelector (node affinity, PV node affinity): at least one term, each well formed. */
  static void validateNodeSelector(JsonNode selector, FieldPath p, boolean allowInvalidValues, FieldErrorList errs) {
    FieldPath tp = p.child("nodeSelectorTerms");
    if (Nodes.size(selector, "nodeSelectorTerms") == 0) {
      errs.required(tp, "must have at least one node selector term");
      return;
    }
    Nodes.eachObject(selector, "nodeSelectorTerms",
        (i, term) -> validateNodeSelectorTerm(term, tp.index(i), allowInvalidValues, errs));
  }

  private static void validateNodeSelectorTerm(JsonNode term, FieldPath p, boolean allowInvalidValues,
      FieldErrorList errs) {
    FieldPath ep = p.child("matchExpressions");
    Nodes.eachObject(term, "matchExpressions", (j, req) -> {
      FieldPath rp = ep.index(j);
      String op = Nodes.text(req, "operator");
      int n = Nodes.size(req, "values");
      switch (op) {
        case "In", "NotIn" -> {
          if (n == 0) {
            errs.required(rp.child("values"), "must be specified when `operator` is 'In' or 'NotIn'");
          }
        }
        case "Exists", "DoesNotExist" -> {
          if (n > 0) {
            errs.forbidden(rp.child("values"), "may not be specified when `operator` is 'Exists' or 'DoesNotExist'");
          }
        }
        case "Gt", "Lt" -> {
          if (n != 1) {
            errs.required(rp.child("values"), "must be specified single value when `operator` is 'Lt' or 'Gt'");
          }
        }
        default -> errs.invalid(rp.child("operator"), op, "not a valid selector operator");
      }
      LabelSelectors.validateLabelName(Nodes.text(req, "key"), rp.child("key"), errs);
      if (!allowInvalidValues) {
        JsonNode values = Nodes.get(req, "values");
        if (values != null && values.isArray()) {
          for (int k = 0; k < values.size(); k++) {
            String v = Nodes.text(values.get(k));
            errs.invalidEach(rp.child("values").index(k), v, Formats.labelValue(v));
          }
        }
      }
    });
    FieldPath fp = p.child("matchFields");
    Nodes.eachObject(term, "matchFields", (j, req) -> {
      FieldPath rp = fp.index(j);
      String op = Nodes.text(req, "operator");
      if (op.equals("In") || op.equals("NotIn")) {
        if (Nodes.size(req, "values") != 1) {
          errs.required(rp.child("values"), "must be only one value when `operator` is 'In' or 'NotIn' for node field selector");
        }
      } else {
        errs.invalid(rp.child("operator"), op, "not a valid selector operator");
      }
      String key = Nodes.text(req, "key");
      if (!key.equals("metadata.name")) {
        errs.invalid(rp.child("key"), key, "not a valid field selector key");
      } else {
        JsonNode values = Nodes.get(req, "values");
        if (values != null && values.isArray()) {
          for (int k = 0; k < values.size(); k++) {
            String v = Nodes.text(values.get(k));
            errs.invalidEach(rp.child("values").index(k), v, NameRule.DNS_SUBDOMAIN.check(v, false));
          }
        }
      }
    });
  }

  static void validateTolerations(JsonNode tolerations, FieldPath path, FieldErrorList errs) {
    if (tolerations == null || !tolerations.isArray()) {
      return;
    }
    for (int i = 0; i < tolerations.size(); i++) {
      JsonNode t = tolerations.get(i);
      FieldPath p = path.index(i);
      String key = Nodes.text(t, "key");
      String op = Nodes.text(t, "operator");
      String value = Nodes.text(t, "value");
      String effect = Nodes.text(t, "effect");
      if (!key.isEmpty()) {
        LabelSelectors.validateLabelName(key, p.child("key"), errs);
      }
      if (key.isEmpty() && !op.equals("Exists")) {
        errs.invalid(p.child("operator"), op,
            "operator must be Exists when `key` is empty, which means \"match all values and all keys\"");
      }
      if (Nodes.has(t, "tolerationSeconds") && !effect.equals("NoExecute")) {
        errs.invalid(p.child("effect"), effect, "effect must be 'NoExecute' when `tolerationSeconds` is set");
      }
      switch (op) {
        case "Equal", "" -> {
          List<String> msgs = Formats.labelValue(value);
          if (!msgs.isEmpty()) {
            errs.invalid(p.child("operator"), value, String.join(";", msgs));
          }
        }
        case "Exists" -> {
          if (!value.isEmpty()) {
            errs.invalid(p.child("operator"), value, "value must be empty when `operator` is 'Exists'");
          }
        }
        default -> errs.notSupported(p.child("operator"), op, "Equal", "Exists");
      }
      if (!effect.isEmpty()) {
        validateTaintEffect(effect, p.child("effect"), errs);
      }
    }
  }

  static void validateTaintEffect(String effect, FieldPath p, FieldErrorList errs) {
    switch (effect) {
      case "NoSchedule", "PreferNoSchedule", "NoExecute" -> { }
      case "" -> errs.required(p, "");
      default -> errs.notSupported(p, effect, "NoSchedule", "PreferNoSchedule", "NoExecute");
    }
  }

  private static void validateTopologySpread(ObjectNode spec, FieldPath path, FieldErrorList errs) {
    ArrayNode constraints = Nodes.array(spec, "topologySpreadConstraints");
    if (constraints == null) {
      return;
    }
    for (int i = 0; i < constraints.size(); i++) {
      JsonNode c = constraints.get(i);
      FieldPath p = path.index(i);
      long skew = Nodes.longValue(c, "maxSkew", 0);
      if (skew <= 0) {
        errs.invalid(p.child("maxSkew"), skew, "must be greater than zero");
      }
      String key = Nodes.text(c, "topologyKey");
      if (key.isEmpty()) {
        errs.required(p.child("topologyKey"), "can not be empty");
      }
      String when = Nodes.text(c, "whenUnsatisfiable");
      if (!when.equals("DoNotSchedule") && !when.equals("ScheduleAnyway")) {
        errs.notSupported(p.child("whenUnsatisfiable"), when, "DoNotSchedule", "ScheduleAnyway");
      }
      for (int j = i + 1; j < constraints.size(); j++) {
        JsonNode other = constraints.get(j);
        if (key.equals(Nodes.text(other, "topologyKey")) && when.equals(Nodes.text(other, "whenUnsatisfiable"))) {
          errs.duplicate(p.child("{topologyKey, whenUnsatisfiable}"), "{" + key + ", " + when + "}");
          break;
        }
      }
      JsonNode minDomains = Nodes.get(c, "minDomains");
      if (minDomains != null) {
        if (minDomains.asLong() <= 0) {
          errs.invalid(p.child("minDomains"), minDomains, "must be greater than zero");
        }
        if (!when.equals("DoNotSchedule")) {
          errs.invalid(p.child("minDomains"), minDomains,
              "can only use minDomains if whenUnsatisfiable=DoNotSchedule, not " + when);
        }
      }
      for (String policy : List.of("nodeAffinityPolicy", "nodeTaintsPolicy")) {
        JsonNode v = Nodes.get(c, policy);
        if (v != null && !Nodes.text(v).equals("Ignore") && !Nodes.text(v).equals("Honor")) {
          errs.notSupported(p.child(policy), Nodes.text(v), "Honor", "Ignore");
        }
      }
      LabelSelectors.validate(Nodes.get(c, "labelSelector"), p.child("labelSelector"), errs);
    }
  }

  private static void validateDnsConfig(JsonNode config, String dnsPolicy, FieldPath p, FieldErrorList errs) {
    if (dnsPolicy.equals("None")) {
      if (config == null) {
        errs.required(p, "must provide `dnsConfig` when `dnsPolicy` is None");
        return;
      }
      if (Nodes.size(config, "nameservers") == 0) {
        errs.required(p.child("nameservers"), "must provide at least one DNS nameserver when `dnsPolicy` is None");
        return;
      }
    }
    if (config == null) {
      return;
    }
    JsonNode ns = Nodes.get(config, "nameservers");
    if (ns != null && ns.isArray()) {
      if (ns.size() > 3) {
        errs.invalid(p.child("nameservers"), ns, "must not have more than 3 nameservers");
      }
      for (int i = 0; i < ns.size(); i++) {
        String ip = Nodes.text(ns.get(i));
        errs.invalidEach(p.child("nameservers").index(i), ip, Formats.ip(ip));
      }
    }
    JsonNode searches = Nodes.get(config, "searches");
    if (searches != null && searches.isArray()) {
      if (searches.size() > 32) {
        errs.invalid(p.child("searches"), searches, "must not have more than 32 search paths");
      }
      int chars = -1;
      for (JsonNode s : searches) {
        chars += Nodes.text(s).length() + 1;
      }
      if (chars > 2048) {
        errs.invalid(p.child("searches"), searches,
            "must not have more than 2048 characters (including spaces) in the search list");
      }
      for (int i = 0; i < searches.size(); i++) {
        String s = Nodes.text(searches.get(i));
        if (s.endsWith(".")) {
          s = s.substring(0, s.length() - 1);
        }
        errs.invalidEach(p.child("searches").index(i), s, Formats.dns1123Subdomain(s));
      }
    }
    Nodes.eachObject(config, "options", (i, o) -> {
      if (Nodes.text(o, "name").isEmpty()) {
        errs.required(p.child("options").index(i), "must not be empty");
      }
    });
  }
}
