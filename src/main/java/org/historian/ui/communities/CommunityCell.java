package org.historian.ui.communities;

import java.time.Instant;
import javafx.beans.InvalidationListener;
import javafx.beans.WeakInvalidationListener;
import javafx.beans.value.ObservableValue;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ProgressBar;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.historian.service.CommunityStatus;
import org.historian.service.Format;

/**
 * A community in the list: name and state badge, then short ID, next run countdown, archives,
 * size and peers. Built once per cell; redrawn when its row's revision or the clock ticks.
 */
final class CommunityCell extends ListCell<CommunityRow> {
    private final Label name = new Label();
    private final Label demo = new Label("demo");
    private final Label mirror = new Label("mirror");
    private final Label badge = new Label();
    private final Label figures = new Label();
    private final ProgressBar progress = new ProgressBar();
    private final VBox box;
    private final ObservableValue<Instant> now;
    private final InvalidationListener redraw = observable -> render();
    private final InvalidationListener tick = observable -> renderFigures();
    private CommunityRow shown;

    CommunityCell(ObservableValue<Instant> now) {
        this.now = now;
        getStyleClass().add("community-cell");
        name.getStyleClass().add("community-name");
        demo.getStyleClass().addAll("badge", "demo");
        mirror.getStyleClass().addAll("badge", "mirror");
        badge.getStyleClass().add("badge");
        figures.getStyleClass().add("figure");
        progress.setPrefHeight(4);
        progress.setMaxWidth(Double.MAX_VALUE);
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox top = new HBox(8, name, demo, mirror, spacer, badge);
        top.setAlignment(Pos.CENTER_LEFT);
        box = new VBox(3, top, figures, progress);
        name.setMinWidth(0);
        figures.setMinWidth(0);
        badge.setMinWidth(Region.USE_PREF_SIZE);
        demo.setMinWidth(Region.USE_PREF_SIZE);
        mirror.setMinWidth(Region.USE_PREF_SIZE);
        // Cells as wide as the list, never wider: long texts end in "…" instead of a scroll bar.
        setPrefWidth(0);
        now.addListener(new WeakInvalidationListener(tick));
    }

    @Override
    protected void updateItem(CommunityRow row, boolean empty) {
        super.updateItem(row, empty);
        if (shown != null) {
            shown.revisionProperty().removeListener(redraw);
        }
        shown = empty ? null : row;
        if (shown == null) {
            setGraphic(null);
            setText(null);
            setAccessibleText(null);
            return;
        }
        shown.revisionProperty().addListener(redraw);
        setText(null);
        setGraphic(box);
        render();
    }

    private void render() {
        if (shown == null) {
            return;
        }
        CommunityStatus status = shown.status();
        name.setText(status.community().name());
        demo.setVisible(status.community().demo());
        demo.setManaged(status.community().demo());
        mirror.setVisible(status.isMirror());
        mirror.setManaged(status.isMirror());
        badge.setText(Badges.label(status));
        Badges.apply(badge, Badges.styleClass(status));
        boolean fetching = status.isMirror() && status.mirror().state() == org.historian.service.MirrorStatus.State.FETCHING;
        boolean archiving = status.activity() == CommunityStatus.Activity.ARCHIVING || fetching;
        progress.setVisible(archiving);
        progress.setManaged(archiving);
        progress.setProgress(fetching ? status.mirror().progress() : status.progress());
        renderFigures();
    }

    private void renderFigures() {
        if (shown == null) {
            return;
        }
        CommunityStatus status = shown.status();
        String next = status.isMirror() ? "mirror of the owner's archives"
                : status.nextRun() == null ? "no run scheduled" : "next run " + Format.countdown(status.nextRun(), now.getValue());
        String text = status.community().id().shortForm() + "  ·  " + next + "  ·  " + Format.count(status.archiveCount())
                + (status.archiveCount() == 1 ? " archive" : " archives") + "  ·  " + Format.bytes(status.archiveBytes())
                + "  ·  " + shown.peers() + (shown.peers() == 1 ? " peer" : " peers");
        figures.setText(text);
        setAccessibleText(status.community().name() + ", " + Badges.label(status) + ", " + text);
    }
}
