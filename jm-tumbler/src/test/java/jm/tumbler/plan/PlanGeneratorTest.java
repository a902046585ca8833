package jm.tumbler.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PlanGeneratorTest {
    static final List<String> DESTS = List.of("dest-a", "dest-b", "dest-c");

    static List<ScheduleEntry> plan(long seed, TumbleParameters p, Map<Integer, Long> balances) {
        return new PlanGenerator(p, new Random(seed)).generate(DESTS, balances, 5);
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12})
    void everyDefaultPlanSweepsTheSourceThenWalksTheMixdepthsAndEndsAtEachDestinationOnce(long seed) {
        List<ScheduleEntry> steps = plan(seed, TumbleParameters.defaults(), Map.of(0, 10_000_000L));

        // stage 1: mixdepth 0 swept to the next mixdepth
        assertThat(steps.get(0).mixdepth()).isZero();
        assertThat(steps.get(0).amount().sweep()).isTrue();
        assertThat(steps.get(0).internal()).isTrue();
        // each destination exactly once, the last one by the final sweep
        for (String d : DESTS) {
            assertThat(steps.stream().filter(s -> s.destination().equals(d))).hasSize(1);
        }
        ScheduleEntry last = steps.get(steps.size() - 1);
        assertThat(last.destination()).isEqualTo("dest-c");
        assertThat(last.amount().sweep()).isTrue();
        // stage 2 walks mixdepths 1, 2, 3, 4 in order; each run of a mixdepth ends with a sweep
        List<Integer> order = new ArrayList<>();
        for (int i = 1; i < steps.size(); i++) {
            int md = steps.get(i).mixdepth();
            if (order.isEmpty() || order.get(order.size() - 1) != md) {
                order.add(md);
                if (i > 1) {
                    assertThat(steps.get(i - 1).amount().sweep()).as("last of a mixdepth's run").isTrue();
                }
            }
        }
        assertThat(order).containsExactly(1, 2, 3, 4);
        // the destinations leave from the last three mixdepths, in the order given
        assertThat(steps.stream().filter(s -> !s.internal()).map(ScheduleEntry::mixdepth)).containsExactly(2, 3, 4);
        assertThat(steps.stream().filter(s -> !s.internal()).map(ScheduleEntry::destination)).containsExactlyElementsOf(DESTS);
        // the final mixdepth makes one CoinJoin only; the ones to a destination before it leave something behind
        assertThat(steps.stream().filter(s -> s.mixdepth() == 4)).hasSize(1);
        assertThat(steps.stream().filter(s -> s.mixdepth() == 2 || s.mixdepth() == 3).count()).isGreaterThanOrEqualTo(4);
        assertThat(steps).allSatisfy(s -> assertThat(s.makerCount()).isGreaterThanOrEqualTo(4));
        // fractions of a mixdepth's run leave a share for its sweep
        for (int md = 1; md <= 3; md++) {
            int m = md;
            double sum = steps.stream().filter(s -> s.mixdepth() == m && s.amount() instanceof StepAmount.Fraction)
                    .mapToDouble(s -> ((StepAmount.Fraction) s.amount()).value()).sum();
            assertThat(sum).isLessThan(0.95);
        }
    }

    @Test
    void theSameRandomStateGivesTheSamePlanAndAnotherGivesAnother() {
        assertThat(plan(42, TumbleParameters.defaults(), Map.of(0, 5_000_000L)))
                .isEqualTo(plan(42, TumbleParameters.defaults(), Map.of(0, 5_000_000L)))
                .isNotEqualTo(plan(43, TumbleParameters.defaults(), Map.of(0, 5_000_000L)));
    }

    @Test
    void everyFundedMixdepthIsSweptFirstHighestFirstAndTheWalkStartsAtTheLowestHoldingCoins() {
        List<ScheduleEntry> steps = plan(7, TumbleParameters.defaults(), Map.of(0, 1_000_000L, 2, 3_000_000L, 3, 0L));
        assertThat(steps.subList(0, 2)).extracting(ScheduleEntry::mixdepth).containsExactly(2, 0);
        assertThat(steps.subList(0, 2)).allSatisfy(s -> assertThat(s.amount().sweep()).isTrue());
        assertThat(steps.get(2).mixdepth()).isEqualTo(1);
    }

    @Test
    void waitsAndMakerCountsFollowTheReferenceDistributions() {
        TumbleParameters p = TumbleParameters.defaults();
        double stage1 = 0;
        double stage2 = 0;
        long stage2Count = 0;
        double makers = 0;
        long all = 0;
        int plans = 3000;
        for (int seed = 0; seed < plans; seed++) {
            List<ScheduleEntry> steps = plan(seed, p, Map.of(0, 10_000_000L));
            stage1 += steps.get(0).waitMinutes();
            for (ScheduleEntry s : steps.subList(1, steps.size())) {
                stage2 += s.waitMinutes();
                stage2Count++;
            }
            for (ScheduleEntry s : steps) {
                makers += s.makerCount();
                all++;
            }
        }
        assertThat(stage1 / plans).as("stage 1 mean wait, 3 x 60 min").isBetween(170.0, 190.0);
        assertThat(stage2 / stage2Count).as("stage 2 mean wait, 60 min").isBetween(57.0, 63.0);
        // normal(9, 1) truncated toward zero and raised to 4: mean about 8.5
        assertThat(makers / all).isBetween(8.3, 8.7);
    }

    @Test
    void roundingIsDrawnForSomeNonSweepAmountsOnly() {
        int rounded = 0;
        int fractions = 0;
        for (int seed = 0; seed < 500; seed++) {
            for (ScheduleEntry s : plan(seed, TumbleParameters.defaults(), Map.of(0, 10_000_000L))) {
                if (s.amount().sweep()) {
                    assertThat(s.rounding()).isEqualTo(ScheduleEntry.NO_ROUNDING);
                } else {
                    fractions++;
                    if (s.rounding() != ScheduleEntry.NO_ROUNDING) {
                        rounded++;
                        assertThat(s.rounding()).isBetween(1, 5);
                    }
                }
            }
        }
        assertThat((double) rounded / fractions).as("rounding chance 0.25").isBetween(0.21, 0.29);
    }

    @Test
    void refusesFewerThanThreeDestinationsRepeatedOnesMoreThanMixdepthsAndAnEmptyWallet() {
        PlanGenerator g = new PlanGenerator(TumbleParameters.defaults(), new Random(1));
        assertThatThrownBy(() -> g.generate(List.of("a", "b"), Map.of(0, 1L), 5)).isInstanceOf(PlanException.class)
                .hasMessageContaining("at least 3 destination addresses");
        assertThatThrownBy(() -> g.generate(List.of("a", "b", "a"), Map.of(0, 1L), 5))
                .hasMessageContaining("must all differ");
        assertThatThrownBy(() -> g.generate(List.of("a", "b", "c", "d", "e"), Map.of(0, 1L), 5))
                .hasMessageContaining("mixdepth count is 4");
        assertThatThrownBy(() -> g.generate(DESTS, Map.of(0, 0L), 5)).hasMessageContaining("no coins");
    }

    /** md1 sends {@code fraction} of its 3,000,000 sats on, sweeps the rest to a destination; md2 then splits what came. */
    static List<ScheduleEntry> twoRuns(double fraction) {
        int n = ScheduleEntry.NO_ROUNDING;
        return List.of(new ScheduleEntry(1, new StepAmount.Fraction(fraction), 2, ScheduleEntry.INTERNAL, 0, n),
                new ScheduleEntry(1, StepAmount.SWEEP, 2, "dest-a", 0, n),
                new ScheduleEntry(2, new StepAmount.Fraction(0.5), 2, ScheduleEntry.INTERNAL, 0, n),
                new ScheduleEntry(2, StepAmount.SWEEP, 2, "dest-b", 0, n));
    }

    @Test
    void aFractionRaisedToTheMinimumCannotBeSplitAgainByTheMixdepthItFilled() {
        Map<Integer, Long> balances = Map.of(1, 3_000_000L);
        // 1 % of 3,000,000 is raised to 150,000: md2 then holds exactly the minimum, and its own
        // half, raised to 150,000 too, would take all of it (the tumble failed there, every retry alike)
        assertThat(PlanGenerator.fundsEveryStep(twoRuns(0.01), balances, 5, 150_000)).isFalse();
        // 20 % is 600,000: md2 sends 300,000 on and keeps 300,000 for its sweep
        assertThat(PlanGenerator.fundsEveryStep(twoRuns(0.2), balances, 5, 150_000)).isTrue();
        // 10 %: md2's half (150,000) leaves it 150,000, just the minimum
        assertThat(PlanGenerator.fundsEveryStep(twoRuns(0.1), balances, 5, 150_000)).isTrue();
        // 90 % of md1 leaves it 300,000; with a minimum of 400,000 that is too little for its sweep
        assertThat(PlanGenerator.fundsEveryStep(twoRuns(0.9), balances, 5, 400_000)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(longs = {150_000, 300_000})
    void everyPlanLeavesEachMixdepthTheMinimumAfterEachOfItsNonSweepCoinJoins(long minimum) {
        // the shape of the end-to-end tumble: 3 mixdepths, one CoinJoin each (two where a destination
        // is paid), 0.03 BTC; about one draw in twenty raises a fraction that the next mixdepth cannot split
        TumbleParameters p = TumbleParameters.defaults().withTxCounts(3, 1, 0, 1).withMakerCounts(2, 0, 2)
                .withAmounts(minimum, 0.25, TumbleParameters.defaults().roundingSigfigWeights());
        Map<Integer, Long> balances = Map.of(0, 3_000_000L);
        for (long seed = 0; seed < 300; seed++) {
            List<ScheduleEntry> steps = plan(seed, p, balances);
            long[] held = new long[5];
            held[0] = 3_000_000L;
            long base = 0;
            for (int i = 0; i < steps.size(); i++) {
                ScheduleEntry e = steps.get(i);
                if (i == 0 || steps.get(i - 1).mixdepth() != e.mixdepth()) {
                    base = held[e.mixdepth()];
                }
                long amount = e.amount().sweep() ? held[e.mixdepth()] : e.amount().resolve(base, e.rounding(), minimum);
                if (!e.amount().sweep()) {
                    assertThat(held[e.mixdepth()] - amount).as("seed %d step %d", seed, i).isGreaterThanOrEqualTo(minimum);
                }
                held[e.mixdepth()] -= amount;
                if (e.internal()) {
                    held[(e.mixdepth() + 1) % 5] += amount;
                }
            }
        }
    }

    @Test
    void coinsTooFewForTheMinimumAmountAreRefusedUpFrontWithWhatToChange() {
        TumbleParameters p = TumbleParameters.defaults().withTxCounts(3, 3, 0, 3)
                .withAmounts(150_000, 0, TumbleParameters.defaults().roundingSigfigWeights());
        assertThatThrownBy(() -> plan(1, p, Map.of(0, 400_000L))).isInstanceOf(PlanException.class)
                .hasMessageContaining("400000 sats").hasMessageContaining("minimum CoinJoin amount of 150000 sats")
                .hasMessageContaining("-s/--mincjamount");
    }

    @Test
    void amountFractionsSumToOneWithTheLastAboveFivePercent() {
        PlanGenerator g = new PlanGenerator(TumbleParameters.defaults(), new Random(3));
        for (int count = 1; count < 8; count++) {
            for (int i = 0; i < 200; i++) {
                double[] f = g.amountFractions(count);
                assertThat(f).hasSize(count);
                assertThat(java.util.Arrays.stream(f).sum()).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-9));
                assertThat(f[count - 1]).isGreaterThan(0.05);
                assertThat(java.util.Arrays.stream(f).min().orElseThrow()).isPositive();
            }
        }
    }
}
