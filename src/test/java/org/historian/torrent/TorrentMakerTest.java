package org.historian.torrent;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import org.historian.archive.ArchiveFolder;
import org.historian.model.CommunityId;
import org.historian.testing.Aria2;
import org.historian.testing.ArchiveFolders;
import org.historian.testing.TestData;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The .torrent and magnet link of spec §4, checked against independent computations. */
class TorrentMakerTest {
    private static final CommunityId ID = TestData.communityId(5);

    @TempDir
    Path temp;

    private ArchiveFolder folder;

    @BeforeEach
    void archiveTwoWeeks() throws Exception {
        ArchiveFolders.archiveWeeks(temp, ID, ArchiveFolders.weeksOfMessages(2, 250_000, 3), 0, 2);
        folder = ArchiveFolder.of(temp, ID);
    }

    private MadeTorrent make(List<String> trackers) throws Exception {
        return TorrentMaker.make(ID, new PieceHasher(PieceHashCache.NONE).hash(ID, folder.directory()), trackers, "0x04abcd",
                Instant.parse("2024-01-01T00:00:00Z"));
    }

    /** The info dictionary written by hand in the test, hashed with the JDK: what status-go would hash. */
    private byte[] handBuiltInfoDictionary() throws Exception {
        byte[] data = Files.readAllBytes(folder.data());
        byte[] index = Files.readAllBytes(folder.index());
        byte[] all = new byte[data.length + index.length];
        System.arraycopy(data, 0, all, 0, data.length);
        System.arraycopy(index, 0, all, data.length, index.length);
        ByteArrayOutputStream pieces = new ByteArrayOutputStream();
        for (int offset = 0; offset < all.length; offset += 102400) {
            MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
            sha1.update(all, offset, Math.min(102400, all.length - offset));
            pieces.write(sha1.digest());
        }
        ByteArrayOutputStream info = new ByteArrayOutputStream();
        info.write(("d5:filesld6:lengthi" + data.length + "e4:pathl4:dataeed6:lengthi" + index.length
                + "e4:pathl5:indexeee4:name68:" + ID.hex() + "12:piece lengthi102400e6:pieces" + pieces.size() + ":")
                .getBytes(StandardCharsets.US_ASCII));
        pieces.writeTo(info);
        info.write('e');
        return info.toByteArray();
    }

    @Test
    void theInfoHashIsTheSha1OfTheStatusGoInfoDictionary() throws Exception {
        MadeTorrent made = make(TorrentSettings.DEFAULT_TRACKERS);
        byte[] expectedInfo = handBuiltInfoDictionary();
        assertThat(made.infoHash().hex())
                .isEqualTo(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(expectedInfo)));
        // The info dictionary appears verbatim inside the file.
        String file = new String(made.bytes(), StandardCharsets.ISO_8859_1);
        assertThat(file).contains(new String(expectedInfo, StandardCharsets.ISO_8859_1));
    }

    @Test
    void theOuterDictionaryHasExactlyTheStatusGoKeys() throws Exception {
        MadeTorrent made = make(TorrentSettings.DEFAULT_TRACKERS);
        String file = new String(made.bytes(), StandardCharsets.ISO_8859_1);
        assertThat(file).startsWith("d13:announce-listll42:udp://tracker.opentrackr.org:1337/announceel"
                + "46:udp://tracker.openbittorrent.com:6969/announceee10:created by8:0x04abcd13:creation datei1704067200e4:infod5:files");
        assertThat(file).doesNotContain("8:announce4:").doesNotContain("7:private").doesNotContain("6:lengthi" + "0e4:name");
        TorrentMetadata parsed = TorrentMetadata.parse(made.bytes());
        assertThat(parsed.infoHash()).isEqualTo(made.infoHash());
        assertThat(parsed.trackers()).isEqualTo(TorrentSettings.DEFAULT_TRACKERS);
        assertThat(parsed.createdBy()).isEqualTo("0x04abcd");
        assertThat(parsed.creationDate()).isEqualTo(1704067200L);
    }

    @Test
    void theMagnetLinkHasTheExactFormOfTheSpec() throws Exception {
        MadeTorrent made = make(TorrentSettings.DEFAULT_TRACKERS);
        assertThat(made.magnet().format()).isEqualTo("magnet:?xt=urn:btih:" + made.infoHash().hex() + "&dn=" + ID.hex()
                + "&tr=udp%3A%2F%2Ftracker.opentrackr.org%3A1337%2Fannounce"
                + "&tr=udp%3A%2F%2Ftracker.openbittorrent.com%3A6969%2Fannounce");
        assertThat(MagnetLink.parse(made.magnet().format())).isEqualTo(made.magnet());
        assertThat(TorrentMetadata.parse(made.bytes()).magnet()).isEqualTo(made.magnet());
    }

    @Test
    void withoutTrackersThereIsNoAnnounceList() throws Exception {
        MadeTorrent made = make(List.of());
        assertThat(new String(made.bytes(), StandardCharsets.ISO_8859_1)).startsWith("d10:created by");
        assertThat(made.magnet().format()).isEqualTo("magnet:?xt=urn:btih:" + made.infoHash().hex() + "&dn=" + ID.hex());
    }

    @Test
    void aria2cReadsTheSameInfoHashAndFiles() throws Exception {
        MadeTorrent made = make(TorrentSettings.DEFAULT_TRACKERS);
        Path file = temp.resolve("community.torrent");
        Files.write(file, made.bytes());
        assertThat(Aria2.infoHashOf(file)).isEqualTo(made.infoHash().hex());
        String listing = Aria2.show(file);
        assertThat(listing).contains("Piece Length: 100KiB").contains(ID.hex() + "/data").contains(ID.hex() + "/index");
    }
}
