package io.jenkins.plugins.fathomable.e2e.harness;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Text the suite takes from the repository's documentation, so that what the docs show is what gets tested. */
public final class Docs {

    private Docs() {
    }

    /** The first {@code ```yaml} block after the line containing {@code marker} in {@code file} (relative to the root). */
    public static String yamlBlockAfter(String file, String marker) throws IOException {
        Path path = SuiteSettings.sources().resolve(file);
        String text = Files.readString(path);
        int at = text.indexOf(marker);
        if (at < 0) {
            throw new AssertionError(path + " has no '" + marker + "'");
        }
        Matcher m = Pattern.compile("```yaml\\n(.*?)```", Pattern.DOTALL).matcher(text);
        if (!m.find(at)) {
            throw new AssertionError(path + " has no yaml block after '" + marker + "'");
        }
        return m.group(1);
    }

    /** The complete {@code jenkins.yaml} of the administrator's guide (credentials, trackers, environments, registries). */
    public static String adminGuideJenkinsYaml() throws IOException {
        return yamlBlockAfter("docs/admin-guide.md", "### Configuration as Code");
    }

    /** The README's Configuration as Code example. */
    public static String readmeJenkinsYaml() throws IOException {
        return yamlBlockAfter("README.md", "The same settings in Configuration as Code");
    }
}
