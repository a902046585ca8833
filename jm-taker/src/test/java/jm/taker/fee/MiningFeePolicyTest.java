package jm.taker.fee;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.Random;
import jm.core.Sats;
import org.junit.jupiter.api.Test;

class MiningFeePolicyTest {

    @Test
    void randomisedRateStaysWithinRateAndRateTimesOnePointTwo() {
        Random rng = new Random(1);
        long min = Long.MAX_VALUE;
        long max = 0;
        for (int i = 0; i < 5000; i++) {
            long r = MiningFeePolicy.DEFAULT.randomisedRate(10_000, rng);
            min = Math.min(min, r);
            max = Math.max(max, r);
        }
        assertThat(min).isGreaterThanOrEqualTo(10_000).isLessThan(10_100);
        assertThat(max).isLessThanOrEqualTo(12_000).isGreaterThan(11_900);
    }

    @Test
    void rateIsCappedAndFloored() {
        MiningFeePolicy p = new MiningFeePolicy(3, new BigDecimal("0.2"), 1000, 350_000);
        assertThat(p.randomisedRate(1_000_000, new Random(1))).isEqualTo(350_000);
        assertThat(p.randomisedRate(0, new Random(1))).isEqualTo(1000);
    }

    @Test
    void sizeEstimateIsSixtyEightPerInputThirtyOnePerOutputPlusEleven() {
        assertThat(MiningFeePolicy.estimateVsize(2, 4)).isEqualTo(68 * 2 + 31 * 4 + 11);
    }

    @Test
    void feeRoundsUp() {
        assertThat(MiningFeePolicy.feeFor(271, 2_000)).isEqualTo(Sats.of(542));
        assertThat(MiningFeePolicy.feeFor(271, 1_001)).isEqualTo(Sats.of(272));
    }
}
