package io.jenkins.plugins.fathomable.steps;

import io.jenkins.plugins.fathomable.core.deploy.Inventory;
import io.jenkins.plugins.fathomable.core.deploy.ObjectRef;
import java.util.ArrayList;
import java.util.List;

/**
 * An inventory as plain strings, the form a step execution keeps in the saved Pipeline program (which serialises
 * plain JDK types reliably, records not). One entry per object: {@code group|version|kind|namespace|name}.
 */
final class AppliedObjects {

    private AppliedObjects() {
    }

    static ArrayList<String> encode(Inventory inventory) {
        ArrayList<String> out = new ArrayList<>();
        for (ObjectRef r : inventory.objects()) {
            out.add(String.join("|", r.group(), r.version(), r.kind(), r.namespace() == null ? "" : r.namespace(),
                    r.name()));
        }
        return out;
    }

    static Inventory decode(List<String> encoded) {
        List<ObjectRef> refs = new ArrayList<>();
        for (String line : encoded) {
            String[] p = line.split("\\|", -1);
            if (p.length != 5) {
                throw new IllegalArgumentException("not an applied object: " + line);
            }
            refs.add(new ObjectRef(p[0], p[1], p[2], p[3], p[4]));
        }
        return new Inventory(refs);
    }
}
