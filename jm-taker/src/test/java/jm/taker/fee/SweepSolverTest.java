package jm.taker.fee;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.List;
import java.util.Random;
import jm.core.Nick;
import jm.core.Sats;
import jm.taker.offer.MakerOffer;
import jm.core.offer.OfferType;
import jm.taker.selection.MakerSelector;
import org.junit.jupiter.api.Test;

class SweepSolverTest {
    static MakerOffer offer(String nick, OfferType kind, String fee, long txFee) {
        return new MakerOffer(new Nick(nick), kind, 0, Sats.of(27_300), Sats.of(1_000_000_000), Sats.of(txFee),
                new BigDecimal(fee), 0);
    }

    @Test
    void solvesSoThatAmountPlusFeesUsesEverythingUpToRounding() {
        List<MakerOffer> makers = List.of(offer("J5AAAAAAAAAAAAAA", OfferType.SW0RELOFFER, "0.00002", 0),
                offer("J5BBBBBBBBBBBBBB", OfferType.SW0ABSOFFER, "250", 100),
                offer("J5CCCCCCCCCCCCCC", OfferType.SW0RELOFFER, "0.000137", 50));
        Sats totalIn = Sats.of(123_456_789);
        Sats myTxFee = SweepSolver.myTxFee(Sats.of(2_000), makers);
        assertThat(myTxFee).isEqualTo(Sats.of(1_850));
        assertSpendsAllButAtMost(2, totalIn, myTxFee, makers);
    }

    /** The solved amount plus the makers' fees and ours never exceeds {@code totalIn}, and leaves at most {@code slack}. */
    static void assertSpendsAllButAtMost(long slack, Sats totalIn, Sats myTxFee, List<MakerOffer> makers) {
        Sats amount = SweepSolver.solve(totalIn, myTxFee, makers).orElseThrow();
        long used = amount.value() + MakerSelector.totalCjFee(makers, amount).value() + myTxFee.value();
        assertThat(used).isLessThanOrEqualTo(totalIn.value());
        assertThat(totalIn.value() - used).isLessThanOrEqualTo(slack);
    }

    @Test
    void neverOverspendsAcrossManyRandomCases() {
        Random rng = new Random(99);
        for (int i = 0; i < 500; i++) {
            List<MakerOffer> makers = List.of(
                    offer("J5AAAAAAAAAAAAAA", OfferType.SW0RELOFFER, "0.0000" + (rng.nextInt(90) + 10), 0),
                    offer("J5BBBBBBBBBBBBBB", OfferType.SW0RELOFFER, "0.000" + (rng.nextInt(900) + 100), 0),
                    offer("J5CCCCCCCCCCCCCC", OfferType.SW0ABSOFFER, Integer.toString(rng.nextInt(5000)), 0));
            Sats totalIn = Sats.of(100_000 + rng.nextInt(1_000_000_000));
            Sats myTxFee = Sats.of(rng.nextInt(20_000));
            assertSpendsAllButAtMost(3, totalIn, myTxFee, makers);
        }
    }

    @Test
    void myTxFeeIsNeverNegative() {
        List<MakerOffer> makers = List.of(offer("J5AAAAAAAAAAAAAA", OfferType.SW0RELOFFER, "0.00002", 5_000));
        assertThat(SweepSolver.myTxFee(Sats.of(1_000), makers)).isEqualTo(Sats.ZERO);
    }

    @Test
    void nothingLeftAfterFeesGivesNoAmount() {
        List<MakerOffer> makers = List.of(offer("J5AAAAAAAAAAAAAA", OfferType.SW0ABSOFFER, "5000", 0));
        assertThat(SweepSolver.solve(Sats.of(6_000), Sats.of(1_000), makers)).isEmpty();
    }

    @Test
    void feeToleranceIsPlusMinusTheFraction() {
        BigDecimal f = new BigDecimal("0.8");
        assertThat(SweepSolver.feeWithinTolerance(Sats.of(1000), Sats.of(1800), f)).isTrue();
        assertThat(SweepSolver.feeWithinTolerance(Sats.of(1000), Sats.of(1801), f)).isFalse();
        assertThat(SweepSolver.feeWithinTolerance(Sats.of(1000), Sats.of(200), f)).isTrue();
        assertThat(SweepSolver.feeWithinTolerance(Sats.of(1000), Sats.of(199), f)).isFalse();
    }
}
