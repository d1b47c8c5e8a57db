package io.jenkins.plugins.fathomable.e2e.harness;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Fathomable's release jobs as Jenkins' JSON API shows them to an administrator: the runs of a tracker's Pipeline
 * job {@code fathomable-<group>.<name>} with the parameters Fathomable gave each run, their console text, and the
 * release runs waiting in the build queue.
 */
public final class ReleaseJobs {

    private static final String PARAMETERS = "actions[parameters[name,value]]";

    private ReleaseJobs() {
    }

    /** One run of a release job: what it deployed (its parameters) and how it ended. */
    public record Run(int number, String result, boolean building, Map<String, String> parameters) {

        public String environment() {
            return parameters.get("FATHOMABLE_ENVIRONMENT");
        }

        public int release() {
            return Integer.parseInt(parameters.getOrDefault("FATHOMABLE_RELEASE", "0"));
        }

        /** The engine's deployment id, {@code group.name/N}: one run per deployment. */
        public String deployment() {
            return parameters.get("FATHOMABLE_DEPLOYMENT");
        }

        /** {@code promote} or {@code rollback}. */
        public String kind() {
            return parameters.get("FATHOMABLE_KIND");
        }

        @Override
        public String toString() {
            return "#" + number + " " + kind() + " release " + release() + " to " + environment() + " ("
                    + (building ? "building" : result) + ", deployment " + deployment() + ")";
        }
    }

    /** A release run waiting in Jenkins' build queue. */
    public record QueueItem(long id, String job, String why, Map<String, String> parameters) {

        public String deployment() {
            return parameters.get("FATHOMABLE_DEPLOYMENT");
        }
    }

    /** The job of tracker {@code id}. */
    public static String job(String trackerId) {
        return "fathomable-" + trackerId;
    }

    /** Every run of {@code job}, oldest first; empty when the job does not exist (yet). */
    public static List<Run> runs(JenkinsClient admin, String job) {
        JenkinsClient.Response r = admin.get("job/" + job + "/api/json?tree=allBuilds[number,result,building,"
                + PARAMETERS + "]");
        if (r.status() == 404) {
            return List.of();
        }
        if (r.status() != 200) {
            throw new AssertionError("runs of " + job + ": " + r);
        }
        List<Run> runs = new ArrayList<>();
        for (JsonNode b : r.json().path("allBuilds")) {
            runs.add(new Run(b.path("number").asInt(), b.path("result").isNull() ? null : b.path("result").asText(),
                    b.path("building").asBoolean(), parameters(b)));
        }
        runs.sort(Comparator.comparingInt(Run::number));
        return runs;
    }

    /** The console text of run {@code number} of {@code job}. */
    public static String console(JenkinsClient admin, String job, int number) {
        JenkinsClient.Response r = admin.get("job/" + job + "/" + number + "/consoleText");
        if (r.status() != 200) {
            throw new AssertionError("console of " + job + " #" + number + ": " + r);
        }
        return r.text();
    }

    /** Fathomable's release runs in Jenkins' build queue. */
    public static List<QueueItem> queue(JenkinsClient admin) {
        JenkinsClient.Response r = admin.get("queue/api/json?tree=items[id,why,task[name]," + PARAMETERS + "]");
        if (r.status() != 200) {
            throw new AssertionError("queue: " + r);
        }
        List<QueueItem> items = new ArrayList<>();
        for (JsonNode item : r.json().path("items")) {
            String job = item.path("task").path("name").asText();
            if (job.startsWith("fathomable-")) {
                items.add(new QueueItem(item.path("id").asLong(), job, item.path("why").asText(null), parameters(item)));
            }
        }
        return items;
    }

    private static Map<String, String> parameters(JsonNode node) {
        Map<String, String> out = new LinkedHashMap<>();
        for (JsonNode action : node.path("actions")) {
            for (JsonNode p : action.path("parameters")) {
                out.put(p.path("name").asText(), p.path("value").asText());
            }
        }
        return out;
    }
}
