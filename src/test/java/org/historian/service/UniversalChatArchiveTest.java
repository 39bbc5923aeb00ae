package org.historian.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.historian.testing.TestData.DAY;
import static org.historian.testing.TestData.TOPIC;

import java.nio.file.Files;
import java.util.List;
import org.historian.archive.ArchiveIndex;
import org.historian.archive.ArchiveIndexEntry;
import org.historian.model.Community;
import org.historian.model.ContentTopic;
import org.historian.store.LedgerEntry;
import org.historian.testing.TestData;
import org.junit.jupiter.api.Test;

/**
 * Current Status clients send every message of a community on its universal chat (spec §1, §5.6):
 * every community archives that topic, from its ID alone, and old data directories pick it up.
 */
class UniversalChatArchiveTest extends ArchiveServiceTestBase {
    @Test
    void aCommunityAddedByItsIdAloneArchivesItsUniversalChat() throws Exception {
        start();
        Community byId = new Community(TestData.communityId(401), null, List.of(), false, true, null);
        ContentTopic universal = byId.id().universalTopic();
        fixture.store.messages.insert(List.of(TestData.message(NOW - 9 * DAY, universal, new byte[]{1}),
                TestData.message(NOW - 2 * DAY, universal, new byte[]{2}),
                TestData.message(NOW - 2 * DAY, TestData.OTHER_TOPIC, new byte[]{3})));
        fixture.service.addCommunity(byId);
        startService();

        List<LedgerEntry> archives = fixture.store.ledger.list(byId.id());
        assertThat(archives).hasSize(2).allSatisfy(a -> assertThat(a.messageCount()).isEqualTo(1));
        assertThat(index(byId).entries()).allSatisfy(entry -> assertThat(entry.contentTopicsHex()).containsExactly(universal.hex()));
    }

    @Test
    void theDemoCommunitysArchivesListOnlyItsUniversalTopic() throws Exception {
        start();
        Community demo = new DemoService(fixture.service, fixture.store.messages, fixture.clock)
                .add(new DemoCommunity.Spec("Index", 3, T0, 3), DemoCommunity.Listener.NONE);
        startService();
        ArchiveIndex index = index(demo);
        assertThat(index.entries()).hasSize(3);
        assertThat(index.entries()).allSatisfy(entry -> assertThat(entry.contentTopicsHex())
                .containsExactly(demo.id().universalTopic().hex()));
    }

    @Test
    void aCommunityOfAnOlderVersionGetsItsUniversalChatFromTheNextRunWithoutArchivingARangeTwice() throws Exception {
        // Archived up to NOW - 2 days by a version that knew only the channel topic TOPIC.
        start();
        ContentTopic universal = community.id().universalTopic();
        long lastEnd = NOW - 2 * DAY;
        fixture.store.messages.insert(List.of(TestData.message(NOW - 5 * DAY, TOPIC, new byte[]{1}),
                TestData.message(NOW - 4 * DAY, universal, new byte[]{2})));
        fixture.store.archiveInfo.setLastArchiveEndDate(community.id(), lastEnd);
        // After the upgrade, messages of the universal chat arrive after that end date.
        fixture.store.messages.insert(List.of(TestData.message(NOW - DAY, universal, new byte[]{3}),
                TestData.message(NOW + 3 * DAY, universal, new byte[]{4}), TestData.message(NOW + 4 * DAY, TOPIC, new byte[]{5})));
        startService();
        fixture.scheduler.advance(java.time.Duration.ofDays(7));

        List<LedgerEntry> archives = archives();
        assertThat(archives).isNotEmpty();
        assertThat(archives.get(0).from()).isEqualTo(lastEnd);
        // Three messages after the end date; the one before it stays unarchived, no range is archived twice.
        assertThat(archives.stream().mapToLong(LedgerEntry::messageCount).sum()).isEqualTo(3);
        for (ArchiveIndexEntry entry : index(community).entries()) {
            assertThat(entry.contentTopicsHex()).containsExactly(universal.hex(), TOPIC.hex());
        }
    }

    private ArchiveIndex index(Community of) throws Exception {
        return ArchiveIndex.parse(Files.readAllBytes(fixture.store.runner.folder(of.id()).index()));
    }
}
