package org.historian.service;

import static org.historian.testing.TestData.TOPIC;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.historian.model.Community;
import org.historian.model.EventType;
import org.historian.model.HistorianEvent;
import org.historian.model.StoredMessage;
import org.historian.store.LedgerEntry;
import org.historian.testing.RecordingTorrentEngine;
import org.historian.testing.ServiceFixture;
import org.historian.testing.TestData;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

/** What the service tests share: a store, a recording engine, virtual time, one community. */
abstract class ArchiveServiceTestBase {
    /** A Monday noon; the start of every test. */
    static final Instant T0 = Instant.parse("2024-03-04T12:00:00Z");
    static final long NOW = T0.getEpochSecond();

    @TempDir
    Path temp;

    final RecordingTorrentEngine engine = new RecordingTorrentEngine();
    ServiceFixture fixture;
    final Community community = TestData.community(300, TOPIC);

    ServiceFixture start() {
        fixture = new ServiceFixture(temp, T0, engine);
        if (fixture.store.communities.find(community.id()).isEmpty()) {
            fixture.store.communities.add(community);
        }
        return fixture;
    }

    @AfterEach
    void stop() {
        if (fixture != null) {
            fixture.close();
        }
    }

    void messagesAt(long... timestamps) {
        List<StoredMessage> messages = new ArrayList<>();
        for (long t : timestamps) {
            messages.add(TestData.message(t, ("m" + t).getBytes()));
        }
        fixture.store.messages.insert(messages);
    }

    List<LedgerEntry> archives() {
        return fixture.store.ledger.list(community.id());
    }

    CommunityStatus status() {
        return fixture.service.snapshot().communities().stream().filter(s -> s.community().id().equals(community.id()))
                .findFirst().orElseThrow();
    }

    Long lastEnd() {
        return fixture.store.archiveInfo.get(community.id()).lastArchiveEndDate();
    }

    List<EventType> eventTypes() {
        return fixture.store.emitted.stream().map(HistorianEvent::type).toList();
    }

    void startService() {
        fixture.service.start();
        fixture.scheduler.runDue();
    }
}
