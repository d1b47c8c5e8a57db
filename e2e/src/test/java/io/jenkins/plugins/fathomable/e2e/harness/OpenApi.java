package io.jenkins.plugins.fathomable.e2e.harness;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * {@code docs/openapi.yaml}, used to check that an answer is the one documented: for a path template, method and
 * status, the response's JSON schema (following {@code $ref}s into {@code components}) validates the body.
 */
public final class OpenApi {

    private final JsonNode doc;

    private OpenApi(JsonNode doc) {
        this.doc = doc;
    }

    public static OpenApi load() throws IOException {
        Object yaml = new Yaml(new SafeConstructor(new LoaderOptions()))
                .load(Files.readString(SuiteSettings.sources().resolve("docs/openapi.yaml")));
        return new OpenApi(JenkinsClient.JSON.valueToTree(yaml));
    }

    /**
     * Problems of {@code response}'s body against what {@code docs/openapi.yaml} documents for this path template
     * ({@code /trackers/{id}}), method and the response's status; a status the document does not list is a problem.
     */
    public List<String> problems(String pathTemplate, JenkinsClient.Response response) {
        JsonNode operation = doc.path("paths").path(pathTemplate).path(response.method().toLowerCase(Locale.ROOT));
        if (operation.isMissingNode()) {
            return List.of("docs/openapi.yaml has no " + response.method() + " " + pathTemplate);
        }
        JsonNode documented = resolve(operation.path("responses").path(String.valueOf(response.status())));
        if (documented.isMissingNode()) {
            return List.of("docs/openapi.yaml lists no " + response.status() + " for " + response.method() + " " + pathTemplate
                    + " (" + response.abbreviated() + ")");
        }
        JsonNode schema = documented.path("content").path("application/json").path("schema");
        if (schema.isMissingNode()) {
            return List.of();
        }
        String contentType = response.header("Content-Type").orElse("");
        if (!contentType.startsWith("application/json")) {
            return List.of(response.method() + " " + pathTemplate + " " + response.status() + ": Content-Type " + contentType);
        }
        ObjectNode root = ((ObjectNode) schema.deepCopy());
        root.set("components", doc.path("components"));
        Set<ValidationMessage> messages = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(root)
                .validate(response.json());
        return messages.stream().map(m -> response.method() + " " + pathTemplate + " " + response.status() + ": " + m.getMessage())
                .sorted().toList();
    }

    private JsonNode resolve(JsonNode node) {
        JsonNode at = node;
        while (at.has("$ref")) {
            String ref = at.get("$ref").asText();
            at = doc.at(ref.substring(1));
        }
        return at;
    }
}
