package jm.net.codec;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToMessageCodec;
import io.netty.handler.codec.TooLongFrameException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import jm.core.ProtocolException;
import jm.core.ProtocolException.Reason;
import jm.core.wire.Envelope;
import jm.core.wire.MessageType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns one framed line (a {@link ByteBuf} without its line ending, as produced by
 * {@link LineFraming}) into a {@link Envelope}, and an outgoing {@link Envelope} into its JSON
 * text followed by {@code \r\n}.
 *
 * <p>Inbound: the bytes must be strict UTF-8 (an optional trailing {@code \r} is stripped) and
 * parse as an envelope; local-only type codes (785, 787, 797) are rejected as
 * {@link Reason#FORBIDDEN}. A rejected line fires a {@link MalformedEnvelopeEvent} and then, per
 * the {@link MalformedEnvelopePolicy}, closes the connection or drops the line. An over-long line
 * reported by the framer is handled the same way (always closing). Nothing thrown by a parser
 * escapes this handler.
 *
 * <p>Outbound: a line longer than {@link Envelope#MAX_LINE_BYTES} is never sent; the write
 * promise fails with a {@link ProtocolException} cause (wrapped) instead.
 *
 * <p>Stateless apart from its policy, but not {@code @Sharable} (one per channel keeps the
 * per-connection decoder state obvious).
 */
public final class EnvelopeCodec extends MessageToMessageCodec<ByteBuf, Envelope> {
    private static final Logger LOG = LoggerFactory.getLogger(EnvelopeCodec.class);
    private static final byte[] CRLF = {'\r', '\n'};

    private final MalformedEnvelopePolicy policy;
    private final CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);

    public EnvelopeCodec(MalformedEnvelopePolicy policy) {
        this.policy = Objects.requireNonNull(policy, "policy");
    }

    /** A codec that closes the connection on a malformed line. */
    public EnvelopeCodec() {
        this(MalformedEnvelopePolicy.CLOSE);
    }

    /**
     * Parses one line (without line ending) from the wire. Pure function, exposed for tests and for
     * tools that read captured traffic.
     */
    public static Envelope parseLine(String line) throws ProtocolException {
        String s = line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
        if (s.length() > Envelope.MAX_LINE_BYTES) {
            throw new ProtocolException(Reason.OVERSIZED, "envelope", "line longer than "
                    + Envelope.MAX_LINE_BYTES + " bytes");
        }
        Envelope env = Envelope.parse(s);
        Optional<MessageType> type = MessageType.fromCode(env.type());
        if (type.isPresent() && !type.get().allowedOnWire()) {
            throw new ProtocolException(Reason.FORBIDDEN, "envelope.type",
                    "local-only type code " + env.type() + " received from the wire");
        }
        return env;
    }

    /** The exact bytes sent for an envelope: its JSON and {@code \r\n}. */
    public static byte[] encodeLine(Envelope envelope) throws ProtocolException {
        byte[] json = envelope.toJson().getBytes(StandardCharsets.UTF_8);
        if (json.length > Envelope.MAX_LINE_BYTES) {
            throw new ProtocolException(Reason.OVERSIZED, "envelope", "outgoing line of " + json.length
                    + " bytes exceeds " + Envelope.MAX_LINE_BYTES);
        }
        byte[] out = new byte[json.length + 2];
        System.arraycopy(json, 0, out, 0, json.length);
        System.arraycopy(CRLF, 0, out, json.length, 2);
        return out;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf frame, List<Object> out) {
        Envelope env;
        try {
            env = parseLine(decodeUtf8(frame));
        } catch (ProtocolException e) {
            reject(ctx, e, policy == MalformedEnvelopePolicy.CLOSE);
            return;
        } catch (RuntimeException e) {
            // Defensive: a parser must not throw unchecked exceptions, but if one does the
            // connection is treated like any other malformed input, never the event loop.
            reject(ctx, new ProtocolException(Reason.MALFORMED, "envelope", "unparseable line", e),
                    policy == MalformedEnvelopePolicy.CLOSE);
            return;
        }
        out.add(env);
    }

    private String decodeUtf8(ByteBuf frame) throws ProtocolException {
        if (frame.readableBytes() > Envelope.MAX_LINE_BYTES + 1) {
            throw new ProtocolException(Reason.OVERSIZED, "envelope", "line longer than "
                    + Envelope.MAX_LINE_BYTES + " bytes");
        }
        ByteBuffer nio = frame.nioBufferCount() == 1
                ? frame.nioBuffer()
                : ByteBuffer.wrap(ByteBufUtil.getBytes(frame));
        try {
            utf8.reset();
            CharBuffer chars = utf8.decode(nio);
            return chars.toString();
        } catch (CharacterCodingException e) {
            throw new ProtocolException(Reason.BAD_ENCODING, "envelope", "line is not valid UTF-8", e);
        }
    }

    @Override
    protected void encode(ChannelHandlerContext ctx, Envelope msg, List<Object> out) throws Exception {
        out.add(ctx.alloc().buffer().writeBytes(encodeLine(msg)));
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (cause instanceof TooLongFrameException) {
            reject(ctx, new ProtocolException(Reason.OVERSIZED, "envelope",
                    "line longer than " + Envelope.MAX_LINE_BYTES + " bytes"), true);
            return;
        }
        ctx.fireExceptionCaught(cause);
    }

    private void reject(ChannelHandlerContext ctx, ProtocolException e, boolean close) {
        LOG.debug("{} rejected line ({}): {}", ctx.channel().remoteAddress(), e.reason(), e.getMessage());
        ctx.fireUserEventTriggered(new MalformedEnvelopeEvent(e, close));
        if (close) {
            ctx.close();
        }
    }
}
