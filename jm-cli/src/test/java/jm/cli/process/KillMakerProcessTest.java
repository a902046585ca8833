package jm.cli.process;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import jm.chain.ChainBackend;
import jm.chain.rpc.BitcoinCoreBackend;
import jm.core.Sats;
import jm.wallet.Wallet;
import jm.wallet.WalletStorage;
import jm.wallet.keys.Branch;
import jm.wallet.keys.Passphrase;
import jm.wallet.store.Password;
import org.bitcoinj.base.Sha256Hash;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import jm.cli.testing.Fixtures;

/**
 * kill -9 of a real {@code jm maker start} process at {@code !fill}, after {@code !ioauth} and
 * after it signed (issue 12, item 4): restarted, it releases what it reserved without signing
 * (its offer is whole again at once, not an hour later), the next CoinJoin with it succeeds, and
 * all balances reconcile with the chain. A clean stop (SIGTERM) releases before exit.
 */
@Timeout(420)
class KillMakerProcessTest extends ProcessMarket {

    JmProcess maker(Path data) throws Exception {
        JmProcess p = JmProcess.start(dir.resolve("logs"), Map.of("JM_LOG_LEVEL", "INFO"), "maker", "start",
                "--data-dir", data.toString(), "-w", "maker", "--password-file", dir.resolve("pw").toString(),
                "--rpc-url", node.rpcUrl().toString(), "--rpc-cookie", node.cookieFile().toString(),
                "--directory", "127.0.0.1:" + directory.port(), "--listen", "127.0.0.1:0", "--cjfee-r", "0.0002",
                "--txfee-contribution", "100", "--minsize", "100000", "--status-interval", "3600");
        processes.add(p);
        return p;
    }

    static String offer(String makerOut) {
        Matcher m = Pattern.compile("offer: (sw0reloffer 0 \\d+ \\d+)").matcher(makerOut);
        assertThat(m.find()).as(makerOut).isTrue();
        return m.group(1);
    }

    @ParameterizedTest
    @ValueSource(strings = {"kill:!fill oid", "kill:!ioauth sent", "kill:signed 1 input(s)", "term:!ioauth sent"})
    void aMakerKilledMidCoinJoinStrandsNothing(String how) throws Exception {
        boolean term = how.startsWith("term:");
        String phase = how.substring(5);
        startMarket();
        Path makerData = dir.resolve("maker-data");
        Path takerData = dir.resolve("taker-data");
        try (Wallet m = Fixtures.regtestWallet(makerData, "maker");
             Wallet t = Fixtures.regtestWallet(takerData, "taker")) {
            node.fund(address(m.freshAddress(0, Branch.EXTERNAL).address()), Sats.of(3_000_000));
            node.fund(address(m.freshAddress(1, Branch.EXTERNAL).address()), Sats.of(2_000_000));
            node.fund(address(t.freshAddress(0, Branch.EXTERNAL).address()), Sats.of(2_500_000));
            node.fund(address(t.freshAddress(0, Branch.EXTERNAL).address()), Sats.of(2_500_000));
        }
        node.mine(6, null);
        // four makers in the book, three wanted: after the kill the taker replaces the dead one
        Files.writeString(takerData.resolve("config.toml"), String.join("\n", "[taker]", "order_wait_time = 3",
                "minimum_makers = 3", "maker_timeout_sec = 5", "tx_broadcast = \"self\"",
                "confirmation_timeout_sec = 0", ""));
        BitcoinCoreBackend makerChain = backend("jm-maker");
        BitcoinCoreBackend takerChain = backend("jm-taker");
        long before = sumOfAll(takerData, takerChain) + total(makerData, makerChain);

        JmProcess maker = maker(makerData);
        maker.awaitOutput("press Ctrl-C to stop", WAIT);
        String fullOffer = offer(maker.stdout());
        JmProcess firstTaker = taker(takerData, 4);
        maker.awaitOutput(phase, WAIT);
        if (term) {
            assertThat(maker.terminate(WAIT)).isEqualTo(JmProcess.SIGTERM_EXIT);
            assertThat(Files.readString(WalletStorage.inDataDir(makerData).stateFile("maker")))
                    .as("released before exit").doesNotContain("\"type\":\"jm-lock\"");
        } else {
            maker.kill9();
        }
        int firstRc = firstTaker.awaitExit(WAIT); // succeeds or fails without the dead maker: either is fine
        node.mine(1, null);

        JmProcess restarted = maker(makerData);
        restarted.awaitOutput("press Ctrl-C to stop", WAIT);
        String out = restarted.stdout();
        if (!phase.startsWith("signed")) {
            // nothing signed: released at once, the offer is whole again
            if (!phase.startsWith("!fill") && !term) {
                assertThat(out).contains("released 1 coin(s) reserved by an earlier run that ended without signing");
            }
            assertThat(offer(out)).isEqualTo(fullOffer);
        }
        JmProcess next = taker(takerData, 4);
        assertThat(next.awaitExit(WAIT)).as(next.stderr()).isZero();
        JsonNode summary = new ObjectMapper().readTree(next.stdout());
        assertThat(summary.get("success").asBoolean()).isTrue();
        node.mine(1, null);
        assertThat(takerChain.getConfirmations(Sha256Hash.wrap(summary.get("txid").asText()))).contains(1);
        assertThat(restarted.terminate(WAIT)).as(restarted.stderr()).isEqualTo(JmProcess.SIGTERM_EXIT);

        long after = sumOfAll(takerData, takerChain) + total(makerData, makerChain);
        List<ChainBackend> all = new ArrayList<>(backends);
        long fees = ChainLedger.confirmedSends(all).stream().mapToLong(t -> ChainLedger.fee(takerChain, t)).sum();
        assertThat(before - after).as("first taker rc %d", firstRc).isEqualTo(fees);
        try (Wallet m = Wallet.open(WalletStorage.inDataDir(makerData), "maker", Password.of("pw"), Passphrase.NONE,
                20, Clock.systemUTC())) {
            m.sync(makerChain);
            // only a coin signed into a transaction that may still confirm (all its inputs unspent) stays reserved
            m.reservations().forEach((coin, lock) -> {
                assertThat(lock.signed()).as("%s: %s", coin, lock).isTrue();
                lock.txInputs().forEach(in -> assertThat(makerChain.getTxOut(in, false)).as("%s", in).isPresent());
            });
        }
    }

    long total(Path data, ChainBackend chain) {
        try (Wallet w = Wallet.openReadOnly(WalletStorage.inDataDir(data), "maker", Password.of("pw"),
                Passphrase.NONE, 20, Clock.systemUTC())) {
            return total(w, chain);
        }
    }
}
