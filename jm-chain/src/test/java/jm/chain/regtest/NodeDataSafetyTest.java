package jm.chain.regtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import jm.chain.ChainException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One node per data directory, and a block file that is only ever trimmed at a torn tail. */
class NodeDataSafetyTest {
    @TempDir
    Path dir;

    @Test
    void aSecondNodeOnTheSameDirectoryIsRefusedNamingTheHolder() throws IOException {
        try (RegtestNode first = RegtestNode.start(dir, 0)) {
            String cookie = Files.readString(first.cookieFile());
            assertThatThrownBy(() -> RegtestNode.start(dir, 0)).isInstanceOf(ChainException.class)
                    .hasMessageContaining("in use by process " + ProcessHandle.current().pid())
                    .hasMessageContaining(dir.toString());
            // the refused start touched nothing: same cookie, the first node still answers
            assertThat(Files.readString(first.cookieFile())).isEqualTo(cookie);
            first.mine(1, null);
            assertThat(first.height()).isEqualTo(1);
        }
        // released on close: the directory can be used again
        try (RegtestNode again = RegtestNode.start(dir, 0)) {
            assertThat(again.height()).isEqualTo(1);
        }
    }

    /** Mines {@code blocks} blocks on a node in {@link #dir}, stops it and returns its block file. */
    private Path blockFileWith(int blocks) {
        try (RegtestNode node = RegtestNode.start(dir, 0)) {
            node.mine(blocks, null);
        }
        return dir.resolve("blocks.dat");
    }

    @Test
    void aFlippedByteInTheMiddleStopsTheNodeNamingTheOffsetAndLeavesTheFileUntouched() throws IOException {
        Path file = blockFileWith(20);
        byte[] good = Files.readAllBytes(file);
        byte[] bad = good.clone();
        int middle = bad.length / 2;
        bad[middle] ^= 0x01;
        Files.write(file, bad);
        assertThatThrownBy(() -> RegtestNode.start(dir, 0)).isInstanceOf(ChainException.class)
                .hasMessageMatching("(?s)block file .*blocks\\.dat is corrupt at offset \\d+ .*not a torn tail.*");
        assertThat(Files.readAllBytes(file)).isEqualTo(bad);
        // the refused start released the directory lock; a repaired file starts again
        Files.write(file, good);
        try (RegtestNode node = RegtestNode.start(dir, 0)) {
            assertThat(node.height()).isEqualTo(20);
        }
    }

    @Test
    void theOffsetNamedIsTheStartOfTheDamagedRecord() throws IOException {
        Path file = blockFileWith(5);
        byte[] bytes = Files.readAllBytes(file);
        // records: magic(4) length(4) crc(4) block; damage the length field of the second record
        int first = 12 + java.nio.ByteBuffer.wrap(bytes, 4, 4).getInt();
        bytes[first + 5] ^= 0x40;
        Files.write(file, bytes);
        assertThatThrownBy(() -> RegtestNode.start(dir, 0)).hasMessageContaining("corrupt at offset " + first + " ");
        assertThat(Files.readAllBytes(file)).isEqualTo(bytes);
    }

    @Test
    void aTornLastRecordIsTrimmed() throws IOException {
        Path file = blockFileWith(4);
        byte[] bytes = Files.readAllBytes(file);
        Files.write(file, Arrays.copyOf(bytes, bytes.length - 7));
        try (RegtestNode node = RegtestNode.start(dir, 0)) {
            assertThat(node.height()).isEqualTo(3);
        }
        assertThat(Files.size(file)).isLessThan(bytes.length - 7L);
    }
}
