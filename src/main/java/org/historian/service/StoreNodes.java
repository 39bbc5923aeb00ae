package org.historian.service;

import java.net.URI;
import java.util.Optional;
import org.historian.waku.MessageSource;
import org.historian.waku.StoreNodeClient;

/**
 * Which node's store is read, in one place: for catching up on missed messages the store node of
 * the settings; to verify a publication the Waku node the links go to, else the store node. A
 * URL given for one command wins over both.
 */
public final class StoreNodes {
    private final HistorianSettings settings;
    private final StoreNodeClient.Options options;
    private final java.util.concurrent.atomic.AtomicReference<MirrorClient> mirrorClient = new java.util.concurrent.atomic.AtomicReference<>();

    /** The nodes of the settings, read as they are when used: a changed setting applies at once. */
    public static StoreNodes of(HistorianSettings settings) {
        return new StoreNodes(settings, StoreNodeClient.Options.defaults());
    }

    StoreNodes(HistorianSettings settings, StoreNodeClient.Options options) {
        this.settings = settings;
        this.options = options;
    }

    /** The store node to sync from, if one is given or configured. */
    Optional<StoreNodeClient> forSync(Optional<String> override) {
        return override.map(StoreNodeClient::parseUrl).or(settings::storeNodeUrl).map(this::client);
    }

    /** Where missed messages come from: the store node, else this node's own store. */
    public MessageSource messageSource(MessageSource local) {
        return forSync(Optional.empty()).<MessageSource>map(client -> client).orElse(local);
    }

    /**
     * Where a mirror reads a community's archive links: the Waku node, else the store node. One
     * client while the URL stays the same: every poll of every mirror shares its connections and
     * what it learnt of the node's store API.
     */
    Optional<StoreNodeClient> forMirror() {
        Optional<URI> url = settings.wakuNodeUrl().or(settings::storeNodeUrl);
        if (url.isEmpty()) {
            return Optional.empty();
        }
        MirrorClient kept = mirrorClient.get();
        if (kept == null || !kept.url().equals(url.get())) {
            kept = new MirrorClient(url.get(), client(url.get()));
            mirrorClient.set(kept);
        }
        return Optional.of(kept.client());
    }

    private record MirrorClient(URI url, StoreNodeClient client) {
    }

    /**
     * @throws IllegalArgumentException when no node is given or configured
     */
    StoreNodeClient forVerification(Optional<String> override) {
        URI url = override.map(StoreNodeClient::parseUrl).or(settings::wakuNodeUrl).or(settings::storeNodeUrl)
                .orElseThrow(() -> new IllegalArgumentException("no node to read from: give --node URL, or set the Waku node "
                        + "URL in Settings (waku.nodeUrl)"));
        return client(url);
    }

    private StoreNodeClient client(URI url) {
        return new StoreNodeClient(url, options);
    }
}
