package org.historian.waku;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import org.historian.model.StoredMessage;
import org.historian.testing.TestData;
import org.junit.jupiter.api.Test;

class NdjsonFormatTest {
    private static final String VALID = "{\"timestamp\": 1577840400, \"topic\": \"0x1a2b3c4d\", \"payload\": \"0x0102\", "
            + "\"sig\": \"0x03\", \"padding\": \"0x\", \"hash\": \"0xabcd\", \"thirdPartyId\": \"x\"}";

    @Test
    void parsesTheSpecExample() {
        StoredMessage message = NdjsonFormat.parse(VALID);
        assertThat(message.timestamp()).isEqualTo(1577840400L);
        assertThat(message.topic()).containsExactly(0x1a, 0x2b, 0x3c, 0x4d);
        assertThat(message.payload()).containsExactly(1, 2);
        assertThat(message.sig()).containsExactly(3);
        assertThat(message.padding()).isEmpty();
        assertThat(message.hash()).containsExactly(0xab, 0xcd);
        assertThat(message.thirdPartyId()).isEqualTo("x");
    }

    @Test
    void optionalFieldsMayBeOmitted() {
        StoredMessage message = NdjsonFormat.parse("{\"timestamp\":1,\"topic\":\"0x00000000\",\"hash\":\"0x01\"}");
        assertThat(message.sig()).isEmpty();
        assertThat(message.payload()).isEmpty();
        assertThat(message.thirdPartyId()).isEmpty();
    }

    @Test
    void formatAndParseRoundTrip() {
        StoredMessage message = TestData.fullMessage(1577840400L, 5);
        assertThat(NdjsonFormat.parse(NdjsonFormat.format(message))).isEqualTo(message);
        assertThat(NdjsonFormat.format(message)).startsWith("{\"timestamp\":1577840400,\"topic\":\"0x1a2b3c4d\",\"payload\":\"0x");
    }

    @Test
    void eachProblemNamesTheField() {
        assertThatThrownBy(() -> NdjsonFormat.parse("not json")).hasMessageStartingWith("not valid JSON");
        assertThatThrownBy(() -> NdjsonFormat.parse("[1]")).hasMessage("expected a JSON object");
        assertThatThrownBy(() -> NdjsonFormat.parse("{\"topic\":\"0x00000000\",\"hash\":\"0x01\"}")).hasMessage("field \"timestamp\" is missing");
        assertThatThrownBy(() -> NdjsonFormat.parse("{\"timestamp\":\"1\",\"topic\":\"0x00000000\",\"hash\":\"0x01\"}"))
                .hasMessage("field \"timestamp\" must be an integer (unix seconds)");
        assertThatThrownBy(() -> NdjsonFormat.parse("{\"timestamp\":-1,\"topic\":\"0x00000000\",\"hash\":\"0x01\"}"))
                .hasMessage("field \"timestamp\" must not be negative");
        assertThatThrownBy(() -> NdjsonFormat.parse("{\"timestamp\":1577840400000,\"topic\":\"0x00000000\",\"hash\":\"0x01\"}"))
                .hasMessageContaining("looks like milli- or nanoseconds");
        assertThatThrownBy(() -> NdjsonFormat.parse("{\"timestamp\":99999999999999999999999,\"topic\":\"0x00000000\",\"hash\":\"0x01\"}"))
                .hasMessage("field \"timestamp\" is out of range");
        assertThatThrownBy(() -> NdjsonFormat.parse("{\"timestamp\":1,\"topic\":\"0x0000\",\"hash\":\"0x01\"}"))
                .hasMessage("field \"topic\" must be exactly 4 bytes, got 2");
        assertThatThrownBy(() -> NdjsonFormat.parse("{\"timestamp\":1,\"topic\":\"0x00000000\"}")).hasMessage("field \"hash\" is missing or empty");
        assertThatThrownBy(() -> NdjsonFormat.parse("{\"timestamp\":1,\"topic\":\"0x00000000\",\"hash\":\"0x01\",\"payload\":\"abc\"}"))
                .hasMessageStartingWith("field \"payload\": expected 0x-prefixed hex");
        assertThatThrownBy(() -> NdjsonFormat.parse("{\"timestamp\":1,\"topic\":\"0x00000000\",\"hash\":\"0x01\",\"payload\":\"0x123\"}"))
                .hasMessage("field \"payload\": hex has an odd number of digits (3)");
        assertThatThrownBy(() -> NdjsonFormat.parse("{\"timestamp\":1,\"topic\":\"0x00000000\",\"hash\":\"0x01\",\"sig\":5}"))
                .hasMessage("field \"sig\" must be a string");
        assertThatThrownBy(() -> NdjsonFormat.parse("{\"timestamp\":1,\"timestamp\":2,\"topic\":\"0x00000000\",\"hash\":\"0x01\"}"))
                .hasMessage("field \"timestamp\" appears twice");
        assertThatThrownBy(() -> NdjsonFormat.parse("{\"timestamp\":1,\"topic\":\"0x00000000\",\"hash\":\"0x01\",\"extra\":1}"))
                .hasMessage("unknown field \"extra\"");
        assertThatThrownBy(() -> NdjsonFormat.parse("{\"timestamp\":1,\"topic\":\"0x00000000\",\"hash\":\"0x01\"} {}"))
                .hasMessage("text after the JSON object");
    }

    @Test
    void linesLongerThanTheLimitAreReportedWithoutBeingKept() throws Exception {
        String input = "short\r\n" + "x".repeat(5000) + "\nlast";
        try (BoundedLineReader reader = new BoundedLineReader(new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)), 100)) {
            assertThat(reader.next()).isEqualTo(new BoundedLineReader.Line(1, "short", 6));
            BoundedLineReader.Line tooLong = reader.next();
            assertThat(tooLong.tooLong()).isTrue();
            assertThat(tooLong.number()).isEqualTo(2);
            assertThat(tooLong.length()).isEqualTo(5000);
            assertThat(reader.next()).isEqualTo(new BoundedLineReader.Line(3, "last", 4));
            assertThat(reader.next()).isNull();
        }
    }
}
