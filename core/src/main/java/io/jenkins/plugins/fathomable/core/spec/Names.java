package io.jenkins.plugins.fathomable.core.spec;

import java.util.regex.Pattern;

/** The shapes Kubernetes and registries accept, with the message to show when a value has another shape. */
final class Names {

    /**
     * Application names become object names; 52 is the longest CronJob name Kubernetes accepts, and also
     * leaves room for the StatefulSet revision label and the {@code -<environment>} instance label.
     */
    static final int APP_NAME_MAX = 52;
    /** Config and secret names end up inside volume names ({@code config-NAME}), which are DNS labels. */
    static final int VOLUME_NAME_MAX = 56;

    private static final Pattern DNS_LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?");
    private static final Pattern DNS_SUBDOMAIN =
            Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");
    private static final Pattern HOST =
            Pattern.compile("(\\*\\.)?[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");
    private static final Pattern PORT_NAME = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?");
    private static final Pattern ENV_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final Pattern FILE_KEY = Pattern.compile("[-._a-zA-Z0-9]+");
    private static final Pattern REPO_PATH = Pattern.compile("[a-z0-9]+((\\.|_|__|-+)[a-z0-9]+)*");
    private static final Pattern REGISTRY = Pattern.compile("[a-zA-Z0-9]([-a-zA-Z0-9.]*[a-zA-Z0-9])?(:[0-9]+)?");
    private static final Pattern TAG = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}");
    private static final Pattern SEMVER = Pattern.compile("[0-9A-Za-z.*^~<>=!|, +-]*[0-9*xX][0-9A-Za-z.*^~<>=!|, +-]*");
    private static final Pattern QUANTITY = Pattern.compile("[0-9]+(\\.[0-9]+)?(m|k|M|G|T|P|E|Ki|Mi|Gi|Ti|Pi|Ei)?");
    private static final Pattern CRON_FIELD = Pattern.compile("[0-9A-Za-z*?/,-]+");
    private static final Pattern CRON_MACRO = Pattern.compile("@(yearly|annually|monthly|weekly|daily|midnight|hourly)");

    private Names() {}

    /** {@code null} when {@code v} is a DNS label of at most {@code max} characters, else the problem. */
    static String dnsLabel(String v, int max) {
        if (v.isEmpty() || v.length() > max || !DNS_LABEL.matcher(v).matches()) {
            return "must be 1.." + max + " lower-case letters, digits or '-', starting and ending with a letter"
                    + " or digit, got '" + v + "'";
        }
        return null;
    }

    static String secretName(String v) {
        if (v.isEmpty() || v.length() > 253 || !DNS_SUBDOMAIN.matcher(v).matches()) {
            return "must be a Kubernetes object name (lower-case letters, digits, '-' and '.'), got '" + v + "'";
        }
        return null;
    }

    static String host(String v) {
        if (v.isEmpty() || v.length() > 253 || !HOST.matcher(v).matches()) {
            return "must be a lower-case DNS name such as app.example.com, got '" + v + "'";
        }
        return null;
    }

    static String portName(String v) {
        if (v.isEmpty() || v.length() > 15 || !PORT_NAME.matcher(v).matches() || v.contains("--")
                || v.chars().noneMatch(Character::isLetter)) {
            return "must be 1..15 lower-case letters, digits or single '-' with at least one letter, got '" + v + "'";
        }
        return null;
    }

    static String envName(String v) {
        return ENV_NAME.matcher(v).matches() ? null
                : "must be letters, digits and '_', not starting with a digit, got '" + v + "'";
    }

    static String fileKey(String v) {
        if (v.length() > 253 || !FILE_KEY.matcher(v).matches() || v.equals(".") || v.equals("..")) {
            return "must be a file name of letters, digits, '-', '_' and '.', got '" + v + "'";
        }
        return null;
    }

    static String absolutePath(String v) {
        if (!v.startsWith("/") || v.contains(":") || ("/" + v + "/").contains("/../")) {
            return "must be an absolute path without ':' or '..', got '" + v + "'";
        }
        return null;
    }

    static String urlPath(String v) {
        return v.startsWith("/") && v.chars().noneMatch(Character::isWhitespace) ? null
                : "must start with '/' and hold no spaces, got '" + v + "'";
    }

    /** A Docker-style repository: optional registry host, then lower-case path parts; no tag, no digest. */
    static String repository(String v) {
        if (v.contains("@")) {
            return "must not hold a digest; Fathomable pins digests itself, got '" + v + "'";
        }
        int slash = v.indexOf('/');
        String first = slash < 0 ? v : v.substring(0, slash);
        boolean hasRegistry = slash > 0 && (first.contains(".") || first.contains(":") || first.equals("localhost"));
        String rest = hasRegistry ? v.substring(slash + 1) : v;
        if (rest.contains(":")) {
            return "must not hold a tag; put it in spec.image.tag, got '" + v + "'";
        }
        boolean ok = !rest.isEmpty() && (!hasRegistry || REGISTRY.matcher(first).matches());
        for (String part : rest.split("/", -1)) {
            ok &= REPO_PATH.matcher(part).matches();
        }
        return ok && v.length() <= 255 ? null
                : "must be an image repository such as ghcr.io/acme/app (lower-case path), got '" + v + "'";
    }

    static String tag(String v) {
        return TAG.matcher(v).matches() ? null
                : "must be 1..128 letters, digits, '_', '.' or '-', not starting with '.' or '-', got '" + v + "'";
    }

    static String semver(String v) {
        return SEMVER.matcher(v).matches() && !v.isBlank() ? null
                : "must be a SemVer constraint such as ^1.4, ~2.1.0 or >=1.2 <2, got '" + v + "'";
    }

    static String quantity(String v) {
        return QUANTITY.matcher(v).matches() ? null
                : "must be a Kubernetes quantity such as 250m, 1, 512Mi or 2Gi, got '" + v + "'";
    }

    static String cron(String v) {
        String[] fields = v.trim().split("\\s+");
        if (CRON_MACRO.matcher(v.trim()).matches()) {
            return null;
        }
        if (fields.length == 5) {
            boolean ok = true;
            for (String f : fields) {
                ok &= CRON_FIELD.matcher(f).matches();
            }
            if (ok) {
                return null;
            }
        }
        return "must be a cron schedule of 5 fields (minute hour day-of-month month day-of-week) or a macro such"
                + " as @daily, got '" + v + "'";
    }
}
