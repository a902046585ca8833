package jm.net.tor;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * The private key of an onion service in Tor's control-port form {@code ED25519-V3:<base64>}
 * (the 64-byte expanded key). A secret: {@link #toString()} is redacted, the file is written with
 * mode 0600, and the value is never logged. Persisting it lets a directory or maker keep its
 * onion address across restarts.
 */
public final class OnionServiceKey {
    /** Key type prefix of v3 onion keys. */
    public static final String TYPE = "ED25519-V3";
    private static final Set<PosixFilePermission> OWNER_RW =
            EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);

    private final String blob;

    private OnionServiceKey(String blob) {
        this.blob = blob;
    }

    /** Parses {@code ED25519-V3:<base64 of 64 bytes>}. */
    public static OnionServiceKey parse(String s) throws IOException {
        String t = s == null ? "" : s.strip();
        if (!t.startsWith(TYPE + ":")) {
            throw new IOException("onion key must start with " + TYPE + ":");
        }
        byte[] raw;
        try {
            raw = Base64.getDecoder().decode(t.substring(TYPE.length() + 1));
        } catch (IllegalArgumentException e) {
            throw new IOException("onion key is not valid base64");
        }
        if (raw.length != 64) {
            throw new IOException("onion key must be 64 bytes, got " + raw.length);
        }
        return new OnionServiceKey(t);
    }

    /** Loads a key saved by {@link #save(Path)}. */
    public static OnionServiceKey load(Path file) throws IOException {
        return parse(Files.readString(file, StandardCharsets.US_ASCII));
    }

    /**
     * Writes the key to {@code file} (mode 0600 from creation on, via a temp file and an atomic
     * rename), creating parent directories.
     */
    public void save(Path file) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = dir.resolve(file.getFileName() + ".tmp");
        Files.deleteIfExists(tmp);
        boolean posix = Files.getFileStore(dir).supportsFileAttributeView("posix");
        try {
            if (posix) {
                Files.createFile(tmp, PosixFilePermissions.asFileAttribute(OWNER_RW));
            } else {
                Files.createFile(tmp);
            }
        } catch (FileAlreadyExistsException e) {
            throw new IOException("could not create " + tmp, e);
        }
        Files.writeString(tmp, blob + "\n", StandardCharsets.US_ASCII, StandardOpenOption.TRUNCATE_EXISTING);
        try {
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
        }
        if (posix) {
            Files.setPosixFilePermissions(file, OWNER_RW);
        }
    }

    /** The control-port form, for ADD_ONION only. */
    String controlPortForm() {
        return blob;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof OnionServiceKey k && k.blob.equals(blob);
    }

    @Override
    public int hashCode() {
        return Objects.hash(blob);
    }

    @Override
    public String toString() {
        return "OnionServiceKey[" + TYPE + ", redacted]";
    }
}
