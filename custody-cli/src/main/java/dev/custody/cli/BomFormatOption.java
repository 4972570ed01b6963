package dev.custody.cli;

import dev.custody.bom.BomFormat;

/** {@code custody bom --format}: the names users type, mapped to the library's formats. */
enum BomFormatOption {
  cyclonedx(BomFormat.CYCLONEDX),
  spdx3(BomFormat.SPDX3);

  final BomFormat format;

  BomFormatOption(BomFormat format) {
    this.format = format;
  }
}
