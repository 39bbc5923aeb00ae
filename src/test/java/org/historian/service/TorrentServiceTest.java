package org.historian.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.historian.testing.TestData.JAN_1_2020;
import static org.historian.testing.TestData.TOPIC;
import static org.historian.testing.TestData.WEEK;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.historian.archive.RunListener;
import org.historian.model.Community;
import org.historian.model.EventType;
import org.historian.model.HistorianEvent;
import org.historian.store.SettingsRepository;
import org.historian.testing.ArchiveFolders;
import org.historian.testing.FixtureStore;
import org.historian.testing.TestData;
import org.historian.torrent.TorrentMetadata;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TorrentServiceTest {
    @TempDir
    Path temp;

    private FixtureStore store;
    private Community community;

    @BeforeEach
    void storeWithMessages() {
        store = new FixtureStore(temp);
        community = TestData.community(31, TOPIC);
        store.communities.add(community);
        store.messages.insert(ArchiveFolders.weeksOfMessages(3, 200_000, 2));
    }

    @Test
    void aRunThatCreatesArchivesMakesTheTorrentLast() throws Exception {
        store.runner.run(community, JAN_1_2020, JAN_1_2020 + 2 * WEEK, WEEK, RunListener.NONE);
        Path file = store.torrents.torrentFile(community.id());
        assertThat(file).exists();
        TorrentMetadata metadata = TorrentMetadata.parse(Files.readAllBytes(file));
        metadata.validate(community.id());
        assertThat(metadata.createdBy()).startsWith("0x04").hasSize(132)
                .isEqualTo(NodeIdentity.loadOrCreate(new SettingsRepository(store.database)).publicKeyHex());
        assertThat(metadata.trackers()).isEqualTo(org.historian.torrent.TorrentSettings.DEFAULT_TRACKERS);
        assertThat(store.torrents.current(community.id()).orElseThrow().remade()).isFalse();
        assertThat(java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
    }

    @Test
    void aRunWithoutArchivesMakesNoTorrent() throws Exception {
        store.runner.run(community, JAN_1_2020 - 5 * WEEK, JAN_1_2020, WEEK, RunListener.NONE);
        assertThat(store.torrents.torrentFile(community.id())).doesNotExist();
        assertThat(store.torrents.current(community.id())).isEmpty();
    }

    @Test
    void aMissingOrStaleTorrentIsMadeAgain() throws Exception {
        store.runner.run(community, JAN_1_2020, JAN_1_2020 + WEEK, WEEK, RunListener.NONE);
        var first = store.torrents.current(community.id()).orElseThrow();
        Files.delete(store.torrents.torrentFile(community.id()));
        var remade = store.torrents.current(community.id()).orElseThrow();
        assertThat(remade.remade()).isTrue();
        assertThat(remade.infoHash()).isEqualTo(first.infoHash());

        // A crash after the index of a second run but before its torrent: the old torrent no longer matches.
        byte[] oldTorrent = Files.readAllBytes(store.torrents.torrentFile(community.id()));
        store.runner.run(community, JAN_1_2020 + WEEK, JAN_1_2020 + 2 * WEEK, WEEK, RunListener.NONE);
        var second = store.torrents.current(community.id()).orElseThrow();
        Files.write(store.torrents.torrentFile(community.id()), oldTorrent);
        var repaired = store.torrents.current(community.id()).orElseThrow();
        assertThat(repaired.remade()).isTrue();
        assertThat(repaired.infoHash()).isEqualTo(second.infoHash()).isNotEqualTo(first.infoHash());

        Files.writeString(store.torrents.torrentFile(community.id()), "garbage");
        assertThat(store.torrents.current(community.id()).orElseThrow().infoHash()).isEqualTo(second.infoHash());
    }

    @Test
    void aTorrentThatCannotBeWrittenLeavesTheArchivesAndSaysSo() throws Exception {
        Files.createDirectories(temp);
        Files.writeString(temp.resolve("torrents"), "a file where the torrents folder should be");
        store.runner.run(community, JAN_1_2020, JAN_1_2020 + WEEK, WEEK, RunListener.NONE);
        assertThat(store.ledger.list(community.id())).hasSize(1);
        assertThat(store.emitted).anySatisfy(event -> {
            assertThat(event.type()).isEqualTo(EventType.ERROR);
            assertThat(event.detail()).contains("their torrent could not be made").contains("made again before seeding");
        });
        assertThat(store.emitted).extracting(HistorianEvent::type).contains(EventType.ARCHIVES_CREATED);
    }

    @Test
    void trackersComeFromTheSettings() throws Exception {
        new HistorianSettings(new SettingsRepository(store.database)).set(Setting.TORRENT_TRACKERS, "");
        store.runner.run(community, JAN_1_2020, JAN_1_2020 + WEEK, WEEK, RunListener.NONE);
        assertThat(TorrentMetadata.parse(Files.readAllBytes(store.torrents.torrentFile(community.id()))).trackers()).isEqualTo(List.of());
    }
}
