package org.historian.ui.communities;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;
import javafx.event.ActionEvent;
import javafx.fxml.FXML;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.stage.FileChooser;
import javafx.stage.Window;
import org.historian.model.Community;
import org.historian.model.CommunityId;
import org.historian.service.CommunityAdmin;
import org.historian.ui.BackgroundWork;
import org.historian.ui.Theme;
import org.historian.ui.Views;

/** The "Add community" dialog: fields checked as typed, each error beside its field. */
public final class AddCommunityDialog {
    static final ButtonType ADD = new ButtonType("Add community", ButtonBar.ButtonData.OK_DONE);
    static final ButtonType MIRROR = new ButtonType("Mirror community", ButtonBar.ButtonData.OK_DONE);
    static final String MIRROR_INTRO = "Paste the share link or ID of a community you do not own. This node reads its archive links "
            + "from the store node (or the Waku node) of the settings, fetches each new torrent and seeds the newest, so members get "
            + "its history while its owner is offline. No key is needed; a mirror never archives messages or publishes links.";

    @FXML
    private TextField idField;
    @FXML
    private Label idError;
    @FXML
    private Label idResolved;
    @FXML
    private TextField nameField;
    @FXML
    private Label nameError;
    @FXML
    private TextArea topicsArea;
    @FXML
    private Label topicsError;
    @FXML
    private TextField pubsubField;
    @FXML
    private Label pubsubError;
    @FXML
    private CheckBox encryptedBox;
    @FXML
    private Button loadButton;
    @FXML
    private Label loadError;
    @FXML
    private Label introLabel;
    @FXML
    private Label topicsLabel;
    @FXML
    private Label encryptedNote;

    private final CommunityForm form;
    private final BackgroundWork work;
    private final Dialog<Community> dialog = new Dialog<>();

    public AddCommunityDialog(Window owner, Set<CommunityId> existing, BackgroundWork work, Theme theme) {
        this(owner, existing, work, theme, false);
    }

    /** @param mirror the "Mirror a community" variant: the ID and a name only; no topics, no encryption */
    public AddCommunityDialog(Window owner, Set<CommunityId> existing, BackgroundWork work, Theme theme, boolean mirror) {
        this.form = new CommunityForm(existing);
        this.work = work;
        Parent content = Views.load(this);
        dialog.initOwner(owner);
        dialog.setTitle(mirror ? "Mirror a community" : "Add community");
        dialog.setHeaderText(null);
        dialog.getDialogPane().setContent(content);
        ButtonType confirm = mirror ? MIRROR : ADD;
        dialog.getDialogPane().getButtonTypes().addAll(confirm, ButtonType.CANCEL);
        theme.style(dialog.getDialogPane().getScene());
        if (mirror) {
            introLabel.setText(MIRROR_INTRO);
            for (javafx.scene.Node node : new javafx.scene.Node[]{topicsLabel, topicsArea, topicsError, encryptedBox, encryptedNote,
                    loadButton, loadError}) {
                // Error labels show themselves when they have text: a mirror never shows these fields.
                node.visibleProperty().unbind();
                node.managedProperty().unbind();
                node.setVisible(false);
                node.setManaged(false);
            }
        }
        Button add = (Button) dialog.getDialogPane().lookupButton(confirm);
        add.setId(mirror ? "mirrorCommunityConfirm" : "addCommunityConfirm");
        // A click on Add with a bad field shows every field's error instead of closing.
        add.addEventFilter(ActionEvent.ACTION, event -> {
            if (!form.validProperty().get()) {
                form.touchAll();
                event.consume();
            }
        });
        dialog.setResultConverter(button -> button == confirm ? form.toCommunity() : null);
        dialog.setOnShown(event -> idField.requestFocus());
    }

    @FXML
    private void initialize() {
        idField.textProperty().bindBidirectional(form.idProperty());
        nameField.textProperty().bindBidirectional(form.nameProperty());
        nameField.promptTextProperty().bind(form.namePromptProperty());
        idResolved.textProperty().bind(form.resolvedProperty());
        idResolved.managedProperty().bind(idResolved.textProperty().isNotEmpty());
        idResolved.visibleProperty().bind(idResolved.textProperty().isNotEmpty());
        topicsArea.textProperty().bindBidirectional(form.topicsProperty());
        pubsubField.textProperty().bindBidirectional(form.pubsubTopicProperty());
        encryptedBox.selectedProperty().bindBidirectional(form.encryptedProperty());
        bindError(idError, idField, form.idErrorProperty());
        bindError(nameError, nameField, form.nameErrorProperty());
        bindError(topicsError, topicsArea, form.topicsErrorProperty());
        bindError(pubsubError, pubsubField, form.pubsubErrorProperty());
    }

    private static void bindError(Label label, javafx.scene.control.TextInputControl field,
                                  javafx.beans.value.ObservableStringValue error) {
        label.textProperty().bind(error);
        label.managedProperty().bind(label.textProperty().isNotEmpty());
        label.visibleProperty().bind(label.textProperty().isNotEmpty());
        error.addListener((p, before, after) -> {
            field.getStyleClass().remove("invalid");
            if (!after.isEmpty()) {
                field.getStyleClass().add("invalid");
            }
        });
    }

    public CommunityForm form() {
        return form;
    }

    /** Shows the dialog and waits; the community when Add was pressed with a valid form. */
    public Optional<Community> showAndWait() {
        return dialog.showAndWait();
    }

    public Dialog<Community> dialog() {
        return dialog;
    }

    @FXML
    private void loadDescription() {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Community description");
        chooser.getExtensionFilters().addAll(new FileChooser.ExtensionFilter("JSON", "*.json"),
                new FileChooser.ExtensionFilter("All files", "*"));
        java.io.File file = chooser.showOpenDialog(dialog.getDialogPane().getScene().getWindow());
        if (file != null) {
            loadDescription(file.toPath());
        }
    }

    /** Reads and parses a description file off the FX thread, then fills the form. */
    void loadDescription(Path file) {
        loadError.setText("");
        loadButton.setDisable(true);
        work.run(() -> CommunityAdmin.parseDescription(readBounded(file)), community -> {
            loadButton.setDisable(false);
            form.fill(community);
        }, error -> {
            loadButton.setDisable(false);
            loadError.setText(file.getFileName() + ": " + BackgroundWork.messageOf(error));
        });
    }

    private static byte[] readBounded(Path file) throws IOException {
        if (Files.size(file) > CommunityAdmin.MAX_DESCRIPTION_BYTES) {
            throw new IllegalArgumentException("the file is larger than " + CommunityAdmin.MAX_DESCRIPTION_BYTES
                    + " bytes; a community description is a small JSON file");
        }
        return Files.readAllBytes(file);
    }
}
