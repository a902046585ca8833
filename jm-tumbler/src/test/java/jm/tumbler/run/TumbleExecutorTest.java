package jm.tumbler.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import jm.tumbler.plan.ScheduleEntry;
import jm.tumbler.plan.StepAmount;
import jm.tumbler.state.StepState;
import jm.tumbler.state.StepStatus;
import jm.tumbler.state.TumbleState;
import jm.tumbler.state.TumbleStateStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TumbleExecutorTest {
    static final List<ScheduleEntry> PLAN = List.of(
            new ScheduleEntry(0, StepAmount.SWEEP, 3, ScheduleEntry.INTERNAL, 10, 16),
            new ScheduleEntry(1, new StepAmount.Fraction(0.5), 3, ScheduleEntry.INTERNAL, 20, 16),
            new ScheduleEntry(1, StepAmount.SWEEP, 3, "dest-a", 30, 16),
            new ScheduleEntry(2, StepAmount.SWEEP, 3, "dest-b", 0, 16));
    static final TumbleExecutor.Settings SETTINGS = new TumbleExecutor.Settings(100_000, Duration.ofSeconds(60), 3,
            Duration.ofSeconds(5), 2, 2);

    @TempDir
    Path dir;
    final FakeMarket market = new FakeMarket();
    final List<String> progress = new ArrayList<>();

    TumbleState fresh() {
        market.balances.put(0, 10_000_000L);
        TumbleState s = new TumbleState("w", market.waits.now(), List.of("dest-a", "dest-b"),
                PLAN.stream().map(StepState::planned).toList(), Optional.empty());
        new TumbleStateStore(file()).save(s);
        return s;
    }

    Path file() {
        return dir.resolve("tumbler").resolve("w.json");
    }

    TumbleExecutor executor(TumbleStateStore.SaveHook hook) throws Exception {
        TumbleStateStore store = new TumbleStateStore(file(), hook);
        return new TumbleExecutor(store, store.load(), market, market.waits, SETTINGS, progress::add);
    }

    List<Duration> longWaits() {
        return market.waits.sleeps.stream().filter(d -> d.compareTo(Duration.ofMinutes(1)) > 0).toList();
    }

    void assertAllDoneOnce() throws Exception {
        TumbleState end = new TumbleStateStore(file()).load();
        assertThat(end.finished()).isTrue();
        assertThat(market.chain).hasSize(4).allSatisfy((txid, conf) -> assertThat(conf).isPositive());
        assertThat(end.steps()).extracting(s -> s.txid().orElseThrow()).doesNotHaveDuplicates()
                .allSatisfy(t -> assertThat(market.chain).containsKey(t));
        assertThat(market.balances).allSatisfy((md, b) -> assertThat(b).as("mixdepth " + md).isZero());
        long base1 = 10_000_000L - 100;
        assertThat(market.received).containsEntry("dest-a", base1 - base1 / 2 - 100 - 100)
                .containsEntry("dest-b", base1 / 2 - 100);
    }

    @Test
    void runsEveryStepOnceInOrderWaitingThePlannedWaitAfterEachConfirmation() throws Exception {
        fresh();
        TumbleState end = executor(TumbleStateStore.SaveHook.NONE).run();

        assertThat(market.requests).extracting(CoinJoinPort.Request::mixdepth).containsExactly(0, 1, 1, 2);
        assertThat(market.requests.get(1).amountSats()).as("half of mixdepth 1's balance").isEqualTo(
                (10_000_000L - 100) / 2);
        assertThat(market.requests.get(2).destination()).contains("dest-a");
        assertThat(market.requests.get(0).destination()).isEmpty();
        assertThat(longWaits()).containsExactly(Duration.ofMinutes(10), Duration.ofMinutes(20), Duration.ofMinutes(30));
        assertThat(end.steps()).allSatisfy(s -> assertThat(s.costSats()).isEqualTo(100));
        assertAllDoneOnce();
        assertThat(progress).anySatisfy(l -> assertThat(l).startsWith("step 2 of 4: CoinJoin 0.04999950 BTC from "
                + "mixdepth 1 to the next mixdepth (INTERNAL) with 3 makers"));
        assertThat(progress).anySatisfy(l -> assertThat(l).matches("step 1 of 4: [0-9a-f]{64} confirmed; next "
                + "CoinJoin in 10 min 00 s"));
        assertThat(TumbleReport.lines(end).get(4)).startsWith("4 of 4 CoinJoins confirmed; cost so far 400 sats");
    }

    /**
     * A crash (the process dies: nothing after the save runs) right after each kind of save, at
     * each step; a fresh executor on the same file finishes the tumble with every step's CoinJoin
     * on the chain exactly once.
     */
    @ParameterizedTest(name = "crash after saving {0} of step {1}")
    @CsvSource({"started,0", "started,2", "signed,0", "signed,1", "signed,3", "broadcast,1", "broadcast,3",
            "confirmed,0", "confirmed,2"})
    void aCrashAfterAnySaveIsResumedWithoutRepeatingOrLosingACoinJoin(String kind, int step) throws Exception {
        fresh();
        Predicate<TumbleState> at = s -> {
            StepState st = s.step(step);
            return switch (kind) {
                case "started" -> st.status() == StepStatus.STARTED;
                case "signed" -> st.status() == StepStatus.SENT && st.costSats() == 0;
                case "broadcast" -> st.status() == StepStatus.SENT && st.costSats() > 0;
                default -> st.status() == StepStatus.CONFIRMED;
            };
        };
        TumbleExecutor first = executor(s -> {
            if (at.test(s)) {
                throw new FakeMarket.FakeCrash("kill -9 after saving " + kind);
            }
        });
        assertThatThrownBy(first::run).isInstanceOf(FakeMarket.FakeCrash.class);
        Instant crashedAt = market.waits.now();
        market.waits.now = crashedAt.plus(Duration.ofMinutes(1)); // the restart takes a minute

        executor(TumbleStateStore.SaveHook.NONE).run();

        assertAllDoneOnce();
        assertThat(market.requests).as("CoinJoins asked for").hasSize(4);
        if (kind.equals("signed")) {
            assertThat(progress).anySatisfy(l -> assertThat(l).contains("was not known to the node; broadcast it again"));
        }
        if (kind.equals("confirmed")) {
            Duration planned = Duration.ofMinutes((long) PLAN.get(step).waitMinutes());
            assertThat(longWaits()).as("the wait picks up where it was").contains(planned.minusMinutes(1));
        }
    }

    @ParameterizedTest(name = "raw kept {0}, rebroadcast refused {1}")
    @CsvSource({"false,false", "true,true"})
    void aSentTransactionTheNodeNeverSawAndCannotGetRunsTheStepAgain(boolean keepRaw, boolean refuse) throws Exception {
        fresh();
        market.keepRawTx = keepRaw;
        market.refuseRebroadcast = refuse;
        TumbleExecutor first = executor(s -> {
            if (s.step(1).status() == StepStatus.SENT && s.step(1).costSats() == 0) {
                throw new FakeMarket.FakeCrash("kill -9 between signing and broadcast");
            }
        });
        assertThatThrownBy(first::run).isInstanceOf(FakeMarket.FakeCrash.class);
        String lost = new TumbleStateStore(file()).load().step(1).txid().orElseThrow();

        executor(TumbleStateStore.SaveHook.NONE).run();

        assertThat(market.requests).hasSize(5);
        assertThat(market.chain).hasSize(4).doesNotContainKey(lost);
        assertThat(progress).anySatisfy(l -> assertThat(l).contains(lost + " is not on the chain and could not be "
                + "broadcast again").endsWith("running the step again"));
        assertThat(market.balances).allSatisfy((md, b) -> assertThat(b).isZero());
    }

    @Test
    void aFailedCoinJoinIsRetriedAfterTheLiquidityWaitASweepWithOneMakerFewer() throws Exception {
        fresh();
        market.failures.addAll(List.of("only 1 maker answered", "maker timeout"));
        executor(TumbleStateStore.SaveHook.NONE).run();

        assertThat(market.requests).extracting(CoinJoinPort.Request::makerCount).startsWith(3, 2, 2);
        assertThat(market.waits.sleeps).startsWith(Duration.ofSeconds(60), Duration.ofSeconds(60));
        assertThat(progress).anySatisfy(l -> assertThat(l).isEqualTo("step 1 of 4: CoinJoin failed (only 1 maker "
                + "answered); attempt 1 of 3, next try in 1 min 00 s"));
        assertAllDoneOnce();
    }

    @Test
    void aCoinJoinReportedFailedWhoseTransactionIsOnTheChainIsNotRunAgain() throws Exception {
        fresh();
        market.failAfterBroadcast = true;
        executor(TumbleStateStore.SaveHook.NONE).run();
        assertThat(market.requests).hasSize(4);
        assertThat(progress).anySatisfy(l -> assertThat(l).contains("reported a failure (timed out waiting for a "
                + "maker's broadcast) but").endsWith("is on the chain"));
        assertAllDoneOnce();
    }

    @Test
    void aStepFailingEveryAttemptStopsTheRunAndResumeTriesAgain() throws Exception {
        fresh();
        market.failures.addAll(List.of("a", "b", "c"));
        assertThatThrownBy(() -> executor(TumbleStateStore.SaveHook.NONE).run())
                .isInstanceOf(TumbleExecutor.StepFailedException.class)
                .hasMessageContaining("step 1 of 4 failed 3 times, last: c");
        TumbleState kept = new TumbleStateStore(file()).load();
        assertThat(kept.step(0).status()).isEqualTo(StepStatus.PLANNED);
        assertThat(kept.step(0).attempts()).isEqualTo(3);
        assertThat(kept.step(0).lastError()).contains("c");

        executor(TumbleStateStore.SaveHook.NONE).run();
        assertAllDoneOnce();
    }

    @Test
    void stopInterruptsAWaitAndKeepsTheState() throws Exception {
        TumbleState s = fresh().withNextStepNotBefore(Optional.of(Instant.now().plus(Duration.ofHours(1))));
        TumbleStateStore store = new TumbleStateStore(file());
        store.save(s);
        TumbleRun run = TumbleRun.start(new TumbleExecutor(store, s, market,
                Waits.system(java.time.Clock.systemUTC()), SETTINGS, progress::add), "w");
        assertThat(run.running()).isTrue();
        TumbleRun.Result r = run.stop(Duration.ofSeconds(10));
        assertThat(r.end()).isEqualTo(TumbleRun.End.STOPPED);
        assertThat(run.running()).isFalse();
        assertThat(store.load()).isEqualTo(s);
        assertThat(market.requests).isEmpty();
    }

    @Test
    void stopDuringACoinJoinWhoseCallFailsOnTheInterruptIsAStopNotAnError() throws Exception {
        TumbleState s = fresh();
        TumbleStateStore store = new TumbleStateStore(file());
        store.save(s);
        market.blockInCoinJoin = new java.util.concurrent.CountDownLatch(1);
        TumbleRun run = TumbleRun.start(new TumbleExecutor(store, s, market,
                Waits.system(java.time.Clock.systemUTC()), SETTINGS, progress::add), "w");
        assertThat(market.blockInCoinJoin.await(10, java.util.concurrent.TimeUnit.SECONDS)).isTrue();

        TumbleRun.Result r = run.stop(Duration.ofSeconds(10));

        assertThat(r.end()).isEqualTo(TumbleRun.End.STOPPED);
        assertThat(store.load().step(0).status()).isNotEqualTo(StepStatus.SENT).isNotEqualTo(StepStatus.CONFIRMED);
    }
}
