package org.historian.ui.settings;

import java.nio.file.Path;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import org.historian.service.Setting;
import org.historian.service.TorrentClientStatus;
import org.historian.ui.BackgroundWork;
import org.historian.ui.ResultKind;
import org.historian.ui.ServiceBridge;
import org.historian.ui.UiContext;

/**
 * The settings form: each setting's text as typed and its error (checked as typed, with the
 * same rules as {@code historian settings set}); Apply saves what changed and applies it at once
 * where it can (the torrent client restarts on the new port and address and seeds everything
 * again) and says what waits (the data directory: at the next start).
 */
public final class SettingsViewModel {
    /** The settings shown in the form, in order (protocol on/off lives in the header switch). */
    static final Set<Setting> SHOWN = EnumSet.complementOf(EnumSet.of(Setting.PROTOCOL_ENABLED));
    static final Set<Setting> TORRENT = EnumSet.of(Setting.TORRENT_PORT, Setting.TORRENT_LISTEN_ADDRESS, Setting.TORRENT_DHT,
            Setting.TORRENT_TRACKERS_ENABLED, Setting.TORRENT_TRACKERS, Setting.TORRENT_ENCRYPTION);

    private final UiContext context;
    private final BackgroundWork work;
    private final ServiceBridge bridge;
    private final Map<Setting, StringProperty> values = new EnumMap<>(Setting.class);
    private final Map<Setting, ReadOnlyStringWrapper> errors = new EnumMap<>(Setting.class);
    private final Map<Setting, String> saved = new EnumMap<>(Setting.class);
    private final StringProperty dataDirectory = new SimpleStringProperty("");
    private final ReadOnlyStringWrapper dataDirectoryError = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper result = new ReadOnlyStringWrapper("");
    private final javafx.beans.property.ObjectProperty<ResultKind> resultKind = new javafx.beans.property.SimpleObjectProperty<>(ResultKind.NONE);
    private final BooleanProperty busy = new SimpleBooleanProperty();
    private final BooleanProperty loaded = new SimpleBooleanProperty();
    private final BooleanBinding valid;
    private String savedDataDirectory = "";

    public SettingsViewModel(UiContext context, BackgroundWork work, ServiceBridge bridge) {
        this.context = context;
        this.work = work;
        this.bridge = bridge;
        javafx.beans.Observable[] dependencies = new javafx.beans.Observable[SHOWN.size() + 1];
        int i = 0;
        for (Setting setting : SHOWN) {
            StringProperty value = new SimpleStringProperty(setting.defaultValue());
            ReadOnlyStringWrapper error = new ReadOnlyStringWrapper("");
            value.addListener((p, before, after) -> error.set(problem(setting, after)));
            values.put(setting, value);
            errors.put(setting, error);
            dependencies[i++] = error;
        }
        dataDirectory.addListener((p, before, after) -> dataDirectoryError.set(dataDirectoryProblem(after)));
        dependencies[i] = dataDirectoryError;
        valid = Bindings.createBooleanBinding(() -> errors.values().stream().allMatch(e -> e.get().isEmpty())
                && dataDirectoryError.get().isEmpty(), dependencies);
    }

    static String problem(Setting setting, String value) {
        try {
            setting.validate(value);
            return "";
        } catch (IllegalArgumentException e) {
            String message = e.getMessage();
            String prefix = setting.key() + ": ";
            return message.startsWith(prefix) ? message.substring(prefix.length()) : message;
        }
    }

    static String dataDirectoryProblem(String text) {
        if (text == null || text.isBlank()) {
            return "";
        }
        try {
            Path path = Path.of(text.strip());
            return path.isAbsolute() ? "" : "give a full path, such as /home/you/historian-data";
        } catch (java.nio.file.InvalidPathException e) {
            return "not a valid path: " + e.getReason();
        }
    }

    /** Reads the saved settings, off the FX thread. */
    public void load() {
        work.run(() -> {
            Map<Setting, String> all = context.settings().all();
            Path chosen = context.nextDataDirectory().chosen();
            return Map.entry(all, chosen == null ? "" : chosen.toString());
        }, loadedValues -> {
            loadedValues.getKey().forEach((setting, value) -> {
                if (values.containsKey(setting)) {
                    saved.put(setting, value);
                    values.get(setting).set(value);
                }
            });
            savedDataDirectory = loadedValues.getValue();
            dataDirectory.set(savedDataDirectory);
            loaded.set(true);
        }, error -> show(ResultKind.ERROR, "The settings could not be read: " + BackgroundWork.messageOf(error)));
    }

    /** Puts every field back to its saved value. */
    public void revert() {
        saved.forEach((setting, value) -> values.get(setting).set(value));
        dataDirectory.set(savedDataDirectory);
        show(ResultKind.NONE, "");
    }

    /** Saves what changed and applies it; the outcome appears in {@link #resultProperty()}. */
    public void apply() {
        if (!valid.get()) {
            show(ResultKind.ERROR, "Some settings are not valid; see the messages beside them.");
            return;
        }
        Map<Setting, String> changed = new LinkedHashMap<>();
        values.forEach((setting, value) -> {
            String text = setting.validate(value.get());
            if (!text.equals(saved.get(setting))) {
                changed.put(setting, text);
            }
        });
        String directory = dataDirectory.get() == null ? "" : dataDirectory.get().strip();
        boolean directoryChanged = !directory.equals(savedDataDirectory);
        if (changed.isEmpty() && !directoryChanged) {
            show(ResultKind.NONE, "Nothing changed.");
            return;
        }
        boolean torrentChanged = changed.keySet().stream().anyMatch(TORRENT::contains);
        busy.set(true);
        show(ResultKind.NONE, torrentChanged ? "Saving and restarting the torrent client…" : "Saving…");
        work.run(() -> {
            changed.forEach(context.settings()::set);
            if (directoryChanged) {
                context.nextDataDirectory().choose(directory.isEmpty() ? null : Path.of(directory));
            }
            if (changed.containsKey(Setting.WAKU_PUBLISH) || changed.containsKey(Setting.WAKU_NODE_URL)) {
                context.service().publishNow();
            }
            return torrentChanged ? context.service().applyTorrentSettings() : null;
        }, status -> {
            busy.set(false);
            saved.putAll(changed);
            savedDataDirectory = directory;
            bridge.refresh();
            report(status, changed.keySet(), directoryChanged);
        }, error -> {
            busy.set(false);
            show(ResultKind.ERROR, "Not saved: " + BackgroundWork.messageOf(error));
        });
    }

    private void report(TorrentClientStatus status, Set<Setting> changed, boolean directoryChanged) {
        StringBuilder text = new StringBuilder("Saved.");
        ResultKind kind = ResultKind.OK;
        if (status != null) {
            if (status.state() == TorrentClientStatus.State.ERROR) {
                kind = ResultKind.ERROR;
                text.append(" ").append(status.message());
            } else if (status.state() == TorrentClientStatus.State.RUNNING) {
                text.append(" The torrent client listens on ").append(status.listenAddress()).append(":").append(status.port()).append(".");
                if (!status.message().isEmpty()) {
                    kind = ResultKind.WARNING;
                    text.append(" ").append(status.message());
                }
            } else {
                text.append(" The torrent settings apply when the protocol is turned on.");
            }
        }
        if (changed.contains(Setting.ARCHIVE_INTERVAL)) {
            text.append(" The new interval applies from each community's next run.");
        }
        if (changed.contains(Setting.MAGNET_REPUBLISH)) {
            text.append(" The new re-publish period applies after the current one.");
        }
        if (changed.contains(Setting.WAKU_PUBLISH) || changed.contains(Setting.WAKU_NODE_URL)) {
            text.append(" The current magnet links are being published again.");
        }
        if (changed.contains(Setting.STORE_NODE_URL)) {
            text.append(" Messages come from the new store node from the next sync on.");
        }
        if (directoryChanged) {
            text.append(" The data directory changes at the next start; nothing is moved.");
        }
        show(kind, text.toString());
    }

    private void show(ResultKind kind, String text) {
        resultKind.set(kind);
        result.set(text);
    }

    public StringProperty value(Setting setting) {
        return values.get(setting);
    }

    public ReadOnlyStringProperty error(Setting setting) {
        return errors.get(setting).getReadOnlyProperty();
    }

    public boolean isChanged(Setting setting) {
        return !values.get(setting).get().equals(saved.get(setting));
    }

    public StringProperty dataDirectoryProperty() { return dataDirectory; }
    public ReadOnlyStringProperty dataDirectoryErrorProperty() { return dataDirectoryError.getReadOnlyProperty(); }
    public ReadOnlyStringProperty resultProperty() { return result.getReadOnlyProperty(); }
    public javafx.beans.property.ObjectProperty<ResultKind> resultKindProperty() { return resultKind; }
    public BooleanProperty busyProperty() { return busy; }
    public BooleanProperty loadedProperty() { return loaded; }
    public BooleanBinding validProperty() { return valid; }
    public String currentDataDirectory() { return context.dataDirectory().toString(); }
}
