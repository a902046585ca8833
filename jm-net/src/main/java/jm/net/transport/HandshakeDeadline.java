package jm.net.transport;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.AttributeKey;
import io.netty.util.concurrent.ScheduledFuture;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The per-connection handshake state: {@link ConnectionState#AWAITING_HANDSHAKE} until a session
 * handler calls {@link #markHandshaked(Channel)}, then {@link ConnectionState#HANDSHAKED}; closed
 * connections are {@link ConnectionState#CLOSED}. A connection still awaiting its handshake when
 * the timeout expires is closed (NG's directory waits at most 30 s). One-way transitions only.
 */
public final class HandshakeDeadline extends ChannelInboundHandlerAdapter {
    private static final Logger LOG = LoggerFactory.getLogger(HandshakeDeadline.class);

    /** Pipeline name. */
    public static final String NAME = "jm-handshake-deadline";
    private static final AttributeKey<ConnectionState> STATE = AttributeKey.valueOf("jm.connection.state");

    /** Where a connection is in its life. */
    public enum ConnectionState { AWAITING_HANDSHAKE, HANDSHAKED, CLOSED }

    /** User event fired before a connection is closed for not handshaking in time. */
    public static final Object TIMED_OUT = new Object() {
        @Override
        public String toString() {
            return "HANDSHAKE_TIMED_OUT";
        }
    };

    private final long timeoutNanos;
    private ScheduledFuture<?> timer;

    public HandshakeDeadline(Duration timeout) {
        this.timeoutNanos = timeout.toNanos();
    }

    /** The connection's state (AWAITING_HANDSHAKE if never set). */
    public static ConnectionState state(Channel ch) {
        ConnectionState s = ch.attr(STATE).get();
        if (!ch.isOpen()) {
            return ConnectionState.CLOSED;
        }
        return s == null ? ConnectionState.AWAITING_HANDSHAKE : s;
    }

    /** Marks the connection handshaked (idempotent) and cancels its deadline. */
    public static void markHandshaked(Channel ch) {
        ch.attr(STATE).compareAndSet(null, ConnectionState.HANDSHAKED);
        ch.attr(STATE).compareAndSet(ConnectionState.AWAITING_HANDSHAKE, ConnectionState.HANDSHAKED);
        HandshakeDeadline h = ch.pipeline().get(HandshakeDeadline.class);
        if (h != null) {
            ch.eventLoop().execute(h::cancel);
        }
    }

    public static boolean isHandshaked(Channel ch) {
        return state(ch) == ConnectionState.HANDSHAKED;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        ctx.channel().attr(STATE).setIfAbsent(ConnectionState.AWAITING_HANDSHAKE);
        if (timeoutNanos > 0) {
            timer = ctx.executor().schedule(() -> {
                timer = null;
                if (state(ctx.channel()) == ConnectionState.AWAITING_HANDSHAKE) {
                    LOG.debug("{} no handshake in time, closing", ctx.channel().remoteAddress());
                    ctx.fireUserEventTriggered(TIMED_OUT);
                    ctx.close();
                }
            }, timeoutNanos, TimeUnit.NANOSECONDS);
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        ctx.channel().attr(STATE).set(ConnectionState.CLOSED);
        cancel();
        ctx.fireChannelInactive();
    }

    private void cancel() {
        if (timer != null) {
            timer.cancel(false);
            timer = null;
        }
    }
}
