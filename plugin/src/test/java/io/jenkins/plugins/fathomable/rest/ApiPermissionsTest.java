package io.jenkins.plugins.fathomable.rest;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.fathomable.core.api.Caller;
import io.jenkins.plugins.fathomable.core.api.Caller.Permission;
import org.junit.jupiter.api.Test;

class ApiPermissionsTest {

    @Test
    void administerGrantsReadAndWrite() {
        Caller admin = ApiPermissions.caller("alice", false, true, true);

        assertThat(admin.permissions()).containsExactlyInAnyOrder(Permission.READ, Permission.WRITE);
        assertThat(admin.principal()).isEqualTo("alice");
        assertThat(ApiPermissions.allowed(admin, "DELETE")).isTrue();
    }

    @Test
    void systemReadGrantsReadOnly() {
        Caller reader = ApiPermissions.caller("bob", false, false, true);

        assertThat(reader.permissions()).containsExactly(Permission.READ);
        assertThat(ApiPermissions.allowed(reader, "GET")).isTrue();
        assertThat(ApiPermissions.allowed(reader, "head")).isTrue();
        assertThat(ApiPermissions.allowed(reader, "POST")).isFalse();
        assertThat(ApiPermissions.allowed(reader, "PUT")).isFalse();
    }

    @Test
    void overallReadAloneGrantsNothing() {
        Caller user = ApiPermissions.caller("carol", false, false, false);

        assertThat(user.permissions()).isEmpty();
        assertThat(ApiPermissions.allowed(user, "GET")).isFalse();
    }

    @Test
    void anonymousCallersAreAnonymousWhateverTheirName() {
        assertThat(ApiPermissions.caller("anonymous", true, false, false).isAnonymous()).isTrue();
        assertThat(ApiPermissions.caller(null, false, false, false).isAnonymous()).isTrue();
    }

    @Test
    void onlyGetAndHeadRead() {
        assertThat(ApiPermissions.needed("GET")).isEqualTo(Permission.READ);
        assertThat(ApiPermissions.needed("HEAD")).isEqualTo(Permission.READ);
        assertThat(ApiPermissions.needed("POST")).isEqualTo(Permission.WRITE);
        assertThat(ApiPermissions.needed("PATCH")).isEqualTo(Permission.WRITE);
        assertThat(ApiPermissions.needed("OPTIONS")).isEqualTo(Permission.WRITE);
    }
}
