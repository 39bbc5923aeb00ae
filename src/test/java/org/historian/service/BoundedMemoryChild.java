package org.historian.service;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.historian.archive.RunListener;
import org.historian.model.Community;
import org.historian.model.StoredMessage;
import org.historian.testing.FixtureStore;
import org.historian.testing.TestData;

/**
 * Runs in a child JVM with a small heap: stores many messages in one partition and archives
 * them. Prints "OK archives messages peakHeapBytes". Arguments: data directory, message count,
 * payload bytes.
 */
public final class BoundedMemoryChild {
    public static void main(String[] args) throws Exception {
        Path root = Path.of(args[0]);
        int count = Integer.parseInt(args[1]);
        int payloadBytes = Integer.parseInt(args[2]);
        FixtureStore store = new FixtureStore(root);
        Community community = TestData.community(77, TestData.TOPIC);
        store.communities.add(community);
        Random random = new Random(1);
        List<StoredMessage> batch = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            byte[] payload = new byte[payloadBytes];
            random.nextBytes(payload);
            batch.add(TestData.message(TestData.JAN_1_2020 + (i % 500_000), payload));
            if (batch.size() == 5_000) {
                store.messages.insert(batch);
                batch.clear();
            }
        }
        store.messages.insert(batch);
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            pool.resetPeakUsage();
        }
        RunOutcome outcome = store.runner.run(community, TestData.JAN_1_2020, TestData.JAN_1_2020 + TestData.WEEK,
                TestData.WEEK, RunListener.NONE);
        long peak = ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(pool -> pool.getType() == MemoryType.HEAP)
                .mapToLong(pool -> pool.getPeakUsage().getUsed()).sum();
        System.out.println("OK " + outcome.created().size() + " " + outcome.messagesArchived() + " " + peak);
    }
}
