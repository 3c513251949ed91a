package io.convgate.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

/** The dependency arrows of docs/design.md, checked on the compiled main code. */
@Execution(ExecutionMode.CONCURRENT)
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

  /** The generic packages: they work for every destination kind and name none. */
  private static final String[] GENERIC = {
    "io.convgate.delivery..",
    "io.convgate.ledger..",
    "io.convgate.ingest..",
    "io.convgate.deadletter..",
    "io.convgate.pipeline..",
    "io.convgate.ratelimit..",
    "io.convgate.integration..",
    "io.convgate.route..",
    "io.convgate.destination..",
    "io.convgate.event..",
    "io.convgate.observe..",
    "io.convgate.console..",
    "io.convgate.cli..",
    "io.convgate.api.."
  };

  /** The destination plug-ins (docs/design.md, "Destinations"): one package per kind. */
  private static final String[] PLUGINS = {"io.convgate.hyros..", "io.convgate.hyperaktiv.."};

  @Test
  void genericPackagesKnowNoDestinationKind() {
    // Two exceptions, each Hyros' own feature rather than the pipeline's: connecting an account by
    // a one-time code (ConnectPage: Hyros' code exchange, decision 0029) and the read path
    // (io.convgate.sync, not in GENERIC: it reads Hyros only and skips other kinds).
    noClasses()
        .that()
        .resideInAnyPackage(GENERIC)
        .and(DescribedPredicate.not(JavaClass.Predicates.simpleName("ConnectPage")))
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(PLUGINS)
        .check(classes);
  }

  @Test
  void pluginsKnowOnlyTheSpiNotThePipeline() {
    // A kind brings mapping, sending, classifying, limits and its key check; the pipeline does
    // the rest without it: a plug-in never reaches into a stage, the ledger or the registry.
    noClasses()
        .that()
        .resideInAnyPackage(PLUGINS)
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "io.convgate.delivery..",
            "io.convgate.ledger..",
            "io.convgate.ingest..",
            "io.convgate.deadletter..",
            "io.convgate.pipeline..",
            "io.convgate.integration..",
            "io.convgate.route..",
            "io.convgate.ratelimit..")
        .check(classes);
    noClasses()
        .that()
        .implement(io.convgate.destination.Destination.class)
        .should()
        .resideInAnyPackage(GENERIC)
        .check(classes);
  }

  @Test
  void theRestClientInterfaceIsNotPublic() {
    noClasses().that().haveSimpleName("HyrosApi").should().bePublic().check(classes);
  }
}
