package jm.core.bond;

import java.time.LocalDate;
import java.time.ZoneOffset;

/**
 * Fidelity-bond timenumbers (PROTOCOL.md 10.1): t = 0..959 is 00:00:00 UTC on the 1st of
 * month {@code 1 + t mod 12} of year {@code 2020 + t div 12}, as a Unix-time locktime.
 */
public final class TimeNumber {
    public static final int COUNT = 960;
    public static final int FIRST_YEAR = 2020;

    private TimeNumber() {
    }

    public static long toLocktime(int timenumber) {
        if (timenumber < 0 || timenumber >= COUNT) {
            throw new IllegalArgumentException("timenumber must be 0..959: " + timenumber);
        }
        LocalDate d = LocalDate.of(FIRST_YEAR + timenumber / 12, 1 + timenumber % 12, 1);
        return d.atStartOfDay(ZoneOffset.UTC).toEpochSecond();
    }

    /** The timenumber of a locktime; throws if it is not the start of a month in 2020-2099. */
    public static int fromLocktime(long locktime) {
        if (locktime < toLocktime(0) || locktime > toLocktime(COUNT - 1) || locktime % 86_400 != 0) {
            throw new IllegalArgumentException("not a timenumber locktime: " + locktime);
        }
        LocalDate d = LocalDate.ofEpochDay(locktime / 86_400);
        if (d.getDayOfMonth() != 1) {
            throw new IllegalArgumentException("not a timenumber locktime: " + locktime);
        }
        return (d.getYear() - FIRST_YEAR) * 12 + d.getMonthValue() - 1;
    }

    public static boolean isTimeNumberLocktime(long locktime) {
        try {
            fromLocktime(locktime);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
