package org.historian.service;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.bouncycastle.crypto.generators.SCrypt;
import org.historian.model.CommunityId;
import org.historian.model.Hex;
import org.historian.model.SigningKey;
import org.historian.store.CommunityKeyRepository;
import org.historian.model.KeyKind;
import org.historian.store.CommunityKeyRepository.SealedKey;

/**
 * The community keys: kept on disk only sealed with AES-256-GCM under a key that scrypt derives
 * from the operator's passphrase (one passphrase per data directory, a fresh salt per key), and
 * in memory only while unlocked for this session. Keys are never logged, exported or shown.
 */
public final class KeyVault {
    public static final int MIN_PASSPHRASE_LENGTH = 8;
    /** scrypt cost: 32 MiB and about a tenth of a second per key on a laptop. */
    private static final int SCRYPT_N = 1 << 15;
    private static final int SCRYPT_R = 8;
    private static final int SCRYPT_P = 1;
    private static final String KDF = "scrypt:N=" + SCRYPT_N + ",r=" + SCRYPT_R + ",p=" + SCRYPT_P;

    public enum State {
        /** No key was imported for the community. */
        NONE,
        /** A key is stored but not unlocked in this session. */
        LOCKED,
        UNLOCKED
    }

    private record Slot(CommunityId community, KeyKind kind) {
    }

    private final CommunityKeyRepository repository;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    private final Map<Slot, SigningKey> unlocked = new ConcurrentHashMap<>();
    private final List<Runnable> listeners = new CopyOnWriteArrayList<>();

    public KeyVault(CommunityKeyRepository repository, Clock clock) {
        this.repository = repository;
        this.clock = clock;
    }

    /** Called after every import, unlock, lock and removal, on the caller's thread. */
    public void onChange(Runnable listener) {
        listeners.add(listener);
    }

    public State state(CommunityId community, KeyKind kind) {
        if (unlocked.containsKey(new Slot(community, kind))) {
            return State.UNLOCKED;
        }
        return repository.get(community, kind).isPresent() ? State.LOCKED : State.NONE;
    }

    public Optional<SigningKey> key(CommunityId community, KeyKind kind) {
        return Optional.ofNullable(unlocked.get(new Slot(community, kind)));
    }

    /**
     * A key as stored, sealed under the passphrase: what can be shown without unlocking.
     *
     * @param publicKey the compressed public key, hex
     * @param kdf       how the passphrase became the sealing key
     */
    public record StoredKey(CommunityId community, KeyKind kind, String publicKey, String kdf, java.time.Instant importedAt) {
    }

    /** The stored keys, to list them without unlocking. */
    public List<StoredKey> stored() {
        return repository.all().stream().map(key -> new StoredKey(key.community(), key.kind(), key.publicKey(), key.kdf(),
                java.time.Instant.ofEpochMilli(key.createdAt()))).toList();
    }

    public boolean isLocked() {
        return repository.all().stream().anyMatch(key -> !unlocked.containsKey(new Slot(key.community(), key.kind())));
    }

    /**
     * Seals and stores a key, and keeps it unlocked for this session.
     *
     * @throws KeyVaultException when a community key does not belong to the community, or the
     *                           passphrase is too short or differs from the one of the other keys
     */
    public void importKey(CommunityId community, KeyKind kind, SigningKey key, char[] passphrase) throws KeyVaultException {
        check(community, kind, key, passphrase);
        seal(community, kind, key, passphrase);
        listeners.forEach(Runnable::run);
    }

    /**
     * Imports a community key and, for a protected shard, its shard key together: both are
     * checked before either is stored, and listeners hear of them once, so the first message
     * published already carries the shard signature.
     */
    public void importKeys(CommunityId community, SigningKey communityKey, Optional<SigningKey> shardKey, char[] passphrase)
            throws KeyVaultException {
        check(community, KeyKind.COMMUNITY, communityKey, passphrase);
        if (shardKey.isPresent()) {
            check(community, KeyKind.SHARD, shardKey.get(), passphrase);
            seal(community, KeyKind.SHARD, shardKey.get(), passphrase);
        }
        seal(community, KeyKind.COMMUNITY, communityKey, passphrase);
        listeners.forEach(Runnable::run);
    }

    private void check(CommunityId community, KeyKind kind, SigningKey key, char[] passphrase) throws KeyVaultException {
        if (kind == KeyKind.COMMUNITY && !key.asCommunityId().equals(community)) {
            throw new KeyVaultException("this private key belongs to " + key.asCommunityId().hex() + ", not to the community "
                    + community.hex() + "; only the community's own key signs links that members accept");
        }
        List<SealedKey> others = repository.all().stream()
                .filter(sealed -> !(sealed.community().equals(community) && sealed.kind() == kind)).toList();
        if (others.isEmpty()) {
            if (passphrase.length < MIN_PASSPHRASE_LENGTH) {
                throw new KeyVaultException("the passphrase must have at least " + MIN_PASSPHRASE_LENGTH + " characters");
            }
        } else {
            try {
                open(others.get(0), passphrase);
            } catch (KeyVaultException e) {
                throw new KeyVaultException("the passphrase differs from the one that protects the other keys of this data "
                        + "directory; use that one");
            }
        }
    }

    private void seal(CommunityId community, KeyKind kind, SigningKey key, char[] passphrase) {
        byte[] salt = new byte[16];
        byte[] nonce = new byte[12];
        random.nextBytes(salt);
        random.nextBytes(nonce);
        byte[] plain = key.privateKeyBytes();
        byte[] sealingKey = derive(passphrase, salt);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(sealingKey, "AES"), new GCMParameterSpec(128, nonce));
            cipher.updateAAD(associatedData(community, kind));
            byte[] ciphertext = cipher.doFinal(plain);
            repository.put(new SealedKey(community, kind, Hex.encode(key.compressedPublicKey()), KDF, salt, nonce, ciphertext,
                    clock.millis()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-256-GCM is not available in this Java runtime", e);
        } finally {
            Arrays.fill(plain, (byte) 0);
            Arrays.fill(sealingKey, (byte) 0);
        }
        unlocked.put(new Slot(community, kind), key);
    }

    /**
     * Unlocks every stored key with the passphrase.
     *
     * @return how many keys are unlocked now
     * @throws KeyVaultException when the passphrase opens none of them
     */
    public int unlock(char[] passphrase) throws KeyVaultException {
        List<SealedKey> sealed = repository.all();
        if (sealed.isEmpty()) {
            throw new KeyVaultException("no key has been imported yet");
        }
        int opened = 0;
        for (SealedKey key : sealed) {
            try {
                unlocked.put(new Slot(key.community(), key.kind()), open(key, passphrase));
                opened++;
            } catch (KeyVaultException wrongPassphrase) {
                // Counted below: a passphrase opens all keys or none.
            }
        }
        if (opened == 0) {
            throw new KeyVaultException("the passphrase is wrong: it opens none of the " + sealed.size() + " stored keys");
        }
        listeners.forEach(Runnable::run);
        return opened;
    }

    /** Forgets every unlocked key; they stay stored. */
    public void lock() {
        unlocked.clear();
        listeners.forEach(Runnable::run);
    }

    /** @return whether a key was stored */
    public boolean remove(CommunityId community, KeyKind kind) {
        unlocked.remove(new Slot(community, kind));
        boolean removed = repository.remove(community, kind);
        listeners.forEach(Runnable::run);
        return removed;
    }

    private SigningKey open(SealedKey key, char[] passphrase) throws KeyVaultException {
        if (!KDF.equals(key.kdf())) {
            throw new KeyVaultException("the key of " + key.community().hex() + " was sealed with " + key.kdf()
                    + ", which this version does not know");
        }
        byte[] sealingKey = derive(passphrase, key.salt());
        byte[] plain = null;
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, new SecretKeySpec(sealingKey, "AES"), new GCMParameterSpec(128, key.nonce()));
            cipher.updateAAD(associatedData(key.community(), key.kind()));
            plain = cipher.doFinal(key.ciphertext());
            return SigningKey.of(plain);
        } catch (AEADBadTagException e) {
            throw new KeyVaultException("wrong passphrase");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-256-GCM is not available in this Java runtime", e);
        } finally {
            Arrays.fill(sealingKey, (byte) 0);
            if (plain != null) {
                Arrays.fill(plain, (byte) 0);
            }
        }
    }

    /** Binds a sealed key to its row: a ciphertext moved to another community does not open. */
    private static byte[] associatedData(CommunityId community, KeyKind kind) {
        return (community.hex() + "/" + kind.name()).getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] derive(char[] passphrase, byte[] salt) {
        ByteBuffer encoded = StandardCharsets.UTF_8.encode(CharBuffer.wrap(passphrase));
        byte[] bytes = new byte[encoded.remaining()];
        encoded.get(bytes);
        Arrays.fill(encoded.array(), (byte) 0);
        try {
            return SCrypt.generate(bytes, salt, SCRYPT_N, SCRYPT_R, SCRYPT_P, 32);
        } finally {
            Arrays.fill(bytes, (byte) 0);
        }
    }

    /** A key cannot be imported or unlocked; the message says why and never shows a key. */
    public static final class KeyVaultException extends Exception {
        public KeyVaultException(String message) {
            super(message);
        }
    }
}
