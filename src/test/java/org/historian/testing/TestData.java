package org.historian.testing;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.List;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.historian.model.Keccak256;
import org.historian.model.Community;
import org.historian.model.CommunityId;
import org.historian.model.ContentTopic;
import org.historian.model.StoredMessage;

/** Deterministic communities and messages for tests. */
public final class TestData {
    private static final X9ECParameters SECP256K1 = CustomNamedCurves.getByName("secp256k1");

    public static final ContentTopic TOPIC = ContentTopic.parse("0x1a2b3c4d");
    public static final ContentTopic OTHER_TOPIC = ContentTopic.parse("0xdeadbeef");
    /** 2020-01-01T00:00:00Z, the start of status-go's archive tests. */
    public static final long JAN_1_2020 = Instant.parse("2020-01-01T00:00:00Z").getEpochSecond();
    public static final long HOUR = 3600;
    public static final long DAY = 86_400;
    public static final long WEEK = 7 * DAY;

    private TestData() {
    }

    /** The community whose private key is {@code seed}: a real compressed secp256k1 public key. */
    public static CommunityId communityId(long seed) {
        byte[] compressed = SECP256K1.getG().multiply(BigInteger.valueOf(seed)).normalize().getEncoded(true);
        return CommunityId.parse(org.historian.model.Hex.encode(compressed));
    }

    /** The private key of {@link #communityId(long)}: the seed itself. */
    public static org.historian.model.SigningKey communityKey(long seed) {
        return org.historian.model.SigningKey.of(org.bouncycastle.util.BigIntegers.asUnsignedByteArray(32, BigInteger.valueOf(seed)));
    }

    public static Community community(long seed, ContentTopic... topics) {
        return new Community(communityId(seed), "Community " + seed, List.of(topics), false, true, null);
    }

    /** A message whose hash is derived from its content, as a real envelope hash would be. */
    public static StoredMessage message(long timestamp, ContentTopic topic, byte[] payload) {
        byte[] hashInput = ByteBuffer.allocate(8 + 4 + payload.length).putLong(timestamp).put(topic.bytes()).put(payload).array();
        return new StoredMessage(new byte[0], timestamp, topic.bytes(), payload, new byte[0], Keccak256.hash(hashInput), "");
    }

    public static StoredMessage message(long timestamp, byte[] payload) {
        return message(timestamp, TOPIC, payload);
    }

    /** A message with every field set, to check that nothing is lost on the way. */
    public static StoredMessage fullMessage(long timestamp, int index) {
        byte[] payload = ("payload " + index).getBytes();
        byte[] sig = new byte[65];
        sig[0] = (byte) index;
        sig[64] = 1;
        StoredMessage base = message(timestamp, TOPIC, payload);
        return new StoredMessage(sig, timestamp, TOPIC.bytes(), payload, new byte[]{(byte) index, 7}, base.hash(),
                index % 2 == 0 ? "" : "discord-" + index);
    }
}
