package dev.custody.scan;

import dev.custody.finding.RuleId;

/**
 * The safetensors, GGUF and ONNX rules custody's code fires; their texts and severities live in the
 * rule data ({@code rules/safetensors-rules.properties}, {@code gguf-rules.properties}, {@code
 * onnx-rules.properties}).
 */
enum FormatRule {
  SAFETENSORS_HEADER("SAFETENSORS-001"),
  SAFETENSORS_TENSOR("SAFETENSORS-002"),
  SAFETENSORS_LAYOUT("SAFETENSORS-003"),
  SAFETENSORS_HIDDEN_BYTES("SAFETENSORS-004"),
  SAFETENSORS_LIMIT("SAFETENSORS-005"),

  GGUF_MALFORMED("GGUF-001"),
  GGUF_TEMPLATE_INTERNALS("GGUF-002"),
  GGUF_TEMPLATE_CODE_NAMES("GGUF-003"),
  GGUF_TEMPLATE_COMPUTED_ATTRIBUTE("GGUF-004"),
  GGUF_TEMPLATE_GADGET("GGUF-005"),
  GGUF_TEMPLATE_LOADS_TEMPLATES("GGUF-006"),
  GGUF_TEMPLATE_UNREADABLE("GGUF-007"),
  GGUF_TRAILING_BYTES("GGUF-008"),
  GGUF_LIMIT("GGUF-009"),

  ONNX_EXTERNAL_OUTSIDE("ONNX-001"),
  ONNX_EXTERNAL_ODD_PATH("ONNX-002"),
  ONNX_EXTERNAL_DATA("ONNX-003"),
  ONNX_CUSTOM_OP("ONNX-004"),
  ONNX_CONTRIB_OP("ONNX-005"),
  ONNX_CUSTOM_OPSET("ONNX-006"),
  ONNX_MALFORMED("ONNX-007"),
  ONNX_LIMIT("ONNX-008"),
  ONNX_EXTERNAL_SYMLINK("ONNX-009"),
  ONNX_EXTERNAL_RANGE("ONNX-010"),
  ONNX_EXTERNAL_HARD_LINK("ONNX-011");

  private final String id;

  FormatRule(String id) {
    this.id = id;
  }

  RuleId id() {
    return new RuleId(id);
  }
}
