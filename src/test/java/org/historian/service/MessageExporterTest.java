package org.historian.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.historian.model.Community;
import org.historian.testing.FixtureStore;
import org.historian.testing.TestData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MessageExporterTest {
    @TempDir
    Path temp;

    private static byte[] export(FixtureStore store, Community community, long from, long to) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new MessageExporter(store.messages, store.root).export(community, from, to, out, MessageExporter.Listener.NONE);
        return out.toByteArray();
    }

    @Test
    void exportImportExportGivesTheSameBytes() throws Exception {
        FixtureStore first = new FixtureStore(temp.resolve("a"));
        DemoCommunity.Spec spec = new DemoCommunity.Spec("Round trip", 5, Instant.parse("2024-03-01T00:00:00Z"), 3);
        Community community = DemoCommunity.community(spec);
        first.communities.add(community);
        DemoCommunity.generate(spec, first.messages, DemoCommunity.Listener.NONE);
        first.messages.insert(List.of(new org.historian.model.StoredMessage(new byte[65], TestData.JAN_1_2020,
                community.topics().get(0).bytes(), new byte[]{1}, new byte[]{2, 3}, new byte[32], "discord-7")));
        byte[] exported = export(first, community, 0, Long.MAX_VALUE);

        FixtureStore second = new FixtureStore(temp.resolve("b"));
        second.communities.add(community);
        MessageImporter.Report report = new MessageImporter(second.messages).importNdjson(new ByteArrayInputStream(exported),
                MessageImporter.Listener.NONE);
        assertThat(report.errorCount()).isZero();
        assertThat(report.imported()).isEqualTo(first.messages.count(community.topics(), 0, Long.MAX_VALUE));
        assertThat(export(second, community, 0, Long.MAX_VALUE)).isEqualTo(exported);
        assertThat(new String(exported, java.nio.charset.StandardCharsets.UTF_8)).contains("\"thirdPartyId\":\"discord-7\"");
    }

    @Test
    void aRangeExportsOnlyItsMessagesOldestFirst() throws Exception {
        FixtureStore store = new FixtureStore(temp);
        Community community = TestData.community(70, TestData.TOPIC);
        store.messages.insert(List.of(TestData.message(300, new byte[]{3}), TestData.message(100, new byte[]{1}),
                TestData.message(200, new byte[]{2}), TestData.message(400, new byte[]{4})));
        String text = new String(export(store, community, 100, 400), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(text.lines().map(line -> line.substring(13, 16)).toList()).containsExactly("100", "200", "300");
    }
}
