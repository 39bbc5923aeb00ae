package org.historian.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.historian.testing.TestData.DAY;
import static org.historian.testing.TestData.WEEK;

import java.nio.file.Files;
import java.util.List;
import org.historian.archive.ArchiveFolder;
import org.historian.archive.ArchiveIndex;
import org.historian.archive.CorruptArchiveFolderException;
import org.historian.archive.RunListener;
import org.historian.model.Community;
import org.historian.testing.TestData;
import org.junit.jupiter.api.Test;

/**
 * A folder whose index was lost, emptied or cut short (a botched copy, an older backup) keeps its
 * data: only the run journal can prove bytes are an interrupted run's. Nothing is truncated, the
 * problem is named, and the index can be rebuilt from the data when the ledger vouches for it.
 */
class DamagedFolderTest extends ArchiveServiceTestBase {
    private byte[] data;
    private byte[] index;
    private ArchiveFolder folder;

    /** Three weekly archives, made by a run as usual. */
    private void archived() throws Exception {
        start();
        messagesAt(NOW - 20 * DAY, NOW - 13 * DAY, NOW - 12 * DAY, NOW - 2 * DAY);
        fixture.store.runner.run(community, NOW - 21 * DAY, NOW, WEEK, RunListener.NONE);
        folder = fixture.store.runner.folder(community.id());
        data = Files.readAllBytes(folder.data());
        index = Files.readAllBytes(folder.index());
        assertThat(ArchiveIndex.parse(index).entries()).hasSize(3);
        fixture.clock.advance(java.time.Duration.ofDays(7)); // so that the next week [NOW, NOW + WEEK) has passed
    }

    private void assertUnchanged(boolean indexToo) throws Exception {
        assertThat(Files.readAllBytes(folder.data())).as("data").isEqualTo(data);
        if (indexToo) {
            assertThat(Files.readAllBytes(folder.index())).as("index").isEqualTo(index);
        }
    }

    private void assertRunRefused(String why) throws Exception {
        assertThatThrownBy(() -> fixture.store.runner.run(community, NOW, NOW + WEEK, WEEK, RunListener.NONE))
                .isInstanceOf(CorruptArchiveFolderException.class)
                .hasMessageContaining("is inconsistent, so nothing was changed").hasMessageContaining(why)
                .hasMessageContaining("the ledger lists 3 archives ending at byte " + data.length);
        assertThat(Files.readAllBytes(folder.data())).isEqualTo(data);
    }

    @Test
    void aMissingIndexLosesNoArchiveAndIsRebuiltFromTheData() throws Exception {
        archived();
        Files.delete(folder.index());
        assertRunRefused("its index is missing");
        assertThat(Files.exists(folder.index())).isFalse();

        IndexRepair.Result repaired = fixture.store.runner.repairIndex(community.id());
        assertThat(repaired.archives()).isEqualTo(3);
        assertThat(repaired.messages()).isEqualTo(4);
        assertThat(repaired.previousIndex()).isNull();
        assertUnchanged(true);
        // And archiving goes on from there.
        messagesAt(NOW + DAY);
        assertThat(fixture.store.runner.run(community, NOW, NOW + WEEK, WEEK, RunListener.NONE).created()).hasSize(1);
    }

    @Test
    void anEmptyIndexIsReportedAndRepairKeepsThePreviousOne() throws Exception {
        archived();
        Files.write(folder.index(), new byte[0]);
        assertRunRefused("its index is empty");
        IndexRepair.Result repaired = fixture.store.runner.repairIndex(community.id());
        assertThat(repaired.previousIndex()).exists().hasBinaryContent(new byte[0]);
        assertThat(repaired.previousIndex().getParent()).isEqualTo(folder.directory().getParent());
        assertUnchanged(true);
    }

    @Test
    void anIndexShortByItsLastArchiveIsReportedAndRebuiltByteForByte() throws Exception {
        archived();
        ArchiveIndex full = ArchiveIndex.parse(index);
        Files.write(folder.index(), ArchiveIndex.empty().withAppended(full.entries().subList(0, 2)).toBytes());
        assertRunRefused("The index lacks 1 archive(s) that the data and the ledger still hold");
        fixture.store.runner.repairIndex(community.id());
        assertUnchanged(true);
    }

    @Test
    void dataAfterTheLastArchiveThatNoRunExplainsIsLeftAlone() throws Exception {
        archived();
        Files.write(folder.data(), new byte[102_400], java.nio.file.StandardOpenOption.APPEND);
        byte[] longer = Files.readAllBytes(folder.data());
        assertThatThrownBy(() -> fixture.store.runner.run(community, NOW, NOW + WEEK, WEEK, RunListener.NONE))
                .isInstanceOf(CorruptArchiveFolderException.class).hasMessageContaining("102400 bytes after the last archive that no "
                        + "interrupted run explains");
        assertThat(Files.readAllBytes(folder.data())).isEqualTo(longer);
        assertThatThrownBy(() -> fixture.store.runner.repairIndex(community.id()))
                .hasMessageContaining("the data has 102400 bytes after the ledger's last archive");
    }

    @Test
    void aRepairRefusesDataThatDoesNotMatchTheLedgerAndChangesNothing() throws Exception {
        archived();
        Files.delete(folder.index());
        byte[] corrupt = data.clone();
        corrupt[5] ^= 0x40; // inside the first archive
        Files.write(folder.data(), corrupt);
        assertThatThrownBy(() -> fixture.store.runner.repairIndex(community.id()))
                .isInstanceOf(CorruptArchiveFolderException.class).hasMessageContaining("cannot be rebuilt from its data")
                .hasMessageContaining("Nothing was changed");
        assertThat(Files.exists(folder.index())).isFalse();
        assertThat(Files.readAllBytes(folder.data())).isEqualTo(corrupt);
    }

    @Test
    void atStartUpTheDamagedCommunityReportsItAndTheOthersRunOn() throws Exception {
        archived();
        Community other = TestData.community(301, TestData.OTHER_TOPIC);
        fixture.store.communities.add(other);
        fixture.store.messages.insert(List.of(TestData.message(NOW - 10 * DAY, TestData.OTHER_TOPIC, new byte[]{9})));
        Files.delete(folder.index());
        fixture.clock.advance(java.time.Duration.ofDays(1));
        messagesAt(NOW + DAY);

        startService();

        assertUnchanged(false);
        assertThat(status().activity()).isEqualTo(CommunityStatus.Activity.ERROR);
        assertThat(status().message()).contains("its index is missing").contains("historian repair --community");
        assertThat(fixture.store.ledger.list(other.id())).singleElement().satisfies(a -> assertThat(a.messageCount()).isEqualTo(1));
        assertThat(engine.seeding(other.id())).isPresent();
        assertThat(engine.seeding(community.id())).isEmpty();
    }

    @Test
    void anIntervalStoredBeyondAYearCountsAsAYearAndEveryCommunityIsStillScheduled() {
        start();
        // Saved by a version that had no bound; the service used to fail every start-up task on it.
        new org.historian.store.SettingsRepository(fixture.store.database).put("archive.interval", "P999999999999D");
        messagesAt(NOW - 10 * DAY);
        startService();
        assertThat(fixture.settings.archiveInterval()).isEqualTo(java.time.Duration.ofDays(366));
        // Case 2 with a year's interval: one run a year after the oldest message, not a failure.
        assertThat(status().activity()).isNotEqualTo(CommunityStatus.Activity.ERROR);
        assertThat(status().nextRun()).isEqualTo(java.time.Instant.ofEpochSecond(NOW - 10 * DAY).plus(java.time.Duration.ofDays(366)));
    }

    @Test
    void anEndDateStoredInTheFutureIsReportedInsteadOfScheduledForYears() {
        start();
        fixture.store.archiveInfo.setLastArchiveEndDate(community.id(), 253_402_214_400L);
        messagesAt(NOW - DAY);
        startService();
        assertThat(status().activity()).isEqualTo(CommunityStatus.Activity.ERROR);
        assertThat(status().message()).contains("lies in the future").contains("9999-12-31T00:00:00Z");
        assertThat(archives()).isEmpty();
    }
}
