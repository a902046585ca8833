package jm.demo.scenario;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import jm.demo.market.Route;

/**
 * What one CoinJoin of the scenario did, and what was wrong with it ({@link #problems()} empty
 * means it succeeded and every check passed).
 *
 * @param title         e.g. "CoinJoin over direct connections"
 * @param route         how the taker reached the makers
 * @param sweep         whether the taker swept its mixdepth
 * @param txid          the transaction id, once built
 * @param equalAmount   the equal output amount
 * @param equalOutputs  how many outputs carry exactly that amount (makers + 1 expected)
 * @param makers        the participating makers
 * @param miningFee     the transaction's mining fee
 * @param confirmations confirmations the node reports at the end
 * @param blockHeight   the node's height after the confirming block
 * @param dropped       makers the taker dropped on the way, with the reason
 * @param attempts      fill rounds the taker needed
 * @param elapsed       wall time
 * @param fillToBroadcast from the first {@code !fill} to the transaction in the mempool, if it got there
 * @param problems      failed checks, human readable
 */
public record CoinJoinResult(String title, Route route, boolean sweep, Optional<String> txid, long equalAmount,
        int equalOutputs, List<MakerShare> makers, long miningFee, int confirmations, long blockHeight,
        Map<String, String> dropped, int attempts, Duration elapsed, Optional<Duration> fillToBroadcast,
        List<String> problems) {
    public CoinJoinResult {
        Objects.requireNonNull(title);
        Objects.requireNonNull(route);
        Objects.requireNonNull(txid);
        makers = List.copyOf(makers);
        dropped = Map.copyOf(dropped);
        Objects.requireNonNull(elapsed);
        Objects.requireNonNull(fillToBroadcast);
        problems = List.copyOf(problems);
    }

    public boolean success() {
        return problems.isEmpty();
    }
}
