package org.historian.ui;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;
import javafx.animation.PauseTransition;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.geometry.Pos;
import javafx.stage.Window;
import javafx.util.Duration;
import org.controlsfx.control.Notifications;
import org.historian.model.CommunityId;
import org.historian.model.EventType;
import org.historian.model.HistorianEvent;
import org.historian.service.ServiceSnapshot;

/**
 * Desktop notifications (ControlsFX) for what an operator wants to hear about without looking:
 * archives created, errors, the protocol turning on, off or failing. Events are gathered for a
 * quiet period and give at most one notification of each kind, so a thousand communities
 * archiving at once say so once or twice.
 */
public final class DesktopNotifier {
    static final int KEPT = 50;
    /** At most one round of event notifications this often: as long as a popup stays up. */
    static final java.time.Duration QUIET = java.time.Duration.ofSeconds(5);

    /** A notification as shown: for the record and for tests. */
    public record Shown(String title, String text, boolean error) {
    }

    private final Supplier<Window> owner;
    private final Function<CommunityId, String> names;
    private final ObservableList<Shown> shown = FXCollections.observableArrayList();
    /** What arrived since the last popups, shown together at the end of the quiet period. */
    private final Map<CommunityId, Integer> created = new LinkedHashMap<>();
    private final Map<CommunityId, String> errors = new LinkedHashMap<>();
    private int appErrors;
    private String appError = "";
    private long lastFlushNanos = System.nanoTime() - QUIET.toMillis() * 1_000_000L;
    private final PauseTransition pendingFlush = new PauseTransition();
    private ServiceSnapshot.Protocol lastProtocol;
    private String lastProtocolMessage = "";

    public DesktopNotifier(Supplier<Window> owner, Function<CommunityId, String> names) {
        this.owner = owner;
        this.names = names;
        pendingFlush.setOnFinished(event -> flush());
    }

    /** The latest notifications, oldest first. */
    public ObservableList<Shown> shown() {
        return shown;
    }

    /** New events, on the FX thread. */
    public void events(List<HistorianEvent> events) {
        for (HistorianEvent event : events) {
            if (event.type() == EventType.ARCHIVES_CREATED) {
                created.merge(event.community(), archivesIn(event), Integer::sum);
            } else if (event.type() == EventType.ERROR) {
                if (event.community() == null) {
                    appErrors++;
                    appError = event.detail();
                } else {
                    errors.put(event.community(), event.detail());
                }
            }
        }
        if (created.isEmpty() && errors.isEmpty() && appErrors == 0) {
            return;
        }
        // One round of popups per quiet period: a thousand communities archiving at start-up
        // give two or three notifications, not one per batch (each popup is a window to lay out).
        long sinceLast = System.nanoTime() - lastFlushNanos;
        if (sinceLast >= QUIET.toMillis() * 1_000_000L) {
            flush();
        } else if (pendingFlush.getStatus() != javafx.animation.Animation.Status.RUNNING) {
            pendingFlush.setDuration(Duration.millis(QUIET.toMillis() - sinceLast / 1_000_000L));
            pendingFlush.playFromStart();
        }
    }

    private void flush() {
        lastFlushNanos = System.nanoTime();
        if (created.size() == 1) {
            Map.Entry<CommunityId, Integer> only = created.entrySet().iterator().next();
            show("Archives created", names.apply(only.getKey()) + ": " + only.getValue()
                    + (only.getValue() == 1 ? " new archive, now seeding." : " new archives, now seeding."), false);
        } else if (created.size() > 1) {
            show("Archives created", created.size() + " communities have new archives.", false);
        }
        if (errors.size() == 1) {
            Map.Entry<CommunityId, String> only = errors.entrySet().iterator().next();
            show("Error: " + names.apply(only.getKey()), only.getValue(), true);
        } else if (errors.size() > 1) {
            show("Errors", errors.size() + " communities report errors; see Activity.", true);
        }
        if (appErrors > 0) {
            show("Error", appErrors == 1 ? appError : appErrors + " errors; see Activity.", true);
        }
        created.clear();
        errors.clear();
        appErrors = 0;
        appError = "";
    }

    /** The count of archives an "archives created" event reports ("3 archives"), else 1. */
    private static int archivesIn(HistorianEvent event) {
        java.util.regex.Matcher matcher = java.util.regex.Pattern.compile("(\\d+) archives?").matcher(event.detail());
        return matcher.find() ? Integer.parseInt(matcher.group(1)) : 1;
    }

    /** Protocol state changes, from each snapshot, on the FX thread. */
    public void protocol(ServiceSnapshot snapshot) {
        ServiceSnapshot.Protocol state = snapshot.protocol();
        String message = snapshot.protocolMessage() == null ? "" : snapshot.protocolMessage();
        if (lastProtocol != null && (state != lastProtocol || !message.equals(lastProtocolMessage))) {
            switch (state) {
                case ON -> show("History archive protocol on", message.isEmpty() ? "Archiving, seeding and publishing." : message,
                        !message.isEmpty());
                case OFF -> show("History archive protocol off", "Nothing is archived or seeded until it is turned on again.", false);
                case ERROR -> show("History archive protocol: error", message, true);
                case STARTING -> {
                }
            }
        }
        lastProtocol = state;
        lastProtocolMessage = message;
    }

    private void show(String title, String text, boolean error) {
        shown.add(new Shown(title, text, error));
        if (shown.size() > KEPT) {
            shown.remove(0, shown.size() - KEPT);
        }
        Window window = owner.get();
        if (window == null || !window.isShowing()) {
            return;
        }
        Notifications notification = Notifications.create().title(title).text(text).owner(window)
                .position(Pos.BOTTOM_RIGHT).hideAfter(Duration.seconds(error ? 10 : 5));
        if (error) {
            notification.showError();
        } else {
            notification.showInformation();
        }
    }
}
