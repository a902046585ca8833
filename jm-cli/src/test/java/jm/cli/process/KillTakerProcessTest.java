package jm.cli.process;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
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
 * kill -9 of a real {@code jm taker coinjoin} process at fill, at auth and after {@code !tx}
 * (issue 12, item 3), and SIGTERM (Ctrl-C) at auth: after a kill its reserved coins are on disk
 * and the next {@code jm taker coinjoin} releases them (nothing was signed); after SIGTERM the
 * process released them itself before exiting. The next CoinJoin succeeds and every wallet's
 * balance reconciles with the chain: the coins of all wallets together shrank by exactly the
 * mining fees of the confirmed transactions.
 */
@Timeout(300)
class KillTakerProcessTest extends ProcessMarket {
    @ParameterizedTest
    @ValueSource(strings = {"kill:[fill]", "kill:[auth]", "kill:[sig] sent !tx", "term:[auth]"})
    void aTakerKilledMidCoinJoinStrandsNothing(String how) throws Exception {
        boolean term = how.startsWith("term:");
        String phase = how.substring(5);
        startMarket();
        Path data = dir.resolve("taker-data");
        WalletStorage storage = WalletStorage.inDataDir(data);
        try (Wallet w = Fixtures.regtestWallet(data, "taker")) {
            node.fund(address(w.freshAddress(0, Branch.EXTERNAL).address()), Sats.of(2_500_000));
        }
        node.mine(6, null);
        Files.writeString(data.resolve("config.toml"), String.join("\n", "[taker]", "order_wait_time = 2",
                "minimum_makers = 3", "maker_timeout_sec = 20", "tx_broadcast = \"self\"",
                "confirmation_timeout_sec = 0", ""));
        BitcoinCoreBackend takerChain = backend("jm-taker");
        List<ChainBackend> all = new ArrayList<>(backends);
        long before = sumOfAll(data, takerChain);

        JmProcess killed = taker(data, 3);
        killed.awaitOutput(phase, WAIT);
        if (term) {
            assertThat(killed.terminate(WAIT)).isEqualTo(JmProcess.SIGTERM_EXIT);
            assertThat(Files.readString(storage.stateFile("taker"))).as("released before exit")
                    .doesNotContain("\"type\":\"jm-lock\"");
        } else {
            killed.kill9();
            assertThat(Files.readString(storage.stateFile("taker"))).as("the dead taker left its coin reserved")
                    .contains("\"type\":\"jm-lock\"");
        }

        JmProcess next = taker(data, 3);
        assertThat(next.awaitExit(WAIT)).as(next.stderr()).isZero();
        if (!term) {
            assertThat(next.stderr()).contains("released 1 coin(s) reserved by an earlier run that ended without"
                    + " signing");
        }
        JsonNode summary = new ObjectMapper().readTree(next.stdout());
        assertThat(summary.get("success").asBoolean()).isTrue();
        node.mine(1, null);
        Sha256Hash txid = Sha256Hash.wrap(summary.get("txid").asText());
        assertThat(takerChain.getConfirmations(txid)).contains(1);

        long after = sumOfAll(data, takerChain);
        var sends = ChainLedger.confirmedSends(all);
        assertThat(sends).contains(txid);
        long fees = sends.stream().mapToLong(t -> ChainLedger.fee(takerChain, t)).sum();
        assertThat(before - after).isEqualTo(fees);
        try (Wallet w = Wallet.open(storage, "taker", Password.of("pw"), Passphrase.NONE, 20, Clock.systemUTC())) {
            w.sync(takerChain); // settles the signed reservation of the confirmed CoinJoin
            assertThat(w.reservations()).isEmpty();
            assertThat(w.balance(1).confirmed()).isEqualTo(Sats.of(1_000_000));
        }
    }

}
