package org.historian.waku;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.WireFormat;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.crypto.digests.KeccakDigest;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.bouncycastle.crypto.engines.AESEngine;
import org.bouncycastle.crypto.modes.GCMBlockCipher;
import org.bouncycastle.crypto.params.AEADParameters;
import org.bouncycastle.crypto.params.KeyParameter;
import org.bouncycastle.math.ec.ECPoint;

/**
 * A decoder of the archive-link message written from spec §5.4, §6 and §12 alone, sharing no code with the
 * encoder: PBKDF2 by hand on the JDK's HMAC, AES-GCM from BouncyCastle's block cipher, protobuf
 * read tag by tag, signer recovery as {@code Q = r⁻¹(sR − eG)}. Every rule it checks throws
 * {@link Rejected} with the rule's name.
 */
final class SpecDecoder {
    private static final X9ECParameters CURVE = CustomNamedCurves.getByName("secp256k1");

    static final class Rejected extends Exception {
        Rejected(String reason) {
            super(reason);
        }
    }

    record Decoded(byte[] communitySigner, byte[] transportSigner, String installationId, long clock, String magnetUri,
                   int flags, int sizeFieldLength, int paddingLength, int plaintextLength) {
    }

    private SpecDecoder() {
    }

    static byte[] pbkdf2Sha256(String password, int iterations) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(password.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        byte[] u = mac.doFinal(new byte[] {0, 0, 0, 1}); // empty salt ‖ INT(1)
        byte[] result = u.clone();
        for (int i = 1; i < iterations; i++) {
            u = mac.doFinal(u);
            for (int j = 0; j < result.length; j++) {
                result[j] ^= u[j];
            }
        }
        return result;
    }

    static byte[] keccak(byte[] input) {
        KeccakDigest digest = new KeccakDigest(256);
        digest.update(input, 0, input.length);
        byte[] out = new byte[32];
        digest.doFinal(out, 0);
        return out;
    }

    static String contentTopicFor(String chatId) {
        byte[] hash = keccak(chatId.getBytes(StandardCharsets.UTF_8));
        return String.format("/waku/1/0x%02x%02x%02x%02x/rfc26", hash[0], hash[1], hash[2], hash[3]);
    }

    static byte[] decrypt(byte[] payload, byte[] key) throws Rejected {
        byte[] nonce = Arrays.copyOfRange(payload, payload.length - 12, payload.length);
        GCMBlockCipher gcm = new GCMBlockCipher(new AESEngine());
        gcm.init(false, new AEADParameters(new KeyParameter(key), 128, nonce));
        byte[] sealed = Arrays.copyOf(payload, payload.length - 12);
        byte[] out = new byte[gcm.getOutputSize(sealed.length)];
        try {
            int n = gcm.processBytes(sealed, 0, sealed.length, out, 0);
            gcm.doFinal(out, n);
        } catch (Exception e) {
            throw new Rejected("decrypt: " + e.getMessage());
        }
        return out;
    }

    static byte[] recover(byte[] hash, byte[] signature) throws Rejected {
        if (signature.length != 65) {
            throw new Rejected("signature length " + signature.length);
        }
        int v = signature[64];
        if (v != 0 && v != 1) {
            throw new Rejected("V not in {0,1}");
        }
        BigInteger n = CURVE.getN();
        BigInteger r = new BigInteger(1, Arrays.copyOfRange(signature, 0, 32));
        BigInteger s = new BigInteger(1, Arrays.copyOfRange(signature, 32, 64));
        if (s.compareTo(n.shiftRight(1)) > 0) {
            throw new Rejected("high S");
        }
        byte[] compressedR = new byte[33];
        compressedR[0] = (byte) (v == 0 ? 2 : 3);
        byte[] rBytes = r.toByteArray();
        int take = Math.min(rBytes.length, 32);
        System.arraycopy(rBytes, rBytes.length - take, compressedR, 33 - take, take);
        ECPoint bigR = CURVE.getCurve().decodePoint(compressedR);
        ECPoint sR = bigR.multiply(s);
        ECPoint eG = CURVE.getG().multiply(new BigInteger(1, hash));
        return sR.subtract(eG).multiply(r.modInverse(n)).normalize().getEncoded(true);
    }

    /**
     * What a current Status member does with a message it receives (spec §6 step 1): it listens for
     * archive links only on the universal chat {@code 0x<id>-memberUpdate}, whose content topic
     * and key it derives from that chat ID; a message on any other topic never reaches it.
     */
    static Decoded decodeAsCurrentMember(String communityIdHex, String contentTopic, byte[] payload) throws Exception {
        String universal = communityIdHex + "-memberUpdate";
        if (!contentTopicFor(universal).equals(contentTopic)) {
            throw new Rejected("content topic " + contentTopic + " is not the universal chat's " + contentTopicFor(universal));
        }
        return decode(universal, communityIdHex, payload, true);
    }

    /** Decodes a payload of the universal chat {@code 0x<id>-memberUpdate}, checking every rule of spec §12. */
    static Decoded decode(String communityIdHex, byte[] payload, boolean requireCommunitySigner) throws Exception {
        return decode(communityIdHex + "-memberUpdate", communityIdHex, payload, requireCommunitySigner);
    }

    /** Decodes a payload of the given chat, checking every rule of spec §12. */
    static Decoded decode(String chatId, String communityIdHex, byte[] payload, boolean requireCommunitySigner) throws Exception {
        byte[] plaintext = decrypt(payload, pbkdf2Sha256(chatId, 65356));
        int flags = plaintext[0] & 0xff;
        if ((flags & 0x04) == 0) {
            throw new Rejected("unsigned");
        }
        int sizeLength = flags & 0x03;
        if (plaintext.length % 256 != 0) {
            throw new Rejected("padding: plaintext length " + plaintext.length + " is not a multiple of 256");
        }
        int size = 0;
        for (int i = sizeLength; i >= 1; i--) {
            size = (size << 8) | (plaintext[i] & 0xff);
        }
        int dataEnd = 1 + sizeLength + size;
        int paddingLength = plaintext.length - 65 - dataEnd;
        if (paddingLength < 1 || paddingLength > 256) {
            throw new Rejected("padding: " + paddingLength + " bytes, not 1..256");
        }
        byte[] data = Arrays.copyOfRange(plaintext, 1 + sizeLength, dataEnd);
        byte[] transportSigner = recover(keccak(Arrays.copyOf(plaintext, plaintext.length - 65)),
                Arrays.copyOfRange(plaintext, plaintext.length - 65, plaintext.length));

        Map<Integer, Object> protocol = fields(data);
        byte[] publicMessage = (byte[]) protocol.get(102);
        if (publicMessage == null) {
            throw new Rejected("no public_message");
        }
        Map<Integer, Object> application = fields(publicMessage);
        Object type = application.get(3);
        if (!(type instanceof Long t) || t != 43) {
            throw new Rejected("type " + type);
        }
        byte[] inner = (byte[]) application.get(2);
        byte[] communitySigner = recover(keccak(inner), (byte[]) application.get(1));
        if (requireCommunitySigner && !("0x" + org.bouncycastle.util.encoders.Hex.toHexString(communitySigner)).equals(communityIdHex)) {
            throw new Rejected("community signer");
        }
        Map<Integer, Object> link = fields(inner);
        long clock = link.get(1) instanceof Long c ? c : 0;
        String uri = new String((byte[]) link.getOrDefault(2, new byte[0]), StandardCharsets.UTF_8);
        String installationId = new String((byte[]) protocol.getOrDefault(2, new byte[0]), StandardCharsets.UTF_8);
        return new Decoded(communitySigner, transportSigner, installationId, clock, uri, flags, sizeLength, paddingLength,
                plaintext.length);
    }

    /** Field number to value: varints as Long, length-delimited as byte[]. */
    private static Map<Integer, Object> fields(byte[] message) throws IOException {
        Map<Integer, Object> fields = new HashMap<>();
        CodedInputStream input = CodedInputStream.newInstance(message);
        int tag;
        while ((tag = input.readTag()) != 0) {
            int number = WireFormat.getTagFieldNumber(tag);
            switch (WireFormat.getTagWireType(tag)) {
                case WireFormat.WIRETYPE_VARINT -> fields.put(number, input.readUInt64());
                case WireFormat.WIRETYPE_LENGTH_DELIMITED -> fields.put(number, input.readByteArray());
                default -> input.skipField(tag);
            }
        }
        return fields;
    }
}
