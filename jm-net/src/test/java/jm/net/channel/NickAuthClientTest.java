package jm.net.channel;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import jm.core.crypto.NickKey;
import jm.core.wire.DirectoryHandshake;
import jm.core.wire.Envelope;
import jm.core.wire.Features;
import jm.core.wire.Handshake;
import jm.core.wire.MessageType;
import jm.core.wire.NickAuth;
import jm.core.wire.NotServing;
import jm.net.codec.EnvelopeCodec;
import jm.net.codec.LineFraming;
import jm.net.codec.MalformedEnvelopePolicy;
import org.junit.jupiter.api.Test;

/**
 * The client side of JMP-0005 on one directory connection, driven line by line: the directory
 * counts as up only after it verified our proof, and we sign only for the id of the onion
 * endpoint we dialled.
 */
class NickAuthClientTest {
    static final String ONION = "lms5jrn6huohsk2u7x6eqs43xqmr5pbu3w4um5spfrvpqgu7eidrtiad.onion";
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final NickKey KEY = NickKey.random(RANDOM);
    private final HandlerFixture parts = new HandlerFixture(KEY, new MessageListener() { });

    EmbeddedChannel directory(String id) {
        return new EmbeddedChannel(LineFraming.newFrameDecoder(), new EnvelopeCodec(MalformedEnvelopePolicy.DROP),
                parts.directory(id));
    }

    static void receive(EmbeddedChannel ch, MessageType type, String line) {
        ch.writeInbound(Unpooled.copiedBuffer(Envelope.of(type, line).toJson() + "\r\n", StandardCharsets.UTF_8));
        ch.checkException();
    }

    static void acceptedWithNickAuth(EmbeddedChannel ch) {
        receive(ch, MessageType.DN_HANDSHAKE, DirectoryHandshake.of(NickKey.random(RANDOM).nick(), "regtest",
                Features.of(Features.PING, Features.PEERLIST_FEATURES, Features.NICK_AUTH), true, "ng").toLineJson());
    }

    static List<Envelope> sent(EmbeddedChannel ch) throws Exception {
        List<Envelope> out = new ArrayList<>();
        Object o;
        while ((o = ch.readOutbound()) != null) {
            ByteBuf b = (ByteBuf) o;
            String text = b.toString(StandardCharsets.UTF_8).strip();
            b.release();
            out.add(Envelope.parse(text));
        }
        return out;
    }

    static String ownHandshakeLine() {
        return Handshake.client(KEY.nick(), NotServing.INSTANCE, "regtest", MessageChannelConfig.DEFAULT_FEATURES)
                .toLineJson();
    }

    @Test
    void theDirectoryIsUpOnlyAfterItVerifiedOurProof() throws Exception {
        EmbeddedChannel ch = directory(ONION + ":5222");
        acceptedWithNickAuth(ch);
        assertThat(parts.links.liveIds()).doesNotContain(ONION + ":5222");
        NickAuth.Challenge c = NickAuth.Challenge.fresh(new byte[32], ONION + ":5222");
        receive(ch, MessageType.NICK_AUTH_CHALLENGE, c.toJson());
        List<Envelope> out = sent(ch);
        assertThat(out).hasSize(1);
        assertThat(out.get(0).type()).isEqualTo(MessageType.NICK_AUTH_PROOF.code());
        NickAuth.Proof proof = NickAuth.Proof.parse(out.get(0).line());
        assertThat(proof.verifies(c, ownHandshakeLine(), KEY.nick())).isTrue();
        assertThat(parts.links.liveIds()).doesNotContain(ONION + ":5222");
        receive(ch, MessageType.NICK_AUTH_RESULT, new NickAuth.Result(NickAuth.Code.OK).toJson());
        assertThat(parts.links.liveIds()).contains(ONION + ":5222");
        assertThat(ch.isOpen()).isTrue();
        ch.close();
    }

    @Test
    void leavesADirectoryThatDoesNotVerifyUs() throws Exception {
        EmbeddedChannel ch = directory("127.0.0.1:7001");
        acceptedWithNickAuth(ch);
        receive(ch, MessageType.NICK_AUTH_CHALLENGE, NickAuth.Challenge.fresh(new byte[32], "127.0.0.1:7001").toJson());
        receive(ch, MessageType.NICK_AUTH_RESULT, new NickAuth.Result(NickAuth.Code.INVALID).toJson());
        assertThat(ch.isOpen()).isFalse();
        assertThat(parts.links.liveIds()).doesNotContain("127.0.0.1:7001");
    }

    @Test
    void neverSignsAChallengeForAnotherOnionDirectory() throws Exception {
        EmbeddedChannel ch = directory(ONION + ":5222");
        acceptedWithNickAuth(ch);
        String other = "2".repeat(56) + ".onion:5222";
        receive(ch, MessageType.NICK_AUTH_CHALLENGE, NickAuth.Challenge.fresh(new byte[32], other).toJson());
        assertThat(sent(ch)).isEmpty();
        assertThat(ch.isOpen()).isFalse();
    }

    @Test
    void aDirectoryWithoutNickAuthIsUpAtOnce() {
        EmbeddedChannel ch = directory("127.0.0.1:7002");
        receive(ch, MessageType.DN_HANDSHAKE, DirectoryHandshake.of(NickKey.random(RANDOM).nick(), "regtest",
                Features.of(Features.PING), true, "reference-like").toLineJson());
        assertThat(parts.links.liveIds()).contains("127.0.0.1:7002");
        ch.close();
    }
}
