package jm.wallet.coins;

import java.util.Locale;
import java.util.Optional;

/**
 * The maker's {@code merge_algorithm} options (reference and NG), from keeping the coin count
 * as is to consolidating small coins as fast as possible.
 */
public enum MergeAlgorithm {
    /**
     * The smallest single coin that covers the target; if none does, the largest coins first
     * until covered.
     */
    DEFAULT,
    /**
     * Gradual dust reduction: if the coins smaller than the target together cover it, those
     * coins in ascending order until covered, then the smallest of that run dropped while the
     * rest still covers; otherwise the smallest single coin that covers it.
     */
    GRADUAL,
    /**
     * Rapid dust reduction: small coins first until covered, then drop (from the larger end
     * down) every coin that is not needed to stay covered; if the small coins together fall
     * short, the smallest single coin that covers the target.
     */
    GREEDY,
    /**
     * Fastest dust reduction: the shortest run of smallest coins that covers the target; if
     * the smaller coins fall short, the smallest single coin that covers it.
     */
    GREEDIEST,
    /** A random coin that covers the target; if none does, coins in random order until covered. */
    RANDOM;

    public String configName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<MergeAlgorithm> parse(String s) {
        if (s == null) {
            return Optional.empty();
        }
        String t = s.strip().toLowerCase(Locale.ROOT);
        for (MergeAlgorithm m : values()) {
            if (m.configName().equals(t)) {
                return Optional.of(m);
            }
        }
        return Optional.empty();
    }
}
