package jm.wallet.bond;

import jm.core.bond.TimeNumber;

/**
 * Fidelity-bond timenumbers as users type them: {@code YYYY-MM} lock dates. The timenumber rule
 * itself (t = 0..959 is 00:00:00 UTC on the first of month t counted from January 2020) is
 * jm-core's {@link TimeNumber}; the conversions here delegate to it.
 */
public final class TimeNumbers {
    public static final int COUNT = TimeNumber.COUNT;

    private TimeNumbers() {
    }

    /** {@link TimeNumber#toLocktime(int)}. */
    public static long toLocktime(int timenumber) {
        return TimeNumber.toLocktime(timenumber);
    }

    /** {@link TimeNumber#fromLocktime(long)}: rejects a locktime that is not a month start in range. */
    public static int fromLocktime(long locktime) {
        return TimeNumber.fromLocktime(locktime);
    }

    /** Timenumber of a {@code YYYY-MM} lock date, as users type it. */
    public static int parseYearMonth(String yyyyMm) {
        if (yyyyMm == null || !yyyyMm.matches("\\d{4}-\\d{2}")) {
            throw new IllegalArgumentException("lock date must be YYYY-MM: " + yyyyMm);
        }
        int y = Integer.parseInt(yyyyMm.substring(0, 4));
        int m = Integer.parseInt(yyyyMm.substring(5));
        int last = TimeNumber.FIRST_YEAR + COUNT / 12 - 1;
        if (m < 1 || m > 12 || y < TimeNumber.FIRST_YEAR || y > last) {
            throw new IllegalArgumentException("lock date must be between " + TimeNumber.FIRST_YEAR + "-01 and "
                    + last + "-12: " + yyyyMm);
        }
        return (y - TimeNumber.FIRST_YEAR) * 12 + m - 1;
    }
}
