package jm.net.transport;

import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.handler.timeout.IdleStateHandler;
import java.util.concurrent.TimeUnit;
import jm.net.codec.EnvelopeCodec;
import jm.net.codec.LineFraming;

/**
 * Installs the standard connection pipeline, in order from the socket: {@link WriteGuard},
 * line framer (40,000 bytes), {@link EnvelopeCodec}, optional {@code IdleStateHandler}, optional
 * {@link HandshakeDeadline}. Session handlers are added after it and receive
 * {@code jm.core.wire.Envelope} objects (and write them).
 */
public final class PeerPipeline {
    /** Pipeline name of the idle handler. */
    public static final String IDLE = "jm-idle";

    private PeerPipeline() {
    }

    /** Adds the standard handlers to a fresh channel and sets its write-buffer water marks. */
    public static void install(Channel ch, TransportLimits limits) {
        ch.config().setOption(ChannelOption.WRITE_BUFFER_WATER_MARK,
                new WriteBufferWaterMark(limits.writeLowWaterMark(), limits.writeHighWaterMark()));
        ChannelPipeline p = ch.pipeline();
        p.addLast(WriteGuard.NAME, new WriteGuard(limits));
        p.addLast(LineFraming.FRAMER, LineFraming.newFrameDecoder());
        p.addLast(LineFraming.CODEC, new EnvelopeCodec(limits.malformedPolicy()));
        if (!limits.readerIdle().isZero()) {
            p.addLast(IDLE, new IdleStateHandler(limits.readerIdle().toNanos(), 0, 0, TimeUnit.NANOSECONDS));
        }
        if (!limits.handshakeTimeout().isZero()) {
            p.addLast(HandshakeDeadline.NAME, new HandshakeDeadline(limits.handshakeTimeout()));
        }
    }
}
