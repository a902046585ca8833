package jm.taker.session;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import jm.core.Nick;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Self-CoinJoin guard of the taker (PROTOCOL.md 8.2), on the nick files under
 * {@code <data dir>/state/} that jm-maker's bot also uses: a running maker writes its nick to
 * {@code maker.nick} (one nick and a newline, removed when it stops); a taker writes its own
 * nick to {@code taker.nick} for the duration of a CoinJoin, and the maker refuses {@code !fill}
 * from it. The taker never selects a nick read from {@code maker.nick}.
 *
 * <p>Files are small local state, not peer input, but are still read defensively: a missing,
 * oversized, unreadable or malformed file yields no nick and never an exception.
 */
public final class OwnNicks {
    private static final Logger LOG = LoggerFactory.getLogger(OwnNicks.class);
    public static final String MAKER_FILE = "maker.nick";
    public static final String TAKER_FILE = "taker.nick";
    private static final long MAX_FILE_BYTES = 1024;

    private final Optional<Path> stateDir;

    private OwnNicks(Optional<Path> stateDir) {
        this.stateDir = stateDir;
    }

    /** The guard for the processes sharing {@code dataDir} (the directory holding {@code state/}). */
    public static OwnNicks inDataDir(Path dataDir) {
        return new OwnNicks(Optional.of(Objects.requireNonNull(dataDir, "dataDir").resolve("state")));
    }

    /** No state files: nothing read, nothing written (tests, in-process markets). */
    public static OwnNicks none() {
        return new OwnNicks(Optional.empty());
    }

    /** Nick of our own running maker, read now; empty if none runs (or its file is unusable). */
    public Set<Nick> makerNicks() {
        if (stateDir.isEmpty()) {
            return Set.of();
        }
        Path p = stateDir.get().resolve(MAKER_FILE);
        try {
            if (!Files.isRegularFile(p)) {
                return Set.of();
            }
            if (Files.size(p) > MAX_FILE_BYTES) {
                LOG.warn("ignoring {}: larger than {} bytes", p, MAX_FILE_BYTES);
                return Set.of();
            }
            String s = Files.readString(p, StandardCharsets.US_ASCII).strip();
            if (!Nick.isWellFormed(s)) {
                LOG.warn("ignoring {}: not a nick", p);
                return Set.of();
            }
            return Set.of(new Nick(s));
        } catch (IOException | RuntimeException e) {
            LOG.warn("cannot read {}: {}", p, e.toString());
            return Set.of();
        }
    }

    /**
     * Writes {@code taker.nick} so that our maker refuses this taker. Best effort: returns false
     * (and logs) if the file cannot be written.
     */
    public boolean markTaker(Nick nick) {
        Objects.requireNonNull(nick, "nick");
        if (stateDir.isEmpty()) {
            return true;
        }
        Path dir = stateDir.get();
        Path target = dir.resolve(TAKER_FILE);
        try {
            Files.createDirectories(dir);
            Path tmp = Files.createTempFile(dir, TAKER_FILE, ".tmp");
            try {
                Files.writeString(tmp, nick.value() + "\n", StandardCharsets.US_ASCII);
                try {
                    Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
                }
            } finally {
                Files.deleteIfExists(tmp);
            }
            return true;
        } catch (IOException | RuntimeException e) {
            LOG.warn("cannot write {}: {}", target, e.toString());
            return false;
        }
    }

    /**
     * Removes {@code taker.nick} if it still names {@code nick} (another taker of the same data
     * directory may have replaced it meanwhile). Best effort, never throws.
     */
    public void clearTaker(Nick nick) {
        if (stateDir.isEmpty()) {
            return;
        }
        Path target = stateDir.get().resolve(TAKER_FILE);
        try {
            if (Files.isRegularFile(target) && Files.size(target) <= MAX_FILE_BYTES
                    && Files.readString(target, StandardCharsets.US_ASCII).strip().equals(nick.value())) {
                Files.deleteIfExists(target);
            }
        } catch (IOException | RuntimeException e) {
            LOG.warn("cannot remove {}: {}", target, e.toString());
        }
    }

    @Override
    public String toString() {
        return stateDir.map(d -> "OwnNicks[" + d + "]").orElse("OwnNicks[none]");
    }
}
