package org.historian.testing;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.historian.archive.ArchiveFolder;
import org.historian.archive.ArchiveRunRequest;
import org.historian.archive.ArchiveRunResult;
import org.historian.archive.ArchiveWriter;
import org.historian.archive.DiskFileSystem;
import org.historian.archive.RunListener;
import org.historian.model.CommunityId;
import org.historian.model.StoredMessage;

/** Real archive folders written by the real writer, week by week. */
public final class ArchiveFolders {
    private ArchiveFolders() {
    }

    /** Messages of random payloads spread over {@code weeks} weeks from 2020-01-01, about {@code bytesPerWeek} a week. */
    public static List<StoredMessage> weeksOfMessages(int weeks, int bytesPerWeek, long seed) {
        Random random = new Random(seed);
        List<StoredMessage> messages = new ArrayList<>();
        int payload = 1000;
        int perWeek = Math.max(1, bytesPerWeek / payload);
        for (int week = 0; week < weeks; week++) {
            for (int i = 0; i < perWeek; i++) {
                byte[] bytes = new byte[payload];
                random.nextBytes(bytes);
                long timestamp = TestData.JAN_1_2020 + week * TestData.WEEK + (long) i * (TestData.WEEK / perWeek);
                messages.add(TestData.message(timestamp, bytes));
            }
        }
        return messages;
    }

    /** Archives weeks {@code [fromWeek, toWeek)} of {@code messages} into the community's folder under {@code root}. */
    public static ArchiveRunResult archiveWeeks(Path root, CommunityId community, List<StoredMessage> messages, int fromWeek,
                                                int toWeek) throws IOException {
        ArchiveFolder folder = ArchiveFolder.of(root, community);
        ArchiveRunRequest request = new ArchiveRunRequest(community, List.of(TestData.TOPIC),
                TestData.JAN_1_2020 + fromWeek * TestData.WEEK, TestData.JAN_1_2020 + toWeek * TestData.WEEK, TestData.WEEK, false);
        return new ArchiveWriter(new DiskFileSystem()).run(folder, request, new ListSource(messages), RunListener.NONE);
    }
}
