package jm.wallet.store;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import jm.wallet.errors.WalletException;

/**
 * The exclusive writer lock of one wallet: an OS file lock ({@link FileChannel#tryLock()}) on
 * {@code <name>.lock} beside the wallet file. Only the holder writes the wallet's state, so its
 * in-memory state is always what is on disk and no save can drop a record written by someone
 * else. The operating system releases the lock when the process exits, also on {@code kill -9},
 * so a stale lock file never blocks anybody; the file itself stays and only names the last
 * holder (pid and command) for the error a second writer gets.
 */
public final class WalletLock implements AutoCloseable {
    /** What this process is, for the error another writer gets ("jm maker start"). */
    private static volatile String processDescription = "a java process";

    private final Path file;
    private final FileChannel channel;
    private final FileLock lock;

    private WalletLock(Path file, FileChannel channel, FileLock lock) {
        this.file = file;
        this.channel = channel;
        this.lock = lock;
    }

    /** Names this process in lock files (the CLI sets the command, e.g. {@code jm maker start}). */
    public static void describeThisProcess(String description) {
        if (description != null && !description.isBlank()) {
            processDescription = description.strip();
        }
    }

    /**
     * Takes the lock or fails at once.
     *
     * @throws WalletInUseException if another process (or another open wallet of this process)
     *                              holds it; the message names that holder
     * @throws WalletFileException  if the lock file cannot be created or locked
     */
    public static WalletLock acquire(Path lockFile, String walletName) {
        FileChannel ch = null;
        try {
            AtomicFiles.createPrivateDirectories(lockFile.toAbsolutePath().getParent());
            ch = openChannel(lockFile);
            FileLock l;
            try {
                l = ch.tryLock();
            } catch (OverlappingFileLockException e) {
                ch.close();
                throw new WalletInUseException(walletName, "this process (pid " + ProcessHandle.current().pid() + ")");
            }
            if (l == null) {
                ch.close();
                throw new WalletInUseException(walletName, holder(lockFile));
            }
            String who = processDescription + " (pid " + ProcessHandle.current().pid() + ")";
            ch.truncate(0);
            ch.write(ByteBuffer.wrap((who + "\n").getBytes(StandardCharsets.UTF_8)), 0);
            ch.force(false);
            return new WalletLock(lockFile, ch, l);
        } catch (AccessDeniedException e) {
            closeQuietly(ch);
            throw new WalletFileException("cannot lock wallet '" + walletName + "': permission denied: " + lockFile, e);
        } catch (IOException e) {
            closeQuietly(ch);
            throw new WalletFileException("cannot lock wallet '" + walletName + "' (" + lockFile + "): "
                    + e.getMessage(), e);
        }
    }

    private static FileChannel openChannel(Path lockFile) throws IOException {
        Set<StandardOpenOption> opts = Set.of(StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE);
        if (lockFile.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            return FileChannel.open(lockFile, opts,
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        }
        return FileChannel.open(lockFile, opts);
    }

    /** Who holds the lock, as its holder wrote it into the lock file. */
    static String holder(Path lockFile) {
        try {
            String s = Files.readString(lockFile, StandardCharsets.UTF_8).strip();
            if (s.isEmpty() || s.length() > 300 || s.chars().anyMatch(c -> c < 0x20)) {
                return "another process";
            }
            return s;
        } catch (IOException e) {
            return "another process";
        }
    }

    private static void closeQuietly(FileChannel ch) {
        if (ch != null) {
            try {
                ch.close();
            } catch (IOException ignored) {
                // nothing to release
            }
        }
    }

    /** Whether this lock is still held (by this process). */
    public boolean isHeld() {
        return lock.isValid();
    }

    public Path file() {
        return file;
    }

    /** Releases the lock (the file stays: deleting it could let two writers lock different files). */
    @Override
    public void close() {
        try {
            if (lock.isValid()) {
                lock.release();
            }
        } catch (IOException ignored) {
            // closing the channel below releases it too
        }
        closeQuietly(channel);
    }

    @Override
    public String toString() {
        return "WalletLock[" + file + (isHeld() ? ", held" : ", released") + "]";
    }
}
