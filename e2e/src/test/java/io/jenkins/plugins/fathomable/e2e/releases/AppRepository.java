package io.jenkins.plugins.fathomable.e2e.releases;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.jenkins.plugins.fathomable.core.source.registry.ImagePusher;
import io.jenkins.plugins.fathomable.core.source.registry.RegistryServer;
import io.jenkins.plugins.fathomable.core.testing.GitHubFixture;
import io.jenkins.plugins.fathomable.core.testing.GitHubGraphQl;
import io.jenkins.plugins.fathomable.e2e.harness.SuiteSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;

/**
 * One application as its team works on it: a GitHub repository (on the group's GitHub stand-in) whose branch
 * {@code main} holds {@code deploy/fathomable.yaml}, and its image in the group's real {@code docker-registry}.
 * Commits and pushes are what a team's CI would do; Jenkins only ever sees them through the APIs.
 */
final class AppRepository {

    static final String PATH = "deploy/fathomable.yaml";

    private final GitHubFixture github;
    private final RegistryServer registry;
    private final String repo;
    private final String image;
    private int commits;

    /** @param github the group's one GitHub stand-in (several repositories share it) */
    AppRepository(GitHubFixture github, RegistryServer registry, String repo, String image) {
        this.github = github;
        this.registry = registry;
        this.repo = repo;
        this.image = image;
        this.github.repository(repo, "main");
    }

    /**
     * The GitHub stand-in of a group: api.github.com's REST bodies, headers and ETags, and its GraphQL endpoint
     * ({@code graphQl} must be among the WireMock server's extensions), over one model of the repositories.
     */
    static GitHubFixture gitHub(WireMockExtension wireMock, GitHubGraphQl graphQl) {
        return new GitHubFixture(wireMock, Instant.now().plus(Duration.ofHours(1)), graphQl);
    }

    /** A new commit on {@code main} with {@code fathomable.yaml} as given; returns the file's blob SHA. */
    String commit(String fathomableYaml) {
        String sha = GitHubFixture.sha(repo + " commit " + (++commits));
        github.commit(repo, "heads/main", sha);
        return github.file(repo, PATH, sha, fathomableYaml);
    }

    /** A fresh image (new digest) pushed under {@code tag}, through the registry API. */
    ImagePusher.Pushed push(String tag) throws IOException, InterruptedException {
        return registry.pusher().image(image, tag);
    }

    /** {@code HOST:PORT/owner/name}: the image repository as the application's file names it. */
    String imageRepository() {
        return registry.host() + "/" + image;
    }

    /** The image pinned by digest, as the rendered Deployment runs it. */
    String pinned(ImagePusher.Pushed pushed) {
        return imageRepository() + "@" + pushed.digest();
    }

    /** An example of the repository's {@code examples/} folder, its image moved to this application's registry. */
    static String example(String file, String exampleImage, String imageRepository) {
        try {
            String text = Files.readString(SuiteSettings.sources().resolve("examples").resolve(file));
            if (!text.contains(exampleImage)) {
                throw new AssertionError("examples/" + file + " no longer names " + exampleImage);
            }
            return text.replace(exampleImage, imageRepository);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
