package org.historian.model;

import java.util.List;
import java.util.Objects;

/**
 * A community this node controls.
 *
 * @param encrypted      token-gated: its archives must be encrypted (spec §8)
 * @param archiveSupport the per-community "history archive support" flag (spec §5.5)
 * @param signingKeyRef  where the community's private key is kept, or null when none was imported
 */
public record Community(CommunityId id, String name, List<ContentTopic> topics, boolean encrypted,
                        boolean archiveSupport, String signingKeyRef) {

    public static final int MAX_NAME_LENGTH = 200;

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
        return new Community(id, name, newTopics, encrypted, archiveSupport, signingKeyRef);
    }

    public Community withArchiveSupport(boolean enabled) {
        return new Community(id, name, topics, encrypted, enabled, signingKeyRef);
    }
}
