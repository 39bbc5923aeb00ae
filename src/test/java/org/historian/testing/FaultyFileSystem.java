package org.historian.testing;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.historian.archive.ArchiveFileSystem;
import org.historian.archive.DiskFileSystem;

/**
 * The real file system, except that the N-th mutating operation fails (a write fails half-way,
 * as on a full disk). Records every mutating operation so a test can fail each one in turn.
 */
public class FaultyFileSystem implements ArchiveFileSystem {
    private final DiskFileSystem disk = new DiskFileSystem();
    private final int failAt;
    private int operation;
    public final List<String> operations = new ArrayList<>();

    /** @param failAt index of the operation to fail, or -1 to only record */
    public FaultyFileSystem(int failAt) {
        this.failAt = failAt;
    }

    /** Called before each mutating operation; fails or pauses as the subclass decides. */
    protected void step(String name) throws IOException {
        operations.add(name);
        if (operation++ == failAt) {
            throw new IOException("injected failure at " + name);
        }
    }

    /** Called after each mutating operation succeeded; a subclass may stop the process here. */
    protected void afterStep(String name) throws IOException {
    }

    private boolean failsNow() {
        return operation == failAt;
    }

    @Override
    public boolean exists(Path path) {
        return disk.exists(path);
    }

    @Override
    public long size(Path path) throws IOException {
        return disk.size(path);
    }

    @Override
    public void createPrivateDirectories(Path directory) throws IOException {
        step("mkdir " + directory.getFileName());
        disk.createPrivateDirectories(directory);
        afterStep("mkdir " + directory.getFileName());
    }

    @Override
    public OutputFile append(Path path) throws IOException {
        step("open-append " + path.getFileName());
        return wrap(path, disk.append(path));
    }

    @Override
    public OutputFile create(Path path) throws IOException {
        step("create " + path.getFileName());
        return wrap(path, disk.create(path));
    }

    private OutputFile wrap(Path path, OutputFile file) {
        return new OutputFile() {
            @Override
            public void write(byte[] bytes, int offset, int length) throws IOException {
                if (failsNow() && length > 1) {
                    file.write(bytes, offset, length / 2); // a short write before the failure
                }
                step("write " + path.getFileName());
                file.write(bytes, offset, length);
                afterStep("write " + path.getFileName());
            }

            @Override
            public void sync() throws IOException {
                step("sync " + path.getFileName());
                file.sync();
                afterStep("sync " + path.getFileName());
            }

            @Override
            public void close() throws IOException {
                file.close();
            }
        };
    }

    @Override
    public void atomicReplace(Path source, Path target) throws IOException {
        step("rename " + source.getFileName() + " -> " + target.getFileName());
        disk.atomicReplace(source, target);
        afterStep("rename " + source.getFileName() + " -> " + target.getFileName());
    }

    @Override
    public void truncate(Path path, long length) throws IOException {
        disk.truncate(path, length);
    }

    @Override
    public void deleteIfExists(Path path) throws IOException {
        disk.deleteIfExists(path);
    }

    @Override
    public byte[] readAll(Path path, long limit) throws IOException {
        return disk.readAll(path, limit);
    }

    @Override
    public InputStream openRead(Path path, long position) throws IOException {
        return disk.openRead(path, position);
    }
}
