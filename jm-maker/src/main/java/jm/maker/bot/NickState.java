package jm.maker.bot;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import jm.core.Nick;

/**
 * Nick state files under {@code <data dir>/state/}: the maker writes {@code maker.nick} on start
 * (and removes it on stop) so that a taker on the same wallet never picks our maker; a taker
 * writes {@code taker.nick}, whose nick our maker ignores (self-CoinJoin guard, PROTOCOL.md 8.2).
 */
public final class NickState {
    public static final String MAKER_FILE = "maker.nick";
    public static final String TAKER_FILE = "taker.nick";

    private final Path dir;

    public NickState(Path dataDir) {
        this.dir = dataDir.resolve("state");
    }

    public Path makerFile() {
        return dir.resolve(MAKER_FILE);
    }

    public void writeMaker(Nick nick) {
        try {
            Files.createDirectories(dir);
            jm.wallet.store.AtomicFiles.writePrivate(makerFile(), (nick.value() + "\n").getBytes(StandardCharsets.US_ASCII),
                    false);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + makerFile(), e);
        }
    }

    public void clearMaker() {
        try {
            Files.deleteIfExists(makerFile());
        } catch (IOException e) {
            // best effort at shutdown
        }
    }

    /** Nicks of our own processes found in the state directory (read on every call: takers come and go). */
    public Set<Nick> ownNicks() {
        Set<Nick> out = new HashSet<>();
        for (String f : new String[] {MAKER_FILE, TAKER_FILE}) {
            Path p = dir.resolve(f);
            try {
                if (Files.isRegularFile(p) && Files.size(p) < 1024) {
                    String s = Files.readString(p, StandardCharsets.US_ASCII).strip();
                    if (Nick.isWellFormed(s)) {
                        out.add(new Nick(s));
                    }
                }
            } catch (IOException | RuntimeException e) {
                // unreadable state file: ignore
            }
        }
        return out;
    }
}
