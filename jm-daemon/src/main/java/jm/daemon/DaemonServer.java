package jm.daemon;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PongWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketServerHandshaker;
import io.netty.handler.codec.http.websocketx.WebSocketServerHandshakerFactory;
import io.netty.handler.ssl.SslContext;
import io.netty.util.AttributeKey;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP(S) and WebSocket front of {@link WalletDaemon} on Netty. HTTP requests (bodies up to
 * {@link #MAX_BODY}, larger ones answered 413) are handed to a small worker pool, since wallet
 * calls block. WebSocket clients connect at {@code /jmws}, {@code /ws} or {@code /api/v1/ws};
 * as in the reference, a client hears nothing until it sends a valid access token as a text
 * frame, and any frame that is not a valid token closes the connection.
 */
public final class DaemonServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(DaemonServer.class);
    public static final int DEFAULT_PORT = 28183;
    public static final int MAX_BODY = 64 * 1024;
    static final Set<String> WS_PATHS = Set.of("/jmws", "/ws", "/api/v1/ws");
    private static final int MAX_WS_FRAME = 16 * 1024;
    private static final AttributeKey<WebSocketServerHandshaker> HANDSHAKER = AttributeKey.valueOf("jm-ws");

    private final EventLoopGroup group;
    private volatile Channel serverChannel;
    private volatile Channel wsChannel;
    private final ExecutorService workers;
    private final Map<Channel, Boolean> sockets = new ConcurrentHashMap<>();
    private volatile WalletDaemon daemon;
    private final boolean tls;

    private DaemonServer(EventLoopGroup group, ExecutorService workers, boolean tls) {
        this.group = group;
        this.workers = workers;
        this.tls = tls;
    }

    /**
     * Binds and starts serving; {@code daemonFactory} receives the notifier to the WebSocket
     * clients and returns the daemon to serve.
     *
     * @param ssl    the TLS context, or empty for plain HTTP (behind a reverse proxy on 127.0.0.1)
     * @param wsBind the reference's separate WebSocket port (28283), where an upgrade is accepted at
     *               any path (Jam's proxy forwards {@code /jmws} there as {@code /}); empty for none
     */
    public static DaemonServer start(InetSocketAddress bind, Optional<InetSocketAddress> wsBind, Optional<SslContext> ssl,
                                     java.util.function.Function<java.util.function.Consumer<ObjectNode>, WalletDaemon>
                                             daemonFactory) throws InterruptedException {
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        ExecutorService workers = Executors.newFixedThreadPool(4, r -> {
            Thread t = new Thread(r, "jm-daemon-http");
            t.setDaemon(true);
            return t;
        });
        DaemonServer self = new DaemonServer(group, workers, ssl.isPresent());
        try {
            self.daemon = daemonFactory.apply(self::broadcast);
            self.serverChannel = self.bootstrap(ssl, false).bind(bind).sync().channel();
            if (wsBind.isPresent()) {
                self.wsChannel = self.bootstrap(ssl, true).bind(wsBind.get()).sync().channel();
            }
            return self;
        } catch (InterruptedException | RuntimeException e) {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
            workers.shutdownNow();
            if (self.daemon != null) {
                self.daemon.close();
            }
            throw e;
        }
    }

    private ServerBootstrap bootstrap(Optional<SslContext> ssl, boolean webSocketOnly) {
        return new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ssl.ifPresent(s -> ch.pipeline().addLast(s.newHandler(ch.alloc())));
                        ch.pipeline().addLast(new HttpServerCodec(), new HttpObjectAggregator(MAX_BODY),
                                new Handler(webSocketOnly));
                    }
                });
    }

    /** The port of the separate WebSocket listener, or -1 if none. */
    public int wsPort() {
        Channel c = wsChannel;
        return c == null ? -1 : ((InetSocketAddress) c.localAddress()).getPort();
    }

    public int port() {
        return ((InetSocketAddress) serverChannel.localAddress()).getPort();
    }

    public String url() {
        InetSocketAddress a = (InetSocketAddress) serverChannel.localAddress();
        return (tls ? "https://" : "http://") + a.getHostString() + ":" + a.getPort() + "/api/v1";
    }

    public WalletDaemon daemon() {
        return daemon;
    }

    /** Sends a JSON message to every WebSocket client that has authenticated. */
    void broadcast(ObjectNode message) {
        String text = message.toString();
        sockets.forEach((ch, authed) -> {
            if (authed && ch.isActive()) {
                ch.writeAndFlush(new TextWebSocketFrame(text));
            }
        });
    }

    private final class Handler extends SimpleChannelInboundHandler<Object> {
        private final boolean webSocketOnly;

        Handler(boolean webSocketOnly) {
            this.webSocketOnly = webSocketOnly;
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, Object msg) {
            if (msg instanceof FullHttpRequest req) {
                http(ctx, req);
            } else if (msg instanceof WebSocketFrame frame) {
                websocket(ctx, frame);
            }
        }

        private void http(ChannelHandlerContext ctx, FullHttpRequest req) {
            if (!req.decoderResult().isSuccess()) {
                send(ctx, req, WalletDaemon.error(ApiException.invalidRequest()));
                return;
            }
            String path = new QueryStringDecoder(req.uri()).rawPath();
            if ((webSocketOnly || WS_PATHS.contains(path)) && req.headers().containsValue(HttpHeaderNames.UPGRADE,
                    HttpHeaderValues.WEBSOCKET, true)) {
                upgrade(ctx, req, path);
                return;
            }
            if (webSocketOnly) {
                send(ctx, false, WalletDaemon.error(ApiException.notFound("This port serves only the WebSocket.")));
                return;
            }
            if (req.method().equals(HttpMethod.OPTIONS)) {
                FullHttpResponse res = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.NO_CONTENT);
                res.headers().set("Access-Control-Allow-Origin", "*")
                        .set("Access-Control-Allow-Methods", "GET, POST, OPTIONS")
                        .set("Access-Control-Allow-Headers", "Authorization, x-jm-authorization, Content-Type");
                write(ctx, req, res);
                return;
            }
            byte[] body = new byte[req.content().readableBytes()];
            req.content().readBytes(body);
            var headers = req.headers().copy();
            Http.Request request = new Http.Request(req.method().name(), path, headers::get, body);
            boolean keepAlive = HttpUtil.isKeepAlive(req);
            try {
                workers.execute(() -> {
                    Http.Response r = daemon.handle(request);
                    ctx.executor().execute(() -> send(ctx, keepAlive, r));
                });
            } catch (RejectedExecutionException e) {
                send(ctx, false, WalletDaemon.error(new ApiException(503, "Shutting down.")));
            }
        }

        private void upgrade(ChannelHandlerContext ctx, FullHttpRequest req, String path) {
            String scheme = tls ? "wss://" : "ws://";
            WebSocketServerHandshakerFactory f = new WebSocketServerHandshakerFactory(
                    scheme + req.headers().get(HttpHeaderNames.HOST, "localhost") + path, null, true, MAX_WS_FRAME);
            WebSocketServerHandshaker h = f.newHandshaker(req);
            if (h == null) {
                WebSocketServerHandshakerFactory.sendUnsupportedVersionResponse(ctx.channel());
                return;
            }
            ctx.channel().attr(HANDSHAKER).set(h);
            h.handshake(ctx.channel(), req).addListener((ChannelFutureListener) fut -> {
                if (fut.isSuccess()) {
                    sockets.put(ctx.channel(), false);
                    ctx.channel().closeFuture().addListener(x -> sockets.remove(ctx.channel()));
                }
            });
        }

        private void websocket(ChannelHandlerContext ctx, WebSocketFrame frame) {
            if (frame instanceof CloseWebSocketFrame) {
                ctx.channel().attr(HANDSHAKER).get().close(ctx.channel(), (CloseWebSocketFrame) frame.retain());
            } else if (frame instanceof PingWebSocketFrame) {
                ctx.writeAndFlush(new PongWebSocketFrame(frame.content().retain()));
            } else if (frame instanceof TextWebSocketFrame text) {
                String token = text.text();
                workers.execute(() -> {
                    if (daemon.validAccessToken(token)) {
                        sockets.replace(ctx.channel(), true);
                    } else {
                        sockets.remove(ctx.channel());
                        ctx.close();
                    }
                });
            } else if (!(frame instanceof PongWebSocketFrame)) {
                ctx.close(); // binary frames: the reference drops the connection too
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            LOG.debug("connection {}: {}", ctx.channel().remoteAddress(), cause.toString());
            ctx.close();
        }
    }

    private static void send(ChannelHandlerContext ctx, FullHttpRequest req, Http.Response r) {
        send(ctx, HttpUtil.isKeepAlive(req), r);
    }

    private static void send(ChannelHandlerContext ctx, boolean keepAlive, Http.Response r) {
        byte[] body = r.body() == null ? new byte[0] : r.body().toString().getBytes(StandardCharsets.UTF_8);
        FullHttpResponse res = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.valueOf(r.status()),
                Unpooled.wrappedBuffer(body));
        res.headers().set(HttpHeaderNames.CONTENT_TYPE, "application/json")
                .set("Access-Control-Allow-Origin", "*")
                .set(HttpHeaderNames.CACHE_CONTROL, "no-cache, no-store, must-revalidate")
                .set(HttpHeaderNames.PRAGMA, "no-cache")
                .set(HttpHeaderNames.EXPIRES, "Sat, 26 Jul 1997 05:00:00 GMT");
        r.headers().forEach((k, v) -> res.headers().set(k, v));
        HttpUtil.setContentLength(res, body.length);
        HttpUtil.setKeepAlive(res, keepAlive);
        var f = ctx.writeAndFlush(res);
        if (!keepAlive) {
            f.addListener(ChannelFutureListener.CLOSE);
        }
    }

    private static void write(ChannelHandlerContext ctx, FullHttpRequest req, FullHttpResponse res) {
        HttpUtil.setContentLength(res, res.content().readableBytes());
        boolean keepAlive = HttpUtil.isKeepAlive(req);
        HttpUtil.setKeepAlive(res, keepAlive);
        var f = ctx.writeAndFlush(res);
        if (!keepAlive) {
            f.addListener(ChannelFutureListener.CLOSE);
        }
    }

    /** Stops accepting, closes every connection, then locks the wallet (maker stopped, reservations released). */
    @Override
    public void close() {
        serverChannel.close().awaitUninterruptibly(5, TimeUnit.SECONDS);
        if (wsChannel != null) {
            wsChannel.close().awaitUninterruptibly(5, TimeUnit.SECONDS);
        }
        sockets.keySet().forEach(Channel::close);
        workers.shutdown();
        try {
            workers.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        WalletDaemon d = daemon;
        if (d != null) {
            d.close();
        }
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
    }
}
