package jm.core.bond;

/**
 * The fidelity-bond value (PROTOCOL.md 10.4), a selection weight (only ratios matter, so a
 * double is fine here; it is not money).
 *
 * <pre>
 * T = (locktime - confirmationTime) / YEAR, L = locktime / YEAR, t = currentTime / YEAR
 * a = max(0, min(1, e^(rT) - 1) - min(1, e^(r max(0, t - L)) - 1))
 * value = (utxoValue * a)^exponent
 * </pre>
 */
public final class BondValue {
    /** 365.2425 days in seconds. */
    public static final double YEAR_SECONDS = 31_556_952;
    public static final double DEFAULT_INTEREST_RATE = 0.015;
    public static final double DEFAULT_EXPONENT = 1.3;

    private BondValue() {
    }

    /** Times are Unix seconds; {@code currentTime} is a parameter (MTP or a clock, caller's choice). */
    public static double value(long utxoValueSats, long confirmationTime, long locktime, long currentTime,
            double interestRate, double exponent) {
        if (utxoValueSats < 0) {
            throw new IllegalArgumentException("negative utxo value");
        }
        double r = interestRate;
        double lockYears = (locktime - confirmationTime) / YEAR_SECONDS;
        double l = locktime / YEAR_SECONDS;
        double t = currentTime / YEAR_SECONDS;
        double a = Math.max(0.0, Math.min(1.0, Math.exp(r * lockYears) - 1.0)
                - Math.min(1.0, Math.exp(r * Math.max(0.0, t - l)) - 1.0));
        return Math.pow(utxoValueSats * a, exponent);
    }

    /** With the default interest rate 0.015 and exponent 1.3. */
    public static double value(long utxoValueSats, long confirmationTime, long locktime, long currentTime) {
        return value(utxoValueSats, confirmationTime, locktime, currentTime, DEFAULT_INTEREST_RATE, DEFAULT_EXPONENT);
    }
}
