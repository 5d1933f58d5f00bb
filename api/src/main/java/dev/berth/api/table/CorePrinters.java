package dev.berth.api.table;

import static dev.berth.api.table.ColumnDefinition.of;
import static dev.berth.api.table.ColumnDefinition.wide;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/** Printers of the core ("" group) kinds other than pods and events. */
final class CorePrinters {

  private static final String NODE_ROLE_PREFIX = "node-role.kubernetes.io/";
  private static final String NODE_ROLE_LABEL = "kubernetes.io/role";

  private CorePrinters() {}

  // ---- services ------------------------------------------------------------------------------

  static TablePrinter service() {
    return new KindPrinter(List.of(
        Columns.NAME,
        of("Type", "string", Descriptions.SVC_TYPE),
        of("Cluster-IP", "string", Descriptions.SVC_CLUSTER_IP),
        of("External-IP", "string", Descriptions.SVC_EXTERNAL_IPS),
        of("Port(s)", "string", Descriptions.SVC_PORTS),
        Columns.AGE,
        wide("Selector", "string", Descriptions.SVC_SELECTOR)),
        (obj, now) -> {
          JsonNode spec = obj.path("spec");
          // Service defaulting makes an unset type ClusterIP.
          String type = Cells.text(spec.path("type"));
          if (type.isEmpty()) {
            type = "ClusterIP";
          }
          String ports = servicePorts(spec.path("ports"));
          return new Object[] {
              Cells.name(obj),
              type,
              clusterIP(spec),
              externalIP(type, spec, obj.path("status")),
              ports.isEmpty() ? Cells.NONE : ports,
              Cells.age(obj, now),
              Cells.formatLabels(spec.path("selector"))};
        });
  }

  private static String clusterIP(JsonNode spec) {
    JsonNode ips = spec.path("clusterIPs");
    if (Cells.size(ips) > 0) {
      return Cells.text(ips.get(0));
    }
    // Older writers set only the singular field; conversion fills clusterIPs from it.
    String ip = Cells.text(spec.path("clusterIP"));
    return ip.isEmpty() ? Cells.NONE : ip;
  }

  /** upstream getServiceExternalIP, with the server's "wide" (untruncated) load balancer list. */
  private static String externalIP(String type, JsonNode spec, JsonNode status) {
    JsonNode externalIPs = spec.path("externalIPs");
    boolean hasExternal = Cells.size(externalIPs) > 0;
    switch (type) {
      case "ClusterIP", "NodePort":
        return hasExternal ? Cells.joinTexts(externalIPs, ",") : Cells.NONE;
      case "LoadBalancer": {
        String lb = loadBalancerIngress(status.path("loadBalancer").path("ingress"));
        if (hasExternal) {
          String ext = Cells.joinTexts(externalIPs, ",");
          return lb.isEmpty() ? ext : lb + "," + ext;
        }
        return lb.isEmpty() ? "<pending>" : lb;
      }
      case "ExternalName":
        return Cells.text(spec.path("externalName"));
      default:
        return Cells.UNKNOWN;
    }
  }

  /** Sorted, de-duplicated IPs (or hostnames when no IP) of load balancer ingress points. */
  static String loadBalancerIngress(JsonNode ingress) {
    int n = Cells.size(ingress);
    if (n == 0) {
      return "";
    }
    TreeSet<String> result = new TreeSet<>();
    for (int i = 0; i < n; i++) {
      String ip = Cells.text(ingress.get(i).path("ip"));
      String host = Cells.text(ingress.get(i).path("hostname"));
      if (!ip.isEmpty()) {
        result.add(ip);
      } else if (!host.isEmpty()) {
        result.add(host);
      }
    }
    return String.join(",", result);
  }

  /** "80/TCP,443:30443/TCP"; protocol defaults to TCP as service defaulting does. */
  static String servicePorts(JsonNode ports) {
    int n = Cells.size(ports);
    if (n == 0) {
      return "";
    }
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < n; i++) {
      JsonNode port = ports.get(i);
      if (i > 0) {
        sb.append(',');
      }
      sb.append(Cells.integer(port.path("port")));
      long nodePort = Cells.integer(port.path("nodePort"));
      if (nodePort > 0) {
        sb.append(':').append(nodePort);
      }
      String protocol = Cells.text(port.path("protocol"));
      sb.append('/').append(protocol.isEmpty() ? "TCP" : protocol);
    }
    return sb.toString();
  }

  static TablePrinter endpoints() {
    return new KindPrinter(List.of(
        Columns.NAME,
        of("Endpoints", "string", Descriptions.ENDPOINTS_SUBSETS),
        Columns.AGE),
        (obj, now) -> new Object[] {
            Cells.name(obj), formatEndpoints(obj.path("subsets")), Cells.age(obj, now)});
  }

  /** upstream formatEndpoints with all ports: at most three "ip:port" entries, then "+ N more...". */
  private static String formatEndpoints(JsonNode subsets) {
    if (Cells.size(subsets) == 0) {
      return Cells.NONE;
    }
    final int max = 3;
    List<String> list = new ArrayList<>(max);
    boolean more = false;
    int count = 0;
    for (JsonNode subset : subsets) {
      JsonNode addresses = subset.path("addresses");
      int addressCount = Cells.size(addresses);
      JsonNode ports = subset.path("ports");
      if (Cells.size(ports) == 0) {
        // Headless services may have no ports.
        count += addressCount;
        for (int i = 0; i < addressCount; i++) {
          if (list.size() == max) {
            more = true;
            break;
          }
          list.add(Cells.text(addresses.get(i).path("ip")));
        }
        continue;
      }
      for (JsonNode port : ports) {
        count += addressCount;
        for (int i = 0; i < addressCount; i++) {
          if (list.size() == max) {
            more = true;
            break;
          }
          list.add(Cells.joinHostPort(Cells.text(addresses.get(i).path("ip")),
              Cells.integer(port.path("port"))));
        }
      }
    }
    String joined = String.join(",", list);
    return more ? joined + " + " + (count - max) + " more..." : joined;
  }

  // ---- nodes and namespaces ------------------------------------------------------------------

  static TablePrinter node() {
    return new KindPrinter(List.of(
        Columns.NAME,
        of("Status", "string", "The status of the node"),
        of("Roles", "string", "The roles of the node"),
        Columns.AGE,
        of("Version", "string", Descriptions.NODE_KUBELET_VERSION),
        wide("Internal-IP", "string", Descriptions.NODE_ADDRESSES),
        wide("External-IP", "string", Descriptions.NODE_ADDRESSES),
        wide("OS-Image", "string", Descriptions.NODE_OS_IMAGE),
        wide("Kernel-Version", "string", Descriptions.NODE_KERNEL),
        wide("Container-Runtime", "string", Descriptions.NODE_RUNTIME)),
        (obj, now) -> {
          JsonNode status = obj.path("status");
          JsonNode info = status.path("nodeInfo");
          return new Object[] {
              Cells.name(obj),
              nodeStatus(obj),
              nodeRoles(obj.path("metadata").path("labels")),
              Cells.age(obj, now),
              Cells.text(info.path("kubeletVersion")),
              nodeAddress(status.path("addresses"), "InternalIP"),
              nodeAddress(status.path("addresses"), "ExternalIP"),
              orUnknown(Cells.text(info.path("osImage"))),
              orUnknown(Cells.text(info.path("kernelVersion"))),
              orUnknown(Cells.text(info.path("containerRuntimeVersion")))};
        });
  }

  private static String orUnknown(String s) {
    return s.isEmpty() ? Cells.UNKNOWN : s;
  }

  /** "Ready", "NotReady" or "Unknown" from the Ready condition, plus ",SchedulingDisabled". */
  private static String nodeStatus(JsonNode node) {
    String ready = "Unknown";
    JsonNode conditions = node.path("status").path("conditions");
    // Upstream keys conditions by type, so the last Ready condition wins.
    for (int i = 0; i < Cells.size(conditions); i++) {
      JsonNode c = conditions.get(i);
      if ("Ready".equals(Cells.text(c.path("type")))) {
        ready = "True".equals(Cells.text(c.path("status"))) ? "Ready" : "NotReady";
      }
    }
    return Cells.bool(node.path("spec").path("unschedulable")) ? ready + ",SchedulingDisabled" : ready;
  }

  /** Sorted roles from node-role.kubernetes.io/ROLE labels and the kubernetes.io/role label. */
  private static String nodeRoles(JsonNode labels) {
    TreeSet<String> roles = null;
    if (labels.isObject()) {
      for (var it = labels.fields(); it.hasNext(); ) {
        var e = it.next();
        String key = e.getKey();
        String role = null;
        if (key.startsWith(NODE_ROLE_PREFIX)) {
          role = key.substring(NODE_ROLE_PREFIX.length());
        } else if (key.equals(NODE_ROLE_LABEL)) {
          role = Cells.text(e.getValue());
        }
        if (role != null && !role.isEmpty()) {
          if (roles == null) {
            roles = new TreeSet<>();
          }
          roles.add(role);
        }
      }
    }
    return roles == null ? Cells.NONE : String.join(",", roles);
  }

  private static String nodeAddress(JsonNode addresses, String type) {
    for (int i = 0; i < Cells.size(addresses); i++) {
      JsonNode a = addresses.get(i);
      if (type.equals(Cells.text(a.path("type")))) {
        return Cells.text(a.path("address"));
      }
    }
    return Cells.NONE;
  }

  static TablePrinter namespace() {
    return new KindPrinter(List.of(
        Columns.NAME,
        of("Status", "string", "The status of the namespace"),
        Columns.AGE),
        (obj, now) -> new Object[] {
            Cells.name(obj), Cells.text(obj.path("status").path("phase")), Cells.age(obj, now)});
  }

  // ---- configuration -------------------------------------------------------------------------

  static TablePrinter configMap() {
    return new KindPrinter(List.of(
        Columns.NAME,
        of("Data", "string", Descriptions.CONFIGMAP_DATA),
        Columns.AGE),
        (obj, now) -> new Object[] {
            Cells.name(obj),
            (long) (Cells.size(obj.path("data")) + Cells.size(obj.path("binaryData"))),
            Cells.age(obj, now)});
  }

  static TablePrinter secret() {
    return new KindPrinter(List.of(
        Columns.NAME,
        of("Type", "string", Descriptions.SECRET_TYPE),
        of("Data", "string", Descriptions.SECRET_DATA),
        Columns.AGE),
        (obj, now) -> new Object[] {
            Cells.name(obj),
            Cells.text(obj.path("type")),
            secretDataCount(obj),
            Cells.age(obj, now)});
  }

  /** Keys of data, plus stringData keys the v1 conversion would merge into data. */
  private static long secretDataCount(JsonNode secret) {
    JsonNode data = secret.path("data");
    JsonNode stringData = secret.path("stringData");
    long count = Cells.size(data);
    if (stringData.isObject()) {
      for (var it = stringData.fieldNames(); it.hasNext(); ) {
        if (!data.has(it.next())) {
          count++;
        }
      }
    }
    return count;
  }

  static TablePrinter serviceAccount() {
    return new KindPrinter(List.of(
        Columns.NAME,
        of("Secrets", "string", Descriptions.SA_SECRETS),
        Columns.AGE),
        (obj, now) -> new Object[] {
            Cells.name(obj), (long) Cells.size(obj.path("secrets")), Cells.age(obj, now)});
  }

  static TablePrinter resourceQuota() {
    return new KindPrinter(List.of(
        Columns.NAME,
        of("Request", "string",
            "Request represents a minimum amount of cpu/memory that a container may consume."),
        of("Limit", "string", "Limits control the maximum amount of cpu/memory that a container may "
            + "use independent of contention on the node."),
        Columns.AGE),
        (obj, now) -> {
          JsonNode status = obj.path("status");
          JsonNode hard = status.path("hard");
          JsonNode used = status.path("used");
          StringBuilder requests = new StringBuilder();
          StringBuilder limits = new StringBuilder();
          if (hard.isObject()) {
            for (String resource : Cells.sortedKeys(hard)) {
              int dot = resource.indexOf('.');
              StringBuilder w = dot > 0 && "limits".equals(resource.substring(0, dot)) ? limits : requests;
              if (!w.isEmpty()) {
                w.append(", ");
              }
              w.append(resource).append(": ").append(Cells.quantityOrZero(used.path(resource)))
                  .append('/').append(Cells.quantityOrZero(hard.path(resource)));
            }
          }
          return new Object[] {
              Cells.name(obj), requests.toString(), limits.toString(), Cells.age(obj, now)};
        });
  }

  static TablePrinter componentStatus() {
    return new KindPrinter(List.of(
        Columns.NAME,
        of("Status", "string", "Status of the component conditions"),
        of("Message", "string", "Message of the component conditions"),
        of("Error", "string", "Error of the component conditions")),
        (obj, now) -> {
          String status = "Unknown";
          String message = "";
          String error = "";
          JsonNode conditions = obj.path("conditions");
          for (int i = 0; i < Cells.size(conditions); i++) {
            JsonNode c = conditions.get(i);
            if ("Healthy".equals(Cells.text(c.path("type")))) {
              status = "True".equals(Cells.text(c.path("status"))) ? "Healthy" : "Unhealthy";
              message = Cells.text(c.path("message"));
              error = Cells.text(c.path("error"));
              break;
            }
          }
          return new Object[] {Cells.name(obj), status, message, error};
        });
  }

  // ---- storage -------------------------------------------------------------------------------

  private static final String BETA_STORAGE_CLASS_ANNOTATION = "volume.beta.kubernetes.io/storage-class";

  static TablePrinter persistentVolume() {
    return new KindPrinter(List.of(
        Columns.NAME,
        of("Capacity", "string", Descriptions.PV_CAPACITY),
        of("Access Modes", "string", Descriptions.PV_ACCESS_MODES),
        of("Reclaim Policy", "string", Descriptions.PV_RECLAIM_POLICY),
        of("Status", "string", Descriptions.PV_PHASE),
        of("Claim", "string", Descriptions.PV_CLAIM_REF),
        of("StorageClass", "string", "StorageClass of the pv"),
        of("VolumeAttributesClass", "string", "VolumeAttributesClass of the pv"),
        of("Reason", "string", Descriptions.PV_REASON),
        Columns.AGE,
        wide("VolumeMode", "string", Descriptions.PV_VOLUME_MODE)),
        (obj, now) -> {
          JsonNode spec = obj.path("spec");
          JsonNode claimRef = spec.path("claimRef");
          String claim = claimRef.isObject()
              ? Cells.text(claimRef.path("namespace")) + "/" + Cells.text(claimRef.path("name")) : "";
          String phase = Cells.deleting(obj) ? "Terminating" : Cells.text(obj.path("status").path("phase"));
          String storageClass = annotation(obj, BETA_STORAGE_CLASS_ANNOTATION);
          if (storageClass == null) {
            storageClass = Cells.text(spec.path("storageClassName"));
          }
          return new Object[] {
              Cells.name(obj),
              Cells.quantityOrZero(spec.path("capacity").path("storage")),
              accessModes(spec.path("accessModes")),
              Cells.text(spec.path("persistentVolumeReclaimPolicy")),
              phase,
              claim,
              storageClass,
              textOrUnset(spec.path("volumeAttributesClassName")),
              Cells.text(obj.path("status").path("reason")),
              Cells.age(obj, now),
              textOrUnset(spec.path("volumeMode"))};
        });
  }

  static TablePrinter persistentVolumeClaim() {
    return new KindPrinter(List.of(
        Columns.NAME,
        of("Status", "string", Descriptions.PVC_PHASE),
        of("Volume", "string", Descriptions.PVC_VOLUME_NAME),
        of("Capacity", "string", Descriptions.PVC_CAPACITY),
        of("Access Modes", "string", Descriptions.PVC_ACCESS_MODES),
        of("StorageClass", "string", "StorageClass of the pvc"),
        of("VolumeAttributesClass", "string", "VolumeAttributesClass of the pvc"),
        Columns.AGE,
        wide("VolumeMode", "string", Descriptions.PVC_VOLUME_MODE)),
        (obj, now) -> {
          JsonNode spec = obj.path("spec");
          JsonNode status = obj.path("status");
          String phase = Cells.deleting(obj) ? "Terminating" : Cells.text(status.path("phase"));
          String volumeName = Cells.text(spec.path("volumeName"));
          String capacity = "";
          String accessModes = "";
          if (!volumeName.isEmpty()) {
            accessModes = accessModes(status.path("accessModes"));
            capacity = Cells.quantityOrZero(status.path("capacity").path("storage"));
          }
          String storageClass = annotation(obj, BETA_STORAGE_CLASS_ANNOTATION);
          if (storageClass == null) {
            storageClass = Cells.text(spec.path("storageClassName"));
          }
          return new Object[] {
              Cells.name(obj),
              phase,
              volumeName,
              capacity,
              accessModes,
              storageClass,
              textOrUnset(spec.path("volumeAttributesClassName")),
              Cells.age(obj, now),
              textOrUnset(spec.path("volumeMode"))};
        });
  }

  static String textOrUnset(JsonNode node) {
    return Cells.present(node) ? Cells.text(node) : Cells.UNSET;
  }

  /** The annotation's value, or null when the object does not carry it. */
  static String annotation(JsonNode obj, String key) {
    JsonNode value = obj.path("metadata").path("annotations").path(key);
    return value.isTextual() ? value.textValue() : null;
  }

  /** upstream GetAccessModesAsString: de-duplicated, in the fixed order RWO, ROX, RWX, RWOP. */
  static String accessModes(JsonNode modes) {
    boolean rwo = false;
    boolean rox = false;
    boolean rwx = false;
    boolean rwop = false;
    for (int i = 0; i < Cells.size(modes); i++) {
      switch (Cells.text(modes.get(i))) {
        case "ReadWriteOnce" -> rwo = true;
        case "ReadOnlyMany" -> rox = true;
        case "ReadWriteMany" -> rwx = true;
        case "ReadWriteOncePod" -> rwop = true;
        default -> { }
      }
    }
    StringBuilder sb = new StringBuilder();
    appendMode(sb, rwo, "RWO");
    appendMode(sb, rox, "ROX");
    appendMode(sb, rwx, "RWX");
    appendMode(sb, rwop, "RWOP");
    return sb.toString();
  }

  private static void appendMode(StringBuilder sb, boolean present, String mode) {
    if (present) {
      if (!sb.isEmpty()) {
        sb.append(',');
      }
      sb.append(mode);
    }
  }
}
