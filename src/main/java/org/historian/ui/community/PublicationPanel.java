package org.historian.ui.community;

import javafx.fxml.FXML;
import javafx.scene.Node;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.PasswordField;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.VBox;
import org.historian.service.KeyVault;
import org.historian.ui.ResultKind;
import org.historian.ui.Views;

/** The publication card of the community detail: status, key actions and verification. */
public final class PublicationPanel {
    @FXML
    private VBox root;
    @FXML
    private Label statusLabel;
    @FXML
    private Label keyLabel;
    @FXML
    private Button importButton;
    @FXML
    private Button unlockButton;
    @FXML
    private Button removeButton;
    @FXML
    private Button verifyButton;
    @FXML
    private Label resultLabel;

    private final PublicationViewModel model;

    public PublicationPanel(PublicationViewModel model) {
        this.model = model;
        Views.load(this);
    }

    @FXML
    private void initialize() {
        statusLabel.textProperty().bind(model.statusProperty());
        model.statusKindProperty().addListener((p, before, after) -> ResultKind.apply(statusLabel, after));
        keyLabel.textProperty().bind(model.keyTextProperty());
        resultLabel.textProperty().bind(model.resultProperty());
        resultLabel.managedProperty().bind(model.resultProperty().isNotEmpty());
        model.resultKindProperty().addListener((p, before, after) -> ResultKind.apply(resultLabel, after));
        var noKey = model.keyStateProperty().isEqualTo(KeyVault.State.NONE);
        var locked = model.keyStateProperty().isEqualTo(KeyVault.State.LOCKED);
        importButton.disableProperty().bind(model.busyProperty());
        unlockButton.visibleProperty().bind(locked);
        unlockButton.managedProperty().bind(locked);
        unlockButton.disableProperty().bind(model.busyProperty());
        removeButton.disableProperty().bind(model.busyProperty().or(noKey));
        verifyButton.disableProperty().bind(model.busyProperty());
    }

    @FXML
    private void importKey() {
        PasswordField key = field("Private key, 64 hex digits", "importKeyField");
        PasswordField shardKey = field("Only if the community has a protected shard", "importShardKeyField");
        PasswordField passphrase = field("Passphrase (at least " + KeyVault.MIN_PASSPHRASE_LENGTH + " characters)", "importPassphraseField");
        PasswordField again = field("Passphrase again", "importPassphraseAgainField");
        Label hint = new Label("The key must be the private key of this community's ID. A community with a protected shard "
                + "also needs that shard's key, or relay nodes drop its messages. Keys are stored only encrypted with the "
                + "passphrase, which is the same for every key of this data directory; they are never shown or exported.");
        hint.setWrapText(true);
        hint.setMaxWidth(440);
        Dialog<ButtonType> dialog = dialog("Import community key",
                grid(hint, "Key", key, "Shard key", shardKey, "Passphrase", passphrase, "Again", again));
        Node ok = dialog.getDialogPane().lookupButton(ButtonType.OK);
        ok.disableProperty().bind(key.textProperty().isEmpty().or(passphrase.textProperty().isEmpty())
                .or(passphrase.textProperty().isNotEqualTo(again.textProperty())));
        dialog.showAndWait().filter(ButtonType.OK::equals).ifPresent(button -> model.importKey(key.getText().toCharArray(),
                shardKey.getText().strip().toCharArray(), passphrase.getText().toCharArray()));
        key.clear();
        shardKey.clear();
        passphrase.clear();
        again.clear();
    }

    @FXML
    private void unlock() {
        PasswordField passphrase = field("Passphrase of the community keys", "unlockPassphraseField");
        Dialog<ButtonType> dialog = dialog("Unlock community keys", grid(null, "Passphrase", passphrase));
        dialog.getDialogPane().lookupButton(ButtonType.OK).disableProperty().bind(passphrase.textProperty().isEmpty());
        dialog.showAndWait().filter(ButtonType.OK::equals).ifPresent(button -> model.unlock(passphrase.getText().toCharArray()));
        passphrase.clear();
    }

    @FXML
    private void removeKey() {
        Alert confirm = new Alert(Alert.AlertType.CONFIRMATION, "Remove this community's key (and its shard key, if any) from "
                + "Historian? Its magnet links are no longer published until the key is imported again. Keep a copy of the keys "
                + "elsewhere.", ButtonType.CANCEL,
                ButtonType.OK);
        confirm.setHeaderText("Remove the community key");
        confirm.initOwner(root.getScene().getWindow());
        confirm.showAndWait().filter(ButtonType.OK::equals).ifPresent(button -> model.removeKey());
    }

    @FXML
    private void verify() {
        model.verify();
    }

    private static PasswordField field(String prompt, String id) {
        PasswordField field = new PasswordField();
        field.setPromptText(prompt);
        field.setAccessibleText(prompt);
        field.setId(id);
        field.setPrefColumnCount(34);
        return field;
    }

    private static GridPane grid(Label hint, Object... labelsAndFields) {
        GridPane grid = new GridPane();
        grid.setHgap(8);
        grid.setVgap(8);
        int row = 0;
        if (hint != null) {
            grid.add(hint, 0, row++, 2, 1);
        }
        for (int i = 0; i < labelsAndFields.length; i += 2) {
            Label label = new Label((String) labelsAndFields[i]);
            PasswordField field = (PasswordField) labelsAndFields[i + 1];
            label.setLabelFor(field);
            grid.add(label, 0, row);
            grid.add(field, 1, row++);
        }
        return grid;
    }

    private Dialog<ButtonType> dialog(String title, GridPane content) {
        Dialog<ButtonType> dialog = new Dialog<>();
        dialog.setTitle(title);
        dialog.setHeaderText(title);
        dialog.initOwner(root.getScene().getWindow());
        dialog.getDialogPane().setContent(content);
        dialog.getDialogPane().getButtonTypes().setAll(ButtonType.CANCEL, ButtonType.OK);
        dialog.getDialogPane().getStylesheets().setAll(root.getScene().getStylesheets());
        return dialog;
    }

    public Node root() {
        return root;
    }
}
