package io.jenkins.plugins.fathomable.core.source.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.fathomable.core.credentials.CredentialsPort;
import io.jenkins.plugins.fathomable.core.source.RequestCounter;
import io.jenkins.plugins.fathomable.core.source.RequestKind;
import io.jenkins.plugins.fathomable.core.tracker.TrackerObservation.Status;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@link RegistryClient} against a real registry (Debian's docker-registry) without auth. */
class RegistryClientTest {

    @RegisterExtension
    static final RegistryServer REGISTRY = RegistryServer.anonymous();

    private RequestCounter counter;
    private RegistryClient client;

    @BeforeEach
    void setUp() {
        counter = new RequestCounter();
        RegistryConfig config = RegistryConfig.anonymous();
        client = new RegistryClient(HttpClient.newHttpClient(), config, CredentialsPort.none(), counter,
                Clock.systemUTC(), Sleeper.system());
    }

    private ImageReference image(String repository, String tag) {
        return ImageReference.parse(REGISTRY.host() + "/" + repository + ":" + tag);
    }

    @Test
    void digestOfATagIsTheManifestDigestFromOneHead() throws Exception {
        ImagePusher.Pushed pushed = REGISTRY.pusher().image("team/single", "1.0.0");
        int mark = REGISTRY.logMark();

        assertThat(client.digest(image("team/single", "1.0.0"))).isEqualTo(pushed.digest());

        assertThat(REGISTRY.requestsSince(mark)).containsExactly("HEAD /v2/team/single/manifests/1.0.0 200");
        assertThat(counter.count(RequestKind.HEAD_MANIFEST)).isEqualTo(1);
        assertThat(counter.count(RequestKind.GET_MANIFEST)).isZero();
        assertThat(counter.count(RequestKind.BLOB)).isZero();
    }

    @Test
    void multiArchImageIsTrackedByItsIndexDigest() throws Exception {
        ImagePusher.Pushed index = REGISTRY.pusher().index("team/multi", "2.0.0");

        String digest = client.digest(image("team/multi", "2.0.0"));

        assertThat(digest).isEqualTo(index.digest());
    }

    @Test
    void rePushingATagChangesItsDigest() throws Exception {
        ImagePusher.Pushed first = REGISTRY.pusher().image("team/mutable", "latest");
        String before = client.digest(image("team/mutable", "latest"));
        ImagePusher.Pushed second = REGISTRY.pusher().image("team/mutable", "latest");

        String after = client.digest(image("team/mutable", "latest"));

        assertThat(before).isEqualTo(first.digest());
        assertThat(after).isEqualTo(second.digest()).isNotEqualTo(before);
    }

    @Test
    void listsMoreThanOneHundredTagsAndPicksTheBestSemVer() throws Exception {
        ImagePusher pusher = REGISTRY.pusher();
        ImagePusher.Pushed base = pusher.image("team/many", "0.0.1");
        List<String> pushedTags = new ArrayList<>(List.of("0.0.1"));
        for (int minor = 0; minor < 110; minor++) {
            pusher.tag("team/many", "1." + minor + ".0", base);
            pushedTags.add("1." + minor + ".0");
        }
        pusher.tag("team/many", "latest", base);
        pusher.tag("team/many", "2.0.0-rc.1", base);
        pushedTags.addAll(List.of("latest", "2.0.0-rc.1"));
        int mark = REGISTRY.logMark();

        List<String> tags = client.tags(ImageReference.parse(REGISTRY.host() + "/team/many"));

        assertThat(tags).containsExactlyInAnyOrderElementsOf(pushedTags);
        assertThat(REGISTRY.requestsSince(mark)).allMatch(line -> line.startsWith("GET /v2/team/many/tags/list?n=100"));
        assertThat(SemVerConstraint.parse("^1.0").best(tags)).map(SemVer::tag).hasValue("1.109.0");
        assertThat(SemVerConstraint.parse(">=2.0.0-rc.0").best(tags)).map(SemVer::tag).hasValue("2.0.0-rc.1");
    }

    @Test
    void newSemVerTagAndPreReleasesFollowTheConstraint() throws Exception {
        ImagePusher pusher = REGISTRY.pusher();
        ImagePusher.Pushed base = pusher.image("team/releases", "1.0.0");
        pusher.tag("team/releases", "1.1.0-rc.9", base);
        pusher.tag("team/releases", "1.1.0-rc.10", base);
        ImageReference repository = ImageReference.parse(REGISTRY.host() + "/team/releases");
        SemVerConstraint stable = SemVerConstraint.parse("^1.0");
        SemVerConstraint candidates = SemVerConstraint.parse("^1.1.0-rc.1");

        assertThat(stable.best(client.tags(repository))).map(SemVer::tag).hasValue("1.0.0");
        assertThat(candidates.best(client.tags(repository))).map(SemVer::tag).hasValue("1.1.0-rc.10");

        pusher.tag("team/releases", "1.1.0", base);
        assertThat(stable.best(client.tags(repository))).map(SemVer::tag).hasValue("1.1.0");
    }

    @Test
    void missingTagIsNotFound() throws Exception {
        REGISTRY.pusher().image("team/present", "1.0.0");

        assertThatThrownBy(() -> client.digest(image("team/present", "9.9.9")))
                .isInstanceOfSatisfying(RegistryException.class, e -> assertThat(e.status()).isEqualTo(Status.NOT_FOUND))
                .hasMessageContaining("404");
    }

    @Test
    void localhostIsReachedOverPlainHttpLikeLoopbackAddresses() throws Exception {
        ImagePusher.Pushed pushed = REGISTRY.pusher().image("team/local", "1.0.0");
        String port = REGISTRY.host().substring(REGISTRY.host().indexOf(':') + 1);

        assertThat(client.digest(ImageReference.parse("localhost:" + port + "/team/local:1.0.0"))).isEqualTo(pushed.digest());
    }

    @Test
    void unreachableRegistryIsARegistryErrorNotACrash() {
        RegistryClient unreachable = new RegistryClient(HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build(),
                new RegistryConfig(java.util.Map.of(), new RegistryConfig.Limits(1, 100, 0, Duration.ZERO, Duration.ZERO)),
                CredentialsPort.none(), counter, Clock.systemUTC(), Sleeper.system());

        assertThatThrownBy(() -> unreachable.digest(ImageReference.parse("127.0.0.1:1/team/app:1.0.0")))
                .isInstanceOfSatisfying(RegistryException.class, e -> assertThat(e.status()).isEqualTo(Status.REGISTRY_ERROR))
                .hasMessageContaining("127.0.0.1:1");
    }
}
