package jm.taker.testing;

import java.math.BigDecimal;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import jm.chain.regtest.RegtestNode;
import jm.chain.rpc.BitcoinCoreBackend;
import jm.chain.rpc.RpcAuth;
import jm.chain.rpc.RpcClient;
import jm.chain.rpc.RpcConfig;
import jm.core.Network;
import jm.maker.bot.ChainMakerAdapter;
import jm.maker.bot.MakerBot;
import jm.maker.bot.MakerSettings;
import jm.maker.bot.WalletMakerAdapter;
import jm.maker.offer.OfferConfig;
import jm.net.channel.DirectServing;
import jm.net.channel.MessageChannelConfig;
import jm.net.transport.NetRuntime;
import jm.taker.adapter.WalletTakerAdapter;
import jm.taker.client.CoinJoinHandle;
import jm.taker.client.TakerClient;
import jm.taker.podle.InMemoryUsedCommitmentStore;
import jm.taker.session.CoinJoinReport;
import jm.taker.session.CoinJoinRequest;
import jm.taker.session.Phase;
import jm.taker.session.TakerConfig;
import jm.wallet.Wallet;
import jm.wallet.WalletConfig;
import jm.wallet.coins.MergeAlgorithm;
import jm.wallet.keys.Mnemonic;
import jm.wallet.keys.Passphrase;
import jm.wallet.keys.WalletType;
import jm.wallet.store.StateStore;
import org.bitcoinj.base.Address;
import org.bitcoinj.base.AddressParser;
import org.bitcoinj.base.BitcoinNetwork;

/** The pieces the end-to-end tests put together on loopback: wallets, node backends, maker bots. */
public final class LoopbackMarket {
    private LoopbackMarket() {
    }

    public static Address address(String s) {
        return AddressParser.getDefault(BitcoinNetwork.REGTEST).parseAddress(s);
    }

    /** A fresh in-memory regtest P2WPKH wallet. */
    public static Wallet newWallet(String name) {
        return Wallet.fromMnemonic(name, Mnemonic.generate(new SecureRandom(), 12), Passphrase.NONE,
                new WalletConfig(Network.REGTEST, WalletType.P2WPKH, 5, 20), StateStore.inMemory(), Clock.systemUTC(),
                0);
    }

    /** The node's RPC for one node wallet; added to {@code closing}. */
    public static BitcoinCoreBackend backend(RegtestNode node, String wallet, List<AutoCloseable> closing) {
        BitcoinCoreBackend b = new BitcoinCoreBackend(new RpcClient(new RpcConfig(node.rpcUrl(),
                new RpcAuth.CookieFile(node.cookieFile()), wallet, Duration.ofSeconds(20)), 2, Duration.ofMillis(20)));
        closing.add(b);
        return b;
    }

    /** A started taker client for the wallet with the production adapters, on the shared runtime. */
    public static TakerClient startTaker(MessageChannelConfig channel, Wallet wallet, BitcoinCoreBackend chain,
            NetRuntime runtime) throws Exception {
        TakerClient c = new TakerClient(TakerClient.Settings.of(channel).withDirectoryWait(Duration.ofSeconds(30)),
                new WalletTakerAdapter(wallet), chain, new InMemoryUsedCommitmentStore(), runtime, new SecureRandom(),
                Clock.systemUTC());
        c.start().get(30, TimeUnit.SECONDS);
        return c;
    }

    /** Runs one CoinJoin on the client; mines a block once it is in the mempool; returns the report. */
    public static CoinJoinReport coinJoin(TakerClient client, RegtestNode node, TakerConfig config,
            CoinJoinRequest request) throws Exception {
        CompletableFuture<Void> inMempool = new CompletableFuture<>();
        CoinJoinHandle running = client.coinJoin(request, config, (phase, msg) -> {
            if (phase == Phase.CONFIRMATION) {
                inMempool.complete(null);
            }
        });
        CompletableFuture.anyOf(inMempool, running.result()).get(150, TimeUnit.SECONDS);
        if (inMempool.isDone()) {
            node.mine(1, null);
        }
        return running.result().get(60, TimeUnit.SECONDS);
    }

    /** A started jm-maker bot (relative fee 0.0002, tx fee 100 sats) serving direct connections on loopback. */
    public static MakerBot startMaker(MessageChannelConfig channel, Wallet wallet, BitcoinCoreBackend chain,
            NetRuntime runtime, Path dataDir) throws Exception {
        MakerSettings settings = MakerSettings.defaults("regtest")
                .withOffers(OfferConfig.defaults().withFees(new BigDecimal("0.0002"), 0, 100))
                .withReannounceDelayMax(Duration.ZERO);
        return MakerBot.start(new MakerBot.Options(channel,
                        new DirectServing.Local(new InetSocketAddress("127.0.0.1", 0), "127.0.0.1"),
                        Duration.ofMillis(200), Duration.ofMillis(1000)),
                settings, new WalletMakerAdapter(wallet, chain, MergeAlgorithm.DEFAULT, new SecureRandom()),
                new ChainMakerAdapter(chain), runtime, dataDir, x -> Optional.empty(),
                Clock.systemUTC(), new SecureRandom()).get(30, TimeUnit.SECONDS);
    }
}
