package jm.tumbler.plan;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * What a step spends: a sweep of the whole mixdepth, a fraction of the mixdepth's balance (fixed
 * when the first step of a run of steps from that mixdepth starts, as the reference does) or a
 * fixed amount in satoshis.
 */
public sealed interface StepAmount {
    /** Sweep: the whole mixdepth, no change. */
    record Sweep() implements StepAmount {
    }

    /** A share of the mixdepth's balance, in (0, 1]. */
    record Fraction(double value) implements StepAmount {
        public Fraction {
            if (!(value > 0 && value <= 1)) {
                throw new IllegalArgumentException("amount fraction must be in (0, 1], was " + value);
            }
        }
    }

    /** A fixed amount. */
    record Fixed(long sats) implements StepAmount {
        public Fixed {
            if (sats <= 0) {
                throw new IllegalArgumentException("amount must be positive, was " + sats);
            }
        }
    }

    StepAmount SWEEP = new Sweep();

    default boolean sweep() {
        return this instanceof Sweep;
    }

    /**
     * The amount in satoshis to ask for, for a mixdepth whose balance at the start of its run was
     * {@code base}: 0 for a sweep; otherwise the fraction of it (truncated), rounded to
     * {@code rounding} significant figures, and raised to {@code minimum} (the reference's
     * {@code mincjamount}).
     */
    default long resolve(long base, int rounding, long minimum) {
        long sats;
        if (this instanceof Sweep) {
            return 0;
        } else if (this instanceof Fixed f) {
            sats = f.sats();
        } else {
            sats = (long) (((Fraction) this).value() * base);
            sats = roundToSignificantFigures(sats, rounding);
        }
        return Math.max(sats, minimum);
    }

    /** {@code sats} rounded half-even to {@code figures} significant figures; unchanged for NO_ROUNDING. */
    static long roundToSignificantFigures(long sats, int figures) {
        if (figures >= ScheduleEntry.NO_ROUNDING || sats == 0) {
            return sats;
        }
        BigDecimal v = BigDecimal.valueOf(sats);
        return v.round(new java.math.MathContext(figures, RoundingMode.HALF_EVEN)).setScale(0, RoundingMode.UNNECESSARY)
                .longValueExact();
    }

    /** The reference file's text: 0 for a sweep, a decimal fraction, or whole satoshis. */
    default String toScheduleText() {
        if (this instanceof Sweep) {
            return "0";
        } else if (this instanceof Fixed f) {
            return Long.toString(f.sats());
        }
        return Double.toString(((Fraction) this).value());
    }
}
