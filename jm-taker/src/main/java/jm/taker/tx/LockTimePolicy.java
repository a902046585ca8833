package jm.taker.tx;

import java.util.Random;

/** nLockTime and nSequence of the CoinJoin (PROTOCOL.md 9.5); makers accept either. */
public enum LockTimePolicy {
    /**
     * Reference: locktime = tip height (1 time in 10: max(1, height - rand[0,99])), every
     * sequence 0xFFFFFFFE (anti fee sniping).
     */
    ANTI_FEE_SNIPING,
    /** NG: locktime 0, sequence 0xFFFFFFFF. */
    ZERO;

    public static final long SEQUENCE_FINAL = 0xFFFF_FFFFL;
    public static final long SEQUENCE_LOCKTIME_ENABLED = 0xFFFF_FFFEL;

    /** The locktime for a tip height. */
    public long lockTime(long tipHeight, Random rng) {
        if (this == ZERO || tipHeight <= 0) {
            return 0;
        }
        if (rng.nextInt(10) == 0) {
            return Math.max(1, tipHeight - rng.nextInt(100));
        }
        return tipHeight;
    }

    /** The sequence number that goes with a locktime. */
    public static long sequenceFor(long lockTime) {
        return lockTime == 0 ? SEQUENCE_FINAL : SEQUENCE_LOCKTIME_ENABLED;
    }
}
