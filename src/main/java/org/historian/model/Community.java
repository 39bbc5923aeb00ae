package org.historian.model;

import java.util.List;
import java.util.Objects;

/**
 * A community this node controls.
 *
 * @param encrypted      token-gated: its archives must be encrypted (spec §8)
 * @param archiveSupport the per-community "history archive support" flag (spec §5.5)
 * @param signingKeyRef  where the community's private key is kept, or null when none was imported
 * @param pubsubTopic    the Waku pubsub topic its messages and magnet links travel on
 * @param demo           generated demo data, not a real community
 */
public record Community(CommunityId id, String name, List<ContentTopic> topics, boolean encrypted,
                        boolean archiveSupport, String signingKeyRef, String pubsubTopic, boolean demo) {

    public static final int MAX_NAME_LENGTH = 200;
    /** The default shard of Status communities. */
    public static final String DEFAULT_PUBSUB_TOPIC = "/waku/2/rs/16/32";

    /** A real community on the default pubsub topic. */
    public Community(CommunityId id, String name, List<ContentTopic> topics, boolean encrypted, boolean archiveSupport,
                     String signingKeyRef) {
        this(id, name, topics, encrypted, archiveSupport, signingKeyRef, DEFAULT_PUBSUB_TOPIC, false);
    }

    public Community {
        Objects.requireNonNull(id, "id");
        name = validateName(name);
        topics = List.copyOf(topics);
        if (topics.isEmpty()) {
            throw new IllegalArgumentException("a community needs at least one content topic");
        }
        if (topics.stream().distinct().count() != topics.size()) {
            throw new IllegalArgumentException("content topics must not repeat");
        }
        pubsubTopic = validatePubsubTopic(pubsubTopic);
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

    public Community withTopics(List<ContentTopic> newTopics) {
        return new Community(id, name, newTopics, encrypted, archiveSupport, signingKeyRef, pubsubTopic, demo);
    }

    public Community withArchiveSupport(boolean enabled) {
        return new Community(id, name, topics, encrypted, enabled, signingKeyRef, pubsubTopic, demo);
    }
}
