package dev.custody.format.pem;

import dev.custody.model.Bytes;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * One {@code -----BEGIN LABEL-----} ... {@code -----END LABEL-----} block: its label, whether it
 * carries RFC 1421 headers (the legacy {@code Proc-Type: 4,ENCRYPTED} form), and its decoded bytes.
 * Text outside blocks is ignored, as OpenSSL does (certificates often carry a readable summary
 * above them).
 *
 * @param label the label, such as {@code PUBLIC KEY}
 * @param hasHeaders whether the block has header lines before its base64
 * @param content the decoded content
 * @param text the block's lines, from BEGIN to END
 */
record PemBlock(String label, boolean hasHeaders, Bytes content, String text) {
  /** The decoded content, a fresh copy. */
  byte[] der() {
    return content.toByteArray();
  }

  private static final String BEGIN = "-----BEGIN ";
  private static final String END = "-----END ";
  private static final String DASHES = "-----";

  /** The blocks of {@code text}, at most {@code maxBlocks}. */
  static List<PemBlock> parse(String text, int maxBlocks) throws MalformedKeyException {
    List<PemBlock> blocks = new ArrayList<>();
    String[] lines = text.split("\r?\n", -1);
    for (int i = 0; i < lines.length; i++) {
      String label = label(lines[i].strip(), BEGIN);
      if (label == null) {
        continue;
      }
      if (blocks.size() == maxBlocks) {
        throw new MalformedKeyException("the file holds more than " + maxBlocks + " PEM blocks");
      }
      StringBuilder base64 = new StringBuilder();
      boolean headers = false;
      int j = i + 1;
      for (; j < lines.length && label(lines[j].strip(), END) == null; j++) {
        String line = lines[j].strip();
        headers |= line.contains(":");
        if (!line.contains(":")) {
          base64.append(line);
        }
      }
      if (j == lines.length || !label.equals(label(lines[j].strip(), END))) {
        throw new MalformedKeyException(
            "the PEM block " + label + " has no matching -----END " + label + "----- line");
      }
      String blockText = String.join("\n", java.util.Arrays.asList(lines).subList(i, j + 1)) + "\n";
      blocks.add(
          new PemBlock(label, headers, Bytes.copyOf(decode(label, base64.toString())), blockText));
      i = j;
    }
    return blocks;
  }

  private static @org.jspecify.annotations.Nullable String label(String line, String marker) {
    if (!line.startsWith(marker) || !line.endsWith(DASHES) || line.length() < marker.length() + 5) {
      return null;
    }
    return line.substring(marker.length(), line.length() - DASHES.length());
  }

  private static byte[] decode(String label, String base64) throws MalformedKeyException {
    try {
      return Base64.getDecoder().decode(base64);
    } catch (IllegalArgumentException e) {
      throw new MalformedKeyException(
          "the PEM block " + label + " is not valid base64 (" + e.getMessage() + ")", e);
    }
  }
}
