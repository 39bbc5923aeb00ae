package org.historian.bench;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.bouncycastle.crypto.generators.SCrypt;
import org.historian.model.CommunityId;
import org.historian.model.Keccak256;
import org.historian.model.SigningKey;
import org.historian.testing.FakeNwakuNode;
import org.historian.waku.LinkChat;
import org.historian.waku.ArchiveLinkMessage;
import org.historian.waku.RandomBytes;
import org.historian.waku.WakuMessage;
import org.historian.waku.WakuPublishClient;

/**
 * What publishing a magnet link costs, against baselines measured in the same run: building the
 * five layers against the crypto it cannot avoid (two secp256k1 signatures and one AES-GCM
 * encryption of the same size), reading one back against the same, and a publish through the
 * relay client to a local nwaku-like server against one bare HTTP POST of the same body.
 * {@code mvn -B -Pbench test-compile exec:exec@publish-benchmark}
 */
public final class PublishBenchmark {
    private static final int ROUNDS = 2_000;

    public static void main(String[] args) throws Exception {
        SigningKey community = SigningKey.of(Keccak256.hash("bench community".getBytes(StandardCharsets.UTF_8)));
        SigningKey node = SigningKey.of(Keccak256.hash("bench node".getBytes(StandardCharsets.UTF_8)));
        CommunityId id = community.asCommunityId();
        String link = "magnet:?xt=urn:btih:0123456789abcdef0123456789abcdef01234567&dn=" + id.hex()
                + "&tr=udp%3A%2F%2Ftracker.opentrackr.org%3A1337%2Fannounce&tr=udp%3A%2F%2Ftracker.openbittorrent.com%3A6969%2Fannounce";
        RandomBytes random = RandomBytes.secure();
        long started = System.nanoTime();
        byte[] key = LinkChat.UNIVERSAL.symmetricKey(id);
        double keySeconds = Bench.seconds(started);

        WakuMessage message = null;
        byte[] plaintext = new byte[512];
        for (int warm = 0; warm < 2; warm++) {
            started = System.nanoTime();
            for (int i = 0; i < ROUNDS; i++) {
                message = ArchiveLinkMessage.build(new ArchiveLinkMessage.Content(community, node, "bench", link, i, i,
                        "/waku/2/rs/16/32", Optional.empty()), random);
            }
        }
        double build = Bench.seconds(started) / ROUNDS;
        started = System.nanoTime();
        for (int i = 0; i < ROUNDS; i++) {
            byte[] hash = Keccak256.hash(plaintext);
            community.sign(hash);
            node.sign(hash);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            byte[] nonce = new byte[12];
            random.fill(nonce);
            cipher.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"), new GCMParameterSpec(128, nonce));
            cipher.doFinal(plaintext);
        }
        double cryptoBaseline = Bench.seconds(started) / ROUNDS;
        started = System.nanoTime();
        for (int i = 0; i < ROUNDS; i++) {
            ArchiveLinkMessage.read(id, message.contentTopic(), message.payload());
        }
        double read = Bench.seconds(started) / ROUNDS;

        started = System.nanoTime();
        SCrypt.generate("a passphrase".getBytes(StandardCharsets.UTF_8), new byte[16], 1 << 15, 8, 1, 32);
        double scrypt = Bench.seconds(started);

        double publish;
        double post;
        try (FakeNwakuNode fake = new FakeNwakuNode()) {
            WakuPublishClient client = new WakuPublishClient(fake.url(), WakuPublishClient.Mode.RELAY, WakuPublishClient.Options.defaults());
            HttpClient http = HttpClient.newHttpClient();
            String body = "{\"payload\":\"" + Base64.getEncoder().encodeToString(message.payload()) + "\",\"contentTopic\":\""
                    + message.contentTopic() + "\",\"version\":1,\"timestamp\":1}";
            HttpRequest request = HttpRequest.newBuilder(fake.url().resolve("/relay/v1/messages/%2Fwaku%2F2%2Frs%2F16%2F32"))
                    .timeout(Duration.ofSeconds(5)).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build();
            int calls = 300;
            for (int i = 0; i < 50; i++) {
                client.publish(message);
                http.send(request, HttpResponse.BodyHandlers.discarding());
            }
            started = System.nanoTime();
            for (int i = 0; i < calls; i++) {
                client.publish(message);
            }
            publish = Bench.seconds(started) / calls;
            started = System.nanoTime();
            for (int i = 0; i < calls; i++) {
                http.send(request, HttpResponse.BodyHandlers.discarding());
            }
            post = Bench.seconds(started) / calls;
        }

        System.out.printf("channel key (PBKDF2, 65356 iterations, once per community): %.0f ms%n", keySeconds * 1000);
        System.out.printf("build one message (%d-byte payload): %.2f ms; baseline 2 signatures + AES-GCM: %.2f ms; ratio %.2f%n",
                message.payload().length, build * 1000, cryptoBaseline * 1000, build / cryptoBaseline);
        System.out.printf("read one message as a member: %.2f ms; ratio to the same baseline %.2f%n", read * 1000, read / cryptoBaseline);
        System.out.printf("unlock one key (scrypt N=2^15, r=8, p=1): %.0f ms%n", scrypt * 1000);
        System.out.printf("publish via relay to a local server (health check + POST): %.2f ms; baseline one bare POST: %.2f ms; "
                + "ratio %.2f%n", publish * 1000, post * 1000, publish / post);
    }
}
