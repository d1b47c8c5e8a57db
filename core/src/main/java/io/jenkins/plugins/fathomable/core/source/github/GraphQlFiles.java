package io.jenkins.plugins.fathomable.core.source.github;

import com.fasterxml.jackson.databind.JsonNode;
import io.jenkins.plugins.fathomable.core.tracker.GitRef;
import io.jenkins.plugins.fathomable.core.tracker.TrackerObservation.Status;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One GraphQL query that answers, for up to {@link #MAX_FILES} files, the commit each ref points at and the blob id of
 * the file at it: per repository one {@code repository} field (aliased {@code r0}, {@code r1} …) holding
 * {@code defaultBranchRef} / {@code ref(qualifiedName:)} per ref and {@code object(expression: "REV:PATH")} per
 * file. Every name and path travels as a variable, never inside the query text. A commit-pinned file needs no ref.
 */
final class GraphQlFiles {

    static final int MAX_FILES = 100;

    /** Peels annotated tags (a tag of a tag too) down to the commit. */
    private static final String PEEL = "fragment C on GitObject { __typename oid ... on Tag { target { __typename oid"
            + " ... on Tag { target { __typename oid } } } } }";

    private record Repo(String alias, String repo, Map<GitRef, String> refAliases, Map<FileQuery, String> fileAliases) {}

    private final List<Repo> repos = new ArrayList<>();
    private final Map<String, String> variables = new HashMap<>();
    private final String query;

    GraphQlFiles(List<FileQuery> files) {
        if (files.isEmpty() || files.size() > MAX_FILES) {
            throw new IllegalArgumentException("a query looks up 1 to " + MAX_FILES + " files, got " + files.size());
        }
        Map<String, Repo> byRepo = new LinkedHashMap<>();
        for (FileQuery file : files) {
            Repo repo = byRepo.computeIfAbsent(file.repo(), r -> new Repo("r" + byRepo.size(), r, new LinkedHashMap<>(),
                    new LinkedHashMap<>()));
            if (file.ref().kind() == GitRef.Kind.BRANCH || file.ref().kind() == GitRef.Kind.TAG) {
                repo.refAliases().computeIfAbsent(file.ref(), ref -> "g" + repo.refAliases().size());
            } else if (file.ref().kind() == GitRef.Kind.DEFAULT_BRANCH) {
                repo.refAliases().putIfAbsent(GitRef.DEFAULT, "d");
            }
            repo.fileAliases().putIfAbsent(file, "f" + repo.fileAliases().size());
        }
        repos.addAll(byRepo.values());
        StringBuilder declarations = new StringBuilder();
        StringBuilder fields = new StringBuilder();
        boolean peels = false;
        for (Repo repo : repos) {
            int slash = repo.repo().indexOf('/');
            String i = repo.alias().substring(1);
            variable(declarations, "o" + i, repo.repo().substring(0, slash));
            variable(declarations, "n" + i, repo.repo().substring(slash + 1));
            fields.append(repo.alias()).append(": repository(owner: $o").append(i).append(", name: $n").append(i).append(") {");
            for (Map.Entry<GitRef, String> ref : repo.refAliases().entrySet()) {
                if (ref.getKey().kind() == GitRef.Kind.DEFAULT_BRANCH) {
                    fields.append(" d: defaultBranchRef { target { oid } }");
                } else {
                    String v = "q" + i + "_" + ref.getValue().substring(1);
                    variable(declarations, v, qualified(ref.getKey()));
                    fields.append(' ').append(ref.getValue()).append(": ref(qualifiedName: $").append(v)
                            .append(") { target { ...C } }");
                    peels = true;
                }
            }
            for (Map.Entry<FileQuery, String> file : repo.fileAliases().entrySet()) {
                String v = "e" + i + "_" + file.getValue().substring(1);
                variable(declarations, v, revision(file.getKey().ref()) + ":" + file.getKey().path());
                fields.append(' ').append(file.getValue()).append(": object(expression: $").append(v)
                        .append(") { __typename oid }");
            }
            fields.append(" } ");
        }
        query = "query Files(" + declarations + ") { " + fields + "}" + (peels ? " " + PEEL : "");
    }

    String query() {
        return query;
    }

    Map<String, String> variables() {
        return variables;
    }

    /** Every file's state from the query's answer ({@code data} with one entry per alias, and {@code errors}). */
    Map<FileQuery, FileState> read(JsonNode answer) {
        Map<String, JsonNode> errorByPath = new HashMap<>();
        List<String> general = new ArrayList<>();
        for (JsonNode error : answer.path("errors")) {
            JsonNode path = error.path("path");
            if (path.isArray() && !path.isEmpty()) {
                StringBuilder key = new StringBuilder();
                path.forEach(p -> key.append(key.length() == 0 ? "" : ".").append(p.asText()));
                errorByPath.putIfAbsent(key.toString(), error);
            } else {
                general.add(error.path("message").asText("an error without a message"));
            }
        }
        JsonNode data = answer.path("data");
        Map<FileQuery, FileState> states = new LinkedHashMap<>();
        for (Repo repo : repos) {
            JsonNode node = data.path(repo.alias());
            FileState.Failed repoFailure = null;
            if (!node.isObject()) {
                repoFailure = repositoryFailure(repo.repo(), errorByPath.get(repo.alias()), general);
            }
            for (FileQuery file : repo.fileAliases().keySet()) {
                states.put(file, repoFailure != null ? repoFailure
                        : state(file, node, repo, errorByPath, general));
            }
        }
        return states;
    }

    private static FileState state(FileQuery file, JsonNode repoNode, Repo repo, Map<String, JsonNode> errors,
            List<String> general) {
        String commit;
        GitRef ref = file.ref();
        if (ref.kind() == GitRef.Kind.COMMIT) {
            commit = ref.value();
        } else {
            String alias = repo.refAliases().get(ref.kind() == GitRef.Kind.DEFAULT_BRANCH ? GitRef.DEFAULT : ref);
            JsonNode target = repoNode.path(alias).path("target");
            if (!target.isObject()) {
                JsonNode error = errors.get(repo.alias() + "." + alias);
                if (error != null || !general.isEmpty()) {
                    return new FileState.Failed(Status.ERROR, "GitHub could not look up " + ref + " of " + file.repo()
                            + ": " + message(error, general));
                }
                return new FileState.Failed(Status.NOT_FOUND, ref.kind() == GitRef.Kind.DEFAULT_BRANCH
                        ? "GitHub: default branch of " + file.repo() + " not found (the repository is empty)"
                        : "GitHub: " + ref + " of " + file.repo() + " not found");
            }
            while ("Tag".equals(target.path("__typename").asText()) && target.path("target").isObject()) {
                target = target.path("target");
            }
            String type = target.path("__typename").asText("Commit");
            if (!"Commit".equals(type) || !target.path("oid").isTextual()) {
                return new FileState.Failed(Status.NOT_FOUND, "GitHub: " + ref + " of " + file.repo()
                        + " does not point at a commit");
            }
            commit = target.path("oid").asText();
        }
        String alias = repo.fileAliases().get(file);
        JsonNode object = repoNode.path(alias);
        if (!object.isObject()) {
            JsonNode error = errors.get(repo.alias() + "." + alias);
            if (error != null) {
                return new FileState.Failed(Status.ERROR, "GitHub could not look up " + file.path() + " at " + commit
                        + " in " + file.repo() + ": " + message(error, general));
            }
            return new FileState.Failed(Status.NOT_FOUND, "GitHub: " + file.path() + " at " + commit + " in "
                    + file.repo() + " not found" + (ref.kind() == GitRef.Kind.COMMIT ? " (or the commit does not exist)" : ""));
        }
        if (!"Blob".equals(object.path("__typename").asText()) || !object.path("oid").isTextual()) {
            return new FileState.Failed(Status.INVALID_CONFIG, file.path() + " in " + file.repo() + " is not a regular file ("
                    + ("Tree".equals(object.path("__typename").asText()) ? "a directory" : object.path("__typename").asText())
                    + ")");
        }
        return new FileState.At(commit, object.path("oid").asText());
    }

    private static FileState.Failed repositoryFailure(String repo, JsonNode error, List<String> general) {
        String type = error == null ? "" : error.path("type").asText("");
        return switch (type) {
            case "NOT_FOUND" -> new FileState.Failed(Status.NOT_FOUND,
                    "GitHub: repository " + repo + " not found (or not visible to these credentials)");
            case "FORBIDDEN" -> new FileState.Failed(Status.FORBIDDEN,
                    "GitHub refused access to repository " + repo + ": " + message(error, general));
            default -> error == null && general.isEmpty()
                    ? new FileState.Failed(Status.NOT_FOUND, "GitHub: repository " + repo
                            + " not found (or not visible to these credentials)")
                    : new FileState.Failed(Status.ERROR, "GitHub could not look up repository " + repo + ": "
                            + message(error, general));
        };
    }

    private static String message(JsonNode error, List<String> general) {
        if (error != null) {
            return error.path("message").asText("no message");
        }
        return general.isEmpty() ? "no message" : String.join("; ", general);
    }

    private void variable(StringBuilder declarations, String name, String value) {
        declarations.append(declarations.length() == 0 ? "" : ", ").append('$').append(name).append(": String!");
        variables.put(name, value);
    }

    private static String qualified(GitRef ref) {
        return (ref.kind() == GitRef.Kind.TAG ? "refs/tags/" : "refs/heads/") + ref.value();
    }

    /** The revision a file is read at: {@code HEAD} is the default branch on GitHub. */
    private static String revision(GitRef ref) {
        return switch (ref.kind()) {
            case DEFAULT_BRANCH -> "HEAD";
            case COMMIT -> ref.value();
            default -> qualified(ref);
        };
    }
}
