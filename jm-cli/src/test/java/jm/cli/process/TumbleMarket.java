package jm.cli.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import jm.chain.rpc.BitcoinCoreBackend;
import jm.core.Network;
import jm.core.Sats;
import jm.maker.offer.OfferConfig;
import jm.tumbler.state.StepStatus;
import jm.tumbler.state.TumbleState;
import jm.tumbler.state.TumbleStateStore;
import jm.wallet.Wallet;
import jm.wallet.WalletConfig;
import jm.wallet.WalletStorage;
import jm.wallet.keys.Branch;
import jm.wallet.keys.Mnemonic;
import jm.wallet.keys.Passphrase;
import jm.wallet.store.Password;
import jm.wallet.store.StateStore;
import org.bitcoinj.base.BitcoinNetwork;
import org.bitcoinj.base.Sha256Hash;
import org.bitcoinj.core.Transaction;
import org.bitcoinj.core.TransactionOutput;
import org.junit.jupiter.api.AfterEach;
import jm.cli.testing.Fixtures;

/**
 * The process market plus what a tumble test needs: a funded taker wallet in a data directory,
 * destination addresses of another wallet, a miner that makes blocks while switched on (the
 * network's miners), and checks of a finished tumble against the chain.
 */
abstract class TumbleMarket extends ProcessMarket {
    static final long FUNDS = 3_000_000;
    final AtomicBoolean mining = new AtomicBoolean(true);
    private final ScheduledExecutorService miner = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "test-miner");
        t.setDaemon(true);
        return t;
    });
    Path data;
    BitcoinCoreBackend takerChain;
    final List<String> destinations = new ArrayList<>();

    /**
     * The makers take no share of the mining fee (txfee_contribution 0, the default of NG's and the
     * reference's makers), so their minimum is the configured 100,000 sats. With the process
     * market's 100 sats contribution every maker's minimum would be 750,000 sats, above most of a
     * 0.03 BTC tumble's CoinJoins (fractions raised to -s, and the sweeps of what a fraction leaves
     * behind): no maker would take them, in this market or in a real one so configured.
     */
    @Override
    OfferConfig makerOffers() {
        return OfferConfig.defaults().withFees(new BigDecimal("0.0002"), 0, 0);
    }

    @AfterEach
    void stopMiner() {
        miner.shutdownNow();
    }

    /** Makers, a taker wallet with {@link #FUNDS} in mixdepth 0, [taker] settings, {@code n} destinations. */
    void startTumbleMarket(int n) throws Exception {
        startMarket();
        data = dir.resolve("taker-data");
        try (Wallet w = Fixtures.regtestWallet(data, "taker")) {
            node.fund(address(w.freshAddress(0, Branch.EXTERNAL).address()), Sats.of(FUNDS));
        }
        node.mine(6, null);
        Files.writeString(data.resolve("config.toml"), String.join("\n", "[taker]", "order_wait_time = 2",
                "minimum_makers = 2", "maker_timeout_sec = 20", "taker_utxo_age = 1", "tx_broadcast = \"self\"", ""));
        takerChain = backend("jm-taker");
        Wallet receiver = Wallet.fromMnemonic("receiver", Mnemonic.generate(new SecureRandom(), 12), Passphrase.NONE,
                new WalletConfig(Network.REGTEST, jm.wallet.keys.WalletType.P2WPKH, 5, 20), StateStore.inMemory(),
                Clock.systemUTC(), 0);
        for (int i = 0; i < n; i++) {
            destinations.add(receiver.freshAddress(0, Branch.EXTERNAL).address());
        }
        miner.scheduleWithFixedDelay(() -> {
            if (mining.get() && !node.isClosed()) {
                node.mine(1, null);
            }
        }, 500, 500, TimeUnit.MILLISECONDS);
    }

    /** {@code --data-dir ... -w taker --password-file ... --rpc-url ... --rpc-cookie ... --directory ...}. */
    List<String> walletAndMarket() {
        return List.of("--data-dir", data.toString(), "-w", "taker", "--password-file", dir.resolve("pw").toString(),
                "--rpc-url", node.rpcUrl().toString(), "--rpc-cookie", node.cookieFile().toString(), "--directory",
                "127.0.0.1:" + directory.port());
    }

    TumbleState state() throws Exception {
        return new TumbleStateStore(TumbleStateStore.fileFor(data, "taker")).load();
    }

    Transaction tx(String txid) {
        return Transaction.read(java.nio.ByteBuffer.wrap(takerChain.getRawTransaction(Sha256Hash.wrap(txid))
                .orElseThrow()));
    }

    /**
     * A finished tumble, checked on the chain: every step's transaction confirmed and distinct,
     * every destination paid, no address paid twice across all its transactions, nothing left in
     * the taker's wallet (the source mixdepth included).
     */
    void assertTumbleFinishedOnChain() throws Exception {
        TumbleState s = state();
        assertThat(s.steps()).allSatisfy(st -> assertThat(st.status()).isEqualTo(StepStatus.CONFIRMED));
        List<String> txids = s.steps().stream().map(st -> st.txid().orElseThrow()).toList();
        assertThat(txids).doesNotHaveDuplicates();
        Set<String> paid = new HashSet<>();
        List<String> outputs = new ArrayList<>();
        for (String txid : txids) {
            assertThat(takerChain.getConfirmations(Sha256Hash.wrap(txid))).hasValueSatisfying(c -> assertThat(c)
                    .isPositive());
            for (TransactionOutput o : tx(txid).getOutputs()) {
                String a = o.getScriptPubKey().getToAddress(BitcoinNetwork.REGTEST).toString();
                outputs.add(a);
                if (destinations.contains(a)) {
                    assertThat(o.getValue().value).isGreaterThan(0);
                    paid.add(a);
                }
            }
        }
        assertThat(paid).as("every destination received").containsExactlyInAnyOrderElementsOf(destinations);
        assertThat(outputs).as("no address reused").doesNotHaveDuplicates();
        try (Wallet w = Wallet.openReadOnly(WalletStorage.inDataDir(data), "taker", Password.of("pw"), Passphrase.NONE,
                20, Clock.systemUTC())) {
            w.sync(takerChain);
            assertThat(w.balance(0).total()).as("source mixdepth").isEqualTo(Sats.ZERO);
            assertThat(w.balances()).allSatisfy(b -> assertThat(b.total()).as("mixdepth " + b.mixdepth())
                    .isEqualTo(Sats.ZERO));
        }
    }
}
