package org.historian.torrent;

import bt.metainfo.TorrentId;
import bt.net.Peer;
import bt.net.crypto.MSEHandshakeProcessor;
import bt.protocol.Message;
import bt.protocol.crypto.EncryptionPolicy;
import bt.protocol.crypto.MSECipher;
import bt.protocol.handler.MessageHandler;
import bt.runtime.Config;
import bt.torrent.TorrentDescriptor;
import bt.torrent.TorrentRegistry;
import java.io.EOFException;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.channels.ByteChannel;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;
import javax.crypto.Cipher;

/**
 * Message Stream Encryption (the "MSE/PE" handshake libtorrent and anacrolix/torrent open with),
 * both directions, with the stream boundaries right. Replaces Bt 1.10's own handshake, whose
 * receiving side ignored the initiator's initial payload (IA): libtorrent sends its BitTorrent
 * handshake there, RC4-encrypted even when plaintext is then selected, and Bt either handed it
 * on still encrypted (plaintext selected, IA arriving after step 3: the connection died with an
 * unknown message) or decrypted it twice (RC4 selected, IA arriving with step 3), depending only
 * on how TCP split the bytes. Here exactly the encrypted bytes are decrypted, no more, no fewer:
 *
 * <ul>
 *   <li>receiving: VC through len(IA) are decrypted; with plaintext selected the IA is awaited
 *       and decrypted too and what follows is left as it came; with RC4 the IA and what follows
 *       stay encrypted for the pipeline, whose cipher continues at the IA's first byte;</li>
 *   <li>initiating: the answer is found by its encrypted VC within the 512 bytes of padding, and
 *       only VC, crypto_select, len(PadD) and PadD are decrypted; bytes are appended, never
 *       written over, however the answer is split.</li>
 * </ul>
 *
 * A plain BitTorrent handshake is still accepted from a peer that does not use MSE, unless the
 * policy requires encryption. Every read has one deadline; bytes are read raw from the socket.
 */
final class MessageStreamEncryption extends MSEHandshakeProcessor {
    /** The 768-bit MSE prime, generator 2 (the specification's constants). */
    private static final BigInteger P = new BigInteger(
            "FFFFFFFFFFFFFFFFC90FDAA22168C234C4C6628B80DC1CD129024E088A67CC74020BBEA63B139B22514A08798E3404DD"
                    + "EF9519B3CD3A431B302B0A6DF25F14374FE1356D6D51C245E485B576625E7EC6F44C42E9A63A36210000000000090563", 16);
    private static final BigInteger G = BigInteger.TWO;
    private static final int KEY_BYTES = 96;
    private static final int MAX_PADDING = 512;
    private static final int VC_LENGTH = 8;
    private static final int PLAINTEXT = 0x01;
    private static final int RC4 = 0x02;
    private static final byte[] BITTORRENT = "\u0013BitTorrent protocol".getBytes(StandardCharsets.ISO_8859_1);

    private final TorrentRegistry torrents;
    private final EncryptionPolicy policy;
    private final int privateKeyBits;
    private final Duration timeout;
    private final Duration poll;
    private final SecureRandom random = new SecureRandom();

    MessageStreamEncryption(TorrentRegistry torrents, MessageHandler<Message> protocol, Config config) {
        super(torrents, protocol, config);
        this.torrents = torrents;
        this.policy = config.getEncryptionPolicy();
        this.privateKeyBits = config.getMsePrivateKeySize() * 8;
        this.timeout = config.getPeerHandshakeTimeout();
        this.poll = config.getMseWaitBetweenReads();
    }

    /** On return {@code in} holds what the peer sent after the handshake at [0, position), as the pipeline reads it. */
    @Override
    public Optional<MSECipher> negotiateIncoming(Peer peer, ByteChannel channel, ByteBuffer in, ByteBuffer out) throws IOException {
        long deadline = deadline();
        in.clear();
        fill(channel, in, BITTORRENT.length, deadline);
        if (startsWith(in, 0, BITTORRENT)) {
            if (policy == EncryptionPolicy.REQUIRE_ENCRYPTED) {
                throw new IOException(peer + " opened in plaintext, but this client requires encryption");
            }
            return Optional.empty();
        }
        // 1. A->B: Ya, PadA
        fill(channel, in, KEY_BYTES, deadline);
        BigInteger theirs = publicKey(in, 0, peer);
        // 2. B->A: Yb, PadB
        BigInteger ours = privateKey();
        send(channel, out, concat(unsigned(G.modPow(ours, P)), randomBytes(random.nextInt(MAX_PADDING + 1))), deadline);
        byte[] secret = unsigned(theirs.modPow(ours, P));
        // 3. A->B: HASH('req1', S) after PadA, HASH('req2', SKEY) xor HASH('req3', S), ENCRYPT(VC, crypto_provide,
        //    len(PadC), PadC, len(IA)), ENCRYPT(IA)
        int at = find(channel, in, sha1("req1", secret), KEY_BYTES, KEY_BYTES + MAX_PADDING, deadline) + 20;
        fill(channel, in, at + 20, deadline);
        TorrentId torrent = torrentOf(bytes(in, at, 20), sha1("req3", secret), peer);
        at += 20;
        MSECipher cipher = MSECipher.forReceiver(secret, torrent);
        Cipher decrypt = cipher.getDecryptionCipher();
        fill(channel, in, at + VC_LENGTH + 6, deadline);
        decryptInPlace(decrypt, in, at, VC_LENGTH + 6);
        requireZeroVc(in, at, peer);
        int provided = in.getInt(at + VC_LENGTH);
        int padC = in.getShort(at + VC_LENGTH + 4) & 0xffff;
        if (padC > MAX_PADDING) {
            throw new IOException(peer + " sent " + padC + " bytes of PadC, more than the " + MAX_PADDING + " MSE allows");
        }
        at += VC_LENGTH + 6;
        fill(channel, in, at + padC + 2, deadline);
        decryptInPlace(decrypt, in, at, padC + 2);
        int initialPayload = in.getShort(at + padC) & 0xffff;
        at += padC + 2;
        int selected = select(provided, peer);
        if (selected == PLAINTEXT && initialPayload > 0) {
            // The IA is still part of the encrypted handshake; what follows it is plaintext.
            fill(channel, in, at + initialPayload, deadline);
            decryptInPlace(decrypt, in, at, initialPayload);
        }
        // 4. B->A: ENCRYPT(VC, crypto_select, len(PadD), PadD)
        int padD = random.nextInt(MAX_PADDING + 1);
        ByteBuffer answer = ByteBuffer.allocate(VC_LENGTH + 6 + padD);
        answer.position(VC_LENGTH);
        answer.putInt(selected).putShort((short) padD);
        send(channel, out, cipher.getEncryptionCipher().update(answer.array()), deadline);
        keepFrom(in, at);
        return selected == RC4 ? Optional.of(cipher) : Optional.empty();
    }

    /** On return {@code in} holds what the peer sent after its answer at [0, position), as the pipeline reads it. */
    @Override
    public Optional<MSECipher> negotiateOutgoing(Peer peer, ByteChannel channel, TorrentId torrent, ByteBuffer in, ByteBuffer out)
            throws IOException {
        long deadline = deadline();
        in.clear();
        // 1. A->B: Ya, PadA
        BigInteger ours = privateKey();
        send(channel, out, concat(unsigned(G.modPow(ours, P)), randomBytes(random.nextInt(MAX_PADDING + 1))), deadline);
        // 2. B->A: Yb, PadB
        fill(channel, in, KEY_BYTES, deadline);
        byte[] secret = unsigned(publicKey(in, 0, peer).modPow(ours, P));
        // 3. A->B: HASH('req1', S), HASH('req2', SKEY) xor HASH('req3', S), ENCRYPT(VC, crypto_provide, len(PadC) = 0,
        //    len(IA) = 0): the BitTorrent handshake follows through the pipeline once B has chosen.
        MSECipher cipher = MSECipher.forInitiator(secret, torrent);
        int provided = policy == EncryptionPolicy.REQUIRE_ENCRYPTED ? RC4 : PLAINTEXT | RC4;
        ByteBuffer offer = ByteBuffer.allocate(VC_LENGTH + 8);
        offer.position(VC_LENGTH);
        offer.putInt(provided).putShort((short) 0).putShort((short) 0);
        send(channel, out, concat(sha1("req1", secret), xor(sha1("req2", torrent.getBytes()), sha1("req3", secret)),
                cipher.getEncryptionCipher().update(offer.array())), deadline);
        // 4. B->A: ENCRYPT(VC, crypto_select, len(PadD), PadD), found by its encrypted VC after PadB
        Cipher decrypt = cipher.getDecryptionCipher();
        byte[] encryptedVc = decrypt.update(new byte[VC_LENGTH]);
        int at = find(channel, in, encryptedVc, KEY_BYTES, KEY_BYTES + MAX_PADDING, deadline) + VC_LENGTH;
        fill(channel, in, at + 6, deadline);
        decryptInPlace(decrypt, in, at, 6);
        int selected = in.getInt(at);
        int padD = in.getShort(at + 4) & 0xffff;
        if (padD > MAX_PADDING) {
            throw new IOException(peer + " sent " + padD + " bytes of PadD, more than the " + MAX_PADDING + " MSE allows");
        }
        if (selected != PLAINTEXT && selected != RC4 || (selected & provided) == 0) {
            throw new IOException(peer + " selected crypto method " + selected + ", which was not offered (" + provided + ")");
        }
        at += 6;
        fill(channel, in, at + padD, deadline);
        decryptInPlace(decrypt, in, at, padD);
        keepFrom(in, at + padD);
        return selected == RC4 ? Optional.of(cipher) : Optional.empty();
    }

    private int select(int provided, Peer peer) throws IOException {
        boolean plaintext = (provided & PLAINTEXT) != 0;
        boolean rc4 = (provided & RC4) != 0;
        int selected = switch (policy) {
            case REQUIRE_PLAINTEXT -> plaintext ? PLAINTEXT : 0;
            case PREFER_PLAINTEXT -> plaintext ? PLAINTEXT : rc4 ? RC4 : 0;
            case PREFER_ENCRYPTED -> rc4 ? RC4 : plaintext ? PLAINTEXT : 0;
            case REQUIRE_ENCRYPTED -> rc4 ? RC4 : 0;
        };
        if (selected == 0) {
            throw new IOException(peer + " offers crypto methods " + provided + ", none of which " + policy + " accepts");
        }
        return selected;
    }

    private TorrentId torrentOf(byte[] req2XorReq3, byte[] req3, Peer peer) throws IOException {
        byte[] req2 = xor(req2XorReq3, req3);
        for (TorrentId id : torrents.getTorrentIds()) {
            if (Arrays.equals(sha1("req2", id.getBytes()), req2)) {
                Optional<TorrentDescriptor> descriptor = torrents.getDescriptor(id);
                if (descriptor.isPresent() && descriptor.get().isActive()) {
                    return id;
                }
                break;
            }
        }
        throw new IOException(peer + " asked for a torrent this client does not serve");
    }

    private static BigInteger publicKey(ByteBuffer in, int at, Peer peer) throws IOException {
        BigInteger key = new BigInteger(1, bytes(in, at, KEY_BYTES));
        if (key.compareTo(BigInteger.ONE) <= 0 || key.compareTo(P.subtract(BigInteger.ONE)) >= 0) {
            throw new IOException(peer + " sent an invalid Diffie-Hellman key");
        }
        return key;
    }

    private BigInteger privateKey() {
        return new BigInteger(privateKeyBits, random).setBit(privateKeyBits - 1);
    }

    private static void requireZeroVc(ByteBuffer in, int at, Peer peer) throws IOException {
        for (int i = 0; i < VC_LENGTH; i++) {
            if (in.get(at + i) != 0) {
                throw new IOException(peer + " sent a wrong verification constant: not an MSE handshake for this torrent");
            }
        }
    }

    /** Reads until {@code pattern} starts somewhere in [from, lastStart]; its offset. Never decrypts. */
    private int find(ByteChannel channel, ByteBuffer in, byte[] pattern, int from, int lastStart, long deadline) throws IOException {
        int next = from;
        while (true) {
            for (int i = next; i <= lastStart && i + pattern.length <= in.position(); i++) {
                if (startsWith(in, i, pattern)) {
                    return i;
                }
            }
            next = Math.max(next, in.position() - pattern.length + 1);
            if (next > lastStart) {
                throw new IOException("the MSE synchronisation pattern was not within " + MAX_PADDING + " bytes of padding");
            }
            readSome(channel, in, deadline);
        }
    }

    /** At least {@code length} bytes at [0, position): appended to what is there, never written over. */
    private void fill(ByteChannel channel, ByteBuffer in, int length, long deadline) throws IOException {
        if (length > in.capacity()) {
            throw new IOException("an MSE handshake of " + length + " bytes does not fit the " + in.capacity() + "-byte buffer");
        }
        while (in.position() < length) {
            readSome(channel, in, deadline);
        }
    }

    private void readSome(ByteChannel channel, ByteBuffer in, long deadline) throws IOException {
        while (true) {
            int read = channel.read(in);
            if (read < 0) {
                throw new EOFException("the peer closed the connection during the MSE handshake, after " + in.position() + " bytes");
            }
            if (read > 0) {
                return;
            }
            if (!in.hasRemaining()) {
                throw new IOException("the MSE handshake overflowed its buffer");
            }
            waitUntil(deadline);
        }
    }

    private void send(ByteChannel channel, ByteBuffer out, byte[] bytes, long deadline) throws IOException {
        out.clear();
        out.put(bytes);
        out.flip();
        while (out.hasRemaining()) {
            if (channel.write(out) == 0) {
                waitUntil(deadline);
            }
        }
        out.clear();
    }

    private void waitUntil(long deadline) throws IOException {
        if (System.nanoTime() - deadline > 0) {
            throw new IOException("the peer did not complete the MSE handshake within " + timeout.toSeconds() + " s");
        }
        try {
            Thread.sleep(Math.max(1, poll.toMillis()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted during the MSE handshake", e);
        }
    }

    private long deadline() {
        return System.nanoTime() + timeout.toNanos();
    }

    /** Moves [from, position) to the start, as the pipeline expects what is left of the stream. */
    private static void keepFrom(ByteBuffer in, int from) {
        in.limit(in.position()).position(from);
        in.compact();
    }

    private static void decryptInPlace(Cipher cipher, ByteBuffer in, int at, int length) {
        byte[] plain = cipher.update(bytes(in, at, length));
        for (int i = 0; i < length; i++) {
            in.put(at + i, plain[i]);
        }
    }

    private static boolean startsWith(ByteBuffer in, int at, byte[] pattern) {
        if (at + pattern.length > in.position()) {
            return false;
        }
        for (int i = 0; i < pattern.length; i++) {
            if (in.get(at + i) != pattern[i]) {
                return false;
            }
        }
        return true;
    }

    private static byte[] bytes(ByteBuffer in, int at, int length) {
        byte[] copy = new byte[length];
        for (int i = 0; i < length; i++) {
            copy[i] = in.get(at + i);
        }
        return copy;
    }

    private static byte[] unsigned(BigInteger value) {
        byte[] raw = value.toByteArray();
        byte[] fixed = new byte[KEY_BYTES];
        int length = Math.min(raw.length, KEY_BYTES);
        System.arraycopy(raw, raw.length - length, fixed, KEY_BYTES - length, length);
        return fixed;
    }

    private byte[] randomBytes(int length) {
        byte[] bytes = new byte[length];
        random.nextBytes(bytes);
        return bytes;
    }

    private static byte[] concat(byte[]... parts) {
        int length = Arrays.stream(parts).mapToInt(part -> part.length).sum();
        byte[] all = new byte[length];
        int at = 0;
        for (byte[] part : parts) {
            System.arraycopy(part, 0, all, at, part.length);
            at += part.length;
        }
        return all;
    }

    private static byte[] xor(byte[] a, byte[] b) {
        byte[] result = new byte[a.length];
        for (int i = 0; i < a.length; i++) {
            result[i] = (byte) (a[i] ^ b[i]);
        }
        return result;
    }

    private static byte[] sha1(String prefix, byte[] data) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-1");
            digest.update(prefix.getBytes(StandardCharsets.US_ASCII));
            digest.update(data);
            return digest.digest();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-1 is not available in this Java runtime", e);
        }
    }
}
