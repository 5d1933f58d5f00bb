package dev.berth.api.proto;

import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Descriptors.FileDescriptor;
import dev.berth.api.meta.GroupVersion;
import java.lang.reflect.InvocationTargetException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Maps an apiVersion and kind to the protobuf message type of {@code io.kubernetes:client-java-proto},
 * found through the proto packages of its generated files ({@code k8s.io.api.apps.v1},
 * {@code k8s.io.apimachinery.pkg.apis.meta.v1}, ...) rather than per-kind code, plus the
 * {@link SupplementalTypes} that library lacks.
 */
final class KindIndex {

  /** The generated outer classes of client-java-proto 24; absent ones are skipped. */
  private static final List<String> OUTER_CLASSES = List.of(
      "Meta", "Runtime", "Resource", "IntStr", "RuntimeSchema",
      "V1", "V1Admission", "V1Admissionregistration", "V1Apps", "V1Authentication",
      "V1Authorization", "V1Autoscaling", "V1Batch", "V1Certificates", "V1Networking", "V1Policy",
      "V1Rbac", "V1Scheduling", "V1Storage",
      "V1alpha1Imagepolicy", "V1alpha1Rbac", "V1alpha1Scheduling",
      "V1beta1Admission", "V1beta1Admissionregistration", "V1beta1Apps",
      "V1beta1Authentication", "V1beta1Authorization", "V1beta1Batch", "V1beta1Certificates",
      "V1beta1Extensions", "V1beta1Policy", "V1beta1Rbac", "V1beta1Storage", "V1beta2Apps",
      "V2beta1Autoscaling", "V2beta2Autoscaling");
  private static final String OUTER_PACKAGE = "io.kubernetes.client.proto.";

  private static final String API_PREFIX = "k8s.io.api.";
  private static final String META_PACKAGE = "k8s.io.apimachinery.pkg.apis.meta.v1";
  private static final GroupVersion META_GROUP_VERSION = new GroupVersion("meta.k8s.io", "v1");
  private static final Pattern VERSION = Pattern.compile("v\\d+((alpha|beta)\\d+)?");

  /**
   * The option kinds upstream registers into every group version (metav1.AddToGroupVersion), so a
   * DeleteOptions arrives as "v1", "apps/v1" or "meta.k8s.io/v1".
   */
  private static final Set<String> OPTION_KINDS = Set.of("DeleteOptions", "ListOptions",
      "GetOptions", "CreateOptions", "UpdateOptions", "PatchOptions");

  /** Proto package names whose first segment is not the group's first label. */
  private static final Map<String, String> GROUP_EXCEPTIONS = Map.of(
      "core", "",
      "rbac", "rbac.authorization.k8s.io",
      "apiserverinternal", "internal.apiserver.k8s.io",
      "flowcontrol", "flowcontrol.apiserver.k8s.io");
  private static final Set<String> UNSUFFIXED_GROUPS = Set.of("apps", "batch", "policy",
      "autoscaling", "extensions");

  private final Map<GroupVersion, Map<String, Descriptor>> kinds;

  private KindIndex(Map<GroupVersion, Map<String, Descriptor>> kinds) {
    this.kinds = kinds;
  }

  /** Loads the generated files' descriptors; called once, lazily, by {@link ProtobufDecoder}. */
  static KindIndex load(ClassLoader loader) {
    Set<FileDescriptor> files = new HashSet<>();
    for (String simpleName : OUTER_CLASSES) {
      try {
        Class<?> outer = Class.forName(OUTER_PACKAGE + simpleName, true, loader);
        files.add((FileDescriptor) outer.getMethod("getDescriptor").invoke(null));
      } catch (ClassNotFoundException e) {
        // A client-java-proto version without this file: its kinds stay unknown.
      } catch (NoSuchMethodException | IllegalAccessException | InvocationTargetException e) {
        throw new IllegalStateException("not a generated protobuf file class: " + simpleName, e);
      }
    }
    files.stream().filter(f -> f.getPackage().equals(META_PACKAGE)).findFirst().ifPresent(meta -> {
      boolean hasCoordination = files.stream()
          .anyMatch(f -> f.getPackage().equals("k8s.io.api.coordination.v1"));
      if (!hasCoordination) {
        files.addAll(SupplementalTypes.load(meta));
      }
    });
    Map<GroupVersion, Map<String, Descriptor>> kinds = new HashMap<>();
    for (FileDescriptor file : files) {
      GroupVersion gv = groupVersionOf(file.getPackage());
      if (gv == null) {
        continue;
      }
      Map<String, Descriptor> byKind = kinds.computeIfAbsent(gv, k -> new HashMap<>());
      for (Descriptor d : file.getMessageTypes()) {
        if (isKind(d, gv)) {
          byKind.put(d.getName(), d);
        }
      }
    }
    kinds.replaceAll((gv, byKind) -> Map.copyOf(byKind));
    return new KindIndex(Map.copyOf(kinds));
  }

  /**
   * The group and version a proto package holds, or null for packages with no kinds of their own
   * (runtime, resource, intstr) and for apiextensions v1beta1, whose JSON (JSONSchemaProps and its
   * union types) this decoder does not reproduce and which kube-apiserver no longer serves.
   */
  static GroupVersion groupVersionOf(String protoPackage) {
    if (protoPackage.equals(META_PACKAGE)) {
      return META_GROUP_VERSION;
    }
    if (!protoPackage.startsWith(API_PREFIX)) {
      return null;
    }
    String[] parts = protoPackage.substring(API_PREFIX.length()).split("\\.");
    if (parts.length != 2 || !VERSION.matcher(parts[1]).matches()) {
      return null;
    }
    String name = parts[0];
    String group = GROUP_EXCEPTIONS.containsKey(name) ? GROUP_EXCEPTIONS.get(name)
        : UNSUFFIXED_GROUPS.contains(name) ? name : name + ".k8s.io";
    return new GroupVersion(group, parts[1]);
  }

  /** Top-level kinds carry ObjectMeta or ListMeta; meta's option types carry none. */
  private static boolean isKind(Descriptor d, GroupVersion gv) {
    FieldDescriptor metadata = d.findFieldByName("metadata");
    if (metadata != null && metadata.getType() == FieldDescriptor.Type.MESSAGE) {
      String metaType = metadata.getMessageType().getFullName();
      if (metaType.equals(META_PACKAGE + ".ObjectMeta") || metaType.equals(META_PACKAGE + ".ListMeta")) {
        return true;
      }
    }
    return gv.equals(META_GROUP_VERSION) && OPTION_KINDS.contains(d.getName());
  }

  boolean knows(GroupVersion gv) {
    return kinds.containsKey(gv);
  }

  /** The message type of this kind in this group version, or null. */
  Descriptor find(GroupVersion gv, String kind) {
    Map<String, Descriptor> byKind = kinds.get(gv);
    if (byKind == null) {
      return null;
    }
    Descriptor d = byKind.get(kind);
    if (d == null && OPTION_KINDS.contains(kind)) {
      Map<String, Descriptor> meta = kinds.get(META_GROUP_VERSION);
      d = meta == null ? null : meta.get(kind);
    }
    return d;
  }
}
