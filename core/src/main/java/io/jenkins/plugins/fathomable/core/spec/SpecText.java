package io.jenkins.plugins.fathomable.core.spec;

import io.jenkins.plugins.fathomable.core.validation.FieldError;
import io.jenkins.plugins.fathomable.core.validation.ValidationException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Turns the bytes of a {@code fathomable.yaml} into text, strictly: YAML files are UTF-8, and a file that is not
 * is refused with the place of the first bad byte, by every host alike (a lenient decoder would silently turn bad
 * bytes into U+FFFD and accept in {@code serve} what {@code validate} refuses).
 */
public final class SpecText {

    private SpecText() {}

    /** The text of {@code bytes}, or a {@link ValidationException} on field {@code document} naming line and column. */
    public static String decode(byte[] bytes) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(bytes.length);
        CoderResult result = decoder.decode(in, out, true);
        if (!result.isError()) {
            result = decoder.flush(out);
        }
        if (result.isError()) {
            int offset = in.position();
            int line = 1;
            int lineStart = 0;
            for (int i = 0; i < offset; i++) {
                if (bytes[i] == '\n') {
                    line++;
                    lineStart = i + 1;
                }
            }
            int column = new String(bytes, lineStart, offset - lineStart, StandardCharsets.UTF_8).length() + 1;
            throw new ValidationException(java.util.List.of(new FieldError("document", String.format(
                    "is not valid UTF-8: byte 0x%02x at offset %d cannot start or continue a character; save the file"
                            + " as UTF-8", bytes[offset] & 0xff, offset), line, column)));
        }
        out.flip();
        return out.toString();
    }
}
