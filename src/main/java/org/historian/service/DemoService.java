package org.historian.service;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.historian.model.Community;
import org.historian.model.StoredMessage;
import org.historian.store.MessageRepository;

/**
 * The demo community inside the running app: added with its generated history, removed with
 * everything it owns, and, while the app runs, a trickle of new messages so its current
 * partition grows and "Archive now" has something to archive.
 */
public final class DemoService {
    static final Duration ARRIVAL_PERIOD = Duration.ofSeconds(10);

    private final ArchiveService service;
    private final MessageRepository messages;
    private final Clock clock;
    private final SplittableRandom random = new SplittableRandom();
    private TaskScheduler.Cancellable arrivals;
    private TaskScheduler scheduler;

    public DemoService(ArchiveService service, MessageRepository messages, Clock clock) {
        this.service = service;
        this.messages = messages;
        this.clock = clock;
    }

    /**
     * Generates the history, then adds the community to the service (which archives it if the
     * protocol is on). A listener may stop the generation by throwing; what was generated is
     * then deleted again.
     */
    public Community add(DemoCommunity.Spec spec, DemoCommunity.Listener progress) {
        Community community = DemoCommunity.community(spec);
        boolean present = service.snapshot().communities().stream().anyMatch(s -> s.community().id().equals(community.id()));
        if (!present) {
            try {
                DemoCommunity.generate(spec, messages, progress);
            } catch (RuntimeException e) {
                messages.delete(community.topics());
                throw e;
            }
            service.addCommunity(community);
        }
        return community;
    }

    /** Removes every demo community with its messages, archives and torrent; returns how many. */
    public int removeAll() throws IOException {
        int removed = 0;
        for (CommunityStatus status : service.snapshot().communities()) {
            if (status.community().demo()) {
                service.removeCommunity(status.community().id(), true);
                removed++;
            }
        }
        return removed;
    }

    /** Starts the trickle of arriving messages for every demo community. */
    public synchronized void startArrivals(TaskScheduler taskScheduler) {
        this.scheduler = taskScheduler;
        scheduleArrivals();
    }

    public synchronized void stopArrivals() {
        if (arrivals != null) {
            arrivals.cancel();
            arrivals = null;
        }
        scheduler = null;
    }

    private synchronized void scheduleArrivals() {
        if (scheduler == null) {
            return;
        }
        arrivals = scheduler.schedule(clock.instant().plus(ARRIVAL_PERIOD), () -> {
            arrive();
            scheduleArrivals();
        });
    }

    private void arrive() {
        Instant now = clock.instant();
        List<StoredMessage> arrived = new ArrayList<>();
        for (CommunityStatus status : service.snapshot().communities()) {
            Community community = status.community();
            if (community.demo()) {
                synchronized (random) {
                    arrived.addAll(DemoCommunity.arriving(community, now, random));
                }
            }
        }
        if (!arrived.isEmpty()) {
            messages.insert(arrived);
        }
    }
}
