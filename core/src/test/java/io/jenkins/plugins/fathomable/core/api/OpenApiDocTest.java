package io.jenkins.plugins.fathomable.core.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/** docs/openapi.yaml must describe the routes and every error code the handler can answer. */
class OpenApiDocTest {

    private static final Path DOC = Path.of("..", "docs", "openapi.yaml");
    private static final Path SOURCES = Path.of("src", "main", "java", "io", "jenkins", "plugins", "fathomable", "core", "api");
    /** The hosts answer codes of their own (the plugin's 503 {@code not_configured}); the same document lists them. */
    private static final List<Path> HOST_SOURCES = List.of(Path.of("..", "plugin", "src", "main", "java"),
            Path.of("..", "cli", "src", "main", "java"));

    @SuppressWarnings("unchecked")
    private static Map<String, Object> doc() throws Exception {
        assertThat(DOC).as("docs/openapi.yaml, read from the core module directory").exists();
        return (Map<String, Object>) new Yaml(new SafeConstructor(new LoaderOptions())).load(Files.readString(DOC));
    }

    @Test
    @SuppressWarnings("unchecked")
    void describesEveryRouteWithItsStatuses() throws Exception {
        Map<String, Object> paths = (Map<String, Object>) doc().get("paths");
        assertThat(paths).containsOnlyKeys("/trackers/", "/trackers/{id}", "/trackers/{id}/hold", "/trackers/{id}/unhold",
                "/trackers/{id}/rollback", "/trackers/{id}/releases/{release}/approve",
                "/trackers/{id}/releases/{release}/reject", "/trackers/{id}/releases/{release}/retry",
                "/webhooks/github", "/webhooks/registry");
        for (String hook : List.of("/webhooks/github", "/webhooks/registry")) {
            Map<String, Map<String, Object>> route = (Map<String, Map<String, Object>>) paths.get(hook);
            assertThat(((Map<String, Object>) route.get("post").get("responses")).keySet()).as(hook)
                    .contains("200", "202", "400", "401", "404", "405", "413");
        }
        for (String op : List.of("hold", "unhold", "rollback", "releases/{release}/approve", "releases/{release}/reject",
                "releases/{release}/retry")) {
            Map<String, Map<String, Object>> route = (Map<String, Map<String, Object>>) paths.get("/trackers/{id}/" + op);
            assertThat(route).as(op).containsKey("post");
            assertThat(((Map<String, Object>) route.get("post").get("responses")).keySet()).as(op)
                    .contains("200", "400", "401", "403", "404", "405", "409");
        }
        Map<String, Map<String, Object>> collection = (Map<String, Map<String, Object>>) paths.get("/trackers/");
        Map<String, Map<String, Object>> item = (Map<String, Map<String, Object>>) paths.get("/trackers/{id}");
        assertThat(((Map<String, Object>) collection.get("get").get("responses")).keySet()).contains("200", "401", "403");
        assertThat(((Map<String, Object>) collection.get("post").get("responses")).keySet())
                .contains("201", "400", "401", "403", "409", "413", "415");
        assertThat(((Map<String, Object>) item.get("get").get("responses")).keySet()).contains("200", "401", "403", "404");
        assertThat(((Map<String, Object>) item.get("put").get("responses")).keySet())
                .contains("200", "400", "401", "403", "404", "413", "415");
        assertThat(((Map<String, Object>) item.get("delete").get("responses")).keySet()).contains("200", "401", "403", "404");
    }

    @Test
    @SuppressWarnings("unchecked")
    void listsEveryErrorCodeAndBodyField() throws Exception {
        Set<String> used = new TreeSet<>();
        Pattern code = Pattern.compile("\\(\\d{3}, \"([a-z_]+)\"");
        List<Path> sources = new java.util.ArrayList<>();
        try (Stream<Path> files = Files.list(SOURCES)) {
            sources.addAll(files.toList());
        }
        for (Path host : HOST_SOURCES) {
            assertThat(host).as("the host's sources, next to core").isDirectory();
            try (Stream<Path> files = Files.walk(host)) {
                sources.addAll(files.filter(f -> f.toString().endsWith(".java")).toList());
            }
        }
        for (Path f : sources) {
            Matcher m = code.matcher(Files.readString(f));
            while (m.find()) {
                used.add(m.group(1));
            }
        }
        assertThat(used).contains("tracker_not_found", "method_not_allowed", "invalid_field", "not_configured");
        Map<String, Object> schemas = (Map<String, Object>) ((Map<String, Object>) doc().get("components")).get("schemas");
        Map<String, Object> error = (Map<String, Object>) ((Map<String, Object>) ((Map<String, Object>) schemas.get("Error"))
                .get("properties")).get("error");
        assertThat((List<String>) error.get("enum")).containsExactlyInAnyOrderElementsOf(used);

        Map<String, Object> input = (Map<String, Object>) ((Map<String, Object>) schemas.get("TrackerInput")).get("properties");
        assertThat(String.join(", ", input.keySet())).isEqualTo("id, repo, sourcePath, tag, branch, commit, token, credentialsId");
        assertThat(new TreeSet<>(input.keySet())).isEqualTo(new TreeSet<>(List.of(TrackerBody.FIELDS.split(", "))));
    }
}
