package io.jenkins.plugins.fathomable.cli.serve.ui;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.Map;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * The pages' style sheet, script and icon, from the class path; nothing else is served from there. The script is core's,
 * the one Jenkins' pages load too.
 */
final class UiStatic {

    private record File(String resource, String type) {}

    private static final Map<String, File> FILES = Map.of(
            "dashboard.css", new File("dashboard.css", "text/css; charset=utf-8"),
            "favicon.svg", new File("favicon.svg", "image/svg+xml"),
            "dashboard.js", new File("/io/jenkins/plugins/fathomable/core/dashboard/confirm.js",
                    "text/javascript; charset=utf-8"));

    private UiStatic() {}

    static boolean serve(String name, String method, Response response, Callback callback) {
        File file = FILES.get(name);
        if (file == null || !(method.equals("GET") || method.equals("HEAD"))) {
            return UiHandler.send(response, callback, 404, "text/plain", Labels.get("notFound"));
        }
        byte[] bytes = read(file.resource());
        response.setStatus(200);
        response.getHeaders().put("Content-Type", file.type());
        response.getHeaders().put("Cache-Control", "max-age=300");
        response.getHeaders().put("Content-Length", String.valueOf(bytes.length));
        response.write(true, method.equals("HEAD") ? ByteBuffer.allocate(0) : ByteBuffer.wrap(bytes), callback);
        return true;
    }

    private static byte[] read(String name) {
        try (InputStream in = UiStatic.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException(name + " is missing from the class path");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
