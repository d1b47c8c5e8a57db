package io.jenkins.plugins.fathomable.core.release;

import io.jenkins.plugins.fathomable.core.event.ConfigRevision;
import io.jenkins.plugins.fathomable.core.event.ImageVersion;
import io.jenkins.plugins.fathomable.core.event.TrackerEvent;

/**
 * The seed's rules for turning poll events into releases:
 * <ol>
 * <li>a changed config alone makes no release; it waits as <em>pending</em> until the image changes;</li>
 * <li>an image change (same tag new digest, or a new SemVer tag) makes a release of the new image with the newest
 * config (pending, else current) and queues it for the first environment;</li>
 * <li>the first ingest of a tracker releases its current image with its current config.</li>
 * </ol>
 * Replaying an event changes nothing: a release with the same image and config as the newest one is not made again.
 */
final class SeedRules {

    private final FlowConfig flow;

    SeedRules(FlowConfig flow) {
        this.flow = flow;
    }

    void apply(ReleaseLedger ledger, TrackerEvent event) {
        if (event instanceof TrackerEvent.Ingested e) {
            ledger.setPendingConfig(null, "ingested");
            release(ledger, e.image(), e.config(), "ingested");
        } else if (event instanceof TrackerEvent.ConfigChanged e) {
            configChanged(ledger, e.current());
        } else if (event instanceof TrackerEvent.ImageUpdated e) {
            imageChanged(ledger, e.current(), "image-updated");
        } else if (event instanceof TrackerEvent.NewImageVersion e) {
            imageChanged(ledger, e.current(), "new-image-version");
        }
    }

    private static void configChanged(ReleaseLedger ledger, ConfigRevision config) {
        ConfigRevision current = ledger.currentConfig();
        if (current != null && current.blobSha().equals(config.blobSha())) {
            // Changed back to what the newest release already has: nothing left to wait for.
            ledger.setPendingConfig(null, "config is back to the released blob " + config.blobSha());
        } else {
            ledger.setPendingConfig(config, "waits for the next image change (commit " + config.commitSha() + ")");
        }
    }

    private void imageChanged(ReleaseLedger ledger, ImageVersion image, String origin) {
        ConfigRevision config = ledger.pendingConfig() != null ? ledger.pendingConfig()
                : ledger.currentConfig() != null ? ledger.currentConfig()
                : ledger.original().observation().config();
        if (config == null) {
            ledger.record("ignored", null, null, null, null,
                    origin + " " + image.tag() + "@" + image.digest() + " before any config was seen", null);
            return;
        }
        ledger.setPendingConfig(null, "taken into a release");
        release(ledger, image, config, origin);
    }

    private void release(ReleaseLedger ledger, ImageVersion image, ConfigRevision config, String origin) {
        ledger.setCurrentConfig(config);
        if (ledger.newest().filter(r -> r.sameContent(image, config)).isPresent()) {
            return;
        }
        String first = flow.first().name();
        Release r = ledger.newRelease(image, config, origin, first);
        ledger.enqueue(r, first, "queued", null);
    }
}
