package org.historian.bench;

import static org.historian.archive.DiskFileSystem.deleteRecursively;
import static org.historian.bench.Bench.format;
import static org.historian.bench.Bench.median;
import static org.historian.bench.Bench.seconds;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.historian.archive.ArchiveFolder;
import org.historian.archive.ArchiveFormat;
import org.historian.archive.ArchiveMessageSource;
import org.historian.archive.ArchiveRunRequest;
import org.historian.archive.ArchiveWriter;
import org.historian.archive.DiskFileSystem;
import org.historian.model.Keccak256;
import org.historian.archive.RunListener;
import org.historian.model.CommunityId;
import org.historian.model.ContentTopic;
import org.historian.model.Cursor;
import org.historian.model.EncodedMessage;
import org.historian.model.StoredMessage;
import org.historian.testing.Aria2;
import org.historian.testing.Libtorrent;
import org.historian.testing.LocalTracker;
import org.historian.torrent.BtTorrentEngine;
import org.historian.torrent.EngineStatus;
import org.historian.torrent.MadeTorrent;
import org.historian.torrent.PieceHashCache;
import org.historian.torrent.PieceHashes;
import org.historian.torrent.PieceHasher;
import org.historian.torrent.TorrentMaker;
import org.historian.torrent.TorrentSettings;

/**
 * Two measurements, each beside its baseline in the same run:
 * <ol>
 * <li>Seeding throughput: aria2c downloads a 200 MB community archive torrent over 127.0.0.1
 * from Historian, and the same torrent from an aria2c seeder (median of three each, alternating).</li>
 * <li>libtorrent (Debian's python3-libtorrent) downloads the same torrent from Historian and from a
 * libtorrent seeder, with each handshake: libtorrent's defaults (MSE offered, uTP tried first),
 * the same over TCP at once, MSE off, RC4 required; time to the first byte and rate.</li>
 * <li>Incremental hashing: a 2 GB data file is hashed in full, a week (20 MB) is appended, and the
 * torrent's pieces are hashed again with the cache, against hashing the whole folder again.</li>
 * </ol>
 * Run with {@code mvn -B -Pbench verify}; {@code -Dbench.torrentMegabytes} and
 * {@code -Dbench.hashGigabytes} change the sizes.
 */
public final class TorrentBenchmark {
    private static final CommunityId ID =
            CommunityId.parse("0x0279be667ef9dcbbac55a06295ce870b07029bfcdb2dce28d959f2815b16f81798");
    private static final ContentTopic TOPIC = ContentTopic.parse("0x1a2b3c4d");
    private static final long START = 1_577_836_800L;
    private static final long WEEK = 7 * 86_400L;
    private static final int ROUNDS = 3;

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(System.getProperty("bench.dir", "target/bench-torrent")).toAbsolutePath();
        deleteRecursively(dir);
        Files.createDirectories(dir);
        seedingThroughput(dir.resolve("seed"), Integer.getInteger("bench.torrentMegabytes", 200));
        libtorrentThroughput(dir.resolve("libtorrent"), Integer.getInteger("bench.torrentMegabytes", 200));
        incrementalHashing(dir.resolve("hash"), Integer.getInteger("bench.hashGigabytes", 2));
        deleteRecursively(dir);
    }

    private static void seedingThroughput(Path dir, int megabytes) throws Exception {
        Path ownerRoot = dir.resolve("owner");
        writeArchives(ownerRoot, 10, megabytes * 1_000_000L / 10);
        ArchiveFolder folder = ArchiveFolder.of(ownerRoot, ID);
        long bytes = Files.size(folder.data()) + Files.size(folder.index());
        List<Double> fromHistorian = new ArrayList<>();
        List<Double> fromAria2 = new ArrayList<>();
        try (LocalTracker historianTracker = new LocalTracker();
             LocalTracker aria2Tracker = new LocalTracker();
             BtTorrentEngine engine = new BtTorrentEngine(ownerRoot, Clock.systemUTC())) {
            MadeTorrent viaHistorian = TorrentMaker.make(folder.community(), new PieceHasher(PieceHashCache.NONE).hash(folder.community(), folder.directory()),
                    List.of(historianTracker.url()), "bench", Instant.now());
            MadeTorrent viaAria2 = TorrentMaker.make(folder.community(), viaHistorian.pieces(), List.of(aria2Tracker.url()), "bench", Instant.now());
            EngineStatus status = engine.start(TorrentSettings.loopback(List.of(historianTracker.url())));
            engine.seed(ID, viaHistorian.bytes());
            historianTracker.addPeer(viaHistorian.infoHash().hex(), status.port());

            Path seederTorrent = dir.resolve("aria2-seeder.torrent");
            Files.write(seederTorrent, viaAria2.bytes());
            int seederPort = freePort();
            Process seeder = Aria2.start(Files.createDirectories(dir.resolve("aria2-seeder")), "--dir=" + ownerRoot,
                    "--listen-port=" + seederPort, "--check-integrity=true", "--seed-ratio=0.0", "--seed-time=30",
                    seederTorrent.toString());
            aria2Tracker.addPeer(viaAria2.infoHash().hex(), seederPort);
            try {
                waitForSeeding(engine);
                for (int round = 0; round < ROUNDS; round++) {
                    if (round % 2 == 0) {
                        fromHistorian.add(download(dir, "h" + round, viaHistorian.bytes()));
                        fromAria2.add(download(dir, "a" + round, viaAria2.bytes()));
                    } else {
                        fromAria2.add(download(dir, "a" + round, viaAria2.bytes()));
                        fromHistorian.add(download(dir, "h" + round, viaHistorian.bytes()));
                    }
                }
            } finally {
                seeder.destroy();
                seeder.waitFor(10, TimeUnit.SECONDS);
            }
        }
        double historianRate = bytes / 1e6 / median(fromHistorian);
        double aria2Rate = bytes / 1e6 / median(fromAria2);
        System.out.printf("seeding: aria2c downloads %.0f MB over 127.0.0.1%n", bytes / 1e6);
        System.out.printf("  from Historian (Bt): median %.2f s, %.0f MB/s (all: %s)%n", median(fromHistorian), historianRate,
                format(fromHistorian));
        System.out.printf("  from aria2c:         median %.2f s, %.0f MB/s (all: %s)%n", median(fromAria2), aria2Rate,
                format(fromAria2));
        System.out.printf("  ratio Historian/aria2c: %.2f (target >= 0.80)%n", historianRate / aria2Rate);
    }

    private static void libtorrentThroughput(Path dir, int megabytes) throws Exception {
        Path ownerRoot = dir.resolve("owner");
        writeArchives(ownerRoot, 10, megabytes * 1_000_000L / 10);
        ArchiveFolder folder = ArchiveFolder.of(ownerRoot, ID);
        long bytes = Files.size(folder.data()) + Files.size(folder.index());
        MadeTorrent torrent = TorrentMaker.make(folder.community(), new PieceHasher(PieceHashCache.NONE).hash(folder.community(), folder.directory()), List.of(), "bench",
                Instant.now());
        Path torrentFile = dir.resolve("bench.torrent");
        Files.write(torrentFile, torrent.bytes());
        List<String> modes = List.of("default", "default-tcp", "plaintext", "rc4");
        System.out.printf("libtorrent 2.0 downloads %.0f MB over 127.0.0.1 (median of %d; first byte / whole download / rate)%n",
                bytes / 1e6, ROUNDS);
        try (BtTorrentEngine engine = new BtTorrentEngine(ownerRoot, Clock.systemUTC())) {
            EngineStatus status = engine.start(TorrentSettings.loopback(List.of()));
            engine.seed(ID, torrent.bytes());
            waitForSeeding(engine);
            for (String mode : modes) {
                List<Libtorrent.Download> fromHistorian = new ArrayList<>();
                List<Libtorrent.Download> fromLibtorrent = new ArrayList<>();
                for (int round = 0; round < ROUNDS; round++) {
                    fromHistorian.add(libtorrentDownload(torrentFile, dir.resolve("h-" + mode + round), mode, status.port()));
                    try (Libtorrent seeder = Libtorrent.seed(torrentFile, ownerRoot, mode.equals("rc4") ? "rc4" : "default")) {
                        fromLibtorrent.add(libtorrentDownload(torrentFile, dir.resolve("l-" + mode + round), mode, seeder.port()));
                    }
                }
                double historian = median(fromHistorian.stream().map(Libtorrent.Download::seconds).toList());
                double libtorrent = median(fromLibtorrent.stream().map(Libtorrent.Download::seconds).toList());
                System.out.printf("  %-12s from Historian: %5.2f s / %5.2f s / %4.0f MB/s;  from libtorrent: %5.2f s / %5.2f s / %4.0f MB/s;"
                                + "  ratio %.2f%n", mode,
                        median(fromHistorian.stream().map(Libtorrent.Download::firstByteSeconds).toList()), historian,
                        bytes / 1e6 / historian,
                        median(fromLibtorrent.stream().map(Libtorrent.Download::firstByteSeconds).toList()), libtorrent,
                        bytes / 1e6 / libtorrent, libtorrent / historian);
            }
        }
    }

    private static Libtorrent.Download libtorrentDownload(Path torrent, Path save, String mode, int port) throws Exception {
        Libtorrent.Download download = Libtorrent.download(torrent, save, mode, port, 1, false, 600).get(0);
        if (!download.done()) {
            throw new IllegalStateException("libtorrent (" + mode + ") did not complete: " + download.why());
        }
        deleteRecursively(save);
        return download;
    }

    /** One aria2c download of the torrent into a fresh folder; returns the seconds it took. */
    private static double download(Path dir, String name, byte[] torrent) throws Exception {
        Path target = Files.createDirectories(dir.resolve("download-" + name));
        Path file = target.resolve("bench.torrent");
        Files.write(file, torrent);
        long started = System.nanoTime();
        Aria2.run(target, 600, "--dir=" + target, "--seed-time=0", "--bt-tracker-interval=1", "--bt-max-peers=1",
                file.toString());
        double taken = seconds(started);
        deleteRecursively(target);
        return taken;
    }

    private static void waitForSeeding(BtTorrentEngine engine) throws InterruptedException {
        for (int i = 0; i < 600; i++) {
            var stats = engine.stats(ID);
            if (stats.isPresent() && stats.get().state() == org.historian.torrent.SeedingStats.State.SEEDING) {
                return;
            }
            TimeUnit.MILLISECONDS.sleep(100);
        }
        throw new IllegalStateException("Historian did not start seeding");
    }

    private static void incrementalHashing(Path dir, int gigabytes) throws IOException {
        ArchiveFolder folder = ArchiveFolder.of(dir, ID);
        Files.createDirectories(folder.directory());
        long weekBytes = 20L * ArchiveFormat.PIECE_LENGTH * 10; // 20,480,000 bytes: a busy community's week
        long dataBytes = (long) gigabytes * 1_000_000_000L / ArchiveFormat.PIECE_LENGTH * ArchiveFormat.PIECE_LENGTH;
        appendNoise(folder.data(), dataBytes, 1);
        Files.write(folder.index(), new byte[2_000]);
        class Memory implements PieceHashCache {
            Entry entry;

            @Override
            public java.util.Optional<Entry> load(CommunityId community) {
                return java.util.Optional.ofNullable(entry);
            }

            @Override
            public void save(CommunityId community, Entry saved) {
                entry = saved;
            }
        }
        Memory cache = new Memory();
        long started = System.nanoTime();
        new PieceHasher(cache).hash(folder.community(), folder.directory());
        double first = seconds(started);

        appendNoise(folder.data(), weekBytes, 2);
        Files.write(folder.index(), new byte[2_100]);
        started = System.nanoTime();
        PieceHashes incremental = new PieceHasher(cache).hash(folder.community(), folder.directory());
        double incrementalSeconds = seconds(started);
        started = System.nanoTime();
        PieceHashes full = new PieceHasher(PieceHashCache.NONE).hash(folder.community(), folder.directory());
        double fullSeconds = seconds(started);
        if (!java.util.Arrays.equals(incremental.hashes(), full.hashes())) {
            throw new IllegalStateException("incremental and full hashes differ");
        }
        System.out.printf("hashing a %.2f GB data file: first full hash %.2f s (%.0f MB/s)%n", dataBytes / 1e9, first,
                dataBytes / 1e6 / first);
        System.out.printf("  after appending %.1f MB: incremental %.3f s (%,d bytes read), full re-hash %.2f s; %.0fx faster%n",
                weekBytes / 1e6, incrementalSeconds, incremental.hashedBytes(), fullSeconds, fullSeconds / incrementalSeconds);
    }

    private static void appendNoise(Path file, long bytes, long seed) throws IOException {
        byte[] block = new byte[1 << 20];
        new Random(seed).nextBytes(block);
        try (OutputStream out = Files.newOutputStream(file, StandardOpenOption.CREATE, StandardOpenOption.APPEND)) {
            for (long written = 0; written < bytes; written += block.length) {
                out.write(block, 0, (int) Math.min(block.length, bytes - written));
                block[0]++;
            }
        }
    }

    /** Archives {@code weeks} weeks of generated messages, about {@code bytesPerWeek} each, without holding them. */
    private static void writeArchives(Path root, int weeks, long bytesPerWeek) throws IOException {
        int payload = 1000;
        long perWeek = bytesPerWeek / payload;
        ArchiveMessageSource source = (topics, from, to) -> new Cursor<>() {
            private final Random random = new Random(from);
            private long i;

            @Override
            public EncodedMessage next() {
                if (i == perWeek) {
                    return null;
                }
                byte[] bytes = new byte[payload];
                random.nextBytes(bytes);
                long timestamp = from + i * (to - from) / perWeek;
                byte[] hash = Keccak256.hash(ByteBuffer.allocate(16).putLong(from).putLong(i++).array());
                return new StoredMessage(new byte[0], timestamp, TOPIC.bytes(), bytes, new byte[0], hash, "").toEncoded();
            }

            @Override
            public void close() {
            }
        };
        new ArchiveWriter(new DiskFileSystem()).run(ArchiveFolder.of(root, ID),
                new ArchiveRunRequest(ID, List.of(TOPIC), START, START + weeks * WEEK, WEEK, false), source, RunListener.NONE);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
