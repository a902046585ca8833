package jm.wallet.store;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Crash-safe file replacement: write a temporary file (mode 0600) in the target's directory,
 * fsync it, rename it atomically over the target, fsync the directory. A reader therefore sees
 * either the old or the new content, never a mix. Leftover temporary files (from a crash) are
 * named {@code .<target>.<random>.tmp}, ignored by readers and removed by the next write.
 */
public final class AtomicFiles {
    private static final Set<PosixFilePermission> OWNER_RW = PosixFilePermissions.fromString("rw-------");
    private static final Set<PosixFilePermission> OWNER_RWX = PosixFilePermissions.fromString("rwx------");

    /** Called after each step; a test hook may throw to simulate a crash at that point. */
    @FunctionalInterface
    public interface StepHook {
        StepHook NONE = step -> { };

        void after(WriteStep step) throws IOException;
    }

    private final StepHook hook;

    public AtomicFiles(StepHook hook) {
        this.hook = hook;
    }

    public static AtomicFiles standard() {
        return new AtomicFiles(StepHook.NONE);
    }

    /** Replaces (or creates) {@code target} with {@code content}, mode 0600. */
    public void write(Path target, byte[] content) throws IOException {
        write(target, content, false);
    }

    /** Creates {@code target}; fails with {@link FileAlreadyExistsException} if it exists. */
    public void create(Path target, byte[] content) throws IOException {
        write(target, content, true);
    }

    private void write(Path target, byte[] content, boolean mustNotExist) throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        createPrivateDirectories(dir);
        if (mustNotExist && Files.exists(target)) {
            throw new FileAlreadyExistsException(target.toString());
        }
        removeStaleTemps(dir, target.getFileName().toString());
        Path tmp = createTemp(dir, target.getFileName().toString());
        hook.after(WriteStep.TEMP_CREATED);
        try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
            int half = content.length / 2;
            writeFully(ch, ByteBuffer.wrap(content, 0, half));
            hook.after(WriteStep.TEMP_HALF_WRITTEN);
            writeFully(ch, ByteBuffer.wrap(content, half, content.length - half));
            hook.after(WriteStep.TEMP_WRITTEN);
            ch.force(true);
        }
        hook.after(WriteStep.TEMP_SYNCED);
        if (mustNotExist && Files.exists(target)) {
            Files.deleteIfExists(tmp);
            throw new FileAlreadyExistsException(target.toString());
        }
        try {
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.deleteIfExists(tmp);
            throw new IOException("file system cannot rename atomically in " + dir, e);
        }
        hook.after(WriteStep.RENAMED);
        syncDirectory(dir);
        hook.after(WriteStep.DIR_SYNCED);
    }

    private static void writeFully(FileChannel ch, ByteBuffer buf) throws IOException {
        while (buf.hasRemaining()) {
            ch.write(buf);
        }
    }

    private static Path createTemp(Path dir, String name) throws IOException {
        if (supportsPosix(dir)) {
            FileAttribute<Set<PosixFilePermission>> attr = PosixFilePermissions.asFileAttribute(OWNER_RW);
            return Files.createTempFile(dir, "." + name + ".", ".tmp", attr);
        }
        return Files.createTempFile(dir, "." + name + ".", ".tmp");
    }

    /**
     * Writes a file that only its owner may read (mode 0600 where the file system has modes): a
     * new file is created with that mode, an existing one is set to it before it is written.
     *
     * @param mustNotExist fail with {@link FileAlreadyExistsException} if it exists
     */
    public static void writePrivate(Path file, byte[] content, boolean mustNotExist) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        if (dir != null) {
            Files.createDirectories(dir);
        }
        boolean posix = supportsPosix(dir);
        if (mustNotExist || !Files.exists(file)) {
            if (posix) {
                Files.createFile(file, PosixFilePermissions.asFileAttribute(OWNER_RW));
            } else {
                Files.createFile(file);
            }
        } else {
            ownerOnly(file);
        }
        Files.write(file, content, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING);
    }

    /** Sets mode 0600 on an existing file (where the file system has modes). */
    public static void ownerOnly(Path file) throws IOException {
        if (supportsPosix(file.toAbsolutePath().getParent())) {
            Files.setPosixFilePermissions(file, OWNER_RW);
        }
    }

    /** Whether {@code file} is a leftover temporary file of some target. */
    public static boolean isTemp(Path file) {
        String n = file.getFileName().toString();
        return n.startsWith(".") && n.endsWith(".tmp");
    }

    private static void removeStaleTemps(Path dir, String name) {
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir, "." + name + ".*.tmp")) {
            for (Path p : ds) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            // best effort: a leftover temporary file is harmless
        }
    }

    /** Creates {@code dir} (and parents) with mode 0700 where the file system supports it. */
    public static void createPrivateDirectories(Path dir) throws IOException {
        if (Files.isDirectory(dir)) {
            return;
        }
        Path parent = dir.getParent();
        if (parent != null && !Files.isDirectory(parent)) {
            Files.createDirectories(parent);
        }
        try {
            if (supportsPosix(parent == null ? dir.getRoot() : parent)) {
                Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(OWNER_RWX));
            } else {
                Files.createDirectory(dir);
            }
        } catch (FileAlreadyExistsException e) {
            // raced with another creator: fine
        }
    }

    private static boolean supportsPosix(Path p) {
        return p != null && p.getFileSystem().supportedFileAttributeViews().contains("posix");
    }

    private static void syncDirectory(Path dir) {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException e) {
            // some platforms cannot open directories; the rename is still atomic
        }
    }
}
