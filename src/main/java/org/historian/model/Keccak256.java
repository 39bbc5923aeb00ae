package org.historian.model;

import org.bouncycastle.crypto.digests.KeccakDigest;

/** The original Keccak-256 (as Ethereum and status-go use it), not NIST SHA3-256. */
public final class Keccak256 {
    private Keccak256() {
    }

    public static byte[] hash(byte[] input) {
        KeccakDigest digest = new KeccakDigest(256);
        digest.update(input, 0, input.length);
        byte[] out = new byte[32];
        digest.doFinal(out, 0);
        return out;
    }
}
