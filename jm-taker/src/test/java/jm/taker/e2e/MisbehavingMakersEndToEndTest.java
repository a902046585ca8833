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
import jm.chain.regtest.RegtestNode;
import jm.chain.rpc.BitcoinCoreBackend;
import jm.core.Network;
import jm.core.Nick;
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
import jm.taker.client.TakerClient;
import jm.taker.testing.LoopbackMarket;
import jm.taker.session.CoinJoinReport;
import jm.taker.session.CoinJoinRequest;
import jm.taker.session.TakerConfig;
import jm.taker.testing.NetScriptedMaker;
import jm.taker.testing.RegtestTestChain;
import jm.taker.testing.ScriptedMaker;
import jm.taker.testing.ScriptedMaker.Behaviour;
import jm.wallet.Wallet;
import jm.wallet.keys.Branch;
import org.bitcoinj.core.Transaction;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Misbehaving makers on loopback, over the real directory and message channel, with the
 * embedded regtest node as the chain: three jm-maker bots plus scripted makers that never
 * answer, declare an unconfirmed or spent UTXO, or sign badly. The bad ones are dropped, the
 * attempt is retried with the good ones, and the CoinJoin confirms with the expected amounts;
 * with replacements disallowed the next attempt fails cleanly and releases our coins.
 */
@Timeout(180)
class MisbehavingMakersEndToEndTest {
    @TempDir
    Path dir;
    RegtestNode node;
    DirectoryServer directory;
    NetRuntime runtime;
    MessageChannelConfig channelConfig;
    final List<AutoCloseable> closing = new ArrayList<>();

    BitcoinCoreBackend backend(String wallet) {
        return LoopbackMarket.backend(node, wallet, closing);
    }

    @AfterEach
    void tearDown() {
        java.util.Collections.reverse(closing);
        for (AutoCloseable c : closing) {
            try {
                c.close();
            } catch (Exception e) {
                // keep closing
            }
        }
        if (runtime != null) {
            runtime.close();
        }
        if (node != null) {
            node.close();
        }
    }

    List<MakerBot> startBots(int n) throws Exception {
        List<Wallet> wallets = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Wallet w = LoopbackMarket.newWallet("bot" + i);
            node.fund(LoopbackMarket.address(w.depositAddress(0).address()), Sats.of(4_000_000));
            node.fund(LoopbackMarket.address(w.freshAddress(0, Branch.EXTERNAL).address()), Sats.of(3_000_000));
            wallets.add(w);
        }
        node.mine(1, null);
        List<MakerBot> bots = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            BitcoinCoreBackend b = backend("bot" + i);
            wallets.get(i).sync(b);
            MakerBot bot = LoopbackMarket.startMaker(channelConfig, wallets.get(i), b, runtime, dir.resolve("bot" + i));
            closing.add(bot);
            bots.add(bot);
        }
        for (MakerBot bot : bots) {
            bot.channel().awaitDirectory().get(30, TimeUnit.SECONDS);
        }
        return bots;
    }

    @Test
    void badMakersAreDroppedAndTheCoinJoinStillConfirms() throws Exception {
        node = RegtestNode.start(dir.resolve("node"), 0);
        directory = DirectoryServer.start(DirectoryConfig.localDefaults("regtest").host("127.0.0.1").port(0)
                .healthCheckPort(-1).build(), NickKey.random(new SecureRandom()).nick(), TimeSource.SYSTEM);
        closing.add(directory);
        runtime = NetRuntime.create(2, "misbehaving-e2e");
        channelConfig = MessageChannelConfig.local("regtest", List.of(new Endpoint("127.0.0.1", directory.port())));
        List<MakerBot> bots = startBots(3);

        RegtestTestChain scriptedChain = new RegtestTestChain(node, backend("scripted"));
        List<ScriptedMaker> bad = new ArrayList<>();
        bad.add(new ScriptedMaker(41, scriptedChain, Behaviour.SILENT, 3_000_000, "0.0001", 0));
        bad.add(new ScriptedMaker(42, scriptedChain, Behaviour.BAD_SIGNATURE, 3_000_000, "0.0001", 0));
        bad.add(new ScriptedMaker(43, scriptedChain, Behaviour.SPENT_UTXO, 3_000_000, "0.0001", 0));

        Wallet taker = LoopbackMarket.newWallet("taker");
        node.fund(LoopbackMarket.address(taker.depositAddress(0).address()), Sats.of(3_000_000));
        node.mine(6, null);
        // created last and never mined: its UTXO stays in the mempool
        bad.add(new ScriptedMaker(44, scriptedChain, Behaviour.UNCONFIRMED_UTXO, 3_000_000, "0.0001", 0));
        for (ScriptedMaker m : bad) {
            NetScriptedMaker net = new NetScriptedMaker(m, channelConfig, runtime).start();
            closing.add(net);
        }
        BitcoinCoreBackend chain = backend("taker");
        taker.sync(chain);

        long amount = 1_000_000;
        TakerConfig cfg = TakerConfig.defaults(Network.REGTEST).withMinimumMakers(3)
                .withBroadcast(BroadcastPolicy.SELF)
                .withTimeouts(Duration.ofSeconds(3), Duration.ofSeconds(10), Duration.ofSeconds(10),
                        Duration.ofSeconds(30));
        CoinJoinReport r = run(taker, chain, cfg,
                new CoinJoinRequest(Sats.of(amount), 0, Optional.empty(), OptionalInt.of(7)));

        assertThat(r.success()).as(r.summary() + " dropped " + r.dropped()).isTrue();
        assertThat(r.confirmations()).isGreaterThanOrEqualTo(1);
        List<Nick> botNicks = bots.stream().map(MakerBot::nick).toList();
        assertThat(r.makerFees().keySet()).containsExactlyInAnyOrderElementsOf(botNicks);
        assertThat(r.dropped().get(bad.get(0).nick())).contains("no !pubkey");
        assertThat(r.dropped().get(bad.get(1).nick())).contains("bad signature");
        assertThat(r.dropped().get(bad.get(2).nick())).contains("UTXO_MISSING_OR_SPENT");
        assertThat(r.dropped().get(bad.get(3).nick())).contains("UTXO_UNCONFIRMED");
        assertThat(r.attempts()).isEqualTo(2);
        Transaction tx = Transaction.read(ByteBuffer.wrap(chain.getRawTransaction(r.txid().orElseThrow()).orElseThrow()));
        assertThat(tx.getOutputs().stream().filter(o -> o.getValue().value == amount).count()).isEqualTo(4);
        taker.sync(chain);
        assertThat(taker.balance(1).confirmed()).isEqualTo(Sats.of(amount));
        assertThat(taker.balance(0).confirmed().value()).isEqualTo(3_000_000 - amount - r.totalCost().value());

        // again (above the bots' minsize of 1.5 x txfee / cjfee = 750 000) with the bad signer still
        // in the book and no replacement allowed: the attempt fails and releases our coins
        node.mine(5, null);
        taker.sync(chain);
        CoinJoinReport r2 = run(taker, chain, cfg.withMinimumMakers(4).withMaxReplacementAttempts(0)
                        .withTimeouts(Duration.ofSeconds(3), Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(30)),
                new CoinJoinRequest(Sats.of(800_000), 0, Optional.empty(), OptionalInt.of(7)));
        assertThat(r2.success()).as(r2.dropped().toString()).isFalse();
        assertThat(r2.failure().orElseThrow()).contains("bad signature").contains("no replacement attempts left");
        assertThat(r2.dropped().get(bad.get(1).nick())).contains("bad signature");
        assertThat(taker.coins(0)).isNotEmpty().noneMatch(c -> c.locked());
        assertThat(taker.balance(0).confirmed().value()).isEqualTo(3_000_000 - amount - r.totalCost().value());
    }

    /** One CoinJoin on a fresh taker client (a fresh nick: makers answer one !orderbook per connection per 30 s). */
    CoinJoinReport run(Wallet wallet, BitcoinCoreBackend chain, TakerConfig cfg, CoinJoinRequest request)
            throws Exception {
        try (TakerClient client = LoopbackMarket.startTaker(channelConfig, wallet, chain, runtime)) {
            return LoopbackMarket.coinJoin(client, node, cfg, request);
        }
    }
}
