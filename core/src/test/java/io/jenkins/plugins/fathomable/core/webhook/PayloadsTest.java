package io.jenkins.plugins.fathomable.core.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.fathomable.core.testing.WebhookPayloads;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** GitHub's and the registries' bodies, read into where to look; everything else skipped or refused. */
class PayloadsTest {

    private static byte[] text(String json) {
        return json.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void aPushNamesTheRepositoryTheRefAndTheDefaultBranch() {
        assertThat(GitHubPayloads.read("push", WebhookPayloads.push("Acme/Shop", "refs/heads/main", "a".repeat(40))))
                .containsExactly(new Hint.RefMoved("Acme/Shop", "refs/heads/main", "main"));
        assertThat(GitHubPayloads.read("push", WebhookPayloads.push("acme/shop", "refs/tags/v1.2.0", "b".repeat(40))))
                .containsExactly(new Hint.RefMoved("acme/shop", "refs/tags/v1.2.0", "main"));
        // a pull request's head or a note is no ref a tracker follows
        assertThat(GitHubPayloads.read("push", WebhookPayloads.push("acme/shop", "refs/pull/7/head", "b".repeat(40))))
                .isEmpty();
    }

    @Test
    void createAndDeleteNameATagOrBranch() {
        byte[] tag = WebhookPayloads.load("github-create.json", Map.of("repo", "acme/shop", "ref", "v2.0.0",
                "ref_type", "tag"));
        assertThat(GitHubPayloads.read("create", tag)).containsExactly(new Hint.RefMoved("acme/shop", "refs/tags/v2.0.0", "main"));
        assertThat(GitHubPayloads.read("delete", tag)).containsExactly(new Hint.RefMoved("acme/shop", "refs/tags/v2.0.0", "main"));
        byte[] branch = WebhookPayloads.load("github-create.json", Map.of("repo", "acme/shop", "ref", "release/2",
                "ref_type", "branch"));
        assertThat(GitHubPayloads.read("create", branch))
                .containsExactly(new Hint.RefMoved("acme/shop", "refs/heads/release/2", "main"));
        byte[] repository = WebhookPayloads.load("github-create.json", Map.of("repo", "acme/shop", "ref", "x",
                "ref_type", "repository"));
        assertThat(GitHubPayloads.read("create", repository)).isEmpty();
    }

    @Test
    void containerPackagesNameTheImageOnGhcr() {
        byte[] published = WebhookPayloads.load("github-package.json", Map.of("repo", "Acme/Payments-API", "tag", "1.4.3"));
        assertThat(GitHubPayloads.read("package", published))
                .containsExactly(new Hint.TagPushed("ghcr.io/acme/payments-api", "1.4.3"));
        byte[] registryPackage = text("{\"action\":\"published\",\"registry_package\":{\"name\":\"api\","
                + "\"namespace\":\"acme\",\"package_type\":\"CONTAINER\",\"package_version\":{\"container_metadata\":"
                + "{\"tag\":{\"name\":\"2.0.0\",\"digest\":\"sha256:00\"}}}}}");
        assertThat(GitHubPayloads.read("registry_package", registryPackage))
                .containsExactly(new Hint.TagPushed("ghcr.io/acme/api", "2.0.0"));
        byte[] npm = text("{\"package\":{\"name\":\"lib\",\"namespace\":\"acme\",\"package_type\":\"npm\"}}");
        assertThat(GitHubPayloads.read("package", npm)).isEmpty();
        byte[] untagged = WebhookPayloads.load("github-package.json", Map.of("repo", "acme/api", "tag", ""));
        assertThat(GitHubPayloads.read("package", untagged)).as("a platform manifest of a multi-arch image").isEmpty();
    }

    @Test
    void aPingNamesItsRepositoryAndOtherEventsNothing() {
        assertThat(GitHubPayloads.read("ping", WebhookPayloads.load("github-ping.json", Map.of("repo", "acme/shop"))))
                .containsExactly(new Hint.RepositoryPinged("acme/shop"));
        assertThat(GitHubPayloads.read("issues", text("not even JSON"))).isEmpty();
        assertThat(GitHubPayloads.handles("issues")).isFalse();
        assertThat(GitHubPayloads.handles("PUSH")).isTrue();
    }

    @Test
    void malformedGitHubBodiesAreRefusedNamingWhatIsWrong() {
        assertThatThrownBy(() -> GitHubPayloads.read("push", text("{\"ref\": ")))
                .isInstanceOf(BadPayloadException.class).hasMessageStartingWith("the body is not JSON");
        assertThatThrownBy(() -> GitHubPayloads.read("push", text("[1,2]")))
                .isInstanceOf(BadPayloadException.class).hasMessage("the body must be one JSON object");
        assertThatThrownBy(() -> GitHubPayloads.read("push", text("{\"ref\":\"refs/heads/main\"}")))
                .isInstanceOf(BadPayloadException.class).hasMessage("push: 'repository.full_name' is required");
        assertThatThrownBy(() -> GitHubPayloads.read("push", text("{\"ref\":5,\"repository\":{\"full_name\":\"a/b\"}}")))
                .isInstanceOf(BadPayloadException.class).hasMessage("push: 'ref' is required");
        assertThatThrownBy(() -> GitHubPayloads.read("push",
                text("{\"ref\":\"refs/heads/main\",\"repository\":{\"full_name\":\"no-slash\"}}")))
                .isInstanceOf(BadPayloadException.class).hasMessage("'repository.full_name' must be owner/name");
        assertThatThrownBy(() -> GitHubPayloads.read("push",
                text("{\"ref\":\"refs/heads/a\\nb\",\"repository\":{\"full_name\":\"a/b\"}}")))
                .isInstanceOf(BadPayloadException.class).hasMessage("push: 'ref' is not one printable line");
        assertThatThrownBy(() -> GitHubPayloads.read("package", text("{\"package\":{\"package_type\":\"container\","
                + "\"name\":\"Bad Name\",\"namespace\":\"acme\",\"package_version\":{\"container_metadata\":{\"tag\":"
                + "{\"name\":\"1\"}}}}}"))).isInstanceOf(BadPayloadException.class).hasMessageContaining("package:");
    }

    @Test
    void distributionNotificationsNameTaggedManifestsOnTheHostTheClientUsed() {
        byte[] body = WebhookPayloads.distribution("127.0.0.1:5000", "team/app", "1.0.0");
        String announced = "sha256:" + "ab".repeat(32);
        assertThat(RegistryPayloads.read(body, null)).as("the blob upload is skipped")
                .containsExactly(new Hint.TagPushed("127.0.0.1:5000/team/app", "1.0.0", announced));
        assertThat(RegistryPayloads.read(body, "registry.internal:5000"))
                .containsExactly(new Hint.TagPushed("registry.internal:5000/team/app", "1.0.0", announced));
        byte[] oddDigest = WebhookPayloads.load("registry-distribution.json", Map.of("host", "r:5000", "repository",
                "team/app", "tag", "1.0.0", "digest", "sha256:not-hex"));
        assertThat(RegistryPayloads.read(oddDigest, null)).as("a malformed digest announces nothing")
                .containsExactly(new Hint.TagPushed("r:5000/team/app", "1.0.0", null));
        assertThat(RegistryPayloads.eventIds(body)).hasSize(2);
        byte[] byDigest = text("{\"events\":[{\"id\":\"1\",\"action\":\"push\",\"target\":{\"repository\":\"team/app\","
                + "\"digest\":\"sha256:00\"},\"request\":{\"host\":\"r:5000\"}},{\"id\":\"2\",\"action\":\"pull\","
                + "\"target\":{\"repository\":\"team/app\",\"tag\":\"1.0.0\"},\"request\":{\"host\":\"r:5000\"}}]}");
        assertThat(RegistryPayloads.read(byDigest, null)).as("pushes by digest and pulls").isEmpty();
        byte[] deleted = text("{\"events\":[{\"id\":\"3\",\"action\":\"delete\",\"target\":{\"repository\":\"team/app\","
                + "\"tag\":\"0.9.0\",\"url\":\"https://registry.example.com/v2/team/app/manifests/0.9.0\"}}]}");
        assertThat(RegistryPayloads.read(deleted, null))
                .containsExactly(new Hint.TagPushed("registry.example.com/team/app", "0.9.0"));
    }

    @Test
    void dockerHubAndHarborWebhooks() {
        byte[] hub = WebhookPayloads.load("dockerhub.json", Map.of("repository", "acme/web", "repo", "acme/web",
                "tag", "2.1.0"));
        assertThat(RegistryPayloads.read(hub, null)).containsExactly(new Hint.TagPushed("docker.io/acme/web", "2.1.0"));
        byte[] official = WebhookPayloads.load("dockerhub.json", Map.of("repository", "nginx", "repo", "library/nginx",
                "tag", "1.27"));
        assertThat(RegistryPayloads.read(official, null))
                .containsExactly(new Hint.TagPushed("docker.io/library/nginx", "1.27"));
        byte[] harbor = WebhookPayloads.load("harbor.json", Map.of("host", "harbor.example.com", "repository",
                "shop/web", "repo", "shop/web", "tag", "3.0.0"));
        assertThat(RegistryPayloads.read(harbor, null))
                .containsExactly(new Hint.TagPushed("harbor.example.com/shop/web", "3.0.0", "sha256:" + "ab".repeat(32)));
    }

    @Test
    void malformedRegistryBodiesAreRefused() {
        assertThatThrownBy(() -> RegistryPayloads.read(text("{\"hello\":1}"), null))
                .isInstanceOf(BadPayloadException.class).hasMessageStartingWith("not a registry notification");
        assertThatThrownBy(() -> RegistryPayloads.read(text("{\"events\":{}}"), null))
                .isInstanceOf(BadPayloadException.class).hasMessage("'events' must be a list");
        assertThatThrownBy(() -> RegistryPayloads.read(text("{\"events\":[{\"action\":\"push\",\"target\":{\"tag\":"
                + "\"1\",\"repository\":\"team/app\"}}]}"), null))
                .isInstanceOf(BadPayloadException.class).hasMessageContaining("no registry host");
        assertThatThrownBy(() -> RegistryPayloads.read(text("{\"events\":[{\"action\":\"push\",\"target\":{\"tag\":"
                + "\"-bad\",\"repository\":\"team/app\"},\"request\":{\"host\":\"r:5000\"}}]}"), null))
                .isInstanceOf(BadPayloadException.class).hasMessageContaining("tag '-bad'");
        assertThatThrownBy(() -> RegistryPayloads.read(text("{\"events\":[{\"action\":\"push\",\"target\":{\"tag\":"
                + "\"1\",\"repository\":\"Team/App\"},\"request\":{\"host\":\"r:5000\"}}]}"), null))
                .isInstanceOf(BadPayloadException.class).hasMessageContaining("repository path component 'Team'");
    }
}
