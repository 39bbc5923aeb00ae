package org.historian.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.historian.app.CommandRun.run;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.historian.app.CommandRun.Result;
import org.historian.model.CommunityId;
import org.historian.testing.TestData;
import org.historian.waku.NdjsonFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The smaller corners of hostile or careless input: terminals, file errors, encodings, repeated fields, help. */
class CarelessInputCommandsTest {
    private static final CommunityId ID = TestData.communityId(331);
    private static final char ESC = 0x1b;

    @TempDir
    Path temp;

    private Result cli(String... args) {
        return run(temp.resolve("data"), args);
    }

    @Test
    void controlCharactersFromFilesReachTheTerminalEscaped() throws Exception {
        // Lines that would retitle the terminal and clear it if printed raw: as JSON escapes, and raw.
        Path file = temp.resolve("hostile.ndjson");
        Files.writeString(file, "{\"timestamp\": 1, \"topic\": \"0x\\u001b]0;owned\\u0007\\u001b[2J\"}\n"
                + "{\"timestamp\": 1, \"topic\": \"0x" + ESC + "[2J\"}\n", StandardCharsets.UTF_8);
        Result imported = cli("import", file.toString());
        assertThat(imported.err()).contains("\\u001b").doesNotContain(String.valueOf(ESC)).doesNotContain(String.valueOf((char) 7));

        Path description = temp.resolve("community.json");
        Files.writeString(description, "{\"id\": \"0x\\u001b[2J\"}", StandardCharsets.UTF_8);
        Result added = cli("community", "add", "--from-file", description.toString());
        assertThat(added.exitCode()).isNotZero();
        assertThat(added.err()).doesNotContain(String.valueOf(ESC));
    }

    @Test
    void fileErrorsNameTheFileAndTheReason() throws Exception {
        Path directory = Files.createDirectory(temp.resolve("a-folder"));
        Result importDir = cli("import", directory.toString());
        assertThat(importDir.err()).isEqualTo("historian: import: " + directory + " is a directory, not a file\n");
        Result missing = cli("community", "add", "--from-file", temp.resolve("nope.json").toString());
        assertThat(missing.err()).contains("--from-file: " + temp.resolve("nope.json") + ": no such file");
        assertThat(cli("key", "import", "--community", ID.hex(), "--key-file", directory.toString()).err())
                .contains("--key-file: " + directory + " is a directory, not a file");
    }

    @Test
    void aListenAddressOfAnotherMachineIsRefusedWhenSet() {
        Result refused = cli("settings", "set", "torrent.listenAddress", "203.0.113.7");
        assertThat(refused.exitCode()).isNotZero();
        assertThat(refused.err()).contains("203.0.113.7 is not an address of this machine").doesNotContain("\tat ");
        assertThat(cli("settings", "set", "torrent.listenAddress", "127.0.0.1").exitCode()).isZero();
        assertThat(cli("settings", "set", "torrent.listenAddress", "0.0.0.0").exitCode()).isZero();
    }

    @Test
    void aFieldGivenTwiceInADescriptionIsRefused() throws Exception {
        Path description = temp.resolve("twice.json");
        Files.writeString(description, "{\"id\": \"" + ID.hex() + "\", \"id\": \"" + TestData.communityId(332).hex() + "\"}");
        Result refused = cli("community", "add", "--from-file", description.toString());
        assertThat(refused.exitCode()).isNotZero();
        assertThat(refused.err()).contains("id: is given twice");
        assertThat(cli("community", "list").out()).startsWith("No communities yet");
    }

    @Test
    void everySubcommandHasHelp() {
        for (List<String> command : List.of(List.of("seed"), List.of("community", "add"), List.of("key", "import"), List.of("repair"),
                List.of("export"))) {
            List<String> args = new java.util.ArrayList<>(command);
            args.add("--help");
            Result help = cli(args.toArray(String[]::new));
            assertThat(help.exitCode()).as(command.toString()).isZero();
            assertThat(help.out()).as(command.toString()).startsWith("Usage: historian " + String.join(" ", command));
        }
    }

    @Test
    void aUtf8ByteOrderMarkIsSkippedAndUtf16IsNamed() throws Exception {
        byte[] bom = {(byte) 0xef, (byte) 0xbb, (byte) 0xbf};
        Path description = temp.resolve("bom.json");
        Files.write(description, concat(bom, ("{\"id\": \"" + ID.hex() + "\"}").getBytes(StandardCharsets.UTF_8)));
        assertThat(cli("community", "add", "--from-file", description.toString()).exitCode()).isZero();

        Path messages = temp.resolve("bom.ndjson");
        Files.write(messages, concat(bom, (NdjsonFormat.format(TestData.message(TestData.JAN_1_2020, ID.universalTopic(), new byte[]{1}))
                + "\n").getBytes(StandardCharsets.UTF_8)));
        Result imported = cli("import", messages.toString());
        assertThat(imported.exitCode()).as(imported.err()).isZero();
        assertThat(imported.out()).contains("Imported 1 messages");

        Path utf16 = temp.resolve("utf16.ndjson");
        Files.write(utf16, concat(new byte[]{(byte) 0xff, (byte) 0xfe}, "{\"timestamp\": 1}".getBytes(StandardCharsets.UTF_16LE)));
        Result refused = cli("import", utf16.toString());
        assertThat(refused.exitCode()).isEqualTo(1);
        assertThat(refused.err()).contains("the file is UTF-16 little-endian").contains("save it as UTF-8");
        Path utf16Json = temp.resolve("utf16.json");
        Files.write(utf16Json, ("{\"id\": \"" + ID.hex() + "\"}").getBytes(StandardCharsets.UTF_16BE));
        assertThat(cli("community", "add", "--from-file", utf16Json.toString()).err()).contains("UTF-16 big-endian");
    }

    private static byte[] concat(byte[] first, byte[] second) {
        byte[] all = java.util.Arrays.copyOf(first, first.length + second.length);
        System.arraycopy(second, 0, all, first.length, second.length);
        return all;
    }
}
