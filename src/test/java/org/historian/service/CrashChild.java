package org.historian.service;

import java.io.IOException;
import java.nio.file.Path;
import org.historian.archive.RunListener;
import org.historian.model.Community;
import org.historian.testing.FaultyFileSystem;
import org.historian.testing.FixtureStore;

/**
 * Runs in a child JVM: starts an archive run and, right after the named file operation, reports
 * "PAUSED" and blocks so the parent can kill it at exactly that point.
 * Arguments: data directory, community seed, start, end, interval, operation to stop after.
 */
public final class CrashChild {
    public static void main(String[] args) throws Exception {
        Path root = Path.of(args[0]);
        String stopAfter = args[5];
        FaultyFileSystem pausing = new FaultyFileSystem(-1) {
            @Override
            protected void afterStep(String name) throws IOException {
                if (name.equals(stopAfter)) {
                    System.out.println("PAUSED " + name);
                    System.out.flush();
                    System.in.read(); // the parent kills the process while it waits here
                    throw new IOException("the parent should have killed this process");
                }
            }
        };
        FixtureStore store = new FixtureStore(root, pausing);
        Community community = store.communities.find(org.historian.testing.TestData.communityId(Long.parseLong(args[1])))
                .orElseThrow();
        store.runner.run(community, Long.parseLong(args[2]), Long.parseLong(args[3]), Long.parseLong(args[4]), RunListener.NONE);
        System.out.println("FINISHED without reaching " + stopAfter);
    }
}
