package io.jenkins.plugins.fathomable.bench;

import io.jenkins.plugins.fathomable.cli.serve.LocalEngine;
import io.jenkins.plugins.fathomable.cli.serve.ServeApp;
import io.jenkins.plugins.fathomable.cli.serve.ServeSettings;
import io.jenkins.plugins.fathomable.core.release.DeployWindow;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code serve}'s overview page over real HTTP on 127.0.0.1: a real {@code serve} (Jetty, the real engine) on the
 * benchmark's state directory, asked for a page of 100 rows; the time from sending the request to the last byte of
 * the answer, so the server's work (model and HTML) plus a loopback round trip.
 */
final class ServePages {

    private ServePages() {}

    static void measure(Path stateDir, int runs) throws Exception {
        List<ServeSettings.Environment> flow = List.of(
                new ServeSettings.Environment("dev", "shop-dev", null, null, null, false),
                new ServeSettings.Environment("ha", "shop-ha", null, null, null, false),
                new ServeSettings.Environment("preprod", "shop-preprod", null, null, null, false),
                new ServeSettings.Environment("prod", "shop-prod", null, List.of(new DeployWindow("0 9 * * 1-5",
                        "Europe/Berlin", Duration.ofHours(8))), null, true));
        ServeSettings settings = new ServeSettings("127.0.0.1", 0, stateDir, URI.create("http://127.0.0.1:9"),
                Duration.ofHours(24), true, flow, List.of(), true);
        Clock clock = Clock.fixed(io.jenkins.plugins.fathomable.core.testing.DashboardWorkload.NOW, ZoneOffset.UTC);
        try (ServeApp app = ServeApp.start(settings, LocalEngine::new, Optional.of("bench-" + "token-0123456789"),
                line -> { }, clock, new SecureRandom())) {
            HttpClient http = HttpClient.newHttpClient();
            // serve resumes the deployments the workload left running: let it finish them before measuring
            long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
            HttpRequest deploying = HttpRequest.newBuilder(app.baseUri().resolve("/ui/?state=deploying&size=25")).build();
            while (http.send(deploying, HttpResponse.BodyHandlers.ofString()).body().contains("<tr data-tracker=")
                    && System.nanoTime() < deadline) {
                Thread.sleep(500);
            }
            System.out.println("serve GET /ui/?size=100 over HTTP on 127.0.0.1, one client (ms per page: median / 95th /"
                    + " max):");
            for (String query : List.of("?size=100", "?size=100&page=50", "?size=100&state=failed")) {
                HttpRequest request = HttpRequest.newBuilder(app.baseUri().resolve("/ui/" + query)).build();
                String[] body = new String[1];
                double[] ms = DashboardBench.time(runs, () -> {
                    try {
                        HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
                        if (r.statusCode() != 200) {
                            throw new IllegalStateException(query + ": " + r.statusCode());
                        }
                        body[0] = r.body();
                        return r;
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                });
                Matcher rows = Pattern.compile("<tr data-tracker=").matcher(body[0]);
                int n = 0;
                while (rows.find()) {
                    n++;
                }
                System.out.printf(Locale.ROOT, "  %-32s %3d rows, %,7d bytes: %s%n", query, n, body[0].length(),
                        DashboardBench.stats(ms));
            }
        }
    }
}
