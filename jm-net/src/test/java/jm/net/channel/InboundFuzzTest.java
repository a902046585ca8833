package jm.net.channel;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import jm.core.crypto.NickKey;
import jm.core.wire.DirectoryHandshake;
import jm.core.wire.Envelope;
import jm.core.wire.Features;
import jm.core.wire.Handshake;
import jm.core.wire.NotServing;
import jm.net.codec.EnvelopeCodec;
import jm.net.codec.LineFraming;
import jm.net.codec.MalformedEnvelopePolicy;

/**
 * Arbitrary bytes from a peer never raise an exception out of the pipeline (framer, codec,
 * directory or direct-connection handler), whatever state the connection is in.
 */
class InboundFuzzTest {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final NickKey PEER = NickKey.random(RANDOM);
    private static final HandlerFixture PARTS = new HandlerFixture(NickKey.random(RANDOM), new MessageListener() { });

    private static byte[] line(Envelope e) {
        return (e.toJson() + "\r\n").getBytes(StandardCharsets.UTF_8);
    }

    private static void feed(EmbeddedChannel ch, byte[] prefix, byte[] data) {
        ch.writeInbound(Unpooled.wrappedBuffer(prefix));
        ch.writeInbound(Unpooled.wrappedBuffer(data));
        ch.writeInbound(Unpooled.wrappedBuffer(new byte[] {'\r', '\n'}));
        ch.checkException();
        ch.finishAndReleaseAll();
        assertThat(PARTS.failures.unexpected()).isZero();
    }

    @FuzzTest(maxDuration = "30s")
    void directoryConnectionSurvivesAnyBytes(byte[] data) {
        EmbeddedChannel ch = new EmbeddedChannel(LineFraming.newFrameDecoder(),
                new EnvelopeCodec(MalformedEnvelopePolicy.DROP), PARTS.directory("fuzz:1"));
        byte[] dn = line(DirectoryHandshake.of(NickKey.random(RANDOM).nick(), "regtest",
                Features.of(Features.PING), true, "fuzz").toEnvelope());
        feed(ch, dn, data);
        assertThat(ch.isOpen()).isFalse();
    }

    @FuzzTest(maxDuration = "30s")
    void directConnectionSurvivesAnyBytes(byte[] data) {
        EmbeddedChannel ch = new EmbeddedChannel(LineFraming.newFrameDecoder(),
                new EnvelopeCodec(MalformedEnvelopePolicy.DROP), PARTS.inbound(DirectServerLimits.defaults(), System::nanoTime));
        byte[] hs = line(new Handshake("joinmarket", false, NotServing.INSTANCE, 5, Features.NONE, PEER.nick(),
                "regtest").toEnvelope());
        feed(ch, hs, data);
        assertThat(ch.isOpen()).isFalse();
    }
}
