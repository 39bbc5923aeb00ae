package org.historian.ui.control;

import java.util.Comparator;
import java.util.List;

/**
 * What the archive timeline draws, immutable: the archives, the partitions not yet archived
 * (the last one growing), now and the next run. Times are unix seconds.
 *
 * @param archives  sorted by {@code from}
 * @param pending   partitions of messages not yet archived, sorted; the last may end at {@code now}
 * @param nextRun   null when nothing is scheduled
 */
public record TimelineData(List<Block> archives, List<Block> pending, long now, Long nextRun) {
    public static final TimelineData EMPTY = new TimelineData(List.of(), List.of(), 0, null);

    /**
     * One archive or one not-yet-archived partition.
     *
     * @param bytes     0 for a pending partition (its size is known once archived)
     * @param archiveId null for a pending partition
     */
    public record Block(long from, long to, long bytes, long messages, String archiveId) {
        public boolean pending() {
            return archiveId == null;
        }

        public boolean contains(long time) {
            return time >= from && time < to;
        }
    }

    public TimelineData {
        archives = archives.stream().sorted(Comparator.comparingLong(Block::from)).toList();
        pending = pending.stream().sorted(Comparator.comparingLong(Block::from)).toList();
    }

    public boolean isEmpty() {
        return archives.isEmpty() && pending.isEmpty();
    }

    /** Where the drawing starts: the first archive or pending partition, else now. */
    public long start() {
        long start = now;
        if (!archives.isEmpty()) {
            start = Math.min(start, archives.get(0).from());
        }
        if (!pending.isEmpty()) {
            start = Math.min(start, pending.get(0).from());
        }
        return start;
    }

    /** Where the drawing ends: the next run, or now, whichever is later. */
    public long end() {
        long end = now;
        if (nextRun != null) {
            end = Math.max(end, nextRun);
        }
        if (!archives.isEmpty()) {
            end = Math.max(end, archives.get(archives.size() - 1).to());
        }
        return end;
    }

    /** The largest archive, for scaling bar heights. */
    public long maxBytes() {
        return archives.stream().mapToLong(Block::bytes).max().orElse(0);
    }

    /** The largest message count of an archive or a pending partition. */
    public long maxMessages() {
        long archived = archives.stream().mapToLong(Block::messages).max().orElse(0);
        return Math.max(archived, pending.stream().mapToLong(Block::messages).max().orElse(0));
    }

    /** Index of the first archive that ends after {@code time} (binary search), or the count when none does. */
    public int firstArchiveEndingAfter(long time) {
        int low = 0;
        int high = archives.size();
        while (low < high) {
            int middle = (low + high) >>> 1;
            if (archives.get(middle).to() <= time) {
                low = middle + 1;
            } else {
                high = middle;
            }
        }
        return low;
    }

    /** The archive containing {@code time}, or -1. */
    public int archiveAt(long time) {
        int index = firstArchiveEndingAfter(time);
        return index < archives.size() && archives.get(index).contains(time) ? index : -1;
    }

    /** The pending partition containing {@code time}, or null. */
    public Block pendingAt(long time) {
        for (Block block : pending) {
            if (block.contains(time)) {
                return block;
            }
        }
        return null;
    }
}
