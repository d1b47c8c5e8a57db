package io.jenkins.plugins.fathomable.e2e.releases;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.jenkins.plugins.fathomable.core.release.HistoryEntry;
import io.jenkins.plugins.fathomable.core.store.FileTrackerStore;
import io.jenkins.plugins.fathomable.core.store.TrackerRecord;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Every tracker's whole history as Jenkins stored it under {@code $JENKINS_HOME/fathomable/trackers}, read with core's
 * own store from a copy of the folder (the copy is opened, so nothing under the home is touched), one line per entry.
 */
final class StoredHistory {

    private StoredHistory() {
    }

    /** Tracker id to its history lines, oldest first. */
    static Map<String, List<String>> read(Path jenkinsHome) throws IOException {
        Path stored = jenkinsHome.resolve("fathomable/trackers");
        Path copy = Files.createTempDirectory("e2e-trackers");
        try {
            try (Stream<Path> files = Files.list(stored)) {
                for (Path f : files.filter(f -> f.toString().endsWith(".json")).toList()) {
                    Files.copy(f, copy.resolve(f.getFileName()));
                }
            }
            Map<String, List<String>> out = new TreeMap<>();
            for (TrackerRecord record : new FileTrackerStore(copy).list()) {
                out.put(record.id().toString(), record.history().stream().map(StoredHistory::line).toList());
            }
            return out;
        } finally {
            try (Stream<Path> files = Files.walk(copy)) {
                for (Path p : files.sorted(Collections.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }

    /** The same line for an entry of {@code recentHistory} in {@code GET /trackers/{id}}. */
    static String line(JsonNode entry) {
        return String.join(" ", entry.path("at").asText(), entry.path("actor").asText(), entry.path("action").asText(),
                entry.path("release").asText("-"), entry.path("environment").asText("-"), entry.path("from").asText("-"),
                entry.path("to").asText("-"));
    }

    private static String line(HistoryEntry e) {
        return String.join(" ", e.at().toString(), e.actor(), e.action(), e.release() == null ? "-" : e.release().toString(),
                e.environment() == null ? "-" : e.environment(), e.from() == null ? "-" : e.from(),
                e.to() == null ? "-" : e.to());
    }

    /** Every tracker of {@code before} is in {@code after}, its history there beginning with all of {@code before}'s. */
    static void assertKept(Map<String, List<String>> before, Map<String, List<String>> after) {
        assertThat(after.keySet()).as("trackers in the store").containsAll(before.keySet());
        before.forEach((id, lines) -> assertThat(after.get(id)).as("history of " + id).startsWith(lines.toArray(String[]::new)));
    }

    /** {@code recent} (what the API showed) appears, in order and unbroken, in the stored history {@code stored}. */
    static void assertContains(List<String> stored, List<String> recent, String what) {
        assertThat(Collections.indexOfSubList(new ArrayList<>(stored), recent)).as(what + ": " + recent + " in " + stored)
                .isNotNegative();
    }
}
