package org.historian.ui.communities;

import atlantafx.base.controls.CustomTextField;
import java.io.File;
import java.time.Instant;
import java.util.Set;
import java.util.stream.Collectors;
import javafx.beans.value.ObservableValue;
import javafx.fxml.FXML;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SplitPane;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import javafx.stage.Window;
import org.historian.model.Community;
import org.historian.ui.BackgroundWork;
import org.historian.ui.ServiceBridge;
import org.historian.ui.Theme;
import org.historian.ui.UiContext;
import org.historian.ui.Views;
import org.historian.ui.tasks.TaskLauncher;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * The communities list beside the selected community's detail. The list is virtualised (a
 * ListView), so a thousand communities cost what the visible twenty cost.
 */
public final class CommunitiesView {
    @FXML
    private SplitPane root;
    @FXML
    private Button addButton;
    @FXML
    private MenuItem demoItem;
    @FXML
    private MenuItem removeDemoItem;
    @FXML
    private CustomTextField searchField;
    @FXML
    private ListView<CommunityRow> list;
    @FXML
    private Label summaryLabel;
    @FXML
    private Label totalsLabel;
    @FXML
    private StackPane detailHolder;

    private final UiContext context;
    private final BackgroundWork work;
    private final Theme theme;
    private final CommunitiesViewModel model;
    private final ObservableValue<Instant> now;
    private final TaskLauncher tasks;
    private final ServiceBridge bridge;
    private final VBox emptyState;
    private final Label noMatch = new Label();

    public CommunitiesView(UiContext context, BackgroundWork work, Theme theme, CommunitiesViewModel model, ObservableValue<Instant> now,
                           TaskLauncher tasks, ServiceBridge bridge) {
        this.context = context;
        this.work = work;
        this.theme = theme;
        this.model = model;
        this.now = now;
        this.tasks = tasks;
        this.bridge = bridge;
        this.emptyState = emptyState();
        Views.load(this);
    }

    @FXML
    private void initialize() {
        list.setItems(model.visibleRows());
        list.setCellFactory(view -> new CommunityCell(now));
        list.getSelectionModel().selectedItemProperty().addListener((p, before, after) -> {
            if (after != null || !model.visibleRows().contains(model.selectedProperty().get())) {
                model.selectedProperty().set(after);
            }
        });
        model.selectedProperty().addListener((p, before, after) -> {
            if (after != null && list.getSelectionModel().getSelectedItem() != after) {
                list.getSelectionModel().select(after);
                list.scrollTo(after);
            }
        });
        searchField.textProperty().bindBidirectional(model.filterProperty());
        summaryLabel.textProperty().bind(model.summaryProperty());
        totalsLabel.textProperty().bind(model.totalsProperty());
        noMatch.getStyleClass().add("muted");
        model.allRows().addListener((javafx.collections.ListChangeListener<CommunityRow>) change -> updatePlaceholder());
        model.filterProperty().addListener(p -> updatePlaceholder());
        updatePlaceholder();
        removeDemoItem.disableProperty().bind(javafx.beans.binding.Bindings.createBooleanBinding(
                () -> model.allRows().stream().noneMatch(row -> row.status().community().demo()), model.allRows()));
        SplitPane.setResizableWithParent(root.getItems().get(0), false);
    }

    private void updatePlaceholder() {
        if (model.allRows().isEmpty()) {
            list.setPlaceholder(emptyState);
        } else {
            noMatch.setText("No community matches “" + model.filterProperty().get().strip() + "”.");
            list.setPlaceholder(noMatch);
        }
    }

    /** What a first start shows: add a community, or try the demo. */
    private VBox emptyState() {
        FontIcon icon = new FontIcon("fth-archive");
        Label title = new Label("No communities yet");
        title.getStyleClass().add("title");
        Label text = new Label("Add a community this node controls, or try Historian with a generated demo community: "
                + "months of realistic messages, clearly marked as demo data, removable in one step.");
        text.setWrapText(true);
        text.getStyleClass().add("muted");
        text.setMaxWidth(320);
        Button add = new Button("Add community");
        add.setId("emptyAddCommunity");
        add.setGraphic(new FontIcon("fth-plus"));
        add.setOnAction(e -> addCommunity());
        Button demo = new Button("Try with a demo community");
        demo.setId("tryDemo");
        demo.getStyleClass().add(atlantafx.base.theme.Styles.ACCENT);
        demo.setGraphic(new FontIcon("fth-play-circle"));
        demo.setOnAction(e -> addDemo());
        VBox box = new VBox(icon, title, text, add, demo);
        box.getStyleClass().add("empty-state");
        box.setAlignment(Pos.CENTER);
        return box;
    }

    public Node root() {
        return root;
    }

    public void setDetail(Node detail) {
        Node placeholder = detailHolder.getChildren().get(0);
        placeholder.visibleProperty().bind(detail.visibleProperty().not());
        detailHolder.getChildren().add(detail);
    }

    public void focusSearch() {
        searchField.requestFocus();
        searchField.selectAll();
    }

    public ListView<CommunityRow> list() {
        return list;
    }

    private Window window() {
        return root.getScene().getWindow();
    }

    @FXML
    public void addCommunity() {
        Set<org.historian.model.CommunityId> existing = model.allRows().stream().map(CommunityRow::id).collect(Collectors.toSet());
        AddCommunityDialog dialog = new AddCommunityDialog(window(), existing, work, theme);
        dialog.showAndWait().ifPresent(this::add);
    }

    /** A community this node does not own, kept online: it follows the owner's links and seeds them. */
    @FXML
    public void addMirror() {
        Set<org.historian.model.CommunityId> existing = model.allRows().stream().map(CommunityRow::id).collect(Collectors.toSet());
        AddCommunityDialog dialog = new AddCommunityDialog(window(), existing, work, theme, true);
        dialog.showAndWait().ifPresent(community -> work.run(() -> context.service().addMirror(community), () -> {
            bridge.refresh();
            model.filterProperty().set("");
            selectWhenListed(community);
        }, error -> showError("The community could not be mirrored", BackgroundWork.messageOf(error))));
    }

    private void add(Community community) {
        work.run(() -> context.service().addCommunity(community), () -> {
            bridge.refresh();
            model.filterProperty().set("");
            selectWhenListed(community);
        }, error -> showError("The community could not be added", BackgroundWork.messageOf(error)));
    }

    /** The new community appears with the next snapshot; select it then. */
    private void selectWhenListed(Community community) {
        CommunityRow row = model.row(community.id());
        if (row != null) {
            model.selectedProperty().set(row);
            return;
        }
        javafx.beans.InvalidationListener[] waiting = new javafx.beans.InvalidationListener[1];
        waiting[0] = observable -> {
            CommunityRow listed = model.row(community.id());
            if (listed != null) {
                model.allRows().removeListener(waiting[0]);
                model.selectedProperty().set(listed);
            }
        };
        model.allRows().addListener(waiting[0]);
    }

    @FXML
    public void addDemo() {
        tasks.addDemo().stage().setOnHidden(e -> bridge.refresh());
        selectDemoWhenListed();
    }

    private void selectDemoWhenListed() {
        javafx.beans.InvalidationListener[] waiting = new javafx.beans.InvalidationListener[1];
        waiting[0] = observable -> model.allRows().stream().filter(row -> row.status().community().demo()).findFirst().ifPresent(row -> {
            model.allRows().removeListener(waiting[0]);
            model.selectedProperty().set(row);
        });
        model.allRows().addListener(waiting[0]);
    }

    @FXML
    private void removeDemo() {
        Alert confirm = new Alert(Alert.AlertType.CONFIRMATION, "Remove every demo community with its messages, archives and "
                + "torrent? Real communities are not touched.", ButtonType.OK, ButtonType.CANCEL);
        confirm.initOwner(window());
        confirm.setHeaderText("Remove demo data");
        theme.style(confirm.getDialogPane().getScene());
        confirm.showAndWait().filter(ButtonType.OK::equals).ifPresent(ok -> work.run(() -> context.demo().removeAll(),
                removed -> bridge.refresh(), error -> showError("The demo data could not be removed", BackgroundWork.messageOf(error))));
    }

    @FXML
    public void importMessages() {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Import messages");
        chooser.getExtensionFilters().addAll(new FileChooser.ExtensionFilter("NDJSON messages", "*.ndjson", "*.jsonl", "*.json"),
                new FileChooser.ExtensionFilter("All files", "*"));
        File file = chooser.showOpenDialog(window());
        if (file != null) {
            tasks.importMessages(file.toPath());
        }
    }

    private void showError(String header, String message) {
        Alert alert = new Alert(Alert.AlertType.ERROR, message, ButtonType.OK);
        alert.initOwner(window());
        alert.setHeaderText(header);
        theme.style(alert.getDialogPane().getScene());
        alert.show();
    }
}
