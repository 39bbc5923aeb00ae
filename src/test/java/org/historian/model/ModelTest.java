package org.historian.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.historian.testing.TestData;
import org.junit.jupiter.api.Test;

class ModelTest {
    private static final String GENERATOR = "0x0279be667ef9dcbbac55a06295ce870b07029bfcdb2dce28d959f2815b16f81798";

    @Test
    void communityIdsAreCompressedSecp256k1Points() {
        assertThat(CommunityId.parse(GENERATOR.toUpperCase().replace("0X", "0x")).hex()).isEqualTo(GENERATOR);
        assertThat(TestData.communityId(12345).hex()).matches("0x0[23][0-9a-f]{64}");
        assertThatThrownBy(() -> CommunityId.parse("")).hasMessageContaining("empty");
        assertThatThrownBy(() -> CommunityId.parse("0279be")).hasMessageContaining("expected 0x-prefixed hex");
        assertThatThrownBy(() -> CommunityId.parse("0x0279")).hasMessageContaining("must be 33 bytes");
        assertThatThrownBy(() -> CommunityId.parse("0x04" + GENERATOR.substring(4))).hasMessageContaining("starting with 0x02 or 0x03");
        assertThatThrownBy(() -> CommunityId.parse("0x02" + "f".repeat(64))).hasMessageContaining("not a point on the secp256k1 curve");
        assertThatThrownBy(() -> CommunityId.parse("0x02zz" + "0".repeat(62))).hasMessageContaining("not a hex digit 'z'");
    }

    @Test
    void contentTopicsAreFourBytes() {
        assertThat(ContentTopic.parse("0x1A2B3C4D").hex()).isEqualTo("0x1a2b3c4d");
        assertThatThrownBy(() -> ContentTopic.parse("0x1a2b3c")).hasMessageContaining("exactly 4 bytes, got 3");
        assertThatThrownBy(() -> ContentTopic.parse("1a2b3c4d")).hasMessageContaining("expected 0x-prefixed hex");
    }

    @Test
    void communitiesValidateNameAndTopics() {
        CommunityId id = CommunityId.parse(GENERATOR);
        ContentTopic topic = ContentTopic.parse("0x00000001");
        assertThat(new Community(id, "  Status  ", List.of(topic), false, true, null).name()).isEqualTo("Status");
        assertThatThrownBy(() -> new Community(id, " ", List.of(topic), false, true, null)).hasMessage("name is empty");
        assertThatThrownBy(() -> new Community(id, "x".repeat(201), List.of(topic), false, true, null)).hasMessageContaining("longer than 200");
        assertThatThrownBy(() -> new Community(id, "a\u0007b", List.of(topic), false, true, null)).hasMessageContaining("control characters");
        assertThatThrownBy(() -> new Community(id, "n", List.of(), false, true, null)).hasMessageContaining("at least one content topic");
        assertThatThrownBy(() -> new Community(id, "n", List.of(topic, topic), false, true, null)).hasMessageContaining("must not repeat");
    }

    @Test
    void encodedMessagesCarryTimestampAndChunkSizeWithoutDecoding() {
        StoredMessage full = TestData.fullMessage(1_577_836_800L, 7);
        EncodedMessage encoded = EncodedMessage.of(full.encode());
        assertThat(encoded.timestamp()).isEqualTo(1_577_836_800L);
        assertThat(encoded.chunkSize()).isEqualTo(full.payload().length + full.sig().length);
        assertThat(encoded).isEqualTo(encoded);
        assertThat(StoredMessage.decode(encoded.bytes())).isEqualTo(full);
        assertThat(full.toEncoded().chunkSize()).isEqualTo(encoded.chunkSize());
        assertThatThrownBy(() -> EncodedMessage.of(new byte[]{(byte) 0xff})).hasMessageStartingWith("not a valid WakuMessage");
        assertThatThrownBy(() -> StoredMessage.decode(new byte[]{0x0a, 0x05})).hasMessageStartingWith("not a valid WakuMessage");
    }

    @Test
    void eventTypesCarryTheStatusGoSignalNames() {
        assertThat(EventType.ARCHIVES_CREATED.signal()).isEqualTo("community.historyArchivesCreated");
        assertThat(EventType.PROTOCOL_DISABLED.signal()).isEqualTo("community.historyArchivesProtocolDisabled");
        for (EventType type : EventType.values()) {
            assertThat(EventType.fromSignal(type.signal())).isEqualTo(type);
        }
    }
}
