package jm.net.transport;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufHolder;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundBuffer;
import io.netty.channel.ChannelPromise;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Write backpressure for one connection. Sits next to the socket (first in the pipeline) and
 * sees encoded bytes. A write that would take the channel's outbound buffer above the hard cap is
 * failed and the connection closed; a connection that stays unwritable (above the high water mark)
 * longer than the unwritable timeout is closed. Producers that relay from other peers should check
 * {@code Channel.isWritable()} (or react to {@code channelWritabilityChanged}) and stop reading
 * from their sources or drop messages; this guard is the backstop that bounds memory regardless.
 */
public final class WriteGuard extends ChannelDuplexHandler {
    private static final Logger LOG = LoggerFactory.getLogger(WriteGuard.class);

    /** Pipeline name. */
    public static final String NAME = "jm-write-guard";

    /** User event fired just before the guard closes a connection. */
    public enum Overflow { HARD_CAP_EXCEEDED, UNWRITABLE_TOO_LONG }

    private final long maxPendingBytes;
    private final long unwritableTimeoutNanos;
    private ScheduledFuture<?> unwritableCheck;

    public WriteGuard(TransportLimits limits) {
        this.maxPendingBytes = limits.maxPendingWriteBytes();
        this.unwritableTimeoutNanos = limits.unwritableTimeout().toNanos();
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        ChannelOutboundBuffer out = ctx.channel().unsafe().outboundBuffer();
        long pending = out == null ? 0 : out.totalPendingWriteBytes();
        long size = sizeOf(msg);
        if (out != null && pending + size > maxPendingBytes) {
            ReferenceCountUtil.release(msg);
            promise.tryFailure(new WriteOverflowException(pending + size, maxPendingBytes));
            overflow(ctx, Overflow.HARD_CAP_EXCEEDED);
            return;
        }
        ctx.write(msg, promise);
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        if (!ctx.channel().isWritable()) {
            if (unwritableCheck == null) {
                unwritableCheck = ctx.executor().schedule(() -> {
                    unwritableCheck = null;
                    if (!ctx.channel().isWritable()) {
                        overflow(ctx, Overflow.UNWRITABLE_TOO_LONG);
                    }
                }, unwritableTimeoutNanos, TimeUnit.NANOSECONDS);
            }
        } else if (unwritableCheck != null) {
            unwritableCheck.cancel(false);
            unwritableCheck = null;
        }
        ctx.fireChannelWritabilityChanged();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (unwritableCheck != null) {
            unwritableCheck.cancel(false);
            unwritableCheck = null;
        }
        ctx.fireChannelInactive();
    }

    private void overflow(ChannelHandlerContext ctx, Overflow why) {
        if (!ctx.channel().isOpen()) {
            return;
        }
        LOG.debug("{} closing: {}", ctx.channel().remoteAddress(), why);
        ctx.fireUserEventTriggered(why);
        ctx.close();
    }

    private static long sizeOf(Object msg) {
        if (msg instanceof ByteBuf b) {
            return b.readableBytes();
        }
        if (msg instanceof ByteBufHolder h) {
            return h.content().readableBytes();
        }
        return 0;
    }

    /** Why a write failed: the peer is not reading and the outbound buffer is full. */
    public static final class WriteOverflowException extends java.io.IOException {
        private static final long serialVersionUID = 1L;

        WriteOverflowException(long wouldBe, long cap) {
            super("outbound buffer would hold " + wouldBe + " bytes, cap " + cap);
        }
    }
}
