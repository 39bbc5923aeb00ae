package org.historian.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run streams from SQLite to the data file: 200,000 messages of 300 bytes in one partition
 * (about 100 MB as Java objects) are archived by a JVM whose heap is capped at 48 MB.
 */
class BoundedMemoryTest {
    @TempDir
    Path temp;

    @Test
    void aPartitionLargerThanTheHeapIsArchived() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder(java, "-Xmx48m", "-cp", System.getProperty("java.class.path"),
                BoundedMemoryChild.class.getName(), temp.toString(), "200000", "300")
                .redirectErrorStream(true)
                .start();
        String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(child.waitFor(5, TimeUnit.MINUTES)).isTrue();
        assertThat(child.exitValue()).as(output).isZero();
        String[] result = output.lines().filter(line -> line.startsWith("OK ")).findFirst().orElseThrow().split(" ");
        assertThat(Integer.parseInt(result[1])).as("archives: 60,000,000 bytes of payload in two full 30,000,000-byte chunks").isEqualTo(2);
        assertThat(Long.parseLong(result[2])).isEqualTo(200_000);
        assertThat(Long.parseLong(result[3])).isLessThan(48L * 1024 * 1024);
    }
}
