package org.historian.service;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * How numbers, sizes, times and durations read, in the window and on the command line alike:
 * short, consistent, and the same whatever the machine's locale.
 */
public final class Format {
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd", Locale.ROOT);
    private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT);
    private static final DateTimeFormatter DATE_TIME_SECONDS = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT);
    private static final String[] UNITS = {"B", "KB", "MB", "GB", "TB"};

    private Format() {
    }

    /** 1,234,567 */
    public static String count(long value) {
        return String.format(Locale.ROOT, "%,d", value);
    }

    /** Decimal units, as disks and networks count: 1.5 MB = 1,500,000 bytes. */
    public static String bytes(long bytes) {
        if (bytes < 1000) {
            return bytes + " B";
        }
        double value = bytes;
        int unit = 0;
        while (value >= 1000 && unit < UNITS.length - 1) {
            value /= 1000;
            unit++;
        }
        return String.format(Locale.ROOT, value < 10 ? "%.2f %s" : value < 100 ? "%.1f %s" : "%.0f %s", value, UNITS[unit]);
    }

    public static String rate(long bytesPerSecond) {
        return bytes(bytesPerSecond) + "/s";
    }

    /** An instant as ISO-8601 in UTC (2020-01-01T00:00:00Z), or the bare number when outside the range of dates. */
    public static String instant(long epochSecond) {
        try {
            return Instant.ofEpochSecond(epochSecond).toString();
        } catch (java.time.DateTimeException e) {
            return Long.toUnsignedString(epochSecond);
        }
    }

    public static String date(long epochSecond, ZoneId zone) {
        return DATE.format(Instant.ofEpochSecond(epochSecond).atZone(zone));
    }

    public static String dateTime(Instant instant, ZoneId zone) {
        return DATE_TIME.format(instant.atZone(zone));
    }

    public static String dateTimeSeconds(Instant instant, ZoneId zone) {
        return DATE_TIME_SECONDS.format(instant.atZone(zone));
    }

    public static String dateTime(long epochSecond, ZoneId zone) {
        return dateTime(Instant.ofEpochSecond(epochSecond), zone);
    }

    /** "2024-03-04 12:00 – 2024-03-11 12:00" */
    public static String range(long from, long to, ZoneId zone) {
        return dateTime(from, zone) + " – " + dateTime(to, zone);
    }

    /** "in 6 d 23 h", "in 4 h 10 min", "in 42 s", "due now"; null time gives "not scheduled". */
    public static String countdown(Instant at, Instant now) {
        if (at == null) {
            return "not scheduled";
        }
        Duration left = Duration.between(now, at);
        if (left.isNegative() || left.isZero()) {
            return "due now";
        }
        return "in " + duration(left);
    }

    /** "6 d 23 h", "4 h 10 min", "3 min 5 s", "42 s" */
    public static String duration(Duration duration) {
        long seconds = Math.max(0, duration.getSeconds());
        long days = seconds / 86_400;
        long hours = seconds % 86_400 / 3600;
        long minutes = seconds % 3600 / 60;
        long secs = seconds % 60;
        if (days > 0) {
            return hours > 0 ? days + " d " + hours + " h" : days + " d";
        }
        if (hours > 0) {
            return minutes > 0 ? hours + " h " + minutes + " min" : hours + " h";
        }
        if (minutes > 0) {
            return secs > 0 ? minutes + " min " + secs + " s" : minutes + " min";
        }
        return secs + " s";
    }

    /** An ISO-8601 duration as an operator reads it: P7D is "7 d", PT1H30M is "1 h 30 min". */
    public static String isoDuration(String iso) {
        try {
            return duration(Duration.parse(iso));
        } catch (RuntimeException e) {
            return iso;
        }
    }

    public static String percent(double fraction) {
        return Math.round(Math.max(0, Math.min(1, fraction)) * 100) + " %";
    }

    public static String ratio(double ratio) {
        return String.format(Locale.ROOT, "%.2f", ratio);
    }
}
