package org.historian.torrent;

/** A .torrent file Historian made for a community folder. */
public record MadeTorrent(byte[] bytes, InfoHash infoHash, MagnetLink magnet, PieceHashes pieces) {
}
