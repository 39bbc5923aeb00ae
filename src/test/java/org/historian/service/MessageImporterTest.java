package org.historian.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.historian.model.StoredMessage;
import org.historian.testing.FixtureStore;
import org.historian.testing.TestData;
import org.historian.waku.NdjsonFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MessageImporterTest {
    @TempDir
    Path temp;

    private static InputStream lines(String... lines) {
        return new ByteArrayInputStream((String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void importsGoodLinesAndReportsBadOnesByLineNumber() throws Exception {
        FixtureStore store = new FixtureStore(temp);
        String one = NdjsonFormat.format(TestData.message(TestData.JAN_1_2020, new byte[]{1}));
        String two = NdjsonFormat.format(TestData.message(TestData.JAN_1_2020 + 1, new byte[]{2}));
        MessageImporter.Report report = new MessageImporter(store.messages).importNdjson(
                lines(one, "{\"timestamp\":1}", "", two, "garbage", one), MessageImporter.Listener.NONE);

        assertThat(report.imported()).isEqualTo(2);
        assertThat(report.duplicates()).isEqualTo(1);
        assertThat(report.lines()).isEqualTo(6);
        assertThat(report.errorCount()).isEqualTo(2);
        assertThat(report.errors()).extracting(MessageImporter.LineError::line).containsExactly(2L, 5L);
        assertThat(report.errors().get(0).reason()).isEqualTo("field \"topic\" is missing");
        assertThat(store.messages.count(List.of(TestData.TOPIC), 0, Long.MAX_VALUE)).isEqualTo(2);
    }

    @Test
    void largeImportsGoInBatchesReportProgressAndCanBeCancelled() throws Exception {
        FixtureStore store = new FixtureStore(temp);
        StringBuilder input = new StringBuilder();
        for (int i = 0; i < 12_000; i++) {
            StoredMessage m = TestData.message(TestData.JAN_1_2020 + i, new byte[]{(byte) i, (byte) (i >> 8)});
            input.append(NdjsonFormat.format(m)).append('\n');
        }
        byte[] bytes = input.toString().getBytes(StandardCharsets.UTF_8);
        List<long[]> progress = new java.util.ArrayList<>();
        MessageImporter.Report report = new MessageImporter(store.messages).importNdjson(new ByteArrayInputStream(bytes),
                new MessageImporter.Listener() {
                    @Override
                    public void progress(long bytesRead, long linesRead, long imported) {
                        progress.add(new long[]{bytesRead, linesRead, imported});
                    }

                    @Override
                    public boolean cancelled() {
                        return progress.size() >= 2;
                    }
                });
        assertThat(report.cancelled()).isTrue();
        assertThat(report.imported()).isEqualTo(10_000);
        assertThat(progress.get(1)[1]).isEqualTo(10_000);
        assertThat(progress.get(1)[0]).isGreaterThan(progress.get(0)[0]);
        assertThat(store.messages.count(List.of(TestData.TOPIC), 0, Long.MAX_VALUE)).isEqualTo(10_000);
    }
}
