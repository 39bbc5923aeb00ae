package org.historian.waku;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.generators.PKCS5S2ParametersGenerator;
import org.bouncycastle.crypto.params.KeyParameter;
import org.historian.model.CommunityId;
import org.historian.model.ContentTopic;

/**
 * The chat a community's magnet links travel on (spec §2, §12): chat ID {@code 0x<id>-magnetlinks},
 * its content topic, and the symmetric key every member derives from the chat ID.
 */
public final class MagnetChannel {
    /** status-go's iteration count for keys derived from a public chat's name (65356, not 65536). */
    public static final int PBKDF2_ITERATIONS = 65356;
    private static final Map<CommunityId, byte[]> KEYS = new ConcurrentHashMap<>();

    private MagnetChannel() {
    }

    public static String chatId(CommunityId community) {
        return community.hex() + "-magnetlinks";
    }

    public static ContentTopic contentTopic(CommunityId community) {
        return StatusContentTopic.ofChatId(chatId(community));
    }

    /** {@code /waku/1/0x<8 hex>/rfc26} of the chat. */
    public static String wireContentTopic(CommunityId community) {
        return StatusContentTopic.toWire(contentTopic(community));
    }

    /**
     * PBKDF2-HMAC-SHA256 of the chat ID with an empty salt, 32 bytes. BouncyCastle's generator is
     * used because the JDK's refuses an empty salt. Cached: it costs a few dozen milliseconds.
     */
    public static byte[] symmetricKey(CommunityId community) {
        return KEYS.computeIfAbsent(community, id -> {
            PKCS5S2ParametersGenerator generator = new PKCS5S2ParametersGenerator(new SHA256Digest());
            generator.init(chatId(id).getBytes(StandardCharsets.UTF_8), new byte[0], PBKDF2_ITERATIONS);
            return ((KeyParameter) generator.generateDerivedParameters(256)).getKey();
        }).clone();
    }
}
