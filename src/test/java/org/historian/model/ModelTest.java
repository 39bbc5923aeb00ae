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
        assertThatThrownBy(() -> CommunityId.parse("0279be")).hasMessageContaining("expected the community ID");
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
        assertThat(new Community(id, " ", List.of(topic), false, true, null).name()).isEqualTo(Community.defaultName(id));
        assertThatThrownBy(() -> Community.validateName(" ")).hasMessage("name is empty");
        assertThatThrownBy(() -> new Community(id, "x".repeat(201), List.of(topic), false, true, null)).hasMessageContaining("longer than 200");
        assertThatThrownBy(() -> new Community(id, "a\u0007b", List.of(topic), false, true, null)).hasMessageContaining("control characters");
        assertThatThrownBy(() -> new Community(id, "n", List.of(topic, topic), false, true, null)).hasMessageContaining("must not repeat");
    }

    @Test
    void everyCommunityArchivesItsUniversalChatFirstAndNeedsNothingElse() {
        CommunityId id = CommunityId.parse(GENERATOR);
        ContentTopic universal = ContentTopic.parse("0x8ddd3f34"); // spec §1 test vector
        ContentTopic extra = ContentTopic.parse("0x00000001");
        Community bare = new Community(id, null, List.of(), false, true, null);
        assertThat(bare.topics()).containsExactly(universal);
        assertThat(bare.extraTopics()).isEmpty();
        assertThat(bare.name()).isEqualTo("Community 0x0279be\u20261798");
        assertThat(bare.origin(universal)).isEqualTo(Community.TopicOrigin.UNIVERSAL_CHAT);
        assertThat(bare.topicSource(universal)).isEqualTo("universal chat " + GENERATOR + "-memberUpdate");
        // Given again, the universal topic is not a second topic; it stays first whatever the order.
        Community withExtra = new Community(id, "n", List.of(extra, universal), false, true, null);
        assertThat(withExtra.topics()).containsExactly(universal, extra);
        assertThat(withExtra.extraTopics()).containsExactly(extra);
        assertThat(withExtra.origin(extra)).isEqualTo(Community.TopicOrigin.EXTRA_TOPIC);
        // Removing every extra topic leaves the universal one.
        assertThat(withExtra.withExtraTopics(List.of(), java.util.Map.of()).topics()).containsExactly(universal);
    }

    @Test
    void extraTopicsFromChatIdsRememberTheirChat() {
        CommunityId id = CommunityId.parse(GENERATOR);
        String chatId = GENERATOR + "8c2e7f0a-1111-4222-8333-444455556666";
        var fromChats = Community.topicsOfChatIds(id, List.of(chatId));
        ContentTopic topic = ContentTopic.ofChatId(chatId);
        Community community = new Community(id, "n", List.copyOf(fromChats.keySet()), fromChats, false, true, null,
                Community.DEFAULT_PUBSUB_TOPIC, false);
        assertThat(community.origin(topic)).isEqualTo(Community.TopicOrigin.CHANNEL_CHAT_ID);
        assertThat(community.topicSource(topic)).isEqualTo("2024-era channel " + chatId);
        assertThatThrownBy(() -> Community.topicsOfChatIds(id, List.of(chatId, chatId))).hasMessageContaining("given twice");
        assertThatThrownBy(() -> Community.topicsOfChatIds(id, List.of("0x02aa-x"))).hasMessageContaining("community ID followed by");
        assertThatThrownBy(() -> Community.topicsOfChatIds(id, List.of(id.universalChatId()))).hasMessageContaining("archived always");
        assertThatThrownBy(() -> new Community(id, "n", List.of(topic), java.util.Map.of(topic, GENERATOR + "other"), false, true,
                null, Community.DEFAULT_PUBSUB_TOPIC, false)).hasMessageContaining("does not give the extra topic");
    }

    @Test
    void statusChatTopicsMatchTheSpecsTestVectors() {
        CommunityId id = CommunityId.parse(GENERATOR);
        assertThat(id.universalChatId()).isEqualTo(GENERATOR + "-memberUpdate");
        assertThat(id.universalTopic().hex()).isEqualTo("0x8ddd3f34");
        assertThat(ContentTopic.ofChatId(GENERATOR + "-magnetlinks").hex()).isEqualTo("0xfd367d00");
        assertThat(ContentTopic.ofChatId(GENERATOR).hex()).isEqualTo("0x97e4158c");
    }

    @Test
    void shareLinksOfTheStatusAppGiveTheCommunityId() {
        String key = "zQ3shVc2UkAfJCdc1TR8E66J85h48P43r93q8jGPkPpjF9Ef9"; // spec §1 test vector
        assertThat(CommunityId.parse("https://status.app/c#" + key).hex()).isEqualTo(GENERATOR);
        assertThat(CommunityId.parse("  https://status.app/c/G8EAAGTiXKuwNbVVAu0GNLD-XzX4oz_E8oC1-7qSLCFYAqrJGiTZ#" + key + "\n").hex())
                .isEqualTo(GENERATOR);
        assertThat(CommunityId.parse("https://status.app/cc/G54AAKwObLdpiGjX#" + key).hex()).isEqualTo(GENERATOR);
        assertThat(CommunityId.parse("status.app/c#" + key).hex()).isEqualTo(GENERATOR);
        assertThat(CommunityId.parse(key).hex()).isEqualTo(GENERATOR);
        assertThatThrownBy(() -> CommunityId.parse("https://status.app/u/abc#" + key)).hasMessageContaining("profile");
        assertThatThrownBy(() -> CommunityId.parse("https://status.app/c#")).hasMessageContaining("is missing");
        assertThatThrownBy(() -> CommunityId.parse("https://status.app/c#" + key.substring(0, 40)))
                .hasMessageContaining("not a compressed secp256k1 public key");
        assertThatThrownBy(() -> CommunityId.parse("https://status.app/c#" + key.replace('V', '0')))
                .hasMessageContaining("'0' at position").hasMessageContaining("not a base58 character");
        assertThatThrownBy(() -> CommunityId.parse("https://status.app/c#f" + key.substring(1))).hasMessageContaining("must start with z");
        assertThatThrownBy(() -> CommunityId.parse("https://example.com/c#" + key)).hasMessageContaining("share link");
    }

    @Test
    void base58DecodesKnownValues() {
        assertThat(Base58.decode("1")).containsExactly(0);
        assertThat(Base58.decode("11")).containsExactly(0, 0);
        assertThat(Base58.decode("2g")).containsExactly('a');
        assertThat(Base58.decode("StV1DL6CwTryKyV")).isEqualTo("hello world".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        assertThat(Base58.decode("1112")).containsExactly(0, 0, 0, 1);
        assertThatThrownBy(() -> Base58.decode("")).hasMessageContaining("empty");
        assertThatThrownBy(() -> Base58.decode("abcI")).hasMessageContaining("'I' at position 4");
    }

    @Test
    void encodedMessagesCarryTimestampAndChunkSizeWithoutDecoding() {
        StoredMessage full = TestData.fullMessage(1_577_836_800L, 7);
        EncodedMessage encoded = EncodedMessage.of(full.encode());
        assertThat(encoded.timestamp()).isEqualTo(1_577_836_800L);
        assertThat(encoded.chunkSize()).isEqualTo(full.payload().length + full.sig().length);
        assertThat(encoded.bytes()).isEqualTo(full.encode());
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
