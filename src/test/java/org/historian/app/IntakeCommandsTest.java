package org.historian.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.historian.app.CommandRun.Result;
import org.historian.model.CommunityId;
import org.historian.model.StoredMessage;
import org.historian.testing.FakeNwakuNode;
import org.historian.testing.FakeNwakuNode.Answer;
import org.historian.testing.TestData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** sync, export, demo and community descriptions from the command line. */
class IntakeCommandsTest {
    private static final CommunityId ID = TestData.communityId(91);

    @TempDir
    Path temp;

    private void addFromFile(String json) throws Exception {
        Path file = temp.resolve("community.json");
        Files.writeString(file, json);
        Result added = run("community", "add", "--from-file", file.toString());
        assertThat(added.exitCode()).as(added.err()).isZero();
    }

    private Result run(String... args) {
        return CommandRun.run(temp.resolve("data"), args);
    }

    @Test
    void communitiesComeFromADescriptionFileWithFieldNamedErrors() throws Exception {
        Path bad = temp.resolve("bad.json");
        Files.writeString(bad, "{\"id\":\"" + ID.hex() + "\",\"name\":\"x\",\"topics\":[\"0x12\"]}");
        Result refused = run("community", "add", "--from-file", bad.toString());
        assertThat(refused.exitCode()).isEqualTo(2);
        assertThat(refused.err()).contains(bad + ": topics[0]: content topic must be exactly 4 bytes, got 1");

        addFromFile("{\"id\":\"" + ID.hex() + "\",\"name\":\"From File\",\"topics\":[\"" + TestData.TOPIC.hex() + "\"]}");
        assertThat(run("community", "list").out()).contains("From File");
        assertThat(run("community", "remove", "--id", ID.hex()).out()).contains("Removed From File; its files stay in the data directory.");
    }

    @Test
    void syncFetchesFromAStoreNodeAndExportWritesWhatIsStored() throws Exception {
        addFromFile("{\"id\":\"" + ID.hex() + "\",\"name\":\"Synced\",\"topics\":[\"" + TestData.TOPIC.hex() + "\"]}");
        assertThat(run("sync", "--community", ID.hex()).err()).contains("no store node is configured");
        List<StoredMessage> messages = List.of(TestData.message(TestData.JAN_1_2020 + 5, new byte[]{1}),
                TestData.message(TestData.JAN_1_2020 + 9, new byte[]{2}));
        try (FakeNwakuNode node = new FakeNwakuNode()) {
            node.then(Answer.json(FakeNwakuNode.page(messages, "/waku/1/", null)));
            assertThat(run("settings", "set", "store.nodeUrl", node.url().toString()).exitCode()).isZero();
            Result synced = run("sync", "--community", ID.hex(), "--from", "2020-01-01T00:00:00Z", "--to", "2020-01-02T00:00:00Z");
            assertThat(synced.exitCode()).as(synced.err()).isZero();
            assertThat(synced.out()).contains("Fetched 2 messages from the store node at " + node.url()).contains("2 were new");
            node.health(Answer.status(503, "Node is not ready"));
            Result down = run("sync", "--community", ID.hex());
            assertThat(down.exitCode()).isEqualTo(1);
            assertThat(down.err()).contains("is not ready: 503 Node is not ready");
        }
        Path exported = temp.resolve("out.ndjson");
        assertThat(run("export", "--community", ID.hex(), "--output", exported.toString()).out()).contains("Exported 2 messages");
        List<String> lines = Files.readAllLines(exported, StandardCharsets.UTF_8);
        assertThat(lines).hasSize(2);
        assertThat(lines.get(0)).startsWith("{\"timestamp\":" + (TestData.JAN_1_2020 + 5) + ",\"topic\":\"" + TestData.TOPIC.hex() + "\"");
    }

    @Test
    void theDemoCommunityIsAddedLabelledAndRemovedInOneAction() {
        Result added = run("demo", "add", "--weeks", "3", "--seed", "9");
        assertThat(added.exitCode()).as(added.err()).isZero();
        assertThat(added.out()).startsWith("Added Demo · Historian Playground (0x").contains("over 3 weeks");
        assertThat(run("community", "list").out()).contains("[demo data]");
        Result removed = run("demo", "remove");
        assertThat(removed.out()).startsWith("Removed Demo · Historian Playground with ");
        assertThat(run("community", "list").out()).contains("No communities yet");
        assertThat(run("demo", "remove").out()).contains("There is no demo community.");
    }
}
