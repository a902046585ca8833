package jm.taker.fee;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Objects;
import java.util.Random;
import jm.core.Sats;

/**
 * How the mining fee is chosen (PROTOCOL.md 9.3): a base rate (from the node's estimate for
 * {@code tx_fees} blocks, or configured), randomised uniformly in
 * {@code [rate, rate x (1 + tx_fee_factor)]}, capped, and applied to an estimated virtual
 * size of {@code 68 x inputs + 31 x outputs + 11} vB. Rates are in sat per 1000 vB so that
 * the randomisation keeps sub-sat precision without floating point.
 *
 * @param targetBlocks   confirmation target for the node's estimate ({@code tx_fees}, default 3)
 * @param txFeeFactor    randomisation factor ({@code tx_fee_factor}, default 0.2), 0..1
 * @param minSatPerKvb   floor (the node's relay minimum; 1000 = 1 sat/vB)
 * @param maxSatPerKvb   cap ({@code absurd_fee_per_kb}, reference 350 000 sat/kvB)
 */
public record MiningFeePolicy(int targetBlocks, BigDecimal txFeeFactor, long minSatPerKvb, long maxSatPerKvb) {

    public static final MiningFeePolicy DEFAULT = new MiningFeePolicy(3, new BigDecimal("0.2"), 1000, 350_000);

    /** P2WPKH input, in vB (41 non-witness bytes + 108 witness bytes / 4, rounded up). */
    public static final int INPUT_VBYTES = 68;
    /** P2WPKH output, in vB. */
    public static final int OUTPUT_VBYTES = 31;
    /** Version, counts, locktime, segwit marker. */
    public static final int OVERHEAD_VBYTES = 11;

    public MiningFeePolicy {
        Objects.requireNonNull(txFeeFactor, "txFeeFactor");
        if (targetBlocks < 1 || targetBlocks > 1008) {
            throw new IllegalArgumentException("tx_fees target must be 1..1008 blocks");
        }
        if (txFeeFactor.signum() < 0 || txFeeFactor.compareTo(BigDecimal.ONE) > 0) {
            throw new IllegalArgumentException("tx_fee_factor must be in [0, 1]");
        }
        if (minSatPerKvb < 0 || maxSatPerKvb < minSatPerKvb) {
            throw new IllegalArgumentException("fee rate bounds inverted");
        }
    }

    /** Estimated virtual size of a P2WPKH transaction. */
    public static long estimateVsize(int inputs, int outputs) {
        if (inputs < 0 || outputs < 0) {
            throw new IllegalArgumentException("negative count");
        }
        return (long) INPUT_VBYTES * inputs + (long) OUTPUT_VBYTES * outputs + OVERHEAD_VBYTES;
    }

    /**
     * The randomised rate, in sat/kvB, for a base rate: uniform in [base, base x (1+factor)],
     * then clamped to [min, max].
     */
    public long randomisedRate(long baseSatPerKvb, Random rng) {
        if (baseSatPerKvb < 0) {
            throw new IllegalArgumentException("negative fee rate");
        }
        long spread = new BigDecimal(baseSatPerKvb).multiply(txFeeFactor).setScale(0, RoundingMode.FLOOR)
                .longValueExact();
        long rate = baseSatPerKvb + (spread > 0 ? (long) Math.floor(rng.nextDouble() * (spread + 1)) : 0);
        return Math.max(minSatPerKvb, Math.min(maxSatPerKvb, rate));
    }

    /** Fee for a virtual size at a rate in sat/kvB, rounded up. */
    public static Sats feeFor(long vsize, long satPerKvb) {
        return Sats.of(Math.floorDiv(Math.multiplyExact(vsize, satPerKvb) + 999, 1000));
    }
}
