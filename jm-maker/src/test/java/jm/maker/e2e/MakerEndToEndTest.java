package jm.maker.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import jm.chain.regtest.RegtestNode;
import jm.chain.rpc.BitcoinCoreBackend;
import jm.chain.rpc.RpcAuth;
import jm.chain.rpc.RpcClient;
import jm.chain.rpc.RpcConfig;
import jm.core.Network;
import jm.core.OutPoint;
import jm.core.Sats;
import jm.core.command.SigPayload;
import jm.core.crypto.NickKey;
import jm.core.offer.Fees;
import jm.core.offer.Offer;
import jm.core.offer.OfferType;
import jm.core.wire.Features;
import jm.core.wire.Handshake;
import jm.directory.config.DirectoryConfig;
import jm.directory.server.DirectoryServer;
import jm.directory.server.TimeSource;
import jm.maker.bot.ChainMakerAdapter;
import jm.maker.bot.CoinJoinHistory;
import jm.maker.bot.MakerBot;
import jm.maker.bot.MakerSettings;
import jm.maker.bot.WalletMakerAdapter;
import jm.maker.offer.OfferConfig;
import jm.maker.testing.CoinJoinFixture;
import jm.maker.testing.RawTx;
import jm.maker.testing.ScriptedTaker;
import jm.net.channel.ChannelId;
import jm.net.channel.DirectServing;
import jm.net.channel.MessageChannelConfig;
import jm.net.transport.Endpoint;
import jm.net.transport.NetRuntime;
import jm.wallet.Wallet;
import jm.wallet.WalletConfig;
import jm.wallet.coins.MergeAlgorithm;
import jm.wallet.coins.WalletCoin;
import jm.wallet.keys.Mnemonic;
import jm.wallet.keys.Passphrase;
import jm.wallet.keys.WalletType;
import jm.wallet.store.StateStore;
import org.bitcoinj.base.Address;
import org.bitcoinj.base.BitcoinNetwork;
import org.bitcoinj.base.Coin;
import org.bitcoinj.base.ScriptType;
import org.bitcoinj.base.Sha256Hash;
import org.bitcoinj.core.Transaction;
import org.bitcoinj.core.TransactionOutput;
import org.bitcoinj.core.TransactionWitness;
import org.bitcoinj.crypto.ECKey;
import org.bitcoinj.crypto.TransactionSignature;
import org.bitcoinj.script.ScriptBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole maker on loopback: our directory, this maker (wallet synced through the embedded
 * regtest node over RPC, direct server on a local port), and a scripted taker on the real onion
 * message channel. CoinJoins complete over directory relay and over a direct connection; they
 * confirm and the maker's balance grows by exactly cjfee - txfee each time.
 */
@Timeout(120)
class MakerEndToEndTest {
    static final Duration STEP = Duration.ofSeconds(30);
    static final long AMOUNT = 1_000_000;
    static final long TAKER_COIN = 2_000_000;

    @TempDir
    Path dir;
    RegtestNode node;
    BitcoinCoreBackend backend;
    DirectoryServer directory;
    NetRuntime runtime;
    MakerBot maker;
    Wallet wallet;
    NetTaker net;
    final List<AutoCloseable> closing = new ArrayList<>();

    @BeforeEach
    void setUp() throws Exception {
        node = RegtestNode.start(dir.resolve("node"), 0);
        backend = new BitcoinCoreBackend(new RpcClient(new RpcConfig(node.rpcUrl(),
                new RpcAuth.CookieFile(node.cookieFile()), "maker", Duration.ofSeconds(10)), 2, Duration.ofMillis(20)));
        wallet = Wallet.fromMnemonic("maker", Mnemonic.parse(
                        "abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon about"),
                Passphrase.NONE, new WalletConfig(Network.REGTEST, WalletType.P2WPKH, 5, 20), StateStore.inMemory(),
                Clock.systemUTC(), 0);
        Address deposit = address(wallet.depositAddress(0).address());
        node.fund(deposit, Sats.of(5_000_000));
        node.fund(deposit, Sats.of(4_000_000));
        node.mine(1, null);
        wallet.sync(backend);

        directory = DirectoryServer.start(DirectoryConfig.localDefaults("regtest").host("127.0.0.1").port(0)
                .healthCheckPort(-1).build(), NickKey.random(new SecureRandom()).nick(), TimeSource.SYSTEM);
        runtime = NetRuntime.create(2, "e2e");
        MessageChannelConfig channel = MessageChannelConfig.local("regtest",
                List.of(new Endpoint("127.0.0.1", directory.port())));
        OfferConfig offers = OfferConfig.defaults().withFees(new java.math.BigDecimal("0.0002"), 0, 100);
        MakerSettings settings = MakerSettings.defaults("regtest").withOffers(offers)
                .withReannounceDelayMax(Duration.ZERO);
        maker = MakerBot.start(new MakerBot.Options(channel,
                        new DirectServing.Local(new InetSocketAddress("127.0.0.1", 0), "127.0.0.1"),
                        Duration.ofMillis(200), Duration.ofMillis(500)),
                settings, new WalletMakerAdapter(wallet, backend, MergeAlgorithm.DEFAULT, new SecureRandom()),
                new ChainMakerAdapter(backend), runtime, dir.resolve("maker"), n -> Optional.empty(),
                Clock.systemUTC(), new SecureRandom()).get(30, TimeUnit.SECONDS);
        maker.channel().awaitDirectory().get(30, TimeUnit.SECONDS);
        net = new NetTaker(channel, runtime);
        net.start();
    }

    @AfterEach
    void tearDown() throws Exception {
        for (AutoCloseable c : new AutoCloseable[] {net, maker, directory}) {
            if (c != null) {
                try {
                    c.close();
                } catch (Exception e) {
                    // keep closing
                }
            }
        }
        if (runtime != null) {
            runtime.close();
        }
        if (backend != null) {
            backend.close();
        }
        if (node != null) {
            node.close();
        }
    }

    static Address address(String s) {
        return org.bitcoinj.base.AddressParser.getDefault(BitcoinNetwork.REGTEST).parseAddress(s);
    }

    long makerTotal() {
        wallet.sync(backend);
        return wallet.coins().stream().filter(c -> c.kind() == WalletCoin.Kind.STANDARD).mapToLong(WalletCoin::sats)
                .sum();
    }

    /** A confirmed taker coin with enough confirmations for the maker's taker_utxo_age. */
    ScriptedTaker fundedTaker(String label) {
        ECKey key = CoinJoinFixture.key("e2e taker key " + label);
        Address a = key.toAddress(ScriptType.P2WPKH, BitcoinNetwork.REGTEST);
        Sha256Hash txid = node.fund(a, Sats.of(TAKER_COIN));
        node.mine(6, null);
        Transaction t = Transaction.read(ByteBuffer.wrap(backend.getRawTransaction(txid).orElseThrow()));
        int vout = -1;
        byte[] spk = ScriptBuilder.createP2WPKHOutputScript(key).program();
        for (TransactionOutput o : t.getOutputs()) {
            if (java.util.Arrays.equals(o.getScriptBytes(), spk)) {
                vout = o.getIndex();
            }
        }
        return new ScriptedTaker(net.nick(), key, new OutPoint(txid, vout), TAKER_COIN, BitcoinNetwork.REGTEST);
    }

    /** Runs one CoinJoin; {@code push}: ask the maker to broadcast, else broadcast ourselves. */
    Sha256Hash coinJoin(ScriptedTaker taker, boolean push) throws Exception {
        return coinJoin(taker, push, requestOffer());
    }

    /**
     * The maker answers {@code !orderbook} with its offers privately, over the direct connection
     * when there is one (PUBMSG on that socket), else through the directory.
     */
    Offer requestOffer() throws Exception {
        Optional<ChannelId.Direct> direct = net.channel.directTo(maker.nick());
        if (direct.isPresent()) {
            net.channel.publishOn(direct.get(), "orderbook");
        } else {
            net.channel.publish("orderbook");
        }
        NetTaker.Received offerMsg = net.await(maker.nick(), "sw0reloffer", STEP);
        direct.ifPresent(d -> assertThat(offerMsg.via()).isEqualTo(d));
        Offer offer = Offer.parse(OfferType.SW0RELOFFER, offerMsg.msg().data().split("!")[0]);
        assertThat(offer.maxSize().value()).isGreaterThanOrEqualTo(AMOUNT);
        return offer;
    }

    /** One CoinJoin from {@code !fill} on, against an offer we already have. */
    Sha256Hash coinJoin(ScriptedTaker taker, boolean push, Offer offer) throws Exception {
        Optional<ChannelId.Direct> direct = net.channel.directTo(maker.nick());
        long cjFee = Fees.cjFee(offer, AMOUNT);
        long txFee = offer.txFee().value();

        net.channel.sendPrivate(maker.nick(), "fill", taker.fillArgs(offer.oid(), AMOUNT, 0));
        taker.onPubkey(net.await(maker.nick(), "pubkey", STEP).msg().data());
        net.channel.sendPrivate(maker.nick(), "auth", taker.authArgs(0));
        var io = taker.onIoauth(net.await(maker.nick(), "ioauth", STEP).msg().data());
        if (taker.extendedAuth()) {
            // an NG neutrino taker checks every maker input from scriptPubKey:height
            long tip = backend.tipHeight();
            for (var u : io.utxos()) {
                var out = backend.getTxOut(u.outPoint(), false).orElseThrow();
                assertThat(u.isExtended()).as("extended !ioauth entry %s", u).isTrue();
                assertThat(u.scriptPubKey()).isEqualTo(out.scriptPubKey());
                assertThat(u.height()).isEqualTo(tip - out.confirmations() + 1);
            }
        } else {
            assertThat(io.usesExtendedUtxos()).as("legacy !ioauth for a legacy !auth").isFalse();
        }
        long makerIn = 0;
        for (var u : io.utxos()) {
            makerIn += backend.getTxOut(u.outPoint(), true).orElseThrow().value().value();
        }
        RawTx unsigned = taker.honestTx(AMOUNT, makerIn, cjFee, txFee, 2_000);
        net.channel.sendPrivate(maker.nick(), "tx", taker.txArgs(unsigned));
        List<NetTaker.Received> sigs = net.awaitDistinct(maker.nick(), "sig", io.utxos().size(), STEP);
        // replies come on the channel we used
        direct.ifPresent(d -> assertThat(sigs).allSatisfy(r -> assertThat(r.via()).isEqualTo(d)));

        Transaction tx = Transaction.read(ByteBuffer.wrap(unsigned.serialize()));
        TransactionSignature ts = tx.calculateWitnessSignature(0, taker.utxoKey,
                ScriptBuilder.createP2PKHOutputScript(taker.utxoKey), Coin.valueOf(taker.utxoValue),
                Transaction.SigHash.ALL, false);
        tx.replaceInput(0, tx.getInput(0).withWitness(TransactionWitness.redeemP2WPKH(ts, taker.utxoKey)));
        for (NetTaker.Received r : sigs) {
            SigPayload sp = taker.openSig(r.msg().data());
            for (int i = 1; i < tx.getInputs().size(); i++) {
                OutPoint op = new OutPoint(tx.getInput(i).getOutpoint().hash(), tx.getInput(i).getOutpoint().index());
                long v = backend.getTxOut(op, true).orElseThrow().value().value();
                ECKey pub = ECKey.fromPublicOnly(sp.pub());
                var hash = tx.hashForWitnessSignature(i, ScriptBuilder.createP2PKHOutputScript(pub), Coin.valueOf(v),
                        Transaction.SigHash.ALL, false);
                if (pub.verify(hash, TransactionSignature.decodeFromBitcoin(sp.sig(), true, true))) {
                    tx.replaceInput(i, tx.getInput(i).withWitness(TransactionWitness.of(sp.sig(), sp.pub())));
                }
            }
        }
        byte[] signed = tx.serialize();
        Sha256Hash txid = tx.getTxId();
        if (push) {
            net.channel.sendPrivate(maker.nick(), "push", taker.pushArgs(signed));
            long deadline = System.nanoTime() + STEP.toNanos();
            while (backend.getConfirmations(txid).isEmpty()) {
                assertThat(System.nanoTime()).as("maker broadcast of !push").isLessThan(deadline);
                backend.waitForBlockAbove(Long.MAX_VALUE - 1, Duration.ofMillis(100));
            }
        } else {
            backend.broadcast(signed);
        }
        node.mine(1, null);
        assertThat(backend.getConfirmations(txid)).contains(1);
        assertThat(cjFee - txFee).isEqualTo(Fees.makerNet(offer, Sats.of(AMOUNT)));
        lastNet = cjFee - txFee;
        return txid;
    }

    long lastNet;

    @Test
    void completesCoinJoinsOverDirectoryRelayAndOverADirectConnection() throws Exception {
        ScriptedTaker first = fundedTaker("relay");
        ScriptedTaker second = fundedTaker("direct");
        long before = makerTotal();

        // 1. everything relayed by the directory
        assertThat(net.channel.directTo(maker.nick())).isEmpty();
        Sha256Hash tx1 = coinJoin(first, true);
        long afterFirst = makerTotal();
        assertThat(afterFirst - before).isEqualTo(lastNet).isPositive();

        // the history records it, confirmed, with the fee
        maker.resyncNow().get(30, TimeUnit.SECONDS);
        CoinJoinHistory history = new CoinJoinHistory(dir.resolve("maker").resolve(CoinJoinHistory.FILE_NAME));
        var row = history.row(tx1.toString()).orElseThrow();
        assertThat(row.get("success")).isEqualTo("True");
        assertThat(Long.parseLong(row.get("net_fee"))).isEqualTo(lastNet);

        // 2. over a direct connection to the maker's server
        ChannelId.Direct direct = net.channel.connectDirect(maker.nick()).get(30, TimeUnit.SECONDS);
        assertThat(net.channel.route(maker.nick())).isEqualTo(direct);
        maker.resyncNow().get(30, TimeUnit.SECONDS);
        coinJoin(second, false);
        assertThat(makerTotal() - afterFirst).isEqualTo(lastNet);
        assertThat(maker.signedTxids()).hasSize(2);
    }

    @Test
    void anNgNeutrinoTakerFilteringOnNeutrinoCompatPicksTheMakerAndGetsExtendedInputs() throws Exception {
        // NG takers on neutrino keep only makers whose peer-list entry (F:) and !pubkey signal
        // neutrino_compat, send an extended !auth and need spk:height for each maker input
        assertThat(net.awaitPeerlistEntry(maker.nick(), STEP).features().has(Features.NEUTRINO_COMPAT)).isTrue();
        net.channel.connectDirect(maker.nick()).get(30, TimeUnit.SECONDS);
        Handshake direct = net.directHandshakes.poll(30, TimeUnit.SECONDS);
        assertThat(direct).isNotNull();
        assertThat(direct.features().has(Features.NEUTRINO_COMPAT)).isTrue();
        ScriptedTaker ng = fundedTaker("ng");
        var own = backend.getTxOut(ng.utxo, false).orElseThrow();
        ng.withExtendedUtxo(backend.tipHeight() - own.confirmations() + 1);
        long before = makerTotal();
        coinJoin(ng, true);
        assertThat(ng.pubkeyFeatures).contains(Features.NEUTRINO_COMPAT);
        assertThat(makerTotal() - before).isEqualTo(lastNet).isPositive();
    }

    @Test
    void honestCoinJoinCompletesWhileFiveHundredConnectionsFloodTheDirectServer() throws Exception {
        ScriptedTaker honest = fundedTaker("flood");
        long before = makerTotal();
        InetSocketAddress server = maker.channel().serverAddress().orElseThrow();
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(8);
        List<java.net.Socket> sockets = java.util.Collections.synchronizedList(new ArrayList<>());
        java.util.concurrent.atomic.AtomicBoolean stop = new java.util.concurrent.atomic.AtomicBoolean();
        java.util.concurrent.atomic.AtomicInteger opened = new java.util.concurrent.atomic.AtomicInteger();
        List<java.util.concurrent.Future<?>> floods = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
            int worker = t;
            floods.add(pool.submit(() -> {
                for (int i = worker; i < 500 && !stop.get(); i += 8) {
                    try {
                        java.net.Socket s = new java.net.Socket();
                        s.connect(server, 2_000);
                        s.setSoTimeout(2_000);
                        sockets.add(s);
                        opened.incrementAndGet();
                        var nick = NickKey.random(new SecureRandom()).nick();
                        var hs = jm.core.wire.Handshake.client(nick, jm.core.wire.NotServing.INSTANCE, "regtest",
                                jm.core.wire.Features.NONE);
                        StringBuilder lines = new StringBuilder();
                        lines.append(jm.core.wire.Envelope.of(jm.core.wire.MessageType.HANDSHAKE, hs.toLineJson())
                                .toJson()).append("\r\n");
                        for (int k = 0; k < 20; k++) {
                            lines.append(jm.core.wire.Envelope.of(jm.core.wire.MessageType.PUBMSG,
                                    nick + "!PUBLIC!orderbook").toJson()).append("\r\n");
                            lines.append("{\"type\": 685, \"line\": \"garbage!").append(k).append("\"}\r\n");
                            lines.append("not json at all \u0000\r\n");
                        }
                        s.getOutputStream().write(lines.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
                        s.getOutputStream().flush();
                    } catch (java.io.IOException e) {
                        // refused or closed by the server's limits: that is the point
                    }
                }
                return null;
            }));
        }
        try {
            // the honest taker, relayed by the directory, completes within its timeouts
            coinJoin(honest, true);
            assertThat(makerTotal() - before).isEqualTo(lastNet);
        } finally {
            stop.set(true);
            for (var f : floods) {
                f.get(60, TimeUnit.SECONDS);
            }
            pool.shutdownNow();
            synchronized (sockets) {
                for (java.net.Socket s : sockets) {
                    try {
                        s.close();
                    } catch (java.io.IOException e) {
                        // closing
                    }
                }
            }
        }
        assertThat(opened.get()).isPositive();
        // the maker is still serving: a fresh direct connection handshakes and gets offers
        ChannelId.Direct d = net.channel.connectDirect(maker.nick()).get(30, TimeUnit.SECONDS);
        net.channel.publishOn(d, "orderbook");
        assertThat(net.await(maker.nick(), "sw0reloffer", STEP).via()).isEqualTo(d);
    }

    /**
     * Issue 13 item 2 through real sockets: a taker whose {@code !fill} was accepted but whose
     * commitment we have not verified (no {@code !auth} yet) waits for the public orderbook budget
     * like anyone: its {@code !orderbook} is answered only after every request queued before it.
     */
    @Test
    void aTakerWithOnlyAnAcceptedFillWaitsForThePublicOrderbookBudget() throws Exception {
        ScriptedTaker taker = fundedTaker("fill only");
        Offer offer = requestOffer(); // through the directory: the direct connection keeps its one !orderbook
        ChannelId.Direct direct = net.channel.connectDirect(maker.nick()).get(30, TimeUnit.SECONDS);
        net.channel.sendPrivate(maker.nick(), "fill", taker.fillArgs(offer.oid(), AMOUNT, 0));
        taker.onPubkey(net.await(maker.nick(), "pubkey", STEP).msg().data()); // the session exists
        net.inbox.clear();
        // 200 other connections each ask once (within their own limits): 50 answered at once, the rest queued
        long requestsBefore = maker.orderbookRequests();
        List<java.net.Socket> askers = new ArrayList<>();
        try {
            InetSocketAddress server = maker.channel().serverAddress().orElseThrow();
            for (int i = 0; i < 200; i++) {
                java.net.Socket s = new java.net.Socket();
                s.connect(server, 2_000);
                askers.add(s);
                NickKey k = NickKey.random(new SecureRandom());
                String lines = Handshake.client(k.nick(), jm.core.wire.NotServing.INSTANCE, "regtest", Features.NONE)
                        .toEnvelope().toJson() + "\r\n" + new jm.core.wire.PubMsg(k.nick(), "orderbook").toEnvelope()
                        .toJson() + "\r\n";
                s.getOutputStream().write(lines.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            }
            long deadline = System.nanoTime() + STEP.toNanos();
            // every asker's request reached the budget (so none can queue behind ours), most still waiting
            while (maker.orderbookRequests() - requestsBefore < askers.size() || maker.orderbookWaiting() < 100) {
                assertThat(System.nanoTime()).as("the other requests are queued").isLessThan(deadline);
                java.util.concurrent.locks.LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20)); // poll, bounded
            }
            int queuedBefore = maker.orderbookWaiting();
            net.channel.sendPrivate(maker.nick(), "orderbook", "please", direct);
            NetTaker.Received answer = net.await(maker.nick(), "sw0reloffer", STEP);
            int queuedAfter = maker.orderbookWaiting();
            assertThat(answer.via()).isEqualTo(direct);
            // served after everything queued before it (a session bypassing the budget would be
            // answered at once, with about queuedBefore requests still waiting)
            assertThat(queuedAfter).as("requests still waiting when ours was answered (%d were queued before it)",
                    queuedBefore).isZero();
        } finally {
            for (java.net.Socket s : askers) {
                s.close();
            }
        }
    }

    /** Flooding sockets on the maker's direct server and flooding nicks through the directory. */
    static final int FLOOD_DIRECT = 200;
    static final int FLOOD_RELAYED = 40;
    static final double FLOOD_RATE = 10;

    Flood flood() throws Exception {
        return flood(FLOOD_DIRECT, FLOOD_RELAYED, FLOOD_RATE);
    }

    Flood flood(int direct, int relayed, double rate) throws Exception {
        return Flood.start(maker.nick(), maker.channel().serverAddress().orElseThrow(), direct,
                MessageChannelConfig.local("regtest", List.of(new Endpoint("127.0.0.1", directory.port()))),
                relayed, rate);
    }

    @Test
    void honestCoinJoinCompletesWhileFloodedDirectlyAndThroughTheDirectory() throws Exception {
        ScriptedTaker honest = fundedTaker("mixed flood");
        long before = makerTotal();
        long sent;
        net.channel.connectDirect(maker.nick()).get(30, TimeUnit.SECONDS);
        try (Flood f = flood()) {
            // start the CoinJoin only once the flood is flowing (on a quiet machine a CoinJoin can
            // finish before the flooders have sent more than their handshakes)
            awaitFlood(f, 2L * (FLOOD_DIRECT + FLOOD_RELAYED));
            // the honest taker talks to the maker directly, as NG takers do; each step within its timeout
            coinJoin(honest, true);
            sent = f.sent();
        }
        assertThat(makerTotal() - before).isEqualTo(lastNet);
        assertThat(sent).as("the flood ran").isGreaterThan(FLOOD_DIRECT + FLOOD_RELAYED);
    }

    /** Waits (bounded, 30 s) until the flood has sent more than {@code messages}. */
    static void awaitFlood(Flood f, long messages) {
        long floodDeadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (f.sent() <= messages) {
            assertThat(System.nanoTime()).as("the flood reached %d messages within 30 s", messages)
                    .isLessThan(floodDeadline);
            java.util.concurrent.locks.LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5)); // poll, bounded above
        }
    }

    /**
     * Measurement, not a test (run by hand): honest CoinJoin wall time over a direct connection
     * ({@code !fill} to the maker's signatures, the taker's own broadcast and one block: the maker's
     * {@code !push} budget of one per 10 s would pace six CoinJoins in a row), without and with the
     * flood above, three of each; prints the figures. The flood test above covers {@code !orderbook} under the flood.
     * {@code ./mvnw -B -o -pl jm-maker -am test -Dtest=MakerEndToEndTest#measure* -Djm.bench=true
     * -Dsurefire.failIfNoSpecifiedTests=false} (flood size: {@code -Djm.flood.direct=200
     * -Djm.flood.relayed=40 -Djm.flood.rate=10}, the flood test's defaults)
     */
    @Test
    @Timeout(600)
    @org.junit.jupiter.api.condition.EnabledIfSystemProperty(named = "jm.bench", matches = "true")
    void measureHonestCoinJoinTimeWithAndWithoutFlood() throws Exception {
        List<Long> quiet = new ArrayList<>();
        List<Long> flooded = new ArrayList<>();
        List<ScriptedTaker> takers = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            takers.add(fundedTaker("measured " + i));
        }
        net.channel.connectDirect(maker.nick()).get(30, TimeUnit.SECONDS);
        // one !orderbook (a connection may ask once per 30 s); the oid and fees stay, the amount fits
        Offer offer = requestOffer();
        for (int i = 0; i < 3; i++) {
            ScriptedTaker t = takers.get(i);
            maker.resyncNow().get(30, TimeUnit.SECONDS);
            long t0 = System.nanoTime();
            coinJoin(t, false, offer);
            quiet.add((System.nanoTime() - t0) / 1_000_000);
        }
        long sent = 0;
        long shedBefore = maker.shedMessages();
        int direct = Integer.getInteger("jm.flood.direct", FLOOD_DIRECT);
        int relayed = Integer.getInteger("jm.flood.relayed", FLOOD_RELAYED);
        double rate = Double.parseDouble(System.getProperty("jm.flood.rate", Double.toString(FLOOD_RATE)));
        try (Flood f = flood(direct, relayed, rate)) {
            for (int i = 0; i < 3; i++) {
                ScriptedTaker t = takers.get(3 + i);
                maker.resyncNow().get(30, TimeUnit.SECONDS);
                // each CoinJoin after about one more second of the full flood (every flooder's rate)
                awaitFlood(f, (long) ((i + 1) * rate * (direct + relayed)));
                long t0 = System.nanoTime();
                coinJoin(t, false, offer);
                flooded.add((System.nanoTime() - t0) / 1_000_000);
            }
            sent = f.sent();
        }
        System.out.printf("honest CoinJoin (!fill to signatures, broadcast + 1 block), ms: quiet %s, flooded %s (%d direct sockets + %d"
                + " relayed nicks at %.0f msg/s each; %d flood messages sent, %d shed by the maker; load %.1f)%n",
                quiet, flooded, direct, relayed, rate, sent, maker.shedMessages() - shedBefore,
                java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    }
}
