package io.jenkins.plugins.fathomable.core.source.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jenkins.plugins.fathomable.core.credentials.Credential;
import io.jenkins.plugins.fathomable.core.credentials.CredentialsPort;
import io.jenkins.plugins.fathomable.core.source.RequestCounter;
import io.jenkins.plugins.fathomable.core.source.RequestKind;
import io.jenkins.plugins.fathomable.core.tracker.TrackerObservation.Status;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Authorization for one registry. Remembers the registry's challenge so later requests carry a valid token from
 * the start (no 401 round trip per request), and caches bearer tokens per scope until they expire. Credentials
 * are looked up through the credentials port at each token fetch, never kept.
 */
final class RegistryAuth {

    /** Tokens are renewed this long before they expire, so a request never races the expiry. */
    private static final Duration EXPIRY_MARGIN = Duration.ofSeconds(10);
    /** The distribution spec's default when a token endpoint does not say. */
    private static final Duration DEFAULT_TOKEN_LIFETIME = Duration.ofSeconds(60);

    private record Token(String value, Instant renewAt) {}

    private final RegistryConfig.Registry settings;
    private final CredentialsPort credentials;
    private final HttpClient http;
    private final RequestCounter counter;
    private final Clock clock;
    private final ObjectMapper json = new ObjectMapper();
    private final Map<String, Token> tokens = new ConcurrentHashMap<>();
    private volatile BearerChallenge challenge;

    RegistryAuth(RegistryConfig.Registry settings, CredentialsPort credentials, HttpClient http, RequestCounter counter,
            Clock clock) {
        this.settings = settings;
        this.credentials = credentials;
        this.http = http;
        this.counter = counter;
        this.clock = clock;
    }

    /** The Authorization header to send up front for {@code scope}, if the registry is known to want one. */
    Optional<String> authorization(String scope) throws RegistryException, IOException, InterruptedException {
        BearerChallenge known = challenge;
        if (known == null) {
            return Optional.empty();
        }
        if (known.isBasic()) {
            return basic();
        }
        Token token = tokens.get(scope);
        if (token == null || !clock.instant().isBefore(token.renewAt())) {
            token = fetchToken(known, scope);
        }
        return Optional.of("Bearer " + token.value());
    }

    /**
     * Learns from a 401 answer. Returns true when a retry with fresh authorization may succeed (a new challenge, or
     * a token that was rejected), false when retrying would only repeat the 401.
     */
    boolean onUnauthorized(HttpResponse<?> response, String scope, boolean alreadyRetried)
            throws RegistryException, IOException, InterruptedException {
        Optional<BearerChallenge> parsed = response.headers().firstValue("WWW-Authenticate").flatMap(BearerChallenge::parse);
        if (parsed.isEmpty() || alreadyRetried) {
            return false;
        }
        BearerChallenge received = parsed.get();
        if (received.isBasic()) {
            challenge = received;
            return lookup().isPresent();
        }
        if (!received.isBearer() || received.realm() == null) {
            return false;
        }
        challenge = new BearerChallenge(received.scheme(), received.realm(), received.service(), null);
        String wanted = received.scope() != null ? received.scope() : scope;
        tokens.put(scope, fetchToken(challenge, wanted));
        return true;
    }

    private Optional<String> basic() {
        return lookup().map(c -> {
            String pair = username(c) + ":" + password(c);
            return "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8));
        });
    }

    private Token fetchToken(BearerChallenge bearer, String scope)
            throws RegistryException, IOException, InterruptedException {
        URI realm = URI.create(bearer.realm());
        if (!"https".equalsIgnoreCase(realm.getScheme())
                && !(settings.insecure() || RegistryClient.isLoopback(realm.getHost()))) {
            throw new RegistryException(Status.REGISTRY_ERROR, "registry " + settings.host()
                    + " sends its token realm over plain HTTP (" + realm + "); only loopback or insecure registries may");
        }
        StringBuilder query = new StringBuilder();
        if (bearer.service() != null) {
            query.append("service=").append(URLEncoder.encode(bearer.service(), StandardCharsets.UTF_8));
        }
        if (scope != null) {
            query.append(query.length() > 0 ? "&" : "").append("scope=")
                    .append(URLEncoder.encode(scope, StandardCharsets.UTF_8));
        }
        String separator = realm.getRawQuery() == null ? "?" : "&";
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(bearer.realm() + separator + query))
                .timeout(Duration.ofSeconds(30)).GET();
        basic().ifPresent(header -> request.header("Authorization", header));
        counter.record(RequestKind.TOKEN);
        HttpResponse<byte[]> response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        if (response.statusCode() == 401 || response.statusCode() == 403) {
            throw new RegistryException(response.statusCode() == 401 ? Status.UNAUTHORIZED : Status.FORBIDDEN,
                    "token service of registry " + settings.host() + " refused "
                            + (settings.credentialsId() == null ? "anonymous access" : "credentials '" + settings.credentialsId() + "'")
                            + " (HTTP " + response.statusCode() + ")");
        }
        if (response.statusCode() != 200) {
            throw new RegistryException(Status.REGISTRY_ERROR, "token service of registry " + settings.host()
                    + " answered HTTP " + response.statusCode());
        }
        JsonNode body = json.readTree(response.body());
        String value = body.path("token").asText(body.path("access_token").asText(""));
        if (value.isEmpty()) {
            throw new RegistryException(Status.REGISTRY_ERROR, "token service of registry " + settings.host()
                    + " returned no token");
        }
        long seconds = body.path("expires_in").asLong(0);
        Duration lifetime = seconds > 0 ? Duration.ofSeconds(seconds) : DEFAULT_TOKEN_LIFETIME;
        Duration usable = lifetime.compareTo(EXPIRY_MARGIN.multipliedBy(2)) > 0 ? lifetime.minus(EXPIRY_MARGIN) : lifetime.dividedBy(2);
        return new Token(value, clock.instant().plus(usable));
    }

    private Optional<Credential> lookup() {
        return settings.credentialsId() == null ? Optional.empty() : credentials.lookup(settings.credentialsId());
    }

    /** A bare token is sent as the password of user {@code token}, which GHCR and most token services accept. */
    private static String username(Credential credential) {
        return credential instanceof Credential.UsernamePassword up ? up.username() : "token";
    }

    private static String password(Credential credential) {
        return credential instanceof Credential.UsernamePassword up
                ? up.password().reveal() : ((Credential.Token) credential).token().reveal();
    }
}
