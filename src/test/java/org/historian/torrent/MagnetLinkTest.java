package org.historian.torrent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class MagnetLinkTest {
    private static final String HASH = "c12fe1c06bba254a9dc9f519b335aa7c1367a88a";
    private static final String DN = "0x0279be667ef9dcbbac55a06295ce870b07029bfcdb2dce28d959f2815b16f81798";

    @Test
    void parsesAndFormatsTheSpecForm() {
        String link = "magnet:?xt=urn:btih:" + HASH + "&dn=" + DN + "&tr=udp%3A%2F%2Ftracker.opentrackr.org%3A1337%2Fannounce";
        MagnetLink magnet = MagnetLink.parse(link);
        assertThat(magnet.infoHash().hex()).isEqualTo(HASH);
        assertThat(magnet.displayName()).isEqualTo(DN);
        assertThat(magnet.trackers()).containsExactly("udp://tracker.opentrackr.org:1337/announce");
        assertThat(magnet.format()).isEqualTo(link);
    }

    @Test
    void acceptsUpperCaseHexBase32PeersAndUnknownParameters() {
        MagnetLink magnet = MagnetLink.parse("  MAGNET:?xt=urn:btih:" + HASH.toUpperCase() + "&xl=10&x.pe=127.0.0.1:6881&x.pe=%5B%3A%3A1%5D%3A80 ");
        assertThat(magnet.infoHash().hex()).isEqualTo(HASH);
        assertThat(magnet.peers()).containsExactly(new MagnetLink.PeerAddress("127.0.0.1", 6881), new MagnetLink.PeerAddress("::1", 80));
        // The same hash in base32 (BEP 9).
        assertThat(MagnetLink.parse("magnet:?xt=urn:btih:YEX6DQDLXISUVHOJ6UM3GNNKPQJWPKEK").infoHash().hex()).isEqualTo(HASH);
    }

    @Test
    void escapesLikeGo() {
        MagnetLink magnet = new MagnetLink(new InfoHash(HASH), "a b~*", List.of("http://t.example/a?x=1&y=2"), List.of());
        assertThat(magnet.format()).isEqualTo("magnet:?xt=urn:btih:" + HASH + "&dn=a+b~%2A&tr=http%3A%2F%2Ft.example%2Fa%3Fx%3D1%26y%3D2");
        assertThat(MagnetLink.parse(magnet.format())).isEqualTo(magnet);
    }

    @Test
    void refusesWhatIsNotAValidV1MagnetLink() {
        assertThatThrownBy(() -> MagnetLink.parse("")).hasMessage("magnet link is empty");
        assertThatThrownBy(() -> MagnetLink.parse("http://example.com")).hasMessage("not a magnet link: it must start with magnet:?");
        assertThatThrownBy(() -> MagnetLink.parse("magnet:?dn=x")).hasMessage("magnet link has no xt=urn:btih: info-hash");
        assertThatThrownBy(() -> MagnetLink.parse("magnet:?xt=urn:btih:1234")).hasMessageStartingWith("magnet link xt must be urn:btih:");
        assertThatThrownBy(() -> MagnetLink.parse("magnet:?xt=urn:btmh:1220" + "a".repeat(64))).hasMessageContaining("BitTorrent v2");
        assertThatThrownBy(() -> MagnetLink.parse("magnet:?xt=urn:btih:" + HASH + "&xt=urn:btih:" + "0".repeat(40)))
                .hasMessage("magnet link names two different info-hashes");
        assertThatThrownBy(() -> MagnetLink.parse("magnet:?xt=urn:btih:" + HASH + "&dn=%ZZ")).hasMessageContaining("malformed percent-escape");
        assertThatThrownBy(() -> MagnetLink.parse("magnet:?xt=urn:btih:" + HASH + "&dn")).hasMessageContaining("has no value");
        assertThatThrownBy(() -> MagnetLink.parse("magnet:?xt=urn:btih:" + HASH + "&tr=file%3A%2F%2F%2Fetc%2Fpasswd"))
                .hasMessageContaining("must be a udp://, http:// or https:// URL");
        assertThatThrownBy(() -> MagnetLink.parse("magnet:?xt=urn:btih:" + HASH + "&x.pe=nope")).hasMessageContaining("is not host:port");
        assertThatThrownBy(() -> MagnetLink.parse("magnet:?xt=urn:btih:" + HASH + "&x.pe=1.2.3.4:70000"))
                .hasMessageContaining("not between 1 and 65535");
        assertThatThrownBy(() -> MagnetLink.parse("magnet:?xt=urn:btih:" + HASH + "&dn=" + "x".repeat(9000)))
                .hasMessageContaining("over the limit of 8192");
        StringBuilder many = new StringBuilder("magnet:?xt=urn:btih:" + HASH);
        for (int i = 0; i < 33; i++) {
            many.append("&tr=udp%3A%2F%2Ft").append(i).append(".example%3A1");
        }
        assertThatThrownBy(() -> MagnetLink.parse(many.toString())).hasMessage("magnet link has more than 32 trackers");
    }
}
