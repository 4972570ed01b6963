package dev.custody.format.requirements;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class RequirementsReaderTest {
  private static Requirements read(String text) throws MalformedRequirementsException {
    return RequirementsReader.read(
        text.getBytes(StandardCharsets.UTF_8), RequirementsLimits.DEFAULT);
  }

  @Test
  void readsPipFreezeWithPurls() throws Exception {
    Requirements read = read("torch==2.1.0\nSafeTensors==0.4.2\nzope.interface==6.0\n");

    assertThat(read.packages())
        .extracting(PythonPackage::purl)
        .containsExactly(
            "pkg:pypi/torch@2.1.0", "pkg:pypi/safetensors@0.4.2", "pkg:pypi/zope-interface@6.0");
    assertThat(read.skipped()).isEmpty();
  }

  @Test
  void normalizesNamesAsPep503Says() {
    assertThat(PythonPackage.normalize("Friendly_Bard..x-_y")).isEqualTo("friendly-bard-x-y");
  }

  @Test
  void recordsUnpinnedRequirementsWithoutAVersion() throws Exception {
    Requirements read =
        read(
            """
            numpy>=1.21,<2
            scipy
            requests[security] ~= 2.31 ; python_version >= "3.8"
            torch==2.*
            mylib @ https://example.com/mylib-1.0.tar.gz#sha256=ab
            """);

    assertThat(read.packages())
        .containsExactly(
            new PythonPackage("numpy", null, ">=1.21,<2"),
            new PythonPackage("scipy", null, ""),
            new PythonPackage("requests", null, "~= 2.31"),
            new PythonPackage("torch", null, "==2.*"),
            new PythonPackage("mylib", null, ""));
  }

  @Test
  void understandsCommentsContinuationsAndHashes() throws Exception {
    Requirements read =
        read(
            """
            # a comment

            torch==2.1.0 \\
                --hash=sha256:aaaa \\
                --hash=sha256:bbbb
            onnx===1.12.0  # pinned by hand
            --index-url https://pypi.example/simple
            """);

    assertThat(read.packages())
        .extracting(PythonPackage::purl)
        .containsExactly("pkg:pypi/torch@2.1.0", "pkg:pypi/onnx@1.12.0");
  }

  @Test
  void reportsLinesThatNameNoPackageAsSkipped() throws Exception {
    Requirements read =
        read("-r base.txt\n-e git+https://example.com/x.git#egg=x\n./local/pkg\n--weird\nok==1\n");

    assertThat(read.skipped()).extracting(Requirements.Skipped::line).containsExactly(1, 2, 3, 4);
    assertThat(read.skipped().get(0).reason()).contains("its own --requirements");
    assertThat(read.packages()).hasSize(1);
  }

  @Test
  void aWildcardPinsNothingWhateverTheOperator() throws Exception {
    assertThat(read("x===1.0+l!*\n").packages())
        .containsExactly(new PythonPackage("x", null, "===1.0+l!*"));
  }

  @Test
  void percentEncodesLocalVersionsInPurls() throws Exception {
    assertThat(read("torch==2.1.0+cu121\n").packages().get(0).purl())
        .isEqualTo("pkg:pypi/torch@2.1.0%2Bcu121");
  }

  @Test
  void reportsMalformedLinesWithTheirNumbers() {
    assertThatThrownBy(() -> read("torch==2.1.0\n!!!\nnumpy=>1\nok\n"))
        .isInstanceOf(MalformedRequirementsException.class)
        .hasMessageContaining("2 lines that pip would not read")
        .hasMessageContaining("line 2 does not start with a package name ('!!!')")
        .hasMessageContaining("line 3 has a version specifier that is not OPERATOR VERSION");
  }

  @Test
  void escapesInjectedTextInMessages() {
    assertThatThrownBy(() -> read("torch==\u001b[31mred\n"))
        .hasMessageContaining("\\u{001b}")
        .hasMessageNotContaining("\u001b");
  }

  @Test
  void refusesUtf16AndInvalidUtf8() {
    assertThatThrownBy(() ->
            RequirementsReader.read(
                new byte[] {(byte) 0xff, (byte) 0xfe, 't', 0}, RequirementsLimits.DEFAULT))
        .hasMessageContaining("UTF-16");
    assertThatThrownBy(() ->
            RequirementsReader.read(new byte[] {'t', (byte) 0xc3}, RequirementsLimits.DEFAULT))
        .hasMessageContaining("not UTF-8");
  }

  @Test
  void refusesFilesBeyondTheLimits() {
    RequirementsLimits small = new RequirementsLimits(100, 3, 20, 2);
    assertThatThrownBy(() -> RequirementsReader.read(new byte[101], small))
        .hasMessageContaining("101 bytes");
    assertThatThrownBy(
            () -> RequirementsReader.read("a\nb\nc\nd\n".getBytes(StandardCharsets.UTF_8), small))
        .hasMessageContaining("more than 3 lines");
    assertThatThrownBy(() ->
            RequirementsReader.read(
                "a\\\nbbbbbbbbbbbbbbbbbbbbbbb\n".getBytes(StandardCharsets.UTF_8), small))
        .hasMessageContaining("line 1 is longer than 20");
    assertThatThrownBy(
            () -> RequirementsReader.read("a\nb\nc".getBytes(StandardCharsets.UTF_8), small))
        .hasMessageContaining("more than 2 requirements");
  }
}
