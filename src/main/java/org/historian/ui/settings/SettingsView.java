package org.historian.ui.settings;

import atlantafx.base.controls.ToggleSwitch;
import java.io.File;
import java.util.Arrays;
import java.util.stream.Collectors;
import javafx.fxml.FXML;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.layout.BorderPane;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.control.TextInputControl;
import javafx.scene.layout.GridPane;
import javafx.stage.DirectoryChooser;
import org.historian.service.Setting;
import org.historian.ui.Theme;
import org.historian.ui.Views;

/** The settings form: one row per setting, its help text, and its error as typed. */
public final class SettingsView {
    @FXML
    private BorderPane root;
    @FXML
    private GridPane form;
    @FXML
    private Label currentDataDirectory;
    @FXML
    private TextField dataDirectoryField;
    @FXML
    private Label dataDirectoryError;
    @FXML
    private ToggleSwitch darkSwitch;
    @FXML
    private Button applyButton;
    @FXML
    private Button revertButton;
    @FXML
    private Label resultLabel;

    private final SettingsViewModel model;
    private final Theme theme;

    public SettingsView(SettingsViewModel model, Theme theme) {
        this.model = model;
        this.theme = theme;
        Views.load(this);
    }

    /** A setting's label as the form shows it. */
    static String label(Setting setting) {
        return switch (setting) {
            case PROTOCOL_ENABLED -> "History archive protocol";
            case TORRENT_PORT -> "Port";
            case TORRENT_LISTEN_ADDRESS -> "Listen address";
            case TORRENT_DHT -> "DHT";
            case TORRENT_TRACKERS_ENABLED -> "Announce to trackers";
            case TORRENT_TRACKERS -> "Trackers";
            case TORRENT_ENCRYPTION -> "Peer encryption";
            case ARCHIVE_INTERVAL -> "Archive interval";
            case MAGNET_REPUBLISH -> "Re-publish magnet link";
            case FETCH_STALL_TIMEOUT -> "Fetch stall timeout";
            case STORE_NODE_URL -> "Store node URL";
            case MIRROR_POLL_INTERVAL -> "Mirror poll interval";
            case WAKU_PUBLISH -> "Publish magnet links";
            case WAKU_NODE_URL -> "Waku node URL";
        };
    }

    @FXML
    private void initialize() {
        org.historian.ui.control.Switches.makeFriendly(darkSwitch);
        int row = 0;
        for (Setting setting : SettingsViewModel.SHOWN) {
            Label name = new Label(label(setting));
            Node control = control(setting);
            control.setId("setting-" + setting.key().replace('.', '-'));
            Label help = new Label(capitalised(setting.description()) + ".");
            help.getStyleClass().add("field-help");
            help.setWrapText(true);
            Label error = new Label();
            error.getStyleClass().add("field-error");
            error.setWrapText(true);
            error.textProperty().bind(model.error(setting));
            error.managedProperty().bind(error.textProperty().isNotEmpty());
            error.visibleProperty().bind(error.textProperty().isNotEmpty());
            error.setId("error-" + setting.key().replace('.', '-'));
            if (control instanceof TextInputControl input) {
                name.setLabelFor(input);
                model.error(setting).addListener((p, before, after) -> {
                    input.getStyleClass().remove("invalid");
                    if (!after.isEmpty()) {
                        input.getStyleClass().add("invalid");
                    }
                });
            }
            form.add(name, 0, row);
            form.add(control, 1, row++);
            form.add(error, 1, row++);
            form.add(help, 1, row++);
            GridPane.setMargin(help, new javafx.geometry.Insets(0, 0, 8, 0));
        }
        currentDataDirectory.setText(model.currentDataDirectory());
        dataDirectoryField.textProperty().bindBidirectional(model.dataDirectoryProperty());
        dataDirectoryError.textProperty().bind(model.dataDirectoryErrorProperty());
        darkSwitch.setSelected(theme.modeProperty().get() == Theme.Mode.DARK);
        darkSwitch.selectedProperty().addListener((p, before, after) -> theme.modeProperty().set(after ? Theme.Mode.DARK : Theme.Mode.LIGHT));
        theme.modeProperty().addListener((p, before, after) -> darkSwitch.setSelected(after == Theme.Mode.DARK));
        applyButton.disableProperty().bind(model.busyProperty().or(model.loadedProperty().not()));
        revertButton.disableProperty().bind(model.busyProperty());
        resultLabel.textProperty().bind(model.resultProperty());
        model.resultKindProperty().addListener((p, before, after) -> org.historian.ui.ResultKind.apply(resultLabel, after));
    }

    private Node control(Setting setting) {
        return switch (setting) {
            case TORRENT_DHT, TORRENT_TRACKERS_ENABLED -> toggle(setting);
            case TORRENT_TRACKERS -> trackers(setting);
            case WAKU_PUBLISH -> choice(setting, "off", "relay", "lightpush");
            case TORRENT_ENCRYPTION -> choice(setting, "prefer-plaintext", "prefer-encrypted", "require-encrypted");
            default -> {
                TextField field = new TextField();
                field.setAccessibleText(label(setting));
                field.textProperty().bindBidirectional(model.value(setting));
                field.setPrefColumnCount(setting == Setting.TORRENT_PORT ? 8 : 30);
                yield field;
            }
        };
    }

    private ToggleSwitch toggle(Setting setting) {
        ToggleSwitch toggle = new ToggleSwitch();
        toggle.setAccessibleText(label(setting));
        org.historian.ui.control.Switches.makeFriendly(toggle);
        toggle.setSelected(Boolean.parseBoolean(model.value(setting).get()));
        model.value(setting).addListener((p, before, after) -> toggle.setSelected("true".equalsIgnoreCase(after)
                || "on".equalsIgnoreCase(after) || "yes".equalsIgnoreCase(after)));
        toggle.selectedProperty().addListener((p, before, after) -> model.value(setting).set(Boolean.toString(after)));
        return toggle;
    }

    private javafx.scene.control.ChoiceBox<String> choice(Setting setting, String... options) {
        javafx.scene.control.ChoiceBox<String> box = new javafx.scene.control.ChoiceBox<>(javafx.collections.FXCollections
                .observableArrayList(options));
        box.setAccessibleText(label(setting));
        box.setValue(model.value(setting).get().toLowerCase(java.util.Locale.ROOT));
        model.value(setting).addListener((p, before, after) -> box.setValue(after.toLowerCase(java.util.Locale.ROOT)));
        box.valueProperty().addListener((p, before, after) -> {
            if (after != null) {
                model.value(setting).set(after);
            }
        });
        return box;
    }

    /** One tracker per line here; comma-separated in the setting. */
    private TextArea trackers(Setting setting) {
        TextArea area = new TextArea();
        area.setAccessibleText(label(setting));
        area.setPrefRowCount(3);
        area.getStyleClass().add("mono");
        boolean[] syncing = {false};
        Runnable fromValue = () -> {
            syncing[0] = true;
            area.setText(Arrays.stream(model.value(setting).get().split(",")).map(String::strip).filter(s -> !s.isEmpty())
                    .collect(Collectors.joining("\n")));
            syncing[0] = false;
        };
        fromValue.run();
        model.value(setting).addListener((p, before, after) -> {
            if (!syncing[0]) {
                fromValue.run();
            }
        });
        area.textProperty().addListener((p, before, after) -> {
            if (!syncing[0]) {
                syncing[0] = true;
                model.value(setting).set(Arrays.stream(after.split("[\\n,]")).map(String::strip).filter(s -> !s.isEmpty())
                        .collect(Collectors.joining(",")));
                syncing[0] = false;
            }
        });
        return area;
    }

    private static String capitalised(String text) {
        return text.isEmpty() ? text : Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }

    @FXML
    private void apply() {
        model.apply();
    }

    @FXML
    private void revert() {
        model.revert();
    }

    @FXML
    private void chooseDataDirectory() {
        DirectoryChooser chooser = new DirectoryChooser();
        chooser.setTitle("Data directory for the next start");
        File chosen = chooser.showDialog(root.getScene().getWindow());
        if (chosen != null) {
            model.dataDirectoryProperty().set(chosen.getAbsolutePath());
        }
    }

    public Node root() {
        return root;
    }
}
