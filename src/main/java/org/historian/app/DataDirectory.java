package org.historian.app;

import java.io.IOException;
import java.nio.file.Path;
import org.historian.model.LocalFiles;

/**
 * The layout of a data directory: {@code historian.db}, {@code archivedata/0x<id>/{data,index}},
 * {@code torrents/0x<id>.torrent}, {@code logs/}. Every directory is owner-only (0700).
 */
public record DataDirectory(Path root) {

    /** {@code $XDG_DATA_HOME/historian}, or {@code ~/.local/share/historian}. */
    public static Path defaultRoot() {
        String xdg = System.getenv("XDG_DATA_HOME");
        Path base = xdg != null && !xdg.isBlank() && Path.of(xdg).isAbsolute()
                ? Path.of(xdg)
                : Path.of(System.getProperty("user.home"), ".local", "share");
        return base.resolve("historian");
    }

    public Path database() {
        return root.resolve("historian.db");
    }

    public Path archiveRoot() {
        return root.resolve("archivedata");
    }

    /** A community's folder: {@code archivedata/0x<id>}, holding {@code data} and {@code index}. */
    public Path archiveFolder(org.historian.model.CommunityId community) {
        return archiveRoot().resolve(community.hex());
    }

    public Path torrentRoot() {
        return root.resolve("torrents");
    }

    public Path logs() {
        return root.resolve("logs");
    }

    /** Creates the directories (owner-only), tightening existing ones. */
    public DataDirectory prepare() throws IOException {
        LocalFiles.ensurePrivateDirectory(root);
        LocalFiles.ensurePrivateDirectory(archiveRoot());
        LocalFiles.ensurePrivateDirectory(torrentRoot());
        return this;
    }
}
