package jm.tumbler.plan;

import java.util.List;

/**
 * The knobs of plan generation, with the reference tumbler's defaults ({@code tumbler.py}'s
 * options in {@code jmclient/cli_options.py}).
 *
 * @param mixdepthCount           mixdepths to mix through ({@code -M}, 4)
 * @param makerCountMean          mean of the normal draw of makers per CoinJoin ({@code -N}, 9)
 * @param makerCountSigma         its standard deviation (1)
 * @param minMakerCount           draws below this are raised to it ({@code --minmakercount}, 4)
 * @param txCountMean             mean of CoinJoins per mixdepth ({@code -c}, 2)
 * @param txCountSigma            its standard deviation (1)
 * @param minTxCount              draws below this are raised to it ({@code --mintxcount}, 2)
 * @param timeLambdaMinutes       mean wait after a CoinJoin, exponential ({@code -l}, 60 minutes)
 * @param stage1TimeLambdaFactor  stage-1 sweeps wait this many times longer ({@code --stage1-timelambda-increase}, 3)
 * @param roundingChance          chance a non-sweep amount is rounded ({@code --rounding-chance}, 0.25)
 * @param roundingSigfigWeights   weights of rounding to 1..5 significant figures (55, 15, 25, 65, 40)
 * @param minCjAmountSats         smaller amounts are raised to this ({@code -s}, 100 000 sats)
 * @param liquidityWaitSeconds    wait before retrying a failed CoinJoin ({@code -q}, 60 s)
 */
public record TumbleParameters(int mixdepthCount, double makerCountMean, double makerCountSigma, int minMakerCount,
        double txCountMean, double txCountSigma, int minTxCount, double timeLambdaMinutes,
        double stage1TimeLambdaFactor, double roundingChance, List<Double> roundingSigfigWeights,
        long minCjAmountSats, long liquidityWaitSeconds) {

    public static final int MIN_DESTINATIONS = 3;

    public TumbleParameters {
        roundingSigfigWeights = List.copyOf(roundingSigfigWeights);
        check(mixdepthCount >= 1, "mixdepth count must be at least 1");
        check(makerCountMean >= 1 && makerCountSigma >= 0, "maker count mean must be >= 1 and its spread >= 0");
        check(minMakerCount >= 1 && minMakerCount <= 50, "minimum maker count must be 1..50");
        check(txCountMean >= 1 && txCountSigma >= 0, "transaction count mean must be >= 1 and its spread >= 0");
        check(minTxCount >= 1, "minimum transaction count must be at least 1");
        check(timeLambdaMinutes > 0 && stage1TimeLambdaFactor > 0, "wait averages must be positive");
        check(roundingChance >= 0 && roundingChance <= 1, "rounding chance must be in 0..1");
        check(roundingSigfigWeights.size() == 5 && roundingSigfigWeights.stream().allMatch(w -> w >= 0)
                && roundingSigfigWeights.stream().mapToDouble(Double::doubleValue).sum() > 0,
                "rounding weights must be 5 non-negative numbers, not all 0");
        check(minCjAmountSats >= 0, "minimum CoinJoin amount must be >= 0");
        check(liquidityWaitSeconds >= 0, "liquidity wait must be >= 0");
    }

    private static void check(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }

    /** The reference defaults. */
    public static TumbleParameters defaults() {
        return new TumbleParameters(4, 9, 1, 4, 2, 1, 2, 60, 3, 0.25, List.of(55.0, 15.0, 25.0, 65.0, 40.0), 100_000,
                60);
    }

    public TumbleParameters withMakerCounts(double mean, double sigma, int min) {
        return new TumbleParameters(mixdepthCount, mean, sigma, min, txCountMean, txCountSigma, minTxCount,
                timeLambdaMinutes, stage1TimeLambdaFactor, roundingChance, roundingSigfigWeights, minCjAmountSats,
                liquidityWaitSeconds);
    }

    public TumbleParameters withTxCounts(int mixdepths, double mean, double sigma, int min) {
        return new TumbleParameters(mixdepths, makerCountMean, makerCountSigma, minMakerCount, mean, sigma, min,
                timeLambdaMinutes, stage1TimeLambdaFactor, roundingChance, roundingSigfigWeights, minCjAmountSats,
                liquidityWaitSeconds);
    }

    public TumbleParameters withWaits(double lambdaMinutes, double stage1Factor, long liquidityWait) {
        return new TumbleParameters(mixdepthCount, makerCountMean, makerCountSigma, minMakerCount, txCountMean,
                txCountSigma, minTxCount, lambdaMinutes, stage1Factor, roundingChance, roundingSigfigWeights,
                minCjAmountSats, liquidityWait);
    }

    public TumbleParameters withAmounts(long minCjAmount, double chance, List<Double> weights) {
        return new TumbleParameters(mixdepthCount, makerCountMean, makerCountSigma, minMakerCount, txCountMean,
                txCountSigma, minTxCount, timeLambdaMinutes, stage1TimeLambdaFactor, chance, weights, minCjAmount,
                liquidityWaitSeconds);
    }
}
