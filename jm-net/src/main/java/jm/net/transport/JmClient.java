package jm.net.transport;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.proxy.ProxyHandler;
import io.netty.handler.proxy.Socks5ProxyHandler;
import io.netty.resolver.NoopAddressResolverGroup;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * Outgoing connections with the standard {@link PeerPipeline}: plain TCP, or through a SOCKS5
 * proxy with remote name resolution (the target host is sent as a domain name, ATYP 3, and never
 * resolved locally, PROTOCOL.md 1.1).
 */
public final class JmClient {
    /** Pipeline name of the SOCKS5 handler. */
    public static final String PROXY = "jm-socks5";

    private JmClient() {
    }

    /**
     * Connects; the future completes with the channel once it is usable (TCP connected and, via a
     * proxy, the SOCKS5 CONNECT succeeded), or fails (connect timeout, refused, proxy error).
     * The caller then sends its first message (e.g. HANDSHAKE).
     *
     * @param sessionInstaller adds the session handlers after the standard pipeline (event loop:
     *     must not block)
     */
    public static CompletableFuture<Channel> connect(NetRuntime runtime, Endpoint target,
            Optional<SocksProxy> proxy, Duration connectTimeout, TransportLimits limits,
            Consumer<SocketChannel> sessionInstaller) {
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(proxy, "proxy");
        Objects.requireNonNull(limits, "limits");
        Objects.requireNonNull(sessionInstaller, "sessionInstaller");
        int timeoutMillis = (int) Math.min(Integer.MAX_VALUE, Math.max(1, connectTimeout.toMillis()));
        Bootstrap b = new Bootstrap()
                .group(runtime.workerGroup())
                .channel(NioSocketChannel.class)
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, timeoutMillis)
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        if (proxy.isPresent()) {
                            SocksProxy p = proxy.get();
                            Socks5ProxyHandler h = p.hasCredentials()
                                    ? new Socks5ProxyHandler(p.address(), p.username(), p.password())
                                    : new Socks5ProxyHandler(p.address());
                            h.setConnectTimeoutMillis(timeoutMillis);
                            ch.pipeline().addLast(PROXY, h);
                        }
                        PeerPipeline.install(ch, limits);
                        sessionInstaller.accept(ch);
                        ch.pipeline().addLast(ExceptionCloser.NAME, ExceptionCloser.INSTANCE);
                    }
                });
        if (proxy.isPresent()) {
            // Never resolve locally: the proxy gets the name (onion or DNS) as ATYP domain.
            b.resolver(NoopAddressResolverGroup.INSTANCE);
        }
        // Unresolved in both cases: without a proxy Netty resolves it, not the calling thread.
        InetSocketAddress remote = target.unresolved();
        CompletableFuture<Channel> result = new CompletableFuture<>();
        ChannelFuture cf = b.connect(remote);
        cf.addListener(f -> {
            if (!f.isSuccess()) {
                result.completeExceptionally(f.cause());
                return;
            }
            Channel ch = cf.channel();
            ProxyHandler ph = (ProxyHandler) ch.pipeline().get(PROXY);
            if (ph == null) {
                result.complete(ch);
            } else {
                ph.connectFuture().addListener(pf -> {
                    if (pf.isSuccess()) {
                        result.complete(ch);
                    } else {
                        ch.close();
                        result.completeExceptionally(pf.cause());
                    }
                });
            }
        });
        return result;
    }
}
