package jm.core.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HexFormat;
import java.util.Map;
import java.util.stream.Stream;
import jm.core.ProtocolException;
import jm.core.ProtocolException.Reason;
import jm.core.crypto.NickKey;
import jm.core.testing.RejectTable;
import jm.core.testing.Vectors;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class PrivMsgTest {
    /** Appendix A nick keys. */
    static final NickKey TAKER = NickKey.fromPrivateKey(HexFormat.of().parseHex(
            "5cd8961754abf0f2fa910551d784eab4c91412e36d8a5e3df01b0774004faccb"));
    static final NickKey MAKER = NickKey.fromPrivateKey(HexFormat.of().parseHex(
            "12c110f8d80a5e3c6d479a03b9fbc91cb0517f41b04bdd4007cc350b48712c84"));
    static final Map<String, NickKey> SPEC_KEYS = Map.of(TAKER.nick().value(), TAKER, MAKER.nick().value(), MAKER);

    static Stream<JsonNode> signingVectors() {
        return Vectors.items(Vectors.load("message_signing/message_signing.json").get("vectors"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("signingVectors")
    void messageSigningVectorLineParsesVerifiesAndIsReproducedBySigning(JsonNode v) throws Exception {
        String line = v.get("onion_privmsg_line").asText();
        RawPrivMsg m = RawPrivMsg.parse(line);
        assertThat(m.from().value()).isEqualTo(v.get("from_nick").asText());
        assertThat(m.to().value()).isEqualTo(v.get("to_nick").asText());
        assertThat(m.command()).isEqualTo(v.get("cmd").asText());
        assertThat(m.data()).isEqualTo(v.get("message").asText());
        assertThat(m.pubKeyHex()).isEqualTo(v.get("nick_pubkey_hex").asText());
        assertThat(m.sigBase64()).isEqualTo(v.get("signature_base64").asText());
        assertThat(m.toLine()).isEqualTo(line);
        String hostId = v.get("hostid").asText();
        if (hostId.equals("onion-network")) {
            VerifiedPrivMsg ok = m.verify();
            assertThat(ok.from()).isEqualTo(m.from());
            assertThat(ok.data()).isEqualTo(m.data());
            NickKey key = NickKey.fromPrivateKey(HexFormat.of().parseHex(v.get("nick_privkey_hex").asText()));
            assertThat(RawPrivMsg.sign(key, m.to(), m.command(), m.data())).isEqualTo(line);
            assertThat(Envelope.of(MessageType.PRIVMSG, line).toJson()).isEqualTo(v.get("onion_json_frame").asText());
        } else {
            assertThatThrownBy(m::verify).isInstanceOfSatisfying(ProtocolException.class,
                    e -> assertThat(e.reason()).isEqualTo(Reason.BAD_SIGNATURE));
            assertThat(m.verify(hostId).from()).isEqualTo(m.from());
        }
    }

    static Stream<JsonNode> verificationCases() {
        return Vectors.items(Vectors.load("message_signing/message_signing.json").get("verification_cases"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("verificationCases")
    void verificationCasesGiveTheReferenceVerdict(JsonNode c) throws Exception {
        String line = c.get("from_nick").asText() + "!J5BxAhEAkAqJFCCa" + c.get("privmsg_line").asText();
        RawPrivMsg m = RawPrivMsg.parse(line);
        boolean ok;
        try {
            m.verify(c.get("hostid").asText());
            ok = true;
        } catch (ProtocolException e) {
            assertThat(e.reason()).isEqualTo(Reason.BAD_SIGNATURE);
            ok = false;
        }
        assertThat(ok).isEqualTo(c.get("reference_verify_result").asBoolean());
    }

    static Stream<String> specPrivmsgFrames() {
        return SpecExamples.framesOfType(685).stream();
    }

    @ParameterizedTest
    @MethodSource("specPrivmsgFrames")
    void everySpecPrivmsgVerifiesAndIsReproducedByteExactlyWithAppendixAKeys(String frame) throws Exception {
        RawPrivMsg m = RawPrivMsg.parse(Envelope.parse(frame).line());
        VerifiedPrivMsg v = m.verify();
        NickKey key = SPEC_KEYS.get(v.from().value());
        assertThat(key).as("spec key for %s", v.from()).isNotNull();
        assertThat(RawPrivMsg.signed(key, m.to(), m.command(), m.data()).toEnvelope().toJson()).isEqualTo(frame);
    }

    @Test
    void toleratesOneExtraBangBeforeTheCommand() throws Exception {
        String line = RawPrivMsg.sign(TAKER, MAKER.nick(), "error", "some text");
        String doubled = line.replace("!error", "!!error");
        assertThat(RawPrivMsg.parse(doubled).verify().data()).isEqualTo("some text");
    }

    @Test
    void keepsMultiPartDataIntactUnderOneSignature() throws Exception {
        String data = "0 100000 4972000 0 0.00002!sw0absoffer 1 100000 4972000 0 250";
        RawPrivMsg m = RawPrivMsg.parse(RawPrivMsg.sign(MAKER, TAKER.nick(), "sw0reloffer", data));
        assertThat(m.data()).isEqualTo(data);
        assertThat(m.verify().body()).isEqualTo("sw0reloffer " + data);
    }

    @Test
    void rejectsTamperingAndForeignNicks() throws Exception {
        String line = RawPrivMsg.sign(TAKER, MAKER.nick(), "push", "AAAA");
        assertVerifyFails(line.replace("push AAAA", "push AAAB"), "privmsg.sig");
        String foreign = MAKER.nick().value() + line.substring(16);
        assertVerifyFails(foreign, "privmsg.from");
        String wrongKey = line.replace(TAKER.pubKeyHex(), MAKER.pubKeyHex());
        assertVerifyFails(wrongKey, "privmsg.sig");
    }

    private static void assertVerifyFails(String line, String field) throws ProtocolException {
        RawPrivMsg m = RawPrivMsg.parse(line);
        assertThatThrownBy(m::verify).isInstanceOfSatisfying(ProtocolException.class, e -> {
            assertThat(e.reason()).as(e.getMessage()).isEqualTo(Reason.BAD_SIGNATURE);
            assertThat(e.field()).as(e.getMessage()).isEqualTo(field);
        });
    }

    static final String SIG = "MEQCIGa+MjWk9YkoEF84BDIqnQbfHI+IQ/cxLYGt9+fdcqelAiBYNOki2kHrR9gLTwViMHnmpKXLtCULJW3QwqSR1i3raQ==";

    @TestFactory
    Stream<DynamicTest> rejectsMalformedLinesNamingTheField() {
        String pub = TAKER.pubKeyHex();
        return RejectTable.tests(RejectTable.load(PrivMsgTest.class, "privmsg-rejects.txt", Map.of("pub", pub,
                "sig", SIG, "PUB_UPPER", pub.toUpperCase(), "PUB_04", "04" + pub.substring(2),
                "PUB_SHORT", pub.substring(2), "SIG_DASH", SIG.replace('+', '-'))), RawPrivMsg::parse);
    }

    @Test
    void acceptsTheWellFormedLineTheRejectTableVariesButNotATrailingSpace() {
        String ok = "J56Qu3cvNvi3Y1vt!J59y7hPYEhZ3MzDt!push AAAA " + TAKER.pubKeyHex() + " " + SIG;
        assertThat(catchReason(ok)).isNull();
        assertReject(ok + " ", Reason.MALFORMED, "privmsg.pubkey");
    }

    @Test
    void refusesToSignPlaintextForAnEncryptedCommand() {
        assertThatThrownBy(() -> RawPrivMsg.sign(TAKER, MAKER.nick(), "auth", "txid:0|02ab|03cd|ee|ff"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RawPrivMsg.sign(TAKER, MAKER.nick(), "ioauth", "a b c d e"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RawPrivMsg.sign(TAKER, MAKER.nick(), "tbond", "AAAA"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RawPrivMsg.sign(TAKER, MAKER.nick(), "fill", ""))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void pubmsgSpecExamplesRoundTrip() throws Exception {
        for (String frame : SpecExamples.framesOfType(687)) {
            String line = Envelope.parse(frame).line();
            PubMsg p = PubMsg.parse(line);
            assertThat(p.toLine()).isEqualTo(line);
            assertThat(p.toEnvelope().toJson()).isEqualTo(frame);
        }
        assertThat(PubMsg.parse("J56Qu3cvNvi3Y1vt!PUBLIC!cancel 0!cancel 1").body()).isEqualTo("cancel 0!cancel 1");
    }

    @TestFactory
    Stream<DynamicTest> pubmsgRejectsMalformedLines() {
        return RejectTable.tests(RejectTable.load(PrivMsgTest.class, "pubmsg-rejects.txt"), PubMsg::parse);
    }

    private static Reason catchReason(String line) {
        try {
            RawPrivMsg.parse(line);
            return null;
        } catch (ProtocolException e) {
            return e.reason();
        }
    }

    static void assertReject(String line, Reason reason, String field) {
        RejectTable.assertRejected(() -> RawPrivMsg.parse(line), reason, field);
    }
}
