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

    public Tracker {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(ref, "ref");
        List<FieldError> errors = new ArrayList<>();
        checkRepo(repo, errors);
        checkSourcePath(sourcePath, errors);
        if (ref.kind() == GitRef.Kind.COMMIT && !SHA.matcher(ref.value()).matches()) {
            errors.add(new FieldError("commit", "must be a full 40-character lower-case hex commit SHA"));
        }
        if (credentialsId != null && credentialsId.isBlank()) {
            credentialsId = null;
        }
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
        checkRepo(repo, errors);
        checkSourcePath(sourcePath, errors);
        GitRef ref = GitRef.DEFAULT;
        int given = 0;
        if (present(tag)) { given++; ref = GitRef.tag(tag.trim()); }
        if (present(branch)) { given++; ref = GitRef.branch(branch.trim()); }
        if (present(commit)) {
            given++;
            if (!SHA.matcher(commit.trim()).matches()) {
                errors.add(new FieldError("commit", "must be a full 40-character lower-case hex commit SHA"));
            } else {
                ref = GitRef.commit(commit.trim());
            }
        }
        if (given > 1) {
            errors.add(new FieldError("tag", "give at most one of tag, branch and commit"));
        }
        if (!errors.isEmpty()) {
            throw new ValidationException(errors);
        }
        return new Tracker(trackerId, repo.trim(), sourcePath.trim(), ref, credentialsId);
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
        String p = path.trim();
        if (p.startsWith("/")) {
            errors.add(new FieldError("sourcePath", "must be relative to the repository root (no leading '/')"));
        }
        if (p.contains("\\")) {
            errors.add(new FieldError("sourcePath", "must use '/' as separator"));
        }
        for (String segment : p.split("/", -1)) {
            if (segment.equals("..")) {
                errors.add(new FieldError("sourcePath", "must not contain '..'"));
                break;
            }
            if (segment.isEmpty() && !p.startsWith("/")) {
                errors.add(new FieldError("sourcePath", "must not contain empty segments ('//' or a trailing '/')"));
                break;
            }
        }
    }
}
