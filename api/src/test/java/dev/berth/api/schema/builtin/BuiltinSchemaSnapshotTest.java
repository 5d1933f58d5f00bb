package dev.berth.api.schema.builtin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.berth.api.meta.GroupVersionKind;
import dev.berth.api.schema.Schema;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The shipped snapshot (builtin-schemas.json) must be exactly what deriving from the model classes
 * gives today. After changing the tables, the derivation or the fabric8 version, regenerate it:
 * {@code mvn -pl api -am test -Dtest=BuiltinSchemaSnapshotTest -Dsurefire.failIfNoSpecifiedTests=false
 * -Dberth.writeSchemaSnapshot=true}.
 */
class BuiltinSchemaSnapshotTest {

  private static final Path SOURCE = Path.of("src/main/resources" + BuiltinSchemas.SNAPSHOT);

  @Test
  void shippedSnapshotEqualsAFreshDerivation() throws IOException {
    byte[] derived = new BuiltinSchemas(null).snapshot();
    if (Boolean.getBoolean("berth.writeSchemaSnapshot")) {
      Files.write(SOURCE, derived);
    }
    byte[] shipped;
    if (Boolean.getBoolean("berth.writeSchemaSnapshot")) {
      shipped = Files.readAllBytes(SOURCE);
    } else {
      try (InputStream in = BuiltinSchemas.class.getResourceAsStream(BuiltinSchemas.SNAPSHOT)) {
        assertThat(in).as("snapshot resource " + BuiltinSchemas.SNAPSHOT).isNotNull();
        shipped = in.readAllBytes();
      }
    }
    assertThat(new String(shipped, StandardCharsets.UTF_8))
        .as("builtin-schemas.json is stale: regenerate it with -Dberth.writeSchemaSnapshot=true (see class doc)")
        .isEqualTo(new String(derived, StandardCharsets.UTF_8));
  }

  @Test
  void readingASnapshotRestoresTheSameGraph() throws IOException {
    BuiltinSchemas derived = new BuiltinSchemas(null);
    byte[] bytes = derived.snapshot();
    SchemaSnapshot.Loaded loaded = SchemaSnapshot.read(new ObjectMapper().readTree(bytes));
    assertThat(new String(SchemaSnapshot.write(loaded.fingerprint(), loaded.kinds(), loaded.components()),
        StandardCharsets.UTF_8)).isEqualTo(new String(bytes, StandardCharsets.UTF_8));

    Schema pod = loaded.kinds().get(GroupVersionKind.of("v1", "Pod"));
    Schema template = loaded.kinds().get(GroupVersionKind.of("v1", "PodTemplate"));
    assertThat(template.property("template").property("spec")).isSameAs(pod.property("spec"));
    Schema deploymentSpec = loaded.components().get("io.k8s.api.apps.v1.DeploymentSpec");
    Schema strategy = deploymentSpec.property("strategy");
    Schema canonical = loaded.components().get("io.k8s.api.apps.v1.DeploymentStrategy");
    assertThat(strategy).isNotSameAs(canonical);
    assertThat(strategy.patchStrategy()).isEqualTo("retainKeys");
    assertThat(canonical.patchStrategy()).isNull();
    assertThat(strategy.property("rollingUpdate")).isSameAs(canonical.property("rollingUpdate"));
    Schema props = loaded.components().get("io.k8s.apiextensions-apiserver.pkg.apis.apiextensions.v1.JSONSchemaProps");
    assertThat(props.property("properties").additionalProperties()).isSameAs(props);
    assertThat(pod.groupVersionKinds()).containsExactly(GroupVersionKind.of("v1", "Pod"));
    assertThat(pod.property("spec").property("containers").listMapKeys()).containsExactly("name");
  }

  @Test
  void theDefaultInstanceLoadsTheSnapshot() {
    // while regenerating, the copy on the class path is the old one
    assumeFalse(Boolean.getBoolean("berth.writeSchemaSnapshot"));
    BuiltinSchemas schemas = new BuiltinSchemas();
    Schema pod = schemas.schemaFor(GroupVersionKind.of("v1", "Pod"));
    assertThat(schemas.loadedFromSnapshot()).isTrue();
    assertThat(pod.property("spec").property("containers").patchMergeKey()).isEqualTo("name");
    assertThat(new String(schemas.snapshot(), StandardCharsets.UTF_8))
        .isEqualTo(new String(new BuiltinSchemas(null).snapshot(), StandardCharsets.UTF_8));
  }

  @Test
  void aMissingOrStaleSnapshotFallsBackToDeriving() {
    BuiltinSchemas missing = new BuiltinSchemas("/dev/berth/api/schema/no-such-snapshot.json");
    assertThat(missing.schemaFor(GroupVersionKind.of("apps/v1", "Deployment")).property("spec")
        .property("replicas").format()).isEqualTo("int32");
    assertThat(missing.loadedFromSnapshot()).isFalse();

    BuiltinSchemas stale = new BuiltinSchemas("/dev/berth/api/schema/builtin/stale-snapshot.json");
    assertThat(stale.schemaFor(GroupVersionKind.of("v1", "Pod")).property("spec").property("volumes")
        .patchStrategy()).isEqualTo("merge,retainKeys");
    assertThat(stale.loadedFromSnapshot()).isFalse();

    BuiltinSchemas garbage = new BuiltinSchemas("/dev/berth/api/schema/builtin/garbage-snapshot.json");
    assertThat(garbage.schemaFor(GroupVersionKind.of("v1", "Pod")).name()).isEqualTo("io.k8s.api.core.v1.Pod");
    assertThat(garbage.loadedFromSnapshot()).isFalse();
  }

  @Test
  void theFingerprintCoversTheTablesAndTheCatalog() {
    BuiltinSchemas schemas = new BuiltinSchemas(null);
    assertThat(schemas.fingerprint()).matches("[0-9a-f]{64}").isEqualTo(new BuiltinSchemas().fingerprint());
  }
}
