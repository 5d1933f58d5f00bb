package dev.berth.api.proto;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.introspect.BeanPropertyDefinition;
import com.google.protobuf.Descriptors.Descriptor;
import dev.berth.api.meta.GroupVersion;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesResource;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Walks every kind's message tree next to the fabric8 model class of the same kind (whose Jackson
 * properties are the Kubernetes JSON names) and checks that each protobuf field becomes a JSON
 * property the model knows: catches proto names that are not JSON names ({@code uID}) and embedded
 * structs that JSON flattens.
 */
class JsonNamesMatchModelTest {

  /** Group versions upstream still serves and the model covers. */
  private static final Set<GroupVersion> CHECKED = Set.of(
      new GroupVersion("", "v1"), new GroupVersion("apps", "v1"), new GroupVersion("batch", "v1"),
      new GroupVersion("policy", "v1"), new GroupVersion("rbac.authorization.k8s.io", "v1"),
      new GroupVersion("authorization.k8s.io", "v1"),
      new GroupVersion("authentication.k8s.io", "v1"),
      new GroupVersion("networking.k8s.io", "v1"), new GroupVersion("scheduling.k8s.io", "v1"),
      new GroupVersion("storage.k8s.io", "v1"), new GroupVersion("certificates.k8s.io", "v1"),
      new GroupVersion("admissionregistration.k8s.io", "v1"),
      new GroupVersion("autoscaling", "v1"));

  /**
   * Fields of client-java-proto 24's descriptors that Kubernetes 1.32 no longer has (so the model
   * does not either).
   */
  private static final Set<String> REMOVED_UPSTREAM = Set.of(
      "k8s.io.api.core.v1.PodResourceClaim.source");

  private static final ObjectMapper MAPPER = new ObjectMapper();

  @Test
  void everyProtoFieldIsAModelJsonProperty() throws IOException {
    KindIndex kinds = KindIndex.load(getClass().getClassLoader());
    PlanCache plans = PlanCache.withBundledTable();
    Map<String, Class<?>> models = modelKinds();
    List<String> mismatches = new ArrayList<>();
    Set<String> visited = new HashSet<>();
    int kindsChecked = 0;
    for (Map.Entry<String, Class<?>> model : models.entrySet()) {
      String[] gvk = model.getKey().split("\\|");
      GroupVersion gv = new GroupVersion(gvk[0], gvk[1]);
      if (!CHECKED.contains(gv)) {
        continue;
      }
      Descriptor type = kinds.find(gv, gvk[2]);
      if (type == null) {
        continue;
      }
      kindsChecked++;
      walk(plans, plans.plan(type), MAPPER.constructType(model.getValue()), visited, mismatches);
    }
    assertThat(kindsChecked).isGreaterThan(45);
    assertThat(visited).hasSizeGreaterThan(300);
    assertThat(mismatches).isEmpty();
  }

  private static void walk(PlanCache plans, MessagePlan plan, JavaType model, Set<String> visited,
      List<String> mismatches) {
    if (plan.special != MessagePlan.Special.NONE || !visited.add(plan.fullName + "@" + model)) {
      return;
    }
    Map<String, JavaType> properties = new HashMap<>();
    for (BeanPropertyDefinition p :
        MAPPER.getSerializationConfig().introspect(model).findProperties()) {
      properties.put(p.getName(), p.getPrimaryType());
    }
    for (FieldPlan f : plan.fields) {
      if (f.inline) {
        walk(plans, f.child(plans), model, visited, mismatches);
        continue;
      }
      JavaType type = properties.get(f.jsonName);
      if (type == null) {
        if (!REMOVED_UPSTREAM.contains(plan.fullName + "." + f.jsonName)) {
          mismatches.add(plan.fullName + "." + f.jsonName + " is not a property of "
              + model.getRawClass().getName());
        }
        continue;
      }
      if (f.messageType == null || f.isMap()) {
        if (f.isMap() && f.mapValue.messageType != null && type.getContentType() != null) {
          walk(plans, f.mapValue.child(plans), type.getContentType(), visited, mismatches);
        }
        continue;
      }
      JavaType element = f.repeated && type.getContentType() != null ? type.getContentType() : type;
      if (KubernetesResource.class.isAssignableFrom(element.getRawClass())) {
        walk(plans, f.child(plans), element, visited, mismatches);
      }
    }
  }

  /** The model's kinds by "group|version|kind", from its service registrations. */
  private static Map<String, Class<?>> modelKinds() throws IOException {
    Map<String, Class<?>> kinds = new HashMap<>();
    ClassLoader loader = JsonNamesMatchModelTest.class.getClassLoader();
    for (URL url : Collections.list(loader.getResources(
        "META-INF/services/" + KubernetesResource.class.getName()))) {
      try (BufferedReader in = new BufferedReader(
          new InputStreamReader(url.openStream(), StandardCharsets.UTF_8))) {
        String line;
        while ((line = in.readLine()) != null) {
          line = line.strip();
          if (line.isEmpty() || line.startsWith("#")) {
            continue;
          }
          try {
            Class<?> c = Class.forName(line, false, loader);
            if (HasMetadata.class.isAssignableFrom(c)) {
              @SuppressWarnings("unchecked")
              Class<? extends HasMetadata> resource = (Class<? extends HasMetadata>) c;
              kinds.put(HasMetadata.getGroup(resource) + "|" + HasMetadata.getVersion(resource)
                  + "|" + HasMetadata.getKind(resource), c);
            }
          } catch (ClassNotFoundException | LinkageError e) {
            // a registration whose class is not on this classpath
          }
        }
      }
    }
    return kinds;
  }
}
