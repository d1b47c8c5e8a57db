package io.jenkins.plugins.fathomable.e2e.harness;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.stream.Stream;

/**
 * Looks for a secret in plain text: in every file under a folder (the whole {@code JENKINS_HOME}, logs included),
 * and in text such as HTTP responses. "Plain" also covers the secret base64-encoded as a whole, which is how a
 * careless {@code Authorization} header or a serialised byte array would show it.
 */
public final class SecretScan {

    private SecretScan() {
    }

    /** Files under {@code root} whose bytes contain {@code secret}; reports how many files were read. */
    public static Findings files(Path root, String secret) throws IOException {
        List<byte[]> needles = needles(secret);
        List<Path> hits = new ArrayList<>();
        int read = 0;
        try (Stream<Path> files = Files.walk(root)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                byte[] content;
                try {
                    content = Files.readAllBytes(f);
                } catch (java.nio.file.NoSuchFileException e) {
                    continue; // removed while walking (a temporary file)
                }
                read++;
                if (needles.stream().anyMatch(n -> indexOf(content, n) >= 0)) {
                    hits.add(root.relativize(f));
                }
            }
        }
        return new Findings(read, hits);
    }

    /** Whether {@code text} contains the secret (plain or base64). */
    public static boolean in(String text, String secret) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        return needles(secret).stream().anyMatch(n -> indexOf(bytes, n) >= 0);
    }

    public record Findings(int filesRead, List<Path> filesWithSecret) {}

    private static List<byte[]> needles(String secret) {
        return List.of(secret.getBytes(StandardCharsets.UTF_8),
                Base64.getEncoder().withoutPadding().encodeToString(secret.getBytes(StandardCharsets.UTF_8))
                        .getBytes(StandardCharsets.US_ASCII));
    }

    static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
