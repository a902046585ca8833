package jm.core.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Stream;
import jm.core.ProtocolException;
import jm.core.ProtocolException.Reason;
import jm.core.testing.RejectTable;
import jm.core.testing.Vectors;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class EnvelopeTest {

    static Stream<Arguments> messageSigningFrames() {
        JsonNode v = Vectors.load("message_signing/message_signing.json").get("vectors");
        return Vectors.items(v)
                .map(n -> Arguments.of(n.get("note").asText(), n.get("onion_json_frame").asText(),
                        n.get("onion_privmsg_line").asText()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("messageSigningFrames")
    void messageSigningVectorFrameRoundTripsByteExactly(String note, String frame, String line) throws Exception {
        Envelope e = Envelope.parse(frame);
        assertThat(e.type()).isEqualTo(685);
        assertThat(e.messageType()).contains(MessageType.PRIVMSG);
        assertThat(e.line()).isEqualTo(line);
        assertThat(e.toJson()).isEqualTo(frame);
        assertThat(Envelope.of(MessageType.PRIVMSG, line).toJson()).isEqualTo(frame);
    }

    static Stream<String> specFrames() {
        return SpecExamples.frames().stream();
    }

    @ParameterizedTest
    @MethodSource("specFrames")
    void everyEnvelopeQuotedInTheSpecRoundTripsByteExactly(String frame) throws Exception {
        assertThat(Envelope.parse(frame).toJson()).isEqualTo(frame);
        assertThat(Envelope.parse(frame.getBytes(StandardCharsets.UTF_8)).toJson()).isEqualTo(frame);
    }

    @Test
    void specHasExamplesOfEveryPayloadKind() {
        List<String> frames = SpecExamples.frames();
        assertThat(frames).hasSizeGreaterThan(15);
        for (int t : new int[] {685, 687, 789, 791, 793, 795}) {
            assertThat(SpecExamples.framesOfType(t)).as("type %d", t).isNotEmpty();
        }
    }

    @Test
    void typeCodesMatchTheSpecTable() {
        assertThat(MessageType.PRIVMSG.code()).isEqualTo(685);
        assertThat(MessageType.PUBMSG.code()).isEqualTo(687);
        assertThat(MessageType.PEERLIST.code()).isEqualTo(789);
        assertThat(MessageType.GETPEERLIST.code()).isEqualTo(791);
        assertThat(MessageType.HANDSHAKE.code()).isEqualTo(793);
        assertThat(MessageType.DN_HANDSHAKE.code()).isEqualTo(795);
        assertThat(MessageType.PING.code()).isEqualTo(798);
        assertThat(MessageType.PONG.code()).isEqualTo(799);
        assertThat(MessageType.DISCONNECT.code()).isEqualTo(801);
        assertThat(MessageType.NICK_AUTH_CHALLENGE.code()).isEqualTo(803);
        assertThat(MessageType.NICK_AUTH_PROOF.code()).isEqualTo(805);
        assertThat(MessageType.NICK_AUTH_RESULT.code()).isEqualTo(807);
        assertThat(MessageType.LOCAL_CONNECT.code()).isEqualTo(785);
        assertThat(MessageType.LOCAL_DISCONNECT.code()).isEqualTo(787);
        assertThat(MessageType.LOCAL_CONNECT_IN.code()).isEqualTo(797);
        for (MessageType t : MessageType.values()) {
            assertThat(MessageType.fromCode(t.code())).contains(t);
        }
        assertThat(MessageType.fromCode(796)).isEmpty();
    }

    @Test
    void localCodesAndDisconnectAreNeverSent() {
        for (MessageType t : List.of(MessageType.LOCAL_CONNECT, MessageType.LOCAL_DISCONNECT,
                MessageType.LOCAL_CONNECT_IN, MessageType.DISCONNECT)) {
            assertThat(t.sendable()).isFalse();
            assertThatThrownBy(() -> Envelope.of(t, "")).isInstanceOf(IllegalArgumentException.class);
        }
        assertThat(MessageType.DISCONNECT.allowedOnWire()).isTrue();
        assertThat(MessageType.LOCAL_CONNECT_IN.allowedOnWire()).isFalse();
    }

    @Test
    void rejectsLocalOnlyCodesFromTheNetwork() {
        for (int code : new int[] {785, 787, 797}) {
            assertReject("{\"type\": " + code + ", \"line\": \"x\"}", Reason.FORBIDDEN, "envelope.type");
        }
    }

    @Test
    void passesUnknownCodesThroughForTheCallerToIgnore() throws Exception {
        Envelope e = Envelope.parse("{\"type\": 12345, \"line\": \"\"}");
        assertThat(e.type()).isEqualTo(12345);
        assertThat(e.messageType()).isEmpty();
    }

    @Test
    void acceptsAnyKeyOrderWhitespaceAndExtraKeys() throws Exception {
        Envelope e = Envelope.parse("{ \"line\":\"abc\",\"extra\":[1,{\"a\":2}],\"type\":687 }");
        assertThat(e).isEqualTo(new Envelope(687, "abc"));
    }

    @Test
    void escapesNonAsciiAndControlCharactersLikePythonJsonDumps() throws Exception {
        Envelope e = new Envelope(687, "a\"b\\c\n\r\t\b\f\u0001\u007f\u00e9\u20ac\ud83d\ude00/");
        String json = e.toJson();
        assertThat(json).isEqualTo("{\"type\": 687, \"line\": \"a\\\"b\\\\c\\n\\r\\t\\b\\f\\u0001\\u007f\\u00e9\\u20ac\\ud83d\\ude00/\"}");
        assertThat(json.chars().allMatch(c -> c < 0x80)).isTrue();
        assertThat(Envelope.parse(json)).isEqualTo(e);
    }

    @Test
    void buildsFramesEndingInCrLf() {
        byte[] f = Envelope.of(MessageType.GETPEERLIST, "").toFrame();
        assertThat(new String(f, StandardCharsets.US_ASCII)).isEqualTo("{\"type\": 791, \"line\": \"\"}\r\n");
    }

    @Test
    void refusesToBuildEnvelopesOverTheSendLimit() {
        String big = "x".repeat(Envelope.MAX_LINE_BYTES);
        assertThatThrownBy(() -> Envelope.of(MessageType.PUBMSG, big)).isInstanceOf(IllegalArgumentException.class);
        String fits = "x".repeat(Envelope.MAX_LINE_BYTES - 40);
        assertThat(WireJson.utf8Length(Envelope.of(MessageType.PUBMSG, fits).toJson())).isLessThanOrEqualTo(40_000);
    }

    @Test
    void acceptsLinesUpToTheReceiveLimitAndRejectsLonger() throws Exception {
        String prefix = "{\"type\": 687, \"line\": \"";
        String ok = prefix + "x".repeat(Envelope.MAX_RECEIVE_LINE_BYTES - prefix.length() - 2) + "\"}";
        assertThat(ok.length()).isEqualTo(Envelope.MAX_RECEIVE_LINE_BYTES);
        assertThat(Envelope.parse(ok).line()).hasSize(Envelope.MAX_RECEIVE_LINE_BYTES - prefix.length() - 2);
        String tooLong = prefix + "x".repeat(Envelope.MAX_RECEIVE_LINE_BYTES) + "\"}";
        assertReject(tooLong, Reason.OVERSIZED, "envelope");
        assertThatThrownBy(() -> Envelope.parse(tooLong.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOfSatisfying(ProtocolException.class, e -> assertThat(e.reason()).isEqualTo(Reason.OVERSIZED));
    }

    /** Malformed JSON, missing or mistyped fields (named), duplicated keys at any depth. */
    @TestFactory
    Stream<DynamicTest> rejectsMalformedEnvelopesNamingTheField() {
        return RejectTable.tests(RejectTable.load(EnvelopeTest.class, "envelope-rejects.txt"), Envelope::parse);
    }

    @Test
    void rejectsNestingDeeperThanTen() throws Exception {
        String nine = "[".repeat(9) + "]".repeat(9);
        Envelope.parse("{\"type\": 1, \"line\": \"\", \"x\": " + nine + "}");
        String ten = "[".repeat(10) + "]".repeat(10);
        assertReject("{\"type\": 1, \"line\": \"\", \"x\": " + ten + "}", Reason.OVERSIZED, "envelope");
        String deep = "[".repeat(100_000);
        assertReject("{\"type\": 1, \"line\": \"\", \"x\": " + deep, Reason.OVERSIZED, "envelope");
    }

    @Test
    void rejectsInvalidUtf8Bytes() {
        byte[] prefix = "{\"type\": 687, \"line\": \"".getBytes(StandardCharsets.US_ASCII);
        for (byte[] bad : List.of(new byte[] {(byte) 0xff}, new byte[] {(byte) 0xc3}, new byte[] {(byte) 0xed, (byte) 0xa0, (byte) 0x80},
                new byte[] {(byte) 0xc0, (byte) 0x80})) {
            byte[] line = new byte[prefix.length + bad.length + 2];
            System.arraycopy(prefix, 0, line, 0, prefix.length);
            System.arraycopy(bad, 0, line, prefix.length, bad.length);
            line[line.length - 2] = '"';
            line[line.length - 1] = '}';
            assertThatThrownBy(() -> Envelope.parse(line))
                    .isInstanceOfSatisfying(ProtocolException.class, e -> assertThat(e.reason()).isEqualTo(Reason.BAD_ENCODING));
        }
    }

    @Test
    void acceptsRawUtf8AndReEmitsItEscaped() throws Exception {
        Envelope e = Envelope.parse("{\"type\": 687, \"line\": \"caf\u00e9\"}".getBytes(StandardCharsets.UTF_8));
        assertThat(e.line()).isEqualTo("caf\u00e9");
        assertThat(e.toJson()).isEqualTo("{\"type\": 687, \"line\": \"caf\\u00e9\"}");
    }

    static void assertReject(String json, Reason reason, String field) {
        RejectTable.assertRejected(() -> Envelope.parse(json), reason, field);
    }
}
