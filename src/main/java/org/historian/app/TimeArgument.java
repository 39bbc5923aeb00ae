package org.historian.app;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import picocli.CommandLine;

/** Reads a time given on the command line: an ISO-8601 instant or unix seconds. */
public final class TimeArgument implements CommandLine.ITypeConverter<Long> {
    @Override
    public Long convert(String value) {
        return parse(value);
    }

    public static long parse(String value) {
        String text = value.trim();
        if (text.matches("\\d{1,12}")) {
            return Long.parseLong(text);
        }
        try {
            long seconds = Instant.parse(text).getEpochSecond();
            if (seconds < 0) {
                throw new CommandLine.TypeConversionException("time " + text + " is before 1970");
            }
            return seconds;
        } catch (DateTimeParseException e) {
            throw new CommandLine.TypeConversionException("'" + text
                    + "' is not a time: use an ISO-8601 instant such as 2020-01-01T00:00:00Z, or unix seconds");
        }
    }

    /** ISO-8601, or the bare number when it is outside the range of dates (untrusted indexes). */
    public static String format(long unixSeconds) {
        return org.historian.service.Format.instant(unixSeconds);
    }
}
