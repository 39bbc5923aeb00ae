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
import org.historian.store.SettingsRepository;

/**
 * This node's own secp256k1 key, as a Status node has one: it names the node in a torrent's
 * {@code created by} (status-go writes its identity's public key there) and signs the transport
 * layer of Waku messages. It is not a community key and grants no authority.
 */
public final class NodeIdentity {
    private static final String KEY = "identity.privateKey";
    private static final X9ECParameters SECP256K1 = CustomNamedCurves.getByName("secp256k1");

    private final BigInteger privateKey;
    private final String publicKeyHex;

    private NodeIdentity(BigInteger privateKey) {
        this.privateKey = privateKey;
        this.publicKeyHex = Hex.encode(SECP256K1.getG().multiply(privateKey).normalize().getEncoded(false));
    }

    /** Loads the node's key, creating it the first time. */
    public static NodeIdentity loadOrCreate(SettingsRepository settings) {
        return settings.get(KEY).map(hex -> new NodeIdentity(new BigInteger(1, Hex.decode(hex)))).orElseGet(() -> {
            ECKeyPairGenerator generator = new ECKeyPairGenerator();
            generator.init(new ECKeyGenerationParameters(
                    new ECDomainParameters(SECP256K1.getCurve(), SECP256K1.getG(), SECP256K1.getN(), SECP256K1.getH()),
                    new SecureRandom()));
            BigInteger key = ((ECPrivateKeyParameters) generator.generateKeyPair().getPrivate()).getD();
            settings.put(KEY, Hex.encode(BigIntegers.asUnsignedByteArray(32, key)));
            return new NodeIdentity(key);
        });
    }

    /** The uncompressed public key, {@code 0x04…}, as status-go writes it in {@code created by}. */
    public String publicKeyHex() {
        return publicKeyHex;
    }

    public byte[] privateKeyBytes() {
        return BigIntegers.asUnsignedByteArray(32, privateKey);
    }
}
