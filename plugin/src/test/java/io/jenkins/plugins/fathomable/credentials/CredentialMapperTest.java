package io.jenkins.plugins.fathomable.credentials;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.fathomable.core.credentials.Credential;
import io.jenkins.plugins.fathomable.testing.Fakes;
import org.junit.jupiter.api.Test;

class CredentialMapperTest {

    private final CredentialMapper mapper = CredentialMapper.jenkins();

    @Test
    void secretTextBecomesAToken() {
        Credential c = mapper.toCore(Fakes.token("gh", "ghp_abc")).orElseThrow();

        assertThat(c).isInstanceOfSatisfying(Credential.Token.class, t -> {
            assertThat(t.token().reveal()).isEqualTo("ghp_abc");
            assertThat(t.toString()).doesNotContain("ghp_abc");
        });
    }

    @Test
    void usernamePasswordKeepsBoth() {
        Credential c = mapper.toCore(Fakes.userPassword("reg", "robot", "s3cret")).orElseThrow();

        assertThat(c).isInstanceOfSatisfying(Credential.UsernamePassword.class, up -> {
            assertThat(up.username()).isEqualTo("robot");
            assertThat(up.password().reveal()).isEqualTo("s3cret");
        });
    }

    @Test
    void otherKindsAreNotUsable() {
        assertThat(mapper.toCore(Fakes.other("ssh"))).isEmpty();
        assertThat(mapper.toCore(null)).isEmpty();
    }
}
