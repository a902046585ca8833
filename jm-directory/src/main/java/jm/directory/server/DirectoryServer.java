package jm.directory.server;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.socket.SocketChannel;
import io.netty.util.concurrent.ScheduledFuture;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import jm.core.Nick;
import jm.core.wire.NickAuth;
import jm.directory.config.DirectoryConfig;
import jm.directory.config.NickAuthMode;
import jm.directory.metrics.DirectoryMetrics;
import jm.directory.metrics.HealthEndpoint;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running directory node: the peer listener, the periodic sweeps (heartbeat, handshake
 * timeout, batched departures) on the event loops, and the loopback HTTP endpoint.
 * {@link #close()} is idempotent.
 */
public final class DirectoryServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(DirectoryServer.class);
    /**
     * Size of the pooled buffer a read borrows (released once its lines are decoded, so an idle
     * peer holds none). Fixed rather than adaptive: the adaptive allocator keeps a size
     * calculator per connection (~100 bytes of heap per idle peer) for no gain at these line sizes;
     * its read bookkeeping is per event-loop thread ({@link SharedReadAllocator}), not per peer.
     */
    static final int READ_BUFFER_BYTES = 2048;

    private final DirectoryNode node;
    private final EventLoopGroup boss;
    private final EventLoopGroup workers;
    private final Channel serverChannel;
    private final HealthEndpoint health;
    private final List<ScheduledFuture<?>> tasks = new ArrayList<>();
    private volatile boolean closed;

    private DirectoryServer(DirectoryNode node, EventLoopGroup boss, EventLoopGroup workers, Channel serverChannel,
            HealthEndpoint health) {
        this.node = node;
        this.boss = boss;
        this.workers = workers;
        this.serverChannel = serverChannel;
        this.health = health;
    }

    /**
     * Binds {@code config.host():config.port()} and starts serving.
     *
     * @param nick the directory's own nick (announced in DN_HANDSHAKE and used for probes)
     */
    public static DirectoryServer start(DirectoryConfig config, Nick nick, TimeSource time)
            throws IOException, InterruptedException {
        return start(config, nick, time, Transport.fromSystemProperty());
    }

    /** As {@link #start(DirectoryConfig, Nick, TimeSource)} on the given transport. */
    public static DirectoryServer start(DirectoryConfig config, Nick nick, TimeSource time, Transport transport)
            throws IOException, InterruptedException {
        DirectoryMetrics metrics = new DirectoryMetrics();
        DirectoryNode node = new DirectoryNode(config, nick, time, metrics);
        if (transport == Transport.NIO && Transport.epollUnavailableReason() != null) {
            LOG.debug("native epoll transport unavailable, using NIO: {}", Transport.epollUnavailableReason());
        }
        EventLoopGroup boss = new MultiThreadIoEventLoopGroup(1, transport.ioHandlerFactory());
        EventLoopGroup workers = new MultiThreadIoEventLoopGroup(config.ioThreads(), transport.ioHandlerFactory());
        Channel ch;
        try {
            ServerBootstrap b = new ServerBootstrap()
                    .group(boss, workers)
                    .channel(transport.serverChannelClass())
                    .option(ChannelOption.SO_BACKLOG, 8192)
                    .option(ChannelOption.SO_REUSEADDR, true)
                    .childOption(ChannelOption.TCP_NODELAY, true)
                    .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK,
                            new WriteBufferWaterMark(config.writeBufferHigh() / 2, config.writeBufferHigh()))
                    .childOption(ChannelOption.RECVBUF_ALLOCATOR, new SharedReadAllocator(READ_BUFFER_BYTES))
                    .childHandler(new ChannelInitializer<SocketChannel>() {
                        @Override
                        protected void initChannel(SocketChannel c) {
                            node.initPipeline(c.pipeline());
                        }
                    });
            ch = b.bind(new InetSocketAddress(config.host(), config.port())).sync().channel();
            if (config.localMode()) {
                String id = NickAuth.directoryIdFor(config.host(), ((InetSocketAddress) ch.localAddress()).getPort());
                if (NickAuth.isValidDirectoryId(id)) {
                    node.nickAuth(NickAuthMode.PREFER_VERIFIED, id);
                }
            }
        } catch (RuntimeException | InterruptedException e) {
            boss.shutdownGracefully(0, 1, TimeUnit.SECONDS);
            workers.shutdownGracefully(0, 1, TimeUnit.SECONDS);
            throw e;
        }
        HealthEndpoint health = null;
        if (config.healthCheckPort() >= 0) {
            try {
                health = HealthEndpoint.start(config.healthCheckHost(), config.healthCheckPort(), node::healthJson,
                        node::prometheus);
            } catch (IOException | RuntimeException e) {
                ch.close();
                boss.shutdownGracefully(0, 1, TimeUnit.SECONDS);
                workers.shutdownGracefully(0, 1, TimeUnit.SECONDS);
                throw e;
            }
        }
        DirectoryServer server = new DirectoryServer(node, boss, workers, ch, health);
        server.schedule(node::heartbeatSweep, config.heartbeatSweep().toMillis());
        server.schedule(node::handshakeSweep, Math.min(1_000, config.handshakeTimeout().toMillis()));
        server.schedule(node::flushDepartures, Math.max(10, config.departureFlushDelay().toMillis()));
        LOG.info("directory {} listening on {} (network {}, max {} peers, {} transport{})", nick, ch.localAddress(),
                config.networkName(), config.maxPeers(), transport.name().toLowerCase(java.util.Locale.ROOT),
                health == null ? "" : ", health on " + config.healthCheckHost() + ":" + health.port());
        return server;
    }

    private void schedule(Runnable task, long periodMillis) {
        Runnable safe = () -> {
            try {
                task.run();
            } catch (RuntimeException e) {
                LOG.warn("periodic directory task failed: {}", e.toString());
            }
        };
        tasks.add(workers.next().scheduleAtFixedRate(safe, periodMillis, periodMillis, TimeUnit.MILLISECONDS));
    }

    public DirectoryNode node() {
        return node;
    }

    public DirectoryMetrics metrics() {
        return node.metrics();
    }

    /** The bound peer-listener address. */
    public InetSocketAddress address() {
        return (InetSocketAddress) serverChannel.localAddress();
    }

    public int port() {
        return address().getPort();
    }

    /** The HTTP endpoint's port, or -1 when disabled. */
    public int healthPort() {
        return health == null ? -1 : health.port();
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        tasks.forEach(t -> t.cancel(false));
        if (health != null) {
            health.close();
        }
        serverChannel.close().awaitUninterruptibly(5, TimeUnit.SECONDS);
        workers.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
        boss.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
        LOG.info("directory {} stopped", node.nick());
    }
}
