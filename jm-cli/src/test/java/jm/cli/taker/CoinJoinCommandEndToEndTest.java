package jm.cli.taker;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import jm.chain.rpc.BitcoinCoreBackend;
import jm.chain.rpc.RpcAuth;
import jm.chain.rpc.RpcConfig;
import jm.chain.regtest.RegtestNode;
import jm.core.Network;
import jm.core.Sats;
import jm.directory.server.DirectoryServer;
import jm.maker.bot.ChainMakerAdapter;
import jm.maker.bot.MakerBot;
import jm.maker.bot.MakerSettings;
import jm.maker.bot.WalletMakerAdapter;
import jm.maker.offer.OfferConfig;
import jm.net.channel.DirectServing;
import jm.net.channel.MessageChannelConfig;
import jm.net.transport.Endpoint;
import jm.net.transport.NetRuntime;
import jm.wallet.HistoryRow;
import jm.wallet.Wallet;
import jm.wallet.WalletConfig;
import jm.wallet.WalletStorage;
import jm.wallet.coins.MergeAlgorithm;
import jm.wallet.keys.Branch;
import jm.wallet.keys.Mnemonic;
import jm.wallet.keys.Passphrase;
import jm.wallet.keys.WalletType;
import jm.wallet.store.Password;
import jm.wallet.store.StateStore;
import org.bitcoinj.base.Address;
import org.bitcoinj.base.AddressParser;
import org.bitcoinj.base.BitcoinNetwork;
import org.bitcoinj.base.Sha256Hash;
import org.junit.jupiter.api.AfterEach;
import jm.cli.testing.Cli;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import jm.cli.testing.Fixtures;

/**
 * {@code jm taker coinjoin} end to end: a wallet file in the data directory, [taker] settings in
 * config.toml, flags pointing at the embedded regtest node and our directory, three jm-maker bots.
 */
@Timeout(150)
class CoinJoinCommandEndToEndTest {
    /** What a regtest wallet announces by default, so the makers and directory match the CLI taker. */
    static final String ANNOUNCED = "testnet";
    @TempDir
    Path dir;
    RegtestNode node;
    DirectoryServer directory;
    NetRuntime runtime;
    final List<MakerBot> makers = new ArrayList<>();
    final List<AutoCloseable> closing = new ArrayList<>();
    final List<Wallet> makerWallets = new ArrayList<>();
    final List<BitcoinCoreBackend> makerChains = new ArrayList<>();
    final List<Mnemonic> makerSeeds = new ArrayList<>();

    static Address address(String s) {
        return AddressParser.getDefault(BitcoinNetwork.REGTEST).parseAddress(s);
    }

    @AfterEach
    void tearDown() {
        makers.forEach(CoinJoinCommandEndToEndTest::close);
        close(directory);
        if (runtime != null) {
            runtime.close();
        }
        closing.forEach(CoinJoinCommandEndToEndTest::close);
        close(node);
    }

    static void close(AutoCloseable c) {
        try {
            if (c != null) {
                c.close();
            }
        } catch (Exception e) {
            // keep closing
        }
    }

    void startMakers(int n) throws Exception {
        directory = Fixtures.localDirectory(ANNOUNCED);
        runtime = NetRuntime.create(2, "cli-e2e");
        MessageChannelConfig channel = MessageChannelConfig.local(ANNOUNCED,
                List.of(new Endpoint("127.0.0.1", directory.port())));
        List<Wallet> wallets = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            makerSeeds.add(Mnemonic.generate(new SecureRandom(), 12));
            Wallet w = Wallet.fromMnemonic("maker" + i, makerSeeds.get(i), Passphrase.NONE,
                    new WalletConfig(Network.REGTEST, WalletType.P2WPKH, 5, 20), StateStore.inMemory(),
                    Clock.systemUTC(), 0);
            node.fund(address(w.depositAddress(0).address()), Sats.of(4_000_000));
            wallets.add(w);
        }
        node.mine(1, null);
        for (int i = 0; i < n; i++) {
            BitcoinCoreBackend b = new BitcoinCoreBackend(RpcConfig.of(node.rpcUrl(),
                    new RpcAuth.CookieFile(node.cookieFile()), "maker" + i));
            closing.add(b);
            makerChains.add(b);
            wallets.get(i).sync(b);
            MakerSettings settings = MakerSettings.defaults(ANNOUNCED)
                    .withOffers(OfferConfig.defaults().withFees(new BigDecimal("0.0002"), 0, 100))
                    .withReannounceDelayMax(Duration.ZERO);
            MakerBot bot = MakerBot.start(new MakerBot.Options(channel,
                            new DirectServing.Local(new InetSocketAddress("127.0.0.1", 0), "127.0.0.1"),
                            Duration.ofMillis(200), Duration.ofMillis(1000)),
                    settings, new WalletMakerAdapter(wallets.get(i), b, MergeAlgorithm.DEFAULT, new SecureRandom()),
                    new ChainMakerAdapter(b), runtime, dir.resolve("maker" + i), x -> Optional.empty(),
                    Clock.systemUTC(), new SecureRandom()).get(30, TimeUnit.SECONDS);
            makers.add(bot);
        }
        makerWallets.addAll(wallets);
        for (MakerBot bot : makers) {
            bot.channel().awaitDirectory().get(30, TimeUnit.SECONDS);
        }
    }

    @Test
    void runsACoinJoinFromTheCommandLineAndPrintsAJsonSummary() throws Exception {
        node = RegtestNode.start(dir.resolve("node"), 0);
        startMakers(3);
        Path data = dir.resolve("taker-data");
        Wallet w = Fixtures.regtestWallet(data, "wallet");
        node.fund(address(w.depositAddress(0).address()), Sats.of(2_500_000));
        w.close();
        node.mine(6, null);
        Files.writeString(data.resolve("config.toml"), String.join("\n",
                "[taker]",
                "order_wait_time = 3",
                "minimum_makers = 3",
                "maker_timeout_sec = 20",
                "tx_broadcast = \"self\"",
                ""));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int rc = taker(out, err, "coinjoin", "--data-dir", data.toString(), "--amount", "1000000", "--mixdepth", "0",
                "--counterparties", "3", "--yes", "--json", "--no-wait", "--rpc-url", node.rpcUrl().toString(),
                "--rpc-cookie",
                node.cookieFile().toString(), "--directory", "127.0.0.1:" + directory.port());
        assertThat(rc).as(err.toString()).isZero();
        JsonNode summary = new ObjectMapper().readTree(out.toString());
        assertThat(summary.get("success").asBoolean()).isTrue();
        assertThat(summary.get("amount").asLong()).isEqualTo(1_000_000);
        assertThat(summary.get("maker_fees").size()).isEqualTo(3);
        assertThat(summary.get("confirmations").asInt()).isZero(); // --no-wait: done once it is in the mempool
        assertThat(err.toString()).doesNotContain("waiting up to");
        summary.get("maker_fees").forEach(f -> assertThat(f.asLong()).isEqualTo(200));
        assertThat(err.toString()).contains("[orderbook]", "[fill]", "[auth]", "[tx]", "[sig]", "[broadcast]");
        Sha256Hash txid = Sha256Hash.wrap(summary.get("txid").asText());
        node.mine(1, null);
        try (BitcoinCoreBackend b = new BitcoinCoreBackend(RpcConfig.of(node.rpcUrl(),
                new RpcAuth.CookieFile(node.cookieFile()), "jm-wallet"))) {
            assertThat(b.getConfirmations(txid)).contains(1);
            w = Wallet.open(WalletStorage.inDataDir(data), "wallet", Password.of("pw"), Passphrase.NONE, 20,
                    Clock.systemUTC());
            w.sync(b);
            assertThat(w.balance(1).confirmed()).isEqualTo(Sats.of(1_000_000));
            assertThat(w.balance(0).confirmed().value())
                    .isEqualTo(2_500_000 - 1_000_000 - summary.get("total_cost").asLong());

            // history from the taker's wallet: the deposit, then the CoinJoin with every fee it paid
            List<HistoryRow> takerRows = w.history(b, 10);
            assertThat(takerRows).extracting(HistoryRow::type)
                    .containsExactly(HistoryRow.Type.RECEIVED, HistoryRow.Type.COINJOIN_TAKER);
            HistoryRow asTaker = takerRows.get(1);
            assertThat(asTaker.txid()).isEqualTo(txid);
            assertThat(asTaker.amountSats()).isEqualTo(1_000_000);
            assertThat(asTaker.feeSats()).hasValue(summary.get("total_cost").asLong());
            assertThat(asTaker.netSats()).isEqualTo(-summary.get("total_cost").asLong());
            assertThat(asTaker.mixdepths()).containsExactly(0, 1);
            assertThat(asTaker.confirmations()).isEqualTo(1);
        }
        // history from a maker's wallet: the fee earned is what the CoinJoin added to its balance
        Wallet maker = makerWallets.get(0);
        maker.sync(makerChains.get(0));
        long gain = maker.balances().stream().mapToLong(bal -> bal.total().value()).sum() - 4_000_000;
        assertThat(gain).isPositive();
        HistoryRow asMaker = maker.history(makerChains.get(0), 10).get(1);
        assertThat(asMaker.txid()).isEqualTo(txid);
        assertThat(asMaker.type()).isEqualTo(HistoryRow.Type.COINJOIN_MAKER);
        assertThat(asMaker.feeSats()).hasValue(gain);
        assertThat(asMaker.netSats()).isEqualTo(gain);
        assertThat(asMaker.amountSats()).isEqualTo(1_000_000);
        // the same maker restored from its seed into a new watch-only wallet: same rows from chain data alone
        try (BitcoinCoreBackend fresh = new BitcoinCoreBackend(RpcConfig.of(node.rpcUrl(),
                new RpcAuth.CookieFile(node.cookieFile()), "maker0-restored"))) {
            Wallet restored = Wallet.fromMnemonic("maker0-restored", makerSeeds.get(0), Passphrase.NONE,
                    new WalletConfig(Network.REGTEST, WalletType.P2WPKH, 5, 20), StateStore.inMemory(),
                    Clock.systemUTC(), 0);
            restored.sync(fresh);
            assertThat(restored.history(fresh, 10)).isEqualTo(maker.history(makerChains.get(0), 10));
        }
        assertThat(Files.readAllLines(data.resolve("taker").resolve("used-commitments-wallet.txt"))).hasSize(1);
    }

    @Test
    void explainsWhyTheMixdepthCannotFundBeforeConnecting() throws Exception {
        node = RegtestNode.start(dir.resolve("node"), 0);
        Path data = dir.resolve("taker-data");
        Wallet w = Fixtures.regtestWallet(data, "wallet");
        node.fund(address(w.freshAddress(0, Branch.EXTERNAL).address()), Sats.of(500_000));
        w.close();
        node.mine(1, null);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int rc = taker(out, err, "coinjoin", "--data-dir", data.toString(), "--amount", "1000000", "-m", "0", "--yes",
                "--rpc-url", node.rpcUrl().toString(), "--rpc-cookie", node.cookieFile().toString(), "--directory",
                "127.0.0.1:9");
        assertThat(rc).isEqualTo(1);
        assertThat(err.toString()).contains("failed in phase PREFLIGHT").contains("mixdepth 0 has 500000 sats");
        assertThat(err.toString()).doesNotContain("connecting to");
    }

    @Test
    void saysAtOnceWhichDirectoryRefusedUsAndWhy() throws Exception {
        node = RegtestNode.start(dir.resolve("node"), 0);
        directory = Fixtures.localDirectory("signet");
        Path data = dir.resolve("taker-data");
        Wallet w = Fixtures.regtestWallet(data, "wallet");
        node.fund(address(w.depositAddress(0).address()), Sats.of(2_500_000));
        node.mine(6, null);
        w.close();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int rc = taker(out, err, "coinjoin", "--data-dir", data.toString(), "--amount", "1000000", "-m", "0", "--yes",
                "--rpc-url", node.rpcUrl().toString(), "--rpc-cookie", node.cookieFile().toString(), "--directory",
                "127.0.0.1:" + directory.port());
        assertThat(rc).isEqualTo(1);
        String refusal = "directory 127.0.0.1:" + directory.port() + " runs signet, we announce testnet";
        assertThat(out.toString()).contains("connecting to 1 directory as ", "announcing network testnet", refusal);
        assertThat(err.toString()).contains("every directory refused us: " + refusal).doesNotContain("null");
    }

    /** A regtest wallet "wallet" with password "pw" in the data directory. */
    /** Runs {@code jm taker ...} with the wallet password in the environment. */
    static int taker(StringWriter out, StringWriter err, String... args) {
        return Cli.jm(Cli.PASSWORD_PW, Cli.prefixed("taker", args)).into(out, err);
    }
}
