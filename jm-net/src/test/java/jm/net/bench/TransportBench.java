package jm.net.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import jm.core.wire.Envelope;
import jm.core.wire.MessageType;
import jm.net.transport.Endpoint;
import jm.net.transport.JmClient;
import jm.net.transport.JmServer;
import jm.net.transport.NetRuntime;
import jm.net.transport.TransportLimits;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * By-hand measurement of the transport (framing + envelope codec + pipeline) over loopback, not
 * a CI test: {@code ./mvnw -B -pl jm-net -am test -Dtest=TransportBench -Djm.bench=true
 * -Dsurefire.failIfNoSpecifiedTests=false}. Prints envelopes/s one way through an echo and the
 * round-trip latency percentiles of sequential PING/PONG-sized envelopes.
 */
@EnabledIfSystemProperty(named = "jm.bench", matches = "true")
class TransportBench {
    @Test
    void measure() throws Exception {
        try (NetRuntime rt = NetRuntime.create(2, "bench");
                JmServer server = JmServer.bind(rt, new InetSocketAddress("127.0.0.1", 0),
                        TransportLimits.defaults().withWriteBuffer(1 << 20, 4 << 20, 1L << 30).withUnwritableTimeout(Duration.ofMinutes(10)), a -> true,
                        ch -> ch.pipeline().addLast(new SimpleChannelInboundHandler<Envelope>() {
                            @Override
                            protected void channelRead0(ChannelHandlerContext ctx, Envelope msg) {
                                ctx.write(msg);
                            }

                            @Override
                            public void channelReadComplete(ChannelHandlerContext ctx) {
                                ctx.flush();
                            }
                        })).get(5, TimeUnit.SECONDS)) {
            int n = 100_000;
            AtomicInteger got = new AtomicInteger();
            CompletableFuture<Void> all = new CompletableFuture<>();
            long[] sentAt = new long[1];
            java.util.concurrent.atomic.AtomicReference<CompletableFuture<Long>> pong =
                    new java.util.concurrent.atomic.AtomicReference<>();
            Channel ch = JmClient.connect(rt, new Endpoint("127.0.0.1", server.localAddress().getPort()),
                    Optional.empty(), Duration.ofSeconds(5),
                    TransportLimits.defaults().withWriteBuffer(1 << 20, 4 << 20, 1L << 30).withUnwritableTimeout(Duration.ofMinutes(10)),
                    c -> c.pipeline().addLast(new SimpleChannelInboundHandler<Envelope>() {
                        @Override
                        protected void channelRead0(ChannelHandlerContext ctx, Envelope msg) {
                            if (msg.type() == MessageType.PONG.code() && pong.get() != null) {
                                pong.get().complete(System.nanoTime() - sentAt[0]);
                            } else if (got.incrementAndGet() == n) {
                                all.complete(null);
                            }
                        }
                    })).get(5, TimeUnit.SECONDS);
            String body = "J56Qu3cvNvi3Y1vt!J59y7hPYEhZ3MzDt!fill 0 1000000 " + "a".repeat(64) + " P" + "b".repeat(64);
            Envelope env = Envelope.of(MessageType.PRIVMSG, body);
            com.sun.management.OperatingSystemMXBean os = (com.sun.management.OperatingSystemMXBean)
                    java.lang.management.ManagementFactory.getOperatingSystemMXBean();
            long cpu0 = os.getProcessCpuTime();
            long t0 = System.nanoTime();
            ch.eventLoop().execute(() -> {
                for (int i = 0; i < n; i++) {
                    ch.write(env);
                    if (i % 256 == 0) {
                        ch.flush();
                    }
                }
                ch.flush();
            });
            all.get(120, TimeUnit.SECONDS);
            double secs = (System.nanoTime() - t0) / 1e9;
            double cpuSecs = (os.getProcessCpuTime() - cpu0) / 1e9;
            System.out.printf("echoed %d envelopes (%d bytes each) in %.2f s: %.0f envelopes/s each way;"
                    + " process CPU %.2f s = %.1f us per envelope round trip (encode+decode on both sides)%n",
                    n, env.toJson().length() + 2, secs, n / secs, cpuSecs, cpuSecs * 1e6 / n);

            int samples = 2_000;
            long[] rtt = new long[samples];
            for (int i = 0; i < samples; i++) {
                pong.set(new CompletableFuture<>());
                sentAt[0] = System.nanoTime();
                ch.writeAndFlush(Envelope.of(MessageType.PONG, ""));
                rtt[i] = pong.get().get(5, TimeUnit.SECONDS);
            }
            Arrays.sort(rtt);
            System.out.printf("round trip: p50 %.1f us, p99 %.1f us%n", rtt[samples / 2] / 1e3,
                    rtt[samples * 99 / 100] / 1e3);
            assertThat(got.get()).isEqualTo(n);
            ch.close().sync();
        }
    }
}
