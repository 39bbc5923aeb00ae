package org.historian.archive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The fsync of a folder after a rename, which the crash-safety order relies on: a failure is reported, not swallowed. */
class DirectorySyncTest {
    @TempDir
    Path temp;

    /** A channel whose force fails, as a folder's fsync fails on a disk that went away. */
    private FileChannel failingChannel() throws IOException {
        FileChannel channel = FileChannel.open(Files.writeString(temp.resolve("stand-in"), "x"), StandardOpenOption.READ);
        channel.close();
        return channel;
    }

    @Test
    void aFailedFolderFsyncAfterARenameIsAnErrorNamingTheFolder() throws Exception {
        Path source = Files.writeString(temp.resolve("index.tmp"), "new");
        Path target = Files.writeString(temp.resolve("index"), "old");
        DiskFileSystem files = new DiskFileSystem(path -> failingChannel(), true);
        assertThatThrownBy(() -> files.atomicReplace(source, target)).isInstanceOf(IOException.class)
                .hasMessageContaining("the folder " + temp.toAbsolutePath() + " could not be synced to disk after a rename")
                .hasMessageContaining("may not survive a crash");
        assertThat(Files.readString(target)).as("the rename itself happened").isEqualTo("new");
    }

    @Test
    void aFolderThatCannotBeOpenedIsAnErrorWhereFoldersOpenAndIgnoredWhereTheyNeverDo() throws Exception {
        Path target = temp.resolve("index");
        DiskFileSystem linux = new DiskFileSystem(path -> {
            throw new AccessDeniedException(path.toString());
        }, true);
        assertThatThrownBy(() -> linux.atomicReplace(Files.writeString(temp.resolve("a.tmp"), "a"), target))
                .hasMessageContaining("cannot open the folder " + temp.toAbsolutePath() + " to make a rename in it durable");
        DiskFileSystem windows = new DiskFileSystem(path -> {
            throw new AccessDeniedException(path.toString());
        }, false);
        windows.atomicReplace(Files.writeString(temp.resolve("b.tmp"), "b"), target);
        assertThat(Files.readString(target)).isEqualTo("b");
    }

    @Test
    void theRealFolderFsyncSucceeds() throws Exception {
        Path target = temp.resolve("index");
        new DiskFileSystem().atomicReplace(Files.writeString(temp.resolve("c.tmp"), "c"), target);
        assertThat(Files.readString(target)).isEqualTo("c");
    }
}
