package org.historian.archive;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Checks Historian's bytes with a second, independent protobuf implementation: Debian's
 * {@code protoc} (C++) decodes each golden archive and the index to text and encodes them again.
 * Canonical encodings (what status-go's Go marshaller writes) survive this unchanged.
 * Needs the Debian package protobuf-compiler, which .ci/run installs.
 */
class ProtocCrossCheckTest {
    private static final Path GOLDEN = Path.of("src", "test", "resources", "golden");
    private static final Path PROTO_DIR = Path.of("src", "main", "proto");

    @Test
    void goldenArchivesAndIndexSurviveADecodeEncodeRoundTripThroughProtoc() throws Exception {
        byte[] index = Files.readAllBytes(GOLDEN.resolve("index"));
        // protoc writes map entries sorted by key; map order is not significant, the entries are.
        byte[] reencodedIndex = roundTrip("protobuf.WakuMessageArchiveIndex", index);
        assertThat(reencodedIndex).hasSameSizeAs(index);
        assertThat(ArchiveIndex.parse(reencodedIndex).entries()).isEqualTo(ArchiveIndex.parse(index).entries());

        byte[] data = Files.readAllBytes(GOLDEN.resolve("data"));
        ArchiveIndex parsed = ArchiveIndex.parse(index);
        assertThat(parsed.entries()).hasSize(3);
        for (ArchiveIndexEntry entry : parsed.entries()) {
            byte[] archive = Arrays.copyOfRange(data, (int) entry.offset(), (int) (entry.offset() + entry.archiveLength()));
            String text = run(List.of("--decode=protobuf.WakuMessageArchive"), archive);
            assertThat(text).contains("from: " + entry.from()).contains("to: " + entry.to());
            assertThat(roundTrip("protobuf.WakuMessageArchive", archive)).isEqualTo(archive);
            byte[] entryBytes = entry.metadata().toByteArray();
            assertThat(roundTrip("protobuf.WakuMessageArchiveIndexMetadata", entryBytes)).isEqualTo(entryBytes);
        }
    }

    private static byte[] roundTrip(String type, byte[] bytes) throws Exception {
        String text = run(List.of("--decode=" + type), bytes);
        return runBytes(List.of("--encode=" + type), text.getBytes(StandardCharsets.UTF_8));
    }

    private static String run(List<String> arguments, byte[] input) throws Exception {
        return new String(runBytes(arguments, input), StandardCharsets.UTF_8);
    }

    private static byte[] runBytes(List<String> arguments, byte[] input) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of("protoc", "--proto_path=" + PROTO_DIR));
        command.addAll(arguments);
        command.add("history_archives.proto");
        Process process;
        try {
            process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        } catch (IOException e) {
            throw new AssertionError("protoc is needed for this test: install the Debian package protobuf-compiler", e);
        }
        try (var stdin = process.getOutputStream()) {
            stdin.write(input);
        }
        byte[] output = readAll(process.getInputStream());
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as("protoc exit code").isZero();
        return output;
    }

    private static byte[] readAll(InputStream in) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        in.transferTo(out);
        return out.toByteArray();
    }
}
