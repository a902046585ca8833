package jm.maker;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Optional;
import jm.core.Nick;
import jm.maker.bot.CoinJoinHistory;
import jm.maker.bot.CommitmentBlacklist;
import jm.maker.bot.MakerEngine;
import jm.maker.bot.MakerSettings;
import jm.maker.testing.CoinJoinFixture;
import jm.maker.testing.FakeMakerChain;
import jm.maker.testing.FakeMakerWallet;
import jm.core.testing.MutableClock;
import jm.maker.testing.RecordingOutbox;
import jm.maker.tx.TxVerdict;
import jm.maker.tx.TxVerifier;

/**
 * Fuzz targets (regression mode in normal test runs; real fuzzing with JAZZER_FUZZ=1): the
 * {@code !tx} verifier never throws and never accepts a transaction that underpays us; the engine
 * survives any private or public message without signing anything.
 */
class MakerFuzzTest {
    private static final CoinJoinFixture F = new CoinJoinFixture();
    private static final byte[] HONEST = F.honestTx().serialize();
    private static final Nick TAKER = new Nick("J56Qu3cvNvi3Y1vt");

    @FuzzTest(maxDuration = "60s")
    void txVerifierNeverThrowsAndNeverAcceptsAnUnderpayment(FuzzedDataProvider data) {
        byte[] raw;
        if (data.consumeBoolean()) {
            raw = HONEST.clone();
            int flips = data.consumeInt(1, 6);
            for (int i = 0; i < flips; i++) {
                raw[data.consumeInt(0, raw.length - 1)] = data.consumeByte();
            }
        } else {
            raw = data.consumeRemainingAsBytes();
        }
        TxVerdict v = TxVerifier.verify(raw, F.terms(), F.wallet);
        if (v instanceof TxVerdict.Accepted a) {
            long cj = 0;
            long change = 0;
            for (var out : a.tx().getOutputs()) {
                if (Arrays.equals(out.getScriptBytes(), F.cjScript)) {
                    cj += out.getValue().value;
                } else if (Arrays.equals(out.getScriptBytes(), F.changeScript)) {
                    change += out.getValue().value;
                }
            }
            assertThat(cj).isGreaterThanOrEqualTo(CoinJoinFixture.AMOUNT);
            assertThat(change).isGreaterThanOrEqualTo(CoinJoinFixture.EXPECTED_CHANGE);
        } else {
            assertThat(((TxVerdict.Rejected) v).reason()).isNotNull();
        }
    }

    private static MakerEngine<String> engine;
    private static FakeMakerWallet wallet;

    private static synchronized MakerEngine<String> engine() throws Exception {
        if (engine == null) {
            Path dir = Files.createTempDirectory("maker-fuzz");
            wallet = new FakeMakerWallet();
            engine = new MakerEngine<>(MakerSettings.defaults("regtest").withReannounceDelayMax(Duration.ZERO), wallet,
                    new FakeMakerChain(), new RecordingOutbox(), CommitmentBlacklist.open(dir.resolve("cmt")),
                    new CoinJoinHistory(dir.resolve("h.csv")), n -> false, n -> Optional.empty(),
                    new MutableClock(Instant.parse("2026-11-26T04:00:00Z")), new SecureRandom());
            engine.refreshOffers(true);
        }
        return engine;
    }

    @FuzzTest(maxDuration = "60s")
    void engineSurvivesAnyMessageAndSignsNothing(FuzzedDataProvider data) throws Exception {
        MakerEngine<String> e = engine();
        String[] commands = {"fill", "auth", "tx", "push", "sig", "ioauth", "pubkey", "hp2", "orderbook", "error",
                "sw0reloffer", "tbond", data.consumeAsciiString(8)};
        String command = commands[data.consumeInt(0, commands.length - 1)];
        boolean direct = data.consumeBoolean();
        boolean pub = data.consumeBoolean();
        String body = data.consumeRemainingAsString();
        if (pub) {
            e.onPublic("dir", direct, TAKER, body);
        } else {
            e.onPrivate("dir", direct, TAKER, command, body);
        }
        e.tick();
        assertThat(wallet.signCalls).isEmpty();
    }
}
