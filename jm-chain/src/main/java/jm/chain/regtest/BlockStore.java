package jm.chain.regtest;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32C;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Append-only file of serialized blocks. Record: magic (4) | length (4, big-endian) |
 * CRC32C of the block (4) | block bytes. Appends are followed by an fsync ({@link #sync}). On
 * open, records are replayed until the first torn or corrupt one, where the file is truncated:
 * a crash mid-append loses at most the block being written.
 */
final class BlockStore implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(BlockStore.class);
    private static final int MAGIC = 0x4a4d5242; // "JMRB"
    private static final int MAX_BLOCK = 64 << 20;

    private final FileChannel ch;

    private BlockStore(FileChannel ch) {
        this.ch = ch;
    }

    /** Opens (creating) the file and returns the stored blocks, dropping a torn tail. */
    static BlockStore open(Path file, List<byte[]> blocksOut) throws IOException {
        FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE);
        long size = ch.size();
        long pos = 0;
        ByteBuffer head = ByteBuffer.allocate(12);
        List<byte[]> blocks = new ArrayList<>();
        while (pos < size) {
            head.clear();
            if (readFully(ch, head, pos) < 12) {
                break;
            }
            head.flip();
            int magic = head.getInt();
            int len = head.getInt();
            int crc = head.getInt();
            if (magic != MAGIC || len <= 0 || len > MAX_BLOCK || pos + 12 + len > size) {
                break;
            }
            ByteBuffer data = ByteBuffer.allocate(len);
            if (readFully(ch, data, pos + 12) < len) {
                break;
            }
            CRC32C c = new CRC32C();
            c.update(data.array());
            if ((int) c.getValue() != crc) {
                break;
            }
            blocks.add(data.array());
            pos += 12 + len;
        }
        if (pos < size) {
            LOG.warn("block file {}: ignoring {} bytes of torn or corrupt tail after {} blocks", file, size - pos,
                    blocks.size());
            ch.truncate(pos);
            ch.force(true);
        }
        ch.position(pos);
        blocksOut.addAll(blocks);
        return new BlockStore(ch);
    }

    private static int readFully(FileChannel ch, ByteBuffer buf, long pos) throws IOException {
        int total = 0;
        while (buf.hasRemaining()) {
            int n = ch.read(buf, pos + total);
            if (n < 0) {
                break;
            }
            total += n;
        }
        return total;
    }

    /** Appends one block (not yet durable until {@link #sync}). */
    void append(byte[] block) throws IOException {
        CRC32C c = new CRC32C();
        c.update(block);
        ByteBuffer buf = ByteBuffer.allocate(12 + block.length);
        buf.putInt(MAGIC).putInt(block.length).putInt((int) c.getValue()).put(block).flip();
        while (buf.hasRemaining()) {
            ch.write(buf);
        }
    }

    void sync() throws IOException {
        ch.force(false);
    }

    @Override
    public void close() throws IOException {
        ch.close();
    }
}
