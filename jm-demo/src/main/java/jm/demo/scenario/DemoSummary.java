package jm.demo.scenario;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import jm.demo.market.BondSpend;

/**
 * The whole demo run.
 *
 * @param coinJoins   the CoinJoins in order (fewer than three if one failed before the next)
 * @param bondSpend   maker 1's expired bond spent after the CoinJoins (empty if not reached or failed)
 * @param problems    failed checks across CoinJoins (address reuse) and start-up failures
 * @param startup     time to start and fund the market
 * @param elapsed     total wall time
 */
public record DemoSummary(List<CoinJoinResult> coinJoins, Optional<BondSpend> bondSpend, List<String> problems,
        Duration startup, Duration elapsed) {
    public static final int COINJOINS = 3;

    public DemoSummary {
        coinJoins = List.copyOf(coinJoins);
        Objects.requireNonNull(bondSpend);
        problems = List.copyOf(problems);
        Objects.requireNonNull(startup);
        Objects.requireNonNull(elapsed);
    }

    /** All three CoinJoins and the expired bond's spend confirmed, and every check passed. */
    public boolean success() {
        return problems.isEmpty() && coinJoins.size() == COINJOINS
                && coinJoins.stream().allMatch(CoinJoinResult::success)
                && bondSpend.filter(b -> b.confirmations() > 0).isPresent();
    }
}
