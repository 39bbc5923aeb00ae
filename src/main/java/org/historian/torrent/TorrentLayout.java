package org.historian.torrent;

import java.util.List;
import org.historian.model.FolderLayout;
import org.historian.model.CommunityId;

/**
 * What a community archive torrent must look like before any of it touches the disk: name
 * {@code 0x<community id>}, exactly the files {@code data} and {@code index}, piece length
 * 102400, and sizes within bounds. Torrents come from untrusted peers and links.
 *
 * @param pieceCount the number of piece hashes the torrent carries
 */
public record TorrentLayout(String name, long pieceLength, List<FileEntry> files, long pieceCount) {
    /** Largest {@code data} accepted: years of a busy community, far below anything absurd. */
    public static final long MAX_DATA_BYTES = 32L * 1024 * 1024 * 1024;

    /** One file of the torrent as it declares it. */
    public record FileEntry(List<String> path, long length) {
        public FileEntry {
            path = List.copyOf(path);
        }
    }

    public TorrentLayout {
        files = List.copyOf(files);
    }

    /**
     * Checks the layout against the community the torrent is expected to carry.
     *
     * @return the lengths of {@code data} and {@code index}
     * @throws UnsafeTorrentException saying exactly which rule the torrent breaks
     */
    public long[] validate(CommunityId expected) throws UnsafeTorrentException {
        for (FileEntry file : files) {
            for (String element : file.path()) {
                if (element.equals("..") || element.equals(".") || element.isEmpty() || element.contains("/")
                        || element.contains("\\") || element.contains("\0") || element.matches("^[A-Za-z]:.*")) {
                    throw new UnsafeTorrentException("torrent file path " + String.join("/", file.path())
                            + " could escape the community's folder; refusing the torrent");
                }
            }
        }
        if (!name.matches("0x[0-9a-f]{66}")) {
            throw new UnsafeTorrentException("torrent name \"" + printable(name) + "\" is not 0x followed by 66 hex digits, "
                    + "so it is not a community archive torrent");
        }
        if (expected != null && !name.equals(expected.hex())) {
            throw new UnsafeTorrentException("torrent is for community " + name + ", not " + expected);
        }
        if (pieceLength != FolderLayout.PIECE_LENGTH) {
            throw new UnsafeTorrentException("torrent piece length is " + pieceLength + ", but community archives use "
                    + FolderLayout.PIECE_LENGTH);
        }
        if (files.size() != 2 || !files.get(0).path().equals(List.of("data")) || !files.get(1).path().equals(List.of("index"))) {
            throw new UnsafeTorrentException("torrent files are " + files.stream().map(f -> String.join("/", f.path())).toList()
                    + ", but a community archive torrent has exactly [data, index]");
        }
        long data = files.get(0).length();
        long index = files.get(1).length();
        if (data < 0 || index < 0) {
            throw new UnsafeTorrentException("torrent declares a negative file length");
        }
        if (data > MAX_DATA_BYTES) {
            throw new UnsafeTorrentException("torrent data is " + data + " bytes, over the limit of " + MAX_DATA_BYTES);
        }
        if (index > FolderLayout.MAX_INDEX_BYTES) {
            throw new UnsafeTorrentException("torrent index is " + index + " bytes, over the limit of " + FolderLayout.MAX_INDEX_BYTES);
        }
        long expectedPieces = (data + index + pieceLength - 1) / pieceLength;
        if (pieceCount != expectedPieces) {
            throw new UnsafeTorrentException("torrent has " + pieceCount + " piece hashes, but its " + (data + index)
                    + " bytes need " + expectedPieces);
        }
        return new long[]{data, index};
    }

    private static String printable(String text) {
        String shown = text.length() > 80 ? text.substring(0, 77) + "..." : text;
        return shown.codePoints().map(c -> Character.isISOControl(c) ? '?' : c)
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
    }
}
