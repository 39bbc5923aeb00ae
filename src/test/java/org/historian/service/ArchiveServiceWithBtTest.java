package org.historian.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.historian.testing.PiecePlans;
import org.historian.model.Community;
import org.historian.testing.ArchiveFolders;
import org.historian.testing.ServiceFixture;
import org.historian.testing.TestData;
import org.historian.torrent.BtTorrentEngine;
import org.historian.torrent.EngineStatus;
import org.historian.torrent.FetchRequest;
import org.historian.torrent.FetchResult;
import org.historian.torrent.MagnetLink;
import org.historian.torrent.SeedingStats;
import org.historian.torrent.TorrentSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The service with the real Bt engine on 127.0.0.1, and a member fetching what it publishes. */
class ArchiveServiceWithBtTest {
    private static final Instant T0 = Instant.parse("2020-01-22T00:00:00Z");

    @TempDir
    Path temp;

    @Test
    void whatTheServiceArchivesItSeedsAndPublishesAndAMemberFetches() throws Exception {
        Community community = TestData.community(400, TestData.TOPIC);
        BtTorrentEngine ownerEngine = new BtTorrentEngine(temp.resolve("owner").resolve("archivedata"), Clock.systemUTC());
        Path memberRoot = temp.resolve("member");
        try (ServiceFixture fixture = new ServiceFixture(temp.resolve("owner"), T0, ownerEngine, f -> f.settings.keepTorrentsOnLoopback()); BtTorrentEngine member = new BtTorrentEngine(memberRoot, Clock.systemUTC())) {
            fixture.store.communities.add(community);
            fixture.store.messages.insert(ArchiveFolders.weeksOfMessages(4, 150_000, 3));
            fixture.service.start();
            fixture.scheduler.runDue();

            TorrentClientStatus status = fixture.service.snapshot().engine();
            assertThat(status.state()).isEqualTo(TorrentClientStatus.State.RUNNING);
            assertThat(fixture.store.ledger.list(community.id())).hasSize(3);
            String firstLink = fixture.store.archiveInfo.get(community.id()).lastMagnetUri();
            assertThat(firstLink).startsWith("magnet:?xt=urn:btih:");
            await().atMost(Duration.ofSeconds(30)).until(() -> fixture.service.snapshot().communities().get(0).seeding() != null
                    && fixture.service.snapshot().communities().get(0).seeding().state() == SeedingFigures.State.SEEDING);

            member.start(TorrentSettings.loopback(List.of()));
            MagnetLink.PeerAddress owner = new MagnetLink.PeerAddress("127.0.0.1", status.port());
            FetchResult first = member.fetch(FetchRequest.ofMagnet(community.id(), MagnetLink.parse(firstLink), memberRoot, PiecePlans.all(),
                    Duration.ofSeconds(30), null).withPeers(List.of(owner))).result().get(90, TimeUnit.SECONDS);
            assertThat(first.downloaded()).hasSize(3);

            // The fourth week's messages are archived by the next tick and the new torrent replaces the old.
            fixture.scheduler.advance(Duration.ofDays(7));
            assertThat(fixture.store.ledger.list(community.id())).hasSize(4);
            String secondLink = fixture.store.archiveInfo.get(community.id()).lastMagnetUri();
            assertThat(secondLink).isNotEqualTo(firstLink);
            String secondHash = MagnetLink.parse(secondLink).infoHash().hex();
            await().atMost(Duration.ofSeconds(30)).until(() -> ownerEngine.stats(community.id())
                    .map(s -> s.infoHash().hex().equals(secondHash) && s.state() == SeedingStats.State.SEEDING).orElse(false));

            Set<String> held = first.downloaded().stream().map(org.historian.torrent.PieceRange::name).collect(Collectors.toSet());
            FetchResult second = member.fetch(FetchRequest.ofMagnet(community.id(), MagnetLink.parse(secondLink), memberRoot, PiecePlans.skipping(held),
                    Duration.ofSeconds(30), null).withPeers(List.of(owner))).result().get(90, TimeUnit.SECONDS);
            assertThat(second.downloaded()).hasSize(1);
            Path ownerData = fixture.store.runner.folder(community.id()).data();
            assertThat(Files.readAllBytes(memberRoot.resolve(community.id().hex()).resolve("data"))).isEqualTo(Files.readAllBytes(ownerData));

            fixture.service.disable();
            assertThat(ownerEngine.status().state()).isEqualTo(EngineStatus.State.STOPPED);
            assertThat(ownerEngine.allStats()).isEmpty();
        }
    }
}
