package dev.berth.e2e;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The module dependency table of DESIGN.md §3, enforced: each layer may only reach down. A wrong
 * import fails the build here.
 */
class ArchitectureTest {

  private static JavaClasses classes;

  @BeforeAll
  static void importClasses() {
    classes = new ClassFileImporter()
        .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
        .importPackages("dev.berth");
  }

  /** Modules that don't exist yet have no classes: their rules hold vacuously until they do. */
  private static void check(ArchRule rule) {
    rule.allowEmptyShould(true).check(classes);
  }

  @Test
  void apiDependsOnNoOtherModule() {
    check(noClasses().that().resideInAPackage("dev.berth.api..")
        .should().dependOnClassesThat().resideInAnyPackage("dev.berth.store..",
            "dev.berth.apiserver..", "dev.berth.client..", "dev.berth.scheduler..",
            "dev.berth.controllers..", "dev.berth.node..", "dev.berth.management..",
            "dev.berth.cli..", "dev.berth.portal..", "dev.berth.testkit..", "dev.berth.bench..",
            "dev.berth.dist..", "io.vertx..", "io.fabric8.kubernetes.client.."));
  }

  @Test
  void storeKnowsNothingOfTheApi() {
    check(noClasses().that().resideInAPackage("dev.berth.store..")
        .should().dependOnClassesThat().resideInAnyPackage("dev.berth.api..",
            "dev.berth.apiserver..", "dev.berth.client..", "dev.berth.testkit..",
            "dev.berth.dist..", "io.fabric8..", "com.fasterxml.jackson.."));
  }

  @Test
  void apiserverUsesOnlyApiAndStore() {
    check(noClasses().that().resideInAPackage("dev.berth.apiserver..")
        .should().dependOnClassesThat().resideInAnyPackage("dev.berth.client..",
            "dev.berth.scheduler..", "dev.berth.controllers..", "dev.berth.node..",
            "dev.berth.management..", "dev.berth.cli..", "dev.berth.portal..",
            "dev.berth.testkit..", "dev.berth.bench..", "dev.berth.dist..",
            "io.fabric8.kubernetes.client.."));
  }

  @Test
  void clientsReachClustersOnlyThroughTheApi() {
    check(noClasses().that().resideInAnyPackage("dev.berth.client..", "dev.berth.scheduler..",
            "dev.berth.controllers..", "dev.berth.node..", "dev.berth.management..",
            "dev.berth.cli..", "dev.berth.portal..")
        .should().dependOnClassesThat().resideInAnyPackage("dev.berth.apiserver..",
            "dev.berth.store..", "dev.berth.testkit..", "dev.berth.bench..", "dev.berth.dist.."));
  }

  @Test
  void nothingDependsOnTheDistribution() {
    check(noClasses().that().resideOutsideOfPackages("dev.berth.dist..", "dev.berth.bench..")
        .should().dependOnClassesThat().resideInAPackage("dev.berth.dist.."));
  }

  @Test
  void productionCodeNeverUsesTheTestkit() {
    check(noClasses().that().resideOutsideOfPackages("dev.berth.testkit..", "dev.berth.bench..")
        .should().dependOnClassesThat().resideInAPackage("dev.berth.testkit.."));
  }
}
