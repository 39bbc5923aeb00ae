package org.historian.torrent;

/** A torrent or magnet link that breaks a rule of community archive torrents; nothing was written. */
public class UnsafeTorrentException extends Exception {
    public UnsafeTorrentException(String message) {
        super(message);
    }

    public UnsafeTorrentException(String message, Throwable cause) {
        super(message, cause);
    }
}
