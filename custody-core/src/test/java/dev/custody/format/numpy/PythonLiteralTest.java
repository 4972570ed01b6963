package dev.custody.format.numpy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PythonLiteralTest {

  @Test
  void parsesWhatNumpyWrites() {
    Object value =
        PythonLiteral.parse(
            "{'descr': [('x', '<f4'), (\"pos\", '<i2', (3,))], 'fortran_order': False,"
                + " 'shape': (2, 3L), }   \n");
    assertThat(value)
        .isEqualTo(
            Map.of(
                "descr",
                List.of(List.of("x", "<f4"), List.of("pos", "<i2", List.of(BigInteger.valueOf(3)))),
                "fortran_order",
                false,
                "shape",
                List.of(BigInteger.TWO, BigInteger.valueOf(3))));
  }

  @Test
  void joinsAdjacentStringsAndDecodesEscapes() {
    assertThat(PythonLiteral.parse("'a' \"b\\x41\\n\\101\"")).isEqualTo("abA\nA");
    assertThat(PythonLiteral.parse("(5)")).isEqualTo(BigInteger.valueOf(5));
    assertThat(PythonLiteral.parse("()")).isEqualTo(List.of());
  }

  @Test
  void rejectsAnythingThatIsNotALiteral() {
    for (String text :
        new String[] {"__import__('os')", "{'a': 1", "'open", "1 + 2", "[" + "[".repeat(40)}) {
      assertThatThrownBy(() -> PythonLiteral.parse(text))
          .as(text)
          .isInstanceOf(IllegalArgumentException.class);
    }
  }
}
