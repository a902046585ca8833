package jm.taker.session;

import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.function.Function;
import jm.core.Nick;
import jm.core.Sats;
import jm.taker.fee.MiningFeePolicy;
import jm.taker.fee.SweepSolver;
import jm.taker.offer.MakerOffer;
import jm.taker.selection.MakerSelector;

/**
 * The end of the orderbook phase for a sweep: the makers and the equal amount are chosen together,
 * since the amount depends on the chosen makers' fees and each maker's size limits on the amount.
 * Up to five rounds: choose for a probe amount, solve the amount that spends every coin, and
 * choose again for that amount while some chosen maker would not accept it. Pure.
 */
final class SweepChoice {
    private static final int ROUNDS = 5;

    sealed interface Result {
        /** Makers that accept {@code amount}, which spends every coin with their fees and the mining fee. */
        record Chosen(List<MakerOffer> makers, Sats amount) implements Result {
        }

        /** Fewer suitable makers than {@code minimum_makers} ({@code makers} is what was found). */
        record TooFew(List<MakerOffer> makers) implements Result {
        }

        /** The sweep cannot be made; {@code reason} says why. */
        record Impossible(String reason) implements Result {
        }
    }

    private SweepChoice() {
    }

    /**
     * @param offers        the cheapest offer per maker for an amount
     * @param spendable     every coin the sweep spends
     * @param rateSatPerKvb the mining fee rate
     */
    static Result choose(MakerSelector selector, Function<Sats, List<MakerOffer>> offers, List<OwnCoin> spendable,
            int wanted, int minimumMakers, Set<Nick> ignored, long rateSatPerKvb, Random rng) {
        long total = spendable.stream().mapToLong(c -> c.value().value()).sum();
        Sats probe = Sats.of(total);
        List<MakerOffer> chosen = List.of();
        for (int i = 0; i < ROUNDS; i++) {
            chosen = selector.choose(offers.apply(probe), probe, wanted, ignored, rng);
            if (chosen.size() < minimumMakers) {
                return new Result.TooFew(chosen);
            }
            Sats feeEstimate = MiningFeePolicy.feeFor(
                    MiningFeePolicy.estimateVsize(spendable.size() + 3 * chosen.size(), 2 * chosen.size() + 1),
                    rateSatPerKvb);
            Optional<Sats> solved = SweepSolver.solve(Sats.of(total), SweepSolver.myTxFee(feeEstimate, chosen),
                    chosen);
            if (solved.isEmpty()) {
                return new Result.Impossible("the mixdepth's " + total + " sats do not cover the fees of a sweep");
            }
            Sats a = solved.get();
            if (chosen.stream().allMatch(o -> o.acceptsAmountStrictly(a))) {
                return new Result.Chosen(chosen, a);
            }
            probe = a;
            chosen = List.of();
        }
        return chosen.size() >= minimumMakers
                ? new Result.Impossible("could not find makers whose size limits fit the sweep amount")
                : new Result.TooFew(chosen);
    }
}
