package org.historian.torrent;

import bt.bencoding.model.BEObject;
import bt.bencoding.types.BEInteger;
import bt.bencoding.types.BEList;
import bt.bencoding.types.BEMap;
import bt.bencoding.types.BEString;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.historian.model.CommunityId;
import org.historian.model.FolderLayout;

/**
 * Builds a community's .torrent exactly as spec §4 describes: BitTorrent v1, name {@code 0x<id>},
 * files {@code data} then {@code index}, piece length 102400, no {@code private}, no
 * {@code length}; outside the info dictionary {@code announce-list} (one tier per tracker),
 * {@code created by} and {@code creation date}. The info dictionary holds only the folder's
 * content, so the same folder gives the same info-hash as status-go.
 */
public final class TorrentMaker {
    private TorrentMaker() {
    }

    public static MadeTorrent make(CommunityId community, PieceHashes pieces, List<String> trackers, String createdBy,
                                   Instant creationDate) {
        Map<String, BEObject<?>> info = new LinkedHashMap<>();
        info.put("files", new BEList(List.of(file(FolderLayout.DATA, pieces.dataLength()), file(FolderLayout.INDEX, pieces.indexLength()))));
        info.put("name", new BEString(community.hex()));
        info.put("piece length", new BEInteger(FolderLayout.PIECE_LENGTH));
        info.put("pieces", new BEString(pieces.hashes()));
        byte[] infoBytes = encode(new BEMap(info));

        Map<String, BEObject<?>> torrent = new LinkedHashMap<>();
        if (!trackers.isEmpty()) {
            torrent.put("announce-list", new BEList(trackers.stream().map(t -> new BEList(List.of(new BEString(t)))).toList()));
        }
        if (createdBy != null && !createdBy.isEmpty()) {
            torrent.put("created by", new BEString(createdBy));
        }
        torrent.put("creation date", new BEInteger(creationDate.getEpochSecond()));
        torrent.put("info", new BEMap(info));
        InfoHash infoHash = InfoHash.ofInfoDictionary(infoBytes);
        MagnetLink magnet = new MagnetLink(infoHash, community.hex(), trackers, List.of());
        return new MadeTorrent(encode(new BEMap(torrent)), infoHash, magnet, pieces);
    }

    private static BEMap file(String name, long length) {
        Map<String, BEObject<?>> file = new LinkedHashMap<>();
        file.put("length", new BEInteger(length));
        file.put("path", new BEList(List.of(new BEString(name))));
        return new BEMap(file);
    }

    /** Bencodes with Bt's encoder, which writes dictionary keys in sorted byte order as BEP 3 requires. */
    static byte[] encode(BEObject<?> object) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            object.writeTo(out);
        } catch (IOException e) {
            throw new UncheckedIOException("writing to memory cannot fail", e);
        }
        return out.toByteArray();
    }
}
