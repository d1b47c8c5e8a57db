package io.jenkins.plugins.fathomable.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RenderCommandTest {

    static final String DIGEST = "sha256:" + "0123456789abcdef".repeat(4);
    static final String WEB = ValidateCommandTest.EXAMPLES.resolve("web-service.yaml").toString();

    @Test
    void printsMultiDocumentYamlPinnedByDigest() {
        CliRun run = CliRun.of("render", WEB, "--env", "prod", "--digest", DIGEST, "--tracker", "payments.api",
                "--commit", "0123456789abcdef0123456789abcdef01234567", "--namespace", "payments");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).startsWith("---\napiVersion: v1\nkind: ConfigMap\n")
                .contains("image: ghcr.io/acme/payments-api@" + DIGEST)
                .contains("fathomable.io/tracker: payments.api")
                .contains("namespace: payments\n")
                .contains("kind: HorizontalPodAutoscaler");
        assertThat(run.out().split("(?m)^---$")).hasSize(8); // 7 objects in prod
    }

    @Test
    void defaultsTrackerCommitAndNamespace() {
        CliRun run = CliRun.of("render", WEB, "--env", "dev", "--digest", DIGEST);
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("fathomable.io/tracker: local.payments-api")
                .contains("fathomable.io/git-commit: unknown").contains("namespace: payments-api-dev\n")
                .doesNotContain("HorizontalPodAutoscaler");
    }

    @Test
    void sameInputGivesIdenticalOutput() {
        String first = CliRun.of("render", WEB, "--env", "preprod", "--digest", DIGEST).out();
        String second = CliRun.of("render", WEB, "--env", "preprod", "--digest", DIGEST).out();
        assertThat(second).isEqualTo(first).isNotEmpty();
    }

    @Test
    void writesOneFilePerObjectInApplyOrder(@TempDir Path dir) throws IOException {
        Path out = dir.resolve("manifests");
        CliRun run = CliRun.of("render", WEB, "--env", "preprod", "--digest", DIGEST, "-o", out.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        List<String> names;
        try (Stream<Path> files = Files.list(out)) {
            names = files.map(p -> p.getFileName().toString()).sorted().toList();
        }
        assertThat(names).hasSize(5);
        assertThat(names.get(0)).matches("01-configmap-payments-api-app-[0-9a-f]{10}\\.yaml");
        assertThat(names.subList(1, 5)).containsExactly("02-service-payments-api.yaml",
                "03-deployment-payments-api.yaml", "04-poddisruptionbudget-payments-api.yaml",
                "05-ingress-payments-api.yaml");
        assertThat(Files.readString(out.resolve("03-deployment-payments-api.yaml")))
                .startsWith("apiVersion: apps/v1\nkind: Deployment\n").contains("replicas: 2\n");
        assertThat(run.out().lines()).hasSize(5);
    }

    @Test
    void aSemverFileNeedsTheTag() {
        String worker = ValidateCommandTest.EXAMPLES.resolve("worker.yaml").toString();
        CliRun missing = CliRun.of("render", worker, "--env", "dev", "--digest", DIGEST);
        assertThat(missing.exitCode()).isEqualTo(2);
        assertThat(missing.err()).startsWith("--tag: is required: the file tracks SemVer constraint '^2.3'");
        CliRun given = CliRun.of("render", worker, "--env", "dev", "--digest", DIGEST, "--tag", "2.3.9");
        assertThat(given.exitCode()).as(given.err()).isZero();
        assertThat(given.out()).contains("fathomable.io/image-tag: 2.3.9");
    }

    @Test
    void badOptionsAreNamedAndNothingIsRendered() {
        CliRun run = CliRun.of("render", WEB, "--env", "staging", "--digest", "latest", "--tracker", "nodot",
                "--namespace", "ns");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).contains("--tracker: must be group.name");
        CliRun run2 = CliRun.of("render", WEB, "--env", "staging", "--digest", "latest", "--namespace", "ns");
        assertThat(run2.err().lines()).containsExactly(
                "--env: must be one of dev, ha, preprod, prod, got 'staging'",
                "--digest: must be sha256: followed by 64 lower-case hex digits, got 'latest'");
    }

    @Test
    void anInvalidFileExitsOneWithItsErrors(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("f.yaml");
        Files.writeString(file, "apiVersion: fathomable.io/v1\nkind: Application\n");
        CliRun run = CliRun.of("render", file.toString(), "--env", "dev", "--digest", DIGEST);
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err().lines()).containsExactly(file + ": metadata: is required (line 1, column 1)",
                file + ": spec: is required (line 1, column 1)");
    }
}
