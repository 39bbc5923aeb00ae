package org.historian.torrent;

import com.google.common.io.BaseEncoding;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A BitTorrent v1 magnet link, in the exact form of spec §4:
 * {@code magnet:?xt=urn:btih:<40 lowercase hex>&dn=0x<id>&tr=<escaped>&tr=…} ({@code xt} first,
 * then the other parameters sorted by key, trackers in announce-list order).
 *
 * @param peers {@code x.pe} peer addresses; never part of a published link (trackers and the DHT
 *              find peers), but accepted and useful to point a fetch at a known seeder
 */
public record MagnetLink(InfoHash infoHash, String displayName, List<String> trackers, List<PeerAddress> peers) {
    /** Longest magnet link parsed; real ones are a few hundred characters. */
    public static final int MAX_LENGTH = 8192;
    public static final int MAX_TRACKERS = 32;
    public static final int MAX_PEERS = 64;

    private static final Pattern BTIH = Pattern.compile("urn:btih:([0-9a-fA-F]{40}|[A-Za-z2-7]{32})");
    private static final Pattern PEER = Pattern.compile("(\\[[0-9a-fA-F:.]+\\]|[A-Za-z0-9.-]+):(\\d{1,5})");

    /** A peer's host and port, not resolved. */
    public record PeerAddress(String host, int port) {
        public PeerAddress {
            Objects.requireNonNull(host, "host");
            if (port < 1 || port > 65535) {
                throw new IllegalArgumentException("port " + port + " is not between 1 and 65535");
            }
        }

        @Override
        public String toString() {
            return (host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host) + ":" + port;
        }
    }

    public MagnetLink {
        Objects.requireNonNull(infoHash, "infoHash");
        trackers = List.copyOf(trackers);
        peers = List.copyOf(peers);
    }

    public MagnetLink withPeers(List<PeerAddress> newPeers) {
        return new MagnetLink(infoHash, displayName, trackers, newPeers);
    }

    public MagnetLink withoutTrackers() {
        return new MagnetLink(infoHash, displayName, List.of(), peers);
    }

    /** The link as status-go writes it. */
    public String format() {
        StringBuilder uri = new StringBuilder("magnet:?xt=urn:btih:").append(infoHash.hex());
        if (displayName != null) {
            uri.append("&dn=").append(QueryEscape.escape(displayName));
        }
        for (String tracker : trackers) {
            uri.append("&tr=").append(QueryEscape.escape(tracker));
        }
        for (PeerAddress peer : peers) {
            uri.append("&x.pe=").append(QueryEscape.escape(peer.toString()));
        }
        return uri.toString();
    }

    @Override
    public String toString() {
        return format();
    }

    /**
     * Parses untrusted text.
     *
     * @throws IllegalArgumentException saying exactly what is wrong
     */
    public static MagnetLink parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("magnet link is empty");
        }
        String link = text.strip();
        if (link.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("magnet link is " + link.length() + " characters, over the limit of " + MAX_LENGTH);
        }
        if (!link.regionMatches(true, 0, "magnet:?", 0, 8)) {
            throw new IllegalArgumentException("not a magnet link: it must start with magnet:?");
        }
        InfoHash infoHash = null;
        String displayName = null;
        List<String> trackers = new ArrayList<>();
        List<PeerAddress> peers = new ArrayList<>();
        for (String parameter : link.substring(8).split("&")) {
            if (parameter.isEmpty()) {
                continue;
            }
            int equals = parameter.indexOf('=');
            if (equals <= 0) {
                throw new IllegalArgumentException("magnet link parameter \"" + abbreviate(parameter) + "\" has no value");
            }
            String key = parameter.substring(0, equals);
            String value;
            try {
                value = QueryEscape.unescape(parameter.substring(equals + 1));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("magnet link parameter " + key + ": " + e.getMessage(), e);
            }
            switch (key) {
                case "xt" -> {
                    if (value.startsWith("urn:btmh:")) {
                        throw new IllegalArgumentException("magnet link is for BitTorrent v2 (urn:btmh), but community archives use v1");
                    }
                    Matcher btih = BTIH.matcher(value);
                    if (!btih.matches()) {
                        throw new IllegalArgumentException("magnet link xt must be urn:btih: followed by 40 hex digits, got \""
                                + abbreviate(value) + "\"");
                    }
                    InfoHash parsed = decodeInfoHash(btih.group(1));
                    if (infoHash != null && !infoHash.equals(parsed)) {
                        throw new IllegalArgumentException("magnet link names two different info-hashes");
                    }
                    infoHash = parsed;
                }
                case "dn" -> displayName = value;
                case "tr" -> {
                    if (trackers.size() == MAX_TRACKERS) {
                        throw new IllegalArgumentException("magnet link has more than " + MAX_TRACKERS + " trackers");
                    }
                    trackers.add(validTracker(value));
                }
                case "x.pe" -> {
                    if (peers.size() == MAX_PEERS) {
                        throw new IllegalArgumentException("magnet link has more than " + MAX_PEERS + " peers");
                    }
                    peers.add(parsePeer(value));
                }
                default -> {
                    // Other parameters (xl, ws, so, ...) are legal and not needed here.
                }
            }
        }
        if (infoHash == null) {
            throw new IllegalArgumentException("magnet link has no xt=urn:btih: info-hash");
        }
        return new MagnetLink(infoHash, displayName, trackers, peers);
    }

    /** Parses {@code host:port} or {@code [ipv6]:port}. */
    public static PeerAddress parsePeer(String text) {
        Matcher matcher = PEER.matcher(text.strip());
        if (!matcher.matches()) {
            throw new IllegalArgumentException("peer \"" + abbreviate(text) + "\" is not host:port");
        }
        String host = matcher.group(1);
        if (host.startsWith("[")) {
            host = host.substring(1, host.length() - 1);
        }
        return new PeerAddress(host, Integer.parseInt(matcher.group(2)));
    }

    static String validTracker(String value) {
        URI uri;
        try {
            uri = new URI(value);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("tracker \"" + abbreviate(value) + "\" is not a URL");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!List.of("udp", "http", "https").contains(scheme) || uri.getHost() == null) {
            throw new IllegalArgumentException("tracker \"" + abbreviate(value) + "\" must be a udp://, http:// or https:// URL with a host");
        }
        return value;
    }

    private static InfoHash decodeInfoHash(String encoded) {
        if (encoded.length() == 40) {
            return new InfoHash(encoded.toLowerCase(Locale.ROOT));
        }
        // BEP 9 also allows 32 characters of base32.
        byte[] bytes = BaseEncoding.base32().decode(encoded.toUpperCase(Locale.ROOT));
        return InfoHash.of(bytes);
    }

    private static String abbreviate(String text) {
        return text.length() <= 60 ? text : text.substring(0, 57) + "...";
    }
}
