package dev.custody.format.torchscript;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class TorchScriptSourceTest {
  private static List<String> names(String code) {
    return TorchScriptSource.read(ByteBuffer.wrap(code.getBytes(StandardCharsets.UTF_8)), 100)
        .references()
        .stream()
        .map(r -> r.name() + "@" + r.offset())
        .toList();
  }

  @Test
  void listsReferencesToTheImportersRootsOnly() {
    assertThat(names("y = torch.relu(self.fc(x))\nz = ops.prim.NumToTensor(y)\n"))
        .containsExactly("torch.relu@4", "ops.prim.NumToTensor@31");
  }

  @Test
  void skipsCommentsStringsAndAttributes() {
    assertThat(
            names(
                """
                # torch.save
                s = 'torch.save' + "ops.x.y" + '''
                torch.from_file
                '''
                a = self.torch.save
                b = r'\\' torch.save'
                """))
        .isEmpty();
  }

  @Test
  void joinsNamesAcrossBlanksCommentsAndLines() {
    assertThat(names("f = torch . # c\n  save\n")).containsExactly("torch.save@4");
  }

  @Test
  void resolvesGetattrWithALiteral() {
    assertThat(names("g = getattr(ops.myns, \"op\")\nh = getattr(x, 'save')\n"))
        .containsExactly("ops.myns.op@4");
  }

  @Test
  void stopsAtTheReferenceLimit() {
    TorchScriptSource.Listing listing =
        TorchScriptSource.read(
            ByteBuffer.wrap("torch.a\n".repeat(5).getBytes(StandardCharsets.US_ASCII)), 3);
    assertThat(listing.references()).hasSize(3);
    assertThat(listing.completed()).isFalse();
  }

  @Test
  void survivesUnterminatedStringsAndBackslashesAtTheEnd() {
    assertThat(names("x = 'open\ntorch.save\n")).containsExactly("torch.save@10");
    assertThat(names("x = '''never closed torch.save")).isEmpty();
    assertThat(names("x = 'a\\")).isEmpty();
  }
}
