package org.historian.ui.control;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The timeline's geometry, without JavaFX: which seconds a pixel shows and which calendar ticks
 * to label at the current zoom. {@code viewStart} is the time at x = 0.
 */
public record TimelineScale(long viewStart, double pixelsPerDay, ZoneId zone) {
    public static final double MIN_PIXELS_PER_DAY = 0.05;
    public static final double MAX_PIXELS_PER_DAY = 400;
    static final double MIN_LABEL_SPACING = 70;

    public TimelineScale {
        pixelsPerDay = Math.max(MIN_PIXELS_PER_DAY, Math.min(MAX_PIXELS_PER_DAY, pixelsPerDay));
    }

    public double secondsPerPixel() {
        return 86_400 / pixelsPerDay;
    }

    public double x(long time) {
        return (time - viewStart) / secondsPerPixel();
    }

    public long time(double x) {
        return viewStart + Math.round(x * secondsPerPixel());
    }

    /** A labelled tick at a calendar boundary. */
    public record Tick(long time, String label, boolean major) {
    }

    enum Step {
        DAY(1, "d MMM"), WEEK(7, "d MMM"), MONTH(30, "MMM yyyy"), QUARTER(91, "MMM yyyy"), YEAR(365, "yyyy");

        final int days;
        final DateTimeFormatter format;

        Step(int days, String pattern) {
            this.days = days;
            this.format = DateTimeFormatter.ofPattern(pattern, Locale.ROOT);
        }
    }

    /** The finest calendar step whose labels stay at least {@link #MIN_LABEL_SPACING} pixels apart. */
    Step step() {
        for (Step step : Step.values()) {
            if (step.days * pixelsPerDay >= MIN_LABEL_SPACING) {
                return step;
            }
        }
        return Step.YEAR;
    }

    /** Ticks in {@code [from, to]} at the current step; the first of a year is major. */
    public List<Tick> ticks(long from, long to) {
        Step step = step();
        List<Tick> ticks = new ArrayList<>();
        ZonedDateTime cursor = first(step, Instant.ofEpochSecond(from).atZone(zone).toLocalDate());
        int guard = 0;
        while (cursor.toEpochSecond() <= to && guard++ < 10_000) {
            long time = cursor.toEpochSecond();
            if (time >= from) {
                boolean major = cursor.getDayOfYear() == 1 || step == Step.YEAR;
                ticks.add(new Tick(time, step.format.format(cursor), major));
            }
            cursor = next(step, cursor);
        }
        return ticks;
    }

    private ZonedDateTime first(Step step, LocalDate date) {
        LocalDate start = switch (step) {
            case DAY -> date;
            case WEEK -> date.with(TemporalAdjusters.previousOrSame(java.time.DayOfWeek.MONDAY));
            case MONTH -> date.withDayOfMonth(1);
            case QUARTER -> date.withDayOfMonth(1).withMonth((date.getMonthValue() - 1) / 3 * 3 + 1);
            case YEAR -> date.withDayOfYear(1);
        };
        return start.atStartOfDay(zone);
    }

    private static ZonedDateTime next(Step step, ZonedDateTime at) {
        return switch (step) {
            case DAY -> at.plus(1, ChronoUnit.DAYS);
            case WEEK -> at.plus(1, ChronoUnit.WEEKS);
            case MONTH -> at.plus(1, ChronoUnit.MONTHS);
            case QUARTER -> at.plus(3, ChronoUnit.MONTHS);
            case YEAR -> at.plus(1, ChronoUnit.YEARS);
        };
    }
}
