package io.jenkins.plugins.fathomable.core.tracker;

import io.jenkins.plugins.fathomable.core.validation.FieldError;
import io.jenkins.plugins.fathomable.core.validation.ValidationException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * What a tracker follows: a GitHub repository, the path of its {@code fathomable.yaml}, an optional ref, and the
 * id of the credentials to reach it with. The token itself is never part of the model.
 *
 * @param credentialsId id in the host's credentials store, or {@code null} for anonymous access
 */
public record Tracker(TrackerId id, String repo, String sourcePath, GitRef ref, String credentialsId) {

    private static final Pattern OWNER = Pattern.compile("[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})");
    private static final Pattern REPO_NAME = Pattern.compile("[A-Za-z0-9._-]{1,100}");
    private static final Pattern SHA = Pattern.compile("[0-9a-f]{40}");
    /** Longest credentials id accepted (Jenkins ids are UUIDs or short names). */
    public static final int MAX_CREDENTIALS_ID_LENGTH = 256;

    public Tracker {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(ref, "ref");
        List<FieldError> errors = new ArrayList<>();
        checkRepo(repo, errors);
        checkSourcePath(sourcePath, errors);
        checkRef(ref, errors);
        if (credentialsId != null && credentialsId.isBlank()) {
            credentialsId = null;
        }
        checkCredentialsId(credentialsId, errors);
        if (!errors.isEmpty()) {
            throw new ValidationException(errors);
        }
    }

    /**
     * Builds a tracker from loose input (REST bodies, forms), reporting every problem at once. At most one of
     * {@code tag}, {@code branch} and {@code commit} may be given; none means the default branch.
     */
    public static Tracker of(String id, String repo, String sourcePath, String tag, String branch, String commit,
            String credentialsId) {
        List<FieldError> errors = new ArrayList<>();
        TrackerId trackerId = null;
        try {
            trackerId = TrackerId.parse("id", id);
        } catch (ValidationException e) {
            errors.addAll(e.errors());
        }
        // Before trimming, which would silently drop a trailing NUL or line break.
        int before = errors.size();
        rawControl("repo", repo, errors);
        rawControl("sourcePath", sourcePath, errors);
        rawControl("tag", tag, errors);
        rawControl("branch", branch, errors);
        rawControl("commit", commit, errors);
        rawControl("credentialsId", credentialsId, errors);
        if (errors.size() > before) {
            throw new ValidationException(errors);
        }
        checkRepo(repo, errors);
        checkSourcePath(sourcePath, errors);
        GitRef ref = GitRef.DEFAULT;
        int given = 0;
        if (present(tag)) { given++; ref = GitRef.tag(tag.trim()); }
        if (present(branch)) { given++; ref = GitRef.branch(branch.trim()); }
        if (present(commit)) { given++; ref = GitRef.commit(commit.trim()); }
        if (given > 1) {
            errors.add(new FieldError("tag", "give at most one of tag, branch and commit"));
        } else {
            checkRef(ref, errors);
        }
        String credentials = present(credentialsId) ? credentialsId.trim() : null;
        checkCredentialsId(credentials, errors);
        if (!errors.isEmpty()) {
            throw new ValidationException(errors);
        }
        return new Tracker(trackerId, repo.trim(), sourcePath.trim(), ref, credentials);
    }

    public String owner() {
        return repo.substring(0, repo.indexOf('/'));
    }

    public String repoName() {
        return repo.substring(repo.indexOf('/') + 1);
    }

    public Tracker withCredentialsId(String newCredentialsId) {
        return new Tracker(id, repo, sourcePath, ref, newCredentialsId);
    }

    private static void rawControl(String field, String value, List<FieldError> errors) {
        if (value != null) {
            RefNames.controlCharacter(value).ifPresent(p -> errors.add(new FieldError(field, p)));
        }
    }

    private static boolean present(String s) {
        return s != null && !s.isBlank();
    }

    private static void checkRepo(String repo, List<FieldError> errors) {
        if (!present(repo)) {
            errors.add(new FieldError("repo", "is required, as owner/name"));
            return;
        }
        String r = repo.trim();
        int slash = r.indexOf('/');
        if (slash < 0 || slash != r.lastIndexOf('/')) {
            errors.add(new FieldError("repo", "must be owner/name, got '" + r + "'"));
            return;
        }
        String name = r.substring(slash + 1);
        if (!OWNER.matcher(r.substring(0, slash)).matches()) {
            errors.add(new FieldError("repo", "owner must be 1-39 letters, digits or '-', starting with a letter or digit"));
        }
        if (!REPO_NAME.matcher(name).matches() || name.equals(".") || name.equals("..")) {
            errors.add(new FieldError("repo", "name must be 1-100 letters, digits, '.', '_' or '-'"));
        }
    }

    private static void checkSourcePath(String path, List<FieldError> errors) {
        if (!present(path)) {
            errors.add(new FieldError("sourcePath", "is required, e.g. fathomable.yaml or deploy/fathomable.yaml"));
            return;
        }
        RefNames.pathProblem(path.trim()).ifPresent(p -> errors.add(new FieldError("sourcePath", p)));
    }

    /** Tags and branches follow Git's ref-name rules; a commit is a full SHA. */
    private static void checkRef(GitRef ref, List<FieldError> errors) {
        switch (ref.kind()) {
            case COMMIT -> {
                if (!SHA.matcher(ref.value()).matches()) {
                    errors.add(new FieldError("commit", "must be a full 40-character lower-case hex commit SHA"));
                }
            }
            case TAG, BRANCH -> RefNames.refProblem(ref.value()).ifPresent(p -> errors.add(
                    new FieldError(ref.kind() == GitRef.Kind.TAG ? "tag" : "branch", p)));
            default -> { }
        }
    }

    private static void checkCredentialsId(String credentialsId, List<FieldError> errors) {
        if (credentialsId == null) {
            return;
        }
        if (credentialsId.length() > MAX_CREDENTIALS_ID_LENGTH) {
            errors.add(new FieldError("credentialsId", "must be at most " + MAX_CREDENTIALS_ID_LENGTH + " characters"));
        } else {
            RefNames.controlCharacter(credentialsId).ifPresent(p -> errors.add(new FieldError("credentialsId", p)));
        }
    }
}
