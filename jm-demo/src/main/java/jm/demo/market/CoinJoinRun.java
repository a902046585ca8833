package jm.demo.market;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import jm.core.Nick;
import jm.taker.session.CoinJoinReport;
import org.bitcoinj.core.Transaction;

/**
 * One CoinJoin as the demo saw it.
 *
 * @param route            how the taker reached the makers
 * @param report           jm-taker's report
 * @param reachedDirectly  makers to which private messages went over a direct connection
 * @param transaction      the transaction as the node has it (present on success)
 * @param confirmations    confirmations the node reports for it at the end
 * @param elapsed          wall time of the CoinJoin
 * @param fillToBroadcast  from the first {@code !fill} to the transaction in the node's mempool
 */
public record CoinJoinRun(Route route, CoinJoinReport report, Set<Nick> reachedDirectly,
        Optional<Transaction> transaction, int confirmations, Duration elapsed,
        Optional<Duration> fillToBroadcast) {
    public CoinJoinRun {
        Objects.requireNonNull(route);
        Objects.requireNonNull(report);
        reachedDirectly = Set.copyOf(reachedDirectly);
        Objects.requireNonNull(transaction);
        Objects.requireNonNull(elapsed);
        Objects.requireNonNull(fillToBroadcast);
    }
}
