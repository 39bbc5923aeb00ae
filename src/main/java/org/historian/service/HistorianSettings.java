package org.historian.service;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.historian.store.SettingsRepository;
import org.historian.torrent.TorrentSettings;

/** The operator's settings, persisted and validated; unset ones have their defaults. */
public final class HistorianSettings {
    private final SettingsRepository repository;

    public HistorianSettings(SettingsRepository repository) {
        this.repository = repository;
    }

    public String get(Setting setting) {
        return repository.get(setting.key()).orElse(setting.defaultValue());
    }

    /** @throws IllegalArgumentException when the value is not valid for the setting */
    public void set(Setting setting, String value) {
        repository.put(setting.key(), setting.validate(value));
    }

    /**
     * Keeps the torrent client on 127.0.0.1: a free port, no DHT, no trackers. For the self-test
     * and the tests, which must reach nothing beyond this machine.
     */
    public void keepTorrentsOnLoopback() {
        set(Setting.TORRENT_PORT, "0");
        set(Setting.TORRENT_LISTEN_ADDRESS, "127.0.0.1");
        set(Setting.TORRENT_DHT, "false");
        set(Setting.TORRENT_TRACKERS, "");
    }

    public void reset(Setting setting) {
        repository.remove(setting.key());
    }

    /** Every setting with its current value, in declaration order. */
    public Map<Setting, String> all() {
        Map<Setting, String> all = new LinkedHashMap<>();
        for (Setting setting : Setting.values()) {
            all.put(setting, get(setting));
        }
        return all;
    }

    public boolean protocolEnabled() {
        return Setting.parseBool(get(Setting.PROTOCOL_ENABLED));
    }

    public TorrentSettings torrentSettings() {
        return new TorrentSettings(Setting.parsePort(get(Setting.TORRENT_PORT)), get(Setting.TORRENT_LISTEN_ADDRESS),
                Setting.parseBool(get(Setting.TORRENT_DHT)), Setting.parseBool(get(Setting.TORRENT_TRACKERS_ENABLED)),
                Setting.parseTrackers(get(Setting.TORRENT_TRACKERS)), TorrentSettings.Encryption.parse(get(Setting.TORRENT_ENCRYPTION)));
    }

    /** Stored values beyond their bound (saved before it existed) count as the bound, so time arithmetic never overflows. */
    public Duration archiveInterval() {
        return atMost(Setting.parseDuration(get(Setting.ARCHIVE_INTERVAL)), org.historian.archive.ArchiveFormat.MAX_INTERVAL);
    }

    public Duration magnetRepublishPeriod() {
        return atMost(Setting.parseDuration(get(Setting.MAGNET_REPUBLISH)), Setting.MAX_REPUBLISH);
    }

    private static Duration atMost(Duration value, Duration max) {
        return value.compareTo(max) > 0 ? max : value;
    }

    /** The configured store node, or empty when messages come only from the local store. */
    public java.util.Optional<java.net.URI> storeNodeUrl() {
        return Setting.parseNodeUrl(get(Setting.STORE_NODE_URL));
    }

    /** Relay or lightpush, or empty when magnet links are only recorded here. */
    public java.util.Optional<org.historian.waku.WakuPublishClient.Mode> wakuPublishMode() {
        String value = get(Setting.WAKU_PUBLISH);
        return value.equalsIgnoreCase("off") ? java.util.Optional.empty()
                : java.util.Optional.of(org.historian.waku.WakuPublishClient.Mode.parse(value));
    }

    /** The nwaku node that publishes magnet links, or empty when none is set. */
    public java.util.Optional<java.net.URI> wakuNodeUrl() {
        return Setting.parseNodeUrl(get(Setting.WAKU_NODE_URL));
    }

    /** Whether links go to the Waku network (setting waku.publish); off, they are recorded only. */
    public boolean publishingEnabled() {
        return wakuPublishMode().isPresent();
    }

    /** How often a mirror polls for new archive links; clamped to a minute .. a day when stored otherwise. */
    public Duration mirrorPollInterval() {
        Duration stored;
        try {
            stored = Setting.parseDuration(get(Setting.MIRROR_POLL_INTERVAL));
        } catch (IllegalArgumentException e) {
            stored = Duration.parse(Setting.MIRROR_POLL_INTERVAL.defaultValue());
        }
        Duration atLeast = stored.compareTo(Duration.ofMinutes(1)) < 0 ? Duration.ofMinutes(1) : stored;
        return atLeast.compareTo(Setting.MAX_POLL_INTERVAL) > 0 ? Setting.MAX_POLL_INTERVAL : atLeast;
    }

    public Duration fetchStallTimeout() {
        return atMost(Setting.parseDuration(get(Setting.FETCH_STALL_TIMEOUT)), Setting.MAX_STALL);
    }
}
