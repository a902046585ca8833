package jm.net.transport;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.net.InetSocketAddress;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * A listening socket whose accepted connections get the standard {@link PeerPipeline} followed by
 * the session handlers the caller installs. Connections from addresses the accept filter rejects
 * are closed before any byte is read (banned addresses, PROTOCOL.md 11.5).
 */
public final class JmServer implements AutoCloseable {
    private final Channel serverChannel;
    private final ChannelGroup connections;

    private JmServer(Channel serverChannel, ChannelGroup connections) {
        this.serverChannel = serverChannel;
        this.connections = connections;
    }

    /**
     * Binds and starts accepting.
     *
     * @param bindAddress e.g. 127.0.0.1:0 for any free port
     * @param acceptFilter true to accept a connection from this remote address
     * @param sessionInstaller adds the session handlers after the standard pipeline (runs on the
     *     connection's event loop: must not block)
     */
    public static CompletableFuture<JmServer> bind(NetRuntime runtime, InetSocketAddress bindAddress,
            TransportLimits limits, Predicate<InetSocketAddress> acceptFilter,
            Consumer<SocketChannel> sessionInstaller) {
        Objects.requireNonNull(limits, "limits");
        Objects.requireNonNull(acceptFilter, "acceptFilter");
        Objects.requireNonNull(sessionInstaller, "sessionInstaller");
        ChannelGroup connections = new DefaultChannelGroup("jm-server", GlobalEventExecutor.INSTANCE);
        ServerBootstrap b = new ServerBootstrap()
                .group(runtime.acceptGroup(), runtime.workerGroup())
                .channel(NioServerSocketChannel.class)
                .option(ChannelOption.SO_BACKLOG, 1024)
                .option(ChannelOption.SO_REUSEADDR, true)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        InetSocketAddress remote = ch.remoteAddress();
                        if (remote == null || !acceptFilter.test(remote)) {
                            ch.close();
                            return;
                        }
                        connections.add(ch);
                        PeerPipeline.install(ch, limits);
                        sessionInstaller.accept(ch);
                        ch.pipeline().addLast(ExceptionCloser.NAME, ExceptionCloser.INSTANCE);
                    }
                });
        CompletableFuture<JmServer> result = new CompletableFuture<>();
        ChannelFuture bound = b.bind(bindAddress);
        bound.addListener(f -> {
            if (f.isSuccess()) {
                result.complete(new JmServer(bound.channel(), connections));
            } else {
                result.completeExceptionally(f.cause());
            }
        });
        return result;
    }

    /** The bound address (with the actual port when bound to port 0). */
    public InetSocketAddress localAddress() {
        return (InetSocketAddress) serverChannel.localAddress();
    }

    /** Number of open accepted connections. */
    public int connectionCount() {
        return connections.size();
    }

    /** Stops accepting and closes every accepted connection. */
    public CompletableFuture<Void> stop() {
        CompletableFuture<Void> done = new CompletableFuture<>();
        serverChannel.close().addListener(f -> connections.close().addListener(g -> done.complete(null)));
        return done;
    }

    @Override
    public void close() {
        stop().orTimeout(10, java.util.concurrent.TimeUnit.SECONDS).join();
    }
}
