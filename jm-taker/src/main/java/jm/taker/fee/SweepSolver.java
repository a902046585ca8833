package jm.taker.fee;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.List;
import java.util.Optional;
import jm.core.Sats;
import jm.taker.offer.MakerOffer;
import jm.taker.selection.MakerSelector;

/**
 * The CoinJoin amount of a sweep (PROTOCOL.md 9.3): the taker spends everything and has no
 * change, so {@code amount + sum(cjfee(amount)) + my_txfee = total_in}. Solved as the
 * reference does, {@code (total_in - my_txfee - sum(abs fees)) / (1 + sum(rel fees))} in
 * 28-digit decimal, quantized half-even; then lowered one sat at a time while the
 * half-even-rounded fees do not fit (NG), so the taker never spends more than it has. What
 * is left (a few sats at most) goes to the miners.
 */
public final class SweepSolver {
    private static final MathContext PYTHON_DECIMAL = new MathContext(28, RoundingMode.HALF_EVEN);

    private SweepSolver() {
    }

    /** {@code max(tx_fee - sum(maker txfee), 0)}. */
    public static Sats myTxFee(Sats totalTxFee, List<MakerOffer> makers) {
        long v = totalTxFee.value() - MakerSelector.totalMakerTxFee(makers).value();
        return Sats.of(Math.max(0, v));
    }

    /**
     * @return the amount, or empty if nothing positive is left after fees
     */
    public static Optional<Sats> solve(Sats totalIn, Sats myTxFee, List<MakerOffer> makers) {
        BigDecimal absSum = BigDecimal.ZERO;
        BigDecimal relSum = BigDecimal.ZERO;
        for (MakerOffer o : makers) {
            if (o.type().isRelative()) {
                relSum = relSum.add(o.cjFee(), PYTHON_DECIMAL);
            } else {
                absSum = absSum.add(o.cjFee(), PYTHON_DECIMAL);
            }
        }
        BigDecimal numerator = BigDecimal.valueOf(totalIn.value()).subtract(BigDecimal.valueOf(myTxFee.value()))
                .subtract(absSum);
        if (numerator.signum() <= 0) {
            return Optional.empty();
        }
        BigDecimal amount = numerator.divide(BigDecimal.ONE.add(relSum), PYTHON_DECIMAL)
                .setScale(0, RoundingMode.HALF_EVEN);
        long a = amount.longValueExact();
        while (a > 0 && a + MakerSelector.totalCjFee(makers, Sats.of(a)).value() + myTxFee.value() > totalIn.value()) {
            a--;
        }
        return a > 0 ? Optional.of(Sats.of(a)) : Optional.empty();
    }

    /**
     * Whether the fee actually achieved stays within {@code +-maxChange} (fraction, default 0.8)
     * of the estimate the sweep was solved with.
     */
    public static boolean feeWithinTolerance(Sats estimated, Sats achieved, BigDecimal maxChange) {
        BigDecimal est = BigDecimal.valueOf(estimated.value());
        BigDecimal diff = BigDecimal.valueOf(Math.abs(achieved.value() - estimated.value()));
        return diff.compareTo(est.multiply(maxChange)) <= 0;
    }
}
