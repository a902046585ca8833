package jm.maker.bot;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * Used PoDLE commitments (PROTOCOL.md 7.6): one lowercase 64-hex commitment per line, as the
 * reference's {@code cmtdata/commitmentlist}. {@link #add} appends and fsyncs before returning, so
 * a commitment we answered {@code !ioauth} for is never accepted again, even after a crash.
 * Malformed lines in the file are skipped. Thread-safe.
 */
public final class CommitmentBlacklist {
    /** Bound on what we keep in memory (the file keeps everything). */
    public static final int MAX_ENTRIES = 1_000_000;

    private final Path file;
    private final Set<String> entries = new HashSet<>();

    private CommitmentBlacklist(Path file) {
        this.file = file;
    }

    /** Opens (creating the directory if needed) and loads the file. */
    public static CommitmentBlacklist open(Path file) {
        CommitmentBlacklist b = new CommitmentBlacklist(file);
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            if (Files.exists(file)) {
                for (String line : Files.readAllLines(file, StandardCharsets.US_ASCII)) {
                    String c = normalise(line.strip());
                    if (c != null && b.entries.size() < MAX_ENTRIES) {
                        b.entries.add(c);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read commitment blacklist " + file, e);
        }
        return b;
    }

    /** Whether {@code commitmentHex} (any case) is blacklisted. */
    public synchronized boolean contains(String commitmentHex) {
        String c = normalise(commitmentHex);
        return c != null && entries.contains(c);
    }

    /**
     * Adds a commitment: appended to the file and fsynced before this returns.
     *
     * @return false if it was malformed or already present
     * @throws UncheckedIOException if it could not be made durable (then do not send {@code !ioauth})
     */
    public synchronized boolean add(String commitmentHex) {
        String c = normalise(commitmentHex);
        if (c == null || entries.contains(c)) {
            return false;
        }
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.APPEND)) {
            ByteBuffer buf = ByteBuffer.wrap((c + "\n").getBytes(StandardCharsets.US_ASCII));
            while (buf.hasRemaining()) {
                ch.write(buf);
            }
            ch.force(true);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot append to commitment blacklist " + file, e);
        }
        if (entries.size() < MAX_ENTRIES) {
            entries.add(c);
        }
        return true;
    }

    public synchronized int size() {
        return entries.size();
    }

    /** 64 hex chars lowercased, or null. */
    static String normalise(String s) {
        if (s == null || s.length() != 64) {
            return null;
        }
        for (int i = 0; i < 64; i++) {
            char ch = s.charAt(i);
            boolean hex = (ch >= '0' && ch <= '9') || (ch >= 'a' && ch <= 'f') || (ch >= 'A' && ch <= 'F');
            if (!hex) {
                return null;
            }
        }
        return s.toLowerCase(Locale.ROOT);
    }
}
