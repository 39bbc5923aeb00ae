package org.historian.testing;

import java.nio.file.Path;
import java.time.Instant;
import java.util.function.Supplier;
import org.historian.archive.DiskFileSystem;
import org.historian.service.ArchiveService;
import org.historian.service.CommunityAdmin;
import org.historian.service.EmbeddedMessageSource;
import org.historian.service.HistorianSettings;
import org.historian.service.MessageSync;
import org.historian.service.RecordingMagnetPublisher;
import org.historian.store.DownloadedArchiveRepository;
import org.historian.store.PieceHashRepository;
import org.historian.store.SettingsRepository;
import org.historian.store.SyncStagingRepository;
import org.historian.torrent.TorrentEngine;
import org.historian.waku.MagnetPublisher;
import org.historian.waku.MessageSource;

/** The archive service wired as the app wires it, on virtual time. */
public final class ServiceFixture implements AutoCloseable {
    public final MutableClock clock;
    public final ManualScheduler scheduler;
    public final FixtureStore store;
    public final TorrentEngine engine;
    public final HistorianSettings settings;
    public final ArchiveService service;
    public volatile MessageSource source;
    public volatile MagnetPublisher publisher;
    /** Where waits on the network run; at once on the caller's thread unless a test sets another before the service is built. */
    public java.util.concurrent.Executor network = Runnable::run;

    public ServiceFixture(Path root, Instant start, TorrentEngine engine) {
        this(root, start, engine, null);
    }

    /** @param before runs before the service is built, e.g. to change settings */
    public ServiceFixture(Path root, Instant start, TorrentEngine engine, java.util.function.Consumer<ServiceFixture> before) {
        this.clock = start == null ? null : new MutableClock(start);
        this.scheduler = new ManualScheduler(clock);
        this.store = new FixtureStore(root, new DiskFileSystem(), clock);
        this.engine = engine;
        this.settings = new HistorianSettings(new SettingsRepository(store.database));
        this.source = new EmbeddedMessageSource(store.messages);
        this.publisher = new RecordingMagnetPublisher(store.events, clock);
        if (before != null) {
            before.accept(this);
        }
        Supplier<MessageSource> sources = () -> source;
        MagnetPublisher delegating = new MagnetPublisher() {
            @Override
            public Delivery publish(org.historian.model.CommunityId community, String magnetUri, long linkClock)
                    throws org.historian.waku.MagnetPublishException, InterruptedException {
                return publisher.publish(community, magnetUri, linkClock);
            }

            @Override
            public String describe() {
                return publisher.describe();
            }
        };
        CommunityAdmin admin = new CommunityAdmin(store.communities, store.messages, new PieceHashRepository(store.database),
                new DownloadedArchiveRepository(store.database), store.archiveRoot(), store.torrents);
        this.service = new ArchiveService(new ArchiveService.Parts(store.communities, store.archiveInfo, store.ledger, store.runner,
                store.torrents, engine, new MessageSync(store.messages, new SyncStagingRepository(store.database), clock), sources,
                delegating, admin, settings, store.events, scheduler, clock, new org.historian.store.MirrorRepository(store.database),
                network, network, org.historian.service.StoreNodes.of(settings)));
    }

    @Override
    public void close() {
        service.close();
        engine.close();
    }
}
