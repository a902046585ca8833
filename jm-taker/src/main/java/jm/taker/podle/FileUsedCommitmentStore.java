package jm.taker.podle;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Used commitments in a text file, one lowercase hex commitment per line, appended and
 * fsynced on every {@link #markUsed}. Lines that are not 64 hex chars are ignored on load.
 * Thread-safe.
 */
public final class FileUsedCommitmentStore implements UsedCommitmentStore {
    private final Path file;
    private final Set<String> used = new HashSet<>();

    private FileUsedCommitmentStore(Path file) {
        this.file = file;
    }

    /** Opens (or starts) the store at {@code file}; creates parent directories. */
    public static FileUsedCommitmentStore open(Path file) throws IOException {
        FileUsedCommitmentStore s = new FileUsedCommitmentStore(file);
        if (Files.exists(file)) {
            List<String> lines = Files.readAllLines(file, StandardCharsets.US_ASCII);
            for (String l : lines) {
                String c = l.trim().toLowerCase(Locale.ROOT);
                if (isCommitmentHex(c)) {
                    s.used.add(c);
                }
            }
        } else if (file.getParent() != null) {
            Files.createDirectories(file.getParent());
        }
        return s;
    }

    @Override
    public synchronized boolean isUsed(String commitmentHex) {
        return used.contains(commitmentHex.toLowerCase(Locale.ROOT));
    }

    @Override
    public synchronized void markUsed(String commitmentHex) throws IOException {
        String c = commitmentHex.toLowerCase(Locale.ROOT);
        if (!isCommitmentHex(c)) {
            throw new IllegalArgumentException("not a 64-hex commitment");
        }
        if (used.contains(c)) {
            return;
        }
        if (!Files.exists(file)) {
            jm.wallet.store.AtomicFiles.writePrivate(file, new byte[0], false);
        }
        jm.wallet.store.AtomicFiles.ownerOnly(file);
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.APPEND)) {
            ch.write(java.nio.ByteBuffer.wrap((c + "\n").getBytes(StandardCharsets.US_ASCII)));
            ch.force(true);
        }
        used.add(c);
    }

    static boolean isCommitmentHex(String s) {
        if (s.length() != 64) {
            return false;
        }
        for (int i = 0; i < 64; i++) {
            char ch = s.charAt(i);
            if (!((ch >= '0' && ch <= '9') || (ch >= 'a' && ch <= 'f'))) {
                return false;
            }
        }
        return true;
    }
}
