package jm.taker.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;
import jm.chain.rpc.BitcoinCoreBackend;
import jm.chain.regtest.RegtestNode;
import jm.core.Network;
import jm.core.Sats;
import jm.core.crypto.NickKey;
import jm.directory.config.DirectoryConfig;
import jm.directory.server.DirectoryServer;
import jm.directory.server.TimeSource;
import jm.maker.bot.MakerBot;
import jm.net.channel.MessageChannelConfig;
import jm.net.transport.Endpoint;
import jm.net.transport.NetRuntime;
import jm.taker.broadcast.BroadcastPolicy;
import jm.taker.testing.LoopbackMarket;
import jm.taker.client.TakerClient;
import jm.taker.session.CoinJoinReport;
import jm.taker.session.CoinJoinRequest;
import jm.taker.session.TakerConfig;
import jm.wallet.Wallet;
import org.bitcoinj.base.Address;
import org.bitcoinj.core.Transaction;
import org.bitcoinj.core.TransactionOutput;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The taker against the real pieces on loopback: our directory, the embedded regtest node
 * (through the production RPC backend), jm-maker's maker bots with their own wallets, and the
 * taker's own jm-wallet wallet and onion message channel. Every CoinJoin must confirm on the
 * embedded chain with the expected amounts.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(180)
class TakerEndToEndTest {
    static final int MAKERS = 4;

    Path dir;
    RegtestNode node;
    DirectoryServer directory;
    NetRuntime runtime;
    MessageChannelConfig channelConfig;
    final List<MakerBot> makers = new ArrayList<>();
    final List<AutoCloseable> closing = new ArrayList<>();
    final List<TakerClient> clients = new ArrayList<>();

    BitcoinCoreBackend backend(String wallet) {
        return LoopbackMarket.backend(node, wallet, closing);
    }

    @BeforeAll
    void startTheMarket(@TempDir Path tmp) throws Exception {
        dir = tmp;
        node = RegtestNode.start(dir.resolve("node"), 0);
        directory = DirectoryServer.start(DirectoryConfig.localDefaults("regtest").host("127.0.0.1").port(0)
                .healthCheckPort(-1).build(), NickKey.random(new SecureRandom()).nick(), TimeSource.SYSTEM);
        runtime = NetRuntime.create(2, "taker-e2e");
        channelConfig = MessageChannelConfig.local("regtest", List.of(new Endpoint("127.0.0.1", directory.port())));
        List<Wallet> wallets = new ArrayList<>();
        for (int i = 0; i < MAKERS; i++) {
            Wallet w = LoopbackMarket.newWallet("maker" + i);
            Address deposit = LoopbackMarket.address(w.depositAddress(0).address());
            node.fund(deposit, Sats.of(5_000_000 + i * 100_000L));
            node.fund(LoopbackMarket.address(w.freshAddress(0, jm.wallet.keys.Branch.EXTERNAL).address()), Sats.of(3_000_000));
            wallets.add(w);
        }
        node.mine(1, null);
        for (int i = 0; i < MAKERS; i++) {
            BitcoinCoreBackend b = backend("maker" + i);
            Wallet w = wallets.get(i);
            w.sync(b);
            MakerBot bot = LoopbackMarket.startMaker(channelConfig, w, b, runtime, dir.resolve("maker" + i));
            makers.add(bot);
        }
        for (MakerBot bot : makers) {
            bot.channel().awaitDirectory().get(30, TimeUnit.SECONDS);
        }
    }

    @AfterAll
    void stopTheMarket() {
        clients.forEach(TakerEndToEndTest::close);
        for (MakerBot m : makers) {
            close(m);
        }
        close(directory);
        if (runtime != null) {
            runtime.close();
        }
        closing.forEach(TakerEndToEndTest::close);
        close(node);
    }

    static void close(AutoCloseable c) {
        if (c == null) {
            return;
        }
        try {
            c.close();
        } catch (Exception e) {
            // keep closing the rest
        }
    }

    static final TakerConfig CONFIG = TakerConfig.defaults(Network.REGTEST).withMinimumMakers(3)
            .withBroadcast(BroadcastPolicy.RANDOM_PEER)
            .withTimeouts(Duration.ofSeconds(3), Duration.ofSeconds(20), Duration.ofSeconds(10), Duration.ofSeconds(30));

    /** A started taker client for the wallet, stopped after the tests. */
    TakerClient client(Wallet wallet, BitcoinCoreBackend chain) throws Exception {
        TakerClient c = LoopbackMarket.startTaker(channelConfig, wallet, chain, runtime);
        clients.add(c);
        return c;
    }

    CoinJoinReport coinJoin(TakerClient client, CoinJoinRequest request) throws Exception {
        return LoopbackMarket.coinJoin(client, node, CONFIG, request);
    }

    Transaction confirmedTx(BitcoinCoreBackend chain, CoinJoinReport r) {
        assertThat(r.success()).as(r.summary().toString()).isTrue();
        assertThat(r.confirmations()).isGreaterThanOrEqualTo(1);
        byte[] raw = chain.getRawTransaction(r.txid().orElseThrow()).orElseThrow();
        return Transaction.read(ByteBuffer.wrap(raw));
    }

    @Test
    void aCoinJoinWithMakerBotsConfirmsWithTheExpectedAmounts() throws Exception {
        Wallet taker = LoopbackMarket.newWallet("taker");
        node.fund(LoopbackMarket.address(taker.depositAddress(0).address()), Sats.of(3_000_000));
        node.mine(6, null);
        BitcoinCoreBackend chain = backend("taker");
        taker.sync(chain);
        long amount = 1_000_000;
        TakerClient client = client(taker, chain);
        CoinJoinReport r = coinJoin(client,
                new CoinJoinRequest(Sats.of(amount), 0, Optional.empty(), OptionalInt.of(MAKERS)));
        Transaction tx = confirmedTx(chain, r);
        long equal = tx.getOutputs().stream().filter(o -> o.getValue().value == amount).count();
        assertThat(equal).isEqualTo(r.makerFees().size() + 1);
        assertThat(r.makerFees()).hasSizeGreaterThanOrEqualTo(3);
        r.makerFees().values().forEach(f -> assertThat(f).isEqualTo(Sats.of(200))); // 0.0002 x 1 000 000
        taker.sync(chain);
        // INTERNAL destination: the next mixdepth receives exactly the amount
        assertThat(taker.balance(1).confirmed()).isEqualTo(Sats.of(amount));
        assertThat(taker.balance(0).confirmed().value()).isEqualTo(3_000_000 - amount - r.totalCost().value());
        long out = tx.getOutputs().stream().mapToLong(o -> o.getValue().value).sum();
        assertThat(r.miningFee().value()).isPositive();
        assertThat(out + r.miningFee().value()).isGreaterThan(out);
    }
    @Test
    void aSweepSpendsTheWholeMixdepthAndConfirms() throws Exception {
        Wallet taker = LoopbackMarket.newWallet("sweeper");
        node.fund(LoopbackMarket.address(taker.depositAddress(2).address()), Sats.of(1_200_000));
        node.fund(LoopbackMarket.address(taker.freshAddress(2, jm.wallet.keys.Branch.EXTERNAL).address()), Sats.of(800_000));
        node.mine(6, null);
        BitcoinCoreBackend chain = backend("sweeper");
        taker.sync(chain);
        CoinJoinReport r = coinJoin(client(taker, chain),
                new CoinJoinRequest(Sats.ZERO, 2, Optional.empty(), OptionalInt.of(3)));
        Transaction tx = confirmedTx(chain, r);
        long amount = r.amount().value();
        taker.sync(chain);
        assertThat(taker.balance(2).confirmed()).isEqualTo(Sats.ZERO);
        assertThat(taker.balance(3).confirmed()).isEqualTo(Sats.of(amount));
        assertThat(amount + r.totalCost().value()).isEqualTo(2_000_000);
        assertThat(tx.getOutputs().stream().filter(o -> o.getValue().value == amount).count())
                .isEqualTo(r.makerFees().size() + 1);
        for (TransactionOutput o : tx.getOutputs()) {
            assertThat(o.getValue().value).isPositive();
        }
    }
}
