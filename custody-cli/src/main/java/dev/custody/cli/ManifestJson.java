package dev.custody.cli;

import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.custody.model.Digest;
import dev.custody.model.Manifest;
import dev.custody.model.ModelPath;
import dev.custody.model.Resource;
import dev.custody.model.Serialization;

/**
 * Renders a manifest as JSON with the field names of the OMS predicate ({@code serialization},
 * {@code resources}) and in-toto subject ({@code subject.name}, {@code subject.digest}), so a
 * reader of signatures reads this the same way.
 */
final class ManifestJson {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  /** Two-space indent, one array element per line, {@code "key": value}: easy to read and diff. */
  private static final DefaultPrettyPrinter PRINTER =
      new DefaultPrettyPrinter(
              Separators.createDefaultInstance()
                  .withObjectFieldValueSpacing(Separators.Spacing.AFTER)
                  .withArrayEmptySeparator("")
                  .withObjectEmptySeparator(""))
          .withArrayIndenter(DefaultIndenter.SYSTEM_LINEFEED_INSTANCE);

  private ManifestJson() {}

  static String render(Manifest manifest) {
    ObjectNode root = MAPPER.createObjectNode();
    Digest rootDigest = manifest.rootDigest();
    ObjectNode subject = root.putObject("subject");
    subject.put("name", manifest.modelName());
    subject.putObject("digest").put(rootDigest.algorithm().omsName(), rootDigest.hex());
    root.set("serialization", serialization(manifest.serialization()));
    ArrayNode resources = root.putArray("resources");
    for (Resource resource : manifest.resources()) {
      resources
          .addObject()
          .put("name", resource.name())
          .put("algorithm", manifest.serialization().resourceAlgorithm())
          .put("digest", resource.digest().hex());
    }
    try {
      return MAPPER.writer(PRINTER).writeValueAsString(root) + System.lineSeparator();
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException("a JSON tree of strings failed to serialize", e);
    }
  }

  private static ObjectNode serialization(Serialization serialization) {
    ObjectNode node = MAPPER.createObjectNode();
    node.put("method", serialization.method());
    node.put("hash_type", serialization.hash().omsName());
    switch (serialization) {
      case Serialization.ShardSerialization shards -> node.put("shard_size", shards.shardSize());
      case Serialization.FileSerialization files -> {}
    }
    node.put("allow_symlinks", serialization.allowSymlinks());
    ArrayNode ignored = node.putArray("ignore_paths");
    for (ModelPath path : serialization.ignorePaths()) {
      ignored.add(path.value());
    }
    return node;
  }
}
