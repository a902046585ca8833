package jm.tumbler.plan;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.random.RandomGenerator;

/**
 * Builds a tumble schedule the way the reference tumbler does ({@code get_tumble_schedule}):
 *
 * <ol>
 * <li>stage 1: every funded mixdepth, highest first, is swept to the next mixdepth (no change),
 *     with waits {@code stage1TimeLambdaFactor} times longer;</li>
 * <li>stage 2: from the lowest mixdepth holding coins after stage 1, {@code mixdepthCount}
 *     mixdepths in turn each make a normal-distributed number of CoinJoins of random fractions
 *     of its balance to the next mixdepth, the last of each a sweep;</li>
 * <li>the last CoinJoin of each of the last {@code destinations.size()} mixdepths goes to a
 *     destination instead, and the very last mixdepth makes a single sweep to the last
 *     destination.</li>
 * </ol>
 *
 * Randomness comes from the caller; the same generator state gives the same plan.
 */
public final class PlanGenerator {
    private final TumbleParameters p;
    private final RandomGenerator rng;

    public PlanGenerator(TumbleParameters parameters, RandomGenerator rng) {
        this.p = parameters;
        this.rng = rng;
    }

    /**
     * @param destinations     external addresses, at least {@link TumbleParameters#MIN_DESTINATIONS}
     *                         and at most {@code mixdepthCount}
     * @param balances         balance per mixdepth (zero balances may be left out)
     * @param mixdepthsInWallet the wallet's mixdepth count (5 by default)
     * @throws PlanException when there is nothing to tumble or the parameters do not fit
     */
    public List<ScheduleEntry> generate(List<String> destinations, Map<Integer, Long> balances, int mixdepthsInWallet) {
        checkDestinations(destinations);
        for (int attempt = 0; attempt < DRAWS; attempt++) {
            List<ScheduleEntry> plan = draw(destinations, balances, mixdepthsInWallet);
            if (fundsEveryStep(plan, balances, mixdepthsInWallet, p.minCjAmountSats())) {
                return plan;
            }
        }
        long total = balances.values().stream().mapToLong(Long::longValue).sum();
        throw new PlanException("no plan out of " + DRAWS + " random draws lets every CoinJoin of " + total
                + " sats leave its mixdepth at least the minimum CoinJoin amount of " + p.minCjAmountSats()
                + " sats for its final sweep: lower the minimum amount (-s/--mincjamount) or the CoinJoins per "
                + "mixdepth, or tumble more coins");
    }

    /** How many random plans {@link #generate} draws before it gives up finding one the coins can pay. */
    static final int DRAWS = 200;

    /**
     * Whether, with every step's amount as the tumble will resolve it (fractions of the balance its
     * mixdepth had when its run of steps began, rounded, raised to {@code minCjAmount}), each
     * non-sweep CoinJoin leaves its mixdepth at least {@code minCjAmount} for the steps after it.
     * The reference draws the last share of each mixdepth above 5 % for the same reason, but a
     * fraction raised to the minimum can still take a whole mixdepth that an earlier raised
     * CoinJoin filled: the tumble would then fail at that step, every retry alike. Fees are left
     * out: the check is about amounts, the minimum leaves room for them.
     */
    static boolean fundsEveryStep(List<ScheduleEntry> plan, Map<Integer, Long> balances, int mixdepthsInWallet,
            long minCjAmount) {
        long[] held = new long[mixdepthsInWallet];
        balances.forEach((md, sats) -> held[md] = sats);
        long base = 0;
        int previous = -1;
        for (ScheduleEntry e : plan) {
            int md = e.mixdepth();
            if (md != previous) {
                base = held[md];
                previous = md;
            }
            long moved = e.amount().sweep() ? held[md] : e.amount().resolve(base, e.rounding(), minCjAmount);
            if (!e.amount().sweep() && held[md] - moved < minCjAmount) {
                return false;
            }
            held[md] -= moved;
            if (e.internal()) {
                held[(md + 1) % mixdepthsInWallet] += moved;
            }
        }
        return true;
    }

    private void checkDestinations(List<String> destinations) {
        if (destinations.size() < TumbleParameters.MIN_DESTINATIONS) {
            throw new PlanException("a tumble needs at least " + TumbleParameters.MIN_DESTINATIONS
                    + " destination addresses (fewer would let amounts be correlated), got " + destinations.size());
        }
        if (destinations.size() > p.mixdepthCount()) {
            throw new PlanException(destinations.size() + " destinations need at least as many mixdepths to mix "
                    + "through, but the mixdepth count is " + p.mixdepthCount());
        }
        if (destinations.stream().distinct().count() != destinations.size()) {
            throw new PlanException("the destination addresses must all differ (an address used twice links them)");
        }
    }

    private List<ScheduleEntry> draw(List<String> destinations, Map<Integer, Long> balances, int mixdepthsInWallet) {
        int addrCount = destinations.size();
        int[] txCounts = new int[p.mixdepthCount()];
        for (int m = 0; m < txCounts.length; m++) {
            txCounts[m] = atLeast(normal(p.txCountMean(), p.txCountSigma()), p.minTxCount());
        }
        List<ScheduleEntry> steps = new ArrayList<>();
        // stage 1: sweep each funded mixdepth, highest first, tracking where coins end up
        List<Integer> funded = new ArrayList<>(new TreeMap<>(balances).entrySet().stream()
                .filter(e -> e.getValue() > 0).map(Map.Entry::getKey).toList());
        java.util.Collections.reverse(funded);
        Map<Integer, Boolean> holds = new TreeMap<>();
        for (int md : funded) {
            if (md >= mixdepthsInWallet) {
                throw new PlanException("mixdepth " + md + " is beyond the wallet's " + mixdepthsInWallet);
            }
            double wait = exponential(p.timeLambdaMinutes() * p.stage1TimeLambdaFactor());
            int makers = atLeast(normal(p.makerCountMean(), p.makerCountSigma()), p.minMakerCount());
            holds.put(md, false);
            holds.put((md + 1) % mixdepthsInWallet, true);
            steps.add(new ScheduleEntry(md, StepAmount.SWEEP, makers, ScheduleEntry.INTERNAL, round2(wait),
                    ScheduleEntry.NO_ROUNDING));
        }
        int lowest = holds.entrySet().stream().filter(Map.Entry::getValue).mapToInt(Map.Entry::getKey).min()
                .orElseThrow(() -> new PlanException("the wallet has no coins to tumble"));
        // stage 2: random fractions from each mixdepth in turn, the last of each a sweep
        for (int m = 0; m < p.mixdepthCount(); m++) {
            int count = txCounts[m];
            boolean sendsToDestination = m >= p.mixdepthCount() - addrCount && m < p.mixdepthCount() - 1;
            if (sendsToDestination && count == 1) {
                count = 2; // something must move on to the next mixdepth
            }
            double[] fractions = amountFractions(count);
            int source = (lowest + m) % mixdepthsInWallet;
            for (int i = 0; i < count; i++) {
                double wait = exponential(p.timeLambdaMinutes());
                int makers = atLeast(normal(p.makerCountMean(), p.makerCountSigma()), p.minMakerCount());
                int rounding = rng.nextDouble() < p.roundingChance() ? weightedFigures() : ScheduleEntry.NO_ROUNDING;
                boolean last = i == count - 1;
                steps.add(new ScheduleEntry(source, last ? StepAmount.SWEEP : new StepAmount.Fraction(fractions[i]),
                        makers, ScheduleEntry.INTERNAL, round2(wait), last ? ScheduleEntry.NO_ROUNDING : rounding));
            }
        }
        // destinations: the last CoinJoin of each of the last addrCount mixdepths
        for (int offset = 0; offset < addrCount; offset++) {
            int source = (lowest + p.mixdepthCount() - offset - 1) % mixdepthsInWallet;
            String dest = destinations.get(addrCount - 1 - offset);
            for (int i = steps.size() - 1; i >= 0; i--) {
                if (steps.get(i).mixdepth() == source) {
                    steps.set(i, steps.get(i).withDestination(dest));
                    break;
                }
            }
            if (offset == 0) {
                collapseFinalMixdepth(steps);
            }
        }
        return List.copyOf(steps);
    }

    /** The final mixdepth sends everything to its destination: its internal steps go, the rest sweep. */
    private static void collapseFinalMixdepth(List<ScheduleEntry> steps) {
        int ending = steps.get(steps.size() - 1).mixdepth();
        for (int i = steps.size() - 1; i >= 0 && steps.get(i).mixdepth() == ending; i--) {
            if (steps.get(i).internal()) {
                steps.remove(i);
            } else {
                steps.set(i, steps.get(i).withAmount(StepAmount.SWEEP));
            }
        }
    }

    /**
     * {@code count} shares summing to 1 from cutting [0, 1] at uniform points; the last share
     * (the sweep's) is kept above 5 % so that earlier raised amounts leave it something.
     */
    double[] amountFractions(int count) {
        while (true) {
            double[] cuts = new double[count - 1];
            for (int i = 0; i < cuts.length; i++) {
                cuts[i] = rng.nextDouble();
            }
            java.util.Arrays.sort(cuts);
            double[] shares = new double[count];
            double upper = 1;
            for (int i = 0; i < cuts.length; i++) {
                double cut = cuts[cuts.length - 1 - i];
                shares[i] = upper - cut;
                upper = cut;
            }
            shares[count - 1] = upper;
            if (shares[count - 1] > 0.05) {
                return shares;
            }
        }
    }

    private int weightedFigures() {
        List<Double> w = p.roundingSigfigWeights();
        double total = w.stream().mapToDouble(Double::doubleValue).sum();
        double r = rng.nextDouble() * total;
        for (int i = 0; i < w.size(); i++) {
            r -= w.get(i);
            if (r < 0) {
                return i + 1;
            }
        }
        return w.size();
    }

    private double normal(double mean, double sigma) {
        return mean + sigma * rng.nextGaussian();
    }

    /** Exponential with the given mean (a Poisson process's gaps). */
    private double exponential(double mean) {
        return -mean * Math.log(1 - rng.nextDouble());
    }

    /** Truncated toward zero like the reference's int(), then raised to the bound. */
    private static int atLeast(double v, int bound) {
        return Math.max((int) v, bound);
    }

    private static double round2(double minutes) {
        return Math.round(minutes * 100) / 100.0;
    }
}
