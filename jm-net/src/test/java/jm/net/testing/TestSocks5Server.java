package jm.net.testing;

import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.socksx.v5.DefaultSocks5CommandResponse;
import io.netty.handler.codec.socksx.v5.DefaultSocks5InitialResponse;
import io.netty.handler.codec.socksx.v5.DefaultSocks5PasswordAuthResponse;
import io.netty.handler.codec.socksx.v5.Socks5AddressType;
import io.netty.handler.codec.socksx.v5.Socks5AuthMethod;
import io.netty.handler.codec.socksx.v5.Socks5CommandRequest;
import io.netty.handler.codec.socksx.v5.Socks5CommandRequestDecoder;
import io.netty.handler.codec.socksx.v5.Socks5CommandStatus;
import io.netty.handler.codec.socksx.v5.Socks5InitialRequest;
import io.netty.handler.codec.socksx.v5.Socks5InitialRequestDecoder;
import io.netty.handler.codec.socksx.v5.Socks5PasswordAuthRequest;
import io.netty.handler.codec.socksx.v5.Socks5PasswordAuthRequestDecoder;
import io.netty.handler.codec.socksx.v5.Socks5PasswordAuthStatus;
import io.netty.handler.codec.socksx.v5.Socks5ServerEncoder;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import jm.net.transport.NetRuntime;

/**
 * A minimal SOCKS5 server for tests (what Tor's SocksPort does for us, minus Tor): no-auth or
 * username/password, CONNECT only. Records every request (address type, host, credentials) and
 * relays to a target taken from a name map (so onion names can point at loopback servers).
 * Binds 127.0.0.1 only.
 */
public final class TestSocks5Server implements AutoCloseable {
    /** What a client asked for. */
    public record Request(Socks5AddressType addressType, String host, int port, String username, String password) {
    }

    private final Channel server;
    private final Map<String, InetSocketAddress> names = new ConcurrentHashMap<>();
    private final BlockingQueue<Request> requests = new LinkedBlockingQueue<>();
    private final Map<String, java.util.Queue<Integer>> scripted = new ConcurrentHashMap<>();
    private final java.util.Set<String> stalled = ConcurrentHashMap.newKeySet();
    private final NetRuntime runtime;

    private TestSocks5Server(NetRuntime runtime) throws InterruptedException {
        this.runtime = runtime;
        ServerBootstrap b = new ServerBootstrap()
                .group(runtime.acceptGroup(), runtime.workerGroup())
                .channel(NioServerSocketChannel.class)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast(Socks5ServerEncoder.DEFAULT,
                                new Socks5InitialRequestDecoder(), new Session());
                    }
                });
        this.server = b.bind(new InetSocketAddress("127.0.0.1", 0)).sync().channel();
    }

    public static TestSocks5Server start(NetRuntime runtime) throws InterruptedException {
        return new TestSocks5Server(runtime);
    }

    public InetSocketAddress address() {
        return (InetSocketAddress) server.localAddress();
    }

    /** Routes CONNECTs for {@code name} (any port) to {@code target}. */
    public void route(String name, InetSocketAddress target) {
        names.put(name, target);
    }

    /** Answers the next {@code times} CONNECTs for {@code name} with reply code {@code status} (e.g. Tor's 0xF0). */
    public void failNext(String name, int status, int times) {
        java.util.Queue<Integer> q = scripted.computeIfAbsent(name, n -> new java.util.concurrent.ConcurrentLinkedQueue<>());
        for (int i = 0; i < times; i++) {
            q.add(status);
        }
    }

    /** Never answers CONNECTs for {@code name} (a proxy that hangs). */
    public void stall(String name) {
        stalled.add(name);
    }

    public BlockingQueue<Request> requests() {
        return requests;
    }

    @Override
    public void close() {
        server.close().syncUninterruptibly();
    }

    private final class Session extends SimpleChannelInboundHandler<Object> {
        private String user;
        private String pass;

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, Object msg) {
            if (msg instanceof Socks5InitialRequest init) {
                if (init.authMethods().contains(Socks5AuthMethod.PASSWORD)) {
                    ctx.pipeline().replace(Socks5InitialRequestDecoder.class, "auth",
                            new Socks5PasswordAuthRequestDecoder());
                    ctx.writeAndFlush(new DefaultSocks5InitialResponse(Socks5AuthMethod.PASSWORD));
                } else {
                    ctx.pipeline().replace(Socks5InitialRequestDecoder.class, "cmd", new Socks5CommandRequestDecoder());
                    ctx.writeAndFlush(new DefaultSocks5InitialResponse(Socks5AuthMethod.NO_AUTH));
                }
            } else if (msg instanceof Socks5PasswordAuthRequest auth) {
                user = auth.username();
                pass = auth.password();
                ctx.pipeline().replace("auth", "cmd", new Socks5CommandRequestDecoder());
                ctx.writeAndFlush(new DefaultSocks5PasswordAuthResponse(Socks5PasswordAuthStatus.SUCCESS));
            } else if (msg instanceof Socks5CommandRequest cmd) {
                requests.add(new Request(cmd.dstAddrType(), cmd.dstAddr(), cmd.dstPort(), user, pass));
                if (stalled.contains(cmd.dstAddr())) {
                    return;
                }
                Integer status = scripted.getOrDefault(cmd.dstAddr(), new java.util.ArrayDeque<>()).poll();
                if (status != null) {
                    ctx.writeAndFlush(new DefaultSocks5CommandResponse(Socks5CommandStatus.valueOf(status.byteValue()),
                            Socks5AddressType.IPv4)).addListener(f -> ctx.close());
                    return;
                }
                InetSocketAddress target = names.get(cmd.dstAddr());
                if (target == null) {
                    ctx.writeAndFlush(new DefaultSocks5CommandResponse(Socks5CommandStatus.HOST_UNREACHABLE,
                            Socks5AddressType.IPv4)).addListener(f -> ctx.close());
                    return;
                }
                Channel inbound = ctx.channel();
                inbound.config().setAutoRead(false);
                ChannelFuture out = new Bootstrap().group(inbound.eventLoop()).channel(NioSocketChannel.class)
                        .handler(new Relay(inbound)).connect(target);
                out.addListener(f -> {
                    if (!f.isSuccess()) {
                        ctx.writeAndFlush(new DefaultSocks5CommandResponse(Socks5CommandStatus.FAILURE,
                                Socks5AddressType.IPv4)).addListener(g -> ctx.close());
                        return;
                    }
                    ctx.writeAndFlush(new DefaultSocks5CommandResponse(Socks5CommandStatus.SUCCESS,
                            Socks5AddressType.IPv4, "127.0.0.1", 1)).addListener(g -> {
                                ctx.pipeline().remove("cmd");
                                ctx.pipeline().remove(Socks5ServerEncoder.DEFAULT);
                                ctx.pipeline().replace(this, "relay", new Relay(out.channel()));
                                inbound.config().setAutoRead(true);
                            });
                });
            }
        }
    }

    private static final class Relay extends ChannelInboundHandlerAdapter {
        private final Channel other;

        Relay(Channel other) {
            this.other = other;
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (msg instanceof ByteBuf) {
                other.writeAndFlush(msg);
            }
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            other.close();
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close();
        }
    }
}
