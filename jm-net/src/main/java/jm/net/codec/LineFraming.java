package jm.net.codec;

import io.netty.handler.codec.LineBasedFrameDecoder;
import jm.core.wire.Envelope;

/**
 * Line framing of the onion message channel (PROTOCOL.md 1.2): a line ends at {@code \n}, with an
 * optional preceding {@code \r} stripped; a line longer than {@link Envelope#MAX_LINE_BYTES}
 * (excluding its ending) fails fast with a {@code TooLongFrameException}, which the
 * {@link EnvelopeCodec} turns into a close.
 */
public final class LineFraming {
    /** Pipeline name of the frame decoder. */
    public static final String FRAMER = "jm-framer";
    /** Pipeline name of the envelope codec. */
    public static final String CODEC = "jm-envelope";

    private LineFraming() {
    }

    /** A fresh frame decoder (stateful: one per channel). */
    public static LineBasedFrameDecoder newFrameDecoder() {
        return new LineBasedFrameDecoder(Envelope.MAX_LINE_BYTES, true, true);
    }
}
