package dev.berth.api.table;

import static dev.berth.api.table.ColumnDefinition.of;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The table printers kube-apiserver 1.32 uses, by API group and kind.
 *
 * <p>Built-in kinds get the columns of upstream's {@code pkg/printers/internalversion}; kinds it has
 * no printer for (Role, ClusterRole, LimitRange, CustomResourceDefinition, ...) get the generic
 * {@link #defaultPrinter() Name / Created At} table; custom resources get their CRD's printer columns
 * through {@link #forCustomResource(List)}.
 */
public final class TablePrinters {

  private static final Map<String, TablePrinter> BUILT_IN = builtIns();

  private static final TablePrinter DEFAULT = new KindPrinter(List.of(
      Columns.NAME,
      of("Created At", "date", Descriptions.META_CREATION)),
      (obj, now) -> new Object[] {Cells.name(obj), createdAt(obj)});

  private static final DateTimeFormatter RFC3339_SECONDS =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss'Z'").withZone(ZoneOffset.UTC);

  private TablePrinters() {}

  /**
   * The printer for a built-in kind, or {@link #defaultPrinter()} for any other.
   *
   * @param group the API group, "" for the core group
   * @param kind  the kind, e.g. "Pod"
   */
  public static TablePrinter forKind(String group, String kind) {
    return BUILT_IN.getOrDefault(key(group, kind), DEFAULT);
  }

  /** True when {@code group}/{@code kind} has a kind-specific printer. */
  public static boolean hasPrinter(String group, String kind) {
    return BUILT_IN.containsKey(key(group, kind));
  }

  /**
   * The generic table of upstream's {@code rest.DefaultTableConvertor}: Name and "Created At"
   * (type date, the creation timestamp in RFC 3339 UTC).
   */
  public static TablePrinter defaultPrinter() {
    return DEFAULT;
  }

  /** One of a CRD version's {@code additionalPrinterColumns}. */
  public record PrinterColumn(String name, String type, String format, String description,
      int priority, String jsonPath) {

    public PrinterColumn {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(type, "type");
      Objects.requireNonNull(jsonPath, "jsonPath");
    }

    /** Reads one entry of {@code spec.versions[].additionalPrinterColumns}. */
    public static PrinterColumn fromJson(JsonNode column) {
      return new PrinterColumn(Cells.text(column.path("name")), Cells.text(column.path("type")),
          Cells.text(column.path("format")), Cells.text(column.path("description")),
          (int) Cells.integer(column.path("priority")), Cells.text(column.path("jsonPath")));
    }
  }

  /** The column apiextensions-apiserver serves when a CRD version declares none. */
  private static final PrinterColumn DEFAULT_CR_AGE = new PrinterColumn("Age", "date", "",
      Descriptions.META_CREATION, 0, ".metadata.creationTimestamp");

  /**
   * The printer of a custom resource version: Name plus {@code columns} (Age when empty). A column
   * whose JSONPath uses syntax outside the supported subset makes the whole CRD fall back to
   * {@link #defaultPrinter()}, as upstream does for printer specifications it cannot parse.
   */
  public static TablePrinter forCustomResource(List<PrinterColumn> columns) {
    List<PrinterColumn> effective = columns.isEmpty() ? List.of(DEFAULT_CR_AGE) : columns;
    List<ColumnDefinition> definitions = new ArrayList<>(effective.size());
    List<SimpleJsonPath> paths = new ArrayList<>(effective.size());
    for (PrinterColumn c : effective) {
      Optional<SimpleJsonPath> path = SimpleJsonPath.parse(c.jsonPath());
      if (path.isEmpty()) {
        return DEFAULT;
      }
      paths.add(path.get());
      definitions.add(new ColumnDefinition(c.name(), c.type(), c.format(), c.description(), c.priority()));
    }
    return new CustomResourcePrinter(definitions, paths);
  }

  /** "group/Kind" keys of the kind-specific printers (for tests and diagnostics). */
  static java.util.Set<String> registeredKinds() {
    return BUILT_IN.keySet();
  }

  private static String createdAt(JsonNode obj) {
    String text = Cells.text(obj.path("metadata").path("creationTimestamp"));
    Instant at = Timestamps.parse(text);
    if (at == null) {
      at = Instant.ofEpochSecond(Timestamps.GO_ZERO_TIME_SECONDS);
    }
    return RFC3339_SECONDS.format(at);
  }

  private static String key(String group, String kind) {
    return group + "/" + kind;
  }

  private static Map<String, TablePrinter> builtIns() {
    Map<String, TablePrinter> m = new HashMap<>();
    // core
    m.put(key("", "Pod"), new PodPrinter());
    m.put(key("", "PodTemplate"), WorkloadPrinters.podTemplate());
    m.put(key("", "ReplicationController"), WorkloadPrinters.replicationController());
    m.put(key("", "Service"), CorePrinters.service());
    m.put(key("", "Endpoints"), CorePrinters.endpoints());
    m.put(key("", "Node"), CorePrinters.node());
    m.put(key("", "Event"), EventPrinter.core());
    m.put(key("", "Namespace"), CorePrinters.namespace());
    m.put(key("", "Secret"), CorePrinters.secret());
    m.put(key("", "ServiceAccount"), CorePrinters.serviceAccount());
    m.put(key("", "PersistentVolume"), CorePrinters.persistentVolume());
    m.put(key("", "PersistentVolumeClaim"), CorePrinters.persistentVolumeClaim());
    m.put(key("", "ComponentStatus"), CorePrinters.componentStatus());
    m.put(key("", "ConfigMap"), CorePrinters.configMap());
    m.put(key("", "ResourceQuota"), CorePrinters.resourceQuota());
    // apps, batch, autoscaling, policy
    m.put(key("apps", "Deployment"), WorkloadPrinters.deployment());
    m.put(key("apps", "ReplicaSet"), WorkloadPrinters.replicaSet());
    m.put(key("apps", "StatefulSet"), WorkloadPrinters.statefulSet());
    m.put(key("apps", "DaemonSet"), WorkloadPrinters.daemonSet());
    m.put(key("apps", "ControllerRevision"), WorkloadPrinters.controllerRevision());
    m.put(key("batch", "Job"), WorkloadPrinters.job());
    m.put(key("batch", "CronJob"), WorkloadPrinters.cronJob());
    m.put(key("autoscaling", "HorizontalPodAutoscaler"), new HpaPrinter());
    m.put(key("autoscaling", "Scale"), WorkloadPrinters.scale());
    m.put(key("policy", "PodDisruptionBudget"), WorkloadPrinters.podDisruptionBudget());
    // networking and discovery
    m.put(key("networking.k8s.io", "Ingress"), ClusterPrinters.ingress());
    m.put(key("networking.k8s.io", "IngressClass"), ClusterPrinters.ingressClass());
    m.put(key("networking.k8s.io", "NetworkPolicy"), ClusterPrinters.networkPolicy());
    m.put(key("networking.k8s.io", "ServiceCIDR"), ClusterPrinters.serviceCIDR());
    m.put(key("networking.k8s.io", "IPAddress"), ClusterPrinters.ipAddress());
    m.put(key("discovery.k8s.io", "EndpointSlice"), ClusterPrinters.endpointSlice());
    m.put(key("events.k8s.io", "Event"), EventPrinter.eventsV1());
    // rbac, certificates, coordination
    m.put(key("rbac.authorization.k8s.io", "RoleBinding"), ClusterPrinters.roleBinding(false));
    m.put(key("rbac.authorization.k8s.io", "ClusterRoleBinding"), ClusterPrinters.roleBinding(true));
    m.put(key("certificates.k8s.io", "CertificateSigningRequest"),
        ClusterPrinters.certificateSigningRequest());
    m.put(key("certificates.k8s.io", "ClusterTrustBundle"), ClusterPrinters.clusterTrustBundle());
    m.put(key("coordination.k8s.io", "Lease"), ClusterPrinters.lease());
    m.put(key("coordination.k8s.io", "LeaseCandidate"), ClusterPrinters.leaseCandidate());
    // storage, scheduling, node
    m.put(key("storage.k8s.io", "StorageClass"), ClusterPrinters.storageClass());
    m.put(key("storage.k8s.io", "VolumeAttributesClass"), ClusterPrinters.volumeAttributesClass());
    m.put(key("storage.k8s.io", "VolumeAttachment"), ClusterPrinters.volumeAttachment());
    m.put(key("storage.k8s.io", "CSINode"), ClusterPrinters.csiNode());
    m.put(key("storage.k8s.io", "CSIDriver"), ClusterPrinters.csiDriver());
    m.put(key("storage.k8s.io", "CSIStorageCapacity"), ClusterPrinters.csiStorageCapacity());
    m.put(key("scheduling.k8s.io", "PriorityClass"), ClusterPrinters.priorityClass());
    m.put(key("node.k8s.io", "RuntimeClass"), ClusterPrinters.runtimeClass());
    // admission
    String admission = "admissionregistration.k8s.io";
    m.put(key(admission, "MutatingWebhookConfiguration"), ClusterPrinters.webhookConfiguration());
    m.put(key(admission, "ValidatingWebhookConfiguration"), ClusterPrinters.webhookConfiguration());
    m.put(key(admission, "ValidatingAdmissionPolicy"), ClusterPrinters.admissionPolicy(false));
    m.put(key(admission, "ValidatingAdmissionPolicyBinding"), ClusterPrinters.admissionPolicyBinding());
    m.put(key(admission, "MutatingAdmissionPolicy"), ClusterPrinters.admissionPolicy(true));
    m.put(key(admission, "MutatingAdmissionPolicyBinding"), ClusterPrinters.admissionPolicyBinding());
    // flow control, dynamic resources, internal
    m.put(key("flowcontrol.apiserver.k8s.io", "FlowSchema"), ClusterPrinters.flowSchema());
    m.put(key("flowcontrol.apiserver.k8s.io", "PriorityLevelConfiguration"),
        ClusterPrinters.priorityLevelConfiguration());
    m.put(key("resource.k8s.io", "DeviceClass"), ClusterPrinters.nameAndAge());
    m.put(key("resource.k8s.io", "ResourceClaim"), ClusterPrinters.resourceClaim());
    m.put(key("resource.k8s.io", "ResourceClaimTemplate"), ClusterPrinters.nameAndAge());
    m.put(key("resource.k8s.io", "ResourceSlice"), ClusterPrinters.resourceSlice());
    m.put(key("internal.apiserver.k8s.io", "StorageVersion"), ClusterPrinters.storageVersion());
    m.put(key("storagemigration.k8s.io", "StorageVersionMigration"),
        ClusterPrinters.storageVersionMigration());
    m.put(key("apiregistration.k8s.io", "APIService"), apiService());
    return Map.copyOf(m);
  }

  /** kube-aggregator's own table for APIServices. */
  private static TablePrinter apiService() {
    return new KindPrinter(List.of(
        Columns.NAME,
        of("Service", "string", "The reference to the service that hosts this API endpoint."),
        of("Available", "string", "Whether this service is available."),
        Columns.AGE),
        (obj, now) -> {
          JsonNode service = obj.path("spec").path("service");
          String serviceCell = service.isObject()
              ? Cells.text(service.path("namespace")) + "/" + Cells.text(service.path("name")) : "Local";
          String available = "Unknown";
          JsonNode conditions = obj.path("status").path("conditions");
          for (int i = 0; i < Cells.size(conditions); i++) {
            JsonNode c = conditions.get(i);
            if ("Available".equals(Cells.text(c.path("type")))) {
              String status = Cells.text(c.path("status"));
              String reason = Cells.text(c.path("reason"));
              available = "True".equals(status) || reason.isEmpty() ? status : status + " (" + reason + ")";
              break;
            }
          }
          return new Object[] {Cells.name(obj), serviceCell, available, Cells.age(obj, now)};
        });
  }
}
