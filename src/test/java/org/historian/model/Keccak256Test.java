package org.historian.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import org.junit.jupiter.api.Test;

class Keccak256Test {

    @Test
    void knownAnswers() {
        // Ethereum's Keccak-256 test vectors.
        assertThat(Hex.encode(Keccak256.hash(new byte[0])))
                .isEqualTo("0xc5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470");
        assertThat(Hex.encode(Keccak256.hash("abc".getBytes(StandardCharsets.US_ASCII))))
                .isEqualTo("0x4e03657aea45a94fc7d47ba826c8d667c0d1e6e33a64a036ec44f58fa12d6c45");
        assertThat(Hex.encode(Keccak256.hash("The quick brown fox jumps over the lazy dog".getBytes(StandardCharsets.US_ASCII))))
                .isEqualTo("0x4d741b6f1eb29cb2a9b9911c82f56fa8d73b04959d3d9d222895df6c0b28aa15");
    }

    @Test
    void isNotNistSha3() throws Exception {
        byte[] sha3 = MessageDigest.getInstance("SHA3-256").digest(new byte[0]);
        assertThat(Hex.encode(sha3)).isEqualTo("0xa7ffc6f8bf1ed76651c14756a061d662f580ff4de43b49fa82d80a4b80f8434a");
        assertThat(Keccak256.hash(new byte[0])).isNotEqualTo(sha3);
    }
}
