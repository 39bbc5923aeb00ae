package org.historian.ui.control;

import java.time.ZoneId;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.geometry.Orientation;
import javafx.scene.AccessibleRole;
import javafx.scene.canvas.Canvas;
import javafx.scene.control.ScrollBar;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.MouseEvent;
import javafx.scene.input.ScrollEvent;
import javafx.scene.layout.Region;
import javafx.util.Duration;
import org.historian.service.Format;
import org.historian.ui.Theme;

/**
 * The archive timeline: every week from the first message to the next scheduled run, each
 * archive a bar as wide as its range and as tall as its bytes (or messages), weeks without
 * messages as visible gaps, the partitions not yet archived as outlined bars (the current one
 * growing), now and the next run marked. Scrolls and zooms over years; draws only what is
 * visible, so 50,000 archives cost what the few dozen on screen cost. Keyboard: left/right
 * select archives, +/- zoom, Home/End jump.
 */
public final class ArchiveTimeline extends Region {
    public enum Metric { BYTES, MESSAGES }

    static final double AXIS_HEIGHT = 22;
    static final double TOP_MARGIN = 32;
    static final double MIN_BAR = 3;

    private final Canvas canvas = new Canvas();
    private final ScrollBar scrollBar = new ScrollBar();
    private final Tooltip tooltip = new Tooltip();
    private final ObjectProperty<TimelineData> data = new SimpleObjectProperty<>(TimelineData.EMPTY);
    private final DoubleProperty pixelsPerDay = new SimpleDoubleProperty(8);
    private final ObjectProperty<Metric> metric = new SimpleObjectProperty<>(Metric.BYTES);
    private final IntegerProperty selectedArchive = new SimpleIntegerProperty(-1);
    private final ObjectProperty<Theme.Palette> palette = new SimpleObjectProperty<>(Theme.Palette.LIGHT);
    private final ZoneId zone;
    private boolean followEnd = true;

    public ArchiveTimeline(ZoneId zone) {
        this.zone = zone;
        getStyleClass().add("archive-timeline");
        setAccessibleRole(AccessibleRole.NODE);
        setFocusTraversable(true);
        setMinHeight(120);
        setPrefHeight(170);
        scrollBar.setOrientation(Orientation.HORIZONTAL);
        scrollBar.setFocusTraversable(false);
        getChildren().addAll(canvas, scrollBar);
        tooltip.setShowDelay(Duration.millis(150));
        tooltip.setWrapText(true);
        Tooltip.install(canvas, tooltip);

        data.addListener((p, before, after) -> {
            if (selectedArchive.get() >= after.archives().size()) {
                selectedArchive.set(after.archives().size() - 1);
            }
            updateScrollRange();
            redraw();
        });
        pixelsPerDay.addListener((p, before, after) -> {
            updateScrollRange();
            redraw();
        });
        metric.addListener(p -> redraw());
        palette.addListener(p -> redraw());
        selectedArchive.addListener(p -> {
            revealSelected();
            redraw();
            updateAccessibleText();
        });
        scrollBar.valueProperty().addListener((p, before, after) -> {
            followEnd = after.doubleValue() >= scrollBar.getMax() - 1;
            redraw();
        });
        canvas.addEventHandler(MouseEvent.MOUSE_MOVED, this::hover);
        canvas.addEventHandler(MouseEvent.MOUSE_PRESSED, event -> {
            requestFocus();
            int index = data.get().archiveAt(scale().time(event.getX()));
            if (index >= 0) {
                selectedArchive.set(index);
            }
        });
        addEventHandler(ScrollEvent.SCROLL, this::scroll);
        addEventHandler(KeyEvent.KEY_PRESSED, this::key);
        focusedProperty().addListener(p -> redraw());
        updateAccessibleText();
    }

    public ObjectProperty<TimelineData> dataProperty() {
        return data;
    }

    public DoubleProperty pixelsPerDayProperty() {
        return pixelsPerDay;
    }

    public ObjectProperty<Metric> metricProperty() {
        return metric;
    }

    /** Index into {@code data.archives()}, or -1. */
    public IntegerProperty selectedArchiveProperty() {
        return selectedArchive;
    }

    public ObjectProperty<Theme.Palette> paletteProperty() {
        return palette;
    }

    /** Zooms by {@code factor} around the centre of the view. */
    public void zoom(double factor) {
        zoomAround(factor, canvas.getWidth() / 2);
    }

    private void zoomAround(double factor, double x) {
        long anchor = scale().time(x);
        double next = Math.max(TimelineScale.MIN_PIXELS_PER_DAY, Math.min(TimelineScale.MAX_PIXELS_PER_DAY,
                pixelsPerDay.get() * factor));
        pixelsPerDay.set(next);
        // Keep the time under the pointer where it was.
        double anchorOffset = (anchor - contentStart()) / (86_400 / next);
        scrollBar.setValue(clamp(anchorOffset - x));
    }

    /** Shows the whole history in the visible width. */
    public void fitAll() {
        double width = Math.max(100, canvas.getWidth());
        double days = Math.max(1, (contentEnd() - contentStart()) / 86_400.0);
        pixelsPerDay.set(width / days);
        scrollBar.setValue(0);
    }

    /** The time at x = 0 of the content: the data's start less a little room. */
    long contentStart() {
        return data.get().start() - 86_400;
    }

    long contentEnd() {
        return data.get().end() + 3 * 86_400L;
    }

    TimelineScale scale() {
        double secondsPerPixel = 86_400 / pixelsPerDay.get();
        return new TimelineScale(contentStart() + Math.round(scrollBar.getValue() * secondsPerPixel), pixelsPerDay.get(), zone);
    }

    private void updateScrollRange() {
        double contentWidth = (contentEnd() - contentStart()) / (86_400 / pixelsPerDay.get());
        double max = Math.max(0, contentWidth - canvas.getWidth());
        boolean atEnd = followEnd;
        scrollBar.setMax(max);
        scrollBar.setVisibleAmount(canvas.getWidth() <= 0 ? 1 : Math.max(1, max * canvas.getWidth() / Math.max(1, contentWidth)));
        scrollBar.setUnitIncrement(pixelsPerDay.get() * 7);
        scrollBar.setBlockIncrement(Math.max(1, canvas.getWidth() * 0.8));
        if (atEnd) {
            scrollBar.setValue(max);
        } else if (scrollBar.getValue() > max) {
            scrollBar.setValue(max);
        }
    }

    private double clamp(double value) {
        return Math.max(0, Math.min(scrollBar.getMax(), value));
    }

    private void revealSelected() {
        int index = selectedArchive.get();
        if (index < 0 || index >= data.get().archives().size()) {
            return;
        }
        TimelineData.Block block = data.get().archives().get(index);
        TimelineScale scale = scale();
        double left = scale.x(block.from());
        double right = scale.x(block.to());
        if (left < 0) {
            scrollBar.setValue(clamp(scrollBar.getValue() + left - 20));
        } else if (right > canvas.getWidth()) {
            scrollBar.setValue(clamp(scrollBar.getValue() + right - canvas.getWidth() + 20));
        }
    }

    @Override
    protected void layoutChildren() {
        double width = getWidth() - snappedLeftInset() - snappedRightInset();
        double height = getHeight() - snappedTopInset() - snappedBottomInset();
        double barHeight = scrollBar.prefHeight(width);
        canvas.setWidth(Math.max(0, width));
        canvas.setHeight(Math.max(0, height - barHeight));
        canvas.relocate(snappedLeftInset(), snappedTopInset());
        scrollBar.resizeRelocate(snappedLeftInset(), snappedTopInset() + height - barHeight, width, barHeight);
        updateScrollRange();
        redraw();
    }

    private void scroll(ScrollEvent event) {
        if (event.isControlDown()) {
            zoomAround(event.getDeltaY() > 0 ? 1.25 : 0.8, event.getX());
        } else {
            double delta = Math.abs(event.getDeltaX()) > Math.abs(event.getDeltaY()) ? event.getDeltaX() : event.getDeltaY();
            scrollBar.setValue(clamp(scrollBar.getValue() - delta));
        }
        event.consume();
    }

    private void key(KeyEvent event) {
        int count = data.get().archives().size();
        switch (event.getCode()) {
            case LEFT -> selectedArchive.set(count == 0 ? -1 : Math.max(0, selectedArchive.get() < 0 ? count - 1 : selectedArchive.get() - 1));
            case RIGHT -> selectedArchive.set(count == 0 ? -1 : Math.min(count - 1, selectedArchive.get() + 1));
            case PLUS, ADD, EQUALS -> zoom(1.5);
            case MINUS, SUBTRACT -> zoom(1 / 1.5);
            case HOME -> scrollBar.setValue(0);
            case END -> scrollBar.setValue(scrollBar.getMax());
            default -> {
                return;
            }
        }
        event.consume();
    }

    private void hover(MouseEvent event) {
        TimelineData current = data.get();
        long time = scale().time(event.getX());
        int index = current.archiveAt(time);
        if (index >= 0) {
            tooltip.setText(describe(current.archives().get(index), index));
            return;
        }
        TimelineData.Block pending = current.pendingAt(time);
        if (pending != null) {
            tooltip.setText("Not archived yet\n" + Format.range(pending.from(), Math.min(pending.to(), current.now()), zone)
                    + "\n" + Format.count(pending.messages()) + " messages");
            return;
        }
        tooltip.setText(time > current.now() ? "The future" : "No messages: " + Format.date(time, zone));
    }

    private String describe(TimelineData.Block block, int index) {
        return "Archive " + (index + 1) + " of " + data.get().archives().size() + "\n"
                + Format.range(block.from(), block.to(), zone) + "\n"
                + Format.count(block.messages()) + " messages, " + Format.bytes(block.bytes()) + "\n" + block.archiveId();
    }

    private void updateAccessibleText() {
        TimelineData current = data.get();
        StringBuilder text = new StringBuilder("Archive timeline: ").append(current.archives().size()).append(" archives");
        int index = selectedArchive.get();
        if (index >= 0 && index < current.archives().size()) {
            text.append("; selected: ").append(describe(current.archives().get(index), index).replace('\n', ' '));
        }
        setAccessibleText(text.toString());
    }

    void redraw() {
        TimelinePainter.paint(canvas.getGraphicsContext2D(), canvas.getWidth(), canvas.getHeight(), data.get(), scale(),
                metric.get(), selectedArchive.get(), palette.get(), isFocused());
    }
}
