package org.historian.service;

import com.google.common.net.InetAddresses;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import org.historian.torrent.MagnetLink;
import org.historian.torrent.TorrentSettings;

/** Every setting an operator can change: its key, default, meaning and validation. */
public enum Setting {
    PROTOCOL_ENABLED("protocol.enabled", "true",
            "the history archive protocol: archive on schedule, seed and publish magnet links", Setting::bool),
    TORRENT_PORT("torrent.port", Integer.toString(TorrentSettings.DEFAULT_PORT),
            "TCP port for BitTorrent peers (and UDP for the DHT); 0 picks a free port", Setting::port),
    TORRENT_LISTEN_ADDRESS("torrent.listenAddress", "0.0.0.0",
            "address to listen on: 0.0.0.0 for all interfaces, 127.0.0.1 for this machine only", Setting::address),
    TORRENT_DHT("torrent.dht", "true",
            "join the public BitTorrent DHT (reveals this node's address and what it seeds)", Setting::bool),
    TORRENT_TRACKERS_ENABLED("torrent.trackersEnabled", "true",
            "announce to the trackers (reveals this node's address and what it seeds to them)", Setting::bool),
    TORRENT_ENCRYPTION("torrent.encryption", TorrentSettings.Encryption.PREFER_PLAINTEXT.word(),
            "encryption (MSE) with peers: prefer-plaintext or prefer-encrypted serve every peer, plaintext or encrypted; "
                    + "require-encrypted refuses peers that open in plaintext", value -> TorrentSettings.Encryption.parse(value)),
    TORRENT_TRACKERS("torrent.trackers", String.join(",", TorrentSettings.DEFAULT_TRACKERS),
            "comma-separated trackers written into torrents and magnet links (empty for none)", Setting::trackers),
    ARCHIVE_INTERVAL("archive.interval", "P7D",
            "time between archive runs and length of a partition, ISO-8601 (P7D is status-go's 7 days)", Setting::interval),
    MAGNET_REPUBLISH("magnet.republishPeriod", "P1D",
            "how often the current magnet link is published again for members who missed it, ISO-8601", Setting::republish),
    FETCH_STALL_TIMEOUT("fetch.stallTimeout", "PT2M",
            "a member fetch gives up when no piece arrives for this long, ISO-8601", Setting::stall),
    WAKU_PUBLISH("waku.publish", "off",
            "how magnet links reach members: off (recorded here only), relay or lightpush through the Waku node of waku.nodeUrl",
            Setting::publishMode),
    WAKU_NODE_URL("waku.nodeUrl", "",
            "REST URL of a user-run nwaku node that publishes magnet links, such as http://127.0.0.1:8645", Setting::nodeUrl),
    MIRROR_POLL_INTERVAL("mirror.pollInterval", "PT10M",
            "how often a mirror reads the store node for a community's new archive link, ISO-8601 (at least a minute)",
            Setting::pollInterval),
    STORE_NODE_URL("store.nodeUrl", "",
            "REST URL of a user-run nwaku store node to fetch missed messages from, such as http://127.0.0.1:8645 "
                    + "(empty: the local store only)", Setting::nodeUrl);

    private final String key;
    private final String defaultValue;
    private final String description;
    private final Consumer<String> validator;

    Setting(String key, String defaultValue, String description, Consumer<String> validator) {
        this.key = key;
        this.defaultValue = defaultValue;
        this.description = description;
        this.validator = validator;
    }

    public String key() {
        return key;
    }

    public String defaultValue() {
        return defaultValue;
    }

    public String description() {
        return description;
    }

    /** @throws IllegalArgumentException naming the setting and what is wrong with the value */
    public String validate(String value) {
        String trimmed = value == null ? "" : value.strip();
        try {
            validator.accept(trimmed);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(key + ": " + e.getMessage(), e);
        }
        return trimmed;
    }

    public static Setting byKey(String key) {
        return Arrays.stream(values()).filter(s -> s.key.equals(key)).findFirst().orElseThrow(() ->
                new IllegalArgumentException("unknown setting \"" + key + "\"; known settings: "
                        + Arrays.stream(values()).map(Setting::key).toList()));
    }

    static int parsePort(String value) {
        int port;
        try {
            port = Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("\"" + value + "\" is not a port number");
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be between 0 and 65535, got " + port);
        }
        return port;
    }

    private static void port(String value) {
        parsePort(value);
    }

    /** The wildcard, or an address of one of this machine's interfaces: binding to any other fails. */
    private static void address(String value) {
        if (!InetAddresses.isInetAddress(value)) {
            throw new IllegalArgumentException("\"" + value + "\" is not an IP address (such as 0.0.0.0 or 127.0.0.1)");
        }
        java.net.InetAddress address = InetAddresses.forString(value);
        boolean local;
        try {
            local = address.isAnyLocalAddress() || address.isLoopbackAddress() || java.net.NetworkInterface.getByInetAddress(address) != null;
        } catch (java.net.SocketException e) {
            local = false;
        }
        if (!local) {
            throw new IllegalArgumentException(value + " is not an address of this machine, so nothing could listen on it; use "
                    + "0.0.0.0 for all interfaces, 127.0.0.1 for this machine only, or one of its own addresses");
        }
    }

    static boolean parseBool(String value) {
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "true", "on", "yes" -> true;
            case "false", "off", "no" -> false;
            default -> throw new IllegalArgumentException("\"" + value + "\" is not true or false");
        };
    }

    private static void bool(String value) {
        parseBool(value);
    }

    static List<String> parseTrackers(String value) {
        if (value.isBlank()) {
            return List.of();
        }
        List<String> trackers = Arrays.stream(value.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
        if (trackers.size() > MagnetLink.MAX_TRACKERS) {
            throw new IllegalArgumentException("at most " + MagnetLink.MAX_TRACKERS + " trackers");
        }
        trackers.forEach(tracker -> new TorrentSettings(0, "0.0.0.0", false, false, List.of(tracker)));
        return trackers;
    }

    private static void trackers(String value) {
        parseTrackers(value);
    }

    static Duration parseDuration(String value) {
        Duration duration;
        try {
            duration = Duration.parse(value.toUpperCase(Locale.ROOT));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("\"" + value + "\" is not an ISO-8601 duration such as P7D or PT12H");
        }
        if (duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException("must be longer than zero");
        }
        return duration;
    }

    /** A duration no longer than {@code max}: longer ones overflow date arithmetic and mean nothing. */
    static Duration parseDuration(String value, Duration max) {
        Duration duration = parseDuration(value);
        if (duration.compareTo(max) > 0) {
            throw new IllegalArgumentException("must be at most " + max.toDays() + " days (" + max + "), got " + value);
        }
        return duration;
    }

    static final Duration MAX_REPUBLISH = Duration.ofDays(366);
    static final Duration MAX_STALL = Duration.ofDays(7);

    static final Duration MAX_POLL_INTERVAL = Duration.ofDays(1);

    private static void pollInterval(String value) {
        if (parseDuration(value, MAX_POLL_INTERVAL).toSeconds() < 60) {
            throw new IllegalArgumentException("must be at least one minute");
        }
    }

    private static void republish(String value) {
        parseDuration(value, MAX_REPUBLISH);
    }

    private static void stall(String value) {
        parseDuration(value, MAX_STALL);
    }

    /** An nwaku node's REST URL, or empty for none. */
    static java.util.Optional<java.net.URI> parseNodeUrl(String value) {
        return value.isEmpty() ? java.util.Optional.empty() : java.util.Optional.of(org.historian.waku.StoreNodeClient.parseUrl(value));
    }

    private static void nodeUrl(String value) {
        parseNodeUrl(value);
    }

    private static void publishMode(String value) {
        if (!value.equalsIgnoreCase("off")) {
            org.historian.waku.WakuPublishClient.Mode.parse(value);
        }
    }

    private static void interval(String value) {
        Duration duration = parseDuration(value, org.historian.archive.ArchiveFormat.MAX_INTERVAL);
        if (duration.toSeconds() < 60) {
            throw new IllegalArgumentException("must be at least one minute");
        }
    }
}
