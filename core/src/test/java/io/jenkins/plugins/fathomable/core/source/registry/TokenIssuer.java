package io.jenkins.plugins.fathomable.core.source.registry;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.util.Base64;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.StringWriter;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A small token service for the registry's {@code token} auth: issues RS256 JWTs (the certificate in the
 * {@code x5c} header, trusted through the registry's {@code rootcertbundle}) to one user/password, granting the
 * requested scope. Records each request's scope so tests can count token fetches on the server side.
 */
public final class TokenIssuer implements AutoCloseable {

    private final String username;
    private final String password;
    private final String service;
    private final String issuer;
    private final KeyPair keys;
    private final X509Certificate certificate;
    private final HttpServer server;
    private final List<String> requests = new CopyOnWriteArrayList<>();
    private volatile Duration lifetime = Duration.ofMinutes(5);

    private TokenIssuer(String username, String password, String service, String issuer) throws Exception {
        this.username = username;
        this.password = password;
        this.service = service;
        this.issuer = issuer;
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        this.keys = generator.generateKeyPair();
        X500Name name = new X500Name("CN=fathomable test token issuer");
        Instant now = Instant.now();
        this.certificate = new JcaX509CertificateConverter().getCertificate(new JcaX509v3CertificateBuilder(name,
                BigInteger.valueOf(now.toEpochMilli()), Date.from(now.minus(Duration.ofDays(1))),
                Date.from(now.plus(Duration.ofDays(1))), name, keys.getPublic())
                .build(new JcaContentSignerBuilder("SHA256withRSA").build(keys.getPrivate())));
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/token", this::handle);
        server.start();
    }

    static TokenIssuer start(String username, String password, String service, String issuer) throws Exception {
        return new TokenIssuer(username, password, service, issuer);
    }

    public String realm() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/token";
    }

    public String service() {
        return service;
    }

    public String issuer() {
        return issuer;
    }

    /** {@code expires_in} of the tokens issued from now on. */
    public void lifetime(Duration duration) {
        this.lifetime = duration;
    }

    /** The scopes of the token requests received so far (one entry per request, refused ones included). */
    public List<String> requests() {
        return List.copyOf(requests);
    }

    String certificatePem() throws IOException {
        StringWriter out = new StringWriter();
        try (JcaPEMWriter pem = new JcaPEMWriter(out)) {
            pem.writeObject(certificate);
        }
        return out.toString();
    }

    /** A token for {@code scope} ({@code repository:NAME:ACTIONS}), as the endpoint would issue it. */
    String mint(String scope, Duration validFor) {
        try {
            List<Map<String, Object>> access = new ArrayList<>();
            if (scope != null && !scope.isBlank()) {
                String[] parts = scope.split(":");
                access.add(Map.of("type", parts[0], "name", parts[1], "actions", List.of(parts[2].split(","))));
            }
            Instant now = Instant.now();
            JWTClaimsSet claims = new JWTClaimsSet.Builder()
                    .issuer(issuer).subject(username).audience(service)
                    .issueTime(Date.from(now)).notBeforeTime(Date.from(now.minusSeconds(5)))
                    .expirationTime(Date.from(now.plus(validFor))).jwtID(UUID.randomUUID().toString())
                    .claim("access", access)
                    .build();
            JWSHeader header = new JWSHeader.Builder(JWSAlgorithm.RS256)
                    .x509CertChain(List.of(Base64.encode(certificate.getEncoded())))
                    .build();
            SignedJWT jwt = new SignedJWT(header, claims);
            jwt.sign(new RSASSASigner(keys.getPrivate()));
            return jwt.serialize();
        } catch (JOSEException | java.security.cert.CertificateEncodingException e) {
            throw new IllegalStateException(e);
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        String scope = null;
        String query = exchange.getRequestURI().getRawQuery();
        if (query != null) {
            for (String pair : query.split("&")) {
                if (pair.startsWith("scope=")) {
                    scope = URLDecoder.decode(pair.substring(6), StandardCharsets.UTF_8);
                }
            }
        }
        requests.add(String.valueOf(scope));
        String expected = "Basic " + java.util.Base64.getEncoder()
                .encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8));
        byte[] body;
        if (!expected.equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
            body = "{\"errors\":[{\"code\":\"UNAUTHORIZED\",\"message\":\"authentication required\"}]}".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(401, body.length);
        } else {
            Duration validFor = lifetime;
            body = ("{\"token\":\"" + mint(scope, validFor) + "\",\"expires_in\":" + validFor.toSeconds()
                    + ",\"issued_at\":\"" + Instant.now() + "\"}").getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
        }
        exchange.getResponseBody().write(body);
        exchange.close();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
