package io.jenkins.plugins.fathomable.core.engine;

import io.jenkins.plugins.fathomable.core.deploy.Inventory;
import io.jenkins.plugins.fathomable.core.deploy.ObjectRef;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

/**
 * The objects Fathomable has applied for one tracker in one environment and not pruned yet, kept next to that
 * environment's release files as {@code inventory.tsv}: one object a line, {@code group version kind namespace
 * name} separated by tabs (empty group for the core group, empty namespace for cluster-scoped objects). The next
 * release passes it to the pruner, so objects a newer release no longer renders are deleted even after a restart.
 */
final class InventoryFile {

    static final String NAME = "inventory.tsv";

    private final Path file;

    InventoryFile(Path environmentDir) {
        this.file = environmentDir.resolve(NAME);
    }

    Path path() {
        return file;
    }

    /** The recorded inventory, or an empty one when nothing was applied yet. */
    Inventory read() throws IOException {
        if (!Files.exists(file)) {
            return Inventory.empty();
        }
        List<ObjectRef> refs = new ArrayList<>();
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.isBlank()) {
                continue;
            }
            String[] f = line.split("\t", -1);
            if (f.length != 5) {
                throw new IOException(file + " line " + (i + 1) + ": expected 5 tab-separated fields, got "
                        + f.length);
            }
            refs.add(new ObjectRef(f[0], f[1], f[2], f[3], f[4]));
        }
        return new Inventory(refs);
    }

    /** Temporary file then atomic rename: a crash never leaves half an inventory (which would hide objects). */
    void write(Inventory inventory) throws IOException {
        StringBuilder text = new StringBuilder();
        for (ObjectRef ref : inventory.objects()) {
            text.append(ref.group()).append('\t').append(ref.version()).append('\t').append(ref.kind()).append('\t')
                    .append(ref.namespace() == null ? "" : ref.namespace()).append('\t').append(ref.name())
                    .append('\n');
        }
        Files.createDirectories(file.getParent());
        Path temp = Files.createTempFile(file.getParent(), "." + NAME, ".tmp");
        try {
            Files.writeString(temp, text, StandardCharsets.UTF_8);
            Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /** {@code a}'s objects followed by those of {@code b} that {@code a} does not list. */
    static Inventory union(Inventory a, Inventory b) {
        List<ObjectRef> all = new ArrayList<>(a.objects());
        b.objects().stream().filter(ref -> !a.contains(ref)).forEach(all::add);
        return new Inventory(all);
    }
}
