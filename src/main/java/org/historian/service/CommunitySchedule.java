package org.historian.service;

import java.time.Instant;
import org.historian.model.Community;
import org.historian.model.CommunityId;
import org.historian.torrent.InfoHash;

/**
 * One community's place in the service: its serial task queue, its timers (at most one periodic
 * task, one pending one-shot run, one retry) and what the snapshot shows. Each activation gets a
 * new generation; a task of an older generation finds itself stale and does nothing, so a
 * disable cancels even work already queued.
 */
final class CommunitySchedule {
    final CommunityId id;
    final SerialQueue queue;

    volatile Community community;
    volatile CommunityStatus.Activity activity = CommunityStatus.Activity.DISABLED;
    volatile double progress;
    volatile String message = "";
    volatile Long lastEnd;
    volatile int archiveCount;
    volatile long archiveBytes;
    volatile InfoHash seeded;
    volatile String magnetUri;
    volatile long magnetClock;
    volatile Publication publication = Publication.NOTHING_YET;
    /** Failed publishes in a row, for the back-off. */
    int publishFailures;
    /** The reason of the last failed publish, said once however often it recurs. */
    String lastPublishFailure;
    /** A link is being sent; a newer one waits for it. */
    boolean publishing;
    /** The newest link to go out (the one being sent, or the one waiting for it). */
    volatile String linkToPublish;
    /** A mirror: this node follows the community's links and seeds them, never archives or publishes. */
    volatile boolean mirror;
    volatile MirrorStatus mirrorStatus = MirrorStatus.OFF;
    /** A mirror's fetch in progress, to cancel it. */
    volatile org.historian.torrent.FetchHandle mirrorFetch;
    /** Set by "cancel" on a run in progress; cleared when the next run starts. */
    volatile boolean runCancelRequested;

    private boolean active;
    private int generation;
    private TaskScheduler.Cancellable periodic;
    private TaskScheduler.Cancellable oneShot;
    private TaskScheduler.Cancellable retry;
    private TaskScheduler.Cancellable publishRetry;
    private Instant nextTick;
    private Instant oneShotAt;

    CommunitySchedule(Community community, SerialQueue queue) {
        this.id = community.id();
        this.community = community;
        this.queue = queue;
    }

    /** Starts a new generation; returns it. */
    synchronized int activate() {
        active = true;
        return ++generation;
    }

    /** Ends the current generation and cancels every timer, and a mirror's fetch in progress. */
    synchronized void deactivate() {
        active = false;
        generation++;
        cancelTimers();
        org.historian.torrent.FetchHandle fetch = mirrorFetch;
        if (fetch != null) {
            fetch.cancel();
        }
        mirrorStatus = MirrorStatus.OFF;
    }

    /** The current generation, or -1 when not active (work tagged -1 never runs). */
    synchronized int generation() {
        return active ? generation : -1;
    }

    synchronized boolean isCurrent(int expected) {
        return active && generation == expected;
    }

    synchronized boolean isActive() {
        return active;
    }

    synchronized boolean hasPeriodic() {
        return periodic != null;
    }

    synchronized void periodic(Instant at, TaskScheduler.Cancellable task) {
        nextTick = at;
        periodic = task;
    }

    synchronized Instant nextTick() {
        return nextTick;
    }

    synchronized void oneShot(Instant at, TaskScheduler.Cancellable task) {
        if (oneShot != null) {
            oneShot.cancel();
        }
        oneShotAt = at;
        oneShot = task;
    }

    synchronized void oneShotDone() {
        oneShot = null;
        oneShotAt = null;
    }

    synchronized void retry(TaskScheduler.Cancellable task) {
        if (retry != null) {
            retry.cancel();
        }
        retry = task;
    }

    synchronized void publishRetry(TaskScheduler.Cancellable task) {
        if (publishRetry != null) {
            publishRetry.cancel();
        }
        publishRetry = task;
    }

    /** The earliest scheduled run, for the snapshot. */
    synchronized Instant nextRun() {
        if (!active) {
            return null;
        }
        if (oneShotAt != null && (nextTick == null || oneShotAt.isBefore(nextTick))) {
            return oneShotAt;
        }
        return nextTick;
    }

    private void cancelTimers() {
        for (TaskScheduler.Cancellable timer : new TaskScheduler.Cancellable[]{periodic, oneShot, retry, publishRetry}) {
            if (timer != null) {
                timer.cancel();
            }
        }
        periodic = null;
        oneShot = null;
        retry = null;
        publishRetry = null;
        nextTick = null;
        oneShotAt = null;
    }
}
