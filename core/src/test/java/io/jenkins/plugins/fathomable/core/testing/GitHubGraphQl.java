package io.jenkins.plugins.fathomable.core.testing;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import graphql.ExecutionInput;
import graphql.ExecutionResult;
import graphql.GraphQL;
import graphql.GraphqlErrorBuilder;
import graphql.execution.DataFetcherResult;
import graphql.schema.DataFetcher;
import graphql.schema.DataFetchingEnvironment;
import graphql.schema.GraphQLSchema;
import graphql.schema.idl.RuntimeWiring;
import graphql.schema.idl.SchemaGenerator;
import graphql.schema.idl.SchemaParser;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * GitHub's GraphQL endpoint ({@code POST /graphql}) as a WireMock transformer: queries are really executed (by
 * graphql-java, against the part of GitHub's schema detection uses), so aliases, variables, fragments and query
 * validation behave as on GitHub. Answers look like GitHub's: {@code data} with one entry per alias, a missing
 * repository {@code null} with an {@code errors} entry of {@code "type": "NOT_FOUND"} (or {@code FORBIDDEN}), and
 * {@code x-ratelimit-*} headers of the {@code graphql} resource. Without a token it answers {@code 401}; a token can
 * be made to get a refusal instead ({@link #refuse}). It counts queries and the points GitHub would charge.
 */
public final class GitHubGraphQl implements ResponseDefinitionTransformerV2 {

    public static final String NAME = "github-graphql";

    /** What the endpoint answers from. */
    public interface Repositories {
        boolean exists(String repo);

        Optional<String> forbidden(String repo);

        Optional<GitHubModel.Ref> defaultBranchRef(String repo);

        Optional<GitHubModel.Ref> ref(String repo, String qualifiedName);

        Optional<GitHubModel.GitObject> object(String repo, String expression);
    }

    private static final String SCHEMA = """
            type Query { repository(owner: String!, name: String!): Repository }
            type Repository {
              nameWithOwner: String!
              defaultBranchRef: Ref
              ref(qualifiedName: String!): Ref
              object(expression: String, oid: String): GitObject
            }
            type Ref { name: String! target: GitObject }
            interface GitObject { oid: String! }
            type Commit implements GitObject { oid: String! }
            type Tag implements GitObject { oid: String! target: GitObject! }
            type Blob implements GitObject { oid: String! text: String byteSize: Int! }
            type Tree implements GitObject { oid: String! }
            """;
    private static final ObjectMapper JSON = new ObjectMapper();

    private record RepositoryNode(String repo) {}

    private volatile Repositories repositories;
    private volatile long resetEpoch = Instant.now().plusSeconds(3600).getEpochSecond();
    private final GraphQL graphQL;
    private final Map<String, ResponseDefinition> refusals = new ConcurrentHashMap<>();
    private final AtomicLong queries = new AtomicLong();
    private final AtomicLong points = new AtomicLong();

    public GitHubGraphQl() {
        this(null);
    }

    public GitHubGraphQl(Repositories repositories) {
        this.repositories = repositories;
        RuntimeWiring wiring = RuntimeWiring.newRuntimeWiring()
                .type("Query", t -> t.dataFetcher("repository", this::repository))
                .type("Repository", t -> t
                        .dataFetcher("nameWithOwner", env -> ((RepositoryNode) env.getSource()).repo())
                        .dataFetcher("defaultBranchRef", env -> repositories().defaultBranchRef(repo(env)).orElse(null))
                        .dataFetcher("ref", env -> repositories().ref(repo(env), env.getArgument("qualifiedName")).orElse(null))
                        .dataFetcher("object", env -> env.getArgument("expression") == null ? null
                                : repositories().object(repo(env), env.getArgument("expression")).orElse(null)))
                .type("Ref", t -> t.dataFetcher("name", env -> ((GitHubModel.Ref) env.getSource()).name())
                        .dataFetcher("target", env -> ((GitHubModel.Ref) env.getSource()).target()))
                .type("GitObject", t -> t.typeResolver(env -> env.getSchema().getObjectType(
                        env.getObject().getClass().getSimpleName())))
                .type("Commit", t -> t.dataFetcher("oid", oid()))
                .type("Tag", t -> t.dataFetcher("oid", oid())
                        .dataFetcher("target", env -> ((GitHubModel.Tag) env.getSource()).target()))
                .type("Blob", t -> t.dataFetcher("oid", oid())
                        .dataFetcher("text", env -> ((GitHubModel.Blob) env.getSource()).text())
                        .dataFetcher("byteSize", env -> ((GitHubModel.Blob) env.getSource()).text().length()))
                .type("Tree", t -> t.dataFetcher("oid", oid()))
                .build();
        GraphQLSchema schema = new SchemaGenerator().makeExecutableSchema(new SchemaParser().parse(SCHEMA), wiring);
        this.graphQL = GraphQL.newGraphQL(schema).build();
    }

    /** What to answer from from now on (a fixture per test). */
    public void use(Repositories repositories, Instant rateLimitReset) {
        this.repositories = repositories;
        this.resetEpoch = rateLimitReset.getEpochSecond();
        refusals.clear();
    }

    /** The stub that routes {@code POST /graphql} here. */
    public static MappingBuilder stub() {
        return post(urlEqualTo("/graphql")).willReturn(aResponse().withTransformers(NAME));
    }

    /**
     * Requests with this token get {@code status} with these headers (e.g. {@code Retry-After}, or
     * {@code X-RateLimit-Remaining} and {@code X-RateLimit-Reset}) and GitHub's error body, until cleared.
     */
    public void refuse(String token, int status, Map<String, String> headers, String message) {
        ResponseDefinitionBuilder answer = aResponse().withStatus(status)
                .withHeader("X-RateLimit-Limit", "5000").withHeader("X-RateLimit-Resource", "graphql")
                .withHeader("Content-Type", "application/json; charset=utf-8")
                .withBody("{\"message\":\"" + message + "\",\"documentation_url\":\"https://docs.github.com/graphql\"}");
        headers.forEach(answer::withHeader);
        refusals.put(token, answer.build());
    }

    public void clearRefusals() {
        refusals.clear();
    }

    /** Queries executed so far. */
    public long queries() {
        return queries.get();
    }

    /** Secondary-limit points charged so far: one per query (queries without mutations). */
    public long points() {
        return points.get();
    }

    @Override
    public String getName() {
        return NAME;
    }

    @Override
    public boolean applyGlobally() {
        return false;
    }

    @Override
    public ResponseDefinition transform(ServeEvent event) {
        return answer(event.getRequest());
    }

    /** The answer to one request to the GraphQL endpoint. */
    public ResponseDefinition answer(Request request) {
        String authorization = request.getHeader("Authorization");
        if (authorization == null || !authorization.contains(" ")) {
            return rateLimit(aResponse().withStatus(401), 0).withHeader("Content-Type", "application/json; charset=utf-8")
                    .withBody("{\"message\":\"This endpoint requires you to be authenticated.\","
                            + "\"documentation_url\":\"https://docs.github.com/graphql/guides/forming-calls-with-graphql#authenticating-with-graphql\"}")
                    .build();
        }
        ResponseDefinition refusal = refusals.get(authorization.substring(authorization.indexOf(' ') + 1));
        if (refusal != null) {
            return refusal;
        }
        Map<String, Object> variables = new LinkedHashMap<>();
        String query;
        try {
            JsonNode body = JSON.readTree(request.getBody());
            query = body.path("query").asText();
            body.path("variables").fields().forEachRemaining(f -> variables.put(f.getKey(), f.getValue().asText()));
        } catch (java.io.IOException e) {
            return aResponse().withStatus(400).withBody("{\"message\":\"Problems parsing JSON\"}").build();
        }
        ExecutionResult result = graphQL.execute(ExecutionInput.newExecutionInput(query).variables(variables).build());
        Map<String, Object> spec = new LinkedHashMap<>(result.toSpecification());
        Object errors = spec.get("errors");
        if (errors instanceof List<?> list) {
            spec.put("errors", list.stream().map(GitHubGraphQl::gitHubError).toList());
        }
        long n = queries.incrementAndGet();
        points.incrementAndGet();
        try {
            return rateLimit(aResponse().withStatus(200), (int) Math.max(0, 5000 - n))
                    .withHeader("Content-Type", "application/json; charset=utf-8")
                    .withBody(JSON.writeValueAsString(spec)).build();
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private Repositories repositories() {
        return repositories;
    }

    private Object repository(DataFetchingEnvironment env) {
        String repo = env.getArgument("owner") + "/" + env.getArgument("name");
        Optional<String> forbidden = repositories().forbidden(repo);
        if (forbidden.isPresent()) {
            return DataFetcherResult.newResult().error(GraphqlErrorBuilder.newError(env).message(forbidden.get())
                    .extensions(Map.of("type", "FORBIDDEN")).build()).build();
        }
        if (!repositories().exists(repo)) {
            return DataFetcherResult.newResult().error(GraphqlErrorBuilder.newError(env)
                    .message("Could not resolve to a Repository with the name '" + repo + "'.")
                    .extensions(Map.of("type", "NOT_FOUND")).build()).build();
        }
        return new RepositoryNode(repo);
    }

    private static String repo(DataFetchingEnvironment env) {
        return ((RepositoryNode) env.getSource()).repo();
    }

    private static DataFetcher<String> oid() {
        return env -> ((GitHubModel.GitObject) env.getSource()).oid();
    }

    /** GitHub puts an error's {@code type} beside its message, not under {@code extensions}. */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> gitHubError(Object error) {
        Map<String, Object> e = new LinkedHashMap<>((Map<String, Object>) error);
        Object extensions = e.remove("extensions");
        if (extensions instanceof Map<?, ?> map && map.get("type") != null) {
            Map<String, Object> typed = new LinkedHashMap<>();
            typed.put("type", map.get("type"));
            typed.putAll(e);
            return typed;
        }
        return e;
    }

    private ResponseDefinitionBuilder rateLimit(ResponseDefinitionBuilder response, int remaining) {
        return response.withHeader("X-GitHub-Media-Type", "github.v4")
                .withHeader("X-RateLimit-Limit", "5000")
                .withHeader("X-RateLimit-Remaining", String.valueOf(remaining))
                .withHeader("X-RateLimit-Reset", String.valueOf(resetEpoch))
                .withHeader("X-RateLimit-Used", String.valueOf(5000 - remaining))
                .withHeader("X-RateLimit-Resource", "graphql");
    }
}
