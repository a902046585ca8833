package jm.cli.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import jm.cli.testing.Cli;
import jm.tumbler.state.TumbleState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A whole tumble on the embedded regtest market: {@code jm tumbler run} plans it for the wallet
 * (3 mixdepths, 2 makers a CoinJoin, waits of a fraction of a second) to 3 destinations and
 * runs every CoinJoin; the result is checked on the chain.
 */
@Timeout(300)
class TumblerEndToEndTest extends TumbleMarket {
    @Test
    void aTumbleReachesEveryDestinationFromAnEmptiedSourceWithoutReusingAnAddress() throws Exception {
        startTumbleMarket(3);
        List<String> args = new ArrayList<>(List.of("tumbler", "run", "--yes", "-M", "3", "-N", "2", "0",
                "--minmakercount", "2", "-c", "1", "0", "--mintxcount", "1", "-l", "0.005",
                "--stage1-timelambda-increase", "1", "--poll-interval", "0.5", "--liquiditywait", "2", "-s", "150000"));
        destinations.forEach(d -> args.addAll(List.of("-d", d)));
        args.addAll(walletAndMarket());

        Cli.Run run = Cli.jm(args.toArray(String[]::new));

        assertThat(run.code()).as(run.out() + run.err()).isZero();
        TumbleState s = state();
        assertThat(s.steps()).hasSize(6);
        assertThat(run.out()).contains("step 1 of 6: CoinJoin sweep of 0.03000000 BTC from mixdepth 0 to the next "
                + "mixdepth (INTERNAL) with 2 makers").contains("step 6 of 6: ").contains("tumble finished: 6 of 6 "
                + "CoinJoins confirmed").contains("next CoinJoin in");
        assertTumbleFinishedOnChain();

        Cli.Run status = Cli.jm("tumbler", "status", "--data-dir", data.toString(), "-w", "taker", "--json");
        assertThat(status.code()).isZero();
        assertThat(status.out()).contains("\"finished\":true").doesNotContain("raw_tx");
    }
}
