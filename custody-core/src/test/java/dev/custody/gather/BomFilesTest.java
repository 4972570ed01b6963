package dev.custody.gather;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.custody.evidence.BomEvidence;
import dev.custody.evidence.DependencyEvidence;
import dev.custody.model.Digest;
import dev.custody.model.HashAlgorithm;
import dev.custody.testkit.ModelTree;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bill-of-materials facts from the model card and requirement files, through their readers. */
class BomFilesTest {
  private static final Digest ROOT = new Digest(HashAlgorithm.SHA256, "ab".repeat(32));

  @TempDir Path dir;

  private static final String CARD =
      """
      ---
      license: apache-2.0
      datasets:
        - imdb
      ---
      # Sentiment
      """;

  @Test
  void licencesBecomeSpdxAndRequirementsBecomePackageUrls() throws Exception {
    Path model =
        ModelTree.at(dir.resolve("m"))
            .file("README.md", CARD)
            .file("requirements.txt", "torch==2.1.0\nNumPy>=1.24\ntorch==2.1.0\n")
            .root();

    BomEvidence bom = BomFiles.inModel().bom(model, ROOT);

    assertThat(bom.present()).isTrue();
    assertThat(bom.licences()).containsExactly("Apache-2.0");
    assertThat(bom.dependencies())
        .containsExactly(
            new DependencyEvidence("torch", "2.1.0", "pkg:pypi/torch@2.1.0"),
            new DependencyEvidence("numpy", "", "pkg:pypi/numpy"));
  }

  @Test
  void aLicenceSpdxDoesNotKnowIsARefNeverAnId() throws Exception {
    Path model =
        ModelTree.at(dir.resolve("m"))
            .file("README.md", "---\nlicense: other\nlicense_name: my-terms\n---\n")
            .root();
    assertThat(BomFiles.inModel().bom(model, ROOT).licences()).containsExactly("LicenseRef-other");
  }

  @Test
  void aFolderWithoutCardFactsOrRequirementsHasNoBom() throws Exception {
    Path model =
        ModelTree.at(dir.resolve("m"))
            .file("README.md", "# just prose, no front matter\n")
            .file("config.json", "{}")
            .root();
    assertThat(BomFiles.inModel().bom(model, ROOT)).isEqualTo(BomEvidence.absent());
    Path single = Files.writeString(dir.resolve("model.bin"), "x");
    assertThat(BomFiles.inModel().bom(single, ROOT)).isEqualTo(BomEvidence.absent());
  }

  @Test
  void aLinkedCardIsNotTheModelsOwn() throws Exception {
    Path card = Files.writeString(dir.resolve("elsewhere.md"), CARD);
    Path model = ModelTree.at(dir.resolve("m")).file("config.json", "{}").root();
    Files.createSymbolicLink(model.resolve("README.md"), card);
    assertThat(BomFiles.inModel().bom(model, ROOT).present()).isFalse();
  }

  @Test
  void givenFilesTakeThePlaceOfTheFoldersOwn() throws Exception {
    Path model =
        ModelTree.at(dir.resolve("m")).file("README.md", "---\nlicense: mit\n---\n").root();
    Path card = Files.writeString(dir.resolve("card.md"), CARD);
    Path freeze = Files.writeString(dir.resolve("freeze.txt"), "safetensors==0.4.2\n");
    BomEvidence bom = BomFiles.of(Optional.of(card), List.of(freeze)).bom(model, ROOT);
    assertThat(bom.licences()).containsExactly("Apache-2.0");
    assertThat(bom.dependencies())
        .extracting(DependencyEvidence::name)
        .containsExactly("safetensors");
  }

  @Test
  void lockFilesInTheFolderAreReadByTheirOwnReader() throws Exception {
    Path model =
        ModelTree.at(dir.resolve("m"))
            .file("poetry.lock", "[[package]]\nname = \"torch\"\nversion = \"2.1.0\"\n")
            .file("pylock.toml", "lock-version = \"1.0\"\n[[packages]]\nname = \"tqdm\"\n")
            .root();
    assertThat(BomFiles.inModel().bom(model, ROOT).dependencies())
        .extracting(DependencyEvidence::purl)
        .containsExactly("pkg:pypi/torch@2.1.0", "pkg:pypi/tqdm");
  }

  @Test
  void aCardTheReaderRefusesStopsTheGatheringWithTheFileAndReason() {
    Path model =
        ModelTree.at(dir.resolve("m")).file("README.md", "---\nlicense: [unclosed\n---\n").root();
    assertThatThrownBy(() -> BomFiles.inModel().bom(model, ROOT))
        .isInstanceOf(GatherException.class)
        .hasMessageContaining("model card")
        .hasMessageContaining("README.md")
        .hasMessageContaining("was refused");
  }

  @Test
  void aHugeRequirementsFileIsRefusedNotRead() throws Exception {
    Path model =
        ModelTree.at(dir.resolve("m"))
            .file("requirements.txt", "torch==2.1.0\n".repeat(1 << 20))
            .root();
    assertThatThrownBy(() -> BomFiles.inModel().bom(model, ROOT))
        .isInstanceOf(GatherException.class)
        .hasMessageContaining("requirements.txt");
  }
}
