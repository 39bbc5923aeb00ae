package org.historian.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The record of the data directory chosen in Settings: a record that cannot be used is an error, never the default directory. */
class DataDirectoryPointerTest {
    @TempDir
    Path temp;

    @Test
    void noRecordMeansNoChoiceAndAChoiceIsReadBack() throws Exception {
        DataDirectoryPointer pointer = new DataDirectoryPointer(temp.resolve("historian").resolve("data-directory"));
        assertThat(pointer.chosen()).isNull();
        pointer.choose(temp.resolve("elsewhere"));
        assertThat(pointer.chosen()).isEqualTo(temp.resolve("elsewhere"));
        pointer.choose(null);
        assertThat(pointer.chosen()).isNull();
    }

    @Test
    void aRecordThatCannotBeUsedIsAnErrorNamingTheFileAndWhatItHolds() throws Exception {
        Path file = temp.resolve("data-directory");
        Files.writeString(file, "relative/history\n");
        assertThatThrownBy(() -> new DataDirectoryPointer(file).chosen()).isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith(file + " records the data directory chosen in Settings, but it names \"relative/history\", "
                        + "not a full path")
                .hasMessageEndingWith("Fix or delete that file (the default data directory is used without it), or give --data-dir.");

        Files.writeString(file, "");
        assertThatThrownBy(() -> new DataDirectoryPointer(file).chosen()).hasMessageContaining("it names \"\", not a full path");

        Files.writeString(file, "/" + "x".repeat(DataDirectoryPointer.MAX_LENGTH));
        assertThatThrownBy(() -> new DataDirectoryPointer(file).chosen()).hasMessageContaining(file.toString())
                .hasMessageContaining("too long for a path");

        Path folder = Files.createDirectories(temp.resolve("a-folder"));
        assertThatThrownBy(() -> new DataDirectoryPointer(folder).chosen()).hasMessageContaining(folder.toString())
                .hasMessageContaining("it is not a file");
    }
}
