package org.historian.archive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ArchiveFormatTest {
    private static final int PIECE = ArchiveFormat.PIECE_LENGTH;

    @Test
    void padsToTheNextPieceBoundary() {
        assertThat(ArchiveFormat.paddingFor(1)).isEqualTo(PIECE - 1);
        assertThat(ArchiveFormat.paddingFor(PIECE - 1)).isEqualTo(1);
        assertThat(ArchiveFormat.paddingFor(PIECE + 1)).isEqualTo(PIECE - 1);
        assertThat(ArchiveFormat.paddingFor(3L * PIECE + 500)).isEqualTo(PIECE - 500);
    }

    @Test
    void exactMultiplesGetNoPaddingUnlikeStatusGo() {
        // status-go would add a whole extra piece for 2 * PIECE; Historian pads to the next multiple only.
        assertThat(ArchiveFormat.paddingFor(PIECE)).isZero();
        assertThat(ArchiveFormat.paddingFor(2L * PIECE)).isZero();
    }

    @Test
    void anArchiveIsNeverEmpty() {
        assertThatThrownBy(() -> ArchiveFormat.paddingFor(0)).isInstanceOf(IllegalArgumentException.class);
    }
}
