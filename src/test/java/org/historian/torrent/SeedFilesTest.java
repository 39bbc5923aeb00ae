package org.historian.torrent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import bt.data.StorageUnit;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The seeds' shared, bounded set of open files. */
class SeedFilesTest {
    @TempDir
    Path root;

    private static String read(StorageUnit unit) {
        ByteBuffer buffer = ByteBuffer.allocate(64);
        int read = unit.readBlock(buffer, 0);
        return read < 0 ? null : new String(buffer.array(), 0, read, StandardCharsets.UTF_8);
    }

    @Test
    void manyUnitsReadThroughAFewOpenFiles() throws Exception {
        SeedFiles files = new SeedFiles(root, 3);
        List<StorageUnit> units = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            Path file = Files.writeString(root.resolve("file-" + i), "content " + i);
            units.add(files.unit(file, Files.size(file)));
        }
        for (int round = 0; round < 2; round++) {
            for (int i = 0; i < units.size(); i++) {
                assertThat(read(units.get(i))).isEqualTo("content " + i);
                assertThat(files.openCount()).isLessThanOrEqualTo(3);
            }
        }
        units.forEach(unit -> {
            try {
                unit.close();
            } catch (java.io.IOException e) {
                throw new AssertionError(e);
            }
        });
        assertThat(files.openCount()).isZero();
    }

    @Test
    void aTorrentWhoseFileWasReplacedReadsNothingRatherThanTheNewBytes() throws Exception {
        SeedFiles files = new SeedFiles(root, 1);
        Path data = Files.writeString(root.resolve("data"), "week one");
        StorageUnit old = files.unit(data, 8);
        assertThat(read(old)).isEqualTo("week one");
        Path other = Files.writeString(root.resolve("other"), "other");
        assertThat(read(files.unit(other, 5))).isEqualTo("other"); // the old one's file is closed to make room

        Path next = Files.writeString(root.resolve("data.new"), "week two");
        Files.move(next, data, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        assertThat(read(old)).as("the old torrent's bytes are gone").isNull();
        assertThat(read(files.unit(data, 8))).isEqualTo("week two");
        assertThatThrownBy(() -> old.writeBlock(ByteBuffer.allocate(1), 0)).isInstanceOf(UnsupportedOperationException.class);
    }
}
