package org.historian.waku;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.historian.model.Hex;
import org.historian.model.Keccak256;
import org.historian.model.SigningKey;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Historian's magnet-link messages against a third-party Waku implementation: js-waku's
 * {@code @waku/message-encryption} (npm), run with the machine's Node.js. The package is installed
 * into {@code target/js-waku} on first use from {@code src/test/js/package.json}.
 */
class JsWakuInteropTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path WORK = Path.of("target", "js-waku");
    /** The universal chat: current Status clients derive the key of archive links from this chat ID. */
    private static final String CHAT_ID = ArchiveLinkMessageTest.COMMUNITY.hex() + "-memberUpdate";

    @BeforeAll
    static void installJsWaku() throws Exception {
        Files.createDirectories(WORK);
        for (String file : List.of("package.json", "waku-interop.mjs")) {
            Files.copy(Path.of("src", "test", "js", file), WORK.resolve(file), StandardCopyOption.REPLACE_EXISTING);
        }
        if (!Files.isDirectory(WORK.resolve("node_modules/@waku/message-encryption"))) {
            Process npm = start(List.of("npm", "install", "--no-audit", "--no-fund", "--loglevel=error"));
            npm.getOutputStream().close();
            String output = new String(npm.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(npm.waitFor(5, TimeUnit.MINUTES)).as("npm install finished within 5 minutes").isTrue();
            assertThat(npm.exitValue()).as("npm install of js-waku failed:\n%s", output).isZero();
        }
    }

    private static Process start(List<String> command) throws IOException {
        try {
            return new ProcessBuilder(command).directory(WORK.toFile()).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new IOException(command.get(0) + " is needed for the js-waku interoperability tests "
                    + "(Debian: apt-get install nodejs npm): " + e.getMessage(), e);
        }
    }

    private static JsonNode jsWaku(Map<String, String> request) throws Exception {
        Process node = start(List.of("node", "waku-interop.mjs"));
        node.getOutputStream().write(JSON.writeValueAsBytes(request));
        node.getOutputStream().close();
        String output = new String(node.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(node.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(node.exitValue()).as("js-waku script failed:\n%s", output).isZero();
        String last = output.strip().lines().reduce((first, second) -> second).orElse("");
        return JSON.readTree(last);
    }

    @Test
    void jsWakuDecryptsHistoriansMessageAndRecoversItsSigner() throws Exception {
        WakuMessage message = ArchiveLinkMessageTest.build(Optional.empty());
        JsonNode opened = jsWaku(Map.of("op", "open", "chatId", CHAT_ID, "payload", Hex.encodeBare(message.payload())));

        assertThat(message.contentTopic()).isEqualTo(SpecDecoder.contentTopicFor(CHAT_ID));
        assertThat(opened.get("key").asText()).isEqualTo(Hex.encodeBare(LinkChat.UNIVERSAL.symmetricKey(ArchiveLinkMessageTest.COMMUNITY)));
        assertThat(opened.get("publicKey").asText()).isEqualTo(Hex.encodeBare(ArchiveLinkMessageTest.NODE_KEY.uncompressedPublicKey()));
        assertThat(opened.get("plaintextLength").asInt() % 256).isZero();
        byte[] data = Hex.decode("0x" + opened.get("data").asText());
        assertThat(data).isEqualTo(ArchiveLinkMessage.layer3(ArchiveLinkMessage.layer2(ArchiveLinkMessage.layer1(
                ArchiveLinkMessageTest.LINK, ArchiveLinkMessageTest.CLOCK), ArchiveLinkMessageTest.COMMUNITY_KEY), "historian-test"));
    }

    @Test
    void historiansReaderOpensAPayloadJsWakuSealedAndSigned() throws Exception {
        SigningKey jsSigner = SigningKey.of(Keccak256.hash("a js-waku node".getBytes(StandardCharsets.UTF_8)));
        byte[] data = ArchiveLinkMessage.layer3(ArchiveLinkMessage.layer2(ArchiveLinkMessage.layer1(ArchiveLinkMessageTest.LINK, 42),
                ArchiveLinkMessageTest.COMMUNITY_KEY), "js");
        JsonNode sealed = jsWaku(Map.of("op", "seal", "chatId", CHAT_ID, "data", Hex.encodeBare(data),
                "sigPrivKey", Hex.encodeBare(jsSigner.privateKeyBytes())));

        byte[] payload = Hex.decode("0x" + sealed.get("payload").asText());
        ArchiveLinkMessage.Received received = ArchiveLinkMessage.read(ArchiveLinkMessageTest.COMMUNITY,
                LinkChat.UNIVERSAL.wireContentTopic(ArchiveLinkMessageTest.COMMUNITY), payload);
        assertThat(received.community()).isEqualTo(ArchiveLinkMessageTest.COMMUNITY);
        assertThat(received.transportSigner()).isEqualTo(jsSigner.compressedPublicKey());
        assertThat(received.clock()).isEqualTo(42);
        assertThat(received.magnetUri()).isEqualTo(ArchiveLinkMessageTest.LINK);
        // And the decoder written from the spec agrees, padding rule included.
        assertThat(SpecDecoder.decode(ArchiveLinkMessageTest.COMMUNITY.hex(), payload, true).transportSigner())
                .isEqualTo(jsSigner.compressedPublicKey());
    }
}
