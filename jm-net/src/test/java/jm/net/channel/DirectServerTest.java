package jm.net.channel;

import static jm.net.channel.Recorder.take;
import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import jm.core.crypto.NickKey;
import jm.core.wire.Envelope;
import jm.core.wire.Features;
import jm.core.wire.Handshake;
import jm.core.wire.MessageType;
import jm.core.wire.NotServing;
import jm.core.wire.PubMsg;
import jm.core.wire.RawPrivMsg;
import jm.net.transport.Endpoint;
import jm.net.transport.JmClient;
import jm.net.transport.NetRuntime;
import jm.net.transport.TransportLimits;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The maker's direct-connection server, driven by a raw client speaking envelopes. */
class DirectServerTest {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static NetRuntime runtime;
    private final ExecutorService listenerThread = Executors.newSingleThreadExecutor(r -> new Thread(r, "listener"));
    private final AtomicLong clock = new AtomicLong(1_000_000_000L);
    private final Recorder rec = new Recorder();
    private final NickKey makerKey = NickKey.random(RANDOM);
    private final NickKey takerKey = NickKey.random(RANDOM);
    private OnionMessageChannel maker;

    @BeforeAll
    static void startRuntime() {
        runtime = NetRuntime.create(2, "direct-test");
    }

    @AfterAll
    static void stopRuntime() {
        runtime.close();
    }

    @AfterEach
    void stop() {
        if (maker != null) {
            maker.close();
        }
        listenerThread.shutdownNow();
    }

    private void startMaker(OnionMessageChannel.Builder customise) throws Exception {
        maker = customise.build();
        maker.start().get(10, TimeUnit.SECONDS);
    }

    private OnionMessageChannel.Builder makerBuilder(InboundFilter filter) {
        return OnionMessageChannel.builder(MessageChannelConfig.local("regtest", List.of()), makerKey, runtime,
                listenerThread, rec).serving(DirectServing.local(new InetSocketAddress("127.0.0.1", 0)))
                .nanoTime(clock::get).filter(filter);
    }

    private static final class RawPeer extends SimpleChannelInboundHandler<Envelope> {
        final BlockingQueue<Envelope> got = new LinkedBlockingQueue<>();

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, Envelope msg) {
            got.add(msg);
        }

        Envelope next() throws InterruptedException {
            Envelope e = got.poll(10, TimeUnit.SECONDS);
            if (e == null) {
                throw new AssertionError("nothing received");
            }
            return e;
        }
    }

    private Channel connect(RawPeer peer) throws Exception {
        int port = maker.serverAddress().orElseThrow().getPort();
        return JmClient.connect(runtime, new Endpoint("127.0.0.1", port), Optional.empty(), Duration.ofSeconds(5),
                TransportLimits.defaults(), ch -> ch.pipeline().addLast(peer)).get(10, TimeUnit.SECONDS);
    }

    private Envelope takerHandshake(String network) {
        return new Handshake("joinmarket", false, NotServing.INSTANCE, 5,
                Features.of(Features.PING, Features.PEERLIST_FEATURES), takerKey.nick(), network).toEnvelope();
    }

    /** Waits until everything the maker read before our PING has been delivered to the listener. */
    private void sync(Channel ch, RawPeer peer) throws Exception {
        ch.writeAndFlush(Envelope.of(MessageType.PING, ""));
        Envelope e;
        do {
            e = peer.next();
        } while (e.type() != MessageType.PONG.code());
        listenerThread.submit(() -> { }).get(10, TimeUnit.SECONDS);
    }

    @Test
    void answersAPeerHandshakeWithOurClientHandshakeNeverADirectoryOne() throws Exception {
        startMaker(makerBuilder(InboundFilter.ACCEPT_ALL));
        RawPeer peer = new RawPeer();
        Channel ch = connect(peer);
        ch.writeAndFlush(takerHandshake("regtest"));
        Envelope reply = peer.next();
        assertThat(reply.type()).isEqualTo(MessageType.HANDSHAKE.code());
        Handshake hs = Handshake.parse(reply.line());
        assertThat(hs.directory()).isFalse();
        assertThat(hs.nick()).isEqualTo(makerKey.nick());
        assertThat(hs.location()).isEqualTo(maker.ownLocation());
        assertThat(hs.network()).isEqualTo("regtest");
        assertThat(hs.features().has(Features.PING)).isTrue();
    }

    @Test
    void doesNotAnswerAHandshakeFromAnotherNetwork() throws Exception {
        startMaker(makerBuilder(InboundFilter.ACCEPT_ALL));
        RawPeer peer = new RawPeer();
        Channel ch = connect(peer);
        ch.writeAndFlush(takerHandshake("mainnet"));
        ch.writeAndFlush(Envelope.of(MessageType.PING, "")); // dropped: not handshaked
        ch.writeAndFlush(takerHandshake("regtest"));
        ch.writeAndFlush(Envelope.of(MessageType.PING, ""));
        assertThat(peer.next().type()).isEqualTo(MessageType.HANDSHAKE.code());
        assertThat(peer.next().type()).isEqualTo(MessageType.PONG.code());
        assertThat(peer.got).isEmpty();
    }

    @Test
    void dropsMessagesBeforeTheHandshakeAndBindsTheFirstVerifiedSender() throws Exception {
        startMaker(makerBuilder(InboundFilter.ACCEPT_ALL));
        RawPeer peer = new RawPeer();
        Channel ch = connect(peer);
        ch.writeAndFlush(RawPrivMsg.signed(takerKey, makerKey.nick(), "fill", "early 1 2 3").toEnvelope());
        ch.writeAndFlush(takerHandshake("regtest"));
        ch.writeAndFlush(RawPrivMsg.signed(takerKey, makerKey.nick(), "fill", "0 100000 ab P1").toEnvelope());
        NickKey other = NickKey.random(RANDOM);
        ch.writeAndFlush(RawPrivMsg.signed(other, makerKey.nick(), "fill", "0 100000 cd P2").toEnvelope());
        sync(ch, peer);
        Recorder.Got<jm.core.wire.VerifiedPrivMsg> got = take(rec.privates);
        assertThat(got.message().data()).isEqualTo("0 100000 ab P1");
        assertThat(rec.privates).isEmpty();
        assertThat(maker.directTo(takerKey.nick())).contains((ChannelId.Direct) got.via());
        assertThat(maker.directTo(other.nick())).isEmpty();
    }

    @Test
    void closesWhenALaterHandshakeNamesAnotherNick() throws Exception {
        startMaker(makerBuilder(InboundFilter.ACCEPT_ALL));
        RawPeer peer = new RawPeer();
        Channel ch = connect(peer);
        ch.writeAndFlush(takerHandshake("regtest"));
        peer.next();
        ch.writeAndFlush(new Handshake("joinmarket", false, NotServing.INSTANCE, 5, Features.NONE,
                NickKey.random(RANDOM).nick(), "regtest").toEnvelope());
        assertThat(ch.closeFuture().await(10, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void dropsMessagesBeyondTheTokenBucketBurst() throws Exception {
        startMaker(makerBuilder(InboundFilter.ACCEPT_ALL));
        RawPeer peer = new RawPeer();
        Channel ch = connect(peer);
        ch.writeAndFlush(takerHandshake("regtest"));
        for (int i = 0; i < 30; i++) {
            ch.writeAndFlush(RawPrivMsg.signed(takerKey, makerKey.nick(), "fill", "0 100000 ab P" + i).toEnvelope());
        }
        sync(ch, peer);
        assertThat(rec.privates).hasSize(DirectServerLimits.defaults().burst());
        // Time passes: one second refills five tokens.
        clock.addAndGet(1_000_000_000L);
        for (int i = 0; i < 10; i++) {
            ch.writeAndFlush(RawPrivMsg.signed(takerKey, makerKey.nick(), "fill", "1 100000 ab Q" + i).toEnvelope());
        }
        sync(ch, peer);
        assertThat(rec.privates).hasSize(DirectServerLimits.defaults().burst() + 5);
    }

    @Test
    void bansAConnectionAfterTenOrderbookViolationsAndClosesTheAddressOnAccept() throws Exception {
        startMaker(makerBuilder(InboundFilter.ACCEPT_ALL).banKey(OnionMessageChannel::hostOnly));
        RawPeer peer = new RawPeer();
        Channel ch = connect(peer);
        ch.writeAndFlush(takerHandshake("regtest"));
        peer.next();
        for (int i = 0; i < 11; i++) {
            ch.writeAndFlush(new PubMsg(takerKey.nick(), "orderbook").toEnvelope());
        }
        assertThat(ch.closeFuture().await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(maker.bans().isBanned("127.0.0.1")).isTrue();
        listenerThread.submit(() -> { }).get(10, TimeUnit.SECONDS);
        assertThat(rec.publics).hasSize(1);

        RawPeer again = new RawPeer();
        Channel second = connect(again);
        assertThat(second.closeFuture().await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(again.got).isEmpty();
    }

    @Test
    void answersOrderbookAgainAfterTheIntervalWithoutAViolation() throws Exception {
        startMaker(makerBuilder(InboundFilter.ACCEPT_ALL));
        RawPeer peer = new RawPeer();
        Channel ch = connect(peer);
        ch.writeAndFlush(takerHandshake("regtest"));
        for (int i = 0; i < 15; i++) {
            ch.writeAndFlush(new PubMsg(takerKey.nick(), "orderbook").toEnvelope());
            sync(ch, peer);
            clock.addAndGet(Duration.ofSeconds(31).toNanos());
        }
        assertThat(ch.isOpen()).isTrue();
        assertThat(rec.publics).hasSize(15);
        assertThat(rec.publics.peek().via()).isInstanceOf(ChannelId.Direct.class);
    }

    @Test
    void dropsPublicMessagesWhoseSenderIsNotTheHandshakeNick() throws Exception {
        startMaker(makerBuilder(InboundFilter.ACCEPT_ALL));
        RawPeer peer = new RawPeer();
        Channel ch = connect(peer);
        ch.writeAndFlush(takerHandshake("regtest"));
        ch.writeAndFlush(new PubMsg(NickKey.random(RANDOM).nick(), "orderbook").toEnvelope());
        sync(ch, peer);
        assertThat(rec.publics).isEmpty();
    }

    @Test
    void appliesTheCallersInboundFilter() throws Exception {
        startMaker(makerBuilder((via, from, command) -> !command.equals("push")));
        RawPeer peer = new RawPeer();
        Channel ch = connect(peer);
        ch.writeAndFlush(takerHandshake("regtest"));
        ch.writeAndFlush(RawPrivMsg.signed(takerKey, makerKey.nick(), "push", "dGVzdA==").toEnvelope());
        ch.writeAndFlush(RawPrivMsg.signed(takerKey, makerKey.nick(), "fill", "0 1 2 3").toEnvelope());
        sync(ch, peer);
        assertThat(take(rec.privates).message().command()).isEqualTo("fill");
        assertThat(rec.privates).isEmpty();
    }

    @Test
    void closesAConnectionThatNeverHandshakes() throws Exception {
        startMaker(OnionMessageChannel.builder(MessageChannelConfig.local("regtest", List.of())
                        .withLimits(TransportLimits.defaults().withHandshakeTimeout(Duration.ofMillis(300))),
                makerKey, runtime, listenerThread, rec)
                .serving(DirectServing.local(new InetSocketAddress("127.0.0.1", 0))));
        RawPeer peer = new RawPeer();
        Channel ch = connect(peer);
        ch.writeAndFlush(Envelope.of(MessageType.PING, ""));
        assertThat(ch.closeFuture().await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(peer.got).isEmpty();
    }

    @Test
    void closesAHandshakedConnectionThatGoesSilent() throws Exception {
        startMaker(OnionMessageChannel.builder(MessageChannelConfig.local("regtest", List.of())
                        .withDirectIdleTimeout(Duration.ofMillis(300)),
                makerKey, runtime, listenerThread, rec)
                .serving(DirectServing.local(new InetSocketAddress("127.0.0.1", 0))));
        RawPeer peer = new RawPeer();
        Channel ch = connect(peer);
        ch.writeAndFlush(takerHandshake("regtest"));
        assertThat(peer.next().type()).isEqualTo(MessageType.HANDSHAKE.code());
        assertThat(ch.closeFuture().await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(take(rec.directDown)).isNotNull();
    }

    @Test
    void refusesConnectionsBeyondTheCap() throws Exception {
        DirectServerLimits d = DirectServerLimits.defaults();
        startMaker(makerBuilder(InboundFilter.ACCEPT_ALL).serverLimits(new DirectServerLimits(d.messagesPerSecond(),
                d.burst(), d.orderbookInterval(), d.maxViolations(), d.banDuration(), d.maxBans(), 1)));
        RawPeer first = new RawPeer();
        Channel a = connect(first);
        a.writeAndFlush(takerHandshake("regtest"));
        first.next();
        RawPeer second = new RawPeer();
        Channel b = connect(second);
        assertThat(b.closeFuture().await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(a.isOpen()).isTrue();
    }
}
