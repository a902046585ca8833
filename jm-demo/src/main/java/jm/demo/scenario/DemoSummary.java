package jm.demo.scenario;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * The whole demo run.
 *
 * @param coinJoins   the CoinJoins in order (fewer than three if one failed before the next)
 * @param problems    failed checks across CoinJoins (address reuse) and start-up failures
 * @param startup     time to start and fund the market
 * @param elapsed     total wall time
 */
public record DemoSummary(List<CoinJoinResult> coinJoins, List<String> problems, Duration startup,
        Duration elapsed) {
    public static final int COINJOINS = 3;

    public DemoSummary {
        coinJoins = List.copyOf(coinJoins);
        problems = List.copyOf(problems);
        Objects.requireNonNull(startup);
        Objects.requireNonNull(elapsed);
    }

    /** All three CoinJoins confirmed and every check passed. */
    public boolean success() {
        return problems.isEmpty() && coinJoins.size() == COINJOINS
                && coinJoins.stream().allMatch(CoinJoinResult::success);
    }
}
