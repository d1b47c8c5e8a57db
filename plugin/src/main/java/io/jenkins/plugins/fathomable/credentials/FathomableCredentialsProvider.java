package io.jenkins.plugins.fathomable.credentials;

import com.cloudbees.plugins.credentials.Credentials;
import com.cloudbees.plugins.credentials.CredentialsMatchers;
import com.cloudbees.plugins.credentials.CredentialsProvider;
import com.cloudbees.plugins.credentials.CredentialsScope;
import com.cloudbees.plugins.credentials.CredentialsStore;
import com.cloudbees.plugins.credentials.CredentialsStoreAction;
import com.cloudbees.plugins.credentials.domains.Domain;
import com.cloudbees.plugins.credentials.domains.DomainRequirement;
import hudson.Extension;
import hudson.XmlFile;
import hudson.model.ItemGroup;
import hudson.model.ModelObject;
import hudson.security.ACL;
import hudson.security.Permission;
import java.io.File;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import jenkins.model.Jenkins;
import org.springframework.security.core.Authentication;

/**
 * Fathomable's own credentials store, for the tokens posted with trackers through the REST API
 * ({@code fathomable-<group>.<name>}): <b>Manage Jenkins » Credentials » Fathomable</b>, kept in
 * {@code $JENKINS_HOME/fathomable/tracker-tokens.xml} (secrets encrypted by Jenkins like every credential). Not in the
 * system store: Configuration as Code replaces the system store's credentials with its file's at every start, which
 * removed every posted token (found by the end-to-end suite's Restart group). Its credentials have SYSTEM scope: only
 * Jenkins itself, as SYSTEM, sees them, never a job.
 */
@Extension
public final class FathomableCredentialsProvider extends CredentialsProvider {

    private StoreImpl store;

    /** The store of this Jenkins. */
    public static StoreImpl store() {
        return CredentialsProvider.all().get(FathomableCredentialsProvider.class).storeOfJenkins();
    }

    private synchronized StoreImpl storeOfJenkins() {
        if (store == null) {
            store = new StoreImpl(new File(Jenkins.get().getRootDir(), "fathomable/tracker-tokens.xml"));
        }
        return store;
    }

    @Override
    public String getDisplayName() {
        return Messages.FathomableCredentialsProvider_DisplayName();
    }

    @Override
    public String getIconClassName() {
        return "symbol-cube";
    }

    @Override
    public Set<CredentialsScope> getScopes(ModelObject object) {
        return object instanceof Jenkins ? Set.of(CredentialsScope.SYSTEM) : Set.of();
    }

    @Override
    public CredentialsStore getStore(ModelObject object) {
        return object == Jenkins.get() ? storeOfJenkins() : null;
    }

    @Override
    public <C extends Credentials> List<C> getCredentialsInItemGroup(Class<C> type, ItemGroup itemGroup,
            Authentication authentication, List<DomainRequirement> domainRequirements) {
        // SYSTEM scope, as the system store has it: for Jenkins itself, in its own context, only
        if (itemGroup != Jenkins.get() || !ACL.SYSTEM2.equals(authentication)) {
            return List.of();
        }
        List<C> out = new ArrayList<>();
        for (Credentials c : storeOfJenkins().getCredentials(Domain.global())) {
            if (type.isInstance(c)) {
                out.add(type.cast(c));
            }
        }
        return out;
    }

    /** One global domain of credentials, saved to its file at each change. */
    public static final class StoreImpl extends CredentialsStore {

        private final XmlFile file;
        private final UserFacingAction action = new UserFacingAction(this);
        private final List<Credentials> credentials = new ArrayList<>();

        StoreImpl(File file) {
            super(FathomableCredentialsProvider.class);
            this.file = new XmlFile(Jenkins.XSTREAM2, file);
            if (this.file.exists()) {
                try {
                    Saved saved = (Saved) this.file.read();
                    if (saved.credentials != null) {
                        credentials.addAll(saved.credentials);
                    }
                } catch (IOException | ClassCastException e) {
                    throw new IllegalStateException("cannot read " + file + ": " + e.getMessage(), e);
                }
            }
        }

        @Override
        public ModelObject getContext() {
            return Jenkins.get();
        }

        /** Jenkins' own permissions; a store must say so itself (the inherited methods only throw, or ask each other). */
        @Override
        public boolean hasPermission2(Authentication a, Permission permission) {
            return getACL().hasPermission2(a, permission);
        }

        @Override
        public ACL getACL() {
            return Jenkins.get().getACL();
        }

        @Override
        public synchronized List<Credentials> getCredentials(Domain domain) {
            return Domain.global().equals(domain) ? List.copyOf(credentials) : List.of();
        }

        @Override
        public synchronized boolean addCredentials(Domain domain, Credentials c) throws IOException {
            checkPermission(CredentialsProvider.CREATE);
            if (!Domain.global().equals(domain) || credentials.contains(c)) {
                return false;
            }
            List<Credentials> next = new ArrayList<>(credentials);
            next.add(c);
            commit(next);
            return true;
        }

        @Override
        public synchronized boolean removeCredentials(Domain domain, Credentials c) throws IOException {
            checkPermission(CredentialsProvider.DELETE);
            List<Credentials> next = new ArrayList<>(credentials);
            if (!Domain.global().equals(domain) || !next.remove(c)) {
                return false;
            }
            commit(next);
            return true;
        }

        @Override
        public synchronized boolean updateCredentials(Domain domain, Credentials current, Credentials replacement)
                throws IOException {
            checkPermission(CredentialsProvider.UPDATE);
            int at = Domain.global().equals(domain) ? credentials.indexOf(current) : -1;
            if (at < 0) {
                return false;
            }
            List<Credentials> next = new ArrayList<>(credentials);
            next.set(at, replacement);
            commit(next);
            return true;
        }

        /** The credentials with {@code id}, or {@code null}. */
        synchronized Credentials byId(String id) {
            return CredentialsMatchers.firstOrNull(credentials, CredentialsMatchers.withId(id));
        }

        @Override
        public synchronized void save() throws IOException {
            commit(new ArrayList<>(credentials));
        }

        /**
         * Write, then commit: {@code next} is written first (atomically: a failed write, such as on a full disk or
         * an unwritable directory, leaves the old file) and only then becomes what the store holds, so a change that
         * cannot be stored changes nothing, in memory either.
         */
        private void commit(List<Credentials> next) throws IOException {
            file.write(new Saved(next));
            credentials.clear();
            credentials.addAll(next);
            JenkinsCredentials.storeChanged();
        }

        @Override
        public CredentialsStoreAction getStoreAction() {
            return action;
        }
    }

    /** What the file holds: the credentials, nothing of the store around them. */
    static final class Saved {
        private final List<Credentials> credentials;

        Saved(List<Credentials> credentials) {
            this.credentials = credentials;
        }
    }

    /** The store on the Credentials pages ({@code credentials/store/fathomable/}). */
    public static final class UserFacingAction extends CredentialsStoreAction {

        private final StoreImpl store;

        UserFacingAction(StoreImpl store) {
            this.store = store;
        }

        @Override
        public CredentialsStore getStore() {
            return store;
        }

        @Override
        public String getIconFileName() {
            return isVisible() ? "symbol-cube" : null;
        }

        @Override
        public String getIconClassName() {
            return isVisible() ? "symbol-cube" : null;
        }

        @Override
        public String getDisplayName() {
            return Messages.FathomableCredentialsProvider_DisplayName();
        }
    }
}
