package org.historian.ui.control;

import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.layout.Region;
import javafx.scene.text.Font;
import javafx.scene.text.TextAlignment;
import org.historian.service.Format;
import org.historian.ui.Theme;

/** Upload rate over the last hour as a filled line, with its peak labelled. Drawn on a canvas. */
public final class RateChart extends Region {
    private final Canvas canvas = new Canvas();
    private final ObjectProperty<double[]> points = new SimpleObjectProperty<>(new double[0]);
    private final ObjectProperty<Theme.Palette> palette = new SimpleObjectProperty<>(Theme.Palette.LIGHT);

    public RateChart() {
        getStyleClass().add("rate-chart");
        getChildren().add(canvas);
        setMinHeight(60);
        setPrefHeight(90);
        setPrefWidth(320);
        points.addListener(p -> redraw());
        palette.addListener(p -> redraw());
    }

    /** Bytes per second, oldest first, evenly spaced over the hour. */
    public ObjectProperty<double[]> pointsProperty() {
        return points;
    }

    public ObjectProperty<Theme.Palette> paletteProperty() {
        return palette;
    }

    @Override
    protected void layoutChildren() {
        canvas.setWidth(getWidth());
        canvas.setHeight(getHeight());
        redraw();
    }

    private void redraw() {
        double width = canvas.getWidth();
        double height = canvas.getHeight();
        GraphicsContext g = canvas.getGraphicsContext2D();
        Theme.Palette colors = palette.get();
        g.clearRect(0, 0, width, height);
        g.setFill(colors.surface());
        g.fillRect(0, 0, width, height);
        g.setStroke(colors.border());
        g.strokeRect(0.5, 0.5, width - 1, height - 1);
        double[] values = points.get();
        g.setFont(Font.font(10));
        g.setFill(colors.mutedText());
        g.fillText("−60 min", 4, height - 4);
        g.setTextAlign(TextAlignment.RIGHT);
        g.fillText("now", width - 4, height - 4);
        g.setTextAlign(TextAlignment.LEFT);
        if (values.length < 2 || width < 10) {
            return;
        }
        double peak = 0;
        for (double value : values) {
            peak = Math.max(peak, value);
        }
        double top = 14;
        double bottom = height - 14;
        double scale = peak <= 0 ? 0 : (bottom - top) / peak;
        double step = (width - 2) / (values.length - 1);
        g.beginPath();
        g.moveTo(1, bottom);
        for (int i = 0; i < values.length; i++) {
            g.lineTo(1 + i * step, bottom - values[i] * scale);
        }
        g.lineTo(1 + (values.length - 1) * step, bottom);
        g.closePath();
        g.setFill(colors.accentMuted());
        g.fill();
        g.beginPath();
        for (int i = 0; i < values.length; i++) {
            double x = 1 + i * step;
            double y = bottom - values[i] * scale;
            if (i == 0) {
                g.moveTo(x, y);
            } else {
                g.lineTo(x, y);
            }
        }
        g.setStroke(colors.accent());
        g.setLineWidth(1.5);
        g.stroke();
        g.setLineWidth(1);
        g.setFill(colors.text());
        g.fillText("peak " + Format.rate(Math.round(peak)), 4, 11);
    }
}
