package org.historian.ui.community;

import atlantafx.base.controls.ToggleSwitch;
import java.io.File;
import java.util.Comparator;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.fxml.FXML;
import javafx.scene.Node;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.MenuItem;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.Tooltip;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.layout.HBox;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import org.historian.model.Community;
import org.historian.service.ArchiveRow;
import org.historian.ui.BackgroundWork;
import org.historian.service.Format;
import org.historian.ui.ServiceBridge;
import org.historian.ui.Theme;
import org.historian.ui.UiContext;
import org.historian.ui.Views;
import org.historian.ui.communities.Badges;
import org.historian.ui.control.ArchiveTimeline;
import org.historian.ui.control.QrCodeView;
import org.historian.ui.control.RateChart;
import org.historian.ui.tasks.FetchDialog;
import org.historian.ui.tasks.TaskDialog;
import org.historian.ui.tasks.TaskLauncher;

/** The selected community: header and actions, archive timeline, archive table, seeding panel. */
public final class CommunityDetailView {
    @FXML
    private StackPane root;
    @FXML
    private ScrollPane content;
    @FXML
    private Label nameLabel;
    @FXML
    private Label demoBadge;
    @FXML
    private Label mirrorBadge;
    @FXML
    private Label stateBadge;
    @FXML
    private Label idLabel;
    @FXML
    private Label nextRunLabel;
    @FXML
    private ToggleSwitch archivingSwitch;
    @FXML
    private Button archiveNowButton;
    @FXML
    private Button cancelRunButton;
    @FXML
    private MenuItem fetchItem;
    @FXML
    private HBox progressRow;
    @FXML
    private ProgressBar runProgress;
    @FXML
    private Label messageLabel;
    @FXML
    private Label loadErrorLabel;
    @FXML
    private ToggleButton bySizeButton;
    @FXML
    private ToggleButton byMessagesButton;
    @FXML
    private StackPane timelineHolder;
    @FXML
    private Label archivesSummaryLabel;
    @FXML
    private Label topicsLabel;
    @FXML
    private TableView<ArchiveRow> archiveTable;
    @FXML
    private TableColumn<ArchiveRow, Integer> numberColumn;
    @FXML
    private TableColumn<ArchiveRow, Long> fromColumn;
    @FXML
    private TableColumn<ArchiveRow, Long> toColumn;
    @FXML
    private TableColumn<ArchiveRow, Long> messagesColumn;
    @FXML
    private TableColumn<ArchiveRow, Long> sizeColumn;
    @FXML
    private TableColumn<ArchiveRow, String> idColumn;
    @FXML
    private Label seedingStateLabel;
    @FXML
    private TextField magnetField;
    @FXML
    private Label infoHashLabel;
    @FXML
    private Label peersLabel;
    @FXML
    private Label uploadRateLabel;
    @FXML
    private Label uploadedLabel;
    @FXML
    private Label ratioLabel;
    @FXML
    private Label piecesLabel;
    @FXML
    private StackPane chartHolder;
    @FXML
    private StackPane qrHolder;
    @FXML
    private StackPane publicationHolder;

    private final UiContext context;
    private final CommunityDetailViewModel model;
    private final BackgroundWork work;
    private final Theme theme;
    private final TaskLauncher tasks;
    private final ServiceBridge bridge;
    private final ArchiveTimeline timeline;
    private final RateChart chart = new RateChart();
    private final QrCodeView qrCode = new QrCodeView();
    private boolean syncingSelection;

    public CommunityDetailView(UiContext context, CommunityDetailViewModel model, BackgroundWork work, Theme theme, TaskLauncher tasks,
                               ServiceBridge bridge) {
        this.context = context;
        this.model = model;
        this.work = work;
        this.theme = theme;
        this.tasks = tasks;
        this.bridge = bridge;
        this.timeline = new ArchiveTimeline(context.zone());
        Views.load(this);
    }

    @FXML
    private void initialize() {
        org.historian.ui.control.Switches.makeFriendly(archivingSwitch);
        // Hidden when nothing is selected, showing the list's placeholder beneath.
        root.visibleProperty().bind(model.selectedProperty());
        nameLabel.textProperty().bind(model.nameProperty());
        idLabel.textProperty().bind(model.idTextProperty());
        demoBadge.visibleProperty().bind(model.demoProperty());
        demoBadge.managedProperty().bind(model.demoProperty());
        mirrorBadge.visibleProperty().bind(model.mirrorProperty());
        mirrorBadge.managedProperty().bind(model.mirrorProperty());
        archiveNowButton.textProperty().bind(model.archiveNowTextProperty());
        archivingSwitch.textProperty().bind(model.archivingTextProperty());
        archivingSwitch.accessibleTextProperty().bind(model.archivingTextProperty());
        publicationHolder.visibleProperty().bind(model.mirrorProperty().not());
        publicationHolder.managedProperty().bind(model.mirrorProperty().not());
        fetchItem.visibleProperty().bind(model.mirrorProperty().not());
        stateBadge.textProperty().bind(model.badgeProperty());
        model.badgeStyleProperty().addListener((p, before, after) -> Badges.apply(stateBadge, after));
        Badges.apply(stateBadge, model.badgeStyleProperty().get());
        nextRunLabel.textProperty().bind(model.nextRunProperty());
        archivingSwitch.selectedProperty().bindBidirectional(model.archivingProperty());
        archiveNowButton.disableProperty().bind(model.canArchiveNowProperty().not());
        Tooltip archiveNowTip = new Tooltip();
        archiveNowTip.textProperty().bind(model.archiveNowHintProperty());
        archiveNowButton.setTooltip(archiveNowTip);
        cancelRunButton.visibleProperty().bind(model.runningProperty());
        cancelRunButton.managedProperty().bind(model.runningProperty());
        runProgress.progressProperty().bind(model.progressProperty());
        runProgress.visibleProperty().bind(model.runningProperty());
        runProgress.managedProperty().bind(model.runningProperty());
        messageLabel.textProperty().bind(model.messageProperty());
        progressRow.visibleProperty().bind(model.runningProperty().or(model.messageProperty().isNotEmpty()));
        progressRow.managedProperty().bind(progressRow.visibleProperty());
        loadErrorLabel.textProperty().bind(model.loadErrorProperty());
        loadErrorLabel.managedProperty().bind(model.loadErrorProperty().isNotEmpty());

        timeline.setId("archiveTimeline");
        timeline.dataProperty().bind(model.timelineProperty());
        timeline.paletteProperty().bind(theme.paletteProperty());
        timelineHolder.getChildren().add(timeline);
        bySizeButton.selectedProperty().addListener((p, before, after) -> {
            if (after) {
                timeline.metricProperty().set(ArchiveTimeline.Metric.BYTES);
            }
        });
        byMessagesButton.selectedProperty().addListener((p, before, after) -> {
            if (after) {
                timeline.metricProperty().set(ArchiveTimeline.Metric.MESSAGES);
            }
        });
        // Clicking the selected pill again would leave neither selected; keep one.
        bySizeButton.getToggleGroup().selectedToggleProperty().addListener((p, before, after) -> {
            if (after == null) {
                before.setSelected(true);
            }
        });
        chart.paletteProperty().bind(theme.paletteProperty());
        chart.pointsProperty().bind(model.ratePointsProperty());
        chartHolder.getChildren().add(chart);
        qrCode.textProperty().bind(model.magnetProperty());
        qrCode.visibleProperty().bind(model.magnetProperty().isNotEmpty());
        qrCode.setAccessibleText("QR code of the magnet link");
        qrHolder.getChildren().add(qrCode);
        PublicationViewModel publication = new PublicationViewModel(context, work);
        publication.rowProperty().bind(model.rowProperty());
        publicationHolder.getChildren().add(new PublicationPanel(publication).root());
        setUpTable();

        archivesSummaryLabel.textProperty().bind(model.archivesSummaryProperty());
        topicsLabel.textProperty().bind(model.topicsProperty());
        seedingStateLabel.textProperty().bind(model.seedingStateProperty());
        magnetField.textProperty().bind(model.magnetProperty());
        infoHashLabel.textProperty().bind(model.infoHashProperty());
        peersLabel.textProperty().bind(model.peersProperty());
        uploadRateLabel.textProperty().bind(model.uploadRateProperty());
        uploadedLabel.textProperty().bind(model.uploadedProperty());
        ratioLabel.textProperty().bind(model.ratioProperty());
        piecesLabel.textProperty().bind(model.piecesProperty());
    }

    private void setUpTable() {
        archiveTable.setItems(new javafx.collections.transformation.SortedList<>(model.archives()));
        ((javafx.collections.transformation.SortedList<ArchiveRow>) archiveTable.getItems()).comparatorProperty()
                .bind(archiveTable.comparatorProperty());
        numberColumn.setCellValueFactory(cell -> new ReadOnlyObjectWrapper<>(model.positionOf(cell.getValue()) + 1));
        fromColumn.setCellValueFactory(cell -> new ReadOnlyObjectWrapper<>(cell.getValue().from()));
        toColumn.setCellValueFactory(cell -> new ReadOnlyObjectWrapper<>(cell.getValue().to()));
        messagesColumn.setCellValueFactory(cell -> new ReadOnlyObjectWrapper<>(cell.getValue().messageCount()));
        sizeColumn.setCellValueFactory(cell -> new ReadOnlyObjectWrapper<>(cell.getValue().size()));
        idColumn.setCellValueFactory(cell -> new ReadOnlyObjectWrapper<>(cell.getValue().archiveId()));
        fromColumn.setCellFactory(column -> formatted(seconds -> Format.dateTime(seconds, context.zone())));
        toColumn.setCellFactory(column -> formatted(seconds -> Format.dateTime(seconds, context.zone())));
        messagesColumn.setCellFactory(column -> formatted(Format::count));
        sizeColumn.setCellFactory(column -> formatted(Format::bytes));
        idColumn.setCellFactory(column -> formatted(id -> id.substring(0, Math.min(14, id.length())) + "…"));
        fromColumn.setSortType(TableColumn.SortType.DESCENDING);
        archiveTable.getSortOrder().add(fromColumn);
        numberColumn.setComparator(Comparator.naturalOrder());
        // Table and timeline select the same archive.
        archiveTable.getSelectionModel().selectedItemProperty().addListener((p, before, after) -> {
            if (!syncingSelection && after != null) {
                syncingSelection = true;
                timeline.selectedArchiveProperty().set(model.positionOf(after));
                syncingSelection = false;
            }
        });
        timeline.selectedArchiveProperty().addListener((p, before, after) -> {
            int index = after.intValue();
            if (!syncingSelection && index >= 0 && index < model.archives().size()) {
                syncingSelection = true;
                ArchiveRow entry = model.archives().get(index);
                archiveTable.getSelectionModel().select(entry);
                archiveTable.scrollTo(entry);
                syncingSelection = false;
            }
        });
    }

    private static <T> javafx.scene.control.TableCell<ArchiveRow, T> formatted(Function<T, String> format) {
        return new javafx.scene.control.TableCell<>() {
            @Override
            protected void updateItem(T item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty || item == null ? null : format.apply(item));
            }
        };
    }

    public Node root() {
        return root;
    }

    public ArchiveTimeline timeline() {
        return timeline;
    }

    public TableView<ArchiveRow> archiveTable() {
        return archiveTable;
    }

    @FXML
    public void archiveNow() {
        model.archiveNow();
    }

    @FXML
    private void cancelRun() {
        model.cancelRun();
    }

    @FXML
    private void copyId() {
        copy(model.idTextProperty().get());
    }

    /** Copies the magnet link to the clipboard; false when there is none yet. */
    @FXML
    public boolean copyMagnet() {
        String link = model.magnetProperty().get();
        if (link == null || link.isEmpty()) {
            return false;
        }
        copy(link);
        return true;
    }

    private static void copy(String text) {
        ClipboardContent content = new ClipboardContent();
        content.putString(text);
        Clipboard.getSystemClipboard().setContent(content);
    }

    @FXML
    private void zoomIn() {
        timeline.zoom(1.5);
    }

    @FXML
    private void zoomOut() {
        timeline.zoom(1 / 1.5);
    }

    @FXML
    private void fitAll() {
        timeline.fitAll();
    }

    private Community community() {
        return model.rowProperty().get() == null ? null : model.rowProperty().get().status().community();
    }

    @FXML
    private void fetch() {
        Community community = community();
        if (community == null) {
            return;
        }
        TaskDialog dialog = new TaskDialog(root.getScene().getWindow(), "Fetch history", "Fetch " + community.name()
                + "'s archives from the network", theme);
        new FetchDialog(tasks, community, context.zone(), context.fetcher(), context.settings()::fetchStallTimeout,
                () -> work.run(() -> context.service().reload(community.id()), bridge::refresh, error -> { })).open(dialog);
    }

    @FXML
    private void export() {
        Community community = community();
        if (community == null) {
            return;
        }
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Export messages of " + community.name());
        chooser.setInitialFileName(community.id().shortForm().replace("…", "-") + ".ndjson");
        File file = chooser.showSaveDialog(root.getScene().getWindow());
        if (file != null) {
            tasks.exportMessages(community, file.toPath());
        }
    }

    /** For a folder whose index was lost or restored from an older backup: rebuilt only if every archive checks out. */
    @FXML
    private void repairIndex() {
        Community community = community();
        if (community == null) {
            return;
        }
        Alert confirm = new Alert(Alert.AlertType.CONFIRMATION, null, ButtonType.OK, ButtonType.CANCEL);
        confirm.setHeaderText("Rebuild the index of " + community.name() + " from its data?");
        confirm.setContentText("Every archive the ledger lists is read back and checked (range, message count, archive ID) "
                + "before anything is written; if one does not match, nothing changes. The current index is kept beside the folder.");
        confirm.initOwner(root.getScene().getWindow());
        theme.style(confirm.getDialogPane().getScene());
        confirm.showAndWait().filter(ButtonType.OK::equals).ifPresent(ok -> work.run(() -> context.service().repairIndex(
                community.id()), result -> {
                    model.messageProperty().set("Index rebuilt: " + result.archives() + " archives, " + result.messages()
                            + " messages, each checked against the ledger.");
                    bridge.refresh();
                }, error -> model.messageProperty().set("The index was not rebuilt: " + BackgroundWork.messageOf(error))));
    }

    @FXML
    private void remove() {
        Community community = community();
        if (community == null) {
            return;
        }
        CheckBox everything = new CheckBox("Also delete its messages, archives and torrent");
        Alert confirm = new Alert(Alert.AlertType.CONFIRMATION, null, ButtonType.OK, ButtonType.CANCEL);
        confirm.setHeaderText("Remove " + community.name() + " from this node?");
        confirm.getDialogPane().setContent(new VBox(8, new Label("Its archives stop being seeded. Without the option below, "
                + "its files stay in the data directory."), everything));
        confirm.initOwner(root.getScene().getWindow());
        theme.style(confirm.getDialogPane().getScene());
        confirm.showAndWait().filter(ButtonType.OK::equals).ifPresent(ok -> {
            boolean all = everything.isSelected();
            work.run(() -> context.service().removeCommunity(community.id(), all), removal -> bridge.refresh(),
                    error -> model.messageProperty().set("Could not remove: " + BackgroundWork.messageOf(error)));
        });
    }
}
