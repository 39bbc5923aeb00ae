package org.historian.waku;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Optional;
import org.historian.model.CommunityId;
import org.historian.model.Hex;
import org.historian.model.Keccak256;
import org.historian.model.Secp256k1;
import org.historian.model.SigningKey;
import org.historian.proto.ApplicationMetadataMessage;
import org.historian.proto.CommunityMessageArchiveLink;
import org.historian.proto.ProtocolMessage;

/**
 * The archive-link message exactly as a current Status control node sends it (spec §5.4, §12:
 * five layers, on the universal chat), and the reverse: what a member does with one it receives,
 * on the universal chat or on the 2024-era magnet channel.
 */
public final class ArchiveLinkMessage {
    public static final int MAX_MAGNET_URI_LENGTH = 8 * 1024;

    /**
     * What goes into one message.
     *
     * @param communityKey   signs layer 2; its public key is the community ID
     * @param transportKey   signs layer 4 (the node's own key)
     * @param installationId layer 3's installation ID (status-go's device ID)
     * @param shardKey       the protected shard's key for {@code meta}, if the community has one
     */
    public record Content(SigningKey communityKey, SigningKey transportKey, String installationId, String magnetUri, long clock,
                          long timestampNanos, String pubsubTopic, Optional<SigningKey> shardKey) {
    }

    /**
     * What a member reads from a message.
     *
     * @param community       the signer of layer 2, as a community ID
     * @param chat            the chat it came on
     * @param transportSigner the compressed key that signed layer 4
     */
    public record Received(CommunityId community, LinkChat chat, byte[] transportSigner, String installationId, long clock,
                           String magnetUri) {
    }

    private ArchiveLinkMessage() {
    }

    /** The message on the universal chat, as current status-go sends it. */
    public static WakuMessage build(Content content, RandomBytes random) {
        CommunityId community = content.communityKey().asCommunityId();
        byte[] payload = layer4(layer3(layer2(layer1(content.magnetUri(), content.clock()), content.communityKey()),
                content.installationId()), content.transportKey(), LinkChat.UNIVERSAL.symmetricKey(community), random);
        String contentTopic = LinkChat.UNIVERSAL.wireContentTopic(community);
        byte[] meta = content.shardKey().map(key -> key.signCompact(metaHash(content.pubsubTopic(), payload, contentTopic,
                content.timestampNanos()))).orElse(new byte[0]);
        return new WakuMessage(content.pubsubTopic(), contentTopic, payload, 1, content.timestampNanos(), meta);
    }

    static byte[] layer1(String magnetUri, long clock) {
        return CommunityMessageArchiveLink.newBuilder().setClock(clock).setArchiveLink(magnetUri).build().toByteArray();
    }

    static byte[] layer2(byte[] payload, SigningKey communityKey) {
        return ApplicationMetadataMessage.newBuilder()
                .setSignature(ByteString.copyFrom(communityKey.sign(Keccak256.hash(payload))))
                .setPayload(ByteString.copyFrom(payload))
                .setType(ApplicationMetadataMessage.Type.COMMUNITY_MESSAGE_ARCHIVE_LINK)
                .build().toByteArray();
    }

    static byte[] layer3(byte[] applicationMessage, String installationId) {
        return ProtocolMessage.newBuilder().setInstallationId(installationId)
                .setPublicMessage(ByteString.copyFrom(applicationMessage)).build().toByteArray();
    }

    static byte[] layer4(byte[] protocolMessage, SigningKey transportKey, byte[] symmetricKey, RandomBytes random) {
        return WakuPayloadV1.encrypt(protocolMessage, transportKey, symmetricKey, random);
    }

    /**
     * The hash a protected shard's key signs into {@code meta}: SHA-256 of pubsub topic ‖ payload ‖
     * content topic ‖ timestamp (8 bytes little-endian) ‖ ephemeral byte (0).
     */
    static byte[] metaHash(String pubsubTopic, byte[] payload, String contentTopic, long timestampNanos) {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            sha256.update(pubsubTopic.getBytes(StandardCharsets.UTF_8));
            sha256.update(payload);
            sha256.update(contentTopic.getBytes(StandardCharsets.UTF_8));
            sha256.update(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(timestampNanos).array());
            sha256.update((byte) 0);
            return sha256.digest();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available in this Java runtime", e);
        }
    }

    /**
     * Unwraps a message received on one of the community's link chats as a Status member does.
     * The content topic says which chat, and so which key.
     *
     * @throws NotAnArchiveLinkException for another kind of message on the universal chat (chat
     *                                   messages, reactions: every message of the community travels there)
     * @throws WakuMessageException      naming the layer and the rule that failed
     */
    public static Received read(CommunityId community, String contentTopic, byte[] payload) throws WakuMessageException {
        LinkChat chat = LinkChat.ofWireTopic(community, contentTopic);
        if (chat == null) {
            throw new WakuMessageException("the content topic is " + contentTopic + ", not one members watch for archive links: "
                    + LinkChat.UNIVERSAL.wireContentTopic(community) + " (" + LinkChat.UNIVERSAL.describe(community) + ") or "
                    + LinkChat.MAGNETLINKS.wireContentTopic(community) + " (" + LinkChat.MAGNETLINKS.describe(community) + ")");
        }
        byte[] key = chat.symmetricKey(community);
        try {
            return read(community, chat, payload, key);
        } catch (WakuMessageException e) {
            if (chat == LinkChat.UNIVERSAL && !looksLikeArchiveLink(payload, key)) {
                throw new NotAnArchiveLinkException("not an archive link (another message of the community's universal chat): "
                        + e.getMessage(), e);
            }
            throw e;
        }
    }

    private static Received read(CommunityId community, LinkChat chat, byte[] payload, byte[] key) throws WakuMessageException {
        WakuPayloadV1.Opened opened = WakuPayloadV1.open(payload, key);
        ProtocolMessage protocol;
        ApplicationMetadataMessage application;
        CommunityMessageArchiveLink link;
        try {
            protocol = ProtocolMessage.parseFrom(opened.data());
        } catch (InvalidProtocolBufferException e) {
            throw new WakuMessageException("layer 3 is not a ProtocolMessage: " + e.getMessage(), e);
        }
        if (protocol.getPublicMessage().isEmpty()) {
            throw new WakuMessageException("layer 3 carries no public_message (field 102)");
        }
        try {
            application = ApplicationMetadataMessage.parseFrom(protocol.getPublicMessage());
        } catch (InvalidProtocolBufferException e) {
            throw new WakuMessageException("layer 2 is not an ApplicationMetadataMessage: " + e.getMessage(), e);
        }
        if (application.getTypeValue() != ApplicationMetadataMessage.Type.COMMUNITY_MESSAGE_ARCHIVE_LINK_VALUE) {
            throw new WakuMessageException("layer 2 has type " + application.getTypeValue() + ", not 43 (COMMUNITY_MESSAGE_ARCHIVE_LINK)");
        }
        byte[] inner = application.getPayload().toByteArray();
        byte[] signer;
        try {
            signer = Secp256k1.recoverCompressed(Keccak256.hash(inner), application.getSignature().toByteArray());
        } catch (Secp256k1.SignatureException e) {
            throw new WakuMessageException("layer 2's signature is invalid: " + e.getMessage(), e);
        }
        CommunityId signedBy = new CommunityId(Hex.encode(signer));
        if (!signedBy.equals(community)) {
            throw new WakuMessageException("layer 2 is signed by " + signedBy.hex() + ", not by the community key; members ignore it");
        }
        try {
            link = CommunityMessageArchiveLink.parseFrom(inner);
        } catch (InvalidProtocolBufferException e) {
            throw new WakuMessageException("layer 1 is not a CommunityMessageArchiveLink: " + e.getMessage(), e);
        }
        if (link.getArchiveLink().isEmpty() || link.getArchiveLink().length() > MAX_MAGNET_URI_LENGTH) {
            throw new WakuMessageException("layer 1's archive_link is " + (link.getArchiveLink().isEmpty() ? "empty"
                    : "longer than " + MAX_MAGNET_URI_LENGTH + " characters"));
        }
        return new Received(signedBy, chat, opened.signer(), protocol.getInstallationId(), link.getClock(), link.getArchiveLink());
    }

    /**
     * Whether a message that failed the member's checks was meant as an archive link: it decrypts
     * with the chat's key and its layers 3 and 2 parse as type 43, whatever else is wrong with it.
     * Tells a broken link (worth reporting) from the community's other traffic.
     */
    static boolean looksLikeArchiveLink(byte[] payload, byte[] key) {
        try {
            byte[] data = WakuPayloadV1.dataOf(WakuPayloadV1.decrypt(payload, key));
            ProtocolMessage protocol = ProtocolMessage.parseFrom(data);
            return ApplicationMetadataMessage.parseFrom(protocol.getPublicMessage()).getTypeValue()
                    == ApplicationMetadataMessage.Type.COMMUNITY_MESSAGE_ARCHIVE_LINK_VALUE;
        } catch (WakuMessageException | InvalidProtocolBufferException | RuntimeException e) {
            return false;
        }
    }
}
