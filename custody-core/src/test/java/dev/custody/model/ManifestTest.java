package dev.custody.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class ManifestTest {
  private static final Digest D =
      Digest.parse("sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  private static final Serialization FILES =
      new Serialization.FileSerialization(HashAlgorithm.SHA256, false, List.of());

  @Test
  void rejectsResourcesOutOfOrderOrRepeated() {
    Resource a = new Resource(new ModelPath("a"), null, D);
    Resource b = new Resource(new ModelPath("b"), null, D);
    assertThatThrownBy(() -> new Manifest("m", FILES, List.of(b, a)))
        .hasMessageContaining("out of manifest order or repeated at 'a'");
    assertThatThrownBy(() -> new Manifest("m", FILES, List.of(a, a)))
        .hasMessageContaining("repeated at 'a'");
  }

  @Test
  void rejectsShardsInAFilesManifestAndOtherAlgorithms() {
    Resource shard = new Resource(new ModelPath("a"), new ShardRange(0, 1), D);
    assertThatThrownBy(() -> new Manifest("m", FILES, List.of(shard)))
        .hasMessageContaining("does not match the manifest's files serialization");
    Serialization blake =
        new Serialization.FileSerialization(HashAlgorithm.BLAKE3, false, List.of());
    assertThatThrownBy(
            () -> new Manifest("m", blake, List.of(new Resource(new ModelPath("a"), null, D))))
        .hasMessageContaining("has a sha256 digest in a blake3 manifest");
  }

  @Test
  void blake3CannotBeSharded() {
    assertThatThrownBy(
            () -> new Serialization.ShardSerialization(HashAlgorithm.BLAKE3, 16, false, List.of()))
        .hasMessageStartingWith("blake3 cannot be combined with shard serialization");
  }

  @Test
  void shardAlgorithmNameCarriesTheShardSize() {
    Serialization shards =
        new Serialization.ShardSerialization(HashAlgorithm.BLAKE2B, 1_000_000_000, true, List.of());
    assertThat(shards.resourceAlgorithm()).isEqualTo("blake2b-sharded-1000000000");
    assertThat(shards.method()).isEqualTo("shards");
  }

  @Test
  void emptyManifestHasTheDigestOfNothing() {
    assertThat(new Manifest("m", FILES, List.of()).rootDigest()).isEqualTo(D);
  }
}
