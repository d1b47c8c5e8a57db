package io.jenkins.plugins.fathomable.steps;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.fathomable.core.deploy.Inventory;
import io.jenkins.plugins.fathomable.core.deploy.ObjectRef;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class AppliedObjectsTest {

    @Test
    void anInventorySurvivesJavaSerializationAsPlainStrings() throws Exception {
        Inventory inventory = new Inventory(List.of(new ObjectRef("", "v1", "ConfigMap", "shop-dev", "app"),
                new ObjectRef("apps", "v1", "Deployment", "shop-dev", "payments-api"),
                new ObjectRef("rbac.authorization.k8s.io", "v1", "ClusterRole", null, "reader")));
        ArrayList<String> encoded = AppliedObjects.encode(inventory);

        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(encoded);
        }
        @SuppressWarnings("unchecked")
        List<String> back = (List<String>) new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))
                .readObject();

        assertThat(AppliedObjects.decode(back)).isEqualTo(inventory);
        assertThat(encoded.get(0)).isEqualTo("|v1|ConfigMap|shop-dev|app");
    }

    @Test
    void garbageIsRefused() {
        assertThatThrownBy(() -> AppliedObjects.decode(List.of("apps|v1|Deployment"))).hasMessageContaining("apps|v1");
    }
}
