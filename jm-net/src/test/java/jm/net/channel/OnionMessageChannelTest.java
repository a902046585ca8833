package jm.net.channel;

import static jm.net.channel.Recorder.take;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.concurrent.TimeUnit;
import jm.core.Nick;
import jm.core.crypto.NickKey;
import jm.core.wire.Envelope;
import jm.core.wire.Features;
import jm.core.wire.MessageType;
import jm.core.wire.PubMsg;
import jm.core.wire.RawPrivMsg;
import jm.core.wire.TcpLocation;
import jm.net.testing.FakeDirectory;
import org.junit.jupiter.api.Test;

class OnionMessageChannelTest extends ChannelTestSupport {

    private FakeDirectory directory(String network) throws Exception {
        return closing(FakeDirectory.start(runtime, network));
    }

    /** A channel in local mode to {@code dir} with a random nick, not built yet. */
    private OnionMessageChannel.Builder localTo(FakeDirectory dir, MessageListener listener) {
        return OnionMessageChannel.builder(MessageChannelConfig.local("regtest", List.of(dir.endpoint())),
                NickKey.random(RANDOM), runtime, listenerThread, listener);
    }

    /** Builds and starts the channel (closed after the test). */
    private OnionMessageChannel started(OnionMessageChannel.Builder builder) throws Exception {
        OnionMessageChannel ch = closing(builder.build());
        ch.start().get(10, TimeUnit.SECONDS);
        return ch;
    }

    /** {@link #started}, then waits until a directory accepted it. */
    private OnionMessageChannel joined(OnionMessageChannel.Builder builder) throws Exception {
        OnionMessageChannel ch = started(builder);
        ch.awaitDirectory().get(10, TimeUnit.SECONDS);
        return ch;
    }

    /** {@link #channel}, then waits until a directory accepted it. */
    private OnionMessageChannel joined(NickKey key, Recorder rec, DirectServing serving, FakeDirectory... dirs)
            throws Exception {
        return joined(builder(key, rec, serving, dirs));
    }

    /** A channel in local mode to {@code dirs}, started. */
    private OnionMessageChannel channel(NickKey key, Recorder rec, DirectServing serving, FakeDirectory... dirs)
            throws Exception {
        return started(builder(key, rec, serving, dirs));
    }

    private OnionMessageChannel.Builder builder(NickKey key, Recorder rec, DirectServing serving,
                                                FakeDirectory... dirs) {
        List<jm.net.transport.Endpoint> eps = new ArrayList<>();
        for (FakeDirectory d : dirs) {
            eps.add(d.endpoint());
        }
        return OnionMessageChannel.builder(MessageChannelConfig.local("regtest", eps), key, runtime, listenerThread,
                rec).serving(serving);
    }

    /** A maker serving direct connections and a taker, both joined to one directory. */
    private record MakerAndTaker(Recorder makerRec, OnionMessageChannel maker, Recorder takerRec,
                                 OnionMessageChannel taker) {
    }

    /** A maker serving direct connections and a taker built with {@code takerOptions}, both joined to {@code dir}. */
    private MakerAndTaker makerAndTaker(FakeDirectory dir, UnaryOperator<OnionMessageChannel.Builder> takerOptions)
            throws Exception {
        Recorder makerRec = new Recorder();
        Recorder takerRec = new Recorder();
        OnionMessageChannel maker = joined(NickKey.random(RANDOM), makerRec, localServer(), dir);
        return new MakerAndTaker(makerRec, maker, takerRec, joined(takerOptions.apply(localTo(dir, takerRec))));
    }

    private static DirectServing localServer() {
        return DirectServing.local(new InetSocketAddress("127.0.0.1", 0));
    }

    @Test
    void handshakesWithTheDirectoryAdvertisingPingAndPeerlistFeatures() throws Exception {
        FakeDirectory dir = directory("regtest");
        Recorder rec = new Recorder();
        OnionMessageChannel taker = joined(NickKey.random(RANDOM), rec, DirectServing.none(), dir);
        Envelope hs = dir.await(MessageType.HANDSHAKE);
        assertThat(hs.line()).contains("\"directory\": false", "\"location-string\": \"NOT-SERVING-ONION\"",
                "\"features\": {\"nick_auth\": true, \"peerlist_features\": true, \"ping\": true}",
                "\"network\": \"regtest\"",
                "\"nick\": \"" + taker.nick() + "\"");
        assertThat(take(rec.up)).isEqualTo(dir.endpoint().toString());
        assertThat(taker.liveDirectories()).containsExactly(dir.endpoint().toString());
        // It asks for the peer list because the directory advertised peerlist_features.
        dir.await(MessageType.GETPEERLIST);
    }

    @Test
    void allDirectoriesCompletesOnlyWhenEveryConfiguredDirectoryIsUp() throws Exception {
        FakeDirectory fast = directory("regtest");
        FakeDirectory slow = directory("regtest");
        slow.holdHandshakes();
        OnionMessageChannel c = joined(NickKey.random(RANDOM), new Recorder(), DirectServing.none(), fast, slow);
        slow.await(MessageType.HANDSHAKE);
        assertThat(c.liveDirectories()).containsExactly(fast.endpoint().toString());
        assertThat(c.awaitAllDirectories()).isNotDone();
        slow.releaseHandshakes();
        c.awaitAllDirectories().get(10, TimeUnit.SECONDS);
        assertThat(c.liveDirectories()).containsExactlyInAnyOrder(fast.endpoint().toString(),
                slow.endpoint().toString());
    }

    private OnionMessageChannel channelWithFeatures(NickKey key, Recorder rec, Features features, FakeDirectory dir)
            throws Exception {
        return started(OnionMessageChannel.builder(MessageChannelConfig.local("regtest",
                List.of(dir.endpoint())).withFeatures(features), key, runtime, listenerThread, rec));
    }

    @Test
    void aVerifiedReconnectReplacesTheStaleHolderOfOurNickWhereAnUnverifiedOneIsRefused() throws Exception {
        FakeDirectory dir = closing(FakeDirectory.startWithNickAuth(runtime, "regtest", false));
        NickKey key = NickKey.random(RANDOM);
        Recorder firstRec = new Recorder();
        OnionMessageChannel first = joined(key, firstRec, DirectServing.none(), dir);
        assertThat(dir.nickAuthResults().poll(10, TimeUnit.SECONDS)).isEqualTo("ok");
        assertThat(take(firstRec.up)).isEqualTo(dir.endpoint().toString());

        // our nick again while the directory still holds the old connection (a half-open drop):
        // without proving ownership it is refused, as by NG ("nick already registered")
        OnionMessageChannel unverified = channelWithFeatures(key, new Recorder(),
                Features.of(Features.PING, Features.PEERLIST_FEATURES), dir);
        assertThat(dir.closed().poll(10, TimeUnit.SECONDS)).isNotNull();
        // its only directory refused it: it hears why at once (issue 14) instead of waiting
        assertThatThrownBy(() -> unverified.awaitDirectory().get(10, TimeUnit.SECONDS))
                .hasCauseInstanceOf(DirectoryRefusedException.class).hasMessageContaining("nick already registered");
        assertThat(first.liveDirectories()).containsExactly(dir.endpoint().toString());

        // with the proof it replaces the stale holder at once
        OnionMessageChannel second = joined(key, new Recorder(), DirectServing.none(), dir);
        assertThat(dir.nickAuthResults().poll(10, TimeUnit.SECONDS)).isEqualTo("ok");
        assertThat(take(firstRec.down)).isEqualTo(dir.endpoint().toString());
        first.stop().get(10, TimeUnit.SECONDS); // it stood for a dead connection: it must not reconnect
        assertThat(second.liveDirectories()).containsExactly(dir.endpoint().toString());
    }

    @Test
    void aDirectoryRequiringVerifiedNicksAcceptsUs() throws Exception {
        FakeDirectory dir = closing(FakeDirectory.startWithNickAuth(runtime, "regtest", true));
        OnionMessageChannel c = joined(NickKey.random(RANDOM), new Recorder(), DirectServing.none(), dir);
        assertThat(dir.nickAuthResults().poll(10, TimeUnit.SECONDS)).isEqualTo("ok");
        assertThat(c.liveDirectories()).containsExactly(dir.endpoint().toString());
    }

    @Test
    void answersPingWithPong() throws Exception {
        FakeDirectory dir = directory("regtest");
        OnionMessageChannel taker = joined(NickKey.random(RANDOM), new Recorder(), DirectServing.none(), dir);
        dir.sendTo(taker.nick(), Envelope.of(MessageType.PING, ""));
        assertThat(dir.await(MessageType.PONG).line()).isEmpty();
    }

    @Test
    void reportsADirectoryOnAnotherNetworkAtOnceAndFailsTheWait() throws Exception {
        FakeDirectory dir = closing(FakeDirectory.start(runtime, "testnet", true, Features.NONE));
        Recorder rec = new Recorder();
        OnionMessageChannel taker = channel(NickKey.random(RANDOM), rec, DirectServing.none(), dir);
        dir.await(MessageType.HANDSHAKE);
        assertThat(take(rec.refused)).isEqualTo("directory " + dir.endpoint() + " runs testnet, we announce regtest");
        assertThat(dir.closed().poll(10, TimeUnit.SECONDS)).isNotNull();
        assertThat(taker.liveDirectories()).isEmpty();
        assertThatThrownBy(() -> taker.awaitDirectory().get(10, TimeUnit.SECONDS))
                .hasCauseInstanceOf(DirectoryRefusedException.class)
                .hasMessageContaining("directory " + dir.endpoint() + " runs testnet, we announce regtest");
    }

    @Test
    void reportsTheReasonADirectoryGaveForRefusingUs() throws Exception {
        FakeDirectory refusing = closing(FakeDirectory.start(runtime, "regtest", false, Features.NONE));
        FakeDirectory accepting = directory("regtest");
        Recorder rec = new Recorder();
        OnionMessageChannel taker = joined(NickKey.random(RANDOM), rec, DirectServing.none(), refusing, accepting);
        assertThat(take(rec.refused)).isEqualTo("directory " + refusing.endpoint() + " refused us: fake directory");
        assertThat(taker.refusals()).containsOnlyKeys(refusing.endpoint().toString());
    }

    @Test
    void reportsNoDirectoryDownWhenItStopsItself() throws Exception {
        FakeDirectory dir = directory("regtest");
        Recorder rec = new Recorder();
        OnionMessageChannel maker = joined(NickKey.random(RANDOM), rec, DirectServing.none(), dir);
        take(rec.up);
        maker.stop().get(10, TimeUnit.SECONDS);
        assertThat(dir.closed().poll(10, TimeUnit.SECONDS)).isNotNull();
        listenerThread.submit(() -> { }).get(10, TimeUnit.SECONDS); // every delivery queued before is done
        assertThat(rec.down).isEmpty();
    }

    @Test
    void readsTheReasonOutOfAnNgStyleMotd() {
        assertThat(DirectoryHandler.refusalText("Rejected: nick is taken\nJoinMarket NG version: 1.2"))
                .isEqualTo("nick is taken");
        assertThat(DirectoryHandler.refusalText("  ")).isEqualTo("no reason given");
    }

    @Test
    void disconnectsWhenTheDirectoryDoesNotAcceptUs() throws Exception {
        FakeDirectory dir = closing(FakeDirectory.start(runtime, "regtest", false, Features.NONE));
        OnionMessageChannel taker = channel(NickKey.random(RANDOM), new Recorder(), DirectServing.none(), dir);
        assertThat(dir.closed().poll(10, TimeUnit.SECONDS)).isNotNull();
        assertThat(taker.liveDirectories()).isEmpty();
    }

    @Test
    void relaysPublicAndPrivateMessagesBetweenMakerAndTakerOffTheEventLoop() throws Exception {
        FakeDirectory dir = directory("regtest");
        MakerAndTaker p = makerAndTaker(dir, b -> b);

        assertThat(p.taker().publish("orderbook")).isEqualTo(1);
        Recorder.Got<PubMsg> pub = take(p.makerRec().publics);
        assertThat(pub.message()).isEqualTo(new PubMsg(p.taker().nick(), "orderbook"));
        assertThat(pub.via()).isEqualTo(new ChannelId.Directory(dir.endpoint().toString()));
        assertThat(pub.thread()).isEqualTo("listener");

        // The maker saw the taker on that directory, so it can answer privately through it.
        ChannelId via = p.maker().sendPrivate(p.taker().nick(), "sw0reloffer", "0 27300 1000000 0 0.00002");
        assertThat(via).isEqualTo(new ChannelId.Directory(dir.endpoint().toString()));
        Recorder.Got<jm.core.wire.VerifiedPrivMsg> priv = take(p.takerRec().privates);
        assertThat(priv.message().from()).isEqualTo(p.maker().nick());
        assertThat(priv.message().command()).isEqualTo("sw0reloffer");
        assertThat(priv.message().data()).isEqualTo("0 27300 1000000 0 0.00002");
        assertThat(priv.thread()).isEqualTo("listener");
        // The relay told the taker where the maker serves.
        assertThat(p.taker().peers().get(p.maker().nick()).orElseThrow().servingLocation())
                .contains(p.maker().ownLocation());
    }

    @Test
    void deliversOnlyVerifiedPrivateMessagesAddressedToUs() throws Exception {
        FakeDirectory dir = directory("regtest");
        Recorder rec = new Recorder();
        NickKey takerKey = NickKey.random(RANDOM);
        OnionMessageChannel taker = joined(takerKey, rec, DirectServing.none(), dir);
        NickKey maker = NickKey.random(RANDOM);
        NickKey impostor = NickKey.random(RANDOM);
        Nick someoneElse = NickKey.random(RANDOM).nick();

        // to another nick
        dir.sendTo(taker.nick(), RawPrivMsg.signed(maker, someoneElse, "fill", "0 100000 abc P00").toEnvelope());
        // signed by a key that is not the sender's nick
        RawPrivMsg forged = RawPrivMsg.signed(impostor, taker.nick(), "fill", "0 100000 abc P00");
        dir.sendTo(taker.nick(), new RawPrivMsg(maker.nick(), taker.nick(), forged.command(), forged.data(),
                forged.pubKeyHex(), forged.sigBase64()).toEnvelope());
        // signature over other data
        RawPrivMsg good = RawPrivMsg.signed(maker, taker.nick(), "fill", "0 100000 abc P00");
        dir.sendTo(taker.nick(), new RawPrivMsg(maker.nick(), taker.nick(), "fill", "1 100000 abc P00",
                good.pubKeyHex(), good.sigBase64()).toEnvelope());
        // garbage line
        dir.sendTo(taker.nick(), new Envelope(685, "not a privmsg"));
        // and finally a good one
        dir.sendTo(taker.nick(), good.toEnvelope());

        Recorder.Got<jm.core.wire.VerifiedPrivMsg> got = take(rec.privates);
        assertThat(got.message().from()).isEqualTo(maker.nick());
        assertThat(got.message().data()).isEqualTo("0 100000 abc P00");
        assertThat(rec.privates).isEmpty();
        assertThat(taker.liveDirectories()).hasSize(1);
    }

    @Test
    void dropsAPublicMessageRepeatingOrderbookAndOurOwnEcho() throws Exception {
        FakeDirectory dir = directory("regtest");
        Recorder rec = new Recorder();
        OnionMessageChannel maker = joined(NickKey.random(RANDOM), rec, DirectServing.none(), dir);
        Nick other = NickKey.random(RANDOM).nick();
        dir.sendTo(maker.nick(), FakeDirectory.pub(other, "orderbook!orderbook"));
        dir.sendTo(maker.nick(), FakeDirectory.pub(maker.nick(), "cancel 0"));
        dir.sendTo(maker.nick(), FakeDirectory.pub(other, "cancel 1"));
        assertThat(take(rec.publics).message().body()).isEqualTo("cancel 1");
        assertThat(rec.publics).isEmpty();
    }

    @Test
    void tracksPeerlistEntriesPerDirectoryIncludingDisconnects() throws Exception {
        FakeDirectory dir = directory("regtest");
        Recorder rec = new Recorder();
        OnionMessageChannel taker = joined(NickKey.random(RANDOM), rec, DirectServing.none(), dir);
        take(rec.peerlists); // the (empty) answer to our GETPEERLIST
        Nick maker = NickKey.random(RANDOM).nick();
        String d = dir.endpoint().toString();
        dir.sendTo(taker.nick(), Envelope.of(MessageType.PEERLIST,
                maker + ";127.0.0.1:4567;F:peerlist_features+ping"));
        take(rec.peerlists);
        PeerTable.PeerView v = taker.peers().get(maker).orElseThrow();
        assertThat(v.presentOn()).containsExactly(d);
        assertThat(v.servingLocation()).contains(new TcpLocation("127.0.0.1", 4567));
        assertThat(v.features().has(Features.PING)).isTrue();
        assertThat(taker.route(maker)).isEqualTo(new ChannelId.Directory(d));

        dir.sendTo(taker.nick(), Envelope.of(MessageType.PEERLIST, maker + ";127.0.0.1:4567;D"));
        take(rec.peerlists);
        assertThat(take(rec.departed)).isEqualTo(maker);
        assertThat(taker.peers().get(maker).orElseThrow().presentOn()).isEmpty();
        assertThatThrownBy(() -> taker.route(maker)).isInstanceOf(NoRouteException.class);
    }


    @Test
    void takerOpensADirectConnectionAndBothSidesUseIt() throws Exception {
        FakeDirectory dir = directory("regtest");
        MakerAndTaker p = makerAndTaker(dir, b -> b);
        take(p.takerRec().peerlists); // GETPEERLIST answer carries the maker's location

        ChannelId.Direct direct = p.taker().connectDirect(p.maker().nick()).get(10, TimeUnit.SECONDS);
        assertThat(p.taker().route(p.maker().nick())).isEqualTo(direct);
        p.taker().sendPrivate(p.maker().nick(), "fill", "0 500000 abcdef P123");
        Recorder.Got<jm.core.wire.VerifiedPrivMsg> atMaker = take(p.makerRec().privates);
        assertThat(atMaker.via()).isInstanceOf(ChannelId.Direct.class);
        assertThat(atMaker.message().from()).isEqualTo(p.taker().nick());
        // The maker mapped the taker's nick to the connection and answers on it.
        assertThat(p.maker().directTo(p.taker().nick())).contains((ChannelId.Direct) atMaker.via());
        p.maker().sendPrivate(p.taker().nick(), "pubkey", "abcd", atMaker.via());
        Recorder.Got<jm.core.wire.VerifiedPrivMsg> atTaker = take(p.takerRec().privates);
        assertThat(atTaker.via()).isEqualTo(direct);
        assertThat(atTaker.message().command()).isEqualTo("pubkey");
        // Nothing went through the directory.
        assertThat(dir.received().stream().filter(e -> e.type() == 685)).isEmpty();
    }

    /** A taker reconnecting to {@code dir} at once, started and up. */
    private OnionMessageChannel quickReconnectTaker(FakeDirectory dir, Recorder rec) throws Exception {
        OnionMessageChannel taker = started(OnionMessageChannel.builder(
                MessageChannelConfig.local("regtest", List.of(dir.endpoint())).withReconnect(
                        new jm.net.transport.Backoff(java.time.Duration.ZERO, 1, java.time.Duration.ZERO,
                                java.time.Duration.ZERO, java.time.Duration.ZERO)),
                NickKey.random(RANDOM), runtime, listenerThread, rec));
        take(rec.up);
        return taker;
    }

    static java.util.stream.Stream<org.junit.jupiter.params.provider.Arguments> directoryDisturbances() {
        return java.util.stream.Stream.of(
                org.junit.jupiter.params.provider.Arguments.of("drops us",
                        (java.util.function.BiConsumer<FakeDirectory, Nick>) (dir, nick) -> dir.dropAll()),
                org.junit.jupiter.params.provider.Arguments.of("sends garbage",
                        (java.util.function.BiConsumer<FakeDirectory, Nick>) (dir, nick) -> dir.sendRaw(nick,
                                "{\"type\": 687, \"line\": [1, 2]}\r\n")),
                org.junit.jupiter.params.provider.Arguments.of("sends a local-only type code",
                        (java.util.function.BiConsumer<FakeDirectory, Nick>) (dir, nick) -> dir.sendRaw(nick,
                                "{\"type\": 797, \"line\": \"127.0.0.1:1\"}\r\n")));
    }

    @org.junit.jupiter.params.ParameterizedTest(name = "a directory that {0}")
    @org.junit.jupiter.params.provider.MethodSource("directoryDisturbances")
    void reconnectsToADirectoryThatDroppedUsOrThatWeDropped(String what,
            java.util.function.BiConsumer<FakeDirectory, Nick> disturb) throws Exception {
        FakeDirectory dir = directory("regtest");
        Recorder rec = new Recorder();
        OnionMessageChannel taker = quickReconnectTaker(dir, rec);
        disturb.accept(dir, taker.nick());
        take(rec.down);
        take(rec.up);
        assertThat(taker.liveDirectories()).hasSize(1);
        assertThat(taker.peers().presentNicks()).isEmpty();
    }


    @Test
    void ignoresUnknownTypeCodesAndDisconnectFromADirectory() throws Exception {
        FakeDirectory dir = directory("regtest");
        Recorder rec = new Recorder();
        OnionMessageChannel taker = joined(NickKey.random(RANDOM), rec, DirectServing.none(), dir);
        dir.sendRaw(taker.nick(), "{\"type\": 801, \"line\": \"\"}\r\n{\"type\": 4242, \"line\": \"x\"}\r\n");
        dir.sendTo(taker.nick(), Envelope.of(MessageType.PING, ""));
        dir.await(MessageType.PONG);
        assertThat(taker.liveDirectories()).hasSize(1);
        assertThat(rec.down).isEmpty();
    }

    @Test
    void stopsReadingFromADirectoryWhileTheListenerIsBehindAndResumesAfter() throws Exception {
        FakeDirectory dir = directory("regtest");
        java.util.concurrent.CountDownLatch gate = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.atomic.AtomicInteger delivered = new java.util.concurrent.atomic.AtomicInteger();
        MessageListener slow = new MessageListener() {
            @Override
            public void onPublic(ChannelId via, PubMsg message) {
                try {
                    gate.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                delivered.incrementAndGet();
            }
        };
        OnionMessageChannel taker = joined(localTo(dir, slow).maxPendingDeliveries(100));
        Nick flooder = NickKey.random(RANDOM).nick();
        int total = 20_000;
        StringBuilder burst = new StringBuilder();
        for (int i = 0; i < total; i++) {
            burst.append(FakeDirectory.pub(flooder, "cancel " + i).toJson()).append("\r\n");
        }
        dir.sendRaw(taker.nick(), burst.toString());
        // The listener is stuck: the connection stops reading instead of queuing the whole flood.
        java.util.concurrent.CompletableFuture.runAsync(() -> {
            while (taker.pausedConnections() == 0) {
                Thread.yield();
            }
        }).get(10, TimeUnit.SECONDS);
        assertThat(taker.pendingDeliveries()).isLessThan(total);
        gate.countDown();
        java.util.concurrent.CompletableFuture.runAsync(() -> {
            while (delivered.get() < total) {
                Thread.yield();
            }
        }).get(30, TimeUnit.SECONDS);
        assertThat(taker.pendingDeliveries()).isZero();
        assertThat(taker.pausedConnections()).isZero();
    }

    @Test
    void upgradesToADirectConnectionInTheBackgroundWhenAsked() throws Exception {
        FakeDirectory dir = directory("regtest");
        MakerAndTaker p = makerAndTaker(dir, b -> b.connectDirectOnSend(true));
        take(p.takerRec().peerlists);

        ChannelId first = p.taker().sendPrivate(p.maker().nick(), "fill", "0 100000 ab P1");
        assertThat(first).isInstanceOf(ChannelId.Directory.class);
        ChannelId.Direct direct = take(p.takerRec().directUp);
        assertThat(p.taker().route(p.maker().nick())).isEqualTo(direct);
        assertThat(take(p.makerRec().privates).via()).isEqualTo(first);
    }

    @Test
    void acceptsADirectoryAnsweringInTheClientHandshakeFormat() throws Exception {
        Recorder rec = new Recorder();
        NickKey dirKey = NickKey.random(RANDOM);
        try (jm.net.transport.JmServer server = jm.net.transport.JmServer.bind(runtime,
                new InetSocketAddress("127.0.0.1", 0), jm.net.transport.TransportLimits.defaults(), a -> true,
                ch -> ch.pipeline().addLast(new io.netty.channel.SimpleChannelInboundHandler<Envelope>() {
                    @Override
                    protected void channelRead0(io.netty.channel.ChannelHandlerContext ctx, Envelope msg) {
                        if (msg.type() == MessageType.HANDSHAKE.code()) {
                            ctx.writeAndFlush(new jm.core.wire.Handshake("joinmarket", true,
                                    jm.core.wire.NotServing.INSTANCE, 5, Features.of(Features.PING), dirKey.nick(),
                                    "regtest").toEnvelope());
                        }
                    }
                })).get(5, TimeUnit.SECONDS)) {
            OnionMessageChannel taker = joined(OnionMessageChannel.builder(MessageChannelConfig.local("regtest",
                    List.of(new jm.net.transport.Endpoint("127.0.0.1", server.localAddress().getPort()))),
                    NickKey.random(RANDOM), runtime, listenerThread, rec));
            String id = take(rec.up);
            assertThat(taker.directoryHandshake(id).orElseThrow().nick()).isEqualTo(dirKey.nick());
        }
    }

    @Test
    void worksAcrossTwoDirectoriesAndReportsDepartureOnlyWhenGoneFromBoth() throws Exception {
        FakeDirectory a = directory("regtest");
        FakeDirectory b = directory("regtest");
        Recorder makerRec = new Recorder();
        Recorder takerRec = new Recorder();
        OnionMessageChannel maker = channel(NickKey.random(RANDOM), makerRec, DirectServing.none(), a, b);
        OnionMessageChannel taker = channel(NickKey.random(RANDOM), takerRec, DirectServing.none(), a, b);
        java.util.concurrent.CompletableFuture.runAsync(() -> {
            while (maker.liveDirectories().size() < 2 || taker.liveDirectories().size() < 2
                    || !a.isConnected(taker.nick()) || !b.isConnected(taker.nick())
                    || !a.isConnected(maker.nick()) || !b.isConnected(maker.nick())) {
                Thread.yield();
            }
        }).get(10, TimeUnit.SECONDS);

        assertThat(taker.publish("orderbook")).isEqualTo(2);
        java.util.Set<ChannelId> vias = new java.util.HashSet<>();
        vias.add(take(makerRec.publics).via());
        vias.add(take(makerRec.publics).via());
        assertThat(vias).containsExactlyInAnyOrder(new ChannelId.Directory(a.endpoint().toString()),
                new ChannelId.Directory(b.endpoint().toString()));
        assertThat(maker.peers().get(taker.nick()).orElseThrow().presentOn()).hasSize(2);
        assertThat(maker.sendPrivateOnAllDirectories(taker.nick(), "sw0absoffer", "0 1 2 3 4")).hasSize(2);
        assertThat(take(takerRec.privates).message().command()).isEqualTo("sw0absoffer");
        assertThat(take(takerRec.privates).message().command()).isEqualTo("sw0absoffer");

        Nick someone = NickKey.random(RANDOM).nick();
        for (FakeDirectory d : List.of(a, b)) {
            d.sendTo(taker.nick(), Envelope.of(MessageType.PEERLIST, someone + ";NOT-SERVING-ONION"));
        }
        java.util.concurrent.CompletableFuture.runAsync(() -> {
            while (taker.peers().get(someone).map(v -> v.presentOn().size()).orElse(0) < 2) {
                Thread.yield();
            }
        }).get(10, TimeUnit.SECONDS);
        a.sendTo(taker.nick(), Envelope.of(MessageType.PEERLIST, someone + ";NOT-SERVING-ONION;D"));
        a.sendTo(taker.nick(), Envelope.of(MessageType.PING, ""));
        a.await(MessageType.PONG); // the taker handled everything a sent before the PING
        listenerThread.submit(() -> { }).get(10, TimeUnit.SECONDS);
        assertThat(takerRec.departed).isEmpty();
        assertThat(taker.route(someone)).isEqualTo(new ChannelId.Directory(b.endpoint().toString()));
        b.sendTo(taker.nick(), Envelope.of(MessageType.PEERLIST, someone + ";NOT-SERVING-ONION;D"));
        assertThat(take(takerRec.departed)).isEqualTo(someone);
    }
}
