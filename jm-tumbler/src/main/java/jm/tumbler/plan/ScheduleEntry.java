package jm.tumbler.plan;

import java.util.Objects;

/**
 * One CoinJoin of a tumble, as the reference schedule describes it.
 *
 * @param mixdepth    the mixdepth it spends from
 * @param amount      a fraction of the mixdepth's balance, a fixed amount or a sweep
 * @param makerCount  how many makers to ask for
 * @param destination {@link #INTERNAL} (a fresh address of the next mixdepth) or an address
 * @param waitMinutes how long to wait after this CoinJoin confirms before the next one starts
 * @param rounding    significant figures the amount is rounded to; {@link #NO_ROUNDING} for none
 */
public record ScheduleEntry(int mixdepth, StepAmount amount, int makerCount, String destination, double waitMinutes,
        int rounding) {
    /** The destination meaning "a fresh internal address of the next mixdepth". */
    public static final String INTERNAL = "INTERNAL";
    /** The reference's rounding value for "do not round" (its maximum significant figures). */
    public static final int NO_ROUNDING = 16;

    public ScheduleEntry {
        Objects.requireNonNull(amount);
        Objects.requireNonNull(destination);
        if (mixdepth < 0) {
            throw new IllegalArgumentException("mixdepth must be >= 0, was " + mixdepth);
        }
        if (makerCount < 1 || makerCount > 50) {
            throw new IllegalArgumentException("maker count must be 1..50, was " + makerCount);
        }
        if (!(waitMinutes >= 0) || Double.isInfinite(waitMinutes)) {
            throw new IllegalArgumentException("wait must be a non-negative number of minutes, was " + waitMinutes);
        }
        if (rounding < 1 || rounding > NO_ROUNDING) {
            throw new IllegalArgumentException("rounding must be 1.." + NO_ROUNDING + " significant figures, was "
                    + rounding);
        }
    }

    public boolean internal() {
        return INTERNAL.equals(destination);
    }

    public ScheduleEntry withDestination(String d) {
        return new ScheduleEntry(mixdepth, amount, makerCount, d, waitMinutes, rounding);
    }

    public ScheduleEntry withAmount(StepAmount a) {
        return new ScheduleEntry(mixdepth, a, makerCount, destination, waitMinutes, rounding);
    }

    public ScheduleEntry withMakerCount(int n) {
        return new ScheduleEntry(mixdepth, amount, n, destination, waitMinutes, rounding);
    }
}
