package org.historian.app;

import java.util.stream.Collectors;
import org.historian.model.Community;

/** How the command line lists a community's topics: each with where it comes from. */
final class TopicLabels {
    private TopicLabels() {
    }

    static String describe(Community community) {
        return community.topics().stream().map(topic -> topic.hex() + " (" + community.topicSource(topic) + ")")
                .collect(Collectors.joining(", "));
    }
}
