package jm.wallet.bond;

import java.time.LocalDate;
import java.time.ZoneOffset;

/**
 * Fidelity-bond timenumbers: t = 0..959 is 00:00:00 UTC on the first of month t counted from
 * January 2020 (year 2020 + t / 12, month 1 + t % 12).
 */
public final class TimeNumbers {
    public static final int COUNT = 960;

    private TimeNumbers() {
    }

    public static long toLocktime(int timenumber) {
        if (timenumber < 0 || timenumber >= COUNT) {
            throw new IllegalArgumentException("timenumber must be 0.." + (COUNT - 1) + ": " + timenumber);
        }
        return LocalDate.of(2020 + timenumber / 12, 1 + timenumber % 12, 1).atStartOfDay()
                .toEpochSecond(ZoneOffset.UTC);
    }

    /** Inverse of {@link #toLocktime}; rejects a locktime that is not a month start in range. */
    public static int fromLocktime(long locktime) {
        if (locktime < toLocktime(0) || locktime > toLocktime(COUNT - 1)) {
            throw new IllegalArgumentException("locktime outside 2020-01 .. 2099-12: " + locktime);
        }
        var dt = java.time.LocalDateTime.ofEpochSecond(locktime, 0, ZoneOffset.UTC);
        int t = (dt.getYear() - 2020) * 12 + dt.getMonthValue() - 1;
        if (toLocktime(t) != locktime) {
            throw new IllegalArgumentException("locktime is not 00:00 UTC on the first of a month: " + locktime);
        }
        return t;
    }

    /** Timenumber of a {@code YYYY-MM} lock date, as users type it. */
    public static int parseYearMonth(String yyyyMm) {
        if (yyyyMm == null || !yyyyMm.matches("\\d{4}-\\d{2}")) {
            throw new IllegalArgumentException("lock date must be YYYY-MM: " + yyyyMm);
        }
        int y = Integer.parseInt(yyyyMm.substring(0, 4));
        int m = Integer.parseInt(yyyyMm.substring(5));
        if (m < 1 || m > 12 || y < 2020 || y > 2099) {
            throw new IllegalArgumentException("lock date must be between 2020-01 and 2099-12: " + yyyyMm);
        }
        return (y - 2020) * 12 + m - 1;
    }
}
