package dev.custody.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** The package rules of BRIEF.md and STYLE.md §3.1, checked on every build. */
@AnalyzeClasses(packages = "dev.custody", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

  @ArchTest
  static final ArchRule domainTypesDoNoIo =
      noClasses()
          .that()
          .resideInAPackage("dev.custody.model..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage("java.io..", "java.nio.file..", "java.nio.channels..", "java.net..")
          .because("value types are pure (STYLE.md rule 3): services do the I/O");

  @ArchTest
  static final ArchRule domainDependsOnNothingElseInCustody =
      noClasses()
          .that()
          .resideInAPackage("dev.custody.model..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage("dev.custody.digest..")
          .because("data flows one way: model <- digest <- sign/attest/policy");

  @ArchTest
  static final ArchRule jsonIsReadOnlyByTheFormatReaders =
      noClasses()
          .that()
          .resideOutsideOfPackage("dev.custody.format..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage("com.fasterxml.jackson..")
          .because("untrusted JSON is read in one hardened place (STYLE.md rule 4)");

  @ArchTest
  static final ArchRule findingsDependOnNothingElseInCustody =
      noClasses()
          .that()
          .resideInAPackage("dev.custody.finding..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(
              "dev.custody.model..",
              "dev.custody.digest..",
              "dev.custody.format..",
              "dev.custody.scan..",
              "dev.custody.sign..")
          .because("findings are format-neutral value types every scanner reuses");

  @ArchTest
  static final ArchRule codecsOnlyInReaders =
      noClasses()
          .that()
          .resideOutsideOfPackage("dev.custody.format..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(
              "org.apache.commons.compress..", "com.github.luben..", "org.tukaani..")
          .because(
              "archives and compressed streams are untrusted input, read by the bounded readers"
                  + " in format.* (STYLE.md rule 4)");

  @ArchTest
  static final ArchRule jhdfOnlyBehindTheBoundedHdf5Reader =
      noClasses()
          .that()
          .resideOutsideOfPackage("dev.custody.format.hdf5..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage("io.jhdf..")
          .because(
              "jhdf parses hostile HDF5 only through format.hdf5's bounded storage, which limits"
                  + " reads, bytes and time (STYLE.md rule 4)");

  @ArchTest
  static final ArchRule evidenceDoesNoIo =
      noClasses()
          .that()
          .resideInAPackage("dev.custody.evidence")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(
              "java.io..",
              "java.nio.file..",
              "java.nio.channels..",
              "java.net..",
              "dev.custody.scan..",
              "dev.custody.sign..",
              "dev.custody.digest..")
          .because("evidence is a value type (STYLE.md rule 3); the gatherer does the work");

  @ArchTest
  static final ArchRule findingsDoNoIo =
      noClasses()
          .that()
          .resideInAPackage("dev.custody.finding..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage("java.io..", "java.nio.file..", "java.nio.channels..", "java.net..")
          .because("value types are pure (STYLE.md rule 3)");

  @ArchTest
  static final ArchRule formatReadersStandAlone =
      noClasses()
          .that()
          .resideInAPackage("dev.custody.format..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(
              "dev.custody.digest..",
              "dev.custody.sign..",
              "dev.custody.scan..",
              "dev.custody.finding..")
          .because("data flows one way: bytes -> format reader -> rules (scan, sign) -> verdicts");

  @ArchTest
  static final ArchRule formatReadersDoNoFileIo =
      noClasses()
          .that()
          .resideInAPackage("dev.custody.format..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage("java.nio.file..", "java.net..")
          .because("readers take bytes or streams; callers open files");

  @ArchTest
  static final ArchRule bouncyCastleStaysInTheCryptographicPackages =
      noClasses()
          .that()
          .resideOutsideOfPackages(
              "dev.custody.format.pem..", "dev.custody.digest..", "dev.custody.testkit..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage("org.bouncycastle..")
          .because(
              "keys are read and written in one place; hashing has its own (test fixtures aside)");

  @ArchTest
  static final ArchRule coreNeverPrints =
      noClasses()
          .should()
          .accessField(System.class, "out")
          .orShould()
          .accessField(System.class, "err")
          .because("library code never prints (STYLE.md rule 12)");

  @ArchTest
  static final ArchRule packagesAreFreeOfCycles =
      slices().matching("dev.custody.(*)..").should().beFreeOfCycles();
}
