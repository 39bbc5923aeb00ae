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
    private final java.util.Map<URI, StoreNodeClient> clients = new java.util.concurrent.ConcurrentHashMap<>();

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

    /** Where a mirror reads a community's archive links: the Waku node, else the store node. */
    Optional<StoreNodeClient> forMirror() {
        return settings.wakuNodeUrl().or(settings::storeNodeUrl).map(this::client);
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

    /**
     * One client per node: every sync, check and poll shares its connections, what it learnt of
     * the node's store API, and its memory of a node that does not answer.
     */
    private StoreNodeClient client(URI url) {
        return clients.computeIfAbsent(url, node -> new StoreNodeClient(node, options));
    }
}
