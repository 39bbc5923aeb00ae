package org.historian.torrent;

import bt.bencoding.model.BEObject;
import bt.bencoding.serializers.BEParser;
import bt.bencoding.types.BEInteger;
import bt.bencoding.types.BEList;
import bt.bencoding.types.BEMap;
import bt.bencoding.types.BEString;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.historian.model.CommunityId;

/**
 * A parsed .torrent file: its info-hash, layout and trackers. Parsing checks structure and
 * bounds; {@link #validate} checks the community archive rules.
 */
public record TorrentMetadata(InfoHash infoHash, TorrentLayout layout, byte[] pieces, List<String> trackers, String createdBy,
                              Long creationDate) {
    /** Largest .torrent accepted: a 32 GiB folder has about 330,000 pieces, 6.7 MB of hashes. */
    public static final int MAX_TORRENT_BYTES = 8 * 1024 * 1024;

    public TorrentMetadata {
        trackers = List.copyOf(trackers);
    }

    /**
     * Parses untrusted bytes.
     *
     * @throws UnsafeTorrentException saying what is malformed
     */
    public static TorrentMetadata parse(byte[] bytes) throws UnsafeTorrentException {
        if (bytes.length > MAX_TORRENT_BYTES) {
            throw new UnsafeTorrentException("torrent file is " + bytes.length + " bytes, over the limit of " + MAX_TORRENT_BYTES);
        }
        BEMap root;
        try (BEParser parser = new BEParser(bytes)) {
            root = parser.readMap();
        } catch (RuntimeException e) {
            throw new UnsafeTorrentException("not a torrent file: not a bencoded dictionary (" + e.getMessage() + ")", e);
        } catch (StackOverflowError e) {
            throw new UnsafeTorrentException("not a torrent file: lists or dictionaries nested too deeply", null);
        }
        Map<String, BEObject<?>> fields = root.getValue();
        if (!(fields.get("info") instanceof BEMap info)) {
            throw new UnsafeTorrentException("not a torrent file: it has no info dictionary");
        }
        Map<String, BEObject<?>> infoFields = info.getValue();
        String name = string(infoFields, "name");
        long pieceLength = integer(infoFields, "piece length");
        byte[] pieces = bytes(infoFields, "pieces");
        if (pieces.length % 20 != 0) {
            throw new UnsafeTorrentException("torrent pieces field is " + pieces.length + " bytes, not a multiple of 20");
        }
        if (infoFields.containsKey("length")) {
            throw new UnsafeTorrentException("torrent is a single-file torrent, but a community archive torrent has the files data and index");
        }
        if (!(infoFields.get("files") instanceof BEList files)) {
            throw new UnsafeTorrentException("torrent has no files list");
        }
        List<TorrentLayout.FileEntry> entries = new ArrayList<>();
        for (BEObject<?> file : files.getValue()) {
            if (!(file instanceof BEMap fileMap)) {
                throw new UnsafeTorrentException("torrent files list holds something that is not a dictionary");
            }
            long length = integer(fileMap.getValue(), "length");
            if (!(fileMap.getValue().get("path") instanceof BEList path)) {
                throw new UnsafeTorrentException("a torrent file has no path");
            }
            List<String> elements = new ArrayList<>();
            for (BEObject<?> element : path.getValue()) {
                if (!(element instanceof BEString s)) {
                    throw new UnsafeTorrentException("a torrent file path holds something that is not a string");
                }
                elements.add(new String(s.getValue(), StandardCharsets.UTF_8));
            }
            entries.add(new TorrentLayout.FileEntry(elements, length));
        }
        List<String> trackers = new ArrayList<>();
        if (fields.get("announce-list") instanceof BEList tiers) {
            for (BEObject<?> tier : tiers.getValue()) {
                if (tier instanceof BEList urls) {
                    for (BEObject<?> url : urls.getValue()) {
                        if (url instanceof BEString s && trackers.size() < MagnetLink.MAX_TRACKERS) {
                            trackers.add(new String(s.getValue(), StandardCharsets.UTF_8));
                        }
                    }
                }
            }
        } else if (fields.get("announce") instanceof BEString announce) {
            trackers.add(new String(announce.getValue(), StandardCharsets.UTF_8));
        }
        String createdBy = fields.get("created by") instanceof BEString s ? new String(s.getValue(), StandardCharsets.UTF_8) : null;
        Long creationDate = fields.get("creation date") instanceof BEInteger i ? i.getValue().longValue() : null;
        TorrentLayout layout = new TorrentLayout(name, pieceLength, entries, pieces.length / 20);
        return new TorrentMetadata(InfoHash.ofInfoDictionary(info.getContent()), layout, pieces, trackers, createdBy, creationDate);
    }

    /** The magnet link of this torrent, as spec §4 writes it. */
    public MagnetLink magnet() {
        return new MagnetLink(infoHash, layout.name(), trackers, List.of());
    }

    public void validate(CommunityId expected) throws UnsafeTorrentException {
        layout.validate(expected);
    }

    private static String string(Map<String, BEObject<?>> fields, String key) throws UnsafeTorrentException {
        return new String(bytes(fields, key), StandardCharsets.UTF_8);
    }

    private static byte[] bytes(Map<String, BEObject<?>> fields, String key) throws UnsafeTorrentException {
        if (!(fields.get(key) instanceof BEString s)) {
            throw new UnsafeTorrentException("torrent info has no \"" + key + "\" string");
        }
        return s.getValue();
    }

    private static long integer(Map<String, BEObject<?>> fields, String key) throws UnsafeTorrentException {
        if (!(fields.get(key) instanceof BEInteger i)) {
            throw new UnsafeTorrentException("torrent has no \"" + key + "\" integer");
        }
        try {
            return i.longValueExact();
        } catch (ArithmeticException e) {
            throw new UnsafeTorrentException("torrent \"" + key + "\" is out of range", e);
        }
    }
}
