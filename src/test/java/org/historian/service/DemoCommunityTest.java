package org.historian.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.historian.model.Community;
import org.historian.model.CommunityId;
import org.historian.model.ContentTopic;
import org.historian.model.Cursor;
import org.historian.model.StoredMessage;
import org.historian.testing.FixtureStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The demo community looks like a real one and is the same every time for the same seed. */
class DemoCommunityTest {
    private static final Instant END = Instant.parse("2024-06-01T00:00:00Z");

    @TempDir
    Path temp;

    private List<StoredMessage> generate(Path root, DemoCommunity.Spec spec) throws Exception {
        FixtureStore store = new FixtureStore(root);
        DemoCommunity.generate(spec, store.messages, DemoCommunity.Listener.NONE);
        List<StoredMessage> all = new ArrayList<>();
        try (Cursor<StoredMessage> cursor = store.messages.cursor(DemoCommunity.community(spec).topics(), 0, Long.MAX_VALUE)) {
            StoredMessage m;
            while ((m = cursor.next()) != null) {
                all.add(m);
            }
        }
        return all;
    }

    @Test
    void theSameSeedGivesTheSameCommunityAndMessages() throws Exception {
        DemoCommunity.Spec spec = new DemoCommunity.Spec("Same", 42, END, 4);
        assertThat(generate(temp.resolve("a"), spec)).isEqualTo(generate(temp.resolve("b"), spec));
        assertThat(DemoCommunity.community(spec)).isEqualTo(DemoCommunity.community(spec));
        DemoCommunity.Spec other = new DemoCommunity.Spec("Same", 43, END, 4);
        assertThat(DemoCommunity.community(other).id()).isNotEqualTo(DemoCommunity.community(spec).id());
    }

    @Test
    void itIsClearlyADemoWithARealKeyAndStatusTopics() {
        Community community = DemoCommunity.community(DemoCommunity.Spec.defaults(END));
        assertThat(community.demo()).isTrue();
        assertThat(community.name()).isEqualTo("Demo · Historian Playground");
        assertThat(CommunityId.parse(community.id().hex())).isEqualTo(community.id());
        // As a current Status community: every channel's messages on the universal chat, no other topic.
        assertThat(community.topics()).containsExactly(community.id().universalTopic());
        assertThatThrownBy(() -> new DemoCommunity.Spec("x", 1, END, 0)).hasMessageContaining("weeks must be between 1 and 520");
    }

    @Test
    void trafficIsAllOnTheUniversalChatWithARhythmQuietWeeksBurstsAndVariedSizes() throws Exception {
        DemoCommunity.Spec spec = new DemoCommunity.Spec("Realistic", 7, END, 26);
        List<StoredMessage> messages = generate(temp, spec);
        Community community = DemoCommunity.community(spec);
        long start = END.getEpochSecond() - 26 * 7 * 86_400L;

        assertThat(messages).hasSizeGreaterThan(20_000);
        assertThat(messages).allSatisfy(m -> assertThat(m.timestamp()).isBetween(start, END.getEpochSecond() - 1));

        assertThat(messages).allSatisfy(m -> assertThat(ContentTopic.of(m.topic())).isEqualTo(community.universalTopic()));

        int[] byHour = new int[24];
        messages.forEach(m -> byHour[Instant.ofEpochSecond(m.timestamp()).atZone(ZoneOffset.UTC).getHour()]++);
        assertThat(byHour[19]).as("evening peak against the small hours").isGreaterThan(5 * byHour[7]);

        TreeMap<Long, Integer> byWeek = new TreeMap<>();
        TreeMap<Long, Integer> byDay = new TreeMap<>();
        messages.forEach(m -> {
            byWeek.merge((m.timestamp() - start) / (7 * 86_400), 1, Integer::sum);
            byDay.merge((m.timestamp() - start) / 86_400, 1, Integer::sum);
        });
        List<Integer> weeks = new ArrayList<>();
        for (long week = 0; week < 26; week++) {
            weeks.add(byWeek.getOrDefault(week, 0));
        }
        List<Integer> sortedWeeks = new ArrayList<>(weeks);
        Collections.sort(sortedWeeks);
        int medianWeek = sortedWeeks.get(13);
        assertThat(sortedWeeks.get(0)).as("a quiet week").isLessThan(medianWeek / 5);
        List<Integer> days = new ArrayList<>(byDay.values());
        Collections.sort(days);
        assertThat(days.get(days.size() - 1)).as("a burst").isGreaterThan(3 * days.get(days.size() / 2));

        int min = messages.stream().mapToInt(m -> m.payload().length).min().orElseThrow();
        int max = messages.stream().mapToInt(m -> m.payload().length).max().orElseThrow();
        assertThat(min).isBetween(20, 60);
        assertThat(max).isBetween(2_000, 4_096);
        assertThat(messages.stream().map(m -> new String(m.hash())).distinct().count()).isEqualTo(messages.size());
    }
}
