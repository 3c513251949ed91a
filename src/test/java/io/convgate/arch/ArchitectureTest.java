package io.convgate.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The dependency arrows of docs/design.md, checked on the compiled main code. */
class ArchitectureTest {

  private static JavaClasses classes;

  @BeforeAll
  static void importClasses() {
    classes =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.convgate");
  }

  @Test
  void mappingAndRateLimitingArePure() {
    noClasses()
        .that()
        .resideInAnyPackage("io.convgate.mapping..", "io.convgate.ratelimit..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "com.fasterxml..",
            "io.smallrye..",
            "io.vertx..",
            "io.quarkus..",
            "jakarta..",
            "org.apache.kafka..",
            "io.convgate.ingest..",
            "io.convgate.delivery..",
            "io.convgate.ledger..",
            "io.convgate.hyros..")
        .check(classes);
  }

  @Test
  void nothingImportsTheStages() {
    // The ingest stage publishes two parts for the admin side: the admission check (HTTP ingestion
    // and replays validate exactly as the stage does) and the input-topic writer. Nothing else.
    noClasses()
        .that()
        .resideOutsideOfPackage("io.convgate.ingest..")
        .should()
        .dependOnClassesThat(
            JavaClass.Predicates.resideInAPackage("io.convgate.ingest..")
                .and(
                    DescribedPredicate.not(
                        com.tngtech.archunit.base.DescribedPredicate.describe(
                            "EventAdmission and its nested types",
                            (JavaClass c) ->
                                c.getName().startsWith("io.convgate.ingest.EventAdmission"))))
                .and(DescribedPredicate.not(JavaClass.Predicates.simpleName("InputPublisher"))))
        .check(classes);
    noClasses()
        .that()
        .resideOutsideOfPackage("io.convgate.delivery..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("io.convgate.delivery..")
        .check(classes);
  }

  @Test
  void hyrosKnowsNothingOfKafkaOrTheDatabase() {
    noClasses()
        .that()
        .resideInAPackage("io.convgate.hyros..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "org.apache.kafka..",
            "io.smallrye.reactive.messaging..",
            "io.vertx.mutiny.sqlclient..",
            "io.convgate.ledger..")
        .check(classes);
  }

  @Test
  void theRestClientInterfaceIsNotPublic() {
    noClasses().that().haveSimpleName("HyrosApi").should().bePublic().check(classes);
  }
}
