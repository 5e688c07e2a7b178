package io.zkedge.bulletproofs;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Strict UTF-8 for ids that end up in a transcript. {@code String.getBytes} would turn a lone
 * surrogate into {@code '?'}, so two different ids could bind to the same bytes.
 */
final class Utf8 {

    private Utf8() {}

    /** The UTF-8 bytes of {@code s}, or null if it is not well-formed UTF-16. */
    static byte[] encodeOrNull(String s) {
        try {
            ByteBuffer buffer = StandardCharsets.UTF_8.newEncoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .encode(CharBuffer.wrap(s));
            byte[] bytes = new byte[buffer.remaining()];
            buffer.get(bytes);
            return bytes;
        } catch (CharacterCodingException e) {
            return null;
        }
    }
}
