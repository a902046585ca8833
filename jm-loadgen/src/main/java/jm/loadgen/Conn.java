package jm.loadgen;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import java.io.IOException;
import jm.core.wire.Envelope;

/** One simulated peer's connection: sends its handshake on connect, dispatches what arrives. */
final class Conn extends ChannelInboundHandlerAdapter {
    private static final JsonFactory JSON = new JsonFactory();
    static final byte[] PONG = new Envelope(799, "").toFrame();

    /** Callbacks run on the connection's event loop; keep them short. */
    interface Listener {
        default void handshake(Conn c, boolean accepted, long nowNanos) {
        }

        default void privmsg(Conn c, String line, long nowNanos) {
        }

        default void pubmsg(Conn c, String line, long nowNanos) {
        }

        default void closed(Conn c, long nowNanos) {
        }
    }

    final String nick;
    final byte[] handshakeFrame;
    final Listener listener;
    final long startNanos;
    volatile Channel channel;
    volatile long activeNanos;
    volatile boolean handshaked;
    volatile boolean closed;
    volatile long closedNanos;
    /**
     * When set, after the handshake this connection stops parsing and only counts received
     * lines into this adder (cheap idle peers: the loadgen must not be the bottleneck).
     */
    volatile java.util.concurrent.atomic.LongAdder countOnly;
    private boolean counting;
    /** Free slot for the scenario (e.g. the pair this peer belongs to). */
    volatile Object tag;

    Conn(String nick, byte[] handshakeFrame, Listener listener) {
        this.nick = nick;
        this.handshakeFrame = handshakeFrame;
        this.listener = listener;
        this.startNanos = System.nanoTime();
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        channel = ctx.channel();
        activeNanos = System.nanoTime();
        ctx.writeAndFlush(Unpooled.wrappedBuffer(handshakeFrame));
    }

    void send(byte[] frame) {
        Channel ch = channel;
        if (ch != null && ch.isActive()) {
            ch.writeAndFlush(Unpooled.wrappedBuffer(frame), ch.voidPromise());
        }
    }

    boolean writable() {
        Channel ch = channel;
        return ch != null && ch.isActive() && ch.isWritable();
    }

    void close() {
        Channel ch = channel;
        if (ch != null) {
            ch.close();
        }
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        ByteBuf buf = (ByteBuf) msg;
        long now = System.nanoTime();
        if (counting) {
            try {
                int n = 0;
                int i = buf.readerIndex();
                int end = buf.writerIndex();
                while (i < end) {
                    int lf = buf.indexOf(i, end, (byte) '\n');
                    if (lf < 0) {
                        break;
                    }
                    n++;
                    i = lf + 1;
                }
                countOnly.add(n);
            } finally {
                buf.release();
            }
            return;
        }
        try {
            byte[] b = new byte[buf.readableBytes()];
            buf.getBytes(buf.readerIndex(), b);
            int type = -1;
            String line = fastLine(b);
            if (line != null) {
                type = (b[9] - '0') * 100 + (b[10] - '0') * 10 + (b[11] - '0');
            } else {
                try (JsonParser p = JSON.createParser(b)) {
                    if (p.nextToken() != JsonToken.START_OBJECT) {
                        return;
                    }
                    while (p.nextToken() == JsonToken.FIELD_NAME) {
                        String name = p.currentName();
                        p.nextToken();
                        if ("type".equals(name)) {
                            type = p.getIntValue();
                        } else if ("line".equals(name)) {
                            line = p.getText();
                        } else {
                            p.skipChildren();
                        }
                    }
                } catch (IOException | RuntimeException e) {
                    return;
                }
            }
            if (line == null) {
                return;
            }
            switch (type) {
                case 795, 793 -> {
                    if (!handshaked) {
                        boolean accepted = type == 793 || !line.contains("\"accepted\": false");
                        handshaked = accepted;
                        listener.handshake(this, accepted, now);
                        if (accepted && countOnly != null) {
                            counting = true;
                            ctx.pipeline().remove(io.netty.handler.codec.LineBasedFrameDecoder.class);
                        }
                    }
                }
                case 685 -> listener.privmsg(this, line, now);
                case 687 -> listener.pubmsg(this, line, now);
                case 798 -> ctx.writeAndFlush(Unpooled.wrappedBuffer(PONG), ctx.voidPromise());
                default -> { }
            }
        } finally {
            buf.release();
        }
    }

    private static final byte[] PREFIX = "{\"type\": ".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    private static final byte[] MIDDLE = ", \"line\": \"".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    /**
     * Fast path for the exact json.dumps layout {@code {"type": NNN, "line": "..."}} without
     * escapes; null when the frame is anything else (then a real JSON parser reads it).
     */
    static String fastLine(byte[] b) {
        int n = b.length;
        if (n < 26 || b[n - 1] != '}' || b[n - 2] != '"') {
            return null;
        }
        for (int i = 0; i < PREFIX.length; i++) {
            if (b[i] != PREFIX[i]) {
                return null;
            }
        }
        for (int i = 9; i < 12; i++) {
            if (b[i] < '0' || b[i] > '9') {
                return null;
            }
        }
        for (int i = 0; i < MIDDLE.length; i++) {
            if (b[12 + i] != MIDDLE[i]) {
                return null;
            }
        }
        int start = 12 + MIDDLE.length;
        for (int i = start; i < n - 2; i++) {
            if (b[i] == '\\' || b[i] == '"' || b[i] < 0x20 || b[i] < 0) {
                return null;
            }
        }
        return new String(b, start, n - 2 - start, java.nio.charset.StandardCharsets.US_ASCII);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        closed = true;
        closedNanos = System.nanoTime();
        listener.closed(this, closedNanos);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        ctx.close();
    }
}
