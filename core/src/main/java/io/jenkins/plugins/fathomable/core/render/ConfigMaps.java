package io.jenkins.plugins.fathomable.core.render;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.jenkins.plugins.fathomable.core.spec.AppSpec;
import io.jenkins.plugins.fathomable.core.spec.ConfigFile;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * One immutable ConfigMap per config, named {@code <app>-<config>-<hash>}: the hash covers the file names and
 * contents, so changed config gets a new name, the pod template changes with it, and the pods roll.
 */
final class ConfigMaps {

    static final String CONFIG_LABEL = "fathomable.io/config";
    private static final int HASH_CHARS = 10;

    private ConfigMaps() {}

    static String name(AppSpec spec, ConfigFile config) {
        return spec.name() + "-" + config.name() + "-" + hash(config.files());
    }

    static List<ConfigMap> render(AppSpec spec, ObjectMetadata meta) {
        return spec.configFiles().stream().map(c -> {
            ConfigMap cm = new ConfigMapBuilder().withMetadata(meta.of(name(spec, c))).withImmutable(true)
                    .withData(c.files()).build();
            cm.getMetadata().getLabels().put(CONFIG_LABEL, c.name());
            return cm;
        }).toList();
    }

    /** First hex digits of SHA-256 over each file's name and content, in name order, NUL-separated. */
    static String hash(Map<String, String> files) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            files.forEach((name, content) -> {
                sha.update(name.getBytes(StandardCharsets.UTF_8));
                sha.update((byte) 0);
                sha.update(content.getBytes(StandardCharsets.UTF_8));
                sha.update((byte) 0);
            });
            return HexFormat.of().formatHex(sha.digest()).substring(0, HASH_CHARS);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
