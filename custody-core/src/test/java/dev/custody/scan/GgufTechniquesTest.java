package dev.custody.scan;

import static org.assertj.core.api.Assertions.assertThat;

import dev.custody.finding.Finding;
import dev.custody.finding.Severity;
import dev.custody.testkit.GgufBuilder;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * GGUF: standard chat templates and well-formed files are clean; every chat-template sandbox escape
 * (CVE-2024-34359 and variations) and every parser-CVE class of research/formats.md §5 is caught at
 * the right severity.
 */
class GgufTechniquesTest {
  private static final String KEY = "tokenizer.chat_template";

  static String template(String name) throws IOException {
    try (InputStream in =
        GgufTechniquesTest.class.getResourceAsStream("/dev/custody/scan/chat-templates/" + name)) {
      assertThat(in).as(name).isNotNull();
      return new String(in.readNBytes(1 << 20), StandardCharsets.UTF_8);
    }
  }

  private static byte[] model(String template) {
    return GgufBuilder.create()
        .string("general.architecture", "llama")
        .uint32("general.alignment", 32)
        .string(KEY, template)
        .strings("tokenizer.ggml.tokens", "<s>", "</s>", "a")
        .tensor("token_embd.weight", GgufBuilder.F32, 8, 3)
        .tensor("output.weight", GgufBuilder.Q8_0, 64, 2)
        .bytes();
  }

  private static ScanResult scan(byte[] gguf) {
    return GgufScanner.standard().scan(gguf);
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(
      strings = {
        "llama-2.jinja",
        "llama-3.jinja",
        "llama-3.1-tools.jinja",
        "mistral-instruct.jinja",
        "chatml.jinja",
        "qwen2.5.jinja",
        "gemma.jinja",
        "phi-3.jinja",
        "deepseek-r1.jinja"
      })
  void standardTemplatesAreClean(String name) throws IOException {
    ScanResult result = scan(model(template(name)));
    assertThat(result.findings()).as(name).isEmpty();
    assertThat(result.completed()).isTrue();
  }

  @Test
  void namedTemplatesAndTemplateArraysAreAnalysedToo() throws IOException {
    byte[] gguf =
        GgufBuilder.create()
            .string(KEY, template("chatml.jinja"))
            .string("tokenizer.chat_template.tool_use", "{{ ''.__class__.__mro__[1] }}")
            .strings("tokenizer.chat_templates", "rag", "{{ cycler.__init__.__globals__.os }}")
            .bytes();
    ScanResult result = scan(gguf);
    assertThat(result.findings())
        .filteredOn(f -> f.severity() == Severity.CRITICAL)
        .extracting(f -> f.location().containers().get(0))
        .contains("metadata tokenizer.chat_template.tool_use", "metadata tokenizer.chat_templates");
  }

  static Stream<Arguments> escapes() {
    return Stream.of(
        // CVE-2024-34359, as published (llama-cpp-python, unsandboxed Environment).
        esc(
            "CVE-2024-34359",
            "{% for x in ().__class__.__base__.__subclasses__() %}{% if \"warning\" in x.__name__ %}"
                + "{{x()._module.__builtins__['__import__']('os').popen(\"echo custody-test-marker\").read()}}"
                + "{%endif%}{% endfor %}",
            "GGUF-002",
            Severity.CRITICAL,
            "__class__"),
        esc(
            "mro walk",
            "{{ ''.__class__.__mro__[1].__subclasses__() }}",
            "GGUF-002",
            Severity.CRITICAL,
            "__mro__"),
        esc(
            "globals via init",
            "{{ x.__init__.__globals__ }}",
            "GGUF-002",
            Severity.CRITICAL,
            "__globals__"),
        esc(
            "subscript dunder",
            "{{ x['__class__']['__base__'] }}",
            "GGUF-002",
            Severity.CRITICAL,
            "__class__"),
        esc(
            "attr filter with literal dunder",
            "{{ x|attr('__class__') }}",
            "GGUF-002",
            Severity.CRITICAL,
            "__class__"),
        esc(
            "hex-escaped dunder string",
            "{{ x|attr('\\x5f\\x5fclass\\x5f\\x5f') }}",
            "GGUF-002",
            Severity.CRITICAL,
            "__class__"),
        esc(
            "unicode-escaped dunder string",
            "{{ x['\\u005f\\u005fglobals\\u005f\\u005f'] }}",
            "GGUF-002",
            Severity.CRITICAL,
            "__globals__"),
        esc(
            "map attribute dunder",
            "{{ xs|map(attribute='__class__')|list }}",
            "GGUF-002",
            Severity.CRITICAL,
            "__class__"),
        esc("private attribute", "{{ w()._module }}", "GGUF-002", Severity.HIGH, "_module"),
        esc("import name", "{{ __import__('os') }}", "GGUF-002", Severity.CRITICAL, "__import__"),
        esc(
            "os.popen",
            "{{ g.os.popen('echo custody-test-marker').read() }}",
            "GGUF-003",
            Severity.CRITICAL,
            "popen"),
        esc("os name", "{% set o = os %}{{ o }}", "GGUF-003", Severity.CRITICAL, "os"),
        esc("eval name", "{{ eval('1') }}", "GGUF-003", Severity.CRITICAL, "eval"),
        esc("exec name", "{{ exec }}", "GGUF-003", Severity.CRITICAL, "exec"),
        esc(
            "subprocess string",
            "{{ m['subprocess'] }}",
            "GGUF-003",
            Severity.CRITICAL,
            "subprocess"),
        esc("os string for import", "{{ imp('os') }}", "GGUF-003", Severity.CRITICAL, "os"),
        esc(
            "concatenated dunder pieces",
            "{{ x|attr('__cla' ~ 'ss__') }}",
            "GGUF-004",
            Severity.HIGH,
            "attr"),
        esc(
            "dunder fragment strings",
            "{% set u = '__' %}{{ u }}",
            "GGUF-004",
            Severity.HIGH,
            "__"),
        esc(
            "format-built name in attr",
            "{{ x|attr('%c%c%s%c%c'|format(95,95,'class',95,95)) }}",
            "GGUF-004",
            Severity.HIGH,
            "attr"),
        esc(
            "join-built key in subscript",
            "{{ x[['_','_','class','_','_']|join] }}",
            "GGUF-004",
            Severity.HIGH,
            "subscript"),
        esc(
            "tilde key in subscript",
            "{{ x[a ~ 'class' ~ a] }}",
            "GGUF-004",
            Severity.HIGH,
            "subscript"),
        esc(
            "key from a built variable",
            "{% set n = u ~ 'globals' ~ u %}{{ f[n] }}",
            "GGUF-004",
            Severity.HIGH,
            "subscript"),
        esc(
            "reversed string key",
            "{{ x['__ssalc__'|reverse] }}",
            "GGUF-004",
            Severity.HIGH,
            "subscript"),
        esc("attr system", "{{ o|attr('system')('id') }}", "GGUF-003", Severity.CRITICAL, "system"),
        esc(
            "attr with literal",
            "{{ x|attr('items') }}",
            "GGUF-004",
            Severity.MEDIUM,
            "attr(items)"),
        esc("cycler chain", "{{ cycler.next.__func__ }}", "GGUF-005", Severity.CRITICAL, "cycler"),
        esc("joiner chain", "{{ joiner['__init__'] }}", "GGUF-005", Severity.CRITICAL, "joiner"),
        esc(
            "lipsum globals",
            "{{ lipsum|attr('__globals__') }}",
            "GGUF-005",
            Severity.CRITICAL,
            "lipsum"),
        esc(
            "namespace chain",
            "{{ namespace.__init__.__globals__ }}",
            "GGUF-005",
            Severity.CRITICAL,
            "namespace"),
        esc("self context", "{{ self }}", "GGUF-005", Severity.HIGH, "self"),
        esc(
            "request global",
            "{{ request.application }}",
            "GGUF-005",
            Severity.CRITICAL,
            "request"),
        esc("config global", "{{ config }}", "GGUF-005", Severity.HIGH, "config"),
        esc("include", "{% include 'x.html' %}", "GGUF-006", Severity.MEDIUM, "include"),
        esc("import", "{% import 'x' as y %}", "GGUF-006", Severity.MEDIUM, "import"),
        esc("unterminated tag", "{{ messages[0]", "GGUF-007", Severity.MEDIUM, "syntax"),
        esc(
            "payload hidden after a raw block is still seen",
            "{% raw %}{{ harmless }}{% endraw %}{{ ''.__class__ }}",
            "GGUF-002",
            Severity.CRITICAL,
            "__class__"),
        esc(
            "whitespace control",
            "{%- set x = ''.__class__ -%}",
            "GGUF-002",
            Severity.CRITICAL,
            "__class__"),
        esc(
            "dict literal braces do not end the tag early",
            "{{ {'a': 1}.__class__ }}",
            "GGUF-002",
            Severity.CRITICAL,
            "__class__"));
  }

  private static Arguments esc(
      String name, String template, String rule, Severity severity, String subject) {
    return Arguments.of(name, template, rule, severity, subject);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("escapes")
  void templateTechniquesAreCaught(
      String name, String template, String rule, Severity severity, String subject) {
    ScanResult result = scan(model(template));
    assertThat(result.findings())
        .as("%s: %s", name, result.findings())
        .anySatisfy(f -> {
          assertThat(f.rule().value()).isEqualTo(rule);
          assertThat(f.severity()).isEqualTo(severity);
          assertThat(f.subject()).isEqualTo(subject);
          assertThat(f.location().containers()).containsExactly("metadata " + KEY);
        });
  }

  @Test
  void textOutsideTagsIsNotCode() {
    assertThat(scan(model("Say __class__ and os.popen to {{ user }}")).findings()).isEmpty();
    assertThat(scan(model("{# ''.__class__ #}{{ 'ok' }}")).findings()).isEmpty();
  }

  // --- structure ---------------------------------------------------------------------------

  @Test
  void aWellFormedFileIsClean() {
    assertThat(scan(GgufBuilder.create().string("general.name", "x").bytes()))
        .isEqualTo(ScanResult.clean());
    assertThat(scan(model("{{ x }}"))).isEqualTo(ScanResult.clean());
  }

  static Stream<Arguments> structures() {
    byte[] ok = model("{{ x }}");
    return Stream.of(
        st("bad magic", patch(ok, 0, 'G', 'G', 'U', 'X'), "GGUF-001", false),
        st("version 4", patchInt(ok, 4, 4), "GGUF-001", false),
        st("version 1", GgufBuilder.create().version(1).bytes(), "GGUF-001", true),
        st("tensor count near 2^64", patchLong(ok, 8, -2), "GGUF-001", false),
        st("metadata count near 2^63", patchLong(ok, 16, Long.MAX_VALUE), "GGUF-001", false),
        st(
            "string length near 2^64",
            GgufBuilder.create().raw("k", 8, le8(-16)).bytes(),
            "GGUF-001",
            false),
        st(
            "string length past the end",
            GgufBuilder.create().raw("k", 8, le8(1000)).bytes(),
            "GGUF-001",
            false),
        st(
            "array count near 2^64",
            GgufBuilder.create().raw("k", 9, concat(le4(0), le8(-1))).bytes(),
            "GGUF-009",
            false),
        st(
            "array of u32 past the end",
            GgufBuilder.create().raw("k", 9, concat(le4(4), le8(1_000_000))).bytes(),
            "GGUF-001",
            false),
        st(
            "nested arrays",
            GgufBuilder.create()
                .raw("k", 9, concat(le4(9), le8(1), le4(0), le8(2), new byte[] {1, 2}))
                .bytes(),
            "GGUF-001",
            true),
        st(
            "deeply nested arrays",
            GgufBuilder.create().raw("k", 9, deepArrays(20)).bytes(),
            "GGUF-009",
            false),
        st(
            "unknown value type",
            GgufBuilder.create().raw("k", 13, new byte[4]).bytes(),
            "GGUF-001",
            false),
        st(
            "duplicate key",
            GgufBuilder.create().string("a", "1").string("a", "2").bytes(),
            "GGUF-001",
            true),
        st(
            "duplicate tensor name",
            GgufBuilder.create().tensor("w", 0, 4).tensor("w", 0, 4).bytes(),
            "GGUF-001",
            true),
        st(
            "alignment not a power of two",
            GgufBuilder.create().uint32("general.alignment", 24).bytes(),
            "GGUF-001",
            true),
        st("unknown ggml type", GgufBuilder.create().tensor("w", 4, 4).bytes(), "GGUF-001", true),
        st(
            "block size mismatch",
            GgufBuilder.create().tensor("w", GgufBuilder.Q8_0, 33).bytes(),
            "GGUF-001",
            true),
        st(
            "dimension product overflows (CVE-2025-53630 class)",
            GgufBuilder.create().tensor("w", 0, 1L << 42, 1L << 42).bytes(),
            "GGUF-001",
            true),
        st(
            "five dimensions",
            GgufBuilder.create().tensor("w", 0, 1, 1, 1, 1, 1).bytes(),
            "GGUF-001",
            false),
        st(
            "tensor data past the end of the file",
            java.util.Arrays.copyOf(ok, ok.length - 32),
            "GGUF-001",
            true),
        st("bytes after the last tensor", model("{{ x }}", new byte[100]), "GGUF-008", true));
  }

  private static Arguments st(String name, byte[] file, String rule, boolean completed) {
    return Arguments.of(name, file, rule, completed);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("structures")
  void structuralProblemsAreFindings(String name, byte[] file, String rule, boolean completed) {
    ScanResult result = scan(file);
    assertThat(result.findings()).as(name).extracting(f -> f.rule().value()).contains(rule);
    assertThat(result.completed()).as(name).isEqualTo(completed);
    assertThat(result.hasFindingAtLeast(Severity.HIGH)).as(name).isFalse();
  }

  @Test
  void findingsBeforeAParseErrorAreKept() {
    byte[] evil =
        GgufBuilder.create()
            .string(KEY, "{{ ''.__class__ }}")
            .string("general.description", "x".repeat(1000))
            .bytes();
    byte[] cut = java.util.Arrays.copyOf(evil, evil.length - 500);
    ScanResult result = scan(cut);
    assertThat(result.completed()).isFalse();
    assertThat(result.findings()).extracting(Finding::severity).contains(Severity.CRITICAL);
  }

  @Test
  void readsMetadataFromAPrefixOfAHugeFile() {
    byte[] gguf = model("{{ x }}");
    ScanResult result =
        GgufScanner.standard().scan(ByteBuffer.wrap(gguf, 0, gguf.length - 64), gguf.length);
    assertThat(result).isEqualTo(ScanResult.clean());
  }

  private static byte[] model(String template, byte[] trailing) {
    return GgufBuilder.create()
        .string(KEY, template)
        .tensor("w", GgufBuilder.F32, 8)
        .bytes(trailing);
  }

  private static byte[] deepArrays(int depth) {
    byte[] inner = concat(le4(0), le8(0));
    for (int i = 0; i < depth; i++) {
      inner = concat(le4(9), le8(1), inner);
    }
    return inner;
  }

  private static byte[] patch(byte[] b, int at, char... chars) {
    byte[] out = b.clone();
    for (int i = 0; i < chars.length; i++) {
      out[at + i] = (byte) chars[i];
    }
    return out;
  }

  private static byte[] patchInt(byte[] b, int at, int v) {
    byte[] out = b.clone();
    System.arraycopy(le4(v), 0, out, at, 4);
    return out;
  }

  private static byte[] patchLong(byte[] b, int at, long v) {
    byte[] out = b.clone();
    System.arraycopy(le8(v), 0, out, at, 8);
    return out;
  }

  private static byte[] le4(int v) {
    return ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(v).array();
  }

  private static byte[] le8(long v) {
    return ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(v).array();
  }

  private static byte[] concat(byte[]... parts) {
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    for (byte[] p : List.of(parts)) {
      out.writeBytes(p);
    }
    return out.toByteArray();
  }
}
