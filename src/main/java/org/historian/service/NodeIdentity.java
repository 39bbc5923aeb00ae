package org.historian.service;

import java.math.BigInteger;
import java.security.SecureRandom;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.bouncycastle.crypto.generators.ECKeyPairGenerator;
import org.bouncycastle.crypto.params.ECDomainParameters;
import org.bouncycastle.crypto.params.ECKeyGenerationParameters;
import org.bouncycastle.crypto.params.ECPrivateKeyParameters;
import org.bouncycastle.util.BigIntegers;
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

    /** Loaded on first use, off the start-up path. */
    private static final class Curve {
        static final X9ECParameters SECP256K1 = CustomNamedCurves.getByName("secp256k1");
    }

    private final BigInteger privateKey;
    private final SettingsRepository settings;
    private volatile String publicKeyHex;

    private NodeIdentity(BigInteger privateKey, SettingsRepository settings) {
        this.privateKey = privateKey;
        this.settings = settings;
    }

    /** Loads the node's key, creating it the first time. */
    public static NodeIdentity loadOrCreate(SettingsRepository settings) {
        return settings.get(KEY).map(hex -> new NodeIdentity(new BigInteger(1, Hex.decode(hex)), settings)).orElseGet(() -> {
            ECKeyPairGenerator generator = new ECKeyPairGenerator();
            generator.init(new ECKeyGenerationParameters(
                    new ECDomainParameters(Curve.SECP256K1.getCurve(), Curve.SECP256K1.getG(), Curve.SECP256K1.getN(), Curve.SECP256K1.getH()),
                    new SecureRandom()));
            BigInteger key = ((ECPrivateKeyParameters) generator.generateKeyPair().getPrivate()).getD();
            settings.put(KEY, Hex.encode(BigIntegers.asUnsignedByteArray(32, key)));
            return new NodeIdentity(key, settings);
        });
    }

    /** The uncompressed public key, {@code 0x04…}, as status-go writes it in {@code created by}. */
    public String publicKeyHex() {
        // Derived on first use: the curve arithmetic's first run costs a fifth of a second of start-up.
        String derived = publicKeyHex;
        if (derived == null) {
            derived = Hex.encode(Curve.SECP256K1.getG().multiply(privateKey).normalize().getEncoded(false));
            publicKeyHex = derived;
        }
        return derived;
    }

    /** The key that signs the transport layer of this node's Waku messages. */
    public SigningKey signingKey() {
        return SigningKey.of(privateKeyBytes());
    }

    /** status-go's installation ID (layer 3 of a message): a UUID made once per data directory. */
    public String installationId() {
        return settings.get(INSTALLATION).orElseGet(() -> {
            String id = java.util.UUID.randomUUID().toString();
            settings.put(INSTALLATION, id);
            return id;
        });
    }

    public byte[] privateKeyBytes() {
        return BigIntegers.asUnsignedByteArray(32, privateKey);
    }
}
