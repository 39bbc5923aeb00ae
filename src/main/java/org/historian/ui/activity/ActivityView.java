package org.historian.ui.activity;

import atlantafx.base.controls.CustomTextField;
import java.time.ZoneId;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.fxml.FXML;
import javafx.scene.Node;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.VBox;
import org.historian.model.EventType;
import org.historian.service.Format;
import org.historian.ui.Views;

/** The event log with filters by kind, community and text; newest first. */
public final class ActivityView {
    @FXML
    private VBox root;
    @FXML
    private Label summaryLabel;
    @FXML
    private ComboBox<EventKinds.Category> categoryBox;
    @FXML
    private ComboBox<String> communityBox;
    @FXML
    private CustomTextField searchField;
    @FXML
    private TableView<ActivityViewModel.EventRow> table;
    @FXML
    private TableColumn<ActivityViewModel.EventRow, ActivityViewModel.EventRow> timeColumn;
    @FXML
    private TableColumn<ActivityViewModel.EventRow, ActivityViewModel.EventRow> eventColumn;
    @FXML
    private TableColumn<ActivityViewModel.EventRow, ActivityViewModel.EventRow> communityColumn;
    @FXML
    private TableColumn<ActivityViewModel.EventRow, ActivityViewModel.EventRow> rangeColumn;
    @FXML
    private TableColumn<ActivityViewModel.EventRow, ActivityViewModel.EventRow> detailColumn;

    private final ActivityViewModel model;
    private final ZoneId zone;

    public ActivityView(ActivityViewModel model, ZoneId zone) {
        this.model = model;
        this.zone = zone;
        Views.load(this);
    }

    @FXML
    private void initialize() {
        summaryLabel.textProperty().bind(model.summaryProperty());
        categoryBox.getItems().setAll(EventKinds.Category.values());
        categoryBox.valueProperty().bindBidirectional(model.categoryProperty());
        communityBox.setItems(model.communityChoices());
        communityBox.valueProperty().bindBidirectional(model.communityProperty());
        searchField.textProperty().bindBidirectional(model.searchProperty());
        table.setItems(model.visibleRows());
        column(timeColumn, row -> Format.dateTimeSeconds(row.event().at(), zone));
        column(eventColumn, row -> EventKinds.title(row.event().type()));
        column(communityColumn, ActivityViewModel.EventRow::community);
        column(rangeColumn, row -> ActivityViewModel.range(row.event(), zone));
        column(detailColumn, row -> row.event().detail());
        table.setRowFactory(view -> new TableRow<>() {
            @Override
            protected void updateItem(ActivityViewModel.EventRow item, boolean empty) {
                super.updateItem(item, empty);
                getStyleClass().remove("event-error");
                if (!empty && item != null && item.event().type() == EventType.ERROR) {
                    getStyleClass().add("event-error");
                }
                setTooltip(empty || item == null ? null : new Tooltip(item.event().type().signal()
                        + (item.event().detail().isEmpty() ? "" : "\n" + item.event().detail())));
            }
        });
    }

    private static void column(TableColumn<ActivityViewModel.EventRow, ActivityViewModel.EventRow> column,
                               Function<ActivityViewModel.EventRow, String> text) {
        column.setCellValueFactory(cell -> new ReadOnlyObjectWrapper<>(cell.getValue()));
        column.setCellFactory(c -> new TableCell<>() {
            @Override
            protected void updateItem(ActivityViewModel.EventRow item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty || item == null ? null : text.apply(item));
            }
        });
    }

    public Node root() {
        return root;
    }

    public void focusSearch() {
        searchField.requestFocus();
    }

    public TableView<ActivityViewModel.EventRow> table() {
        return table;
    }
}
