package io.jenkins.plugins.fathomable.e2e.releases;

import io.jenkins.plugins.fathomable.core.deploy.MockCluster;
import io.jenkins.plugins.fathomable.e2e.harness.JenkinsClient;
import io.jenkins.plugins.fathomable.e2e.harness.ReleaseJobs;
import java.util.Collection;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * What release runs say they applied (their console's {@code   applied apps/v1 Deployment shop-dev/payments-api}
 * lines) and what the API servers answered (server-side apply requests), both counted per object as
 * {@code shop-dev/deployments/payments-api}: equal counts mean every apply belongs to a run and no run applied
 * anything twice unseen.
 */
final class RunAccounting {

    private RunAccounting() {
    }

    /** Objects applied by every run of {@code jobs}, with how often. */
    static Map<String, Integer> appliedByRuns(JenkinsClient admin, Collection<String> jobs) {
        Map<String, Integer> applied = new TreeMap<>();
        for (String job : jobs) {
            for (ReleaseJobs.Run run : ReleaseJobs.runs(admin, job)) {
                ReleaseJobs.console(admin, job, run.number()).lines().filter(l -> l.startsWith("  applied "))
                        .forEach(l -> applied.merge(objectOfConsoleLine(l), 1, Integer::sum));
            }
        }
        return applied;
    }

    /** Objects the API servers were asked to apply, with how often. */
    static Map<String, Integer> appliesSeen(Collection<MockCluster.Request> applies) {
        Map<String, Integer> seen = new TreeMap<>();
        applies.forEach(a -> seen.merge(objectOfPath(a.path()), 1, Integer::sum));
        return seen;
    }

    /** The same counts per namespace. */
    static Map<String, Integer> perNamespace(Map<String, Integer> perObject) {
        Map<String, Integer> out = new TreeMap<>();
        perObject.forEach((object, n) -> out.merge(object.substring(0, object.indexOf('/')), n, Integer::sum));
        return out;
    }

    /** {@code shop-dev/deployments/payments-api} of {@code /apis/apps/v1/namespaces/shop-dev/deployments/payments-api?…}. */
    static String objectOfPath(String path) {
        return path.replaceAll("\\?.*", "").replaceAll(".*/namespaces/([^/]+)/([^/]+)/([^/]+)$", "$1/$2/$3");
    }

    /** The same for a run's {@code   applied apps/v1 Deployment shop-dev/payments-api} line. */
    static String objectOfConsoleLine(String line) {
        String[] parts = line.trim().split(" ");
        String kind = parts[2].toLowerCase(Locale.ROOT);
        String[] namespaced = parts[3].split("/");
        return namespaced[0] + "/" + kind + (kind.endsWith("s") ? "es" : "s") + "/" + namespaced[1];
    }
}
