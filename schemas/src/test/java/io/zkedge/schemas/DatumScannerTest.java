package io.zkedge.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

class DatumScannerTest {

  @Test
  void shouldAcceptExactlyTheUtf8ThatTheJdkStrictDecoderAccepts() {
    Random random = new Random(8032);
    int[] interesting = {0x00, 0x7f, 0x80, 0xbf, 0xc0, 0xc1, 0xc2, 0xdf, 0xe0, 0xed, 0xef,
        0xf0, 0xf4, 0xf5, 0xff, 0x9f, 0xa0, 0x8f, 0x90, 0x41};
    for (int trial = 0; trial < 200_000; trial++) {
      byte[] b = new byte[1 + random.nextInt(6)];
      for (int i = 0; i < b.length; i++) {
        b[i] = (byte) (random.nextBoolean()
            ? interesting[random.nextInt(interesting.length)] : random.nextInt(256));
      }
      assertThat(DatumScanner.firstInvalidUtf8(b, 0, b.length) < 0)
          .as("%s", java.util.HexFormat.of().formatHex(b))
          .isEqualTo(jdkAccepts(b));
    }
  }

  @Test
  void shouldAcceptEveryCodePointWrittenByTheJdk() {
    for (int cp = 0; cp <= Character.MAX_CODE_POINT; cp++) {
      if (cp >= Character.MIN_SURROGATE && cp <= Character.MAX_SURROGATE) {
        continue;
      }
      byte[] b = new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8);
      assertThat(DatumScanner.firstInvalidUtf8(b, 0, b.length)).as("U+%04X", cp).isEqualTo(-1);
    }
  }

  private static boolean jdkAccepts(byte[] b) {
    try {
      StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(b));
      return true;
    } catch (CharacterCodingException e) {
      return false;
    }
  }
}
