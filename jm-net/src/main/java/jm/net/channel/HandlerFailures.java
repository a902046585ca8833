package jm.net.channel;

import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.timeout.IdleStateEvent;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a connection handler does with a failure or an idle connection: an unexpected failure
 * while handling one message (a bug, not peer input: parsers reject input with
 * ProtocolException) drops that message and keeps the connection, counted; I/O errors close it.
 * Thread-safe.
 */
final class HandlerFailures {
    private static final Logger LOG = LoggerFactory.getLogger(HandlerFailures.class);

    private final AtomicLong unexpected = new AtomicLong();

    void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (cause instanceof RuntimeException) {
            unexpected.incrementAndGet();
            LOG.warn("{} failed handling a message; dropped", ctx.channel().remoteAddress(), cause);
            return;
        }
        LOG.debug("{} closing after error: {}", ctx.channel().remoteAddress(), cause.toString());
        ctx.close();
    }

    /** Closes an idle connection (logged as {@code what}); passes other events on. */
    static void closeIfIdle(ChannelHandlerContext ctx, Object evt, String what) {
        if (evt instanceof IdleStateEvent) {
            LOG.debug("{}: closing", what);
            ctx.close();
            return;
        }
        ctx.fireUserEventTriggered(evt);
    }

    /** Messages dropped because handling them threw unexpectedly (should stay 0). */
    long unexpected() {
        return unexpected.get();
    }
}
