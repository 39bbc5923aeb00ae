package org.historian.ui.community;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.beans.InvalidationListener;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.historian.model.FolderLayout;
import org.historian.service.CommunityOverview;
import org.historian.service.CommunityStatus;
import org.historian.service.ServiceSnapshot;
import org.historian.service.ArchiveRow;
import org.historian.service.SeedingFigures;
import org.historian.ui.BackgroundWork;
import org.historian.service.Format;
import org.historian.ui.ServiceBridge;
import org.historian.ui.UiContext;
import org.historian.ui.communities.Badges;
import org.historian.ui.communities.CommunityRow;
import org.historian.ui.control.TimelineData;

/**
 * The selected community: its header, state, archive ledger and timeline, and seeding figures.
 * Status comes with every snapshot; the ledger and the messages not yet archived are read from
 * the store in the background when the community changes, after each run, and every
 * {@link #RELOAD_PERIOD} while it is shown (so the current partition grows).
 */
public final class CommunityDetailViewModel {
    static final Duration RELOAD_PERIOD = Duration.ofSeconds(10);

    private final UiContext context;
    private final BackgroundWork work;
    private final ServiceBridge bridge;
    private final ObjectProperty<CommunityRow> row = new SimpleObjectProperty<>();
    private final ReadOnlyBooleanWrapper selected = new ReadOnlyBooleanWrapper();
    private final StringProperty name = new SimpleStringProperty("");
    private final StringProperty idText = new SimpleStringProperty("");
    private final StringProperty topics = new SimpleStringProperty("");
    private final BooleanProperty demo = new SimpleBooleanProperty();
    private final BooleanProperty mirror = new SimpleBooleanProperty();
    private final StringProperty archiveNowText = new SimpleStringProperty("Archive now");
    private final StringProperty archivingText = new SimpleStringProperty("Archive this community");
    private final StringProperty badge = new SimpleStringProperty("");
    private final StringProperty badgeStyle = new SimpleStringProperty("state-off");
    private final BooleanProperty archiving = new SimpleBooleanProperty();
    private final BooleanProperty running = new SimpleBooleanProperty();
    private final BooleanProperty canArchiveNow = new SimpleBooleanProperty();
    private final StringProperty archiveNowHint = new SimpleStringProperty("");
    private final DoubleProperty progress = new SimpleDoubleProperty();
    private final StringProperty message = new SimpleStringProperty("");
    private final StringProperty nextRun = new SimpleStringProperty("");
    private final ObjectProperty<TimelineData> timeline = new SimpleObjectProperty<>(TimelineData.EMPTY);
    private final ObservableList<ArchiveRow> archives = FXCollections.observableArrayList();
    /** Each archive's position in the ledger, for the table's "#" and the timeline's selection. */
    private final Map<String, Integer> positions = new java.util.HashMap<>();
    private final StringProperty archivesSummary = new SimpleStringProperty("");
    private final StringProperty magnet = new SimpleStringProperty("");
    private final StringProperty infoHash = new SimpleStringProperty("");
    private final StringProperty seedingState = new SimpleStringProperty("");
    private final StringProperty peers = new SimpleStringProperty("–");
    private final StringProperty uploadRate = new SimpleStringProperty("–");
    private final StringProperty uploaded = new SimpleStringProperty("–");
    private final StringProperty ratio = new SimpleStringProperty("–");
    private final StringProperty pieces = new SimpleStringProperty("–");
    private final ObjectProperty<double[]> ratePoints = new SimpleObjectProperty<>(new double[0]);
    private final StringProperty loadError = new SimpleStringProperty("");
    private final InvalidationListener statusChanged = observable -> showStatus();
    private final Timeline reloader;
    private CommunityOverview.CommunityDetails details;
    private boolean loading;
    private boolean reloadAgain;
    private boolean updatingSwitch;
    private CommunityStatus lastStatus;
    private ServiceSnapshot.Protocol protocol = ServiceSnapshot.Protocol.OFF;

    public CommunityDetailViewModel(UiContext context, BackgroundWork work, ServiceBridge bridge) {
        this.context = context;
        this.work = work;
        this.bridge = bridge;
        row.addListener((p, before, after) -> {
            if (before != null) {
                before.revisionProperty().removeListener(statusChanged);
            }
            selected.set(after != null);
            details = null;
            lastStatus = null;
            positions.clear();
            archives.clear();
            timeline.set(TimelineData.EMPTY);
            loadError.set("");
            if (after != null) {
                after.revisionProperty().addListener(statusChanged);
                showStatus();
                reload();
            }
        });
        archiving.addListener((p, before, after) -> {
            if (!updatingSwitch && row.get() != null) {
                setArchiving(after);
            }
        });
        reloader = new Timeline(new KeyFrame(javafx.util.Duration.millis(RELOAD_PERIOD.toMillis()), e -> {
            if (row.get() != null) {
                reload();
            }
        }));
        reloader.setCycleCount(Timeline.INDEFINITE);
        reloader.play();
    }

    /** The protocol's state decides whether "Archive now" can run. */
    public void protocol(ServiceSnapshot.Protocol state) {
        this.protocol = state;
        showStatus();
    }

    static String topicLines(org.historian.model.Community community) {
        return String.join("\n", community.topics().stream().map(topic -> topic.hex() + "  " + community.topicSource(topic)
                + (community.origin(topic) == org.historian.model.Community.TopicOrigin.UNIVERSAL_CHAT
                ? " (every message of current Status clients)" : "")).toList());
    }

    private void showStatus() {
        CommunityRow current = row.get();
        if (current == null) {
            return;
        }
        CommunityStatus status = current.status();
        name.set(status.community().name());
        idText.set(status.community().id().hex());
        topics.set(topicLines(status.community()));
        demo.set(status.community().demo());
        badge.set(Badges.label(status));
        badgeStyle.set(Badges.styleClass(status));
        updatingSwitch = true;
        archiving.set(status.community().archiveSupport());
        updatingSwitch = false;
        boolean on = protocol != ServiceSnapshot.Protocol.OFF;
        mirror.set(status.isMirror());
        if (status.isMirror()) {
            showMirror(status, on);
        } else {
            archiveNowText.set("Archive now");
            archivingText.set("Archive this community");
            boolean runInProgress = status.activity() == CommunityStatus.Activity.ARCHIVING;
            running.set(runInProgress);
            progress.set(status.progress());
            message.set(status.message());
            nextRun.set(status.nextRun() == null ? "No run scheduled" : "Next run " + Format.dateTime(status.nextRun(), context.zone()));
            canArchiveNow.set(on && status.community().archiveSupport() && !runInProgress && !status.community().encrypted());
            archiveNowHint.set(!on ? "Turn the history archive protocol on to archive."
                    : !status.community().archiveSupport() ? "Archiving is off for this community."
                    : status.community().encrypted() ? "Encrypted communities are not archived."
                    : runInProgress ? "A run is in progress." : "Archive the messages since the last archive now.");
        }
        showSeeding(status);
        if (needsReload(lastStatus, status)) {
            reload();
        } else if (details != null) {
            timeline.set(timelineOf(details, status, context.clock().instant()));
        }
        lastStatus = status;
    }

    /** A mirror: no runs; it follows the owner's links, and "Check now" reads the store node at once. */
    private void showMirror(CommunityStatus status, boolean on) {
        org.historian.service.MirrorStatus state = status.mirror();
        boolean fetching = state.state() == org.historian.service.MirrorStatus.State.FETCHING;
        archiveNowText.set("Check now");
        archivingText.set("Follow this community");
        running.set(fetching);
        progress.set(state.progress());
        message.set(state.detail());
        String sent = state.linkSentAt() == null ? "no link of the owner accepted yet"
                : "owner's link of " + Format.dateTime(state.linkSentAt(), context.zone());
        String polled = state.polledAt() == null ? "" : " · store node read " + Format.dateTime(state.polledAt(), context.zone());
        nextRun.set("Mirror: " + sent + polled);
        canArchiveNow.set(on && status.community().archiveSupport() && !fetching);
        archiveNowHint.set(!on ? "Turn the history archive protocol on to follow mirrors."
                : !status.community().archiveSupport() ? "Following is off for this community."
                : fetching ? "A fetch is in progress." : "Read the store node for a new archive link of the owner now.");
    }

    /** A run ended, an archive was added, or the schedule moved: the ledger and timeline change. */
    private static boolean needsReload(CommunityStatus before, CommunityStatus after) {
        return before != null && (before.archiveCount() != after.archiveCount()
                || !Objects.equals(before.lastArchiveEndDate(), after.lastArchiveEndDate())
                || (before.activity() == CommunityStatus.Activity.ARCHIVING) != (after.activity() == CommunityStatus.Activity.ARCHIVING));
    }

    private void showSeeding(CommunityStatus status) {
        magnet.set(status.magnetUri() == null ? "" : status.magnetUri());
        SeedingFigures stats = status.seeding();
        String hash = stats != null ? stats.infoHash() : java.util.Objects.requireNonNullElse(status.infoHash(), "");
        infoHash.set(hash);
        if (stats == null) {
            seedingState.set(status.magnetUri() == null ? "No archives seeded yet." : "Not seeding now.");
            peers.set("–");
            uploadRate.set("–");
            uploaded.set("–");
            ratio.set("–");
            pieces.set("–");
        } else {
            seedingState.set(switch (stats.state()) {
                case CHECKING -> "Checking the files before seeding…";
                case SEEDING -> "Seeding";
                case STOPPED -> "Stopped";
                case ERROR -> "Error: " + stats.error();
            });
            peers.set(Integer.toString(stats.peers()));
            uploadRate.set(Format.rate(stats.uploadRate()));
            uploaded.set(Format.bytes(stats.uploaded()));
            long size = (long) stats.piecesTotal() * FolderLayout.PIECE_LENGTH;
            ratio.set(size == 0 ? "–" : Format.ratio((double) stats.uploaded() / size));
            pieces.set(Format.count(stats.piecesComplete()) + " of " + Format.count(stats.piecesTotal()));
        }
        ratePoints.set(bridge.uploads().lastHour(status.community().id(), context.clock().instant()));
    }

    /** Reads the ledger and what is not archived yet, off the FX thread; one read at a time. */
    public void reload() {
        CommunityRow current = row.get();
        if (current == null) {
            return;
        }
        if (loading) {
            reloadAgain = true;
            return;
        }
        loading = true;
        work.run(() -> context.overview().details(current.id(), context.settings().archiveInterval(),
                context.clock().instant().getEpochSecond()), loaded -> {
            loading = false;
            if (row.get() == current) {
                details = loaded;
                loadError.set("");
                if (!archives.equals(loaded.archives())) {
                    positions.clear();
                    for (int i = 0; i < loaded.archives().size(); i++) {
                        positions.put(loaded.archives().get(i).archiveId(), i);
                    }
                    archives.setAll(loaded.archives());
                }
                archivesSummary.set(Format.count(loaded.archives().size()) + " archives · "
                        + Format.count(loaded.archives().stream().mapToLong(ArchiveRow::messageCount).sum()) + " messages · "
                        + Format.count(loaded.pendingMessages()) + " not archived yet");
                timeline.set(timelineOf(loaded, current.status(), context.clock().instant()));
            }
            if (reloadAgain) {
                reloadAgain = false;
                reload();
            }
        }, error -> {
            loading = false;
            reloadAgain = false;
            // A community removed meanwhile is no error worth showing.
            if (row.get() == current) {
                loadError.set("The archives could not be read: " + BackgroundWork.messageOf(error));
            }
        });
    }

    static TimelineData timelineOf(CommunityOverview.CommunityDetails details, CommunityStatus status, Instant now) {
        List<TimelineData.Block> archived = new ArrayList<>(details.archives().size());
        for (ArchiveRow entry : details.archives()) {
            archived.add(new TimelineData.Block(entry.from(), entry.to(), entry.size(), entry.messageCount(), entry.archiveId()));
        }
        List<TimelineData.Block> pending = new ArrayList<>();
        for (Map.Entry<Long, Long> partition : details.pendingPartitions().entrySet()) {
            long from = details.pendingStart() + partition.getKey() * details.partitionSeconds();
            pending.add(new TimelineData.Block(from, from + details.partitionSeconds(), 0, partition.getValue(), null));
        }
        Instant next = status.nextRun();
        return new TimelineData(archived, pending, Math.max(now.getEpochSecond(), details.pendingStart()),
                next == null ? null : next.getEpochSecond());
    }

    private void setArchiving(boolean enabled) {
        CommunityRow current = row.get();
        work.run(() -> context.service().setArchiving(current.id(), enabled), bridge::refresh,
                error -> message.set("Archiving could not be switched: " + BackgroundWork.messageOf(error)));
    }

    public void archiveNow() {
        CommunityRow current = row.get();
        if (current != null && canArchiveNow.get()) {
            canArchiveNow.set(false);
            work.run(() -> context.service().archiveNow(current.id()), bridge::refresh,
                    error -> message.set("Archive now failed: " + BackgroundWork.messageOf(error)));
        }
    }

    public void cancelRun() {
        CommunityRow current = row.get();
        if (current != null) {
            work.run(() -> context.service().cancelRun(current.id()), bridge::refresh,
                    error -> message.set("The run could not be cancelled: " + BackgroundWork.messageOf(error)));
        }
    }

    /** The archive's index in the ledger (oldest first), or -1. */
    public int positionOf(ArchiveRow entry) {
        return entry == null ? -1 : positions.getOrDefault(entry.archiveId(), -1);
    }

    public void dispose() {
        reloader.stop();
    }

    public ObjectProperty<CommunityRow> rowProperty() { return row; }
    public BooleanProperty mirrorProperty() { return mirror; }
    public StringProperty archiveNowTextProperty() { return archiveNowText; }
    public StringProperty archivingTextProperty() { return archivingText; }
    public ReadOnlyBooleanProperty selectedProperty() { return selected.getReadOnlyProperty(); }
    public StringProperty nameProperty() { return name; }
    public StringProperty idTextProperty() { return idText; }
    /** One line per archived topic: its 4 bytes and where it comes from. */
    public StringProperty topicsProperty() { return topics; }
    public BooleanProperty demoProperty() { return demo; }
    public StringProperty badgeProperty() { return badge; }
    public StringProperty badgeStyleProperty() { return badgeStyle; }
    public BooleanProperty archivingProperty() { return archiving; }
    public BooleanProperty runningProperty() { return running; }
    public BooleanProperty canArchiveNowProperty() { return canArchiveNow; }
    public StringProperty archiveNowHintProperty() { return archiveNowHint; }
    public DoubleProperty progressProperty() { return progress; }
    public StringProperty messageProperty() { return message; }
    public StringProperty nextRunProperty() { return nextRun; }
    public ObjectProperty<TimelineData> timelineProperty() { return timeline; }
    public ObservableList<ArchiveRow> archives() { return archives; }
    public StringProperty archivesSummaryProperty() { return archivesSummary; }
    public StringProperty magnetProperty() { return magnet; }
    public StringProperty infoHashProperty() { return infoHash; }
    public StringProperty seedingStateProperty() { return seedingState; }
    public StringProperty peersProperty() { return peers; }
    public StringProperty uploadRateProperty() { return uploadRate; }
    public StringProperty uploadedProperty() { return uploaded; }
    public StringProperty ratioProperty() { return ratio; }
    public StringProperty piecesProperty() { return pieces; }
    public ObjectProperty<double[]> ratePointsProperty() { return ratePoints; }
    public StringProperty loadErrorProperty() { return loadError; }
}
