package dev.custody.bom;

/**
 * Writes the AI bill of materials of a model.
 *
 * <pre>{@code
 * Manifest manifest = new ModelDigester(DigestOptions.defaults()).digest(Path.of("my-model"));
 * BomInputs inputs = new BomInputs(manifest, card, config, packages, List.of(), List.of(), null,
 *     "0.1.0");
 * byte[] json = AiBom.write(inputs, BomFormat.CYCLONEDX);
 * }</pre>
 */
public final class AiBom {
  private AiBom() {}

  /**
   * The BOM of {@code inputs} in {@code format}, as UTF-8 JSON; the same inputs give the same
   * bytes.
   *
   * @throws BomException if the document fails its schema (a custody bug: nothing is written)
   */
  public static byte[] write(BomInputs inputs, BomFormat format) throws BomException {
    return switch (format) {
      case CYCLONEDX -> CycloneDxWriter.write(inputs);
      case SPDX3 -> SpdxWriter.write(inputs);
    };
  }
}
