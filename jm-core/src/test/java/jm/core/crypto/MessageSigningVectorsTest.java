package jm.core.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.stream.Stream;
import jm.core.Nick;
import jm.core.testing.Vectors;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class MessageSigningVectorsTest {
    private static final HexFormat HEX = HexFormat.of();

    static Stream<Named<JsonNode>> vectors() {
        return named(Vectors.load("message_signing/message_signing.json").get("vectors"));
    }

    static Stream<Named<JsonNode>> verificationCases() {
        return named(Vectors.load("message_signing/message_signing.json").get("verification_cases"));
    }

    static Stream<Named<JsonNode>> named(JsonNode array) {
        return Vectors.named(array, v -> v.get("note").asText());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("vectors")
    void signsByteForByteLikeTheReference(JsonNode v) {
        NickKey key = NickKey.fromPrivateKey(HEX.parseHex(v.get("nick_privkey_hex").asText()));
        String message = v.get("message").asText();
        String signed = message + v.get("hostid").asText();
        assertThat(signed).isEqualTo(v.get("signed_string").asText());
        assertThat(HEX.formatHex(signed.getBytes(StandardCharsets.UTF_8))).isEqualTo(v.get("signed_bytes_hex").asText());
        assertThat(HEX.formatHex(MessageSigning.bitcoinMessageHash(signed.getBytes(StandardCharsets.UTF_8))))
                .isEqualTo(v.get("bitcoin_message_hash_hex").asText());

        String sig = MessageSigning.signBase64(key.ecKey(), signed);
        assertThat(sig).isEqualTo(v.get("signature_base64").asText());
        assertThat(HEX.formatHex(Base64.getDecoder().decode(sig))).isEqualTo(v.get("signature_der_hex").asText());
        if (v.get("hostid").asText().equals(MessageSigning.ONION_HOSTID)) {
            assertThat(key.signPrivmsg(message)).isEqualTo(v.get("signature_base64").asText());
        }

        String privmsgLine = "!" + v.get("cmd").asText() + " " + message + " " + key.pubKeyHex() + " " + sig;
        assertThat(privmsgLine).isEqualTo(v.get("privmsg_line").asText());
        String onionLine = v.get("from_nick").asText() + "!" + v.get("to_nick").asText() + privmsgLine;
        assertThat(onionLine).isEqualTo(v.get("onion_privmsg_line").asText());
        assertThat(key.nick().value()).isEqualTo(v.get("from_nick").asText());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("vectors")
    void verifiesReferenceSignature(JsonNode v) {
        String pub = v.get("nick_pubkey_hex").asText();
        String data = v.get("message").asText();
        String sig = v.get("signature_base64").asText();
        boolean expected = v.get("reference_verify_result").asBoolean();
        assertThat(MessageSigning.verifyPrivmsg(pub, data, sig, v.get("hostid").asText())).isEqualTo(expected);
        assertThat(MessageSigning.verifyBase64(pub, v.get("signed_string").asText().getBytes(StandardCharsets.UTF_8), sig))
                .isEqualTo(expected);
        if (v.get("hostid").asText().equals(MessageSigning.ONION_HOSTID)) {
            assertThat(MessageSigning.verifyPrivmsg(pub, data, sig)).isEqualTo(expected);
        }
        assertThat(MessageSigning.verifyPrivmsg(pub, data + "x", sig, v.get("hostid").asText())).isFalse();
    }

    /** The receiver's procedure of PROTOCOL.md 3.4 applied to a {@code !cmd data pub sig} line. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("verificationCases")
    void verificationCaseGivesReferenceResult(JsonNode v) {
        String line = v.get("privmsg_line").asText();
        String[] tokens = line.substring(1).split(" ", -1);
        String pub = tokens[tokens.length - 2];
        String sig = tokens[tokens.length - 1];
        String data = String.join(" ", Arrays.asList(tokens).subList(1, tokens.length - 2));
        boolean ok = MessageSigning.verifyPrivmsg(pub, data, sig, v.get("hostid").asText())
                && NickKeys.matches(new Nick(v.get("from_nick").asText()), pub);
        assertThat(ok).isEqualTo(v.get("reference_verify_result").asBoolean());
    }
}
