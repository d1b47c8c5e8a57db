package io.jenkins.plugins.fathomable.rest;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.fathomable.credentials.JenkinsCredentials;
import java.net.URL;
import jenkins.model.Jenkins;
import org.htmlunit.HttpMethod;
import org.htmlunit.Page;
import org.htmlunit.WebRequest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.MockAuthorizationStrategy;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/**
 * The REST routes at JENKINS_URL/trackers/ in a real Jenkins: permissions (Administer writes, SystemRead reads,
 * Overall/Read alone is refused), API-token requests need no crumb. Only built with {@code -Pjenkins}.
 */
@WithJenkins
class TrackersActionJenkinsTest {

    private static final String BODY = "{\"id\":\"team.app\",\"repo\":\"acme/app\",\"sourcePath\":\"fathomable.yaml\"}";

    private JenkinsRule j;

    @BeforeEach
    void security(JenkinsRule j) {
        this.j = j;
        j.jenkins.setSecurityRealm(j.createDummySecurityRealm());
        j.jenkins.setAuthorizationStrategy(new MockAuthorizationStrategy()
                .grant(Jenkins.ADMINISTER).everywhere().to("admin")
                .grant(Jenkins.READ, Jenkins.SYSTEM_READ).everywhere().to("reader")
                .grant(Jenkins.READ).everywhere().to("user"));
    }

    private Page call(String user, HttpMethod method, String path, String body) throws Exception {
        JenkinsRule.WebClient wc = j.createWebClient().withBasicApiToken(user).withThrowExceptionOnFailingStatusCode(false);
        WebRequest request = new WebRequest(new URL(j.getURL(), path), method);
        if (body != null) {
            request.setAdditionalHeader("Content-Type", "application/json");
            request.setRequestBody(body);
        }
        return wc.getPage(request);
    }

    @Test
    void anAdminCreatesWithAnApiTokenAndNoCrumb() throws Exception {
        Page created = call("admin", HttpMethod.POST, "trackers/", BODY);

        assertThat(created.getWebResponse().getStatusCode()).isEqualTo(201);
        assertThat(created.getWebResponse().getResponseHeaderValue("Location")).isEqualTo("/trackers/team.app");
        assertThat(call("admin", HttpMethod.GET, "trackers/team.app", null).getWebResponse().getContentAsString())
                .contains("\"team.app\"");
        assertThat(call("admin", HttpMethod.DELETE, "trackers/team.app", null).getWebResponse().getStatusCode())
                .isEqualTo(200);
    }

    @Test
    void systemReadMayReadButNotWrite() throws Exception {
        call("admin", HttpMethod.POST, "trackers/", BODY);

        assertThat(call("reader", HttpMethod.GET, "trackers/", null).getWebResponse().getStatusCode()).isEqualTo(200);
        assertThat(call("reader", HttpMethod.PUT, "trackers/team.app", BODY).getWebResponse().getStatusCode())
                .isEqualTo(403);
        assertThat(call("reader", HttpMethod.DELETE, "trackers/team.app", null).getWebResponse().getStatusCode())
                .isEqualTo(403);
    }

    @Test
    void overallReadAloneIsRefused() throws Exception {
        assertThat(call("user", HttpMethod.GET, "trackers/", null).getWebResponse().getStatusCode()).isEqualTo(403);
        assertThat(call("user", HttpMethod.POST, "trackers/", BODY).getWebResponse().getStatusCode()).isEqualTo(403);
    }

    @Test
    void theTokenIsStoredAsSystemCredentials() throws Exception {
        call("admin", HttpMethod.POST, "trackers/", BODY.replace("}", ",\"token\":\"ghp_secret\"}"));

        var stored = JenkinsCredentials.find("fathomable-team.app").orElseThrow();
        assertThat(stored).isInstanceOf(org.jenkinsci.plugins.plaincredentials.StringCredentials.class);
        assertThat(((org.jenkinsci.plugins.plaincredentials.StringCredentials) stored).getSecret().getPlainText())
                .isEqualTo("ghp_secret");
        assertThat(call("admin", HttpMethod.GET, "trackers/team.app", null).getWebResponse().getContentAsString())
                .doesNotContain("ghp_secret");
    }

    @Test
    void theStatusPageNeedsSystemReadAndItsActionsNeedPost() throws Exception {
        JenkinsRule.WebClient reader = j.createWebClient().withThrowExceptionOnFailingStatusCode(false);
        reader.login("reader");
        assertThat(reader.goTo("manage/fathomable/").getWebResponse().getStatusCode()).isEqualTo(200);
        assertThat(reader.goTo("manage/fathomable/pollNow").getWebResponse().getStatusCode()).isEqualTo(405);
        JenkinsRule.WebClient user = j.createWebClient().withThrowExceptionOnFailingStatusCode(false);
        user.login("user");
        assertThat(user.goTo("manage/fathomable/").getWebResponse().getStatusCode()).isEqualTo(403);
    }
}
