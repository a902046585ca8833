package jm.chain.regtest;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import jm.chain.ChainException;

/**
 * An exclusive OS lock on a node's data directory ({@code <dir>/.lock}, holding the owner's
 * process id), so a second node on the same directory is refused instead of overwriting the
 * cookie and forking {@code blocks.dat}. The OS drops the lock when the process dies.
 */
final class DataDirLock implements AutoCloseable {
    static final String FILE = ".lock";

    private final FileChannel ch;
    private final FileLock lock;

    private DataDirLock(FileChannel ch, FileLock lock) {
        this.ch = ch;
        this.lock = lock;
    }

    /**
     * Takes the lock.
     *
     * @throws ChainException naming the process that holds it
     */
    static DataDirLock acquire(Path dataDir) throws IOException {
        Files.createDirectories(dataDir);
        Path file = dataDir.resolve(FILE);
        FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE);
        FileLock lock;
        try {
            lock = ch.tryLock();
        } catch (OverlappingFileLockException e) {
            lock = null; // held by this very process (another node object)
        }
        if (lock == null) {
            String holder = holder(ch);
            ch.close();
            throw new ChainException("regtest node data directory " + dataDir + " is in use by "
                    + (holder.isEmpty() ? "another process" : "process " + holder) + " (lock " + file
                    + "); stop that node first or use another --data-dir");
        }
        ch.truncate(0);
        ch.write(ByteBuffer.wrap((ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.US_ASCII)), 0);
        ch.force(false);
        return new DataDirLock(ch, lock);
    }

    private static String holder(FileChannel ch) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(32);
        int n = ch.read(b, 0);
        return n <= 0 ? "" : new String(b.array(), 0, n, StandardCharsets.US_ASCII).trim();
    }

    @Override
    public void close() throws IOException {
        try {
            lock.release();
        } finally {
            ch.close();
        }
    }
}
