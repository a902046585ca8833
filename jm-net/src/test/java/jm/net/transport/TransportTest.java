package jm.net.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.socksx.v5.Socks5AddressType;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import jm.core.wire.Envelope;
import jm.core.wire.MessageType;
import jm.net.testing.TestSocks5Server;
import org.assertj.core.api.ThrowingConsumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class TransportTest {
    private static final InetSocketAddress ANY_LOOPBACK = new InetSocketAddress("127.0.0.1", 0);
    private static NetRuntime runtime;

    @BeforeAll
    static void start() {
        runtime = NetRuntime.create(2, "transport-test");
    }

    @AfterAll
    static void stop() {
        runtime.close();
    }

    /** Echoes every envelope back. */
    private static final class Echo extends SimpleChannelInboundHandler<Envelope> {
        @Override
        protected void channelRead0(ChannelHandlerContext ctx, Envelope msg) {
            ctx.writeAndFlush(msg);
        }
    }

    /** Collects envelopes. */
    private static final class Collect extends SimpleChannelInboundHandler<Envelope> {
        final BlockingQueue<Envelope> got = new LinkedBlockingQueue<>();

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, Envelope msg) {
            got.add(msg);
        }
    }

    private static JmServer echoServer(TransportLimits limits) throws Exception {
        return JmServer.bind(runtime, ANY_LOOPBACK, limits, a -> true, ch -> ch.pipeline().addLast(new Echo()))
                .get(5, TimeUnit.SECONDS);
    }

    private static Endpoint endpoint(JmServer s) {
        return new Endpoint("127.0.0.1", s.localAddress().getPort());
    }

    @Test
    void clientAndServerExchangeEnvelopesOverLoopback() throws Exception {
        try (JmServer server = echoServer(TransportLimits.defaults())) {
            Collect collect = new Collect();
            Channel ch = JmClient.connect(runtime, endpoint(server), Optional.empty(), Duration.ofSeconds(5),
                    TransportLimits.defaults(), c -> c.pipeline().addLast(collect)).get(5, TimeUnit.SECONDS);
            ch.writeAndFlush(Envelope.of(MessageType.PUBMSG, "J56Qu3cvNvi3Y1vt!PUBLIC!orderbook"));
            assertThat(collect.got.poll(5, TimeUnit.SECONDS))
                    .isEqualTo(new Envelope(687, "J56Qu3cvNvi3Y1vt!PUBLIC!orderbook"));
            ch.close().sync();
        }
    }

    @Test
    void serverClosesConnectionsItsAcceptFilterRejects() throws Exception {
        try (JmServer server = JmServer.bind(runtime, ANY_LOOPBACK, TransportLimits.defaults(),
                a -> false, ch -> ch.pipeline().addLast(new Echo())).get(5, TimeUnit.SECONDS)) {
            Channel ch = JmClient.connect(runtime, endpoint(server), Optional.empty(), Duration.ofSeconds(5),
                    TransportLimits.defaults(), c -> { }).get(5, TimeUnit.SECONDS);
            assertThat(ch.closeFuture().await(5, TimeUnit.SECONDS)).isTrue();
            assertThat(server.connectionCount()).isZero();
        }
    }

    @Test
    void closesAConnectionThatNeverHandshakes() throws Exception {
        TransportLimits limits = TransportLimits.defaults().withHandshakeTimeout(Duration.ofMillis(200));
        try (JmServer server = echoServer(limits)) {
            Channel ch = JmClient.connect(runtime, endpoint(server), Optional.empty(), Duration.ofSeconds(5),
                    TransportLimits.defaults().withHandshakeTimeout(Duration.ZERO), c -> { })
                    .get(5, TimeUnit.SECONDS);
            assertThat(ch.closeFuture().await(5, TimeUnit.SECONDS)).isTrue();
        }
    }

    /**
     * Binds a server with {@code limits}, connects a client that never reads, and runs {@code test}
     * with the server's side of that connection.
     */
    private static void withAClientThatNeverReads(TransportLimits limits, ThrowingConsumer<Channel> test)
            throws Exception {
        CompletableFuture<Channel> accepted = new CompletableFuture<>();
        try (JmServer server = JmServer.bind(runtime, ANY_LOOPBACK, limits, a -> true, accepted::complete)
                .get(5, TimeUnit.SECONDS)) {
            Channel client = JmClient.connect(runtime, endpoint(server), Optional.empty(), Duration.ofSeconds(5),
                    TransportLimits.defaults(), c -> c.config().setAutoRead(false)).get(5, TimeUnit.SECONDS);
            test.accept(accepted.get(5, TimeUnit.SECONDS));
            client.close();
        }
    }

    @Test
    void dropsAPeerThatStopsReadingInsteadOfBufferingWithoutBound() throws Exception {
        withAClientThatNeverReads(TransportLimits.defaults().withWriteBuffer(8 * 1024, 32 * 1024, 256 * 1024),
                serverSide -> {
                    String body = "x".repeat(30_000);
                    AtomicInteger failed = new AtomicInteger();
                    // The producer ignores writability on purpose: the guard must bound memory anyway.
                    CompletableFuture<Integer> written = new CompletableFuture<>();
                    serverSide.eventLoop().execute(() -> {
                        int n = 0;
                        while (serverSide.isOpen() && n < 100_000) {
                            serverSide.writeAndFlush(Envelope.of(MessageType.PUBMSG, body)).addListener(f -> {
                                if (!f.isSuccess()) {
                                    failed.incrementAndGet();
                                }
                            });
                            n++;
                        }
                        written.complete(n);
                    });
                    int attempts = written.get(10, TimeUnit.SECONDS);
                    assertThat(serverSide.closeFuture().await(10, TimeUnit.SECONDS)).isTrue();
                    assertThat(attempts).isLessThan(100_000);
                    assertThat(failed.get()).isPositive();
                });
    }

    @Test
    void closesAPeerThatStaysUnwritableTooLong() throws Exception {
        withAClientThatNeverReads(TransportLimits.defaults().withWriteBuffer(1024, 4 * 1024, 64L * 1024 * 1024)
                .withUnwritableTimeout(Duration.ofMillis(300)), serverSide -> {
                    String body = "y".repeat(30_000);
                    // A well-behaved producer: writes only while writable, so only the timeout can close it.
                    serverSide.eventLoop().execute(() -> {
                        while (serverSide.isWritable()) {
                            serverSide.writeAndFlush(Envelope.of(MessageType.PUBMSG, body));
                        }
                    });
                    assertThat(serverSide.closeFuture().await(10, TimeUnit.SECONDS)).isTrue();
                });
    }

    @Test
    void connectsThroughSocks5WithRemoteDnsAndCredentials() throws Exception {
        try (JmServer server = echoServer(TransportLimits.defaults());
                TestSocks5Server socks = TestSocks5Server.start(runtime)) {
            String onion = "a".repeat(56) + ".onion";
            socks.route(onion, server.localAddress());
            Collect collect = new Collect();
            SocksProxy proxy = new SocksProxy(socks.address(), "jm-directory", "secret-token");
            Channel ch = JmClient.connect(runtime, new Endpoint(onion, 5222), Optional.of(proxy),
                    Duration.ofSeconds(5), TransportLimits.defaults(), c -> c.pipeline().addLast(collect))
                    .get(5, TimeUnit.SECONDS);
            ch.writeAndFlush(Envelope.of(MessageType.GETPEERLIST, ""));
            assertThat(collect.got.poll(5, TimeUnit.SECONDS)).isEqualTo(new Envelope(791, ""));
            TestSocks5Server.Request req = socks.requests().poll(5, TimeUnit.SECONDS);
            assertThat(req.addressType()).isEqualTo(Socks5AddressType.DOMAIN);
            assertThat(req.host()).isEqualTo(onion);
            assertThat(req.port()).isEqualTo(5222);
            assertThat(req.username()).isEqualTo("jm-directory");
            assertThat(req.password()).isEqualTo("secret-token");
            ch.close().sync();
        }
    }

    @Test
    void failsTheConnectFutureWhenTheProxyCannotReachTheTarget() throws Exception {
        try (TestSocks5Server socks = TestSocks5Server.start(runtime)) {
            CompletableFuture<Channel> f = JmClient.connect(runtime, new Endpoint("b".repeat(56) + ".onion", 5222),
                    Optional.of(SocksProxy.noAuth(socks.address())), Duration.ofSeconds(5),
                    TransportLimits.defaults(), c -> { });
            assertThatThrownBy(() -> f.get(5, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class);
            assertThat(socks.requests().poll(5, TimeUnit.SECONDS).username()).isNull();
        }
    }
}
