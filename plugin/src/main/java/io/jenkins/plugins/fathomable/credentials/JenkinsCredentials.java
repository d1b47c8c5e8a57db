package io.jenkins.plugins.fathomable.credentials;

import com.cloudbees.plugins.credentials.CredentialsMatchers;
import com.cloudbees.plugins.credentials.CredentialsProvider;
import com.cloudbees.plugins.credentials.SystemCredentialsProvider;
import com.cloudbees.plugins.credentials.common.StandardCredentials;
import hudson.Extension;
import hudson.XmlFile;
import hudson.model.Saveable;
import hudson.model.listeners.SaveableListener;
import hudson.security.ACL;
import io.jenkins.plugins.fathomable.core.credentials.Credential;
import io.jenkins.plugins.fathomable.core.credentials.CredentialsPort;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import jenkins.model.Jenkins;

/**
 * Core's {@link CredentialsPort} over the credentials plugin, in the context the drop-downs list them in (Jenkins,
 * as SYSTEM). Listing the credentials costs as much as there are, and a poll pass looks up one id per tracker (each
 * tracker created through REST has its own), so lookups go through an index by id, built by the first lookup after
 * it went stale: at each poll pass ({@link #refresh}), when the system store or Fathomable's own store of tokens
 * posted through REST changes, and once more when an id is missing from it (a provider that does not say when it changes).
 * A pass of n trackers lists the credentials once or twice, not n times.
 */
public final class JenkinsCredentials implements CredentialsPort {

    /** Bumped whenever the system credentials store is saved, so every index goes stale. */
    private static final AtomicLong STORE_CHANGES = new AtomicLong();

    private record Index(long generation, Map<String, StandardCredentials> byId, boolean listedAgainForAMiss) {
    }

    private final CredentialMapper mapper;
    private final Supplier<List<StandardCredentials>> all;
    private final LongSupplier changes;
    private final AtomicLong refreshes = new AtomicLong();
    private volatile Index index;

    public JenkinsCredentials(CredentialMapper mapper) {
        this(mapper, JenkinsCredentials::listAll, STORE_CHANGES::get);
    }

    /**
     * @param all     lists every credential visible to Fathomable, in the order the plugin gives (first id wins)
     * @param changes a number that changes whenever the credentials may have
     */
    JenkinsCredentials(CredentialMapper mapper, Supplier<List<StandardCredentials>> all, LongSupplier changes) {
        this.mapper = mapper;
        this.all = all;
        this.changes = changes;
    }

    /** The credentials with this id, as the plugin holds them now; empty for a blank or unknown id. One listing. */
    public static Optional<StandardCredentials> find(String credentialsId) {
        if (credentialsId == null || credentialsId.isBlank()) {
            return Optional.empty();
        }
        return Optional.ofNullable(CredentialsMatchers.firstOrNull(listAll(), CredentialsMatchers.withId(credentialsId)));
    }

    private static List<StandardCredentials> listAll() {
        return CredentialsProvider.lookupCredentialsInItemGroup(StandardCredentials.class, Jenkins.get(), ACL.SYSTEM2,
                List.of());
    }

    /** The index goes stale: the next lookup lists the credentials again (a rotated token is used from then on). */
    public void refresh() {
        refreshes.incrementAndGet();
    }

    @Override
    public Optional<Credential> lookup(String credentialsId) {
        if (credentialsId == null || credentialsId.isBlank()) {
            return Optional.empty();
        }
        Index current = current();
        StandardCredentials found = current.byId().get(credentialsId);
        if (found == null && !current.listedAgainForAMiss()) {
            // created since the index was built, by a provider that does not tell: list once more, then not again
            current = build(current.generation(), true);
            found = current.byId().get(credentialsId);
        }
        return Optional.ofNullable(found).flatMap(mapper::toCore);
    }

    private Index current() {
        long generation = generation();
        Index current = index;
        return current != null && current.generation() == generation ? current : build(generation, false);
    }

    private synchronized Index build(long generation, boolean forAMiss) {
        Index current = index;
        if (current != null && current.generation() == generation && (current.listedAgainForAMiss() || !forAMiss)) {
            return current; // another thread built it meanwhile
        }
        Map<String, StandardCredentials> byId = new HashMap<>();
        for (StandardCredentials c : all.get()) {
            if (c != null && c.getId() != null) {
                byId.putIfAbsent(c.getId(), c);
            }
        }
        Index built = new Index(generation, Map.copyOf(byId), forAMiss);
        index = built;
        return built;
    }

    private long generation() {
        // the two counters only grow; their sum changes whenever either does
        return refreshes.get() + changes.getAsLong();
    }

    /** Makes every index stale: a store of credentials has changed (Fathomable's own store says so itself). */
    static void storeChanged() {
        STORE_CHANGES.incrementAndGet();
    }

    /** Makes every index stale when the system credentials store is saved, by anyone. */
    @Extension
    public static final class StoreChanges extends SaveableListener {
        @Override
        public void onChange(Saveable o, XmlFile file) {
            if (o instanceof SystemCredentialsProvider) {
                storeChanged();
            }
        }
    }
}
