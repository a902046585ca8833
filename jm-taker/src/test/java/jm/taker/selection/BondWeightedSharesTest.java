package jm.taker.selection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import jm.core.bond.BondValue;
import jm.taker.offer.MakerOffer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Statistical check of {@code fidelity_bond_weighted} against the reference's rule: each pick is,
 * with probability bondless_makers_allowance (0.125 in the reference), uniform over the makers
 * left, otherwise weighted by bond value (value = (sats x a)^1.3, PROTOCOL.md 10.4) over the
 * bonded makers left. Thousands of seeded draws; the observed share of every maker must be
 * within 4.5 standard deviations of the exact share computed by walking every pick order.
 */
class BondWeightedSharesTest {
    static final double ALLOWANCE = 0.125;
    static final int DRAWS = 20_000;
    static final long NOW = 1_767_225_600L; // 2026-01-01
    static final long MONTH = 30L * 86_400;
    static final long YEAR = 31_556_952L;

    /** Four bonded makers (different sizes and lock lengths) and two without a bond. */
    static List<MakerOffer> book() {
        long confirmed = NOW - MONTH;
        double[] values = {
            BondValue.value(100_000_000, confirmed, NOW + YEAR, NOW),
            BondValue.value(50_000_000, confirmed, NOW + 2 * YEAR, NOW),
            BondValue.value(200_000_000, confirmed, NOW + YEAR / 2, NOW),
            BondValue.value(10_000_000, confirmed, NOW + 5 * YEAR, NOW),
            0,
            0,
        };
        List<MakerOffer> out = new ArrayList<>();
        for (int i = 0; i < values.length; i++) {
            out.add(MakerSelectorTest.rel(i, "0.0001", values[i]));
        }
        return out;
    }

    @ParameterizedTest(name = "{0} counterparties")
    @ValueSource(ints = {1, 3})
    void sharesOfPicksMatchTheBondValues(int counterparties) {
        List<MakerOffer> book = book();
        MakerSelector selector = new MakerSelector(new SelectionPolicy(SelectionAlgorithm.FIDELITY_BOND_WEIGHTED,
                FeeLimits.NG_DEFAULTS, ALLOWANCE, false));
        Random rng = new Random(20_260_101L);
        int[] picked = new int[book.size()];
        for (int d = 0; d < DRAWS; d++) {
            for (MakerOffer o : selector.choose(book, MakerSelectorTest.AMOUNT, counterparties, Set.of(), rng)) {
                picked[book.indexOf(o)]++;
            }
        }
        double[] expected = new double[book.size()];
        inclusion(book, new boolean[book.size()], counterparties, 1.0, expected);
        StringBuilder table = new StringBuilder("n=" + counterparties + " maker bondValue observed expected\n");
        for (int i = 0; i < book.size(); i++) {
            double p = expected[i];
            double observed = (double) picked[i] / DRAWS;
            double sigma = Math.sqrt(p * (1 - p) / DRAWS);
            table.append(String.format("  %d %.4g %.4f %.4f%n", i, book.get(i).bondValue(), observed, p));
            assertThat(observed).as("maker %d share", i).isCloseTo(p, within(4.5 * sigma + 1e-12));
        }
        System.out.print(table);
        if (counterparties == 1) {
            double[] shares = MakerSelector.bondWeightedFirstPickShares(book, ALLOWANCE);
            for (int i = 0; i < book.size(); i++) {
                assertThat(shares[i]).isCloseTo(expected[i], within(1e-12));
            }
        }
    }

    @ParameterizedTest(name = "allowance {0}")
    @ValueSource(doubles = {0.0, 1.0})
    void allowanceExtremesAreAllBondOrAllUniform(double allowance) {
        List<MakerOffer> book = book();
        double[] shares = MakerSelector.bondWeightedFirstPickShares(book, allowance);
        double total = book.stream().mapToDouble(MakerOffer::bondValue).sum();
        for (int i = 0; i < book.size(); i++) {
            double want = allowance == 1.0 ? 1.0 / book.size() : book.get(i).bondValue() / total;
            assertThat(shares[i]).isCloseTo(want, within(1e-12));
        }
    }

    /** Exact inclusion probabilities: every order of picks, each pick by the reference's rule. */
    private static void inclusion(List<MakerOffer> book, boolean[] taken, int picksLeft, double prob, double[] acc) {
        if (picksLeft == 0) {
            return;
        }
        int left = 0;
        double bondTotal = 0;
        for (int i = 0; i < book.size(); i++) {
            if (!taken[i]) {
                left++;
                bondTotal += book.get(i).bondValue();
            }
        }
        if (left == 0) {
            return;
        }
        for (int i = 0; i < book.size(); i++) {
            if (taken[i]) {
                continue;
            }
            double weighted = bondTotal > 0 ? book.get(i).bondValue() / bondTotal : 1.0 / left;
            double p = prob * (ALLOWANCE / left + (1 - ALLOWANCE) * weighted);
            acc[i] += p;
            taken[i] = true;
            inclusion(book, taken, picksLeft - 1, p, acc);
            taken[i] = false;
        }
    }

    @org.junit.jupiter.api.Test
    void progressLineShowsEachChosenMakersBondAndChance() {
        List<MakerOffer> book = book();
        MakerSelector selector = new MakerSelector(new SelectionPolicy(SelectionAlgorithm.FIDELITY_BOND_WEIGHTED,
                FeeLimits.NG_DEFAULTS, ALLOWANCE, false));
        double[] shares = MakerSelector.bondWeightedFirstPickShares(book, ALLOWANCE);
        String line = selector.describeBondWeights(List.of(book.get(2), book.get(4)), book);
        assertThat(line).isEqualTo(String.format(java.util.Locale.ROOT,
                "; bond weights: %s bond %.3g (first-pick chance %.1f%%), %s no bond (first-pick chance %.1f%%)",
                book.get(2).maker().value(), book.get(2).bondValue(), 100 * shares[2], book.get(4).maker().value(),
                100 * shares[4]));
        assertThat(new MakerSelector(SelectionPolicy.DEFAULT.withAlgorithm(SelectionAlgorithm.CHEAPEST))
                .describeBondWeights(List.of(book.get(2)), book)).isEmpty();
    }
}
