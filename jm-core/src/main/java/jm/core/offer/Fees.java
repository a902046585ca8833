package jm.core.offer;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import jm.core.Sats;

/**
 * The CoinJoin fee a maker earns (PROTOCOL.md 6.2). Absolute offers: the integer fee.
 * Relative offers: {@code fee × amount} in 28-digit half-even decimal arithmetic (Python's
 * default decimal context), then rounded half-even to whole satoshis. Never floating point.
 */
public final class Fees {
    /** Python's default decimal context, used by both reference and NG before the quantize. */
    public static final MathContext PYTHON_DECIMAL = new MathContext(28, RoundingMode.HALF_EVEN);

    private Fees() {
    }

    /**
     * The fee in satoshis for filling {@code offer} with {@code amount}.
     *
     * @throws ArithmeticException if the fee is negative (a relative offer with a negative fee,
     *                             see {@link Offer#hasNonNegativeFee()}) or above 21 million BTC
     */
    public static Sats cjFeeSats(Offer offer, Sats amount) {
        long fee = cjFee(offer, amount.value());
        if (fee < 0 || fee > Sats.MAX_MONEY) {
            throw new ArithmeticException("cjfee out of range: " + fee);
        }
        return Sats.of(fee);
    }

    /** The signed fee in satoshis (negative only for a relative offer with a negative fee). */
    public static long cjFee(Offer offer, long amount) {
        if (offer.type().isRelative()) {
            return relativeFee(offer.cjFeeDecimal(), amount);
        }
        return Long.parseLong(offer.cjFee());
    }

    /**
     * {@code round_half_even(fee × amount)} with the product first rounded to 28 significant
     * digits (half-even), exactly as Python's {@code (Decimal(fee) * amount).quantize(Decimal(1))}.
     *
     * @throws ArithmeticException if the result does not fit a long
     */
    public static long relativeFee(BigDecimal fee, long amount) {
        return fee.multiply(BigDecimal.valueOf(amount), PYTHON_DECIMAL)
                .setScale(0, RoundingMode.HALF_EVEN)
                .longValueExact();
    }

    /** The maker's net earning: {@code cjfee − txfee} (may be negative). */
    public static long makerNet(Offer offer, Sats amount) {
        return cjFee(offer, amount.value()) - offer.txFee().value();
    }
}
