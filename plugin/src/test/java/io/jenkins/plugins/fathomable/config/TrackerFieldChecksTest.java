package io.jenkins.plugins.fathomable.config;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TrackerFieldChecksTest {

    @Test
    void acceptsGoodValues() {
        assertThat(TrackerFieldChecks.id("payments.api")).isEmpty();
        assertThat(TrackerFieldChecks.repo("acme/payments-api")).isEmpty();
        assertThat(TrackerFieldChecks.sourcePath("deploy/fathomable.yaml")).isEmpty();
    }

    @Test
    void idMessagesComeFromCore() {
        assertThat(TrackerFieldChecks.id("")).containsExactly("is required, as group.name");
        assertThat(TrackerFieldChecks.id("payments")).singleElement().asString()
                .contains("must be group.name").contains("'payments'");
        assertThat(TrackerFieldChecks.id("Payments.api")).singleElement().asString()
                .contains("group part 'Payments'").contains("lower-case");
    }

    @Test
    void repoMessagesMentionOnlyTheRepo() {
        assertThat(TrackerFieldChecks.repo(null)).containsExactly("is required, as owner/name");
        assertThat(TrackerFieldChecks.repo("acme")).containsExactly("must be owner/name, got 'acme'");
        assertThat(TrackerFieldChecks.repo("-acme/x")).singleElement().asString().startsWith("owner must be");
    }

    @Test
    void sourcePathMessagesMentionOnlyThePath() {
        assertThat(TrackerFieldChecks.sourcePath(" ")).singleElement().asString().startsWith("is required");
        assertThat(TrackerFieldChecks.sourcePath("../fathomable.yaml")).containsExactly("must not contain '..'");
        assertThat(TrackerFieldChecks.sourcePath("/fathomable.yaml"))
                .contains("must be relative to the repository root (no leading '/')");
    }
}
