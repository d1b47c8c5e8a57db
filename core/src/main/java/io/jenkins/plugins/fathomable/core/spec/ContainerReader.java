package io.jenkins.plugins.fathomable.core.spec;

import io.fabric8.kubernetes.api.model.Quantity;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/** Reads what describes the container: scaling, resources, ports, probes, env vars and ingress. */
final class ContainerReader {

    static final Set<String> AUTOSCALING = Set.of("minReplicas", "maxReplicas", "targetCPUUtilizationPercentage");
    static final Set<String> RESOURCES = Set.of("requests", "limits");
    private static final Set<String> QUANTITIES = Set.of("cpu", "memory", "ephemeral-storage");
    private static final Set<String> PROBE = Set.of("http", "tcp", "exec", "initialDelaySeconds", "periodSeconds",
            "timeoutSeconds", "failureThreshold");

    private final Problems problems;

    ContainerReader(Problems problems) {
        this.problems = problems;
    }

    Autoscaling autoscaling(YamlMap a) {
        if (a == null) {
            return null;
        }
        Integer min = a.integer("minReplicas", true, 1, 1000);
        Integer max = a.integer("maxReplicas", true, 1, 1000);
        Integer cpu = a.integer("targetCPUUtilizationPercentage", true, 1, 100);
        if (min != null && max != null && max < min) {
            problems.add(a.child("maxReplicas"), "must be at least minReplicas (" + min + ")", a.value("maxReplicas"));
            return null;
        }
        return min == null || max == null || cpu == null ? null : new Autoscaling(min, max, cpu);
    }

    Resources resources(YamlMap r) {
        if (r == null) {
            return Resources.NONE;
        }
        return new Resources(quantities(r.map("requests", false, QUANTITIES)),
                quantities(r.map("limits", false, QUANTITIES)));
    }

    private Map<String, String> quantities(YamlMap q) {
        Map<String, String> out = new TreeMap<>();
        if (q == null) {
            return out;
        }
        for (String name : QUANTITIES) {
            String v = q.scalarText(name, false);
            if (v != null) {
                String problem = Names.quantity(v);
                if (problem != null) {
                    problems.add(q.child(name), problem, q.value(name));
                } else {
                    out.put(name, v);
                }
            }
        }
        return out;
    }

    /** Kubernetes refuses a request above its limit; report it at the {@code resources} block that caused it. */
    void checkRequestsWithinLimits(Resources res, YamlMap at) {
        for (Map.Entry<String, String> limit : res.limits().entrySet()) {
            String request = res.requests().get(limit.getKey());
            if (request != null && Quantity.getAmountInBytes(new Quantity(request))
                    .compareTo(Quantity.getAmountInBytes(new Quantity(limit.getValue()))) > 0) {
                problems.add(at.child("requests." + limit.getKey()), "must not exceed limits." + limit.getKey()
                        + " (" + request + " > " + limit.getValue() + ")", at.node());
            }
        }
    }

    List<PortSpec> ports(YamlMap spec) {
        List<PortSpec> out = new ArrayList<>();
        List<Node> items = spec.list("ports", false);
        Set<String> names = new HashSet<>();
        Set<Integer> numbers = new HashSet<>();
        for (int i = 0; i < items.size(); i++) {
            YamlMap p = YamlMap.open(spec.child("ports") + "[" + i + "]", items.get(i), problems,
                    Set.of("name", "port", "protocol"));
            if (p == null) {
                continue;
            }
            String name = p.string("name", true);
            if (name != null && report(p, "name", Names.portName(name))) {
                name = null;
            } else if (name != null && !names.add(name)) {
                problems.add(p.child("name"), "duplicate port name '" + name + "'", p.value("name"));
                name = null;
            }
            Integer port = p.integer("port", true, 1, 65535);
            if (port != null && !numbers.add(port)) {
                problems.add(p.child("port"), "duplicate port " + port, p.value("port"));
                port = null;
            }
            String protocol = p.string("protocol", false);
            if (protocol != null && !Set.of("TCP", "UDP", "SCTP").contains(protocol)) {
                problems.add(p.child("protocol"), "must be TCP, UDP or SCTP, got '" + protocol + "'",
                        p.value("protocol"));
            }
            if (name != null && port != null) {
                out.add(new PortSpec(name, port, protocol == null ? "TCP" : protocol));
            }
        }
        return out;
    }

    Probes probes(YamlMap spec, List<PortSpec> ports) {
        YamlMap probes = spec.map("probes", false, Set.of("liveness", "readiness", "startup"));
        if (probes == null) {
            return Probes.NONE;
        }
        return new Probes(probe(probes.map("liveness", false, PROBE), ports),
                probe(probes.map("readiness", false, PROBE), ports),
                probe(probes.map("startup", false, PROBE), ports));
    }

    private Probe probe(YamlMap p, List<PortSpec> ports) {
        if (p == null) {
            return null;
        }
        List<String> kinds = List.of("http", "tcp", "exec").stream().filter(p::has).toList();
        if (kinds.size() != 1) {
            problems.add(p.path(), "needs exactly one of http, tcp or exec" + (kinds.isEmpty() ? ""
                    : ", got " + String.join(" and ", kinds)), p.node());
            return null;
        }
        Integer delay = p.integer("initialDelaySeconds", false, 0, 3600);
        Integer period = p.integer("periodSeconds", false, 1, 3600);
        Integer timeout = p.integer("timeoutSeconds", false, 1, 3600);
        Integer failures = p.integer("failureThreshold", false, 1, 100);
        int before = problems.count();
        Probe out = switch (kinds.get(0)) {
            case "http" -> {
                YamlMap h = p.map("http", false, Set.of("path", "port"));
                String path = h == null ? null : h.string("path", true);
                if (path != null && report(h, "path", Names.urlPath(path))) {
                    path = null;
                }
                String port = h == null ? null : portRef(h, ports);
                yield new Probe(Probe.Kind.HTTP, path, port, List.of(), delay, period, timeout, failures);
            }
            case "tcp" -> {
                YamlMap t = p.map("tcp", false, Set.of("port"));
                String port = t == null ? null : portRef(t, ports);
                yield new Probe(Probe.Kind.TCP, null, port, List.of(), delay, period, timeout, failures);
            }
            default -> {
                YamlMap e = p.map("exec", false, Set.of("command"));
                List<String> command = List.of();
                if (e != null && !e.has("command")) {
                    e.requireField("command");
                } else if (e != null && e.value("command") instanceof SequenceNode seq && seq.getValue().isEmpty()) {
                    problems.add(e.child("command"), "must not be empty", seq);
                } else if (e != null) {
                    command = e.strings("command");
                }
                yield new Probe(Probe.Kind.EXEC, null, null, command, delay, period, timeout, failures);
            }
        };
        return problems.count() == before ? out : null;
    }

    /** A {@code port} field naming a declared port, or giving a number. */
    private String portRef(YamlMap m, List<PortSpec> ports) {
        String ref = m.scalarText("port", true);
        if (ref == null) {
            return null;
        }
        Node v = m.value("port");
        if (Tag.INT.equals(v.getTag())) {
            return m.integer("port", true, 1, 65535) == null ? null : ref;
        }
        if (ports.stream().noneMatch(p -> p.name().equals(ref))) {
            problems.add(m.child("port"), "must be a port number or the name of a port in spec.ports ("
                    + String.join(", ", ports.stream().map(PortSpec::name).toList()) + "), got '" + ref + "'", v);
            return null;
        }
        return ref;
    }

    List<EnvVar> env(String path, List<Node> items) {
        List<EnvVar> out = new ArrayList<>();
        Map<String, Integer> seen = new HashMap<>();
        for (int i = 0; i < items.size(); i++) {
            YamlMap e = YamlMap.open(path + "[" + i + "]", items.get(i), problems,
                    Set.of("name", "value", "secretKeyRef"));
            if (e == null) {
                continue;
            }
            String name = e.string("name", true);
            if (name != null && report(e, "name", Names.envName(name))) {
                name = null;
            } else if (name != null && seen.putIfAbsent(name, i) != null) {
                problems.add(e.child("name"), "duplicate env var " + name + " (also at " + path + "["
                        + seen.get(name) + "])", e.value("name"));
                name = null;
            }
            if (e.has("value") == e.has("secretKeyRef")) {
                problems.add(e.path(), "needs exactly one of value or secretKeyRef", e.node());
                continue;
            }
            String value = e.string("value", false);
            EnvVar.SecretKeyRef ref = null;
            YamlMap r = e.map("secretKeyRef", false, Set.of("name", "key"));
            if (r != null) {
                String secret = r.string("name", true);
                String key = r.string("key", true);
                boolean ok = secret != null && !report(r, "name", Names.secretName(secret));
                ok &= key != null && !report(r, "key", Names.fileKey(key));
                ref = ok ? new EnvVar.SecretKeyRef(secret, key) : null;
            }
            if (name != null && (value != null || ref != null)) {
                out.add(new EnvVar(name, value, ref));
            }
        }
        return out;
    }

    IngressSpec ingress(YamlMap spec, List<PortSpec> ports) {
        YamlMap i = spec.map("ingress", false, Set.of("host", "path", "port", "tlsSecretName", "className"));
        if (i == null) {
            return null;
        }
        int before = problems.count();
        String host = i.string("host", true);
        if (host != null) {
            report(i, "host", Names.host(host));
        }
        String path = i.string("path", false);
        if (path != null) {
            report(i, "path", Names.urlPath(path));
        }
        String port = i.has("port") ? portRef(i, ports) : ports.isEmpty() ? null : ports.get(0).name();
        // a probe may check any port, but the Ingress routes to the Service, which has only the declared ones
        Node portNode = i.value("port");
        boolean numeric = port != null && portNode != null && Tag.INT.equals(portNode.getTag());
        if (numeric && ports.stream().noneMatch(p -> String.valueOf(p.port()).equals(port))) {
            problems.add(i.child("port"), "must be one of the ports in spec.ports, got " + port, portNode);
        }
        String tls = i.string("tlsSecretName", false);
        if (tls != null) {
            report(i, "tlsSecretName", Names.secretName(tls));
        }
        String className = i.string("className", false);
        if (className != null) {
            report(i, "className", Names.secretName(className));
        }
        return problems.count() == before ? new IngressSpec(host, path == null ? "/" : path, port, tls, className)
                : null;
    }

    /** Reports {@code problem} (when not null) at the field; true when reported. */
    private boolean report(YamlMap m, String field, String problem) {
        if (problem != null) {
            problems.add(m.child(field), problem, m.value(field));
            return true;
        }
        return false;
    }
}
