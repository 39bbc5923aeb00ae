package org.historian.waku;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.historian.model.ContentTopic;

/**
 * Status content topics on the wire: {@code /waku/1/0x<8 hex>/rfc26}, where the 4 bytes are the
 * first of Keccak-256 of the chat ID. Stored messages and archives keep only those 4 bytes.
 */
public final class StatusContentTopic {
    private static final Pattern WIRE = Pattern.compile("/waku/1/(0x[0-9a-fA-F]{8})/rfc26");

    private StatusContentTopic() {
    }

    public static String toWire(ContentTopic topic) {
        return "/waku/1/" + topic.hex() + "/rfc26";
    }

    /** The 4-byte topic of a wire content topic, or empty when it is not a Status topic. */
    public static Optional<ContentTopic> fromWire(String wire) {
        if (wire == null) {
            return Optional.empty();
        }
        Matcher matcher = WIRE.matcher(wire);
        return matcher.matches() ? Optional.of(ContentTopic.parse(matcher.group(1))) : Optional.empty();
    }
}
