package jm.net.channel;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.List;
import java.util.concurrent.TimeUnit;
import jm.core.crypto.NickKey;
import jm.core.wire.DirectoryHandshake;
import jm.core.wire.Envelope;
import jm.core.wire.Features;
import jm.core.wire.Handshake;
import jm.core.wire.NotServing;
import jm.net.codec.EnvelopeCodec;
import jm.net.codec.LineFraming;
import jm.net.codec.MalformedEnvelopePolicy;
import jm.net.transport.NetRuntime;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * Arbitrary bytes from a peer never raise an exception out of the pipeline (framer, codec,
 * directory or direct-connection handler), whatever state the connection is in.
 */
class InboundFuzzTest {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static NetRuntime runtime;
    private static OnionMessageChannel channel;
    private static final NickKey PEER = NickKey.random(RANDOM);

    @BeforeAll
    static void setUp() throws Exception {
        runtime = NetRuntime.create(1, "fuzz");
        channel = OnionMessageChannel.builder(MessageChannelConfig.local("regtest", List.of()),
                NickKey.random(RANDOM), runtime, Runnable::run, new MessageListener() { }).build();
        channel.start().get(10, TimeUnit.SECONDS);
    }

    @AfterAll
    static void tearDown() {
        channel.close();
        runtime.close();
    }

    private static byte[] line(Envelope e) {
        return (e.toJson() + "\r\n").getBytes(StandardCharsets.UTF_8);
    }

    private static void feed(EmbeddedChannel ch, byte[] prefix, byte[] data) {
        ch.writeInbound(Unpooled.wrappedBuffer(prefix));
        ch.writeInbound(Unpooled.wrappedBuffer(data));
        ch.writeInbound(Unpooled.wrappedBuffer(new byte[] {'\r', '\n'}));
        ch.checkException();
        ch.finishAndReleaseAll();
        assertThat(channel.unexpectedFailures()).isZero();
    }

    @FuzzTest(maxDuration = "30s")
    void directoryConnectionSurvivesAnyBytes(byte[] data) {
        EmbeddedChannel ch = new EmbeddedChannel(LineFraming.newFrameDecoder(),
                new EnvelopeCodec(MalformedEnvelopePolicy.DROP), channel.newDirectoryHandler("fuzz:1"));
        byte[] dn = line(DirectoryHandshake.of(NickKey.random(RANDOM).nick(), "regtest",
                Features.of(Features.PING), true, "fuzz").toEnvelope());
        feed(ch, dn, data);
        assertThat(ch.isOpen()).isFalse();
    }

    @FuzzTest(maxDuration = "30s")
    void directConnectionSurvivesAnyBytes(byte[] data) {
        EmbeddedChannel ch = new EmbeddedChannel(LineFraming.newFrameDecoder(),
                new EnvelopeCodec(MalformedEnvelopePolicy.DROP), channel.newInboundDirectHandler());
        byte[] hs = line(new Handshake("joinmarket", false, NotServing.INSTANCE, 5, Features.NONE, PEER.nick(),
                "regtest").toEnvelope());
        feed(ch, hs, data);
        assertThat(ch.isOpen()).isFalse();
    }
}
