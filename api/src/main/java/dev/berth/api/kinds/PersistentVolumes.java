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
import dev.berth.api.validation.Quantity;
import java.util.List;
import java.util.Set;

/** PersistentVolume and PersistentVolumeClaim, and the claim spec shared with ephemeral volumes. */
final class PersistentVolumes {

  private PersistentVolumes() {}

  private static final List<String> ACCESS_MODES = List.of("ReadOnlyMany", "ReadWriteMany", "ReadWriteOnce",
      "ReadWriteOncePod");
  private static final List<String> PV_SOURCES = List.of("hostPath", "gcePersistentDisk", "awsElasticBlockStore",
      "glusterfs", "flocker", "nfs", "rbd", "quobyte", "cephfs", "iscsi", "cinder", "fc", "flexVolume", "azureFile",
      "vsphereVolume", "photonPersistentDisk", "portworxVolume", "azureDisk", "scaleIO", "local", "storageos",
      "csi");

  /** SetDefaults_PersistentVolumeClaimSpec, plus resource list canonicalization. */
  static void defaultClaimSpec(ObjectNode spec) {
    Nodes.defaultText(spec, "volumeMode", "Filesystem");
    if (Nodes.get(spec, "resources") instanceof ObjectNode r) {
      ResourceLists.defaultList(r, "requests");
      ResourceLists.defaultList(r, "limits");
    }
  }

  static void validateAccessModes(JsonNode spec, FieldPath path, FieldErrorList errs) {
    JsonNode modes = Nodes.get(spec, "accessModes");
    boolean rwop = false;
    boolean others = false;
    if (modes != null && modes.isArray()) {
      for (JsonNode m : modes) {
        String mode = Nodes.text(m);
        if (!ACCESS_MODES.contains(mode)) {
          errs.notSupported(path, mode, ACCESS_MODES.toArray(String[]::new));
        } else if (mode.equals("ReadWriteOncePod")) {
          rwop = true;
        } else {
          others = true;
        }
      }
    }
    if (rwop && others) {
      errs.forbidden(path, "may not use ReadWriteOncePod with other access modes");
    }
  }

  /** ValidatePersistentVolumeClaimSpec. */
  static void validateClaimSpec(JsonNode spec, FieldPath path, FieldErrorList errs) {
    if (Nodes.size(spec, "accessModes") == 0) {
      errs.required(path.child("accessModes"), "at least 1 access mode is required");
    }
    JsonNode selector = Nodes.get(spec, "selector");
    if (selector != null) {
      LabelSelectors.validate(selector, path.child("selector"), errs);
    }
    validateAccessModes(spec, path.child("accessModes"), errs);
    FieldPath storagePath = path.child("resources").key("storage");
    JsonNode storage = Nodes.get(Nodes.get(Nodes.get(spec, "resources"), "requests"), "storage");
    if (storage == null) {
      errs.required(storagePath, "");
    } else {
      Quantity q = ResourceLists.parse(storage, storagePath, errs);
      if (q != null && q.signum() <= 0) {
        errs.invalid(storagePath, q.toString(), "must be greater than zero");
      }
    }
    JsonNode sc = Nodes.get(spec, "storageClassName");
    if (sc != null && !Nodes.text(sc).isEmpty()) {
      errs.invalidEach(path.child("storageClassName"), Nodes.text(sc), NameRule.DNS_SUBDOMAIN.check(Nodes.text(sc), false));
    }
    JsonNode mode = Nodes.get(spec, "volumeMode");
    if (mode != null && !Set.of("Block", "Filesystem").contains(Nodes.text(mode))) {
      errs.notSupported(path.child("volumeMode"), Nodes.text(mode), "Block", "Filesystem");
    }
    for (String ds : List.of("dataSource", "dataSourceRef")) {
      JsonNode ref = Nodes.get(spec, ds);
      if (ref == null) {
        continue;
      }
      FieldPath p = path.child(ds);
      if (Nodes.text(ref, "name").isEmpty()) {
        errs.required(p.child("name"), "");
      }
      String kind = Nodes.text(ref, "kind");
      if (kind.isEmpty()) {
        errs.required(p.child("kind"), "");
      }
      String group = Nodes.text(ref, "apiGroup");
      if (group.isEmpty() && !kind.equals("PersistentVolumeClaim")) {
        errs.invalid(p, kind, "must be 'PersistentVolumeClaim' when referencing the default apiGroup");
      }
      if (!group.isEmpty()) {
        errs.invalidEach(p.child("apiGroup"), group, dev.berth.api.validation.Formats.dns1123Subdomain(group));
      }
    }
  }

  /** PersistentVolumeClaim: namespaced, DNS subdomain names, status phase Pending on create. */
  static final class ClaimStrategy extends AbstractKindStrategy {
    ClaimStrategy() {
      super(Scope.NAMESPACED, NameRule.DNS_SUBDOMAIN);
    }

    @Override
    public void applyDefaults(ObjectNode obj) {
      defaultClaimSpec(Nodes.objectOrCreate(obj, "spec"));
      Nodes.defaultText(Nodes.objectOrCreate(obj, "status"), "phase", "Pending");
    }

    @Override
    ObjectNode initialStatus() {
      ObjectNode s = Nodes.FACTORY.objectNode();
      s.put("phase", "Pending");
      return s;
    }

    @Override
    void validate(ObjectNode obj, FieldErrorList errs) {
      validateClaimSpec(spec(obj), FieldPath.of("spec"), errs);
    }

    @Override
    void validateTransition(ObjectNode obj, ObjectNode old, FieldErrorList errs) {
      ObjectNode newSpec = spec(obj).deepCopy();
      ObjectNode oldSpec = spec(old).deepCopy();
      // the binder may set volumeName once
      if (Nodes.text(oldSpec, "volumeName").isEmpty()) {
        oldSpec.set("volumeName", newSpec.get("volumeName"));
      }
      // an unset class may be set once (the default class admission does this)
      if (!Nodes.has(oldSpec, "storageClassName") && Nodes.has(newSpec, "storageClassName")) {
        oldSpec.set("storageClassName", newSpec.get("storageClassName"));
      }
      boolean bound = Nodes.text(Nodes.get(obj, "status"), "phase").equals("Bound");
      if (bound) {
        copyStorageRequest(oldSpec, newSpec);
        oldSpec.set("volumeAttributesClassName", newSpec.get("volumeAttributesClassName"));
      }
      if (!Nodes.semanticEquals(newSpec, oldSpec)) {
        errs.forbidden(FieldPath.of("spec"), "spec is immutable after creation except resources.requests and "
            + "volumeAttributesClassName for bound claims\n" + JsonDiff.describe(oldSpec, newSpec));
      }
      Quantity newSize = storage(spec(obj));
      Quantity oldSize = storage(spec(old));
      if (newSize != null && oldSize != null && newSize.compareTo(oldSize) < 0) {
        errs.forbidden(FieldPath.of("spec", "resources", "requests", "storage"),
            "field can not be less than previous value");
      }
      ObjectMetaValidation.immutable(Nodes.get(spec(obj), "volumeMode"), Nodes.get(spec(old), "volumeMode"),
          FieldPath.of("volumeMode"), errs);
    }

    private static void copyStorageRequest(ObjectNode from, ObjectNode to) {
      ObjectNode toReq = Nodes.object(Nodes.get(to, "resources"), "requests");
      JsonNode fromStorage = Nodes.get(Nodes.get(Nodes.get(from, "resources"), "requests"), "storage");
      if (toReq != null && fromStorage != null) {
        toReq.set("storage", fromStorage);
      }
    }

    private static Quantity storage(JsonNode spec) {
      JsonNode s = Nodes.get(Nodes.get(Nodes.get(spec, "resources"), "requests"), "storage");
      return s == null ? null : Quantity.tryParse(Nodes.text(s)).orElse(null);
    }
  }

  /** PersistentVolume: cluster-scoped, exactly one volume source, immutable source after creation. */
  static final class VolumeStrategy extends AbstractKindStrategy {
    VolumeStrategy() {
      super(Scope.CLUSTER, NameRule.DNS_SUBDOMAIN);
    }

    @Override
    public void applyDefaults(ObjectNode obj) {
      ObjectNode spec = Nodes.objectOrCreate(obj, "spec");
      Nodes.defaultText(spec, "persistentVolumeReclaimPolicy", "Retain");
      Nodes.defaultText(spec, "volumeMode", "Filesystem");
      ResourceLists.defaultList(spec, "capacity");
      if (Nodes.get(spec, "hostPath") instanceof ObjectNode h && !h.has("type")) {
        h.put("type", "");
      }
      Nodes.defaultText(Nodes.objectOrCreate(obj, "status"), "phase", "Pending");
    }

    @Override
    ObjectNode initialStatus() {
      ObjectNode s = Nodes.FACTORY.objectNode();
      s.put("phase", "Pending");
      return s;
    }

    @Override
    void validate(ObjectNode obj, FieldErrorList errs) {
      ObjectNode spec = spec(obj);
      FieldPath path = FieldPath.of("spec");
      if (Nodes.size(spec, "accessModes") == 0) {
        errs.required(path.child("accessModes"), "");
      }
      validateAccessModes(spec, path.child("accessModes"), errs);
      JsonNode capacity = Nodes.get(spec, "capacity");
      if (Nodes.size(spec, "capacity") == 0) {
        errs.required(path.child("capacity"), "");
      }
      if (capacity == null || !capacity.has("storage") || capacity.size() > 1) {
        errs.notSupported(path.child("capacity"), Nodes.orNull(capacity), List.of("storage"));
      }
      if (capacity != null && capacity.isObject()) {
        capacity.properties().forEach(e -> {
          FieldPath p = path.child("capacity").key(e.getKey());
          Quantity q = ResourceLists.parse(e.getValue(), p, errs);
          if (q != null && q.signum() <= 0) {
            errs.invalid(p, q.toString(), "must be greater than zero");
          }
        });
      }
      String reclaim = Nodes.text(spec, "persistentVolumeReclaimPolicy");
      if (!reclaim.isEmpty() && !Set.of("Delete", "Recycle", "Retain").contains(reclaim)) {
        errs.notSupported(path.child("persistentVolumeReclaimPolicy"), reclaim, "Delete", "Recycle", "Retain");
      }
      JsonNode nodeAffinity = Nodes.get(spec, "nodeAffinity");
      if (nodeAffinity != null) {
        JsonNode required = Nodes.get(nodeAffinity, "required");
        if (required == null) {
          errs.required(path.child("nodeAffinity", "required"), "must specify required node constraints");
        } else {
          PodSpecs.validateNodeSelector(required, path.child("nodeAffinity", "required"), false, errs);
        }
      }
      int count = 0;
      for (String type : PV_SOURCES) {
        JsonNode src = Nodes.get(spec, type);
        if (src == null) {
          continue;
        }
        if (count > 0 && !type.equals("flexVolume")) {
          errs.forbidden(path.child(type), "may not specify more than 1 volume type");
          continue;
        }
        count++;
        FieldPath p = path.child(type);
        switch (type) {
          case "hostPath" -> {
            if (Nodes.text(src, "path").isEmpty()) {
              errs.required(p.child("path"), "");
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
          case "local" -> {
            if (Nodes.text(src, "path").isEmpty()) {
              errs.required(p.child("path"), "");
            }
            if (nodeAffinity == null) {
              errs.required(path.child("nodeAffinity"), "Local volume requires node affinity");
            }
          }
          case "csi" -> {
            PodSpecs.validateCsiDriverName(Nodes.text(src, "driver"), p.child("driver"), errs);
            if (Nodes.text(src, "volumeHandle").isEmpty()) {
              errs.required(p.child("volumeHandle"), "");
            }
          }
          default -> { }
        }
      }
      if (count == 0) {
        errs.required(path, "must specify a volume type");
      }
      JsonNode hostPath = Nodes.get(spec, "hostPath");
      if (hostPath != null && java.nio.file.Path.of(Nodes.text(hostPath, "path").isEmpty() ? "."
          : Nodes.text(hostPath, "path")).normalize().toString().equals("/") && reclaim.equals("Recycle")) {
        errs.forbidden(path.child("persistentVolumeReclaimPolicy"), "may not be 'recycle' for a hostPath mount of '/'");
      }
      String sc = Nodes.text(spec, "storageClassName");
      if (!sc.isEmpty()) {
        errs.invalidEach(path.child("storageClassName"), sc, NameRule.DNS_SUBDOMAIN.check(sc, false));
      }
      JsonNode mode = Nodes.get(spec, "volumeMode");
      if (mode != null && !Set.of("Block", "Filesystem").contains(Nodes.text(mode))) {
        errs.notSupported(path.child("volumeMode"), Nodes.text(mode), "Block", "Filesystem");
      }
    }

    @Override
    void validateTransition(ObjectNode obj, ObjectNode old, FieldErrorList errs) {
      ObjectNode newSource = sources(spec(obj));
      ObjectNode oldSource = sources(spec(old));
      // a CSI volume may gain a controllerExpandSecretRef later
      if (Nodes.get(oldSource, "csi") instanceof ObjectNode oc && !oc.has("controllerExpandSecretRef")
          && Nodes.get(newSource, "csi") instanceof ObjectNode nc) {
        nc.remove("controllerExpandSecretRef");
      }
      if (!Nodes.semanticEquals(newSource, oldSource)) {
        errs.forbidden(FieldPath.of("spec", "persistentvolumesource"),
            "spec.persistentvolumesource is immutable after creation\n" + JsonDiff.describe(oldSource, newSource));
      }
      ObjectMetaValidation.immutable(Nodes.get(spec(obj), "volumeMode"), Nodes.get(spec(old), "volumeMode"),
          FieldPath.of("volumeMode"), errs);
      JsonNode oldAffinity = Nodes.get(spec(old), "nodeAffinity");
      JsonNode newAffinity = Nodes.get(spec(obj), "nodeAffinity");
      if (oldAffinity != null && !Nodes.semanticEquals(oldAffinity, newAffinity)) {
        errs.invalid(FieldPath.of("nodeAffinity"), Nodes.orNull(newAffinity),
            ObjectMetaValidation.FIELD_IMMUTABLE + ", except for updating from beta label to GA");
      }
    }

    private static ObjectNode sources(ObjectNode spec) {
      ObjectNode out = Nodes.FACTORY.objectNode();
      for (String type : PV_SOURCES) {
        JsonNode src = Nodes.get(spec, type);
        if (src != null) {
          out.set(type, src.deepCopy());
        }
      }
      return out;
    }
  }
}
