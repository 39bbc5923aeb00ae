package org.historian.waku;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Optional;
import org.historian.model.CommunityId;
import org.historian.model.Hex;
import org.historian.model.Keccak256;
import org.historian.model.SigningKey;
import org.historian.proto.ApplicationMetadataMessage;
import org.junit.jupiter.api.Test;

class ArchiveLinkMessageTest {
    static final SigningKey COMMUNITY_KEY = SigningKey.of(Keccak256.hash("historian test community".getBytes(StandardCharsets.UTF_8)));
    static final SigningKey NODE_KEY = SigningKey.of(Keccak256.hash("historian test node".getBytes(StandardCharsets.UTF_8)));
    static final SigningKey OTHER_KEY = SigningKey.of(Keccak256.hash("someone else".getBytes(StandardCharsets.UTF_8)));
    static final CommunityId COMMUNITY = COMMUNITY_KEY.asCommunityId();
    static final String LINK = "magnet:?xt=urn:btih:0123456789abcdef0123456789abcdef01234567&dn=" + COMMUNITY.hex()
            + "&tr=udp%3A%2F%2Ftracker.opentrackr.org%3A1337%2Fannounce";
    static final long CLOCK = 1_764_000_000_123L;
    static final long NANOS = 1_764_000_000_123_456_789L;
    static final String UNIVERSAL_TOPIC = LinkChat.UNIVERSAL.wireContentTopic(COMMUNITY);

    /** 0, 1, 2, … so every run gives the same padding and nonce. */
    static RandomBytes counting() {
        int[] next = {0};
        return bytes -> {
            for (int i = 0; i < bytes.length; i++) {
                bytes[i] = (byte) next[0]++;
            }
        };
    }

    static WakuMessage build(Optional<SigningKey> shardKey) {
        return ArchiveLinkMessage.build(new ArchiveLinkMessage.Content(COMMUNITY_KEY, NODE_KEY, "historian-test", LINK, CLOCK, NANOS,
                "/waku/2/rs/16/32", shardKey), counting());
    }

    @Test
    void fixedKeysAndRandomnessGiveFixedBytesAtEveryLayer() throws Exception {
        byte[] layer1 = ArchiveLinkMessage.layer1(LINK, CLOCK);
        byte[] layer2 = ArchiveLinkMessage.layer2(layer1, COMMUNITY_KEY);
        byte[] layer3 = ArchiveLinkMessage.layer3(layer2, "historian-test");
        byte[] plaintext = WakuPayloadV1.signedPlaintext(layer3, NODE_KEY, counting());
        WakuMessage message = build(Optional.empty());

        assertThat(COMMUNITY.hex()).isEqualTo(Golden.COMMUNITY_ID);
        assertThat(sha256(layer1)).isEqualTo(Golden.LAYER1_SHA256);
        assertThat(sha256(layer2)).isEqualTo(Golden.LAYER2_SHA256);
        assertThat(sha256(layer3)).isEqualTo(Golden.LAYER3_SHA256);
        assertThat(sha256(plaintext)).isEqualTo(Golden.PLAINTEXT_SHA256);
        assertThat(sha256(message.payload())).isEqualTo(Golden.PAYLOAD_SHA256);
        assertThat(Hex.encode(LinkChat.UNIVERSAL.symmetricKey(COMMUNITY))).isEqualTo(Golden.SYMMETRIC_KEY);
        assertThat(message.contentTopic()).isEqualTo(Golden.CONTENT_TOPIC);
        assertThat(message.version()).isEqualTo(1);
        assertThat(message.timestampNanos()).isEqualTo(NANOS);
        assertThat(message.meta()).isEmpty();
    }

    @Test
    void theSpecDecoderUnwrapsEveryLayerAndRecoversBothSigners() throws Exception {
        WakuMessage message = build(Optional.empty());
        String chatId = COMMUNITY.hex() + "-memberUpdate";
        assertThat(message.contentTopic()).isEqualTo(SpecDecoder.contentTopicFor(chatId));
        assertThat(LinkChat.UNIVERSAL.symmetricKey(COMMUNITY)).isEqualTo(SpecDecoder.pbkdf2Sha256(chatId, 65356));

        SpecDecoder.Decoded decoded = SpecDecoder.decodeAsCurrentMember(COMMUNITY.hex(), message.contentTopic(), message.payload());
        assertThat(decoded.communitySigner()).isEqualTo(COMMUNITY.bytes());
        assertThat(decoded.transportSigner()).isEqualTo(NODE_KEY.compressedPublicKey());
        assertThat(decoded.magnetUri()).isEqualTo(LINK);
        assertThat(decoded.clock()).isEqualTo(CLOCK);
        assertThat(decoded.installationId()).isEqualTo("historian-test");
        assertThat(decoded.flags()).isEqualTo(0x04 | decoded.sizeFieldLength());
        assertThat(decoded.sizeFieldLength()).isEqualTo(ArchiveLinkMessage.layer3(ArchiveLinkMessage.layer2(
                ArchiveLinkMessage.layer1(LINK, CLOCK), COMMUNITY_KEY), "x").length < 256 ? 1 : 2);
        assertThat(decoded.plaintextLength() % 256).isZero();
        assertThat(decoded.paddingLength()).isBetween(1, 256);
    }

    @Test
    void paddingIsAFull256WhenTheRestIsAlreadyAMultiple() throws Exception {
        // 1 flag + 1 size + 189 data + 65 signature = 256: the padding must then be 256, not 0.
        byte[] plaintext = WakuPayloadV1.signedPlaintext(new byte[189], NODE_KEY, counting());
        assertThat(plaintext).hasSize(512);
        assertThat(WakuPayloadV1.parsePlaintext(plaintext).paddingLength()).isEqualTo(256);
        // 300 data bytes need a 2-byte size field.
        assertThat(WakuPayloadV1.signedPlaintext(new byte[300], NODE_KEY, counting())[0]).isEqualTo((byte) 0x06);
    }

    @Test
    void signaturesAreLowSWithRecoveryIdZeroOrOne() throws Exception {
        for (int i = 0; i < 64; i++) {
            byte[] hash = Keccak256.hash(new byte[] {(byte) i});
            byte[] signature = COMMUNITY_KEY.sign(hash);
            assertThat(signature[64]).isIn((byte) 0, (byte) 1);
            assertThat(SpecDecoder.recover(hash, signature)).isEqualTo(COMMUNITY.bytes());
        }
    }

    @Test
    void theMembersReaderGetsBackTheCommunityAndTheLink() throws Exception {
        WakuMessage message = build(Optional.empty());
        ArchiveLinkMessage.Received received = ArchiveLinkMessage.read(COMMUNITY, message.contentTopic(), message.payload());
        assertThat(received.community()).isEqualTo(COMMUNITY);
        assertThat(received.magnetUri()).isEqualTo(LINK);
        assertThat(received.clock()).isEqualTo(CLOCK);
        assertThat(received.transportSigner()).isEqualTo(NODE_KEY.compressedPublicKey());
        assertThat(received.chat()).isEqualTo(LinkChat.UNIVERSAL);
    }

    @Test
    void theLinkTravelsOnTheUniversalChatOfTheSpecsTestCommunity() {
        // spec §1: the universal chat of 0x0279be…f81798 is /waku/1/0x8ddd3f34/rfc26; the old magnet channel 0xfd367d00.
        SigningKey generatorKey = SigningKey.of(org.bouncycastle.util.BigIntegers.asUnsignedByteArray(32, java.math.BigInteger.ONE));
        CommunityId generator = generatorKey.asCommunityId();
        assertThat(generator.hex()).isEqualTo("0x0279be667ef9dcbbac55a06295ce870b07029bfcdb2dce28d959f2815b16f81798");
        WakuMessage message = ArchiveLinkMessage.build(new ArchiveLinkMessage.Content(generatorKey, NODE_KEY, "x", LINK, CLOCK, NANOS,
                "/waku/2/rs/16/32", Optional.empty()), counting());
        assertThat(message.contentTopic()).isEqualTo("/waku/1/0x8ddd3f34/rfc26");
        assertThat(LinkChat.MAGNETLINKS.wireContentTopic(generator)).isEqualTo("/waku/1/0xfd367d00/rfc26");
        assertThat(message.pubsubTopic()).isEqualTo("/waku/2/rs/16/32");
    }

    @Test
    void aCurrentMemberRefusesALinkOnTheOldMagnetChannelOrAChannelTopic() throws Exception {
        // The same link as a 2024-era owner sent it: on -magnetlinks, with that chat's key.
        byte[] layer3 = ArchiveLinkMessage.layer3(ArchiveLinkMessage.layer2(ArchiveLinkMessage.layer1(LINK, CLOCK), COMMUNITY_KEY), "x");
        byte[] old = WakuPayloadV1.encrypt(layer3, NODE_KEY, LinkChat.MAGNETLINKS.symmetricKey(COMMUNITY), counting());
        String oldTopic = LinkChat.MAGNETLINKS.wireContentTopic(COMMUNITY);
        assertThatThrownBy(() -> SpecDecoder.decodeAsCurrentMember(COMMUNITY.hex(), oldTopic, old))
                .hasMessageContaining("is not the universal chat's");
        // Historian still reads it back, and says where it came from.
        assertThat(ArchiveLinkMessage.read(COMMUNITY, oldTopic, old).chat()).isEqualTo(LinkChat.MAGNETLINKS);
        // Sent on the universal topic with the old chat's key, it decrypts for nobody.
        String universalTopic = LinkChat.UNIVERSAL.wireContentTopic(COMMUNITY);
        assertThatThrownBy(() -> SpecDecoder.decodeAsCurrentMember(COMMUNITY.hex(), universalTopic, old)).hasMessageContaining("decrypt");
        assertThatThrownBy(() -> ArchiveLinkMessage.read(COMMUNITY, universalTopic, old)).isInstanceOf(NotAnArchiveLinkException.class);
        // On a 2024-era channel topic, no member looks for it at all.
        String channelTopic = StatusContentTopic.toWire(org.historian.model.ContentTopic.ofChatId(COMMUNITY.hex() + "general"));
        byte[] universal = build(Optional.empty()).payload();
        assertThatThrownBy(() -> SpecDecoder.decodeAsCurrentMember(COMMUNITY.hex(), channelTopic, universal))
                .hasMessageContaining("is not the universal chat's");
        assertThatThrownBy(() -> ArchiveLinkMessage.read(COMMUNITY, channelTopic, universal))
                .isNotInstanceOf(NotAnArchiveLinkException.class).hasMessageContaining("not one members watch for archive links");
    }

    @Test
    void otherMessagesOfTheUniversalChatAreToldApartFromBrokenLinks() throws Exception {
        String universalTopic = LinkChat.UNIVERSAL.wireContentTopic(COMMUNITY);
        byte[] key = LinkChat.UNIVERSAL.symmetricKey(COMMUNITY);
        // A chat message (type 1) of the community, properly signed and encrypted.
        byte[] chat = ApplicationMetadataMessage.newBuilder().setPayload(com.google.protobuf.ByteString.copyFromUtf8("hello"))
                .setTypeValue(1).build().toByteArray();
        byte[] chatPayload = WakuPayloadV1.encrypt(ArchiveLinkMessage.layer3(chat, "x"), NODE_KEY, key, counting());
        assertThatThrownBy(() -> ArchiveLinkMessage.read(COMMUNITY, universalTopic, chatPayload))
                .isInstanceOf(NotAnArchiveLinkException.class);
        // A link signed by someone else is a link members drop, not "another message".
        byte[] forged = WakuPayloadV1.encrypt(ArchiveLinkMessage.layer3(ArchiveLinkMessage.layer2(ArchiveLinkMessage.layer1(LINK, CLOCK),
                OTHER_KEY), "x"), NODE_KEY, key, counting());
        assertThatThrownBy(() -> ArchiveLinkMessage.read(COMMUNITY, universalTopic, forged))
                .isNotInstanceOf(NotAnArchiveLinkException.class).hasMessageContaining("not by the community key");
    }

    @Test
    void aProtectedShardGetsMetaSignedByTheShardKey() throws Exception {
        WakuMessage message = build(Optional.of(OTHER_KEY));
        assertThat(message.meta()).hasSize(64);
        byte[] hash = MessageDigest.getInstance("SHA-256").digest(concat("/waku/2/rs/16/32".getBytes(StandardCharsets.UTF_8),
                message.payload(), message.contentTopic().getBytes(StandardCharsets.UTF_8),
                new byte[] {(byte) 0x15, (byte) 0xcd, (byte) 0x25, (byte) 0x6f, (byte) 0xa7, (byte) 0xfc, (byte) 0x7a, (byte) 0x18},
                new byte[] {0}));
        assertThat(Long.toHexString(NANOS)).isEqualTo("187afca76f25cd15");
        // R ‖ S plus either recovery ID gives back the shard key.
        byte[] withV0 = Arrays.copyOf(message.meta(), 65);
        byte[] withV1 = withV0.clone();
        withV1[64] = 1;
        assertThat(SpecDecoder.recover(hash, withV0)).satisfiesAnyOf(
                key -> assertThat(key).isEqualTo(OTHER_KEY.compressedPublicKey()),
                key -> assertThat(SpecDecoder.recover(hash, withV1)).isEqualTo(OTHER_KEY.compressedPublicKey()));
    }

    @Test
    void aPayloadForAnotherCommunityDoesNotDecrypt() {
        WakuMessage message = build(Optional.empty());
        CommunityId other = OTHER_KEY.asCommunityId();
        assertThatThrownBy(() -> ArchiveLinkMessage.read(other, LinkChat.MAGNETLINKS.wireContentTopic(other), message.payload()))
                .isInstanceOf(WakuMessageException.class).hasMessageContaining("does not decrypt with this channel's key");
        assertThatThrownBy(() -> SpecDecoder.decode(other.hex(), message.payload(), true)).hasMessageContaining("decrypt");
        assertThatThrownBy(() -> ArchiveLinkMessage.read(COMMUNITY, "/waku/1/0x01020304/rfc26", message.payload()))
                .hasMessageContaining("not one members watch");
    }

    @Test
    void anUnsignedPayloadIsRejected() throws Exception {
        byte[] data = ArchiveLinkMessage.layer3(ArchiveLinkMessage.layer2(ArchiveLinkMessage.layer1(LINK, CLOCK), COMMUNITY_KEY), "x");
        byte[] plaintext = new byte[512];
        plaintext[0] = 0x02; // a 2-byte size field, no signature flag
        plaintext[1] = (byte) data.length;
        plaintext[2] = (byte) (data.length >> 8);
        System.arraycopy(data, 0, plaintext, 3, data.length);
        byte[] payload = encryptAsIs(plaintext);
        assertThatThrownBy(() -> ArchiveLinkMessage.read(COMMUNITY, UNIVERSAL_TOPIC, payload))
                .hasMessageContaining("not signed").hasMessageContaining("drops an unsigned message");
        assertThatThrownBy(() -> SpecDecoder.decode(COMMUNITY.hex(), payload, true)).hasMessage("unsigned");
    }

    @Test
    void badPaddingIsRejected() throws Exception {
        byte[] good = WakuPayloadV1.signedPlaintext(ArchiveLinkMessage.layer3(ArchiveLinkMessage.layer2(
                ArchiveLinkMessage.layer1(LINK, CLOCK), COMMUNITY_KEY), "x"), NODE_KEY, counting());
        // Padding cut to leave the whole off a multiple of 256, signature made again so only the padding is wrong.
        byte[] signedPart = Arrays.copyOf(good, good.length - 65 - 10);
        byte[] resigned = concat(signedPart, NODE_KEY.sign(Keccak256.hash(signedPart)));
        assertThatThrownBy(() -> SpecDecoder.decode(COMMUNITY.hex(), encryptAsIs(resigned), true)).hasMessageContaining("padding");
        // A size field pointing past the signature: the reader cannot find the data.
        byte[] overlong = good.clone();
        overlong[1] = (byte) 0xff;
        overlong[2] = (byte) 0x7f;
        assertThatThrownBy(() -> ArchiveLinkMessage.read(COMMUNITY, UNIVERSAL_TOPIC, encryptAsIs(overlong)))
                .hasMessageContaining("size field says");
    }

    @Test
    void aWrongTypeIsRejected() throws Exception {
        byte[] inner = ArchiveLinkMessage.layer1(LINK, CLOCK);
        byte[] layer2 = ApplicationMetadataMessage.newBuilder().setSignature(com.google.protobuf.ByteString.copyFrom(
                        COMMUNITY_KEY.sign(Keccak256.hash(inner)))).setPayload(com.google.protobuf.ByteString.copyFrom(inner))
                .setTypeValue(42).build().toByteArray();
        byte[] payload = WakuPayloadV1.encrypt(ArchiveLinkMessage.layer3(layer2, "x"), NODE_KEY, LinkChat.UNIVERSAL.symmetricKey(COMMUNITY),
                counting());
        assertThatThrownBy(() -> ArchiveLinkMessage.read(COMMUNITY, UNIVERSAL_TOPIC, payload)).hasMessageContaining("type 42, not 43");
        assertThatThrownBy(() -> SpecDecoder.decode(COMMUNITY.hex(), payload, true)).hasMessage("type 42");
    }

    @Test
    void aLinkSignedByAnotherKeyIsRejected() throws Exception {
        byte[] layer2 = ArchiveLinkMessage.layer2(ArchiveLinkMessage.layer1(LINK, CLOCK), OTHER_KEY);
        byte[] payload = WakuPayloadV1.encrypt(ArchiveLinkMessage.layer3(layer2, "x"), NODE_KEY, LinkChat.UNIVERSAL.symmetricKey(COMMUNITY),
                counting());
        assertThatThrownBy(() -> ArchiveLinkMessage.read(COMMUNITY, UNIVERSAL_TOPIC, payload))
                .hasMessageContaining("signed by " + OTHER_KEY.asCommunityId().hex()).hasMessageContaining("members ignore it");
        assertThatThrownBy(() -> SpecDecoder.decode(COMMUNITY.hex(), payload, true)).hasMessage("community signer");
    }

    @Test
    void aTamperedSignatureIsRejected() throws Exception {
        byte[] good = WakuPayloadV1.signedPlaintext(new byte[10], NODE_KEY, counting());
        byte[] highV = good.clone();
        highV[highV.length - 1] = 27;
        assertThatThrownBy(() -> WakuPayloadV1.parsePlaintext(highV)).hasMessageContaining("recovery byte V is 27");
    }

    @Test
    void keysAreNeverShownInText() {
        assertThat(COMMUNITY_KEY.toString()).doesNotContain(Hex.encodeBare(COMMUNITY_KEY.privateKeyBytes()));
        assertThatThrownBy(() -> SigningKey.parseHex("zz" + "1".repeat(62))).hasMessageNotContaining("zz1");
    }

    private static byte[] encryptAsIs(byte[] plaintext) throws Exception {
        javax.crypto.Cipher cipher = javax.crypto.Cipher.getInstance("AES/GCM/NoPadding");
        byte[] nonce = new byte[12];
        cipher.init(javax.crypto.Cipher.ENCRYPT_MODE, new javax.crypto.spec.SecretKeySpec(LinkChat.UNIVERSAL.symmetricKey(COMMUNITY), "AES"),
                new javax.crypto.spec.GCMParameterSpec(128, nonce));
        return concat(cipher.doFinal(plaintext), nonce);
    }

    static byte[] concat(byte[]... parts) {
        int length = Arrays.stream(parts).mapToInt(p -> p.length).sum();
        byte[] out = new byte[length];
        int at = 0;
        for (byte[] part : parts) {
            System.arraycopy(part, 0, out, at, part.length);
            at += part.length;
        }
        return out;
    }

    static String sha256(byte[] bytes) throws Exception {
        return Hex.encodeBare(MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    /** The bytes this encoder made for the fixed inputs, pinned so that any change to the wire shows. */
    static final class Golden {
        static final String COMMUNITY_ID = "0x02ef8113acb05dd64d11bcb282ecfa69ade80c0c0d8a5ea41ee2fbee6144ae3220";
        static final String LAYER1_SHA256 = "9c5a24e3b2882fa0291de136b9db208061547a401be8107aa3204a876553dfd4";
        static final String LAYER2_SHA256 = "3376239f2306e52b73048a0e619fc8b25d7f23dec9ab37e8c11c38f10d45abca";
        static final String LAYER3_SHA256 = "9113501e422e73c4bdeeab75a935028218e191c4aaca05a5889dd270cdb43ac2";
        static final String PLAINTEXT_SHA256 = "369c8fb90c732f950140e9d5b4077d06e879fe2564b08d4d89b1a5c9e6322e29";
        static final String PAYLOAD_SHA256 = "94eb380553ee6b9b9124d18981fde576207f4d2d60bcf16466f236e86d8eef31";
        static final String SYMMETRIC_KEY = "0xbc2647e0ede4c9abece88a5c9925b1670f7673d13fae31dda9dab2d7d04486c9";
        static final String CONTENT_TOPIC = "/waku/1/0x7095f375/rfc26";
    }
}
