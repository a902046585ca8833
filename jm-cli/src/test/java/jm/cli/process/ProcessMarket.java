package jm.cli.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import jm.chain.ChainBackend;
import jm.chain.regtest.RegtestNode;
import jm.chain.rpc.BitcoinCoreBackend;
import jm.chain.rpc.RpcAuth;
import jm.chain.rpc.RpcConfig;
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
import jm.wallet.Wallet;
import jm.wallet.WalletConfig;
import jm.wallet.WalletStorage;
import jm.wallet.coins.MergeAlgorithm;
import jm.wallet.keys.Mnemonic;
import jm.wallet.keys.Passphrase;
import jm.wallet.keys.WalletType;
import jm.wallet.store.Password;
import jm.wallet.store.StateStore;
import org.bitcoinj.base.Address;
import org.bitcoinj.base.AddressParser;
import org.bitcoinj.base.BitcoinNetwork;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import jm.cli.testing.Fixtures;

/**
 * A market for tests that kill real {@code jm} processes: the embedded regtest node, a directory
 * and three in-process makers funded in two mixdepths, plus helpers to start {@code jm taker
 * coinjoin} processes and to add up wallets.
 */
abstract class ProcessMarket {
    static final Duration WAIT = Duration.ofSeconds(120);

    @TempDir
    Path dir;
    RegtestNode node;
    DirectoryServer directory;
    NetRuntime runtime;
    final List<MakerBot> makers = new ArrayList<>();
    final List<Wallet> makerWallets = new ArrayList<>();
    final List<BitcoinCoreBackend> backends = new ArrayList<>();
    final List<JmProcess> processes = new ArrayList<>();

    @AfterEach
    void tearDown() throws Exception {
        for (JmProcess p : processes) {
            p.close();
        }
        makers.forEach(MakerBot::close);
        if (directory != null) {
            directory.close();
        }
        if (runtime != null) {
            runtime.close();
        }
        backends.forEach(BitcoinCoreBackend::close);
        if (node != null) {
            node.close();
        }
    }

    static Address address(String s) {
        return AddressParser.getDefault(BitcoinNetwork.REGTEST).parseAddress(s);
    }

    BitcoinCoreBackend backend(String rpcWallet) {
        BitcoinCoreBackend b = new BitcoinCoreBackend(RpcConfig.of(node.rpcUrl(),
                new RpcAuth.CookieFile(node.cookieFile()), rpcWallet));
        backends.add(b);
        return b;
    }

    /**
     * The network the directory and the in-process makers announce: what a {@code jm} process on a
     * regtest wallet announces by default (testnet, as the reference does on regtest).
     */
    static final String ANNOUNCED = "testnet";

    /**
     * The makers' offer: 0.02 % and a 100 sats mining-fee contribution, so (the reference's
     * break-even rule, 1.5 x txfee / cjfee_r) a minimum size of 750,000 sats.
     */
    OfferConfig makerOffers() {
        return OfferConfig.defaults().withFees(new BigDecimal("0.0002"), 0, 100);
    }

    /**
     * The market: the embedded node, the directory and three in-process makers, and the password
     * file ("pw") the {@code jm} processes read.
     */
    void startMarket() throws Exception {
        node = RegtestNode.start(dir.resolve("node"), 0);
        startMakers();
        Files.writeString(dir.resolve("pw"), "pw\n");
    }

    /** Three in-process makers, each funded in mixdepths 0 and 1 (a session left by a dead taker holds one). */
    private void startMakers() throws Exception {
        directory = Fixtures.localDirectory(ANNOUNCED);
        runtime = NetRuntime.create(2, "kill-taker");
        MessageChannelConfig channel = MessageChannelConfig.local(ANNOUNCED,
                List.of(new Endpoint("127.0.0.1", directory.port())));
        for (int i = 0; i < 3; i++) {
            Wallet w = Wallet.fromMnemonic("maker" + i, Mnemonic.generate(new SecureRandom(), 12), Passphrase.NONE,
                    new WalletConfig(Network.REGTEST, WalletType.P2WPKH, 5, 20), StateStore.inMemory(),
                    Clock.systemUTC(), 0);
            node.fund(address(w.depositAddress(0).address()), Sats.of(4_000_000));
            node.fund(address(w.depositAddress(1).address()), Sats.of(4_000_000));
            makerWallets.add(w);
        }
        node.mine(1, null);
        for (int i = 0; i < 3; i++) {
            BitcoinCoreBackend b = backend("maker" + i);
            makerWallets.get(i).sync(b);
            MakerSettings settings = MakerSettings.defaults(ANNOUNCED)
                    .withOffers(makerOffers())
                    .withReannounceDelayMax(Duration.ZERO);
            makers.add(MakerBot.start(new MakerBot.Options(channel,
                            new DirectServing.Local(new InetSocketAddress("127.0.0.1", 0), "127.0.0.1"),
                            Duration.ofMillis(200), Duration.ofMillis(1000)),
                    settings, new WalletMakerAdapter(makerWallets.get(i), b, MergeAlgorithm.DEFAULT, new SecureRandom()),
                    new ChainMakerAdapter(b), runtime, dir.resolve("maker" + i), x -> Optional.empty(),
                    Clock.systemUTC(), new SecureRandom()).get(30, TimeUnit.SECONDS));
        }
        for (MakerBot bot : makers) {
            bot.channel().awaitDirectory().get(30, TimeUnit.SECONDS);
        }
    }

    /** {@code jm taker coinjoin} of 1,000,000 sats from mixdepth 0 with {@code counterparties} makers. */
    JmProcess taker(Path data, int counterparties) throws Exception {
        JmProcess p = JmProcess.start(dir.resolve("logs"), Map.of("JM_LOG_LEVEL", "WARN"), "taker", "coinjoin",
                "--data-dir", data.toString(), "-w", "taker", "--password-file", dir.resolve("pw").toString(),
                "--amount", "1000000", "-m", "0", "-N", String.valueOf(counterparties), "--yes", "--json",
                "--rpc-url", node.rpcUrl().toString(), "--rpc-cookie", node.cookieFile().toString(), "--directory",
                "127.0.0.1:" + directory.port());
        processes.add(p);
        return p;
    }

    long total(Wallet w, ChainBackend b) {
        w.sync(b);
        return w.balances().stream().mapToLong(x -> x.total().value()).sum();
    }

    /** Every wallet's coins (the taker's read from its file, read-only), summed. */
    long sumOfAll(Path takerData, ChainBackend takerChain) {
        long sum = 0;
        for (int i = 0; i < makerWallets.size(); i++) {
            sum += total(makerWallets.get(i), backends.get(i));
        }
        try (Wallet w = Wallet.openReadOnly(WalletStorage.inDataDir(takerData), "taker", Password.of("pw"),
                Passphrase.NONE, 20, Clock.systemUTC())) {
            sum += total(w, takerChain);
        }
        return sum;
    }
}
