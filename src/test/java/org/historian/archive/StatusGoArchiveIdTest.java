package org.historian.archive;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.historian.model.CommunityId;
import org.historian.model.ContentTopic;
import org.historian.testing.StatusPeer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Archive IDs as an independent implementation computes them, not only by the formula of the code
 * under test: go-ethereum's Keccak-256 over index entries serialized with Go's protowire, in the
 * status-go folder layout ({@code src/test/go/statuspeer folder}).
 */
class StatusGoArchiveIdTest {
    /** The community of the spec's §1 test vector; its universal chat topic is 0x8ddd3f34. */
    private static final CommunityId SPEC_COMMUNITY =
            CommunityId.parse("0x0279be667ef9dcbbac55a06295ce870b07029bfcdb2dce28d959f2815b16f81798");
    private static final long JAN_1_2020 = 1_577_836_800L;

    @TempDir
    Path temp;

    /**
     * Pinned: printed by {@code statuspeer folder -community <spec community> -start 1577836800
     * -weeks 3} (statuspeer built by src/test/go/build.sh); the second archive is exactly three
     * pieces, so it carries status-go's extra piece of zeros.
     */
    @Test
    void archiveIdsOfTheSpecCommunityMatchThoseComputedInGo() {
        List<byte[]> topics = List.of(ContentTopic.parse("0x8ddd3f34").bytes());
        assertThat(ArchiveIndexEntry.create(JAN_1_2020, JAN_1_2020 + 604_800, topics, 0, 102_400, 29_791).archiveId())
                .isEqualTo("0x3243c40ea5e9a3a5d3fd361ad85f6573ea3434bcab8f8d1ce3142467a2f56ffc");
        assertThat(ArchiveIndexEntry.create(JAN_1_2020 + 604_800, JAN_1_2020 + 1_209_600, topics, 102_400, 409_600, 102_400).archiveId())
                .isEqualTo("0x1d1cdfbea50eedfd4f4ad019d31125e8fb8962661490886cc76943a0752ea57b");
        assertThat(ArchiveIndexEntry.create(JAN_1_2020 + 1_209_600, JAN_1_2020 + 1_814_400, topics, 512_000, 102_400, 3_484).archiveId())
                .isEqualTo("0x3acd0626cef4d28be618ac6e5dfceda097ae734c3c4c399c9e2d9e914604588d");
        assertThat(SPEC_COMMUNITY.universalTopic()).isEqualTo(ContentTopic.parse("0x8ddd3f34"));
    }

    /** Live: a folder Go writes now reads back with Go's IDs, verifies, and its entries re-made here give the same IDs. */
    @Test
    void aStatusGoLayoutFolderWrittenInGoReadsWithTheSameIds() throws Exception {
        JsonNode written = StatusPeer.folder(SPEC_COMMUNITY.hex(), temp, JAN_1_2020, 4, temp.resolve("statuspeer.log"));
        Map<String, JsonNode> fromGo = new java.util.LinkedHashMap<>();
        written.get("archives").forEach(archive -> fromGo.put(archive.get("id").asText(), archive));
        assertThat(fromGo).hasSize(4);

        ArchiveFolder folder = ArchiveFolder.of(temp, SPEC_COMMUNITY);
        ArchiveReader reader = new ArchiveReader(new DiskFileSystem());
        ArchiveIndex index = reader.readIndex(folder);
        assertThat(index.entries().stream().map(ArchiveIndexEntry::archiveId).collect(Collectors.toSet()))
                .isEqualTo(fromGo.keySet());
        List<String> remade = new ArrayList<>();
        for (ArchiveIndexEntry entry : index.entries()) {
            JsonNode go = fromGo.get(entry.archiveId());
            assertThat(entry.from()).isEqualTo(go.get("from").asLong());
            assertThat(entry.offset()).isEqualTo(go.get("offset").asLong());
            assertThat(entry.padding()).isEqualTo(go.get("padding").asLong());
            remade.add(ArchiveIndexEntry.create(entry.from(), entry.to(), entry.contentTopicsHex().stream()
                    .map(hex -> ContentTopic.parse(hex).bytes()).toList(), entry.offset(), entry.size(),
                    entry.padding()).archiveId());
        }
        assertThat(remade).containsExactlyInAnyOrderElementsOf(fromGo.keySet());
        ArchiveReader.Verification verification = reader.verify(folder, index);
        assertThat(verification.ok()).as(verification.toString()).isTrue();
        assertThat(verification.archives().stream().mapToLong(ArchiveReader.ArchiveCheck::messageCount).sum())
                .isEqualTo(written.get("messages").asLong());
    }
}
