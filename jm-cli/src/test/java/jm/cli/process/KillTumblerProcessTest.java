package jm.cli.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import jm.tumbler.state.StepState;
import jm.tumbler.state.StepStatus;
import jm.tumbler.state.TumbleState;
import org.bitcoinj.base.Sha256Hash;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * kill -9 of a real {@code jm tumbler run} process at each kind of step, recognised from its
 * progress output, then {@code jm tumbler resume} in a new process finishes the tumble: a confirmed
 * CoinJoin is not run again, a broadcast one is found on the chain and waited for, an interrupted
 * preparation runs again, the wait between two steps is picked up where it was. The schedule is a
 * reference schedule file (tumbler.py's format) of two CoinJoins; every case ends with the chain
 * checks of a finished tumble.
 */
@Timeout(300)
class KillTumblerProcessTest extends TumbleMarket {

    /** Where the run is killed: the progress line awaited, and whether blocks are mined meanwhile. */
    enum KillPoint {
        /** Step saved as started, the taker waiting for offers: no transaction built yet. */
        PREPARING("  [orderbook] requesting offers", true),
        /** The CoinJoin broadcast (txid saved), no block mined before the kill. */
        IN_MEMPOOL("is in the mempool, waiting for a confirmation", false),
        /** The first CoinJoin confirmed, the run waiting before the second. */
        WAITING("step 2 of 2: waiting ", true);

        final String marker;
        final boolean mining;

        KillPoint(String marker, boolean mining) {
            this.marker = marker;
            this.mining = mining;
        }
    }

    /** The wait after the first CoinJoin: long enough to kill the run and start the resume inside it. */
    private static final String WAIT_MINUTES = "0.25";

    @ParameterizedTest(name = "killed {0}")
    @EnumSource(KillPoint.class)
    void aTumblerKilledResumesWithoutRepeatingOrLosingAStep(KillPoint point) throws Exception {
        startTumbleMarket(1);
        mining.set(point.mining);
        Path schedule = dir.resolve("TUMBLE.schedule");
        Files.writeString(schedule, "# mixdepth,amount,makers,destination,wait,rounding,completed\n"
                + "0,0,2,INTERNAL," + (point == KillPoint.WAITING ? WAIT_MINUTES : "0.01") + ",16,0\n"
                + "1,0,2," + destinations.get(0) + ",0,16,0\n");
        List<String> run = new ArrayList<>(List.of("tumbler", "run", "--yes", "--schedule-file", schedule.toString(),
                "--poll-interval", "0.5"));
        run.addAll(walletAndMarket());

        JmProcess killed = jm(run);
        killed.awaitOutput(point.marker, WAIT);
        killed.kill9();

        StepState first = state().step(0);
        String txid = null;
        Instant waitUntil = null;
        switch (point) {
            case PREPARING -> {
                assertThat(first.status()).isEqualTo(StepStatus.STARTED);
                assertThat(first.txid()).isEmpty();
                assertThat(first.attempts()).isEqualTo(1);
            }
            case IN_MEMPOOL -> {
                assertThat(first.status()).isEqualTo(StepStatus.SENT);
                txid = first.txid().orElseThrow();
                assertThat(takerChain.getConfirmations(Sha256Hash.wrap(txid))).contains(0);
            }
            case WAITING -> {
                assertThat(first.status()).isEqualTo(StepStatus.CONFIRMED);
                txid = first.txid().orElseThrow();
                assertThat(state().step(1).status()).isEqualTo(StepStatus.PLANNED);
                waitUntil = state().nextStepNotBefore().orElseThrow();
                assertThat(killed.stdout()).contains("(until " + waitUntil + ")");
            }
        }

        mining.set(true);
        List<String> resume = new ArrayList<>(List.of("tumbler", "resume", "--poll-interval", "0.5"));
        resume.addAll(walletAndMarket());
        JmProcess resumed = jm(resume);
        assertThat(resumed.awaitExit(WAIT)).as(resumed.stdout() + resumed.stderr()).isZero();

        String out = resumed.stdout();
        TumbleState end = state();
        switch (point) {
            case PREPARING -> {
                assertThat(out).contains("step 1 of 2: resuming: the interrupted CoinJoin had signed nothing");
                assertThat(end.step(0).attempts()).as("the interrupted attempt and one more").isEqualTo(2);
            }
            case IN_MEMPOOL -> {
                assertThat(out).contains("step 1 of 2: resuming: " + txid + " was sent, checking the chain")
                        .contains("step 1 of 2: " + txid + " confirmed");
                assertThat(end.step(0).txid()).contains(txid);
                assertThat(end.step(0).attempts()).as("not run again").isEqualTo(1);
            }
            case WAITING -> {
                assertThat(out).doesNotContain("step 1 of 2:");
                assertThat(out.indexOf("step 2 of 2: waiting ")).as("the wait picked up").isNotNegative()
                        .isLessThan(out.indexOf("step 2 of 2: CoinJoin sweep"));
                assertThat(out).contains("(until " + waitUntil + ")");
                assertThat(end.step(0).txid()).contains(txid);
                assertThat(end.step(0).attempts()).as("not run again").isEqualTo(1);
                Instant until = waitUntil;
                assertThat(end.step(1).confirmedAt()).hasValueSatisfying(t -> assertThat(t).isAfter(until));
            }
        }
        assertThat(out).contains("step 2 of 2: CoinJoin sweep");
        assertTumbleFinishedOnChain();
    }

    private JmProcess jm(List<String> args) throws Exception {
        JmProcess p = JmProcess.start(dir.resolve("logs"), Map.of("JM_LOG_LEVEL", "WARN"), args.toArray(String[]::new));
        processes.add(p);
        return p;
    }
}
