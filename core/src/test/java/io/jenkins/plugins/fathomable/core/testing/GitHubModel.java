package io.jenkins.plugins.fathomable.core.testing;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What a GitHub stand-in knows of its repositories: default branches, refs (branches, lightweight and annotated
 * tags), and the blobs of files at commits. Both the REST stubs of {@link GitHubFixture} and the GraphQL answers of
 * {@link GitHubGraphQl} are computed from it, so they always agree.
 */
public final class GitHubModel implements GitHubGraphQl.Repositories {

    /** A git object as GraphQL shows it. */
    public sealed interface GitObject permits Commit, Tag, Blob, Tree {
        String oid();
    }

    public record Commit(String oid) implements GitObject {}

    public record Tag(String oid, GitObject target) implements GitObject {}

    public record Blob(String oid, String text) implements GitObject {}

    public record Tree(String oid) implements GitObject {}

    /** A ref: its short name and what it points at. */
    public record Ref(String name, GitObject target) {}

    private static final class Repo {
        volatile String defaultBranch;
        volatile String forbidden;
        final Map<String, GitObject> refs = new ConcurrentHashMap<>();
        final Map<String, Map<String, Blob>> files = new ConcurrentHashMap<>();
    }

    private final Map<String, Repo> repos = new ConcurrentHashMap<>();

    public void repository(String repo, String defaultBranch) {
        repo(repo).defaultBranch = defaultBranch;
    }

    /** Reading the repository is refused with this message (SAML enforcement, IP allow lists). */
    public void forbid(String repo, String message) {
        repo(repo).forbidden = message;
    }

    /** {@code ref} as the REST path names it: {@code heads/main}, {@code tags/v1}. */
    public void ref(String repo, String ref, String commitSha) {
        repo(repo).refs.put("refs/" + ref, new Commit(commitSha));
    }

    /** An annotated tag: the ref points at a tag object, which points at the commit. */
    public void annotatedTag(String repo, String tag, String tagOid, String commitSha) {
        repo(repo).refs.put("refs/tags/" + tag, new Tag(tagOid, new Commit(commitSha)));
    }

    public void file(String repo, String path, String commitSha, String blobSha, String content) {
        repo(repo).files.computeIfAbsent(commitSha, c -> new ConcurrentHashMap<>()).put(path, new Blob(blobSha, content));
    }

    @Override
    public boolean exists(String repo) {
        Repo r = repos.get(repo);
        return r != null && r.defaultBranch != null;
    }

    @Override
    public Optional<String> forbidden(String repo) {
        Repo r = repos.get(repo);
        return Optional.ofNullable(r == null ? null : r.forbidden);
    }

    @Override
    public Optional<Ref> defaultBranchRef(String repo) {
        Repo r = repos.get(repo);
        return ref(repo, "refs/heads/" + r.defaultBranch).map(ref -> new Ref(r.defaultBranch, ref.target()));
    }

    @Override
    public Optional<Ref> ref(String repo, String qualifiedName) {
        GitObject target = repos.get(repo).refs.get(qualifiedName);
        return target == null ? Optional.empty()
                : Optional.of(new Ref(qualifiedName.substring(qualifiedName.indexOf('/', 5) + 1), target));
    }

    /** {@code REV:PATH} as git rev-parse reads it: HEAD, a qualified ref or a commit SHA, then a path in its tree. */
    @Override
    public Optional<GitObject> object(String repo, String expression) {
        int colon = expression.indexOf(':');
        if (colon < 0) {
            return Optional.empty();
        }
        String rev = expression.substring(0, colon);
        String path = expression.substring(colon + 1);
        Repo r = repos.get(repo);
        String commit;
        if (rev.equals("HEAD")) {
            commit = defaultBranchRef(repo).map(ref -> peel(ref.target())).orElse(null);
        } else if (rev.startsWith("refs/")) {
            commit = Optional.ofNullable(r.refs.get(rev)).map(GitHubModel::peel).orElse(null);
        } else {
            commit = rev;
        }
        Map<String, Blob> tree = commit == null ? null : r.files.get(commit);
        if (tree == null) {
            return Optional.empty();
        }
        Blob blob = tree.get(path);
        if (blob != null) {
            return Optional.of(blob);
        }
        return tree.keySet().stream().anyMatch(p -> p.startsWith(path + "/"))
                ? Optional.of(new Tree(treeOid(commit, path))) : Optional.empty();
    }

    private static String treeOid(String commit, String path) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-1")
                    .digest((commit + ":" + path).getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The commit an object names, through annotated tags. */
    private static String peel(GitObject object) {
        GitObject o = object;
        while (o instanceof Tag tag) {
            o = tag.target();
        }
        return o instanceof Commit c ? c.oid() : null;
    }

    private Repo repo(String repo) {
        return repos.computeIfAbsent(repo, k -> new Repo());
    }

}
