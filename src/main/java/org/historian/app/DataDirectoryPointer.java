package org.historian.app;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.historian.model.LocalFiles;
import org.historian.ui.UiContext;

/**
 * The data directory chosen in the window for the next start, kept in
 * {@code $XDG_CONFIG_HOME/historian/data-directory} (else {@code ~/.config/historian/...}):
 * outside any data directory, since it points at one. {@code --data-dir} still wins.
 */
final class DataDirectoryPointer implements UiContext.DataDirectoryChoice {
    static final String FILE_NAME = "data-directory";
    static final int MAX_LENGTH = 4096;

    private final Path file;

    DataDirectoryPointer(Path file) {
        this.file = file;
    }

    static DataDirectoryPointer standard() {
        String xdg = System.getenv("XDG_CONFIG_HOME");
        Path base = xdg != null && !xdg.isBlank() && Path.of(xdg).isAbsolute()
                ? Path.of(xdg)
                : Path.of(System.getProperty("user.home"), ".config");
        return new DataDirectoryPointer(base.resolve("historian").resolve(FILE_NAME));
    }

    /** The chosen directory, or null when none is chosen (or the file is unreadable or not an absolute path). */
    @Override
    public Path chosen() {
        try {
            if (!Files.isRegularFile(file) || Files.size(file) > MAX_LENGTH) {
                return null;
            }
            String text = Files.readString(file, StandardCharsets.UTF_8).strip();
            Path path = text.isEmpty() ? null : Path.of(text);
            return path != null && path.isAbsolute() ? path : null;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    @Override
    public void choose(Path directory) throws IOException {
        if (directory == null) {
            Files.deleteIfExists(file);
            return;
        }
        if (!directory.isAbsolute()) {
            throw new IllegalArgumentException("the data directory must be a full path");
        }
        if (Files.exists(directory) && !Files.isDirectory(directory)) {
            throw new IllegalArgumentException(directory + " exists and is not a directory");
        }
        LocalFiles.ensurePrivateDirectory(file.getParent());
        Path temp = file.resolveSibling(FILE_NAME + ".tmp");
        Files.writeString(temp, directory.toString() + "\n", StandardCharsets.UTF_8);
        Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
