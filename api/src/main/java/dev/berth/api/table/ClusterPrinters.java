package dev.berth.api.table;

import static dev.berth.api.table.ColumnDefinition.of;
import static dev.berth.api.table.ColumnDefinition.wide;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * Printers of the networking, discovery, RBAC, certificates, coordination, storage, scheduling,
 * node, admission, flow control, resource and internal kinds.
 */
final class ClusterPrinters {

  private ClusterPrinters() {}

  // ---- networking ----------------------------------------------------------------------------

  static TablePrinter ingress() {
    return new KindPrinter(List.of(
        Columns.NAME,
        of("Class", "string",
            "The name of the IngressClass resource that should be used for additional configuration"),
        of("Hosts", "string",
            "Hosts that incoming requests are matched against before the ingress rule"),
        of("Address", "string", "Address is a list containing ingress points for the load-balancer"),
        of("Ports", "string", "Ports of TLS configurations that open"),
        Columns.AGE),
        (obj, now) -> {
          JsonNode spec = obj.path("spec");
          JsonNode className = spec.path("ingressClassName");
          return new Object[] {
              Cells.name(obj),
              Cells.present(className) ? Cells.text(className) : Cells.NONE,
              ingressHosts(spec.path("rules")),
              CorePrinters.loadBalancerIngress(obj.path("status").path("loadBalancer").path("ingress")),
              Cells.size(spec.path("tls")) != 0 ? "80, 443" : "80",
              Cells.age(obj, now)};
        });
  }

  /** upstream formatHosts, including its quirk of counting all rules in "+ N more...". */
  private static String ingressHosts(JsonNode rules) {
    final int max = 3;
    List<String> list = new ArrayList<>(max);
    boolean more = false;
    int n = Cells.size(rules);
    for (int i = 0; i < n; i++) {
      if (list.size() == max) {
        more = true;
      }
      String host = Cells.text(rules.get(i).path("host"));
      if (!more && !host.isEmpty()) {
        list.add(host);
      }
    }
    if (list.isEmpty()) {
      return "*";
    }
    String joined = String.join(",", list);
    return more ? joined + " + " + (n - max) + " more..." : joined;
  }

  static TablePrinter ingressClass() {
    return new KindPrinter(List.of(
        Columns.NAME,
        of("Controller", "string", "Controller that is responsible for handling this class"),
        of("Parameters", "string", "A reference to a resource with additional parameters"),
        Columns.AGE),
        (obj, now) -> {
          JsonNode spec = obj.path("spec");
          JsonNode params = spec.path("parameters");
          String parameters = Cells.NONE;
          if (params.isObject()) {
            parameters = Cells.text(params.path("kind"));
            if (Cells.present(params.path("apiGroup"))) {
              parameters += "." + Cells.text(params.path("apiGroup"));
            }
            parameters += "/" + Cells.text(params.path("name"));
          }
          return new Object[] {
              Cells.name(obj), Cells.text(spec.path("controller")), parameters, Cells.age(obj, now)};
        });
  }

  static TablePrinter networkPolicy() {
    return new KindPrinter(List.of(
        Columns.NAME,
        of("Pod-Selector", "string", Descriptions.NETPOL_POD_SELECTOR),
        Columns.AGE),
        (obj, now) -> new Object[] {
            Cells.name(obj),
            LabelSelectors.format(obj.path("spec").path("podSelector")),
            Cells.age(obj, now)});
  }

  static TablePrinter serviceCIDR() {
    return new KindPrinter(List.of(
        Columns.NAME,
        of("CIDRs", "string", Descriptions.SERVICE_CIDRS),
        Columns.AGE),
        (obj, now) -> new Object[] {
            Cells.name(obj), Cells.joinTexts(obj.path("spec").path("cidrs"), ","), Cells.age(obj, now)});
  }

  static TablePrinter ipAddress() {
    return new KindPrinter(List.of(
        Columns.NAME,
        of("ParentRef", "string", Descriptions.IPADDRESS_PARENT_REF)),
        // Upstream appends an age cell that has no column; kubectl ignores the extra cell.
        (obj, now) -> new Object[] {Cells.name(obj), ipAddressParent(obj.path("spec").path("parentRef"))});
  }

  private static String ipAddressParent(JsonNode ref) {
    if (!ref.isObject()) {
      return Cells.NONE;
    }
    String group = Cells.text(ref.path("group"));
    String resource = Cells.text(ref.path("resource"));
    String parent = Cells.lower(group.isEmpty() ? resource : resource + "." + group);
    String namespace = Cells.text(ref.path("namespace"));
    if (!namespace.isEmpty()) {
      parent += "/" + namespace;
    }
    return parent + "/" + Cells.text(ref.path("name"));
  }

  static TablePrinter endpointSlice() {
    return new KindPrinter(List.of(
        Columns.NAME,
        of("AddressType", "string", Descriptions.ES_ADDRESS_TYPE),
        of("Ports", "string", Descriptions.ES_PORTS),
        of("Endpoints", "string", Descriptions.ES_ENDPOINTS),
        Columns.AGE),
        (obj, now) -> new Object[] {
            Cells.name(obj),
            Cells.text(obj.path("addressType")),
            sliceThree(obj.path("ports"), true),
            sliceThree(obj.path("endpoints"), false),
            Cells.age(obj, now)});
  }

  /** upstream formatDiscoveryPorts / formatDiscoveryEndpoints: three items, then "+ N more...". */
  private static String sliceThree(JsonNode array, boolean ports) {
    final int max = 3;
    List<String> list = new ArrayList<>(max);
    int count = 0;
    for (int i = 0; i < Cells.size(array); i++) {
      JsonNode item = array.get(i);
      if (ports) {
        if (list.size() < max) {
          JsonNode port = item.path("port");
          JsonNode name = item.path("name");
          list.add(Cells.present(port) ? Long.toString(Cells.integer(port))
              : Cells.present(name) ? Cells.text(name) : "*");
        }
        count++;
      } else {
        JsonNode addresses = item.path("addresses");
        for (int j = 0; j < Cells.size(addresses); j++) {
          if (list.size() < max) {
            list.add(Cells.text(addresses.get(j)));
          }
          count++;
        }
      }
    }
    return Cells.listWithMore(list, count, max);
  }

  // ---- rbac ----------------------------------------------------------------------------------

  static TablePrinter roleBinding(boolean cluster) {
    String what = cluster ? "clusterRoleBinding" : "roleBinding";
    return new KindPrinter(List.of(
        Columns.NAME,
        of("Role", "string",
            cluster ? Descriptions.CLUSTERROLEBINDING_ROLE_REF : Descriptions.ROLEBINDING_ROLE_REF),
        Columns.AGE,
        wide("Users", "string", "Users in the " + what),
        wide("Groups", "string", "Groups in the " + what),
        wide("ServiceAccounts", "string", "ServiceAccounts in the " + what)),
        (obj, now) -> {
          JsonNode roleRef = obj.path("roleRef");
          StringBuilder users = new StringBuilder();
          StringBuilder groups = new StringBuilder();
          StringBuilder serviceAccounts = new StringBuilder();
          JsonNode subjects = obj.path("subjects");
          for (int i = 0; i < Cells.size(subjects); i++) {
            JsonNode s = subjects.get(i);
            String name = Cells.text(s.path("name"));
            switch (Cells.text(s.path("kind"))) {
              case "User" -> appendList(users, name);
              case "Group" -> appendList(groups, name);
              case "ServiceAccount" ->
                  appendList(serviceAccounts, Cells.text(s.path("namespace")) + "/" + name);
              default -> { }
            }
          }
          return new Object[] {
              Cells.name(obj),
              Cells.text(roleRef.path("kind")) + "/" + Cells.text(roleRef.path("name")),
              Cells.age(obj, now),
              users.toString(),
              groups.toString(),
              serviceAccounts.toString()};
        });
  }

  private static void appendList(StringBuilder sb, String item) {
    if (!sb.isEmpty()) {
      sb.append(", ");
    }
    sb.append(item);
  }

  // ---- certificates and coordination ---------------------------------------------------------

  static TablePrinter certificateSigningRequest() {
    return new KindPrinter(List.of(
        Columns.NAME,
        Columns.AGE,
        of("SignerName", "string", Descriptions.CSR_SIGNER),
        of("Requestor", "string", Descriptions.CSR_REQUEST),
        of("RequestedDuration", "string", Descriptions.CSR_EXPIRATION),
        of("Condition", "string", Descriptions.CSR_CONDITIONS)),
        (obj, now) -> {
          JsonNode spec = obj.path("spec");
          String signer = Cells.text(spec.path("signerName"));
          JsonNode expiration = spec.path("expirationSeconds");
          return new Object[] {
              Cells.name(obj),
              Cells.age(obj, now),
              signer.isEmpty() ? Cells.NONE : signer,
              Cells.text(spec.path("username")),
              Cells.present(expiration) ? HumanDuration.formatSeconds(Cells.integer(expiration)) : Cells.NONE,
              csrCondition(obj.path("status"))};
        });
  }

  private static String csrCondition(JsonNode status) {
    boolean approved = false;
    boolean denied = false;
    boolean failed = false;
    JsonNode conditions = status.path("conditions");
    for (int i = 0; i < Cells.size(conditions); i++) {
      switch (Cells.text(conditions.get(i).path("type"))) {
        case "Approved" -> approved = true;
        case "Denied" -> denied = true;
        case "Failed" -> failed = true;
        default -> { }
      }
    }
    String result = denied ? "Denied" : approved ? "Approved" : "Pending";
    if (failed) {
      result += ",Failed";
    }
    if (!Cells.text(status.path("certificate")).isEmpty()) {
      result += ",Issued";
    }
    return result;
  }

  static TablePrinter clusterTrustBundle() {
    return new KindPrinter(List.of(
        Columns.NAME,
        of("SignerName", "string", Descriptions.CTB_SIGNER)),
        (obj, now) -> {
          String signer = Cells.text(obj.path("spec").path("signerName"));
          return new Object[] {Cells.name(obj), signer.isEmpty() ? Cells.NONE : signer};
        });
  }

  static TablePrinter lease() {
    return new KindPrinter(List.of(
        Columns.NAME,
        of("Holder", "string", Descriptions.LEASE_HOLDER),
        Columns.AGE),
        (obj, now) -> new Object[] {
            Cells.name(obj), Cells.text(obj.path("spec").path("holderIdentity")), Cells.age(obj, now)});
  }

  static TablePrinter leaseCandidate() {
    return new KindPrinter(List.of(
        Columns.NAME,
        of("LeaseName", "string", Descriptions.LEASE_CANDIDATE_LEASE_NAME),
        of("BinaryVersion", "string", Descriptions.NONE),
        of("EmulationVersion", "string", Descriptions.NONE),
        Columns.AGE),
        (obj, now) -> {
          JsonNode spec = obj.path("spec");
          return new Object[] {
              Cells.name(obj),
              Cells.text(spec.path("leaseName")),
              Cells.text(spec.path("binaryVersion")),
              Cells.text(spec.path("emulationVersion")),
              Cells.age(obj, now)};
        });
  }

  // ---- storage -------------------------------------------------------------------------------

  static TablePrinter storageClass() {
    return new KindPrinter(List.of(
        Columns.NAME,
        of("Provisioner", "string", Descriptions.SC_PROVISIONER),
        of("ReclaimPolicy", "string", Descriptions.SC_RECLAIM),
        of("VolumeBindingMode", "string", Descriptions.SC_BINDING_MODE),
        of("AllowVolumeExpansion", "string", Descriptions.SC_EXPANSION),
        Columns.AGE),
        (obj, now) -> {
          String name = Cells.name(obj);
          if ("true".equals(CorePrinters.annotation(obj, "storageclass.kubernetes.io/is-default-class"))
              || "true".equals(
                  CorePrinters.annotation(obj, "storageclass.beta.kubernetes.io/is-default-class"))) {
            name += " (default)";
          }
          String reclaim = Cells.text(obj.path("reclaimPolicy"));
          String binding = Cells.text(obj.path("volumeBindingMode"));
          return new Object[] {
              name,
              Cells.text(obj.path("provisioner")),
              reclaim.isEmpty() ? "Delete" : reclaim,
              binding.isEmpty() ? "Immediate" : binding,
              Cells.bool(obj.path("allowVolumeExpansion")),
              Cells.age(obj, now)};
        });
  }

  static TablePrinter volumeAttributesClass() {
    return new KindPrinter(List.of(
        Columns.NAME,
        of("DriverName", "string", Descriptions.VAC_DRIVER),
        Columns.AGE),
        (obj, now) -> {
          String name = Cells.name(obj);
          if ("true".equals(CorePrinters.annotation(obj, "storage.kubernetes.io/is-default-class"))) {
            name += " (default)";
          }
          return new Object[] {name, Cells.text(obj.path("driverName")), Cells.age(obj, now)};
        });
  }

  static TablePrinter volumeAttachment() {
    return new KindPrinter(List.of(
        Columns.NAME,
        new ColumnDefinition("Attacher", "string", "name", Descriptions.VA_ATTACHER, 0),
        of("PV", "string", Descriptions.VA_PV),
        of("Node", "string", Descriptions.VA_NODE),
        of("Attached", "boolean", Descriptions.VA_ATTACHED),
        Columns.AGE),
        (obj, now) -> {
          JsonNode spec = obj.path("spec");
          return new Object[] {
              Cells.name(obj),
              Cells.text(spec.path("attacher")),
              Cells.text(spec.path("source").path("persistentVolumeName")),
              Cells.text(spec.path("nodeName")),
              Cells.bool(obj.path("status").path("attached")),
              Cells.age(obj, now)};
        });
  }

  static TablePrinter csiNode() {
    return new KindPrinter(List.of(
        Columns.NAME,
        of("Drivers", "integer", "Drivers indicates the number of CSI drivers registered on the node"),
        Columns.AGE),
        (obj, now) -> new Object[] {
            Cells.name(obj), (long) Cells.size(obj.path("spec").path("drivers")), Cells.age(obj, now)});
  }

  static TablePrinter csiDriver() {
    return new KindPrinter(List.of(
        Columns.NAME,
        of("AttachRequired", "boolean", Descriptions.CSI_ATTACH_REQUIRED),
        of("PodInfoOnMount", "boolean", Descriptions.CSI_POD_INFO),
        of("StorageCapacity", "boolean", Descriptions.CSI_STORAGE_CAPACITY),
        of("TokenRequests", "string", Descriptions.CSI_TOKEN_REQUESTS),
        of("RequiresRepublish", "boolean", Descriptions.CSI_REPUBLISH),
        of("Modes", "string", Descriptions.CSI_MODES),
        Columns.AGE),
        (obj, now) -> {
          JsonNode spec = obj.path("spec");
          JsonNode attach = spec.path("attachRequired");
          JsonNode tokens = spec.path("tokenRequests");
          String modes = Cells.joinTexts(spec.path("volumeLifecycleModes"), ",");
          return new Object[] {
              Cells.name(obj),
              Cells.present(attach) ? Cells.bool(attach) : true,
              Cells.bool(spec.path("podInfoOnMount")),
              Cells.bool(spec.path("storageCapacity")),
              tokens.isArray() ? Cells.joinField(tokens, "audience") : Cells.UNSET,
              Cells.bool(spec.path("requiresRepublish")),
              modes.isEmpty() ? Cells.NONE : modes,
              Cells.age(obj, now)};
        });
  }

  static TablePrinter csiStorageCapacity() {
    return new KindPrinter(List.of(
        Columns.NAME,
        of("StorageClassName", "string", Descriptions.CSC_STORAGE_CLASS),
        of("Capacity", "string", Descriptions.CSC_CAPACITY)),
        (obj, now) -> new Object[] {
            Cells.name(obj),
            Cells.text(obj.path("storageClassName")),
            Cells.present(obj.path("capacity")) ? Cells.text(obj.path("capacity")) : Cells.UNSET});
  }

  // ---- scheduling and node -------------------------------------------------------------------

  static TablePrinter priorityClass() {
    return new KindPrinter(List.of(
        Columns.NAME,
        of("Value", "integer", Descriptions.PC_VALUE),
        of("Global-Default", "boolean", Descriptions.PC_GLOBAL_DEFAULT),
        Columns.AGE,
        of("PreemptionPolicy", "string", Descriptions.PC_PREEMPTION)),
        (obj, now) -> new Object[] {
            Cells.name(obj),
            Cells.integer(obj.path("value")),
            Cells.bool(obj.path("globalDefault")),
            Cells.age(obj, now),
            Cells.text(obj.path("preemptionPolicy"))});
  }

  static TablePrinter runtimeClass() {
    return new KindPrinter(List.of(
        Columns.NAME,
        of("Handler", "string", Descriptions.NONE),
        Columns.AGE),
        (obj, now) -> new Object[] {Cells.name(obj), Cells.text(obj.path("handler")), Cells.age(obj, now)});
  }

  // ---- admission -----------------------------------------------------------------------------

  static TablePrinter webhookConfiguration() {
    return new KindPrinter(List.of(
        Columns.NAME,
        of("Webhooks", "integer",
            "Webhooks indicates the number of webhooks registered in this configuration"),
        Columns.AGE),
        (obj, now) -> new Object[] {
            Cells.name(obj), (long) Cells.size(obj.path("webhooks")), Cells.age(obj, now)});
  }

  static TablePrinter admissionPolicy(boolean mutating) {
    return new KindPrinter(List.of(
        Columns.NAME,
        mutating
            ? of("Mutations", "integer",
                "Mutation indicates the number of mutations rules defined in this configuration")
            : of("Validations", "integer",
                "Validations indicates the number of validation rules defined in this configuration"),
        of("ParamKind", "string",
            "ParamKind specifies the kind of resources used to parameterize this policy"),
        Columns.AGE),
        (obj, now) -> {
          JsonNode spec = obj.path("spec");
          JsonNode paramKind = spec.path("paramKind");
          return new Object[] {
              Cells.name(obj),
              (long) Cells.size(spec.path(mutating ? "mutations" : "validations")),
              paramKind.isObject()
                  ? Cells.text(paramKind.path("apiVersion")) + "/" + Cells.text(paramKind.path("kind"))
                  : Cells.UNSET,
              Cells.age(obj, now)};
        });
  }

  static TablePrinter admissionPolicyBinding() {
    return new KindPrinter(List.of(
        Columns.NAME,
        of("PolicyName", "string",
            "PolicyName indicates the policy definition which the policy binding binded to"),
        of("ParamRef", "string",
            "ParamRef indicates the param resource which sets the configration param"),
        Columns.AGE),
        (obj, now) -> {
          JsonNode spec = obj.path("spec");
          JsonNode ref = spec.path("paramRef");
          String param = Cells.UNSET;
          if (ref.isObject()) {
            String name = Cells.text(ref.path("name"));
            String namespace = Cells.text(ref.path("namespace"));
            if (!name.isEmpty()) {
              // Whether the param is cluster-scoped is unknown here, so "*" stands for its namespace.
              param = namespace.isEmpty() ? "*/" + name : namespace + "/" + name;
            } else if (ref.path("selector").isObject()) {
              param = LabelSelectors.goString(ref.path("selector"));
            }
          }
          return new Object[] {
              Cells.name(obj), Cells.text(spec.path("policyName")), param, Cells.age(obj, now)};
        });
  }

  // ---- flow control --------------------------------------------------------------------------

  static TablePrinter flowSchema() {
    return new KindPrinter(List.of(
        Columns.NAME,
        of("PriorityLevel", "string", Descriptions.FS_PL_NAME),
        of("MatchingPrecedence", "string", Descriptions.FS_PRECEDENCE),
        of("DistinguisherMethod", "string", Descriptions.FS_DISTINGUISHER),
        Columns.AGE,
        of("MissingPL", "string", "references a broken or non-existent PriorityLevelConfiguration")),
        (obj, now) -> {
          JsonNode spec = obj.path("spec");
          JsonNode distinguisher = spec.path("distinguisherMethod");
          String dangling = "?";
          JsonNode conditions = obj.path("status").path("conditions");
          for (int i = 0; i < Cells.size(conditions); i++) {
            if ("Dangling".equals(Cells.text(conditions.get(i).path("type")))) {
              dangling = Cells.text(conditions.get(i).path("status"));
              break;
            }
          }
          return new Object[] {
              Cells.name(obj),
              Cells.text(spec.path("priorityLevelConfiguration").path("name")),
              Cells.integer(spec.path("matchingPrecedence")),
              distinguisher.isObject() ? Cells.text(distinguisher.path("type")) : Cells.NONE,
              Cells.age(obj, now),
              dangling};
        });
  }

  static TablePrinter priorityLevelConfiguration() {
    return new KindPrinter(List.of(
        Columns.NAME,
        of("Type", "string", Descriptions.PL_TYPE),
        of("NominalConcurrencyShares", "string", Descriptions.PL_NCS),
        of("Queues", "string", Descriptions.PL_QUEUES),
        of("HandSize", "string", Descriptions.PL_HAND_SIZE),
        of("QueueLengthLimit", "string", Descriptions.PL_QUEUE_LENGTH),
        Columns.AGE),
        (obj, now) -> {
          JsonNode spec = obj.path("spec");
          JsonNode limited = spec.path("limited");
          Object shares = Cells.NONE;
          Object queues = Cells.NONE;
          Object handSize = Cells.NONE;
          Object queueLength = Cells.NONE;
          if (limited.isObject()) {
            // flowcontrol/v1 defaulting: 30 shares; queuing 64 queues, hand size 8, length 50.
            shares = Cells.integer(limited.path("nominalConcurrencyShares"), 30);
            JsonNode queuing = limited.path("limitResponse").path("queuing");
            if (queuing.isObject()) {
              queues = Cells.integer(queuing.path("queues"), 64);
              handSize = Cells.integer(queuing.path("handSize"), 8);
              queueLength = Cells.integer(queuing.path("queueLengthLimit"), 50);
            }
          }
          return new Object[] {
              Cells.name(obj), Cells.text(spec.path("type")), shares, queues, handSize, queueLength,
              Cells.age(obj, now)};
        });
  }

  // ---- resource (DRA) and internal -------------------------------------------------------------

  static TablePrinter nameAndAge() {
    return new KindPrinter(List.of(Columns.NAME, Columns.AGE),
        (obj, now) -> new Object[] {Cells.name(obj), Cells.age(obj, now)});
  }

  static TablePrinter resourceClaim() {
    return new KindPrinter(List.of(
        Columns.NAME,
        of("State", "string", "A summary of the current state (allocated, pending, reserved, etc.)."),
        Columns.AGE),
        (obj, now) -> {
          boolean deleting = Cells.deleting(obj);
          JsonNode status = obj.path("status");
          List<String> states = new ArrayList<>(3);
          if (deleting) {
            states.add("deleted");
          }
          if (!status.path("allocation").isObject()) {
            if (!deleting) {
              states.add("pending");
            }
          } else {
            states.add("allocated");
            if (Cells.size(status.path("reservedFor")) > 0) {
              states.add("reserved");
            }
          }
          return new Object[] {Cells.name(obj), String.join(",", states), Cells.age(obj, now)};
        });
  }

  static TablePrinter resourceSlice() {
    return new KindPrinter(List.of(
        Columns.NAME,
        of("Node", "string", Descriptions.RS_NODE_NAME),
        of("Driver", "string", Descriptions.RS_DRIVER),
        of("Pool", "string", Descriptions.RS_POOL_NAME),
        Columns.AGE),
        (obj, now) -> {
          JsonNode spec = obj.path("spec");
          return new Object[] {
              Cells.name(obj),
              Cells.text(spec.path("nodeName")),
              Cells.text(spec.path("driver")),
              Cells.text(spec.path("pool").path("name")),
              Cells.age(obj, now)};
        });
  }

  static TablePrinter storageVersion() {
    return new KindPrinter(List.of(
        Columns.NAME,
        of("CommonEncodingVersion", "string", Descriptions.SV_COMMON_ENCODING),
        of("StorageVersions", "string", Descriptions.SV_STORAGE_VERSIONS),
        Columns.AGE),
        (obj, now) -> {
          JsonNode status = obj.path("status");
          JsonNode versions = status.path("storageVersions");
          List<String> list = new ArrayList<>(3);
          int n = Cells.size(versions);
          for (int i = 0; i < n && list.size() < 3; i++) {
            JsonNode v = versions.get(i);
            list.add(Cells.text(v.path("apiServerID")) + "=" + Cells.text(v.path("encodingVersion")));
          }
          JsonNode common = status.path("commonEncodingVersion");
          return new Object[] {
              Cells.name(obj),
              Cells.present(common) ? Cells.text(common) : Cells.UNSET,
              Cells.listWithMore(list, n, 3),
              Cells.age(obj, now)};
        });
  }

  static TablePrinter storageVersionMigration() {
    return new KindPrinter(List.of(
        new ColumnDefinition("Name", "string", "", Descriptions.META_NAME, 0),
        of("Resource", "string", "Fully qualified resource to migrate")),
        (obj, now) -> {
          JsonNode resource = obj.path("spec").path("resource");
          return new Object[] {
              Cells.name(obj),
              Cells.text(resource.path("resource")) + "." + Cells.text(resource.path("version")) + "."
                  + Cells.text(resource.path("group"))};
        });
  }
}
