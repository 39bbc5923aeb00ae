package org.historian.ui;

import java.util.List;
import java.util.function.Supplier;
import javafx.concurrent.Task;
import javafx.geometry.Insets;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.layout.BorderPane;
import javafx.stage.Stage;
import org.historian.service.CommunitySummary;

/** The first window: the controlled communities and their archives, loaded off the FX thread. */
public final class OverviewWindow {
    private final Supplier<List<CommunitySummary>> summaries;
    private final String dataDirectory;

    public OverviewWindow(Supplier<List<CommunitySummary>> summaries, String dataDirectory) {
        this.summaries = summaries;
        this.dataDirectory = dataDirectory;
    }

    public void show(Stage stage) {
        ListView<CommunitySummary> list = new ListView<>();
        list.setAccessibleText("Controlled communities");
        list.setPlaceholder(new Label("No communities yet. Add one with: historian community add --id 0x… --name NAME --topic 0x…"));
        list.setCellFactory(view -> new ListCell<>() {
            @Override
            protected void updateItem(CommunitySummary item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty || item == null ? null : item.community().name() + "   " + item.community().id().shortForm()
                        + "   " + item.archiveCount() + " archives, " + item.messagesArchived() + " messages");
            }
        });
        Label status = new Label("Loading…");
        Task<List<CommunitySummary>> load = new Task<>() {
            @Override
            protected List<CommunitySummary> call() {
                return summaries.get();
            }
        };
        load.setOnSucceeded(e -> {
            list.getItems().setAll(load.getValue());
            status.setText(load.getValue().size() + " communities  ·  data in " + dataDirectory);
        });
        load.setOnFailed(e -> status.setText("Could not load communities: " + load.getException().getMessage()));
        Thread loader = new Thread(load, "overview-loader");
        loader.setDaemon(true);
        loader.start();

        BorderPane root = new BorderPane(list);
        Label title = new Label("Communities");
        title.setStyle("-fx-font-size: 18px; -fx-font-weight: bold;");
        BorderPane.setMargin(title, new Insets(12));
        BorderPane.setMargin(status, new Insets(8, 12, 8, 12));
        root.setTop(title);
        root.setBottom(status);
        stage.setTitle("Historian");
        stage.setScene(new Scene(root, 900, 560));
        stage.show();
    }
}
