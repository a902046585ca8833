package jm.net.codec;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import jm.core.ProtocolException.Reason;
import jm.core.wire.Envelope;
import jm.core.wire.MessageType;
import org.junit.jupiter.api.Test;

class EnvelopeCodecTest {
    private final List<MalformedEnvelopeEvent> events = new ArrayList<>();

    private EmbeddedChannel channel(MalformedEnvelopePolicy policy) {
        return new EmbeddedChannel(LineFraming.newFrameDecoder(), new EnvelopeCodec(policy),
                new ChannelInboundHandlerAdapter() {
                    @Override
                    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
                        if (evt instanceof MalformedEnvelopeEvent e) {
                            events.add(e);
                        }
                    }
                });
    }

    private static ByteBuf bytes(String s) {
        return Unpooled.copiedBuffer(s, StandardCharsets.UTF_8);
    }

    /**
     * Feeds {@code input} to a fresh channel with {@code policy}: nothing is delivered, the channel
     * closes, and exactly one closing event reports {@code reason}.
     */
    private void assertClosesWith(MalformedEnvelopePolicy policy, ByteBuf input, Reason reason) {
        events.clear();
        EmbeddedChannel ch = channel(policy);
        ch.writeInbound(input);
        assertThat(ch.<Object>readInbound()).isNull();
        assertThat(ch.isOpen()).isFalse();
        assertThat(events).singleElement().satisfies(ev -> {
            assertThat(ev.error().reason()).isEqualTo(reason);
            assertThat(ev.closing()).isTrue();
        });
    }

    @Test
    void decodesCrLfAndBareLfTerminatedLines() {
        EmbeddedChannel ch = channel(MalformedEnvelopePolicy.CLOSE);
        ch.writeInbound(bytes("{\"type\": 687, \"line\": \"a\"}\r\n{\"line\": \"b\", \"type\": 685}\n"));
        assertThat((Envelope) ch.readInbound()).isEqualTo(new Envelope(687, "a"));
        assertThat((Envelope) ch.readInbound()).isEqualTo(new Envelope(685, "b"));
        assertThat(ch.isOpen()).isTrue();
    }

    @Test
    void reassemblesALineSplitAcrossReads() {
        EmbeddedChannel ch = channel(MalformedEnvelopePolicy.CLOSE);
        ch.writeInbound(bytes("{\"type\": 798, \"li"));
        assertThat(ch.<Object>readInbound()).isNull();
        ch.writeInbound(bytes("ne\": \"\"}\r"));
        ch.writeInbound(bytes("\n"));
        assertThat((Envelope) ch.readInbound()).isEqualTo(new Envelope(798, ""));
    }

    @Test
    void acceptsALineOfExactlyTheMaximumLength() {
        EmbeddedChannel ch = channel(MalformedEnvelopePolicy.CLOSE);
        String prefix = "{\"type\": 687, \"line\": \"";
        String suffix = "\"}";
        String body = "x".repeat(Envelope.MAX_LINE_BYTES - prefix.length() - suffix.length());
        ch.writeInbound(bytes(prefix + body + suffix + "\r\n"));
        Envelope e = ch.readInbound();
        assertThat(e.line()).hasSize(body.length());
        assertThat(ch.isOpen()).isTrue();
    }

    @Test
    void closesTheConnectionOnALineOverTheMaximumLength() {
        String prefix = "{\"type\": 687, \"line\": \"";
        String body = "x".repeat(Envelope.MAX_LINE_BYTES);
        assertClosesWith(MalformedEnvelopePolicy.DROP, bytes(prefix + body + "\"}\r\n"), Reason.OVERSIZED);
    }

    @Test
    void closesOnAnOversizedLineThatHasNoEndYet() {
        EmbeddedChannel ch = channel(MalformedEnvelopePolicy.CLOSE);
        ch.writeInbound(bytes("y".repeat(Envelope.MAX_LINE_BYTES + 10)));
        assertThat(ch.isOpen()).isFalse();
    }

    @Test
    void closesOnGarbageNotJson() {
        assertClosesWith(MalformedEnvelopePolicy.CLOSE, bytes("hello there\r\n"), Reason.MALFORMED);
    }

    @Test
    void closesOnEnvelopeWithStringTypeOrMissingLine() {
        EmbeddedChannel a = channel(MalformedEnvelopePolicy.CLOSE);
        a.writeInbound(bytes("{\"type\": \"685\", \"line\": \"x\"}\r\n"));
        assertThat(a.isOpen()).isFalse();
        EmbeddedChannel b = channel(MalformedEnvelopePolicy.CLOSE);
        b.writeInbound(bytes("{\"type\": 685}\r\n"));
        assertThat(b.isOpen()).isFalse();
    }

    @Test
    void rejectsLocalOnlyTypeCodesFromTheWire() {
        for (int code : new int[] {785, 787, 797}) {
            assertClosesWith(MalformedEnvelopePolicy.CLOSE,
                    bytes("{\"type\": " + code + ", \"line\": \"127.0.0.1:1\"}\r\n"), Reason.FORBIDDEN);
        }
    }

    @Test
    void closesOnInvalidUtf8() {
        ByteBuf buf = Unpooled.buffer();
        buf.writeBytes("{\"type\": 687, \"line\": \"".getBytes(StandardCharsets.US_ASCII));
        buf.writeByte(0xC3).writeByte(0x28); // invalid 2-byte sequence
        buf.writeBytes("\"}\r\n".getBytes(StandardCharsets.US_ASCII));
        assertClosesWith(MalformedEnvelopePolicy.CLOSE, buf, Reason.BAD_ENCODING);
    }

    @Test
    void dropPolicyDiscardsTheBadLineAndKeepsDecoding() {
        EmbeddedChannel ch = channel(MalformedEnvelopePolicy.DROP);
        ch.writeInbound(bytes("[1,2,3]\r\n{\"type\": 799, \"line\": \"\"}\r\n"));
        assertThat((Envelope) ch.readInbound()).isEqualTo(new Envelope(799, ""));
        assertThat(ch.isOpen()).isTrue();
        assertThat(events).singleElement().satisfies(ev -> assertThat(ev.closing()).isFalse());
    }

    @Test
    void passesUnknownTypeCodesThroughForTheSessionToIgnore() {
        EmbeddedChannel ch = channel(MalformedEnvelopePolicy.CLOSE);
        ch.writeInbound(bytes("{\"type\": 12345, \"line\": \"\", \"extra\": 1}\r\n"));
        assertThat((Envelope) ch.readInbound()).isEqualTo(new Envelope(12345, ""));
    }

    @Test
    void encodesPythonJsonFormTerminatedByCrLf() {
        EmbeddedChannel ch = channel(MalformedEnvelopePolicy.CLOSE);
        ch.writeOutbound(Envelope.of(MessageType.PUBMSG, "J56Qu3cvNvi3Y1vt!PUBLIC!orderbook"));
        ByteBuf out = ch.readOutbound();
        assertThat(out.toString(StandardCharsets.UTF_8))
                .isEqualTo("{\"type\": 687, \"line\": \"J56Qu3cvNvi3Y1vt!PUBLIC!orderbook\"}\r\n");
        out.release();
    }

    @Test
    void roundTripsNonAsciiTextThroughEscapes() {
        EmbeddedChannel ch = channel(MalformedEnvelopePolicy.CLOSE);
        Envelope original = Envelope.of(MessageType.PUBMSG, "motd \u00e9\u20ac \"quoted\" \\ end");
        ch.writeOutbound(original);
        ByteBuf out = ch.readOutbound();
        byte[] wire = new byte[out.readableBytes()];
        out.readBytes(wire);
        out.release();
        for (byte b : wire) {
            assertThat(b & 0xff).isLessThan(0x80);
        }
        ch.writeInbound(Unpooled.wrappedBuffer(wire));
        assertThat((Envelope) ch.readInbound()).isEqualTo(original);
    }

    @Test
    void refusesToSendALineOverTheMaximumLength() {
        EmbeddedChannel ch = channel(MalformedEnvelopePolicy.CLOSE);
        ChannelFuture f = ch.writeAndFlush(new Envelope(685, "z".repeat(Envelope.MAX_LINE_BYTES)));
        assertThat(f.isSuccess()).isFalse();
        assertThat(ch.<Object>readOutbound()).isNull();
    }
}
