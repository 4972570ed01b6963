package dev.custody.policy;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noMethods;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** The policy module's own rules: one YAML reader, CEL behind the API, no printing. */
@AnalyzeClasses(
    packages = "dev.custody.policy",
    importOptions = ImportOption.DoNotIncludeTests.class)
class PolicyArchitectureTest {

  @ArchTest
  static final ArchRule yamlIsReadInOnePlace =
      noClasses()
          .that()
          .resideOutsideOfPackage("dev.custody.policy.yaml..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage("com.fasterxml.jackson..", "org.yaml..")
          .because("untrusted YAML is read by one hardened reader (STYLE.md rule 4)");

  @ArchTest
  static final ArchRule celStaysBehindTheApi =
      noMethods()
          .that()
          .arePublic()
          .and()
          .areDeclaredInClassesThat()
          .arePublic()
          .should()
          .haveRawReturnType(
              com.tngtech.archunit.base.DescribedPredicate.describe(
                  "a CEL type", c -> c.getPackageName().startsWith("dev.cel")))
          .because("public signatures use JDK and custody types only (STYLE.md rule 11)");

  @ArchTest
  static final ArchRule neverPrints =
      noClasses()
          .should()
          .accessField(System.class, "out")
          .orShould()
          .accessField(System.class, "err")
          .because("library code never prints (STYLE.md rule 12)");
}
