package io.jenkins.plugins.fathomable.core.poll;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Policies parsed in one cycle share their parts, so trackers keeping them cost little heap each. */
class CycleLookupsTest {

    private final YamlImagePolicyReader reader = new YamlImagePolicyReader();

    private ImagePolicy parse(String name, String policy) {
        return reader.read("apiVersion: fathomable.io/v1\nkind: Application\nmetadata:\n  name: " + name + "\nspec:\n"
                + "  pattern: web-service\n  image:\n    repository: registry.example.com/team/api\n    " + policy + "\n");
    }

    @Test
    void policiesFromDifferentFilesShareRepositoryTagAndConstraint() {
        CycleLookups lookups = new CycleLookups(null);

        ImagePolicy a = lookups.policy(parse("a", "tag: \"1.0.0\""));
        ImagePolicy b = lookups.policy(parse("b", "tag: \"1.0.0\""));
        ImagePolicy c = lookups.policy(parse("c", "semver: \"^1.0\""));
        ImagePolicy d = lookups.policy(parse("d", "semver: \"^1.0\""));

        assertThat(b).isEqualTo(a);
        assertThat(b.repository()).isSameAs(a.repository());
        assertThat(b.tag()).isSameAs(a.tag());
        assertThat(c.repository()).isSameAs(a.repository());
        assertThat(d.semver()).isSameAs(c.semver());
        assertThat(d.semver().toString()).isEqualTo("^1.0");
    }

    @Test
    void differentPartsStayApart() {
        CycleLookups lookups = new CycleLookups(null);

        ImagePolicy a = lookups.policy(parse("a", "tag: \"1.0.0\""));
        ImagePolicy b = lookups.policy(parse("b", "tag: \"2.0.0\""));
        ImagePolicy c = lookups.policy(parse("c", "semver: \"~1.1\""));
        ImagePolicy d = lookups.policy(parse("d", "semver: \">=1.0 <3\""));

        assertThat(b.tag()).isEqualTo("2.0.0");
        assertThat(a.tag()).isEqualTo("1.0.0");
        assertThat(d.semver()).isNotSameAs(c.semver());
        assertThat(d.semver().toString()).isEqualTo(">=1.0 <3");
    }
}
