package dev.custody.scan;

import static org.assertj.core.api.Assertions.assertThat;

import dev.custody.finding.Finding;
import dev.custody.finding.Severity;
import dev.custody.testkit.LegacyTorchTar;
import dev.custody.testkit.PickleBuilder;
import dev.custody.testkit.TarBuilder;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * torch's oldest checkpoint format: a tar whose storages, tensors and pickle members torch.load
 * unpickles (it tries every file as such a tar first). Every pickle is found where torch reads it,
 * including those after raw tensor bytes; payloads are harmless markers.
 */
class LegacyTarTest {
  private static final byte[] EVIL = ContainerTechniquesTest.EVIL;

  private static List<String> rules(ScanResult result) {
    return result.findings().stream().map(f -> f.rule().value() + " " + f.severity()).toList();
  }

  @Test
  void theBenignCheckpointIsOnlyNoted() {
    ScanResult result = Routing.scan(LegacyTorchTar.stateDict().bytes());
    assertThat(rules(result)).containsExactly("TORCH-008 INFO");
    assertThat(result.completed()).isTrue();
  }

  @Test
  void aPayloadInThePickleMemberIsCritical() {
    ScanResult result = Routing.scan(LegacyTorchTar.stateDict().object(EVIL).bytes());
    Finding f = result.findings().get(0);
    assertThat(f.rule().value()).isEqualTo("PICKLE-001");
    assertThat(f.severity()).isEqualTo(Severity.CRITICAL);
    assertThat(f.location().containers()).containsExactly("pickle", "pickle 1 at byte 0");
  }

  @Test
  void aPayloadAfterTheRawStorageBytesIsFound() {
    byte[] storages =
        LegacyTorchTar.storagesRecord(LegacyTorchTar.count(1), LegacyTorchTar.storageArgs(), EVIL);
    ScanResult result = Routing.scan(LegacyTorchTar.stateDict().storages(storages).bytes());
    assertThat(rules(result)).contains("PICKLE-001 CRITICAL").doesNotContain("TORCH-009 MEDIUM");
    assertThat(result.findings().get(0).location().containers())
        .containsExactly(
            "storages",
            "pickle 3 at byte "
                + (LegacyTorchTar.count(1).length + LegacyTorchTar.storageArgs().length + 8 + 16));
  }

  @Test
  void aPayloadInPlaceOfAStorageDescriptionIsFoundAndStopsTheWalk() {
    byte[] storages =
        LegacyTorchTar.storagesRecord(LegacyTorchTar.count(1), EVIL, LegacyTorchTar.storageViews());
    ScanResult result = Routing.scan(LegacyTorchTar.stateDict().storages(storages).bytes());
    assertThat(rules(result)).contains("PICKLE-001 CRITICAL", "TORCH-009 MEDIUM");
    assertThat(result.completed()).isFalse();
  }

  @Test
  void aPayloadAsASecondTensorIsFound() {
    byte[] tensors =
        LegacyTorchTar.tensorsRecord(LegacyTorchTar.count(2), LegacyTorchTar.tensorArgs(), EVIL);
    ScanResult result = Routing.scan(LegacyTorchTar.stateDict().tensors(tensors).bytes());
    assertThat(rules(result)).contains("PICKLE-001 CRITICAL");
    assertThat(result.findings().get(0).location().containers())
        .containsExactly(
            "tensors",
            "pickle 3 at byte "
                + (LegacyTorchTar.count(2).length + LegacyTorchTar.tensorArgs().length + 32));
  }

  @Test
  void aComputedCountIsNotFollowed() {
    byte[] computed =
        PickleBuilder.create()
            .proto(2)
            .global("builtins", "int")
            .shortBinUnicode("1")
            .tuple1()
            .reduce()
            .stop()
            .bytes();
    byte[] storages =
        LegacyTorchTar.storagesRecord(
            computed, LegacyTorchTar.storageArgs(), LegacyTorchTar.storageViews());
    ScanResult result = Routing.scan(LegacyTorchTar.stateDict().storages(storages).bytes());
    assertThat(rules(result)).contains("TORCH-009 MEDIUM");
    assertThat(result.completed()).isFalse();
  }

  @Test
  void anUnknownStorageTypeIsNotFollowed() {
    byte[] args =
        PickleBuilder.create()
            .proto(2)
            .binInt(1)
            .binUnicode("cpu")
            .global("torch", "MysteryStorage")
            .tuple3()
            .stop()
            .bytes();
    byte[] storages =
        LegacyTorchTar.storagesRecord(LegacyTorchTar.count(1), args, LegacyTorchTar.storageViews());
    ScanResult result = Routing.scan(LegacyTorchTar.stateDict().storages(storages).bytes());
    assertThat(rules(result)).contains("TORCH-009 MEDIUM");
    assertThat(result.findings()).anyMatch(f -> f.explanation().contains("torch.MysteryStorage"));
  }

  @Test
  void aStorageLargerThanTheRecordIsNotFollowed() {
    byte[] storages =
        LegacyTorchTar.storagesRecord(
            LegacyTorchTar.count(2), LegacyTorchTar.storageArgs(), LegacyTorchTar.storageViews());
    // The second storage's description is the views pickle, and then the record ends.
    ScanResult result = Routing.scan(LegacyTorchTar.stateDict().storages(storages).bytes());
    assertThat(rules(result)).contains("TORCH-009 MEDIUM");
  }

  @Test
  void otherMembersOfTheTarAreScannedAsUsual() {
    byte[] tar =
        TarBuilder.create().file("notes/pickle", EVIL).file("readme.txt", new byte[] {'h'}).bytes();
    ScanResult result = Routing.scan(tar);
    assertThat(rules(result)).containsExactly("PICKLE-001 CRITICAL");
  }
}
