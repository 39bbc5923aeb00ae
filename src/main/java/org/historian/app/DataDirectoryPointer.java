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

    /**
     * The chosen directory, or null when none is chosen (no file).
     *
     * @throws IllegalStateException when the file exists but cannot be used: opening the default
     *                               data directory instead would silently show another history
     */
    @Override
    public Path chosen() {
        if (Files.notExists(file, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return null;
        }
        String text;
        try {
            if (!Files.isRegularFile(file)) {
                throw unusable("it is not a file");
            }
            long size = Files.size(file);
            if (size > MAX_LENGTH) {
                throw unusable("it is " + size + " bytes, too long for a path");
            }
            text = Files.readString(file, StandardCharsets.UTF_8).strip();
        } catch (IOException | RuntimeException e) {
            if (e instanceof IllegalStateException unusable) {
                throw unusable;
            }
            throw unusable("it cannot be read (" + e.getMessage() + ")");
        }
        Path path;
        try {
            path = text.isEmpty() ? null : Path.of(text);
        } catch (java.nio.file.InvalidPathException e) {
            throw unusable("it names \"" + CommandLineSupport.printable(text) + "\", which is not a valid path");
        }
        if (path == null || !path.isAbsolute()) {
            throw unusable("it names \"" + CommandLineSupport.printable(text) + "\", not a full path");
        }
        return path;
    }

    private IllegalStateException unusable(String why) {
        return new IllegalStateException(file + " records the data directory chosen in Settings, but " + why
                + ". Fix or delete that file (the default data directory is used without it), or give --data-dir.");
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
