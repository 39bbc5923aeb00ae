package org.historian.model;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A community this node archives.
 *
 * @param topics         every content topic archived and synced, the universal chat's first
 *                       (derived from the ID, always present; spec §5.6), then the extra topics of
 *                       2024-era channels the operator added
 * @param topicChatIds   for extra topics given as a Status chat ID, that chat ID
 * @param encrypted      token-gated: its archives must be encrypted (spec §8)
 * @param archiveSupport the per-community "history archive support" flag (spec §5.5)
 * @param signingKeyRef  where the community's private key is kept, or null when none was imported
 * @param pubsubTopic    the Waku pubsub topic its messages and archive links travel on
 * @param demo           generated demo data, not a real community
 */
public record Community(CommunityId id, String name, List<ContentTopic> topics, Map<ContentTopic, String> topicChatIds,
                        boolean encrypted, boolean archiveSupport, String signingKeyRef, String pubsubTopic, boolean demo) {

    public static final int MAX_NAME_LENGTH = 200;
    /** The default shard of Status communities. */
    public static final String DEFAULT_PUBSUB_TOPIC = "/waku/2/rs/16/32";
    /** Extra topics are for old history; a few dozen channels is already a large community. */
    public static final int MAX_EXTRA_TOPICS = 200;

    /** Where a topic of the community comes from, for the operator. */
    public enum TopicOrigin {
        /** {@code 0x<id>-memberUpdate}: every message of current Status clients. */
        UNIVERSAL_CHAT,
        /** A 2024-era channel, derived from its chat ID. */
        CHANNEL_CHAT_ID,
        /** A 2024-era channel topic, given as its 4 bytes. */
        EXTRA_TOPIC
    }

    /** A real community on the default pubsub topic; {@code extraTopics} may be empty. */
    public Community(CommunityId id, String name, List<ContentTopic> extraTopics, boolean encrypted, boolean archiveSupport,
                     String signingKeyRef) {
        this(id, name, extraTopics, Map.of(), encrypted, archiveSupport, signingKeyRef, DEFAULT_PUBSUB_TOPIC, false);
    }

    public Community(CommunityId id, String name, List<ContentTopic> extraTopics, boolean encrypted, boolean archiveSupport,
                     String signingKeyRef, String pubsubTopic, boolean demo) {
        this(id, name, extraTopics, Map.of(), encrypted, archiveSupport, signingKeyRef, pubsubTopic, demo);
    }

    /**
     * {@code topics} may or may not hold the universal chat's topic: it is put first either way.
     * An empty name becomes {@link #defaultName}.
     */
    public Community {
        Objects.requireNonNull(id, "id");
        name = name == null || name.isBlank() ? defaultName(id) : validateName(name);
        ContentTopic universal = id.universalTopic();
        Set<ContentTopic> all = new LinkedHashSet<>();
        all.add(universal);
        for (ContentTopic topic : topics) {
            if (!all.add(Objects.requireNonNull(topic, "topic")) && !topic.equals(universal)) {
                throw new IllegalArgumentException("content topics must not repeat: " + topic + " is given twice");
            }
        }
        if (all.size() - 1 > MAX_EXTRA_TOPICS) {
            throw new IllegalArgumentException("at most " + MAX_EXTRA_TOPICS + " extra content topics, got " + (all.size() - 1));
        }
        topics = List.copyOf(all);
        Map<ContentTopic, String> chats = new LinkedHashMap<>();
        for (Map.Entry<ContentTopic, String> entry : topicChatIds.entrySet()) {
            String chatId = entry.getValue();
            if (!all.contains(entry.getKey()) || entry.getKey().equals(universal) || !ContentTopic.ofChatId(chatId).equals(entry.getKey())) {
                throw new IllegalArgumentException("chat ID " + chatId + " does not give the extra topic " + entry.getKey());
            }
            chats.put(entry.getKey(), chatId);
        }
        topicChatIds = Map.copyOf(chats);
        pubsubTopic = validatePubsubTopic(pubsubTopic);
    }

    /** The name of a community added by its ID alone, until the operator names it. */
    public static String defaultName(CommunityId id) {
        return "Community " + id.shortForm();
    }

    /** A pubsub topic is a printable string such as {@code /waku/2/rs/16/32}. */
    public static String validatePubsubTopic(String topic) {
        if (topic == null || topic.isBlank()) {
            return DEFAULT_PUBSUB_TOPIC;
        }
        String trimmed = topic.strip();
        if (!trimmed.startsWith("/") || trimmed.length() > 200 || trimmed.chars().anyMatch(c -> c <= ' ' || c == 0x7f)) {
            throw new IllegalArgumentException("pubsub topic must start with / and hold no spaces, such as " + DEFAULT_PUBSUB_TOPIC);
        }
        return trimmed;
    }

    public static String validateName(String name) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("name is empty");
        }
        String trimmed = name.strip();
        if (trimmed.length() > MAX_NAME_LENGTH) {
            throw new IllegalArgumentException("name is longer than " + MAX_NAME_LENGTH + " characters");
        }
        if (trimmed.chars().anyMatch(Character::isISOControl)) {
            throw new IllegalArgumentException("name contains control characters");
        }
        return trimmed;
    }

    /** The universal chat's topic, first of {@link #topics}. */
    public ContentTopic universalTopic() {
        return topics.get(0);
    }

    /** The topics of 2024-era channels the operator added; may be empty. */
    public List<ContentTopic> extraTopics() {
        return topics.subList(1, topics.size());
    }

    public TopicOrigin origin(ContentTopic topic) {
        if (topic.equals(universalTopic())) {
            return TopicOrigin.UNIVERSAL_CHAT;
        }
        if (!topics.contains(topic)) {
            throw new IllegalArgumentException(topic + " is not a topic of " + id);
        }
        return topicChatIds.containsKey(topic) ? TopicOrigin.CHANNEL_CHAT_ID : TopicOrigin.EXTRA_TOPIC;
    }

    /** Where a topic comes from, in words: "universal chat 0x…-memberUpdate", "2024-era channel 0x…", … */
    public String topicSource(ContentTopic topic) {
        return switch (origin(topic)) {
            case UNIVERSAL_CHAT -> "universal chat " + id.universalChatId();
            case CHANNEL_CHAT_ID -> "2024-era channel " + topicChatIds.get(topic);
            case EXTRA_TOPIC -> "2024-era channel topic";
        };
    }

    /** The same community with other extra topics (the universal chat's stays). */
    public Community withExtraTopics(List<ContentTopic> extraTopics, Map<ContentTopic, String> chatIds) {
        return new Community(id, name, extraTopics, chatIds, encrypted, archiveSupport, signingKeyRef, pubsubTopic, demo);
    }

    public Community withArchiveSupport(boolean enabled) {
        return new Community(id, name, topics, topicChatIds, encrypted, enabled, signingKeyRef, pubsubTopic, demo);
    }

    /** Extra topics derived from chat IDs, in order, with the chat ID of each. */
    public static Map<ContentTopic, String> topicsOfChatIds(CommunityId id, List<String> chatIds) {
        Map<ContentTopic, String> topics = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        for (String chatId : chatIds) {
            requireChannelChatId(id, chatId);
            if (topics.put(ContentTopic.ofChatId(chatId), chatId) != null) {
                problems.add(chatId);
            }
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("chat IDs must not repeat: " + problems.get(0) + " is given twice");
        }
        return topics;
    }

    /** A 2024-era channel's chat ID is the community ID followed by the channel's UUID. */
    public static void requireChannelChatId(CommunityId id, String chatId) {
        if (chatId == null || !chatId.startsWith(id.hex()) || chatId.length() == id.hex().length() || chatId.length() > 200
                || chatId.chars().anyMatch(c -> c <= ' ' || c == 0x7f)) {
            throw new IllegalArgumentException("a channel's chat ID is the community ID followed by the channel's ID, such as "
                    + id.hex() + "8c2e\u2026");
        }
        if (chatId.equals(id.universalChatId())) {
            throw new IllegalArgumentException(chatId + " is the universal chat, archived always; give only channels of 2024-era clients");
        }
    }
}
