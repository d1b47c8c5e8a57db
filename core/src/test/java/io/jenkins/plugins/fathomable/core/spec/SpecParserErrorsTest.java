package io.jenkins.plugins.fathomable.core.spec;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.fathomable.core.validation.FieldError;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** One case per validation rule: the message, the field path and the line and column it points at. */
class SpecParserErrorsTest {

    /** A valid web-service; cases append lines under {@code spec:} (so they start at line 13) or replace some. */
    static final String BASE = """
            apiVersion: fathomable.io/v1
            kind: Application
            metadata:
              name: app
            spec:
              pattern: web-service
              image:
                repository: ghcr.io/acme/app
                tag: "1.0"
              ports:
                - name: http
                  port: 8080
            """;

    static String spec(String extra) {
        return BASE + extra.stripIndent();
    }

    static Stream<Arguments> rules() {
        return Stream.of(
                // document and top level
                Arguments.of(BASE.replace("fathomable.io/v1", "fathomable.io/v2"),
                        "apiVersion: must be fathomable.io/v1, got 'fathomable.io/v2' (line 1, column 13)"),
                Arguments.of(BASE.replace("kind: Application", "kind: Deployment"),
                        "kind: must be Application, got 'Deployment' (line 2, column 7)"),
                Arguments.of(BASE.replace("kind: Application\n", ""), "kind: is required (line 1, column 1)"),
                Arguments.of(BASE.replace("metadata:\n  name: app", "metadata: {}"),
                        "metadata.name: is required (line 3, column 11)"),
                Arguments.of(BASE.replace("name: app", "name: Payments_API"),
                        "metadata.name: must be 1..52 lower-case letters, digits or '-', starting and ending with a"
                                + " letter or digit, got 'Payments_API' (line 4, column 9)"),
                Arguments.of(BASE.replace("name: app", "name: " + "a".repeat(53)),
                        "metadata.name: must be 1..52 lower-case letters, digits or '-', starting and ending with a"
                                + " letter or digit, got '" + "a".repeat(53) + "' (line 4, column 9)"),
                Arguments.of(BASE + "status: {}\n",
                        "status: unknown field (allowed: apiVersion, kind, metadata, spec) (line 13, column 1)"),
                Arguments.of(spec("  replica: 2\n"), "spec.replica: unknown field (allowed: args, autoscaling,"
                        + " command, configFiles, env, environments, image, ingress, pattern, ports, probes, replicas,"
                        + " resources, schedule, secrets, volumes) (line 13, column 3)"),
                Arguments.of(spec("  pattern: worker\n"), "spec.pattern: duplicate field (line 13, column 3)"),
                Arguments.of(BASE.replace("pattern: web-service", "pattern: daemon"),
                        "spec.pattern: must be one of web-service, worker, cron-job, stateful-service, got 'daemon'"
                                + " (line 6, column 12)"),
                // scaling
                Arguments.of(spec("  replicas: \"2\"\n"), "spec.replicas: must be an integer, got a string"
                        + " (line 13, column 13)"),
                Arguments.of(spec("  replicas: -1\n"), "spec.replicas: must be 0..1000 (line 13, column 13)"),
                Arguments.of(spec("  replicas: 2\n  autoscaling: {minReplicas: 2, maxReplicas: 4,"
                        + " targetCPUUtilizationPercentage: 60}\n"),
                        "spec.autoscaling: set either replicas or autoscaling, not both (line 14, column 3)"),
                Arguments.of(spec("  autoscaling: {minReplicas: 4, maxReplicas: 2, targetCPUUtilizationPercentage: 60}\n"),
                        "spec.autoscaling.maxReplicas: must be at least minReplicas (4) (line 13, column 46)"),
                Arguments.of(spec("  autoscaling: {minReplicas: 1, maxReplicas: 2, targetCPUUtilizationPercentage: 150}\n"),
                        "spec.autoscaling.targetCPUUtilizationPercentage: must be 1..100 (line 13, column 81)"),
                Arguments.of(spec("  autoscaling: {maxReplicas: 2, targetCPUUtilizationPercentage: 50}\n"),
                        "spec.autoscaling.minReplicas: is required (line 13, column 16)"),
                // image
                Arguments.of(BASE.replace("""
                          image:
                            repository: ghcr.io/acme/app
                            tag: "1.0"
                        """, ""), "spec.image: is required (line 6, column 3)"),
                Arguments.of(BASE.replace("ghcr.io/acme/app", "ghcr.io/acme/app:1.0"),
                        "spec.image.repository: must not hold a tag; put it in spec.image.tag, got"
                                + " 'ghcr.io/acme/app:1.0' (line 8, column 17)"),
                Arguments.of(BASE.replace("ghcr.io/acme/app", "ghcr.io/acme/app@sha256:00"),
                        "spec.image.repository: must not hold a digest; Fathomable pins digests itself, got"
                                + " 'ghcr.io/acme/app@sha256:00' (line 8, column 17)"),
                Arguments.of(BASE.replace("ghcr.io/acme/app", "ghcr.io/Acme/App"),
                        "spec.image.repository: must be an image repository such as ghcr.io/acme/app (lower-case"
                                + " path), got 'ghcr.io/Acme/App' (line 8, column 17)"),
                Arguments.of(BASE.replace("tag: \"1.0\"", "tag: 1.10"),
                        "spec.image.tag: must be a string, got a number (quote it) (line 9, column 10)"),
                Arguments.of(BASE.replace("tag: \"1.0\"", "tag: \"-1.0\""),
                        "spec.image.tag: must be 1..128 letters, digits, '_', '.' or '-', not starting with '.' or"
                                + " '-', got '-1.0' (line 9, column 10)"),
                Arguments.of(BASE.replace("tag: \"1.0\"", "tag: \"1.0\"\n    semver: \"^1\""),
                        "spec.image.semver: set either tag or semver, not both (line 10, column 5)"),
                Arguments.of(BASE.replace("    tag: \"1.0\"\n", ""),
                        "spec.image: needs a tag (a fixed tag) or semver (a SemVer constraint) (line 8, column 5)"),
                Arguments.of(BASE.replace("tag: \"1.0\"", "semver: latest"),
                        "spec.image.semver: must be a SemVer constraint such as ^1.4, ~2.1.0 or >=1.2 <2, got"
                                + " 'latest' (line 9, column 13)"),
                // resources
                Arguments.of(spec("  resources: {requests: {gpu: 1}}\n"),
                        "spec.resources.requests.gpu: unknown field (allowed: cpu, ephemeral-storage, memory)"
                                + " (line 13, column 26)"),
                Arguments.of(spec("  resources: {limits: {memory: 512MB}}\n"),
                        "spec.resources.limits.memory: must be a Kubernetes quantity such as 250m, 1, 512Mi or 2Gi,"
                                + " got '512MB' (line 13, column 32)"),
                Arguments.of(spec("  resources: {requests: {cpu: \"2\"}, limits: {cpu: 500m}}\n"),
                        "spec.resources.requests.cpu: must not exceed limits.cpu (2 > 500m) (line 13, column 14)"),
                // ports
                Arguments.of(spec("    - name: admin\n      port: 70000\n"),
                        "spec.ports[1].port: must be 1..65535 (line 14, column 13)"),
                Arguments.of(spec("    - name: http\n      port: 8081\n"),
                        "spec.ports[1].name: duplicate port name 'http' (line 13, column 13)"),
                Arguments.of(spec("    - name: admin\n      port: 8080\n"),
                        "spec.ports[1].port: duplicate port 8080 (line 14, column 13)"),
                Arguments.of(spec("    - name: dns\n      port: 53\n      protocol: udp\n"),
                        "spec.ports[1].protocol: must be TCP, UDP or SCTP, got 'udp' (line 15, column 17)"),
                Arguments.of(spec("    - name: 8443\n      port: 8443\n"),
                        "spec.ports[1].name: must be a string, got a number (quote it) (line 13, column 13)"),
                Arguments.of(spec("    - name: admin-http-port-1\n      port: 8443\n"),
                        "spec.ports[1].name: must be 1..15 lower-case letters, digits or single '-' with at least"
                                + " one letter, got 'admin-http-port-1' (line 13, column 13)"),
                Arguments.of(spec("    - port: 8443\n"), "spec.ports[1].name: is required (line 13, column 7)"),
                Arguments.of(BASE.replace("  ports:\n    - name: http\n      port: 8080\n", ""),
                        "spec.ports: pattern web-service needs at least one port (its Service exposes them)"
                                + " (line 6, column 3)"),
                // probes
                Arguments.of(spec("  probes:\n    liveness: {periodSeconds: 5}\n"),
                        "spec.probes.liveness: needs exactly one of http, tcp or exec (line 14, column 15)"),
                Arguments.of(spec("  probes:\n    liveness: {tcp: {port: 8080}, exec: {command: [true]}}\n"),
                        "spec.probes.liveness: needs exactly one of http, tcp or exec, got tcp and exec"
                                + " (line 14, column 15)"),
                Arguments.of(spec("  probes:\n    readiness: {http: {path: ready, port: http}}\n"),
                        "spec.probes.readiness.http.path: must start with '/' and hold no spaces, got 'ready'"
                                + " (line 14, column 30)"),
                Arguments.of(spec("  probes:\n    readiness: {http: {path: /ready, port: admin}}\n"),
                        "spec.probes.readiness.http.port: must be a port number or the name of a port in spec.ports"
                                + " (http), got 'admin' (line 14, column 44)"),
                Arguments.of(spec("  probes:\n    startup: {exec: {command: []}}\n"),
                        "spec.probes.startup.exec.command: must not be empty (line 14, column 31)"),
                Arguments.of(spec("  probes:\n    startup: {tcp: {port: http}, periodSeconds: 0}\n"),
                        "spec.probes.startup.periodSeconds: must be 1..3600 (line 14, column 49)"),
                Arguments.of(spec("  probes:\n    ready: {tcp: {port: http}}\n"),
                        "spec.probes.ready: unknown field (allowed: liveness, readiness, startup) (line 14, column 5)"),
                // env
                Arguments.of(spec("  env:\n    - {name: 1LEVEL, value: x}\n"),
                        "spec.env[0].name: must be letters, digits and '_', not starting with a digit, got '1LEVEL'"
                                + " (line 14, column 14)"),
                Arguments.of(spec("  env:\n    - {name: A, value: x, secretKeyRef: {name: s, key: k}}\n"),
                        "spec.env[0]: needs exactly one of value or secretKeyRef (line 14, column 7)"),
                Arguments.of(spec("  env:\n    - {name: A}\n"),
                        "spec.env[0]: needs exactly one of value or secretKeyRef (line 14, column 7)"),
                Arguments.of(spec("  env:\n    - {name: PORT, value: 8080}\n"),
                        "spec.env[0].value: must be a string, got a number (quote it) (line 14, column 27)"),
                Arguments.of(spec("  env:\n    - {name: A, value: x}\n    - {name: A, value: y}\n"),
                        "spec.env[1].name: duplicate env var A (also at spec.env[0]) (line 15, column 14)"),
                Arguments.of(spec("  env:\n    - {name: A, secretKeyRef: {name: db}}\n"),
                        "spec.env[0].secretKeyRef.key: is required (line 14, column 31)"),
                Arguments.of(spec("  env:\n    - {name: A, secretKeyRef: {name: Db_Secret, key: k}}\n"),
                        "spec.env[0].secretKeyRef.name: must be a Kubernetes object name (lower-case letters,"
                                + " digits, '-' and '.'), got 'Db_Secret' (line 14, column 38)"),
                Arguments.of(spec("  env: {A: x}\n"), "spec.env: must be a list, got a mapping (line 13, column 8)"),
                // config files, secrets, mounts
                Arguments.of(spec("  configFiles:\n    - {name: App, mountPath: /etc/app, files: {a: b}}\n"),
                        "spec.configFiles[0].name: must be 1..56 lower-case letters, digits or '-', starting and"
                                + " ending with a letter or digit, got 'App' (line 14, column 14)"),
                Arguments.of(spec("  configFiles:\n    - {name: app, mountPath: etc/app, files: {a: b}}\n"),
                        "spec.configFiles[0].mountPath: must be an absolute path without ':' or '..', got 'etc/app'"
                                + " (line 14, column 30)"),
                Arguments.of(spec("  configFiles:\n    - {name: app, mountPath: /etc/app, files: {}}\n"),
                        "spec.configFiles[0].files: must hold at least one file (line 14, column 47)"),
                Arguments.of(spec("  configFiles:\n    - {name: app, mountPath: /etc/app}\n"),
                        "spec.configFiles[0].files: is required (line 14, column 7)"),
                Arguments.of(spec("  configFiles:\n    - {name: app, mountPath: /etc/app, files: {a/b: x}}\n"),
                        "spec.configFiles[0].files.a/b: must be a file name of letters, digits, '-', '_' and '.',"
                                + " got 'a/b' (line 14, column 47)"),
                Arguments.of(spec("  configFiles:\n    - {name: app, mountPath: /etc/app, files: {a: 1}}\n"),
                        "spec.configFiles[0].files.a: must be a string, got a number (line 14, column 51)"),
                Arguments.of(spec("  configFiles:\n    - {name: app, mountPath: /etc/app, files: {a: b}}\n"
                        + "  secrets:\n    - {name: tls, mountPath: /etc/app}\n"),
                        "spec.secrets[0].mountPath: '/etc/app' is already mounted by spec.configFiles[0].mountPath"
                                + " (line 16, column 30)"),
                Arguments.of(spec("  secrets:\n    - {name: tls}\n"),
                        "spec.secrets[0].mountPath: is required (line 14, column 7)"),
                // ingress
                Arguments.of(spec("  ingress: {host: App.Example.com}\n"),
                        "spec.ingress.host: must be a lower-case DNS name such as app.example.com, got"
                                + " 'App.Example.com' (line 13, column 19)"),
                Arguments.of(spec("  ingress: {host: app.example.com, path: api}\n"),
                        "spec.ingress.path: must start with '/' and hold no spaces, got 'api' (line 13, column 42)"),
                Arguments.of(spec("  ingress: {host: app.example.com, port: 9090}\n"),
                        "spec.ingress.port: must be one of the ports in spec.ports, got 9090 (line 13, column 42)"),
                Arguments.of(spec("  ingress: {host: app.example.com, port: admin}\n"),
                        "spec.ingress.port: must be a port number or the name of a port in spec.ports (http), got"
                                + " 'admin' (line 13, column 42)"),
                Arguments.of(BASE.replace("web-service", "worker") + "  ingress: {host: app.example.com}\n",
                        "spec.ingress: is not allowed for pattern worker (only for web-service) (line 13, column 3)"),
                // schedule, volumes
                Arguments.of(spec("  schedule: \"@daily\"\n"),
                        "spec.schedule: is not allowed for pattern web-service (only for cron-job) (line 13, column 3)"),
                Arguments.of(BASE.replace("web-service", "cron-job").replace("""
                          ports:
                            - name: http
                              port: 8080
                        """, ""), "spec.schedule: is required for pattern cron-job (line 6, column 3)"),
                Arguments.of(BASE.replace("web-service", "cron-job").replace("""
                          ports:
                            - name: http
                              port: 8080
                        """, "  schedule: \"every day\"\n"),
                        "spec.schedule: must be a cron schedule of 5 fields (minute hour day-of-month month"
                                + " day-of-week) or a macro such as @daily, got 'every day' (line 10, column 13)"),
                Arguments.of(spec("  volumes:\n    - {name: data, mountPath: /data, size: 1Gi}\n"),
                        "spec.volumes: is not allowed for pattern web-service (only for stateful-service)"
                                + " (line 13, column 3)"),
                Arguments.of(BASE.replace("web-service", "stateful-service")
                                + "  volumes:\n    - {name: data, mountPath: /data, size: lots}\n",
                        "spec.volumes[0].size: must be a Kubernetes quantity such as 250m, 1, 512Mi or 2Gi, got"
                                + " 'lots' (line 14, column 44)"),
                // environments
                Arguments.of(spec("  environments:\n    staging: {replicas: 2}\n"),
                        "spec.environments.staging: unknown field (allowed: dev, ha, preprod, prod)"
                                + " (line 14, column 5)"),
                Arguments.of(spec("  environments:\n    prod: {ports: []}\n"),
                        "spec.environments.prod.ports: unknown field (allowed: autoscaling, configFiles, env,"
                                + " replicas, resources) (line 14, column 12)"),
                Arguments.of(spec("  environments:\n    prod:\n      configFiles:\n        - {name: extra, files: {a: b}}\n"),
                        "spec.environments.prod.configFiles[0].mountPath: is required (line 16, column 11)"),
                Arguments.of(BASE.replace("web-service", "stateful-service") + "  environments:\n"
                                + "    prod: {autoscaling: {minReplicas: 1, maxReplicas: 2,"
                                + " targetCPUUtilizationPercentage: 50}}\n",
                        "spec.environments.prod.autoscaling: is not allowed for pattern stateful-service (only for"
                                + " web-service, worker) (line 14, column 12)"),
                Arguments.of(spec("  resources: {limits: {memory: 1Gi}}\n  environments:\n"
                                + "    dev: {resources: {requests: {memory: 2Gi}}}\n"),
                        "spec.environments.dev.resources.requests.memory: must not exceed limits.memory (2Gi > 1Gi)"
                                + " (line 15, column 22)"),
                // further rules: each distinct check has a case
                Arguments.of(BASE.replace("apiVersion: fathomable.io/v1\n", ""),
                        "apiVersion: is required (line 1, column 1)"),
                Arguments.of(spec("  1: x\n"), "spec: field names must be plain text, got a number (line 13, column 3)"),
                Arguments.of(spec("  command: [run, 1]\n"),
                        "spec.command[1]: must be a string, got a number (quote it) (line 13, column 18)"),
                Arguments.of(spec("  probes:\n    startup: {exec: {}}\n"),
                        "spec.probes.startup.exec.command: is required (line 14, column 21)"),
                Arguments.of(spec("  probes:\n    startup: {tcp: {port: 0}}\n"),
                        "spec.probes.startup.tcp.port: must be 1..65535 (line 14, column 27)"),
                Arguments.of(spec("  env:\n    - {name: A, secretKeyRef: {name: db, key: a/b}}\n"),
                        "spec.env[0].secretKeyRef.key: must be a file name of letters, digits, '-', '_' and '.',"
                                + " got 'a/b' (line 14, column 47)"),
                Arguments.of(spec("  configFiles:\n    - {name: app, mountPath: /a, files: {a: b}}\n"
                                + "    - {name: app, mountPath: /b, files: {a: b}}\n"),
                        "spec.configFiles[1].name: duplicate config name 'app' (line 15, column 14)"),
                Arguments.of(spec("  configFiles:\n    - {name: app, mountPath: /a, files: {a: b, a: c}}\n"),
                        "spec.configFiles[0].files.a: duplicate field (line 14, column 48)"),
                Arguments.of(spec("  secrets:\n    - {name: tls.cert, mountPath: /tls}\n"),
                        "spec.secrets[0].name: must be 1..56 lower-case letters, digits or '-', starting and ending"
                                + " with a letter or digit, got 'tls.cert' (line 14, column 14)"),
                Arguments.of(spec("  ingress: {host: a.example.com, tlsSecretName: A_TLS}\n"),
                        "spec.ingress.tlsSecretName: must be a Kubernetes object name (lower-case letters, digits,"
                                + " '-' and '.'), got 'A_TLS' (line 13, column 49)"),
                Arguments.of(spec("  ingress: {path: /}\n"), "spec.ingress.host: is required (line 13, column 12)"),
                Arguments.of(BASE.replace("web-service", "stateful-service")
                                + "  volumes:\n    - {name: data, mountPath: /data, size: 1Gi}\n"
                                + "    - {name: data, mountPath: /logs, size: 1Gi}\n",
                        "spec.volumes[1].name: duplicate volume name 'data' (line 15, column 14)"),
                Arguments.of(BASE.replace("web-service", "stateful-service")
                                + "  volumes:\n    - {name: data, mountPath: /data}\n",
                        "spec.volumes[0].size: is required (line 14, column 7)"),
                Arguments.of(BASE.replace("web-service", "stateful-service")
                                + "  volumes:\n    - {name: data, mountPath: /data, size: 1Gi, storageClassName: Fast}\n",
                        "spec.volumes[0].storageClassName: must be a Kubernetes object name (lower-case letters,"
                                + " digits, '-' and '.'), got 'Fast' (line 14, column 67)"),
                Arguments.of(BASE.replace("web-service", "stateful-service")
                                + "  autoscaling: {minReplicas: 1, maxReplicas: 2, targetCPUUtilizationPercentage: 50}\n",
                        "spec.autoscaling: is not allowed for pattern stateful-service (only for web-service,"
                                + " worker) (line 13, column 3)"),
                Arguments.of(BASE.replace("web-service", "cron-job").replace("  ports:", "  schedule: \"@daily\"\n  ports:"),
                        "spec.ports: is not allowed for pattern cron-job (only for web-service, worker,"
                                + " stateful-service) (line 11, column 3)"),
                Arguments.of(BASE.replace("web-service", "cron-job")
                                .replace("  ports:\n    - name: http\n      port: 8080\n",
                                        "  schedule: \"@daily\"\n  environments:\n    dev: {replicas: 2}\n"),
                        "spec.environments.dev.replicas: is not allowed for pattern cron-job (only for web-service,"
                                + " worker, stateful-service) (line 12, column 11)"),
                Arguments.of(spec("  environments:\n    ha: {replicas: 2, autoscaling: {minReplicas: 1, maxReplicas: 2,"
                                + " targetCPUUtilizationPercentage: 50}}\n"),
                        "spec.environments.ha.autoscaling: set either replicas or autoscaling, not both"
                                + " (line 14, column 23)"),
                Arguments.of(spec("  environments:\n    prod: {env: [{name: A}]}\n"),
                        "spec.environments.prod.env[0]: needs exactly one of value or secretKeyRef"
                                + " (line 14, column 18)"));
    }

    @ParameterizedTest
    @MethodSource("rules")
    void reportsTheRuleWithPathAndPosition(String yaml, String expected) {
        ParseResult result = SpecParser.parse(yaml);
        assertThat(result.isValid()).as("expected an error for:%n%s", yaml).isFalse();
        assertThat(result.errors()).extracting(FieldError::toString).containsExactly(expected);
    }

    @Test
    void theBaseDocumentIsValid() {
        ParseResult result = SpecParser.parse(BASE);
        assertThat(result.errors()).isEmpty();
        assertThat(result.spec().ports()).containsExactly(new PortSpec("http", 8080, "TCP"));
    }

    @Test
    void reportsEveryErrorAtOnceInDocumentOrder() {
        String yaml = BASE.replace("kind: Application", "kind: App").replace("port: 8080", "port: 0")
                + "  replicas: many\n  colour: blue\n";
        assertThat(SpecParser.parse(yaml).errors()).extracting(FieldError::toString).containsExactly(
                "kind: must be Application, got 'App' (line 2, column 7)",
                "spec.ports[0].port: must be 1..65535 (line 12, column 13)",
                "spec.replicas: must be an integer, got a string (line 13, column 13)",
                "spec.colour: unknown field (allowed: args, autoscaling, command, configFiles, env, environments,"
                        + " image, ingress, pattern, ports, probes, replicas, resources, schedule, secrets, volumes)"
                        + " (line 14, column 3)");
    }
}
