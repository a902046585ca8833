package jm.cli.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import jm.tumbler.state.StepState;
import jm.tumbler.state.StepStatus;
import jm.tumbler.state.TumbleState;
import org.bitcoinj.base.Sha256Hash;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * kill -9 of a real {@code jm tumbler run} process after a CoinJoin was broadcast and before it
 * confirmed (no blocks are mined meanwhile), then {@code jm tumbler resume} in a new process: the
 * broadcast CoinJoin is found on the chain and waited for, not run again, and the tumble
 * finishes. The schedule is a reference schedule file (tumbler.py's format) of two CoinJoins.
 */
@Timeout(300)
class KillTumblerProcessTest extends TumbleMarket {
    @Test
    void aTumblerKilledWithACoinJoinInTheMempoolResumesWithoutRepeatingIt() throws Exception {
        startTumbleMarket(1);
        mining.set(false);
        Path schedule = dir.resolve("TUMBLE.schedule");
        Files.writeString(schedule, "# mixdepth,amount,makers,destination,wait,rounding,completed\n"
                + "0,0,2,INTERNAL,0.01,16,0\n"
                + "1,0,2," + destinations.get(0) + ",0,16,0\n");
        List<String> run = new ArrayList<>(List.of("tumbler", "run", "--yes", "--schedule-file", schedule.toString(),
                "--poll-interval", "0.5"));
        run.addAll(walletAndMarket());

        JmProcess killed = JmProcess.start(dir.resolve("logs"), Map.of("JM_LOG_LEVEL", "WARN"),
                run.toArray(String[]::new));
        processes.add(killed);
        killed.awaitOutput("is in the mempool, waiting for a confirmation", WAIT);
        killed.kill9();

        StepState sent = state().step(0);
        assertThat(sent.status()).isEqualTo(StepStatus.SENT);
        String txid = sent.txid().orElseThrow();
        assertThat(takerChain.getConfirmations(Sha256Hash.wrap(txid))).contains(0);

        mining.set(true);
        List<String> resume = new ArrayList<>(List.of("tumbler", "resume", "--poll-interval", "0.5"));
        resume.addAll(walletAndMarket());
        JmProcess resumed = JmProcess.start(dir.resolve("logs"), Map.of("JM_LOG_LEVEL", "WARN"),
                resume.toArray(String[]::new));
        processes.add(resumed);
        assertThat(resumed.awaitExit(WAIT)).as(resumed.stdout() + resumed.stderr()).isZero();

        assertThat(resumed.stdout()).contains("step 1 of 2: resuming: " + txid + " was sent, checking the chain")
                .contains("step 1 of 2: " + txid + " confirmed").contains("step 2 of 2: CoinJoin sweep");
        TumbleState end = state();
        assertThat(end.step(0).txid()).contains(txid);
        assertThat(end.step(0).attempts()).as("not run again").isEqualTo(1);
        assertTumbleFinishedOnChain();
    }
}
