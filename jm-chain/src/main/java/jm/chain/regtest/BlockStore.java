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

    /** A bad record before the end of the block file: the node must not start (and not touch it). */
    static final class CorruptBlockFileException extends IOException {
        private static final long serialVersionUID = 1L;

        CorruptBlockFileException(String message) {
            super(message);
        }
    }

    /**
     * Opens (creating) the file and returns the stored blocks. Only a torn tail (the remains of
     * one interrupted append: no complete record after the last good one) is trimmed; a bad
     * record followed by a valid one is corruption in the middle, reported with its offset, and
     * the file is left untouched.
     */
    static BlockStore open(Path file, List<byte[]> blocksOut) throws IOException {
        FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE);
        try {
            long size = ch.size();
            long pos = 0;
            List<byte[]> blocks = new ArrayList<>();
            String problem = null;
            while (pos < size) {
                problem = recordProblem(ch, pos, size);
                if (problem != null) {
                    break;
                }
                blocks.add(readRecord(ch, pos));
                pos += 12 + blocks.get(blocks.size() - 1).length;
            }
            if (pos < size) {
                long next = nextValidRecord(ch, pos + 1, size);
                if (next >= 0) {
                    throw new CorruptBlockFileException("block file " + file + " is corrupt at offset " + pos + " ("
                            + problem + ", after " + blocks.size() + " good blocks; a valid record follows at offset "
                            + next + "): not a torn tail, so the node does not start and leaves the file untouched. "
                            + "Restore it from a backup, or move it away to start a new chain");
                }
                LOG.warn("block file {}: trimming a torn tail of {} bytes at offset {} ({}) after {} blocks", file,
                        size - pos, pos, problem, blocks.size());
                ch.truncate(pos);
                ch.force(true);
            }
            ch.position(pos);
            blocksOut.addAll(blocks);
            return new BlockStore(ch);
        } catch (IOException | RuntimeException e) {
            ch.close();
            throw e;
        }
    }

    /** Why the record at {@code pos} is not a complete valid record, or null if it is. */
    private static String recordProblem(FileChannel ch, long pos, long size) throws IOException {
        ByteBuffer head = ByteBuffer.allocate(12);
        if (readFully(ch, head, pos) < 12) {
            return "incomplete record header";
        }
        head.flip();
        int magic = head.getInt();
        int len = head.getInt();
        int crc = head.getInt();
        if (magic != MAGIC) {
            return "bad record magic";
        }
        if (len <= 0 || len > MAX_BLOCK) {
            return "bad record length " + len;
        }
        if (pos + 12 + len > size) {
            return "record of " + len + " bytes runs past the end of the file";
        }
        ByteBuffer data = ByteBuffer.allocate(len);
        readFully(ch, data, pos + 12);
        CRC32C c = new CRC32C();
        c.update(data.array());
        return (int) c.getValue() == crc ? null : "checksum mismatch";
    }

    private static byte[] readRecord(FileChannel ch, long pos) throws IOException {
        ByteBuffer head = ByteBuffer.allocate(12);
        readFully(ch, head, pos);
        head.flip();
        head.getInt();
        ByteBuffer data = ByteBuffer.allocate(head.getInt());
        readFully(ch, data, pos + 12);
        return data.array();
    }

    /** Offset of the first complete valid record starting at or after {@code from}, or -1. */
    private static long nextValidRecord(FileChannel ch, long from, long size) throws IOException {
        ByteBuffer chunk = ByteBuffer.allocate(1 << 20);
        for (long start = from; start + 12 <= size; start += chunk.capacity() - 3) {
            chunk.clear();
            int n = readFully(ch, chunk, start);
            for (int i = 0; i + 4 <= n; i++) {
                if (chunk.getInt(i) == MAGIC && recordProblem(ch, start + i, size) == null) {
                    return start + i;
                }
            }
        }
        return -1;
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
