package io.jenkins.plugins.fathomable.core.source.registry;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A registry's {@code WWW-Authenticate} challenge: {@code Bearer realm="...",service="...",scope="..."} (token
 * auth) or {@code Basic realm="..."}.
 */
public record BearerChallenge(String scheme, String realm, String service, String scope) {

    private static final Pattern PARAM = Pattern.compile("([A-Za-z_]+)\\s*=\\s*(?:\"((?:[^\"\\\\]|\\\\.)*)\"|([^\\s,]*))");

    public boolean isBearer() {
        return scheme.equals("bearer");
    }

    public boolean isBasic() {
        return scheme.equals("basic");
    }

    /** Parses one challenge; empty when the header is missing or names no scheme. */
    public static Optional<BearerChallenge> parse(String header) {
        if (header == null || header.isBlank()) {
            return Optional.empty();
        }
        String trimmed = header.trim();
        int space = trimmed.indexOf(' ');
        String scheme = (space < 0 ? trimmed : trimmed.substring(0, space)).toLowerCase(Locale.ROOT);
        Map<String, String> params = new LinkedHashMap<>();
        if (space > 0) {
            Matcher m = PARAM.matcher(trimmed.substring(space + 1));
            while (m.find()) {
                String value = m.group(2) != null ? m.group(2).replaceAll("\\\\(.)", "$1") : m.group(3);
                params.putIfAbsent(m.group(1).toLowerCase(Locale.ROOT), value);
            }
        }
        return Optional.of(new BearerChallenge(scheme, params.get("realm"), params.get("service"), params.get("scope")));
    }
}
