package org.historian.ui.control;

import java.time.Instant;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.paint.Color;
import javafx.scene.text.Font;
import javafx.scene.text.TextAlignment;
import org.historian.service.Format;
import org.historian.ui.Theme;

/** Paints the archive timeline onto its canvas: axis, gaps, archives, pending partitions, markers. */
final class TimelinePainter {
    private TimelinePainter() {
    }

    /** Draws the visible part only: archives are found by binary search from the left edge. */
    static void paint(GraphicsContext g, double width, double height, TimelineData current, TimelineScale scale,
                      ArchiveTimeline.Metric metric, int selected, Theme.Palette colors, boolean focused) {
        g.setFill(colors.background());
        g.fillRect(0, 0, width, height);
        if (width <= 0 || height <= 0) {
            return;
        }
        long left = scale.time(0);
        long right = scale.time(width);
        double baseline = height - ArchiveTimeline.AXIS_HEIGHT;
        double barSpace = baseline - ArchiveTimeline.TOP_MARGIN - 4;
        g.setFont(Font.font(11));

        drawTicks(g, scale, left, right, width, baseline, height, colors);
        if (current.isEmpty()) {
            g.setFill(colors.mutedText());
            g.setTextAlign(TextAlignment.CENTER);
            g.fillText("No messages stored yet: archives appear here week by week.", width / 2, baseline / 2);
            g.setTextAlign(TextAlignment.LEFT);
        }
        drawGaps(g, scale, current, left, right, baseline, colors);
        drawArchives(g, scale, current, metric, selected, left, right, baseline, barSpace, colors);
        drawPending(g, scale, current, width, baseline, barSpace, colors);
        drawMarkers(g, scale, current, width, baseline, colors);
        if (focused) {
            g.setStroke(colors.accent());
            g.setLineWidth(2);
            g.strokeRect(1, 1, width - 2, height - 2);
        }
    }

    private static void drawTicks(GraphicsContext g, TimelineScale scale, long left, long right, double width, double baseline,
                                  double height, Theme.Palette colors) {
        g.setStroke(colors.border());
        g.setLineWidth(1);
        g.strokeLine(0, baseline + 0.5, width, baseline + 0.5);
        for (TimelineScale.Tick tick : scale.ticks(left - 400L * 86_400, right)) {
            double x = Math.round(scale.x(tick.time())) + 0.5;
            g.setStroke(tick.major() ? colors.mutedText() : colors.border());
            g.strokeLine(x, ArchiveTimeline.TOP_MARGIN, x, baseline + 4);
            g.setFill(tick.major() ? colors.text() : colors.mutedText());
            g.fillText(tick.label(), x + 3, height - 7);
        }
    }

    private static void drawGaps(GraphicsContext g, TimelineScale scale, TimelineData current, long left, long right, double baseline,
                                 Theme.Palette colors) {
        int first = Math.max(0, current.firstArchiveEndingAfter(left) - 1);
        g.setLineDashes(3, 3);
        g.setStroke(colors.mutedText());
        for (int i = first; i + 1 < current.archives().size(); i++) {
            TimelineData.Block before = current.archives().get(i);
            TimelineData.Block after = current.archives().get(i + 1);
            if (before.to() > right) {
                break;
            }
            if (after.from() > before.to()) {
                double x1 = scale.x(before.to());
                double x2 = scale.x(after.from());
                g.strokeLine(x1, baseline - 2.5, x2, baseline - 2.5);
                if (x2 - x1 > 70) {
                    g.setFill(colors.mutedText());
                    g.setTextAlign(TextAlignment.CENTER);
                    g.fillText("no messages", (x1 + x2) / 2, baseline - 8);
                    g.setTextAlign(TextAlignment.LEFT);
                }
            }
        }
        g.setLineDashes();
    }

    private static double barHeight(long value, long max, double barSpace) {
        if (max <= 0 || value <= 0) {
            return ArchiveTimeline.MIN_BAR;
        }
        return ArchiveTimeline.MIN_BAR + (barSpace - ArchiveTimeline.MIN_BAR) * Math.sqrt((double) value / max);
    }

    private static void drawArchives(GraphicsContext g, TimelineScale scale, TimelineData current, ArchiveTimeline.Metric metric,
                                     int selected, long left, long right, double baseline, double barSpace, Theme.Palette colors) {
        boolean bytes = metric == ArchiveTimeline.Metric.BYTES;
        long max = bytes ? current.maxBytes() : current.maxMessages();
        for (int i = current.firstArchiveEndingAfter(left); i < current.archives().size(); i++) {
            TimelineData.Block block = current.archives().get(i);
            if (block.from() > right) {
                break;
            }
            double x1 = scale.x(block.from());
            double x2 = scale.x(block.to());
            double w = Math.max(1, x2 - x1 - (x2 - x1 > 4 ? 1.5 : 0));
            double h = barHeight(bytes ? block.bytes() : block.messages(), max, barSpace);
            g.setFill(i == selected ? colors.accent().darker() : colors.accent());
            g.fillRect(x1, baseline - h, w, h);
            if (i == selected) {
                g.setStroke(colors.text());
                g.setLineWidth(2);
                g.strokeRect(x1 - 1, baseline - h - 1, w + 2, h + 2);
                g.setLineWidth(1);
            }
        }
    }

    private static void drawPending(GraphicsContext g, TimelineScale scale, TimelineData current, double width, double baseline,
                                    double barSpace, Theme.Palette colors) {
        long max = current.maxMessages();
        for (TimelineData.Block block : current.pending()) {
            long to = Math.min(block.to(), current.now());
            double x1 = scale.x(block.from());
            double x2 = scale.x(to);
            if (x2 < 0 || x1 > width) {
                continue;
            }
            double w = Math.max(2, x2 - x1 - 1);
            double h = barHeight(block.messages(), max, barSpace);
            g.setFill(colors.accentMuted());
            g.fillRect(x1, baseline - h, w, h);
            g.setStroke(colors.accent());
            g.setLineDashes(4, 3);
            g.strokeRect(x1 + 0.5, baseline - h + 0.5, w - 1, h - 1);
            g.setLineDashes();
        }
    }

    private static void drawMarkers(GraphicsContext g, TimelineScale scale, TimelineData current, double width, double baseline,
                                    Theme.Palette colors) {
        double now = scale.x(current.now());
        g.setStroke(colors.success());
        g.setLineWidth(1.5);
        g.strokeLine(now, 15, now, baseline);
        g.setFill(colors.success());
        g.setTextAlign(TextAlignment.RIGHT);
        g.fillText("now", now - 3, 12);
        g.setTextAlign(TextAlignment.LEFT);
        if (current.nextRun() != null) {
            double next = scale.x(current.nextRun());
            g.setStroke(colors.warning());
            g.setLineDashes(5, 4);
            g.strokeLine(next, ArchiveTimeline.TOP_MARGIN - 4, next, baseline);
            g.setLineDashes();
            g.setFill(colors.warning());
            String label = "next run " + Format.countdown(Instant.ofEpochSecond(current.nextRun()), Instant.ofEpochSecond(current.now()));
            boolean roomRight = next + 6 + label.length() * 6 < width;
            g.setTextAlign(roomRight ? TextAlignment.LEFT : TextAlignment.RIGHT);
            g.fillText(label, roomRight ? next + 4 : next - 4, 26);
            g.setTextAlign(TextAlignment.LEFT);
        }
        g.setLineWidth(1);
        g.setStroke(Color.TRANSPARENT);
    }
}
