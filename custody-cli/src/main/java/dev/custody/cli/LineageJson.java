package dev.custody.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.custody.lineage.Lineage;
import dev.custody.lineage.LineageNode;
import dev.custody.lineage.Link;
import java.io.UncheckedIOException;

/**
 * {@code custody lineage --format json}: {@code apiVersion custody.dev/lineage/v1}, documented in
 * docs/provenance.md.
 */
final class LineageJson {
  static final String API_VERSION = "custody.dev/lineage/v1";
  private static final ObjectMapper MAPPER =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private LineageJson() {}

  static String render(Lineage lineage) {
    ObjectNode root = MAPPER.createObjectNode();
    root.put("apiVersion", API_VERSION);
    root.put("direction", lineage.direction().name().toLowerCase(java.util.Locale.ROOT));
    root.put("brokenLinks", lineage.brokenLinks());
    lineage.up().ifPresent(up -> root.set("up", node(up, "inputs")));
    lineage.down().ifPresent(down -> root.set("down", node(down, "derived")));
    try {
      return MAPPER.writeValueAsString(root) + "\n";
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static ObjectNode node(LineageNode node, String nextName) {
    ObjectNode out = MAPPER.createObjectNode();
    out.put("digest", node.digest().toString());
    out.put("name", node.name());
    out.put("role", node.role().wireName());
    ArrayNode links = out.putArray("links");
    node.links().forEach(link -> links.add(link(link)));
    ArrayNode next = out.putArray(nextName);
    node.next().forEach(child -> next.add(node(child, nextName)));
    return out;
  }

  private static ObjectNode link(Link link) {
    ObjectNode out = MAPPER.createObjectNode();
    out.put("state", link.state());
    out.put("broken", link.broken());
    switch (link) {
      case Link.Verified v -> {
        out.put("attestation", v.attestation().toString());
        out.put("signer", v.signer());
        out.put("builder", v.builder());
      }
      case Link.Missing m -> {}
      case Link.Unverifiable u -> {
        out.put("attestation", u.attestation().toString());
        out.put("reason", u.reason());
        out.put("detail", u.detail());
      }
      case Link.DigestMismatch d -> {
        out.put("attestation", d.attestation().toString());
        out.put("expected", d.expected().toString());
        d.found().ifPresent(found -> out.put("found", found.toString()));
        out.put("detail", d.detail());
      }
      case Link.Cycle c -> out.put("artifact", c.artifact().toString());
      case Link.LimitReached l -> out.put("detail", l.detail());
    }
    return out;
  }
}
