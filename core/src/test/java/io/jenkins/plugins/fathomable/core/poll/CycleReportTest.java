package io.jenkins.plugins.fathomable.core.poll;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.fathomable.core.source.RequestKind;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CycleReportTest {

    private static CycleReport report(Map<RequestKind, Long> requests) {
        Instant t = Instant.parse("2026-12-07T03:00:00Z");
        return new CycleReport(t, t.plusMillis(40), 2, List.of(), requests, List.of());
    }

    /** Found by the end-to-end suite: Jenkins' poll log printed the map as it came, in a different order each run. */
    @Test
    void theRequestSummaryListsUsedKindsInAFixedOrder() {
        Map<RequestKind, Long> requests = new HashMap<>();
        requests.put(RequestKind.GITHUB_304, 3L);
        requests.put(RequestKind.BLOB, 0L);
        requests.put(RequestKind.HEAD_MANIFEST, 2L);
        requests.put(RequestKind.GITHUB_200, 1L);

        assertThat(report(requests).requestSummary()).isEqualTo("head_manifest=2 github_200=1 github_304=3");
    }

    @Test
    void noRequestsSaySo() {
        assertThat(report(Map.of()).requestSummary()).isEqualTo("none");
        assertThat(report(Map.of(RequestKind.TOKEN, 0L)).requestSummary()).isEqualTo("none");
    }
}
