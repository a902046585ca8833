package jm.taker.podle;

/**
 * Rules a commitment UTXO must meet for makers to accept it (PROTOCOL.md 7.4, 7.5).
 *
 * @param minConfirmations {@code taker_utxo_age}, default 5
 * @param amountPercent    {@code taker_utxo_amtpercent}, default 20 (value >= int(amount x pct / 100))
 * @param tries            {@code taker_utxo_retries}, default 3 (NUMS indices 0..tries-1)
 */
public record PodleParams(int minConfirmations, int amountPercent, int tries) {
    public static final PodleParams DEFAULT = new PodleParams(5, 20, 3);

    public PodleParams {
        if (minConfirmations < 0 || amountPercent < 0 || amountPercent > 100 || tries < 1 || tries > 256) {
            throw new IllegalArgumentException("invalid PoDLE parameters");
        }
    }

    /** Minimum value of a commitment UTXO for a CoinJoin amount. */
    public long minValue(long amount) {
        return Math.multiplyExact(amount, (long) amountPercent) / 100;
    }
}
