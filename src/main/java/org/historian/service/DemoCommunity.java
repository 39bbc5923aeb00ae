package org.historian.service;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.historian.model.Community;
import org.historian.model.CommunityId;
import org.historian.model.ContentTopic;
import org.historian.model.Keccak256;
import org.historian.model.StoredMessage;
import org.historian.store.MessageRepository;

/**
 * A demo community with realistic traffic, deterministic from a seed: four channels with their
 * own volume (all on the universal chat, as current Status clients send them), a daily rhythm peaking in the evening (UTC), quieter weekends, quiet weeks and busy
 * ones, bursty days, and payloads from tens of bytes to a few KB. Marked as demo data everywhere.
 */
public final class DemoCommunity {
    public static final String NAME_PREFIX = "Demo · ";
    private static final String[] CHANNELS = {"general", "announcements", "dev", "random"};
    /** Messages per hour at the evening peak, per channel. */
    private static final double[] PEAK_RATE = {14, 0.25, 6, 4};
    private static final int BATCH = 5_000;

    /**
     * @param end   the generated history ends here (exclusive), to the hour
     * @param weeks how many weeks of history
     */
    public record Spec(String name, long seed, Instant end, int weeks) {
        public Spec {
            if (weeks < 1 || weeks > 520) {
                throw new IllegalArgumentException("weeks must be between 1 and 520");
            }
            name = Community.validateName(name);
        }

        public static Spec defaults(Instant now) {
            return new Spec("Historian Playground", 1, now, 26);
        }
    }

    private DemoCommunity() {
    }

    /**
     * The demo community of a seed: a real secp256k1 key and, as for a current Status community,
     * no topic but its universal chat's, which carries the traffic of all its channels.
     */
    public static Community community(Spec spec) {
        CommunityId id = key(spec.seed()).asCommunityId();
        return new Community(id, NAME_PREFIX + spec.name(), List.of(), false, true, null, Community.DEFAULT_PUBSUB_TOPIC, true);
    }

    /** The demo community's private key: made up from the seed, so anyone can sign for a demo community. */
    public static org.historian.model.SigningKey key(long seed) {
        BigInteger key = new BigInteger(1, Keccak256.hash(("historian demo community " + seed).getBytes(StandardCharsets.UTF_8)))
                .mod(org.historian.model.Secp256k1.order().subtract(BigInteger.ONE)).add(BigInteger.ONE);
        return org.historian.model.SigningKey.of(org.bouncycastle.util.BigIntegers.asUnsignedByteArray(32, key));
    }

    /** Observes a generation; called every few thousand messages. */
    public interface Listener {
        Listener NONE = (generated, fraction) -> {
        };

        void progress(long generated, double fraction);
    }

    /** Fills the store with the demo community's messages; returns how many were new. */
    public static long generate(Spec spec, MessageRepository messages, Listener listener) {
        Community community = community(spec);
        SplittableRandom random = new SplittableRandom(spec.seed());
        long end = spec.end().getEpochSecond() / 3600 * 3600;
        long start = end - spec.weeks() * Duration.ofDays(7).toSeconds();
        List<StoredMessage> batch = new ArrayList<>(BATCH);
        long stored = 0;
        long index = 0;
        for (int week = 0; week < spec.weeks(); week++) {
            double weekFactor = random.nextDouble() < 0.12 ? 0.05 : random.nextDouble() < 0.15 ? 2.2 : 1.0;
            for (int day = 0; day < 7; day++) {
                long dayStart = start + (week * 7L + day) * 86_400;
                DayOfWeek weekday = ZonedDateTime.ofInstant(Instant.ofEpochSecond(dayStart), ZoneOffset.UTC).getDayOfWeek();
                double dayFactor = weekFactor * (weekday == DayOfWeek.SATURDAY || weekday == DayOfWeek.SUNDAY ? 0.6 : 1.0)
                        * (random.nextDouble() < 0.05 ? 6.0 : 1.0);
                for (int hour = 0; hour < 24; hour++) {
                    double rhythm = dailyRhythm(hour);
                    for (int channel = 0; channel < CHANNELS.length; channel++) {
                        int count = poisson(random, PEAK_RATE[channel] * rhythm * dayFactor);
                        for (int i = 0; i < count; i++) {
                            long timestamp = dayStart + hour * 3600L + random.nextInt(3600);
                            batch.add(message(community.universalTopic(), timestamp, payloadSize(random, channel), random,
                                    spec.seed(), index++));
                            if (batch.size() == BATCH) {
                                stored += messages.insert(batch).inserted();
                                batch.clear();
                                listener.progress(index, (double) (week * 7 + day + 1) / (spec.weeks() * 7));
                            }
                        }
                    }
                }
            }
        }
        stored += messages.insert(batch).inserted();
        listener.progress(index, 1.0);
        return stored;
    }

    /**
     * Messages "arriving now" for a running demo: none to a few, on random channels, weighted by
     * the time of day like the history.
     */
    public static List<StoredMessage> arriving(Community community, Instant at, SplittableRandom random) {
        int hour = ZonedDateTime.ofInstant(at, ZoneOffset.UTC).getHour();
        List<StoredMessage> arrived = new ArrayList<>();
        int count = poisson(random, 1.5 * (0.3 + dailyRhythm(hour)));
        for (int i = 0; i < count; i++) {
            int channel = random.nextInt(CHANNELS.length);
            arrived.add(message(community.universalTopic(), at.getEpochSecond(), payloadSize(random, channel),
                    random, random.nextLong(), random.nextLong()));
        }
        return arrived;
    }

    /** Activity through a UTC day: quiet at night, rising in the morning, highest in the evening. */
    static double dailyRhythm(int hour) {
        double phase = Math.cos(2 * Math.PI * (hour - 19) / 24.0);
        return 0.08 + 0.92 * Math.pow((1 + phase) / 2, 2);
    }

    private static int poisson(SplittableRandom random, double mean) {
        double limit = Math.exp(-mean);
        int count = 0;
        double product = random.nextDouble();
        while (product > limit) {
            count++;
            product *= random.nextDouble();
        }
        return count;
    }

    /** Log-normal sizes: tens of bytes to a few KB; announcements run longer. */
    private static int payloadSize(SplittableRandom random, int channel) {
        double mu = channel == 1 ? 7.0 : 5.3;
        double size = Math.exp(mu + 0.9 * gaussian(random));
        return (int) Math.max(20, Math.min(4096, size));
    }

    private static double gaussian(SplittableRandom random) {
        return Math.sqrt(-2 * Math.log(1 - random.nextDouble())) * Math.cos(2 * Math.PI * random.nextDouble());
    }

    private static StoredMessage message(ContentTopic topic, long timestamp, int size, SplittableRandom random, long seed, long index) {
        // Encrypted payloads look like noise, and so does this.
        byte[] payload = new byte[size];
        for (int i = 0; i < size; i += 8) {
            long value = random.nextLong();
            for (int b = 0; b < 8 && i + b < size; b++) {
                payload[i + b] = (byte) (value >>> (8 * b));
            }
        }
        byte[] hash = Keccak256.hash(ByteBuffer.allocate(16).putLong(seed).putLong(index).array());
        return new StoredMessage(new byte[0], timestamp, topic.bytes(), payload, new byte[0], hash, "");
    }
}
