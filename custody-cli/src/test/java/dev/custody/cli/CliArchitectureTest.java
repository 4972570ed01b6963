package dev.custody.cli;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * Layering of the custody command: the CLI sits on top of the core, never the other way round, and
 * only the process entry point may end the JVM.
 */
@AnalyzeClasses(packages = "dev.custody", importOptions = ImportOption.DoNotIncludeTests.class)
class CliArchitectureTest {

  @ArchTest
  static final ArchRule coreDoesNotDependOnPicocliOrTheCli =
      noClasses()
          .that()
          .resideInAnyPackage(
              "dev.custody.model..",
              "dev.custody.digest..",
              "dev.custody.format..",
              "dev.custody.sign..",
              "dev.custody.internal..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage("picocli..", "dev.custody.cli..", "dev.sigstore..")
          .because("the core is a library that other front ends (a server, a plugin) reuse");

  @ArchTest
  static final ArchRule cliDependsOnlyOnCustodyTheJdkAndItsOwnLibraries =
      classes()
          .that()
          .resideInAPackage("dev.custody.cli..")
          .should()
          .onlyDependOnClassesThat()
          .resideInAnyPackage(
              "dev.custody..",
              "java..",
              "picocli..",
              "com.fasterxml.jackson..",
              "me.tongfei.progressbar..",
              "org.jspecify..")
          .because("the CLI reaches hashing and files only through custody-core");

  @ArchTest
  static final ArchRule cliUsesTheCoreDigestEngine =
      classes()
          .that()
          .haveFullyQualifiedName("dev.custody.cli.DigestCommand")
          .should()
          .dependOnClassesThat()
          .haveFullyQualifiedName("dev.custody.digest.ModelDigester");

  @ArchTest
  static final ArchRule onlyMainExitsTheJvm =
      noClasses()
          .that()
          .doNotHaveFullyQualifiedName("dev.custody.cli.Main")
          .should()
          .callMethod(System.class, "exit", int.class)
          .orShould()
          .callMethod(Runtime.class, "exit", int.class)
          .orShould()
          .callMethod(Runtime.class, "halt", int.class)
          .because("verbs return exit codes, so they can run in-process and in tests");

  @ArchTest
  static final ArchRule mainExitsWithTheExitCode =
      classes()
          .that()
          .haveFullyQualifiedName("dev.custody.cli.Main")
          .should()
          .callMethod(Runtime.class, "halt", int.class)
          .because("the exit-code rule above is only meaningful if the import sees Main's call");
}
