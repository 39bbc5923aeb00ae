package org.historian.archive;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.historian.model.CommunityId;
import org.historian.model.ContentTopic;
import org.historian.model.StoredMessage;
import org.historian.testing.ListSource;
import org.historian.waku.NdjsonFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A fixed input gives fixed archive IDs and fixed index and data bytes, checked in under
 * src/test/resources/golden. Any change to the format shows up here. After an intended change,
 * regenerate with {@code mvn test -Dtest=GoldenArchiveTest -Dhistorian.updateGolden=true} and
 * review the diff.
 */
class GoldenArchiveTest {
    private static final Path GOLDEN = Path.of("src", "test", "resources", "golden");
    private static final CommunityId COMMUNITY =
            CommunityId.parse("0x0279be667ef9dcbbac55a06295ce870b07029bfcdb2dce28d959f2815b16f81798");
    private static final long START = 1577836800L; // 2020-01-01T00:00:00Z
    private static final long END = START + 28 * 86400L;

    @TempDir
    Path temp;

    @Test
    void fixedInputGivesFixedBytes() throws Exception {
        List<StoredMessage> messages = new ArrayList<>();
        for (String line : Files.readAllLines(GOLDEN.resolve("messages.ndjson"), StandardCharsets.UTF_8)) {
            messages.add(NdjsonFormat.parse(line));
        }
        ArchiveFolder folder = ArchiveFolder.of(temp, COMMUNITY);
        ArchiveRunRequest request = new ArchiveRunRequest(COMMUNITY,
                List.of(ContentTopic.parse("0x1a2b3c4d"), ContentTopic.parse("0x5e6f7a8b")), START, END, 7 * 86400L, false);
        ArchiveRunResult result = new ArchiveWriter(new DiskFileSystem()).run(folder, request, new ListSource(messages),
                RunListener.NONE);
        List<String> ids = new ArrayList<>();
        for (CreatedArchive created : result.created()) {
            ArchiveIndexEntry e = created.entry();
            ids.add(e.archiveId() + " from=" + e.from() + " to=" + e.to() + " offset=" + e.offset() + " size=" + e.size()
                    + " padding=" + e.padding() + " messages=" + created.messageCount());
        }
        if (Boolean.getBoolean("historian.updateGolden")) {
            Files.write(GOLDEN.resolve("archives.txt"), ids, StandardCharsets.UTF_8);
            Files.copy(folder.index(), GOLDEN.resolve("index"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            Files.copy(folder.data(), GOLDEN.resolve("data"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
        assertThat(ids).containsExactlyElementsOf(Files.readAllLines(GOLDEN.resolve("archives.txt"), StandardCharsets.UTF_8));
        assertThat(Files.readAllBytes(folder.index())).isEqualTo(Files.readAllBytes(GOLDEN.resolve("index")));
        assertThat(Files.readAllBytes(folder.data())).isEqualTo(Files.readAllBytes(GOLDEN.resolve("data")));
    }
}
