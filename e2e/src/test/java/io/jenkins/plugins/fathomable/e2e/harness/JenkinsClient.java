package io.jenkins.plugins.fathomable.e2e.harness;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * HTTP to one Jenkins the way its users reach it: anonymously, with HTTP Basic and an API token (scripts; no crumb
 * needed), or as a browser session with cookies ({@link #login}) that must send a crumb with every POST. Redirects
 * are not followed, so statuses are seen as Jenkins sends them. Every response of every client made from this one
 * is kept in a shared journal, so a test can search all of them (for a secret that must never appear).
 */
public final class JenkinsClient {

    public static final ObjectMapper JSON = new ObjectMapper();

    /** An HTTP answer; {@link #json()} parses the body. */
    public record Response(String method, URI uri, int status, HttpHeaders headers, byte[] body) {

        public String text() {
            return new String(body, StandardCharsets.UTF_8);
        }

        public JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new AssertionError(method + " " + uri + " answered " + status + " with a body that is not JSON: "
                        + abbreviated(), e);
            }
        }

        /** The page as jsoup reads it. */
        public org.jsoup.nodes.Document html() {
            return org.jsoup.Jsoup.parse(text(), uri.toString());
        }

        /** The visible text of the page's main panel (or of the whole body), whitespace collapsed. */
        public String mainText() {
            org.jsoup.nodes.Document doc = html();
            org.jsoup.nodes.Element main = doc.getElementById("main-panel");
            return (main != null ? main : doc.body()).text();
        }

        public Optional<String> header(String name) {
            return headers.firstValue(name);
        }

        public String abbreviated() {
            String t = text();
            return t.length() > 600 ? t.substring(0, 600) + "..." : t;
        }

        @Override
        public String toString() {
            return method + " " + uri + " -> " + status + ": " + abbreviated();
        }
    }

    private final URI base;
    private final HttpClient http;
    private final String authorization;
    private final boolean session;
    private final List<Response> journal;
    private String crumbField;
    private String crumb;

    JenkinsClient(URI base) {
        this(base, null, false, new CopyOnWriteArrayList<>());
    }

    private JenkinsClient(URI base, String authorization, boolean session, List<Response> journal) {
        this.base = base;
        this.authorization = authorization;
        this.session = session;
        this.journal = journal;
        HttpClient.Builder b = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(Duration.ofSeconds(10)).proxy(HttpClient.Builder.NO_PROXY);
        if (session) {
            b.cookieHandler(new CookieManager());
        }
        this.http = b.build();
    }

    /** A client sending HTTP Basic with this user and secret (an API token, or a password), sharing the journal. */
    public JenkinsClient basic(String user, String secret) {
        String value = "Basic " + Base64.getEncoder().encodeToString((user + ":" + secret).getBytes(StandardCharsets.UTF_8));
        return new JenkinsClient(base, value, false, journal);
    }

    /** A browser-like session: logs in through the login form and keeps the session cookie. */
    public JenkinsClient login(String user, String password) {
        JenkinsClient browser = new JenkinsClient(base, null, true, journal);
        // the login form carries a crumb for the session the login page opened
        Matcher crumbInput = Pattern.compile("<input name=\"Jenkins-Crumb\" type=\"hidden\" value=\"([^\"]+)\"")
                .matcher(browser.get("login").text());
        Map<String, String> fields = new LinkedHashMap<>(Map.of("j_username", user, "j_password", password, "from", "/"));
        if (crumbInput.find()) {
            fields.put("Jenkins-Crumb", crumbInput.group(1));
        }
        Response r = browser.send("POST", "j_spring_security_check", Map.of("Content-Type", "application/x-www-form-urlencoded"),
                form(fields));
        String location = r.header("Location").orElse("");
        if (r.status() != 302 || location.contains("loginError")) {
            throw new AssertionError("login as " + user + " failed: " + r.status() + " Location: " + location);
        }
        return browser;
    }

    /** An anonymous client (no credentials, no cookies), sharing the journal. */
    public JenkinsClient anonymous() {
        return new JenkinsClient(base, null, false, journal);
    }

    public URI base() {
        return base;
    }

    /** Every response any client of this family received, oldest first. */
    public List<Response> journal() {
        return List.copyOf(journal);
    }

    public Response get(String path) {
        return send("GET", path, Map.of(), null);
    }

    public Response delete(String path) {
        return send("DELETE", path, Map.of(), null);
    }

    public Response postJson(String path, String json) {
        return send("POST", path, Map.of("Content-Type", "application/json"), json.getBytes(StandardCharsets.UTF_8));
    }

    public Response putJson(String path, String json) {
        return send("PUT", path, Map.of("Content-Type", "application/json"), json.getBytes(StandardCharsets.UTF_8));
    }

    /** A form POST ({@code application/x-www-form-urlencoded}) without a crumb. */
    public Response postForm(String path, Map<String, String> fields) {
        return send("POST", path, Map.of("Content-Type", "application/x-www-form-urlencoded"), form(fields));
    }

    /** The same POST a page's form makes: with the crumb of this client's session in the crumb header. */
    public Response postFormWithCrumb(String path, Map<String, String> fields) {
        Map<String, String> headers = new LinkedHashMap<>(crumbHeader());
        headers.put("Content-Type", "application/x-www-form-urlencoded");
        return send("POST", path, headers, form(fields));
    }

    /** {@code Jenkins-Crumb: VALUE} for this client (a session's crumb is tied to its session). */
    public Map<String, String> crumbHeader() {
        if (crumb == null) {
            Response r = get("crumbIssuer/api/json");
            if (r.status() != 200) {
                throw new AssertionError("no crumb: " + r);
            }
            crumbField = r.json().path("crumbRequestField").asText();
            crumb = r.json().path("crumb").asText();
        }
        return Map.of(crumbField, crumb);
    }

    /** Any request; {@code path} is relative to the Jenkins URL ({@code trackers/}, {@code manage/configure}). */
    public Response send(String method, String path, Map<String, String> headers, byte[] body) {
        URI uri = base.resolve(path);
        HttpRequest.Builder rb = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(120))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        if (authorization != null) {
            rb.header("Authorization", authorization);
        }
        headers.forEach(rb::header);
        try {
            HttpResponse<byte[]> r = http.send(rb.build(), HttpResponse.BodyHandlers.ofByteArray());
            Response response = new Response(method, uri, r.statusCode(), r.headers(), r.body());
            journal.add(response);
            return response;
        } catch (IOException e) {
            throw new UncheckedIOException(method + " " + uri, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * A new API token for {@code user}, made as the user would on their Security page: logged in with the password,
     * {@code POST user/NAME/descriptorByName/jenkins.security.ApiTokenProperty/generateNewToken} with the crumb.
     */
    public String newApiToken(String user, String password, String tokenName) {
        JenkinsClient browser = login(user, password);
        Response r = browser.postFormWithCrumb("user/" + user + "/descriptorByName/jenkins.security.ApiTokenProperty/generateNewToken",
                Map.of("newTokenName", tokenName));
        String token = r.status() == 200 ? r.json().path("data").path("tokenValue").asText("") : "";
        if (token.isEmpty()) {
            throw new AssertionError("no API token for " + user + ": " + r);
        }
        return token;
    }

    /** A Groovy script run by the script console ({@code POST /scriptText}); needs Administer. Returns its output. */
    public String groovy(String script) {
        List<String> fields = new ArrayList<>();
        fields.add("script=" + URLEncoder.encode(script, StandardCharsets.UTF_8));
        Map<String, String> headers = new LinkedHashMap<>(session ? crumbHeader() : Map.of());
        headers.put("Content-Type", "application/x-www-form-urlencoded");
        Response r = send("POST", "scriptText", headers, String.join("&", fields).getBytes(StandardCharsets.UTF_8));
        if (r.status() != 200) {
            throw new AssertionError("script console: " + r);
        }
        return r.text();
    }

    static byte[] form(Map<String, String> fields) {
        return fields.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&")).getBytes(StandardCharsets.UTF_8);
    }
}
