package org.historian.service;

import java.security.SecureRandom;
import org.historian.model.Hex;
import org.historian.model.SigningKey;
import org.historian.store.SettingsRepository;

/**
 * This node's own secp256k1 key, as a Status node has one: it names the node in a torrent's
 * {@code created by} (status-go writes its identity's public key there) and signs the transport
 * layer of Waku messages. It is not a community key and grants no authority.
 */
public final class NodeIdentity {
    private static final String KEY = "identity.privateKey";
    private static final String INSTALLATION = "identity.installationId";

    private final SigningKey key;
    private final SettingsRepository settings;
    private volatile String publicKeyHex;

    private NodeIdentity(SigningKey key, SettingsRepository settings) {
        this.key = key;
        this.settings = settings;
    }

    /** Loads the node's key, creating it the first time. */
    public static NodeIdentity loadOrCreate(SettingsRepository settings) {
        SigningKey key = settings.get(KEY).map(hex -> SigningKey.of(Hex.decode(hex))).orElseGet(() -> {
            SigningKey created = SigningKey.generate(new SecureRandom());
            settings.put(KEY, Hex.encode(created.privateKeyBytes()));
            return created;
        });
        return new NodeIdentity(key, settings);
    }

    /** The uncompressed public key, {@code 0x04…}, as status-go writes it in {@code created by}. */
    public String publicKeyHex() {
        // Derived on first use: the curve arithmetic's first run costs a fifth of a second of start-up.
        String derived = publicKeyHex;
        if (derived == null) {
            derived = Hex.encode(key.uncompressedPublicKey());
            publicKeyHex = derived;
        }
        return derived;
    }

    /** The key that signs the transport layer of this node's Waku messages. */
    public SigningKey signingKey() {
        return key;
    }

    /** status-go's installation ID (layer 3 of a message): a UUID made once per data directory. */
    public String installationId() {
        return settings.get(INSTALLATION).orElseGet(() -> {
            String id = java.util.UUID.randomUUID().toString();
            settings.put(INSTALLATION, id);
            return id;
        });
    }
}
