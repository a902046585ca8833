package jm.net.channel;

import static jm.net.channel.Recorder.take;
import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
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
import jm.net.transport.TransportLimits;
import org.junit.jupiter.api.Test;

/** The maker's direct-connection server, driven by a raw client speaking envelopes. */
class DirectServerTest extends ChannelTestSupport {
    private final AtomicLong clock = new AtomicLong(1_000_000_000L);
    private final Recorder rec = new Recorder();
    private final NickKey makerKey = NickKey.random(RANDOM);
    private final NickKey takerKey = NickKey.random(RANDOM);
    private OnionMessageChannel maker;
    /** The test's raw peer (tests with several peers make their own). */
    private final RawPeer peer = new RawPeer();

    private void startMaker(OnionMessageChannel.Builder customise) throws Exception {
        maker = closing(customise.build());
        maker.start().get(10, TimeUnit.SECONDS);
    }

    /** The maker with every default and no inbound filter. */
    private void startMaker() throws Exception {
        startMaker(makerBuilder(InboundFilter.ACCEPT_ALL));
    }

    /** Waits until the listener has handled everything delivered to it so far. */
    private void drainListener() throws Exception {
        listenerThread.submit(() -> { }).get(10, TimeUnit.SECONDS);
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

    /** Starts the maker with every default and sends our handshake from {@link #peer}. */
    private Channel startAndHandshake() throws Exception {
        startMaker();
        return handshaked(peer);
    }

    /** Connects {@code peer} and sends our handshake. */
    private Channel handshaked(RawPeer peer) throws Exception {
        Channel ch = connect(peer);
        ch.writeAndFlush(takerHandshake("regtest"));
        return ch;
    }

    /** A PRIVMSG {@code !fill} signed by our taker with {@code data}. */
    private Envelope fill(String data) {
        return RawPrivMsg.signed(takerKey, makerKey.nick(), "fill", data).toEnvelope();
    }

    private Envelope takerHandshake(String network) {
        return new Handshake("joinmarket", false, NotServing.INSTANCE, 5,
                Features.of(Features.PING, Features.PEERLIST_FEATURES), takerKey.nick(), network).toEnvelope();
    }

    /**
     * Waits until everything the maker read before our PING has been delivered to the listener.
     * The PING counts against the connection's rate limit like every line: one second passes first
     * so that it is never the line that gets dropped.
     */
    private void sync(Channel ch, RawPeer peer) throws Exception {
        clock.addAndGet(1_000_000_000L);
        ch.writeAndFlush(Envelope.of(MessageType.PING, ""));
        Envelope e;
        do {
            e = peer.next();
        } while (e.type() != MessageType.PONG.code());
        drainListener();
    }

    @Test
    void answersAPeerHandshakeWithOurClientHandshakeNeverADirectoryOne() throws Exception {
        Channel ch = startAndHandshake();
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
        startMaker();
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
        startMaker();
        Channel ch = connect(peer);
        ch.writeAndFlush(fill("early 1 2 3"));
        ch.writeAndFlush(takerHandshake("regtest"));
        ch.writeAndFlush(fill("0 100000 ab P1"));
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
        Channel ch = startAndHandshake();
        peer.next();
        ch.writeAndFlush(new Handshake("joinmarket", false, NotServing.INSTANCE, 5, Features.NONE,
                NickKey.random(RANDOM).nick(), "regtest").toEnvelope());
        assertThat(ch.closeFuture().await(10, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void dropsMessagesBeyondTheTokenBucketBurst() throws Exception {
        startMaker();
        int burst = DirectServerLimits.defaults().burst();
        Channel ch = handshaked(peer);
        for (int i = 0; i < 30; i++) {
            ch.writeAndFlush(fill("0 100000 ab P" + i));
        }
        // the handshake took one token of the burst
        for (int i = 0; i < burst - 1; i++) {
            assertThat(take(rec.privates).message().data()).isEqualTo("0 100000 ab P" + i);
        }
        ch.close().sync();
        take(rec.directDown); // delivered after every message the connection read
        assertThat(rec.privates).isEmpty();
    }

    @Test
    void refillsTheTokenBucketAsTimePasses() throws Exception {
        startMaker();
        int burst = DirectServerLimits.defaults().burst();
        Channel ch = handshaked(peer);
        for (int i = 0; i < burst - 1; i++) {
            ch.writeAndFlush(fill("0 100000 ab P" + i));
        }
        for (int i = 0; i < burst - 1; i++) {
            take(rec.privates); // every token spent, every line read
        }
        // one second refills five tokens
        clock.addAndGet(1_000_000_000L);
        for (int i = 0; i < 10; i++) {
            ch.writeAndFlush(fill("1 100000 ab Q" + i));
        }
        for (int i = 0; i < 5; i++) {
            assertThat(take(rec.privates).message().data()).isEqualTo("1 100000 ab Q" + i);
        }
        ch.close().sync();
        take(rec.directDown);
        assertThat(rec.privates).isEmpty();
    }

    @Test
    void bansAConnectionAfterTenOrderbookViolationsAndClosesTheAddressOnAccept() throws Exception {
        startMaker(makerBuilder(InboundFilter.ACCEPT_ALL).banKey(OnionMessageChannel::hostOnly));
        Channel ch = handshaked(peer);
        peer.next();
        for (int i = 0; i < 11; i++) {
            ch.writeAndFlush(new PubMsg(takerKey.nick(), "orderbook").toEnvelope());
        }
        assertThat(ch.closeFuture().await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(maker.bans().isBanned("127.0.0.1")).isTrue();
        drainListener();
        assertThat(rec.publics).hasSize(1);

        RawPeer again = new RawPeer();
        Channel second = connect(again);
        assertThat(second.closeFuture().await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(again.got).isEmpty();
    }

    @Test
    void answersOrderbookAgainAfterTheIntervalWithoutAViolation() throws Exception {
        Channel ch = startAndHandshake();
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
        Channel ch = startAndHandshake();
        ch.writeAndFlush(new PubMsg(NickKey.random(RANDOM).nick(), "orderbook").toEnvelope());
        sync(ch, peer);
        assertThat(rec.publics).isEmpty();
    }

    @Test
    void appliesTheCallersInboundFilter() throws Exception {
        startMaker(makerBuilder((via, from, command) -> !command.equals("push")));
        Channel ch = handshaked(peer);
        ch.writeAndFlush(RawPrivMsg.signed(takerKey, makerKey.nick(), "push", "dGVzdA==").toEnvelope());
        ch.writeAndFlush(fill("0 1 2 3"));
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
        Channel ch = handshaked(peer);
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
        Channel a = handshaked(first);
        first.next();
        RawPeer second = new RawPeer();
        Channel b = connect(second);
        assertThat(b.closeFuture().await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(a.isOpen()).isTrue();
    }

    // ------------------------------------------------------------------ live-socket pins (issue 13)

    /** A plain blocking socket to the maker's server: what any peer (or attacker) can do. */
    private java.net.Socket rawSocket() throws Exception {
        java.net.Socket s = new java.net.Socket();
        s.connect(maker.serverAddress().orElseThrow(), 5_000);
        s.setSoTimeout(10_000);
        return s;
    }

    private static void writeLines(java.net.Socket s, List<String> lines) throws Exception {
        StringBuilder b = new StringBuilder();
        for (String l : lines) {
            b.append(l).append("\r\n");
        }
        s.getOutputStream().write(b.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
        s.getOutputStream().flush();
    }

    private static java.io.BufferedReader reader(java.net.Socket s) throws Exception {
        return new java.io.BufferedReader(new java.io.InputStreamReader(s.getInputStream(),
                java.nio.charset.StandardCharsets.UTF_8));
    }

    /** Every envelope the maker sends until it closes the connection. */
    private static List<Envelope> readUntilClosed(java.net.Socket s) throws Exception {
        List<Envelope> got = new java.util.ArrayList<>();
        var in = reader(s);
        for (String line = in.readLine(); line != null; line = in.readLine()) {
            got.add(Envelope.parse(line));
        }
        return got;
    }

    /**
     * Writes the lines, half-closes our side (the server reads every line in order, then sees
     * end of stream and closes) and returns everything the maker answered.
     */
    private List<Envelope> exchange(List<String> lines) throws Exception {
        try (java.net.Socket s = rawSocket()) {
            writeLines(s, lines);
            s.shutdownOutput();
            return readUntilClosed(s);
        }
    }

    /** The maker closes a new connection before reading anything from it. */
    private void assertClosedOnAccept() throws Exception {
        try (java.net.Socket s = rawSocket()) {
            assertThat(s.getInputStream().read()).isEqualTo(-1);
        }
    }

    private static String json(Envelope e) {
        return e.toJson();
    }

    private String handshakeLine() {
        return json(takerHandshake("regtest"));
    }

    private static String ping() {
        return json(Envelope.of(MessageType.PING, ""));
    }

    private static long count(List<Envelope> got, MessageType type) {
        return got.stream().filter(e -> e.type() == type.code()).count();
    }

    /** Our handshake, then {@code n} lines made by {@code line} from 0 to n - 1. */
    private List<String> handshakeThen(int n, java.util.function.IntFunction<String> line) {
        List<String> lines = new java.util.ArrayList<>(List.of(handshakeLine()));
        for (int i = 0; i < n; i++) {
            lines.add(line.apply(i));
        }
        return lines;
    }

    /** A PUBMSG from our taker. */
    private String pub(String body) {
        return json(new PubMsg(takerKey.nick(), body).toEnvelope());
    }

    /** Our handshake, then {@code n} PUBMSG {@code !orderbook}s: ten violations, a ban. */
    private List<String> handshakeThenOrderbooks(int n) {
        return handshakeThen(n, i -> pub("orderbook"));
    }

    private String signedLine(NickKey from, String command, String data) {
        return json(RawPrivMsg.signed(from, makerKey.nick(), command, data).toEnvelope());
    }

    @Test
    void countsPrivateOrderbookRequestsOnADirectSocketAndBansTheConnection() throws Exception {
        startMaker();
        List<String> lines = handshakeThen(15, i -> signedLine(takerKey, "orderbook", "please"));
        try (java.net.Socket s = rawSocket()) {
            writeLines(s, lines);
            List<Envelope> got = readUntilClosed(s); // the maker closes it: banned
            assertThat(count(got, MessageType.HANDSHAKE)).isEqualTo(1);
            assertThat(maker.bans().isBanned(OnionMessageChannel.addressAndPort(
                    (InetSocketAddress) s.getLocalSocketAddress()))).isTrue();
        }
        drainListener();
        assertThat(rec.privates).hasSize(1);
        assertThat(rec.privates.peek().message().command()).isEqualTo("orderbook");
    }

    @Test
    void countsEveryOrderbookCommandOfAMultiCommandPublicLine() throws Exception {
        startMaker();
        List<String> lines = handshakeThen(11, i -> pub("cancel " + Math.max(0, i - 1) + "!orderbook"));
        List<Envelope> got;
        try (java.net.Socket s = rawSocket()) {
            writeLines(s, lines);
            got = readUntilClosed(s); // ten violations: closed and banned without our half-close
            assertThat(maker.bans().isBanned(OnionMessageChannel.addressAndPort(
                    (InetSocketAddress) s.getLocalSocketAddress()))).isTrue();
        }
        assertThat(count(got, MessageType.HANDSHAKE)).isEqualTo(1);
        drainListener();
        assertThat(rec.publics).hasSize(1);
    }

    @Test
    void twoOrderbookCommandsInOneLineAreAViolationEvenAfterTheInterval() throws Exception {
        startMaker();
        List<String> lines = handshakeThen(10, i -> pub("orderbook!orderbook"));
        List<Envelope> got = exchange(lines);
        assertThat(count(got, MessageType.HANDSHAKE)).isEqualTo(1);
        drainListener();
        assertThat(rec.publics).isEmpty();
        assertThat(maker.bans().size()).isEqualTo(1);
    }

    @Test
    void countsPingsAgainstTheRateLimit() throws Exception {
        startMaker();
        List<String> lines = handshakeThen(200, i -> ping());
        List<Envelope> got = exchange(lines);
        assertThat(count(got, MessageType.HANDSHAKE)).isEqualTo(1);
        // the burst, minus the token the handshake took
        assertThat(count(got, MessageType.PONG)).isEqualTo(DirectServerLimits.defaults().burst() - 1);
    }

    @Test
    void countsHandshakesAgainstTheRateLimit() throws Exception {
        startMaker();
        List<String> lines = new java.util.ArrayList<>();
        for (int i = 0; i < 200; i++) {
            lines.add(handshakeLine());
        }
        lines.add(ping());
        List<Envelope> got = exchange(lines);
        // one answer to the first handshake, none to the repeats, and the PING finds no token left
        assertThat(got).extracting(Envelope::type).containsExactly(MessageType.HANDSHAKE.code());
    }

    @Test
    void answersARepeatedHandshakeOnlyOnce() throws Exception {
        startMaker();
        List<Envelope> got = exchange(List.of(handshakeLine(), handshakeLine(), handshakeLine(), ping()));
        assertThat(got).extracting(Envelope::type)
                .containsExactly(MessageType.HANDSHAKE.code(), MessageType.PONG.code());
    }

    static java.util.stream.Stream<org.junit.jupiter.params.provider.Arguments> unusableHandshakes() {
        NickKey k = NickKey.random(RANDOM);
        Features f = Features.of(Features.PING);
        return java.util.stream.Stream.of(
                org.junit.jupiter.params.provider.Arguments.of("wrong proto-ver",
                        new Handshake("joinmarket", false, NotServing.INSTANCE, 4, f, k.nick(), "regtest")),
                org.junit.jupiter.params.provider.Arguments.of("directory: true",
                        new Handshake("joinmarket", true, NotServing.INSTANCE, 5, f, k.nick(), "regtest")),
                org.junit.jupiter.params.provider.Arguments.of("wrong app name",
                        new Handshake("bitcoin", false, NotServing.INSTANCE, 5, f, k.nick(), "regtest")),
                org.junit.jupiter.params.provider.Arguments.of("wrong network",
                        new Handshake("joinmarket", false, NotServing.INSTANCE, 5, f, k.nick(), "signet")));
    }

    @org.junit.jupiter.params.ParameterizedTest(name = "{0}")
    @org.junit.jupiter.params.provider.MethodSource("unusableHandshakes")
    void neverAnswersAnUnusableHandshakeNorWhatFollowsIt(String why, Handshake bad) throws Exception {
        startMaker();
        List<Envelope> got = exchange(List.of(json(bad.toEnvelope()), ping(),
                json(new PubMsg(bad.nick(), "cancel 0").toEnvelope())));
        assertThat(got).isEmpty();
        drainListener();
        assertThat(rec.publics).isEmpty();
        assertThat(rec.directUp).isEmpty();
    }

    static java.util.stream.Stream<org.junit.jupiter.params.provider.Arguments> closingLines() {
        return java.util.stream.Stream.of(
                org.junit.jupiter.params.provider.Arguments.of("malformed line", "{\"type\": 793, \"line\": "),
                org.junit.jupiter.params.provider.Arguments.of("not json", "hello"),
                org.junit.jupiter.params.provider.Arguments.of("local-only type 797", "{\"type\": 797, \"line\": \"\"}"),
                org.junit.jupiter.params.provider.Arguments.of("line over 40,000 bytes",
                        "{\"type\": 687, \"line\": \"" + "a".repeat(40_001) + "\"}"));
    }

    @org.junit.jupiter.params.ParameterizedTest(name = "{0}")
    @org.junit.jupiter.params.provider.MethodSource("closingLines")
    void closesTheSocketOnAnUnacceptableLine(String why, String line) throws Exception {
        startMaker();
        try (java.net.Socket s = rawSocket()) {
            writeLines(s, List.of(handshakeLine()));
            var in = reader(s);
            assertThat(Envelope.parse(in.readLine()).type()).isEqualTo(MessageType.HANDSHAKE.code());
            writeLines(s, List.of(line, ping()));
            // closed by the maker (we never half-close here): no PONG, end of stream
            assertThat(in.readLine()).isNull();
        }
    }

    @Test
    void dropsAForgedSignatureAndAMessageToAnotherNickWithoutBindingTheConnection() throws Exception {
        startMaker();
        NickKey impostor = NickKey.random(RANDOM);
        RawPrivMsg genuine = RawPrivMsg.signed(takerKey, makerKey.nick(), "fill", "0 100000 ab P1");
        RawPrivMsg tampered = new RawPrivMsg(genuine.from(), genuine.to(), genuine.command(), "0 999999 ab P1",
                genuine.pubKeyHex(), genuine.sigBase64());
        RawPrivMsg byImpostor = RawPrivMsg.signed(impostor, makerKey.nick(), "fill", "0 100000 ab P1");
        RawPrivMsg stolenName = new RawPrivMsg(takerKey.nick(), makerKey.nick(), "fill", "0 100000 ab P1",
                byImpostor.pubKeyHex(), byImpostor.sigBase64());
        RawPrivMsg elsewhere = RawPrivMsg.signed(takerKey, NickKey.random(RANDOM).nick(), "fill", "0 100000 ab P1");
        List<Envelope> got = exchange(List.of(handshakeLine(), json(tampered.toEnvelope()),
                json(stolenName.toEnvelope()), json(elsewhere.toEnvelope()), ping()));
        assertThat(got).extracting(Envelope::type)
                .containsExactly(MessageType.HANDSHAKE.code(), MessageType.PONG.code());
        drainListener();
        assertThat(rec.privates).isEmpty();
        assertThat(maker.directTo(takerKey.nick())).isEmpty();
    }

    @Test
    void checksPublicMessagesAgainstTheVerifiedNickOnceOneIsBound() throws Exception {
        startMaker();
        NickKey signer = NickKey.random(RANDOM);
        exchange(List.of(handshakeLine(), signedLine(signer, "fill", "0 100000 ab P1"),
                pub("cancel 1"),
                json(new PubMsg(signer.nick(), "cancel 2").toEnvelope())));
        drainListener();
        assertThat(take(rec.privates).message().from()).isEqualTo(signer.nick());
        assertThat(rec.publics).extracting(g -> g.message().body()).containsExactly("cancel 2");
    }

    @Test
    void deliversNonOrderbookPublicMessagesOverDirect() throws Exception {
        startMaker();
        String hp2 = "hp2 " + "ab".repeat(32);
        exchange(List.of(handshakeLine(), pub("cancel 0"),
                pub(hp2),
                pub("orderbook")));
        drainListener();
        assertThat(rec.publics).extracting(g -> g.message().body()).containsExactly("cancel 0", hp2, "orderbook");
        assertThat(rec.publics).allSatisfy(g -> assertThat(g.via()).isInstanceOf(ChannelId.Direct.class));
    }

    @Test
    void aHandshakeAloneNeverMapsANick() throws Exception {
        Channel ch = startAndHandshake();
        sync(ch, peer);
        assertThat(take(rec.directUp)).isNotNull();
        assertThat(maker.directTo(takerKey.nick())).isEmpty();
    }

    @Test
    void mapsTheNewestVerifiedSocketAndKeepsItWhenTheOlderOneCloses() throws Exception {
        startMaker();
        RawPeer firstPeer = new RawPeer();
        Channel first = handshaked(firstPeer);
        first.writeAndFlush(fill("0 100000 ab P1"));
        sync(first, firstPeer);
        ChannelId older = take(rec.privates).via();
        assertThat(maker.directTo(takerKey.nick())).contains((ChannelId.Direct) older);

        RawPeer secondPeer = new RawPeer();
        Channel second = handshaked(secondPeer);
        sync(second, secondPeer);
        assertThat(maker.directTo(takerKey.nick())).contains((ChannelId.Direct) older); // handshake alone: no change
        second.writeAndFlush(fill("0 100000 ab P2"));
        sync(second, secondPeer);
        ChannelId newer = take(rec.privates).via();
        assertThat(newer).isNotEqualTo(older);
        assertThat(maker.directTo(takerKey.nick())).contains((ChannelId.Direct) newer);

        take(rec.directUp);
        take(rec.directUp);
        first.close().sync();
        assertThat(take(rec.directDown)).isEqualTo(older);
        assertThat(maker.directTo(takerKey.nick())).contains((ChannelId.Direct) newer);

        second.close().sync();
        assertThat(take(rec.directDown)).isEqualTo(newer);
        assertThat(maker.directTo(takerKey.nick())).isEmpty();
    }

    @Test
    void bansByAddressAndPortByDefaultSoOtherConnectionsFromTheHostStayWelcome() throws Exception {
        startMaker();
        List<String> lines = handshakeThenOrderbooks(11);
        String key;
        try (java.net.Socket s = rawSocket()) {
            key = OnionMessageChannel.addressAndPort((InetSocketAddress) s.getLocalSocketAddress());
            writeLines(s, lines);
            readUntilClosed(s);
        }
        assertThat(maker.bans().isBanned(key)).isTrue();
        assertThat(maker.bans().isBanned("127.0.0.1")).isFalse();
        // the same host from another port (another Tor circuit) is served
        assertThat(exchange(List.of(handshakeLine()))).extracting(Envelope::type)
                .containsExactly(MessageType.HANDSHAKE.code());
    }

    @Test
    void aBanExpiresAfterItsDuration() throws Exception {
        startMaker(makerBuilder(InboundFilter.ACCEPT_ALL).banKey(OnionMessageChannel::hostOnly));
        List<String> lines = handshakeThenOrderbooks(11);
        exchange(lines);
        assertThat(maker.bans().isBanned("127.0.0.1")).isTrue();
        assertClosedOnAccept();

        clock.addAndGet(DirectServerLimits.defaults().banDuration().toNanos() - 1);
        assertClosedOnAccept();
        clock.addAndGet(1);
        assertThat(exchange(List.of(handshakeLine()))).extracting(Envelope::type)
                .containsExactly(MessageType.HANDSHAKE.code());
    }

    @Test
    void stopClosesAcceptedSockets() throws Exception {
        startMaker();
        try (java.net.Socket s = rawSocket()) {
            writeLines(s, List.of(handshakeLine()));
            var in = reader(s);
            assertThat(Envelope.parse(in.readLine()).type()).isEqualTo(MessageType.HANDSHAKE.code());
            maker.stop().get(10, TimeUnit.SECONDS);
            assertThat(in.readLine()).isNull();
        }
    }
}
