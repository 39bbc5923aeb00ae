package org.historian.service;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import org.historian.model.CommunityId;
import org.historian.testing.ServiceFixture;

/** Watching a mirror's service in tests: its status of one community, and waiting until it seeds a torrent. */
final class MirrorWatch {
    private MirrorWatch() {
    }

    static CommunityStatus status(ServiceFixture mirror, CommunityId id) {
        return mirror.service.snapshot().communities().stream().filter(s -> s.community().id().equals(id)).findFirst().orElseThrow();
    }

    /** Runs the mirror's due tasks until it seeds {@code infoHash}; fails with its status and events. */
    static void untilSeeding(ServiceFixture mirror, CommunityId id, String infoHash, Duration atMost) {
        try {
            await().atMost(atMost).until(() -> {
                mirror.scheduler.runDue();
                CommunityStatus status = status(mirror, id);
                return infoHash.equals(status.infoHash()) && status.mirror().state() == MirrorStatus.State.SEEDING;
            });
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            throw new AssertionError("the mirror did not seed " + infoHash + ": " + status(mirror, id) + "\nevents: "
                    + mirror.store.emitted, e);
        }
    }
}
