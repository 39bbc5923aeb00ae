package org.historian.ui;

import org.historian.service.Format;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import org.historian.service.CommunityStatus;
import org.historian.service.ServiceSnapshot;
import org.historian.service.TorrentClientStatus;

/**
 * The main window's header and status bar: the protocol switch and its state (off, starting,
 * on, on with a warning, error with the reason), and the torrent client's port, peers and upload.
 */
public final class MainViewModel {
    private final UiContext context;
    private final BackgroundWork work;
    private final ServiceBridge bridge;
    private final BooleanProperty protocolSwitch = new SimpleBooleanProperty();
    private final ReadOnlyBooleanWrapper protocolBusy = new ReadOnlyBooleanWrapper();
    private final ReadOnlyStringWrapper protocolState = new ReadOnlyStringWrapper("Off");
    private final ReadOnlyStringWrapper protocolStyle = new ReadOnlyStringWrapper("state-off");
    private final ReadOnlyStringWrapper protocolMessage = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper port = new ReadOnlyStringWrapper("Torrent client stopped");
    private final ReadOnlyStringWrapper peers = new ReadOnlyStringWrapper("0 peers");
    private final ReadOnlyStringWrapper upload = new ReadOnlyStringWrapper("0 B/s");
    private final ReadOnlyStringWrapper publisher = new ReadOnlyStringWrapper("");
    private boolean updating;

    public MainViewModel(UiContext context, BackgroundWork work, ServiceBridge bridge) {
        this.context = context;
        this.work = work;
        this.bridge = bridge;
        protocolSwitch.addListener((p, before, after) -> {
            if (!updating) {
                setProtocol(after);
            }
        });
    }

    /** Applies a snapshot on the FX thread. */
    public void apply(ServiceSnapshot snapshot) {
        if (!protocolBusy.get()) {
            updating = true;
            protocolSwitch.set(snapshot.protocol() != ServiceSnapshot.Protocol.OFF);
            updating = false;
            showProtocol(snapshot);
        }
        TorrentClientStatus engine = snapshot.engine();
        port.set(engine.state() == TorrentClientStatus.State.RUNNING ? "Port " + engine.port() + " on " + engine.listenAddress()
                : engine.state() == TorrentClientStatus.State.ERROR ? "Torrent client: error" : "Torrent client stopped");
        int peerCount = 0;
        long rate = 0;
        for (CommunityStatus status : snapshot.communities()) {
            if (status.seeding() != null) {
                peerCount += status.seeding().peers();
                rate += status.seeding().uploadRate();
            }
        }
        peers.set(peerCount + (peerCount == 1 ? " peer" : " peers"));
        upload.set(Format.rate(rate));
        publisher.set("Magnet links: " + snapshot.publisher());
    }

    private void showProtocol(ServiceSnapshot snapshot) {
        String message = snapshot.protocolMessage() == null ? "" : snapshot.protocolMessage();
        switch (snapshot.protocol()) {
            case OFF -> set("Off", "state-off", "");
            case STARTING -> set("Starting…", "state-starting", "");
            case ON -> set("On", message.isEmpty() ? "state-on" : "state-warning", message);
            case ERROR -> set("Error", "state-error", message);
        }
    }

    private void set(String state, String style, String message) {
        protocolState.set(state);
        protocolStyle.set(style);
        protocolMessage.set(message);
    }

    private void setProtocol(boolean on) {
        protocolBusy.set(true);
        set(on ? "Starting…" : "Stopping…", "state-starting", "");
        work.run(() -> {
            if (on) {
                context.service().enable();
            } else {
                context.service().disable();
            }
        }, () -> {
            protocolBusy.set(false);
            bridge.refresh();
        }, error -> {
            protocolBusy.set(false);
            set("Error", "state-error", BackgroundWork.messageOf(error));
            bridge.refresh();
        });
    }

    public BooleanProperty protocolSwitchProperty() { return protocolSwitch; }
    public ReadOnlyBooleanProperty protocolBusyProperty() { return protocolBusy.getReadOnlyProperty(); }
    public ReadOnlyStringProperty protocolStateProperty() { return protocolState.getReadOnlyProperty(); }
    public ReadOnlyStringProperty protocolStyleProperty() { return protocolStyle.getReadOnlyProperty(); }
    public ReadOnlyStringProperty protocolMessageProperty() { return protocolMessage.getReadOnlyProperty(); }
    public ReadOnlyStringProperty portProperty() { return port.getReadOnlyProperty(); }
    public ReadOnlyStringProperty peersProperty() { return peers.getReadOnlyProperty(); }
    public ReadOnlyStringProperty uploadProperty() { return upload.getReadOnlyProperty(); }
    public ReadOnlyStringProperty publisherProperty() { return publisher.getReadOnlyProperty(); }
}
