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
 * The chats a community's archive links travel on (spec §2, §5.4, §12), each with its content
 * topic and the symmetric key every member derives from the chat ID. Current Status clients send
 * and watch only the universal chat; owners on 2024-era status-go sent on {@code -magnetlinks}.
 */
public enum LinkChat {
    /** {@code 0x<id>-memberUpdate}: where Historian publishes, and where current members listen. */
    UNIVERSAL("-memberUpdate", "the universal chat"),
    /** {@code 0x<id>-magnetlinks}: read back only, for owners still on 2024-era software. */
    MAGNETLINKS("-magnetlinks", "the 2024-era magnet channel");

    /** status-go's iteration count for keys derived from a public chat's name (65356, not 65536). */
    public static final int PBKDF2_ITERATIONS = 65356;
    private static final Map<String, byte[]> KEYS = new ConcurrentHashMap<>();

    private final String suffix;
    private final String description;

    LinkChat(String suffix, String description) {
        this.suffix = suffix;
        this.description = description;
    }

    public String chatId(CommunityId community) {
        return community.hex() + suffix;
    }

    /** For the operator: "the universal chat 0x…-memberUpdate". */
    public String describe(CommunityId community) {
        return description + " " + chatId(community);
    }

    public ContentTopic contentTopic(CommunityId community) {
        return ContentTopic.ofChatId(chatId(community));
    }

    /** {@code /waku/1/0x<8 hex>/rfc26} of the chat. */
    public String wireContentTopic(CommunityId community) {
        return StatusContentTopic.toWire(contentTopic(community));
    }

    /** The chat whose content topic this is, or null when it is neither of the community's link chats. */
    public static LinkChat ofWireTopic(CommunityId community, String wireContentTopic) {
        for (LinkChat chat : values()) {
            if (chat.wireContentTopic(community).equals(wireContentTopic)) {
                return chat;
            }
        }
        return null;
    }

    /**
     * PBKDF2-HMAC-SHA256 of the chat ID with an empty salt, 32 bytes. BouncyCastle's generator is
     * used because the JDK's refuses an empty salt. Cached: it costs a few dozen milliseconds.
     */
    public byte[] symmetricKey(CommunityId community) {
        return KEYS.computeIfAbsent(chatId(community), LinkChat::deriveKey).clone();
    }

    static byte[] deriveKey(String chatId) {
        PKCS5S2ParametersGenerator generator = new PKCS5S2ParametersGenerator(new SHA256Digest());
        generator.init(chatId.getBytes(StandardCharsets.UTF_8), new byte[0], PBKDF2_ITERATIONS);
        return ((KeyParameter) generator.generateDerivedParameters(256)).getKey();
    }
}
