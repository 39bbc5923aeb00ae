package org.historian.model;

import java.math.BigInteger;
import java.util.Arrays;
import org.bouncycastle.util.BigIntegers;

/**
 * A secp256k1 private key held in memory for signing. Its text form never shows the key, so a
 * stray log line or exception message cannot leak it.
 */
public final class SigningKey {
    private final BigInteger value;
    private volatile byte[] compressedPublicKey;

    private SigningKey(BigInteger value) {
        this.value = value;
    }

    /** @throws IllegalArgumentException when the bytes are not a secp256k1 private key (the message never shows them) */
    public static SigningKey of(byte[] privateKey) {
        return new SigningKey(Secp256k1.privateKey(privateKey));
    }

    /** A new random key. */
    public static SigningKey generate(java.security.SecureRandom random) {
        return new SigningKey(Secp256k1.generatePrivateKey(random));
    }

    /** Parses 64 hex digits, with or without {@code 0x}, surrounding white space ignored. */
    public static SigningKey parseHex(String text) {
        String trimmed = text == null ? "" : text.strip();
        if (trimmed.isEmpty()) {
            throw new IllegalArgumentException("the private key is empty; expected 64 hex digits");
        }
        String digits = trimmed.startsWith("0x") || trimmed.startsWith("0X") ? trimmed.substring(2) : trimmed;
        if (!digits.matches("[0-9a-fA-F]{64}")) {
            throw new IllegalArgumentException("a private key is 64 hex digits (32 bytes), optionally after 0x; got "
                    + digits.length() + " characters" + (digits.matches("[0-9a-fA-F]*") ? "" : " that are not all hex digits"));
        }
        return of(Hex.decode("0x" + digits));
    }

    public byte[] compressedPublicKey() {
        byte[] key = compressedPublicKey;
        if (key == null) {
            key = Secp256k1.compressedPublicKey(value);
            compressedPublicKey = key;
        }
        return key.clone();
    }

    public byte[] uncompressedPublicKey() {
        return Secp256k1.uncompressedPublicKey(value);
    }

    /** The key as the community ID it controls, when it is a community key. */
    public CommunityId asCommunityId() {
        return new CommunityId(Hex.encode(compressedPublicKey()));
    }

    /** 65-byte {@code R ‖ S ‖ V} over a 32-byte hash. */
    public byte[] sign(byte[] hash) {
        return Secp256k1.sign(hash, value);
    }

    /** 64-byte {@code R ‖ S} over a 32-byte hash. */
    public byte[] signCompact(byte[] hash) {
        return Secp256k1.signCompact(hash, value);
    }

    /** The raw 32 bytes, for encrypting the key at rest; callers wipe the copy. */
    public byte[] privateKeyBytes() {
        return BigIntegers.asUnsignedByteArray(32, value);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof SigningKey key && key.value.equals(value);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(compressedPublicKey());
    }

    @Override
    public String toString() {
        return "SigningKey[private key not shown]";
    }
}
