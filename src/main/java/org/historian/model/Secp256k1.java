package org.historian.model;

import java.math.BigInteger;
import java.util.Arrays;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.asn1.x9.X9IntegerConverter;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.bouncycastle.crypto.generators.ECKeyPairGenerator;
import org.bouncycastle.crypto.params.ECDomainParameters;
import org.bouncycastle.crypto.params.ECKeyGenerationParameters;
import org.bouncycastle.crypto.params.ECPrivateKeyParameters;
import org.bouncycastle.crypto.signers.ECDSASigner;
import org.bouncycastle.crypto.signers.HMacDSAKCalculator;
import org.bouncycastle.math.ec.ECAlgorithms;
import org.bouncycastle.math.ec.ECPoint;
import org.bouncycastle.util.BigIntegers;

/**
 * secp256k1 as Status uses it: keys, and 65-byte recoverable signatures {@code R(32) ‖ S(32) ‖ V}
 * with {@code V ∈ {0,1}} and low S, over a 32-byte hash (go-ethereum's {@code crypto.Sign}).
 * The arithmetic is BouncyCastle's; signing is deterministic (RFC 6979).
 */
public final class Secp256k1 {
    public static final int SIGNATURE_LENGTH = 65;

    /** Loaded on first use: the curve set-up costs start-up time where no key is needed. */
    private static final class Curve {
        static final X9ECParameters PARAMETERS = CustomNamedCurves.getByName("secp256k1");
        static final ECDomainParameters DOMAIN = new ECDomainParameters(PARAMETERS.getCurve(), PARAMETERS.getG(),
                PARAMETERS.getN(), PARAMETERS.getH());
        static final BigInteger HALF_N = PARAMETERS.getN().shiftRight(1);
    }

    private Secp256k1() {
    }

    /**
     * Checks a private key's bytes: 32 bytes, between 1 and the curve order minus one.
     *
     * @throws IllegalArgumentException saying what is wrong, never showing the key
     */
    public static BigInteger privateKey(byte[] bytes) {
        if (bytes.length != 32) {
            throw new IllegalArgumentException("a private key is 32 bytes (64 hex digits), got " + bytes.length + " bytes");
        }
        BigInteger key = new BigInteger(1, bytes);
        if (key.signum() == 0 || key.compareTo(Curve.PARAMETERS.getN()) >= 0) {
            throw new IllegalArgumentException("the private key is outside the secp256k1 range");
        }
        return key;
    }

    /** The 33-byte compressed public key. */
    public static byte[] compressedPublicKey(BigInteger privateKey) {
        return Curve.PARAMETERS.getG().multiply(privateKey).normalize().getEncoded(true);
    }

    /** The 65-byte uncompressed public key, {@code 0x04 ‖ X ‖ Y}. */
    public static byte[] uncompressedPublicKey(BigInteger privateKey) {
        return Curve.PARAMETERS.getG().multiply(privateKey).normalize().getEncoded(false);
    }

    /**
     * Checks that bytes encode a point on the curve (compressed or not).
     *
     * @throws IllegalArgumentException when they do not
     */
    public static void requirePoint(byte[] publicKey) {
        Curve.PARAMETERS.getCurve().decodePoint(publicKey);
    }

    /** The order n of the curve's group: private keys are 1..n-1. */
    public static BigInteger order() {
        return Curve.PARAMETERS.getN();
    }

    /** A new private key from the random source. */
    public static BigInteger generatePrivateKey(java.security.SecureRandom random) {
        ECKeyPairGenerator generator = new ECKeyPairGenerator();
        generator.init(new ECKeyGenerationParameters(Curve.DOMAIN, random));
        return ((ECPrivateKeyParameters) generator.generateKeyPair().getPrivate()).getD();
    }

    /** Signs a 32-byte hash: {@code R ‖ S ‖ V} with low S and the recovery ID V in {0,1}. */
    public static byte[] sign(byte[] hash, BigInteger privateKey) {
        requireHash(hash);
        ECDSASigner signer = new ECDSASigner(new HMacDSAKCalculator(new SHA256Digest()));
        signer.init(true, new ECPrivateKeyParameters(privateKey, Curve.DOMAIN));
        BigInteger[] rs = signer.generateSignature(hash);
        BigInteger r = rs[0];
        BigInteger s = rs[1].compareTo(Curve.HALF_N) > 0 ? Curve.PARAMETERS.getN().subtract(rs[1]) : rs[1];
        byte[] expected = compressedPublicKey(privateKey);
        for (int recoveryId = 0; recoveryId < 2; recoveryId++) {
            ECPoint candidate = recoverPoint(hash, r, s, recoveryId);
            if (candidate != null && Arrays.equals(candidate.getEncoded(true), expected)) {
                byte[] signature = new byte[SIGNATURE_LENGTH];
                System.arraycopy(BigIntegers.asUnsignedByteArray(32, r), 0, signature, 0, 32);
                System.arraycopy(BigIntegers.asUnsignedByteArray(32, s), 0, signature, 32, 32);
                signature[64] = (byte) recoveryId;
                return signature;
            }
        }
        // r beyond the order (probability ~2^-128): ids 2 and 3, which Status does not accept.
        throw new IllegalStateException("no recovery ID in {0,1} for this signature");
    }

    /** The 64-byte {@code R ‖ S} form (no recovery byte), as Waku's protected-shard {@code meta} carries it. */
    public static byte[] signCompact(byte[] hash, BigInteger privateKey) {
        return Arrays.copyOf(sign(hash, privateKey), 64);
    }

    /**
     * The compressed public key that made a 65-byte signature over a hash.
     *
     * @throws SignatureException naming what is wrong with the signature
     */
    public static byte[] recoverCompressed(byte[] hash, byte[] signature) throws SignatureException {
        requireHash(hash);
        if (signature.length != SIGNATURE_LENGTH) {
            throw new SignatureException("a signature is 65 bytes, got " + signature.length);
        }
        int recoveryId = signature[64];
        if (recoveryId != 0 && recoveryId != 1) {
            throw new SignatureException("the recovery byte V is " + (signature[64] & 0xff) + ", not 0 or 1");
        }
        BigInteger r = new BigInteger(1, Arrays.copyOfRange(signature, 0, 32));
        BigInteger s = new BigInteger(1, Arrays.copyOfRange(signature, 32, 64));
        BigInteger n = Curve.PARAMETERS.getN();
        if (r.signum() == 0 || r.compareTo(n) >= 0 || s.signum() == 0 || s.compareTo(n) >= 0) {
            throw new SignatureException("R or S is outside the curve order");
        }
        if (s.compareTo(Curve.HALF_N) > 0) {
            throw new SignatureException("S is not in the lower half of the curve order (malleable signature)");
        }
        ECPoint point = recoverPoint(hash, r, s, recoveryId);
        if (point == null) {
            throw new SignatureException("no public key can be recovered from this signature");
        }
        return point.getEncoded(true);
    }

    /** SEC 1 §4.1.6: the public key Q with {@code s·R = e·G + r·Q}, for the R of the given parity. */
    private static ECPoint recoverPoint(byte[] hash, BigInteger r, BigInteger s, int recoveryId) {
        BigInteger n = Curve.PARAMETERS.getN();
        X9IntegerConverter converter = new X9IntegerConverter();
        byte[] encodedR = converter.integerToBytes(r, 1 + converter.getByteLength(Curve.PARAMETERS.getCurve()));
        encodedR[0] = (byte) (0x02 + (recoveryId & 1));
        ECPoint pointR;
        try {
            pointR = Curve.PARAMETERS.getCurve().decodePoint(encodedR);
        } catch (IllegalArgumentException notOnCurve) {
            return null;
        }
        BigInteger e = new BigInteger(1, hash);
        BigInteger rInverse = r.modInverse(n);
        BigInteger eFactor = n.subtract(e).multiply(rInverse).mod(n);
        BigInteger sFactor = s.multiply(rInverse).mod(n);
        ECPoint q = ECAlgorithms.sumOfTwoMultiplies(Curve.PARAMETERS.getG(), eFactor, pointR, sFactor).normalize();
        return q.isInfinity() ? null : q;
    }

    private static void requireHash(byte[] hash) {
        if (hash.length != 32) {
            throw new IllegalArgumentException("a signed hash is 32 bytes, got " + hash.length);
        }
    }

    /** A signature that cannot be verified; the message says why. */
    public static final class SignatureException extends Exception {
        public SignatureException(String message) {
            super(message);
        }
    }
}
