package dev.custody.bom;

/** The BOM standards custody writes. */
public enum BomFormat {
  /** CycloneDX 1.6 JSON, the ML-BOM (the default). */
  CYCLONEDX,
  /** SPDX 3.0.1 JSON-LD with the AI and Dataset profiles. */
  SPDX3
}
