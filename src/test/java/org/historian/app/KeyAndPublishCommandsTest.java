package org.historian.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import org.historian.app.CommandRun.Result;
import org.historian.model.CommunityId;
import org.historian.model.Hex;
import org.historian.testing.FakeNwakuNode;
import org.historian.testing.TestData;
import org.historian.waku.ArchiveLinkMessage;
import org.historian.waku.NdjsonFormat;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** key import/list/remove, publish and verify-publication from the command line, against a local nwaku-like node. */
class KeyAndPublishCommandsTest {
    private static final long SEED = 4242;
    private static final CommunityId ID = TestData.communityId(SEED);

    @TempDir
    Path temp;
    private FakeNwakuNode node;
    private Path passphrase;

    private Result run(String... args) {
        return CommandRun.run(temp.resolve("data"), args);
    }

    private Path file(String name, String content) throws Exception {
        Path file = temp.resolve(name);
        Files.writeString(file, content, StandardCharsets.UTF_8);
        return file;
    }

    @BeforeEach
    void communityWithArchives() throws Exception {
        node = new FakeNwakuNode().storeWhatIsPublished();
        passphrase = file("passphrase", "a long enough passphrase\n");
        assertThat(run("community", "add", "--id", ID.hex(), "--name", "Keyed", "--topic", TestData.TOPIC.hex()).exitCode()).isZero();
        Path messages = file("m.ndjson", NdjsonFormat.format(TestData.message(TestData.JAN_1_2020 + 5, new byte[]{7})) + "\n");
        assertThat(run("import", messages.toString()).exitCode()).isZero();
        assertThat(run("archive", "--community", ID.hex(), "--from", "2020-01-01T00:00:00Z", "--to", "2020-01-08T00:00:00Z").exitCode())
                .isZero();
    }

    @AfterEach
    void stopNode() {
        node.close();
    }

    private Result importKey(long seed) throws Exception {
        Path key = file("key", Hex.encodeBare(TestData.communityKey(seed).privateKeyBytes()) + "\n");
        return run("key", "import", "--community", ID.hex(), "--key-file", key.toString(), "--passphrase-file", passphrase.toString());
    }

    @Test
    void aKeyIsImportedListedWithoutItsSecretAndUsedToPublishWhatMembersAccept() throws Exception {
        Result wrong = importKey(SEED + 1);
        assertThat(wrong.exitCode()).isNotZero();
        assertThat(wrong.err()).contains("the key was not imported: this private key belongs to " + TestData.communityId(SEED + 1).hex());

        Result imported = importKey(SEED);
        assertThat(imported.exitCode()).as(imported.err()).isZero();
        assertThat(imported.out()).contains("Imported the community key of " + ID.hex());
        Result listed = run("key", "list");
        assertThat(listed.out()).contains(ID.hex()).contains("community").contains("public key " + ID.hex())
                .doesNotContain(Hex.encodeBare(TestData.communityKey(SEED).privateKeyBytes()));

        Result published = run("publish", "--community", ID.hex(), "--node", node.url().toString(), "--passphrase-file",
                passphrase.toString());
        assertThat(published.exitCode()).as(published.err()).isZero();
        assertThat(published.out()).contains("Published to the Waku node at " + node.url() + " (relay)").contains("magnet:?xt=urn:btih:");
        byte[] payload = Base64.getDecoder().decode(node.posts.get(0).json().get("payload").asText());
        ArchiveLinkMessage.Received received = ArchiveLinkMessage.read(ID, node.posts.get(0).json().get("contentTopic").asText(), payload);
        assertThat(published.out()).contains(received.magnetUri());

        Result verified = run("verify-publication", "--community", ID.hex(), "--node", node.url().toString());
        assertThat(verified.exitCode()).as(verified.out() + verified.err()).isZero();
        assertThat(verified.out()).contains("ACCEPTED: Members accept the newest link on the universal chat: signed by the community, clock "
                + received.clock() + ", the torrent seeded now.");
    }

    @Test
    void withoutAKeyOrWithTheWrongPassphraseNothingIsPublished() throws Exception {
        Result noKey = run("publish", "--community", ID.hex(), "--node", node.url().toString());
        assertThat(noKey.exitCode()).isNotZero();
        assertThat(noKey.err()).contains("no community key has been imported").contains("historian key import --community " + ID.hex());

        importKey(SEED);
        Path wrongPassphrase = file("wrong", "not the passphrase\n");
        Result wrong = run("publish", "--community", ID.hex(), "--node", node.url().toString(), "--passphrase-file",
                wrongPassphrase.toString());
        assertThat(wrong.err()).contains("the passphrase is wrong");
        assertThat(node.posts).isEmpty();

        Result verified = run("verify-publication", "--community", ID.hex(), "--node", node.url().toString());
        assertThat(verified.exitCode()).isEqualTo(1);
        assertThat(verified.out()).contains("NOT ACCEPTED:").contains("holds no archive link of this community that members accept");

        assertThat(run("key", "remove", "--community", ID.hex()).out()).contains("Removed the community key of " + ID.hex());
        assertThat(run("key", "list").out()).contains("No keys stored.");
    }
}
