package dev.custody.format.huggingface;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ModelCardReaderTest {
  private static ModelCard read(String card) throws MalformedMetadataException {
    return ModelCardReader.read(card.getBytes(StandardCharsets.UTF_8), ModelCardLimits.DEFAULT);
  }

  private static void refused(String card, String message) {
    assertThatThrownBy(() -> read(card))
        .isInstanceOf(MalformedMetadataException.class)
        .hasMessageContaining(message);
  }

  @Test
  void readsTheFieldsABomReports() throws Exception {
    ModelCard card =
        read(
            """
            ---
            license: mit
            language:
            - en
            - fr
            datasets: [imdb, "glue"]
            base_model: bert-base-uncased
            pipeline_tag: fill-mask
            metrics: accuracy
            tags: [ignored]
            model-index:
            - name: my-bert
              results:
              - task: {type: fill-mask, name: Masked LM}
                dataset: {type: wikitext, split: validation}
                metrics:
                - {type: perplexity, value: 12.5, name: Perplexity}
            ---
            # my-bert
            """);

    assertThat(card.licenses()).containsExactly("mit");
    assertThat(card.languages()).containsExactly("en", "fr");
    assertThat(card.datasets()).containsExactly("imdb", "glue");
    assertThat(card.baseModels()).containsExactly("bert-base-uncased");
    assertThat(card.pipelineTag()).isEqualTo("fill-mask");
    assertThat(card.metrics()).containsExactly("accuracy");
    assertThat(card.modelName()).isEqualTo("my-bert");
    assertThat(card.results())
        .containsExactly(
            new ModelCard.EvalResult("fill-mask", "wikitext", "validation", "perplexity", "12.5"));
  }

  @Test
  void aReadmeWithoutFrontMatterIsAnEmptyCard() throws Exception {
    assertThat(read("# Just a title\n\n---\nnot front matter\n---\n")).isEqualTo(ModelCard.EMPTY);
    assertThat(read("")).isEqualTo(ModelCard.EMPTY);
    assertThat(read("---\n---\n")).isEqualTo(ModelCard.EMPTY);
  }

  @Test
  void acceptsWindowsLineEndsAndAByteOrderMark() throws Exception {
    assertThat(read("\uFEFF---\r\nlicense: mit\r\n---\r\n").licenses()).containsExactly("mit");
  }

  @Test
  void nullsAndBlanksAreAbsent() throws Exception {
    ModelCard card = read("---\nlicense: ~\ndatasets: [imdb, null, '']\npipeline_tag:\n---\n");

    assertThat(card.licenses()).isEmpty();
    assertThat(card.datasets()).containsExactly("imdb");
    assertThat(card.pipelineTag()).isNull();
  }

  @Test
  void refusesFrontMatterThatNeverEnds() {
    refused("---\nlicense: mit\n# no closing line\n", "never closes it");
  }

  @Test
  void refusesMalformedYamlWithItsLine() {
    refused("---\nlicense: [mit\nlanguage: en\n---\n", "not valid YAML");
    refused("---\nlicense: mit\n  bad: indent\n---\n", "(line 3");
  }

  @Test
  void refusesTheBillionLaughs() {
    StringBuilder yaml = new StringBuilder("---\na0: &a0 [lol, lol, lol, lol, lol, lol, lol]\n");
    for (int i = 1; i < 12; i++) {
      yaml.append("a").append(i).append(": &a").append(i).append(" [");
      for (int j = 0; j < 9; j++) {
        yaml.append(j == 0 ? "" : ", ").append("*a").append(i - 1);
      }
      yaml.append("]\n");
    }
    yaml.append("---\n");

    refused(yaml.toString(), "refused");
  }

  @Test
  void refusesAnAliasThatContainsItself() {
    refused("---\ndatasets: &x [a, *x]\n---\n", "deeper than");
  }

  @Test
  void refusesDeepNesting() {
    refused("---\nlicense: " + "[".repeat(100) + "]".repeat(100) + "\n---\n", "refused");
  }

  @Test
  void refusesTagsThatNameTypes() {
    // SnakeYAML's tag inspector refuses global tags before composing; local ones reach our check.
    refused(
        "---\nlicense: !!python/object/apply:os.system ['echo pwned']\n---\n",
        "Global tag is not allowed: tag:yaml.org,2002:python/object/apply:os.system (line 2");
    refused("---\ndatasets: !custom [a]\n---\n", "only plain YAML values");
  }

  @Test
  void refusesDuplicateKeys() {
    refused("---\nlicense: mit\nlicense: apache-2.0\n---\n", "repeats the key 'license'");
  }

  @Test
  void refusesControlCharactersInNames() {
    refused("---\ndatasets: [\"imdb\\e[2J\"]\n---\n", "control character");
    refused("---\nbase_model: \"evil\\u202Eexe\"\n---\n", "control character");
  }

  @Test
  void refusesFieldsOfTheWrongShape() {
    refused("---\nlicense: {id: mit}\n---\n", "field license should be a value or a list");
    refused("---\nmodel-index: {name: x}\n---\n", "model-index should be a list");
    refused("---\n- just\n- a list\n---\n", "not a mapping");
  }

  @Test
  void refusesHugeCardsAndFrontMatter() {
    ModelCardLimits small = new ModelCardLimits(1_000, 100, 8, 100, 2, 10, 20);
    byte[] big = ("---\nlicense: mit\n---\n" + "x".repeat(1_000)).getBytes(StandardCharsets.UTF_8);
    byte[] longFront =
        ("---\nlicense: " + "m".repeat(200) + "\n---\n").getBytes(StandardCharsets.UTF_8);
    byte[] longName =
        "---\nlicense: abcdefghijklmnopqrstuvwxyz\n---\n".getBytes(StandardCharsets.UTF_8);
    byte[] manyItems =
        "---\ndatasets: [a,b,c,d,e,f,g,h,i,j,k]\n---\n".getBytes(StandardCharsets.UTF_8);

    assertThatThrownBy(() -> ModelCardReader.read(big, small)).hasMessageContaining("1021 bytes");
    assertThatThrownBy(() -> ModelCardReader.read(longFront, small))
        .hasMessageContaining("front matter is");
    assertThatThrownBy(() -> ModelCardReader.read(longName, small))
        .hasMessageContaining("longer than 20 characters");
    assertThatThrownBy(() -> ModelCardReader.read(manyItems, small))
        .hasMessageContaining("more than 10 items");
  }

  @Test
  void refusesTextThatIsNotUtf8() {
    assertThatThrownBy(() ->
            ModelCardReader.read(
                new byte[] {'-', '-', '-', '\n', (byte) 0xff}, ModelCardLimits.DEFAULT))
        .hasMessageContaining("not UTF-8");
  }
}
