package org.historian.torrent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.historian.model.CommunityId;
import org.historian.testing.TestData;
import org.junit.jupiter.api.Test;

/** Every way a torrent from a peer or a file can be wrong is refused with a specific message. */
class TorrentMetadataTest {
    private static final CommunityId ID = TestData.communityId(8);

    /** A bencoded torrent with the given info fields (already bencoded, in key order). */
    private static byte[] torrent(String infoBody) {
        return ("d4:infod" + infoBody + "ee").getBytes(StandardCharsets.ISO_8859_1);
    }

    private static String files(String... pathAndLength) {
        StringBuilder files = new StringBuilder("5:filesl");
        for (int i = 0; i < pathAndLength.length; i += 2) {
            String path = pathAndLength[i];
            StringBuilder elements = new StringBuilder();
            for (String element : path.split("\\|", -1)) {
                elements.append(element.length()).append(':').append(element);
            }
            files.append("d6:lengthi").append(pathAndLength[i + 1]).append("e4:pathl").append(elements).append("ee");
        }
        return files.append('e').toString();
    }

    private static String rest(String name, long pieceLength, int pieces) {
        return "4:name" + name.length() + ":" + name + "12:piece lengthi" + pieceLength + "e6:pieces" + (pieces * 20) + ":"
                + "x".repeat(pieces * 20);
    }

    private static TorrentMetadata parse(String infoBody) throws UnsafeTorrentException {
        return TorrentMetadata.parse(torrent(infoBody));
    }

    @Test
    void aValidLayoutPasses() throws Exception {
        TorrentMetadata metadata = parse(files("data", "204800", "index", "300") + rest(ID.hex(), 102400, 3));
        metadata.validate(ID);
        assertThat(metadata.layout().files()).hasSize(2);
    }

    @Test
    void pathTraversalIsRefused() {
        assertThatThrownBy(() -> parse(files("..|data", "204800", "index", "300") + rest(ID.hex(), 102400, 3)).validate(ID))
                .isInstanceOf(UnsafeTorrentException.class).hasMessageContaining("../data could escape the community's folder");
        assertThatThrownBy(() -> parse(files("a/b", "204800", "index", "300") + rest(ID.hex(), 102400, 3)).validate(ID))
                .hasMessageContaining("could escape");
        assertThatThrownBy(() -> parse(files("|etc|passwd", "204800", "index", "300") + rest(ID.hex(), 102400, 3)).validate(ID))
                .hasMessageContaining("could escape");
        assertThatThrownBy(() -> parse(files("C:x", "204800", "index", "300") + rest(ID.hex(), 102400, 3)).validate(ID))
                .hasMessageContaining("could escape");
    }

    @Test
    void theNameMustBeTheExpectedCommunity() {
        assertThatThrownBy(() -> parse(files("data", "204800", "index", "300") + rest("../../evil", 102400, 3)).validate(ID))
                .hasMessageContaining("is not 0x followed by 66 hex digits");
        CommunityId other = TestData.communityId(9);
        assertThatThrownBy(() -> parse(files("data", "204800", "index", "300") + rest(other.hex(), 102400, 3)).validate(ID))
                .hasMessage("torrent is for community " + other + ", not " + ID);
    }

    @Test
    void onlyDataAndIndexWithTheStatusPieceLength() {
        assertThatThrownBy(() -> parse(files("data", "262144", "index", "300") + rest(ID.hex(), 262144, 2)).validate(ID))
                .hasMessage("torrent piece length is 262144, but community archives use 102400");
        assertThatThrownBy(() -> parse(files("data", "204800", "index", "300", "extra", "1") + rest(ID.hex(), 102400, 3)).validate(ID))
                .hasMessageContaining("but a community archive torrent has exactly [data, index]");
        assertThatThrownBy(() -> parse(files("index", "300", "data", "204800") + rest(ID.hex(), 102400, 3)).validate(ID))
                .hasMessageContaining("exactly [data, index]");
        assertThatThrownBy(() -> parse("6:lengthi5e" + rest(ID.hex(), 102400, 1)))
                .hasMessageContaining("single-file torrent");
    }

    @Test
    void absurdSizesAndCountsAreRefused() {
        assertThatThrownBy(() -> parse(files("data", "204800", "index", "300") + rest(ID.hex(), 102400, 2)).validate(ID))
                .hasMessage("torrent has 2 piece hashes, but its 205100 bytes need 3");
        assertThatThrownBy(() -> parse(files("data", "99999999999999", "index", "300") + rest(ID.hex(), 102400, 1)).validate(ID))
                .hasMessageContaining("over the limit of " + TorrentLayout.MAX_DATA_BYTES);
        assertThatThrownBy(() -> parse(files("data", "0", "index", "99999999") + rest(ID.hex(), 102400, 977)).validate(ID))
                .hasMessageContaining("torrent index is 99999999 bytes, over the limit");
        assertThatThrownBy(() -> parse(files("data", "-5", "index", "300") + rest(ID.hex(), 102400, 1)).validate(ID))
                .hasMessage("torrent declares a negative file length");
        assertThatThrownBy(() -> parse(files("data", "204800", "index", "300") + "4:name1:x12:piece lengthi102400e6:pieces7:1234567"))
                .hasMessage("torrent pieces field is 7 bytes, not a multiple of 20");
        assertThatThrownBy(() -> TorrentMetadata.parse(new byte[TorrentMetadata.MAX_TORRENT_BYTES + 1]))
                .hasMessageContaining("over the limit of " + TorrentMetadata.MAX_TORRENT_BYTES);
    }

    @Test
    void malformedBencodingIsRefused() {
        assertThatThrownBy(() -> TorrentMetadata.parse("garbage".getBytes())).hasMessageStartingWith("not a torrent file");
        assertThatThrownBy(() -> TorrentMetadata.parse("d4:infod4:name".getBytes())).hasMessageStartingWith("not a torrent file");
        assertThatThrownBy(() -> TorrentMetadata.parse("d3:fooi1ee".getBytes())).hasMessage("not a torrent file: it has no info dictionary");
        assertThatThrownBy(() -> TorrentMetadata.parse("d4:infod4:name1:xee".getBytes())).hasMessage("torrent has no \"piece length\" integer");
        ByteArrayOutputStream deep = new ByteArrayOutputStream();
        deep.writeBytes("d4:info".getBytes());
        for (int i = 0; i < 200_000; i++) {
            deep.write('l');
        }
        assertThatThrownBy(() -> TorrentMetadata.parse(deep.toByteArray())).isInstanceOf(UnsafeTorrentException.class);
    }

    @Test
    void layoutsFromPeersGetTheSameChecks() {
        TorrentLayout layout = new TorrentLayout(ID.hex(), 102400, List.of(new TorrentLayout.FileEntry(List.of("data"), 0),
                new TorrentLayout.FileEntry(List.of(".."), 10)), 1);
        assertThatThrownBy(() -> layout.validate(ID)).hasMessageContaining(".. could escape");
    }
}
