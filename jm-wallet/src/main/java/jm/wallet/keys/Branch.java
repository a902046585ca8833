package jm.wallet.keys;

import java.util.Locale;
import java.util.Optional;

/** The chain index under a mixdepth account (PROTOCOL.md 12.2). */
public enum Branch {
    /** Receive addresses (0). */
    EXTERNAL(0),
    /** Change and CoinJoin outputs (1). */
    INTERNAL(1),
    /** Timelocked fidelity-bond keys (2), mixdepth 0 only, index = timenumber. */
    BOND(2);

    private final int index;

    Branch(int index) {
        this.index = index;
    }

    public int index() {
        return index;
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<Branch> fromIndex(int i) {
        for (Branch b : values()) {
            if (b.index == i) {
                return Optional.of(b);
            }
        }
        return Optional.empty();
    }

    /** {@code external|internal|bond} or {@code 0|1|2}, case-insensitive. */
    public static Optional<Branch> parse(String s) {
        if (s == null) {
            return Optional.empty();
        }
        String t = s.strip().toLowerCase(Locale.ROOT);
        for (Branch b : values()) {
            if (b.label().equals(t) || String.valueOf(b.index).equals(t)) {
                return Optional.of(b);
            }
        }
        return Optional.empty();
    }
}
