package io.jenkins.plugins.fathomable.credentials;

import static org.assertj.core.api.Assertions.assertThat;

import com.cloudbees.plugins.credentials.common.StandardCredentials;
import io.jenkins.plugins.fathomable.core.credentials.Credential;
import io.jenkins.plugins.fathomable.testing.Fakes;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Lookups go through an index: a poll pass over n trackers, each with credentials of its own (as every tracker
 * created through REST has), lists the credentials once, not n times (before: one listing, of all n, per lookup).
 */
class JenkinsCredentialsTest {

    private static final int TRACKERS = 2_000;

    /** Stands in for the credentials plugin's listing: counts how often everything is listed. */
    private final List<StandardCredentials> stored = new CopyOnWriteArrayList<>();
    private final AtomicInteger listings = new AtomicInteger();
    private final AtomicLong storeSaves = new AtomicLong();
    private final JenkinsCredentials credentials = new JenkinsCredentials(CredentialMapper.jenkins(), () -> {
        listings.incrementAndGet();
        return List.copyOf(stored);
    }, storeSaves::get);
    private final ExecutorService pool = Executors.newFixedThreadPool(4);

    @AfterEach
    void stop() {
        pool.shutdownNow();
    }

    private static String token(Optional<Credential> c) {
        return ((Credential.Token) c.orElseThrow()).token().reveal();
    }

    private void storeTokens(String prefix) {
        stored.clear();
        for (int i = 0; i < TRACKERS; i++) {
            stored.add(Fakes.token("fathomable-team.app" + i, prefix + i));
        }
    }

    @Test
    void aPassOverThousandsOfTrackersListsTheCredentialsOnce() throws Exception {
        storeTokens("ghp_first");

        // a pass: the trackers are looked at on several threads, each looks up its own credentials
        List<Future<String>> found = new ArrayList<>();
        for (int i = 0; i < TRACKERS; i++) {
            String id = "fathomable-team.app" + i;
            found.add(pool.submit(() -> token(credentials.lookup(id))));
        }
        for (int i = 0; i < TRACKERS; i++) {
            assertThat(found.get(i).get()).isEqualTo("ghp_first" + i);
        }
        assertThat(listings).as("listings of all credentials for " + TRACKERS + " lookups").hasValue(1);

        // the next pass: rotated tokens are used, again for one listing
        storeTokens("ghp_rotated");
        credentials.refresh();
        for (int i = 0; i < TRACKERS; i++) {
            assertThat(token(credentials.lookup("fathomable-team.app" + i))).isEqualTo("ghp_rotated" + i);
        }
        assertThat(listings).hasValue(2);
    }

    @Test
    void aSavedStoreIsSeenAtTheNextLookup() {
        stored.add(Fakes.token("gh", "ghp_old"));
        assertThat(token(credentials.lookup("gh"))).isEqualTo("ghp_old");

        stored.set(0, Fakes.token("gh", "ghp_new"));
        assertThat(token(credentials.lookup("gh"))).as("nothing said the store changed").isEqualTo("ghp_old");
        storeSaves.incrementAndGet(); // what Jenkins tells when the system store is saved
        assertThat(token(credentials.lookup("gh"))).isEqualTo("ghp_new");
        assertThat(listings).hasValue(2);
    }

    @Test
    void aMissingIdListsOnceMoreThenNotAgainUntilTheNextPass() {
        stored.add(Fakes.token("gh", "ghp_a"));
        assertThat(credentials.lookup("gh")).isPresent();

        // added by a provider that does not tell: the first miss lists again and finds it
        stored.add(Fakes.token("added-later", "ghp_b"));
        assertThat(token(credentials.lookup("added-later"))).isEqualTo("ghp_b");
        assertThat(listings).hasValue(2);

        // trackers naming credentials that do not exist cost no listing each: that listing was this pass's one
        for (int i = 0; i < TRACKERS; i++) {
            assertThat(credentials.lookup("deleted-" + i)).isEmpty();
        }
        assertThat(listings).hasValue(2);

        // the next pass: one listing, and one more for its first miss
        credentials.refresh();
        for (int i = 0; i < TRACKERS; i++) {
            assertThat(credentials.lookup("deleted-" + i)).isEmpty();
        }
        assertThat(listings).hasValue(4);
    }

    @Test
    void theFirstOfTwoCredentialsWithOneIdIsUsedAsTheCredentialsPluginDoes() {
        stored.add(Fakes.token("gh", "ghp_first"));
        stored.add(Fakes.token("gh", "ghp_second"));

        assertThat(token(credentials.lookup("gh"))).isEqualTo("ghp_first");
    }

    @Test
    void blankIdsAreAnonymousWithoutListing() {
        assertThat(credentials.lookup(null)).isEmpty();
        assertThat(credentials.lookup(" ")).isEmpty();
        assertThat(listings).hasValue(0);
    }
}
