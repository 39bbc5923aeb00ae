package org.historian.ui.tasks;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.TextArea;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.Modality;
import javafx.stage.Stage;
import javafx.stage.Window;
import javafx.util.Duration;
import org.historian.ui.Theme;

/**
 * A window for long work: what is happening, a progress bar, and Cancel; at the end, the
 * outcome and Close. Workers report from any thread through {@link #report}; the window reads
 * the latest report ten times a second, so a fast worker never floods the FX thread.
 */
public final class TaskDialog {
    /** One progress report; fraction below 0 means "unknown". */
    public record Progress(double fraction, String detail) {
    }

    private final Stage stage = new Stage();
    private final Label message = new Label();
    private final ProgressBar bar = new ProgressBar(-1);
    private final Label detail = new Label();
    private final TextArea outcome = new TextArea();
    private final Button button = new Button("Cancel");
    private final VBox extra = new VBox(6);
    private final AtomicReference<Progress> latest = new AtomicReference<>();
    private final AtomicBoolean cancelled = new AtomicBoolean();
    private final Timeline poll;
    private Runnable onCancel = () -> {
    };
    private boolean finished;

    public TaskDialog(Window owner, String title, String initialMessage, Theme theme) {
        stage.initOwner(owner);
        stage.initModality(Modality.WINDOW_MODAL);
        stage.setTitle(title);
        message.setText(initialMessage);
        message.setWrapText(true);
        message.getStyleClass().add("section-title");
        bar.setMaxWidth(Double.MAX_VALUE);
        bar.setAccessibleText(title + " progress");
        detail.getStyleClass().add("muted");
        detail.setWrapText(true);
        outcome.setEditable(false);
        outcome.setWrapText(true);
        outcome.setPrefRowCount(8);
        outcome.setVisible(false);
        outcome.setManaged(false);
        VBox.setVgrow(outcome, Priority.ALWAYS);
        button.setCancelButton(true);
        button.setDefaultButton(false);
        button.setOnAction(event -> {
            if (finished) {
                stage.close();
            } else {
                cancel();
            }
        });
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox buttons = new HBox(8, spacer, button);
        buttons.setAlignment(Pos.CENTER_RIGHT);
        VBox root = new VBox(10, message, bar, detail, extra, outcome, buttons);
        root.setPadding(new Insets(16));
        root.setPrefWidth(520);
        Scene scene = new Scene(root);
        theme.style(scene);
        scene.setOnKeyPressed(event -> {
            if (event.getCode() == KeyCode.ESCAPE) {
                button.fire();
            }
        });
        stage.setScene(scene);
        stage.setOnCloseRequest(event -> {
            if (!finished) {
                event.consume();
                cancel();
            }
        });
        poll = new Timeline(new KeyFrame(Duration.millis(100), event -> showLatest()));
        poll.setCycleCount(Timeline.INDEFINITE);
    }

    /** What runs when the operator cancels (besides {@link #isCancelled()} turning true); on the FX thread. */
    public void onCancel(Runnable action) {
        this.onCancel = action;
    }

    /** Room for a view of the work's parts (a fetch's archives, say). */
    public VBox extra() {
        return extra;
    }

    public void addExtra(Node node) {
        extra.getChildren().add(node);
    }

    public Stage stage() {
        return stage;
    }

    public void show() {
        poll.play();
        stage.show();
    }

    /** Thread-safe; only the latest report is shown. */
    public void report(double fraction, String text) {
        latest.set(new Progress(fraction, text));
    }

    /** Thread-safe: for the worker's cancellation checks. */
    public boolean isCancelled() {
        return cancelled.get();
    }

    private void cancel() {
        if (cancelled.compareAndSet(false, true)) {
            message.setText("Cancelling…");
            button.setDisable(true);
            onCancel.run();
        }
    }

    private void showLatest() {
        Progress progress = latest.getAndSet(null);
        if (progress != null) {
            bar.setProgress(progress.fraction() < 0 ? ProgressBar.INDETERMINATE_PROGRESS : Math.min(1, progress.fraction()));
            detail.setText(progress.detail());
        }
    }

    /** Ends the work: shows the outcome (and its details, if any) and turns Cancel into Close. On the FX thread. */
    public void finish(String summary, Outcome kind, String details) {
        showLatest();
        poll.stop();
        finished = true;
        message.setText(summary);
        message.getStyleClass().removeAll("result-ok", "result-warning", "result-error");
        message.getStyleClass().add(switch (kind) {
            case OK -> "result-ok";
            case WARNING -> "result-warning";
            case ERROR -> "result-error";
        });
        if (kind == Outcome.OK) {
            bar.setProgress(1);
        } else if (bar.getProgress() < 0) {
            bar.setProgress(0);
        }
        if (details != null && !details.isBlank()) {
            outcome.setText(details);
            outcome.setVisible(true);
            outcome.setManaged(true);
        }
        button.setText("Close");
        button.setDisable(false);
        button.setDefaultButton(true);
        button.requestFocus();
        stage.sizeToScene();
    }

    public enum Outcome { OK, WARNING, ERROR }
}
