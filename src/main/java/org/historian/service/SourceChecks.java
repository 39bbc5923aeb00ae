package org.historian.service;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.historian.waku.MessageSource;

/**
 * Whether a message source answers, asked once for everyone: the communities that want to know
 * while a check is under way wait for that one, and an answer is shared for a few seconds.
 * A thousand communities starting, or fifty whose weekly run falls due together, cost the node one
 * health request, and a node that never answers holds one network thread until the deadline.
 */
final class SourceChecks {
    /** How long a check may take before the source counts as not answering. */
    static final Duration DEADLINE = Duration.ofSeconds(20);
    /** How long an answer is shared: a ready node for a while, a missing one for less than the first retry's wait. */
    static final Duration FRESH = Duration.ofSeconds(10);
    static final Duration FRESH_UNAVAILABLE = Duration.ofSeconds(2);
    /** A source that let a check run into its deadline is not asked again for this long: it would only hold a thread. */
    static final Duration FRESH_SILENT = Duration.ofMinutes(1);

    private record Answer(MessageSource.Availability availability, Instant until) {
    }

    private final NetworkCalls calls;
    private final Clock clock;
    private final Map<String, List<Consumer<MessageSource.Availability>>> waiting = new HashMap<>();
    private final Map<String, Answer> answers = new HashMap<>();

    SourceChecks(NetworkCalls calls, Clock clock) {
        this.calls = calls;
        this.clock = clock;
    }

    /** Hands {@code then} the source's availability: now if fresh, else when the shared check ends. */
    void check(MessageSource source, Consumer<MessageSource.Availability> then) {
        String key = source.describe();
        synchronized (this) {
            Answer fresh = answers.get(key);
            if (fresh == null || !clock.instant().isBefore(fresh.until())) {
                List<Consumer<MessageSource.Availability>> waiters = waiting.get(key);
                if (waiters != null) {
                    waiters.add(then);
                    return;
                }
                waiting.put(key, new ArrayList<>(List.of(then)));
                fresh = null;
            }
            if (fresh != null) {
                then.accept(fresh.availability());
                return;
            }
        }
        calls.run(DEADLINE, source::check, outcome -> answered(key, outcome, availability(source, outcome)));
    }

    private void answered(String key, NetworkCalls.Outcome<MessageSource.Availability> outcome, MessageSource.Availability said) {
        List<Consumer<MessageSource.Availability>> waiters;
        Instant now = clock.instant();
        MessageSource.Availability availability = said;
        Instant until;
        if (outcome.timedOut() != null) {
            until = now.plus(FRESH_SILENT);
            availability = new MessageSource.Availability(false, said.detail() + " at " + now.truncatedTo(java.time.temporal.ChronoUnit.SECONDS)
                    + "; not asked again before " + until.truncatedTo(java.time.temporal.ChronoUnit.SECONDS));
        } else {
            until = now.plus(said.available() ? FRESH : FRESH_UNAVAILABLE);
        }
        synchronized (this) {
            answers.put(key, new Answer(availability, until));
            waiters = waiting.remove(key);
        }
        for (Consumer<MessageSource.Availability> waiter : waiters) {
            waiter.accept(availability);
        }
    }

    private static MessageSource.Availability availability(MessageSource source, NetworkCalls.Outcome<MessageSource.Availability> outcome) {
        if (outcome.returned()) {
            return outcome.value();
        }
        String what = source.describe();
        return new MessageSource.Availability(false, outcome.timedOut() != null ? outcome.why(what) + " (its health check)"
                : what + " cannot be checked: " + outcome.why(what));
    }
}
