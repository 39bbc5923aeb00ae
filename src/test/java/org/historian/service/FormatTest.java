package org.historian.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** One way to write sizes, rates and durations, in the window and on the command line, whatever the locale. */
class FormatTest {
    private final Locale before = Locale.getDefault();

    @AfterEach
    void restoreLocale() {
        Locale.setDefault(before);
    }

    @Test
    void sizesUseDecimalUnitsAndAPointInEveryLocale() {
        for (Locale locale : new Locale[]{Locale.ROOT, Locale.GERMANY, Locale.FRANCE, Locale.forLanguageTag("ar-EG"),
                Locale.forLanguageTag("hi-IN-u-nu-deva")}) {
            Locale.setDefault(locale);
            assertThat(Format.bytes(999)).as(locale.toString()).isEqualTo("999 B");
            assertThat(Format.bytes(1_500_000)).as(locale.toString()).isEqualTo("1.50 MB");
            assertThat(Format.bytes(39_000_000)).as(locale.toString()).isEqualTo("39.0 MB");
            assertThat(Format.bytes(250_000_000_000L)).as(locale.toString()).isEqualTo("250 GB");
            assertThat(Format.rate(2_500)).as(locale.toString()).isEqualTo("2.50 KB/s");
            assertThat(Format.count(1_234_567)).as(locale.toString()).isEqualTo("1,234,567");
            assertThat(Format.ratio(1.0 / 3)).as(locale.toString()).isEqualTo("0.33");
        }
    }

    @Test
    void durationsAndInstantsReadTheSameEverywhere() {
        Locale.setDefault(Locale.GERMANY);
        assertThat(Format.duration(Duration.ofDays(6).plusHours(23))).isEqualTo("6 d 23 h");
        assertThat(Format.duration(Duration.ofMinutes(3).plusSeconds(5))).isEqualTo("3 min 5 s");
        assertThat(Format.countdown(Instant.EPOCH.plusSeconds(42), Instant.EPOCH)).isEqualTo("in 42 s");
        assertThat(Format.isoDuration("PT1H30M")).isEqualTo("1 h 30 min");
        assertThat(Format.instant(1_577_836_800L)).isEqualTo("2020-01-01T00:00:00Z");
        assertThat(Format.instant(Long.MAX_VALUE)).isEqualTo(Long.toString(Long.MAX_VALUE));
    }
}
