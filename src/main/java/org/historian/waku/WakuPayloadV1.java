package org.historian.waku;

import java.security.GeneralSecurityException;
import java.util.Arrays;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.historian.model.Keccak256;
import org.historian.model.Secp256k1;
import org.historian.model.SigningKey;

/**
 * Waku payload version 1 ("rfc26", spec §12 layer 4) with symmetric encryption:
 * {@code flags ‖ size ‖ data ‖ padding ‖ signature}, then AES-256-GCM with the 12-byte nonce
 * appended. The signature is mandatory: a Status client drops an unsigned message.
 */
public final class WakuPayloadV1 {
    static final int SIGNATURE_FLAG = 0x04;
    static final int SIZE_FIELD_MASK = 0x03;
    static final int PADDING_UNIT = 256;
    static final int NONCE_LENGTH = 12;
    static final int TAG_BITS = 128;
    /** Larger payloads are refused before decryption: a magnet message is a few hundred bytes. */
    public static final int MAX_PAYLOAD_BYTES = 1024 * 1024;

    private WakuPayloadV1() {
    }

    /** The signed plaintext of layer 4, before encryption. */
    public static byte[] signedPlaintext(byte[] data, SigningKey signer, RandomBytes random) {
        int sizeLength = sizeFieldLength(data.length);
        int raw = 1 + sizeLength + data.length + Secp256k1.SIGNATURE_LENGTH;
        int paddingLength = PADDING_UNIT - raw % PADDING_UNIT;
        byte[] padding = new byte[paddingLength];
        random.fill(padding);
        byte[] signed = new byte[raw - Secp256k1.SIGNATURE_LENGTH + paddingLength];
        signed[0] = (byte) (sizeLength | SIGNATURE_FLAG);
        for (int i = 0; i < sizeLength; i++) {
            signed[1 + i] = (byte) (data.length >>> (8 * i));
        }
        System.arraycopy(data, 0, signed, 1 + sizeLength, data.length);
        System.arraycopy(padding, 0, signed, 1 + sizeLength + data.length, paddingLength);
        byte[] signature = signer.sign(Keccak256.hash(signed));
        byte[] whole = Arrays.copyOf(signed, signed.length + signature.length);
        System.arraycopy(signature, 0, whole, signed.length, signature.length);
        return whole;
    }

    /** Layer 4 as it goes on the wire: signed, padded, encrypted with the 32-byte key. */
    public static byte[] encrypt(byte[] data, SigningKey signer, byte[] symmetricKey, RandomBytes random) {
        byte[] plaintext = signedPlaintext(data, signer, random);
        byte[] nonce = new byte[NONCE_LENGTH];
        random.fill(nonce);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(symmetricKey, "AES"), new GCMParameterSpec(TAG_BITS, nonce));
            byte[] sealed = cipher.doFinal(plaintext);
            byte[] out = Arrays.copyOf(sealed, sealed.length + NONCE_LENGTH);
            System.arraycopy(nonce, 0, out, sealed.length, NONCE_LENGTH);
            return out;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-256-GCM is not available in this Java runtime", e);
        }
    }

    /** Decrypts and checks layer 4 as a Status client does; the data and who signed it. */
    public static Opened open(byte[] payload, byte[] symmetricKey) throws WakuMessageException {
        return parsePlaintext(decrypt(payload, symmetricKey));
    }

    /** AES-256-GCM with the nonce appended: the plaintext of layer 4, not yet checked. */
    static byte[] decrypt(byte[] payload, byte[] symmetricKey) throws WakuMessageException {
        if (payload.length > MAX_PAYLOAD_BYTES) {
            throw new WakuMessageException("the payload is " + payload.length + " bytes, more than " + MAX_PAYLOAD_BYTES);
        }
        if (payload.length < NONCE_LENGTH + TAG_BITS / 8 + 1) {
            throw new WakuMessageException("the payload is " + payload.length + " bytes, too short for AES-GCM with a nonce");
        }
        byte[] plaintext;
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, new SecretKeySpec(symmetricKey, "AES"), new GCMParameterSpec(TAG_BITS,
                    payload, payload.length - NONCE_LENGTH, NONCE_LENGTH));
            plaintext = cipher.doFinal(payload, 0, payload.length - NONCE_LENGTH);
        } catch (javax.crypto.AEADBadTagException e) {
            throw new WakuMessageException("the payload does not decrypt with this channel's key (wrong key or altered bytes)", e);
        } catch (GeneralSecurityException e) {
            throw new WakuMessageException("the payload cannot be decrypted: " + e.getMessage(), e);
        }
        if (plaintext.length == 0) {
            throw new WakuMessageException("the payload decrypts to nothing");
        }
        return plaintext;
    }

    /** The data of a plaintext as far as its size field goes, signed or not; for telling kinds of message apart. */
    static byte[] dataOf(byte[] plaintext) throws WakuMessageException {
        int sizeLength = plaintext[0] & SIZE_FIELD_MASK;
        if (sizeLength == 0 || plaintext.length < 1 + sizeLength) {
            throw new WakuMessageException("no size field");
        }
        long size = 0;
        for (int i = 0; i < sizeLength; i++) {
            size |= (long) (plaintext[1 + i] & 0xff) << (8 * i);
        }
        if (size > plaintext.length - 1 - sizeLength) {
            throw new WakuMessageException("size field past the end");
        }
        return Arrays.copyOfRange(plaintext, 1 + sizeLength, 1 + sizeLength + (int) size);
    }

    static Opened parsePlaintext(byte[] plaintext) throws WakuMessageException {
        int flags = plaintext[0] & 0xff;
        int sizeLength = flags & SIZE_FIELD_MASK;
        if ((flags & SIGNATURE_FLAG) == 0) {
            throw new WakuMessageException("the payload is not signed (flags 0x" + Integer.toHexString(flags)
                    + "): a Status client drops an unsigned message");
        }
        if (sizeLength == 0) {
            throw new WakuMessageException("the payload has no size field (flags 0x" + Integer.toHexString(flags) + ")");
        }
        int signatureStart = plaintext.length - Secp256k1.SIGNATURE_LENGTH;
        if (signatureStart < 1 + sizeLength) {
            throw new WakuMessageException("the payload is too short for its size field and a signature");
        }
        long size = 0;
        for (int i = 0; i < sizeLength; i++) {
            size |= (long) (plaintext[1 + i] & 0xff) << (8 * i);
        }
        int dataStart = 1 + sizeLength;
        if (size > signatureStart - dataStart) {
            throw new WakuMessageException("the size field says " + size + " bytes but only " + (signatureStart - dataStart)
                    + " precede the signature");
        }
        byte[] signedPart = Arrays.copyOfRange(plaintext, 0, signatureStart);
        byte[] signature = Arrays.copyOfRange(plaintext, signatureStart, plaintext.length);
        byte[] signer;
        try {
            signer = Secp256k1.recoverCompressed(Keccak256.hash(signedPart), signature);
        } catch (Secp256k1.SignatureException e) {
            throw new WakuMessageException("the payload's signature is invalid: " + e.getMessage(), e);
        }
        int paddingLength = signatureStart - dataStart - (int) size;
        return new Opened(Arrays.copyOfRange(plaintext, dataStart, dataStart + (int) size), signer, paddingLength);
    }

    static int sizeFieldLength(int length) {
        if (length < 1 << 8) {
            return 1;
        }
        if (length < 1 << 16) {
            return 2;
        }
        if (length < 1 << 24) {
            return 3;
        }
        // Two flag bits cannot say 4: a larger payload would set the signature flag by accident.
        throw new IllegalArgumentException("a payload of " + length + " bytes is too large for Waku payload version 1");
    }

    /**
     * @param signer        the compressed public key of the transport signature
     * @param paddingLength bytes between the data and the signature
     */
    public record Opened(byte[] data, byte[] signer, int paddingLength) {
    }
}
