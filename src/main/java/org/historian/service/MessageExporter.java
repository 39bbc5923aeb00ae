package org.historian.service;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.historian.model.Community;
import org.historian.model.Cursor;
import org.historian.model.StoredMessage;
import org.historian.store.MessageRepository;
import org.historian.waku.NdjsonFormat;

/**
 * Writes a community's stored messages as NDJSON (spec §11), oldest first (then by hash): the
 * format import reads, so export, import and export again give the same bytes.
 */
public final class MessageExporter {
    private final MessageRepository messages;
    private final Path dataRoot;

    /** @param dataRoot the data directory: nothing is ever exported into it */
    public MessageExporter(MessageRepository messages, Path dataRoot) {
        this.messages = messages;
        this.dataRoot = dataRoot;
    }

    /** What an export to a file did. */
    public record FileExport(long messages, boolean cancelled) {
    }

    /**
     * Exports into a file that appears only when complete (a temporary file beside it is renamed).
     * Refuses any path inside the data directory (the database, keys and archives live there),
     * and an existing file unless {@code overwrite}.
     */
    public FileExport exportToFile(Community community, long from, long to, Path target, boolean overwrite, Listener listener)
            throws IOException {
        Path resolved = requireOutsideDataDirectory(target);
        if (Files.exists(resolved, LinkOption.NOFOLLOW_LINKS) && !overwrite) {
            throw new IllegalArgumentException(target + " already exists; choose another file, or give --force to replace it");
        }
        if (Files.isDirectory(resolved)) {
            throw new IllegalArgumentException(target + " is a directory; give the name of the file to write");
        }
        Path temp = Files.createTempFile(resolved.getParent(), "." + resolved.getFileName(), ".part");
        long written;
        try {
            try (OutputStream output = Files.newOutputStream(temp)) {
                written = export(community, from, to, output, listener);
            }
            if (listener.cancelled()) {
                Files.deleteIfExists(temp);
                return new FileExport(written, true);
            }
            if (overwrite) {
                Files.move(temp, resolved, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } else {
                Files.move(temp, resolved);
            }
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(temp);
            throw e;
        }
        return new FileExport(written, false);
    }

    /**
     * The target with its folder's links resolved, if neither it nor what it links to lies inside
     * the data directory.
     */
    private Path requireOutsideDataDirectory(Path target) throws IOException {
        Path absolute = target.toAbsolutePath().normalize();
        Path parent = absolute.getParent();
        if (parent == null || absolute.getFileName() == null) {
            throw new IllegalArgumentException(target + " is not a file name");
        }
        if (!Files.isDirectory(parent)) {
            throw new java.nio.file.NoSuchFileException(parent.toString(), null, "the folder to export into does not exist");
        }
        Path resolved = parent.toRealPath().resolve(absolute.getFileName());
        Path linkedTo = Files.isSymbolicLink(resolved) && Files.exists(resolved) ? resolved.toRealPath() : resolved;
        Path root = Files.exists(dataRoot) ? dataRoot.toRealPath() : dataRoot.toAbsolutePath().normalize();
        if (resolved.startsWith(root) || linkedTo.startsWith(root)) {
            throw new IllegalArgumentException(target + " is inside the data directory " + root + ", which holds the database, "
                    + "the keys and the archives; export to a file outside it");
        }
        return resolved;
    }

    /** Observes and may cancel an export. */
    public interface Listener {
        Listener NONE = new Listener() {
        };

        default void progress(long exported) {
        }

        default boolean cancelled() {
            return false;
        }
    }

    /** @return the number of messages written; a cancelled export stops after a whole line */
    public long export(Community community, long from, long to, OutputStream output, Listener listener) throws IOException {
        BufferedWriter out = new BufferedWriter(new OutputStreamWriter(output, StandardCharsets.UTF_8), 1 << 16);
        long exported = 0;
        try (Cursor<StoredMessage> cursor = messages.cursor(community.topics(), from, to)) {
            StoredMessage message;
            while ((message = cursor.next()) != null) {
                out.write(NdjsonFormat.format(message));
                out.write('\n');
                if (++exported % 10_000 == 0) {
                    listener.progress(exported);
                    if (listener.cancelled()) {
                        break;
                    }
                }
            }
        }
        out.flush();
        listener.progress(exported);
        return exported;
    }
}
