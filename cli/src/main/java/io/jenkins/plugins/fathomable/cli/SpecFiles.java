package io.jenkins.plugins.fathomable.cli;

import io.jenkins.plugins.fathomable.core.spec.ParseResult;
import io.jenkins.plugins.fathomable.core.spec.SpecParser;
import io.jenkins.plugins.fathomable.core.spec.SpecText;
import io.jenkins.plugins.fathomable.core.validation.ValidationException;
import io.jenkins.plugins.fathomable.core.validation.FieldError;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;

/** Reads a {@code fathomable.yaml} from disk, refusing huge files before loading them into memory. */
final class SpecFiles {

    /** UTF-8 needs at most 4 bytes a character, so anything larger is over the parser's limit anyway. */
    private static final long MAX_BYTES = 4L * SpecParser.MAX_CHARS;

    private SpecFiles() {}

    static ParseResult parse(Path file) {
        try {
            long size = Files.size(file);
            if (size > MAX_BYTES) {
                return problem("is " + size + " bytes; at most " + SpecParser.MAX_CHARS + " characters (1 MiB) are"
                        + " accepted");
            }
            return SpecParser.parse(SpecText.decode(Files.readAllBytes(file)));
        } catch (ValidationException e) {
            return ParseResult.invalid(e.errors());
        } catch (NoSuchFileException e) {
            return problem("does not exist");
        } catch (IOException e) {
            return problem("cannot be read: " + e.getMessage());
        }
    }

    private static ParseResult problem(String message) {
        return ParseResult.invalid(List.of(new FieldError("document", message)));
    }
}
