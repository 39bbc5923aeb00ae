package org.historian.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.historian.model.Community;
import org.historian.model.CommunityId;
import org.historian.model.ContentTopic;
import org.historian.model.Hex;
import org.historian.model.Keccak256;
import org.historian.model.SigningKey;
import org.historian.store.CommunityKeyRepository;
import org.historian.model.KeyKind;
import org.historian.store.CommunityRepository;
import org.historian.store.Database;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KeyVaultTest {
    private static final SigningKey KEY = SigningKey.of(Keccak256.hash("vault community".getBytes(StandardCharsets.UTF_8)));
    private static final SigningKey OTHER = SigningKey.of(Keccak256.hash("vault other".getBytes(StandardCharsets.UTF_8)));
    private static final CommunityId COMMUNITY = KEY.asCommunityId();
    private static final char[] PASSPHRASE = "correct horse battery".toCharArray();

    @TempDir
    Path temp;
    private Database database;
    private KeyVault vault;

    @BeforeEach
    void open() {
        database = Database.open(temp.resolve("h.db"));
        CommunityRepository communities = new CommunityRepository(database, Clock.systemUTC());
        if (communities.find(COMMUNITY).isPresent()) {
            vault = new KeyVault(new CommunityKeyRepository(database), Clock.systemUTC());
            return;
        }
        communities.add(new Community(COMMUNITY, "Vault", List.of(ContentTopic.parse("0x01020304")), false, true, null));
        communities.add(new Community(OTHER.asCommunityId(), "Other", List.of(ContentTopic.parse("0x01020305")), false, true, null));
        vault = new KeyVault(new CommunityKeyRepository(database), Clock.systemUTC());
    }

    @AfterEach
    void close() {
        database.close();
    }

    @Test
    void aKeyOfAnotherCommunityIsRefused() {
        assertThatThrownBy(() -> vault.importKey(COMMUNITY, KeyKind.COMMUNITY, OTHER, PASSPHRASE))
                .hasMessageContaining("belongs to " + OTHER.asCommunityId().hex()).hasMessageContaining("not to the community");
        assertThat(vault.state(COMMUNITY, KeyKind.COMMUNITY)).isEqualTo(KeyVault.State.NONE);
    }

    @Test
    void aShortFirstPassphraseIsRefused() {
        assertThatThrownBy(() -> vault.importKey(COMMUNITY, KeyKind.COMMUNITY, KEY, "short".toCharArray()))
                .hasMessageContaining("at least 8 characters");
    }

    @Test
    void theKeyIsStoredSealedAndLockedInTheNextSession() throws Exception {
        AtomicInteger changes = new AtomicInteger();
        vault.onChange(changes::incrementAndGet);
        vault.importKey(COMMUNITY, KeyKind.COMMUNITY, KEY, PASSPHRASE);
        assertThat(vault.key(COMMUNITY, KeyKind.COMMUNITY)).contains(KEY);
        assertThat(changes).hasValue(1);

        database.close();
        byte[] file = Files.readAllBytes(temp.resolve("h.db"));
        String text = new String(file, StandardCharsets.ISO_8859_1);
        assertThat(text).doesNotContain(Hex.encodeBare(KEY.privateKeyBytes()));
        assertThat(indexOf(file, KEY.privateKeyBytes())).isNegative();

        open();
        assertThat(vault.state(COMMUNITY, KeyKind.COMMUNITY)).isEqualTo(KeyVault.State.LOCKED);
        assertThat(vault.isLocked()).isTrue();
        assertThat(vault.key(COMMUNITY, KeyKind.COMMUNITY)).isEmpty();
        assertThatThrownBy(() -> vault.unlock("wrong passphrase".toCharArray())).hasMessageContaining("passphrase is wrong");
        assertThat(vault.unlock(PASSPHRASE)).isEqualTo(1);
        assertThat(vault.key(COMMUNITY, KeyKind.COMMUNITY)).contains(KEY);
        vault.lock();
        assertThat(vault.state(COMMUNITY, KeyKind.COMMUNITY)).isEqualTo(KeyVault.State.LOCKED);
    }

    @Test
    void everyKeyOfADataDirectoryHasThePassphraseOfTheFirst() throws Exception {
        vault.importKey(COMMUNITY, KeyKind.COMMUNITY, KEY, PASSPHRASE);
        assertThatThrownBy(() -> vault.importKey(OTHER.asCommunityId(), KeyKind.COMMUNITY, OTHER, "another passphrase".toCharArray()))
                .hasMessageContaining("differs from the one that protects the other keys");
        vault.importKey(OTHER.asCommunityId(), KeyKind.COMMUNITY, OTHER, PASSPHRASE);
        vault.importKey(COMMUNITY, KeyKind.SHARD, OTHER, PASSPHRASE);
        vault.lock();
        assertThat(vault.unlock(PASSPHRASE)).isEqualTo(3);
        assertThat(vault.key(COMMUNITY, KeyKind.SHARD)).contains(OTHER);
    }

    @Test
    void aCommunityKeyAndItsShardKeyAreImportedTogetherOrNotAtAll() throws Exception {
        SigningKey shard = SigningKey.of(Keccak256.hash("vault shard".getBytes(StandardCharsets.UTF_8)));
        AtomicInteger changes = new AtomicInteger();
        vault.onChange(changes::incrementAndGet);
        assertThatThrownBy(() -> vault.importKeys(COMMUNITY, OTHER, Optional.of(shard), PASSPHRASE))
                .hasMessageContaining("not to the community");
        assertThat(vault.stored()).isEmpty();
        assertThat(changes).hasValue(0);

        vault.importKeys(COMMUNITY, KEY, Optional.of(shard), PASSPHRASE);
        assertThat(changes).hasValue(1);
        assertThat(vault.key(COMMUNITY, KeyKind.COMMUNITY)).contains(KEY);
        assertThat(vault.key(COMMUNITY, KeyKind.SHARD)).contains(shard);
        vault.lock();
        assertThat(vault.unlock(PASSPHRASE)).isEqualTo(2);
    }

    @Test
    void aRemovedKeyIsGone() throws Exception {
        vault.importKey(COMMUNITY, KeyKind.COMMUNITY, KEY, PASSPHRASE);
        assertThat(vault.remove(COMMUNITY, KeyKind.COMMUNITY)).isTrue();
        assertThat(vault.state(COMMUNITY, KeyKind.COMMUNITY)).isEqualTo(KeyVault.State.NONE);
        assertThat(vault.stored()).isEmpty();
        assertThat(vault.remove(COMMUNITY, KeyKind.COMMUNITY)).isFalse();
    }

    @Test
    void aSealedKeyMovedToAnotherCommunityDoesNotOpen() throws Exception {
        vault.importKey(COMMUNITY, KeyKind.COMMUNITY, KEY, PASSPHRASE);
        CommunityKeyRepository repository = new CommunityKeyRepository(database);
        CommunityKeyRepository.SealedKey sealed = repository.get(COMMUNITY, KeyKind.COMMUNITY).orElseThrow();
        repository.remove(COMMUNITY, KeyKind.COMMUNITY);
        repository.put(new CommunityKeyRepository.SealedKey(OTHER.asCommunityId(), KeyKind.COMMUNITY, sealed.publicKey(), sealed.kdf(),
                sealed.salt(), sealed.nonce(), sealed.ciphertext(), sealed.createdAt()));
        vault.lock();
        assertThatThrownBy(() -> vault.unlock(PASSPHRASE)).hasMessageContaining("passphrase is wrong");
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
