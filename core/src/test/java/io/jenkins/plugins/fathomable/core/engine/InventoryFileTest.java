package io.jenkins.plugins.fathomable.core.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.fathomable.core.deploy.Inventory;
import io.jenkins.plugins.fathomable.core.deploy.ObjectRef;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The per-environment record of applied objects that pruning relies on, across restarts. */
class InventoryFileTest {

    @TempDir
    Path dir;

    private static final ObjectRef CONFIG = new ObjectRef("", "v1", "ConfigMap", "shop", "web-app-0a1b2c3d4e");
    private static final ObjectRef DEPLOYMENT = new ObjectRef("apps", "v1", "Deployment", "shop", "web");
    private static final ObjectRef CLUSTER_SCOPED = new ObjectRef("", "v1", "Namespace", null, "shop");

    @Test
    void nothingRecordedReadsAsEmptyAndWhatIsWrittenReadsBackInOrder() throws Exception {
        InventoryFile file = new InventoryFile(dir.resolve("shop.web/dev"));
        assertThat(file.read()).isEqualTo(Inventory.empty());

        file.write(new Inventory(List.of(CLUSTER_SCOPED, CONFIG, DEPLOYMENT)));

        assertThat(new InventoryFile(dir.resolve("shop.web/dev")).read().objects())
                .containsExactly(CLUSTER_SCOPED, CONFIG, DEPLOYMENT);
        assertThat(dir.resolve("shop.web/dev")).isDirectoryNotContaining("glob:**.tmp");
    }

    @Test
    void aDamagedLineIsReportedWithItsNumberRatherThanReadAsFewerObjects() throws Exception {
        Files.writeString(dir.resolve(InventoryFile.NAME), "apps\tv1\tDeployment\tshop\tweb\nConfigMap web\n");

        assertThatThrownBy(() -> new InventoryFile(dir).read()).isInstanceOf(IOException.class)
                .hasMessageContaining("line 2").hasMessageContaining("5 tab-separated fields");
    }

    @Test
    void unionKeepsEachObjectOnceWhateverItsApiVersion() {
        ObjectRef olderVersion = new ObjectRef("apps", "v1beta1", "Deployment", "shop", "web");
        Inventory union = InventoryFile.union(new Inventory(List.of(olderVersion, CONFIG)),
                new Inventory(List.of(DEPLOYMENT, CLUSTER_SCOPED)));

        assertThat(union.objects()).containsExactly(olderVersion, CONFIG, CLUSTER_SCOPED);
    }
}
