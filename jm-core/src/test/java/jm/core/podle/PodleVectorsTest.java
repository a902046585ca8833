package jm.core.podle;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigInteger;
import java.util.HexFormat;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import jm.core.Nick;
import jm.core.ProtocolException;
import jm.core.crypto.BoxChannel;
import jm.core.crypto.BoxKeyPair;
import jm.core.crypto.MessageSigning;
import jm.core.crypto.NickKey;
import jm.core.crypto.NickKeys;
import jm.core.testing.Vectors;
import org.bitcoinj.crypto.ECKey;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class PodleVectorsTest {
    private static final HexFormat HEX = HexFormat.of();

    static final JsonNode ROOT = Vectors.load("podle/podle.json");

    static Stream<Named<JsonNode>> numsPoints() {
        return Vectors.named(ROOT.get("nums_points"),
                v -> "J(" + v.get("index").asInt() + ")");
    }

    static Stream<Named<JsonNode>> proofs() {
        return Vectors.named(ROOT.get("vectors"),
                v -> "index " + v.get("index").asInt() + " utxo " + v.get("utxo").asText());
    }

    static Stream<Named<JsonNode>> authExamples() {
        return Vectors.named(ROOT.get("auth_message_examples"),
                v -> v.get("signed").get("note").asText() + " from " + v.get("signed").get("from_nick").asText());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("numsPoints")
    void numsGeneratorMatchesReference(JsonNode v) {
        assertThat(HEX.formatHex(Nums.generator(v.get("index").asInt()))).isEqualTo(v.get("J_compressed_hex").asText());
    }

    /** PROTOCOL.md 7.2 lists J(0), J(1), J(2), J(9) and J(255). */
    @ParameterizedTest(name = "spec J({0})")
    @CsvSource({
        "0, 0296f47ec8e6d6a9c3379c2ce983a6752bcfa88d46f2a6ffe0dd12c9ae76d01a1f",
        "1, 023f9976b86d3f1426638da600348d96dc1f1eb0bd5614cc50db9e9a067c0464a2",
        "2, 023745b000f6db094a794d9ee08637d714393cd009f86087438ac3804e929bfe89",
        "9, 021b739f21b981c2dcbaf9af4d89223a282939a92aee079e94a46c273759e5b42e",
        "255, 02a0a8694820c794852110e5939a2c03f8482f81ed57396042c6b34557f6eb430a"
    })
    void numsGeneratorMatchesSpec(int index, String hex) {
        assertThat(HEX.formatHex(Nums.generator(index))).isEqualTo(hex);
    }

    @Test
    void allNumsGeneratorsAreDistinctValidPoints() {
        assertThat(IntStream.range(0, Nums.COUNT).mapToObj(i -> HEX.formatHex(Nums.generator(i))).distinct().count())
                .isEqualTo(256);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("proofs")
    void provesByteForByteWithReferenceNonce(JsonNode v) throws ProtocolException {
        ECKey key = ECKey.fromPrivate(new BigInteger(1, HEX.parseHex(v.get("privkey_hex").asText())), true);
        int index = v.get("index").asInt();
        PodleRevelation rev = Podle.prove(key, UtxoRef.parse(v.get("utxo").asText()), index,
                HEX.parseHex(v.get("nonce_k_hex").asText()));
        assertThat(HEX.formatHex(rev.p())).isEqualTo(v.get("P_hex").asText());
        assertThat(HEX.formatHex(rev.p2())).isEqualTo(v.get("P2_hex").asText());
        assertThat(HEX.formatHex(Nums.generator(index))).isEqualTo(v.get("J_hex").asText());
        assertThat(HEX.formatHex(rev.s())).isEqualTo(v.get("s_hex").asText());
        assertThat(HEX.formatHex(rev.e())).isEqualTo(v.get("e_hex").asText());
        assertThat(rev.commitment().toHex()).isEqualTo(v.get("commitment_hex").asText());
        assertThat(rev.commitment().toFillField()).isEqualTo(v.get("fill_commitment_field").asText());
        assertThat(Podle.commitment(key, index)).isEqualTo(rev.commitment());
        assertThat(rev.toWire()).isEqualTo(v.get("revelation_serialized").asText());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("proofs")
    void verifiesLikeReferenceOverIndexRanges(JsonNode v) throws ProtocolException {
        PodleRevelation rev = PodleRevelation.parse(v.get("revelation_serialized").asText());
        assertThat(rev.toWire()).isEqualTo(v.get("revelation_serialized").asText());
        PodleCommitment c = PodleCommitment.parseFillField(v.get("fill_commitment_field").asText());
        int own = v.get("index").asInt();

        assertThat(Podle.verify(rev, c, Podle.DEFAULT_MAX_INDEX_EXCLUSIVE).isAccepted())
                .isEqualTo(v.get("reference_verify_index_range_0_2").asBoolean());
        PodleVerdict onlyOwn = Podle.verifyIndices(rev, c, own);
        assertThat(onlyOwn.isAccepted()).isEqualTo(v.get("reference_verify_only_own_index").asBoolean());
        if (onlyOwn instanceof PodleVerdict.Accepted a) {
            assertThat(a.index()).isEqualTo(own);
        }
        int[] others = IntStream.range(0, 10).filter(i -> i != own).toArray();
        assertThat(Podle.verifyIndices(rev, c, others).isAccepted())
                .isEqualTo(v.get("reference_verify_other_indices_0_9").asBoolean());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("authExamples")
    void authExampleDecryptsVerifiesAndReproduces(JsonNode v) throws ProtocolException {
        BoxKeyPair taker = BoxKeyPair.fromSecret(HEX.parseHex(v.get("taker_nacl_secret_key_hex").asText()));
        BoxKeyPair maker = BoxKeyPair.fromSecret(HEX.parseHex(v.get("maker_nacl_secret_key_hex").asText()));
        assertThat(taker.publicKeyHex()).isEqualTo(v.get("taker_nacl_public_key_hex").asText());
        assertThat(maker.publicKeyHex()).isEqualTo(v.get("maker_nacl_public_key_hex").asText());
        JsonNode signed = v.get("signed");

        // maker side: check the line's signature and nick, then decrypt and parse the revelation
        String line = signed.get("onion_privmsg_line").asText();
        String[] parts = line.split("!", 3);
        String[] tokens = parts[2].split(" ");
        assertThat(tokens).hasSize(4);
        assertThat(tokens[0]).isEqualTo("auth");
        assertThat(MessageSigning.verifyPrivmsg(tokens[2], tokens[1], tokens[3])).isTrue();
        assertThat(NickKeys.matches(new Nick(parts[0]), tokens[2])).isTrue();
        String plaintext = BoxChannel.of(maker, taker.publicKey()).decrypt(tokens[1]);
        assertThat(plaintext).isEqualTo(v.get("revelation_plaintext").asText());
        PodleRevelation rev = PodleRevelation.parse(plaintext);
        assertThat(Podle.verify(rev, rev.commitment(), Podle.DEFAULT_MAX_INDEX_EXCLUSIVE).isAccepted()).isTrue();

        // taker side: encrypting with the fixed nonce and signing reproduces the line
        String enc = BoxChannel.of(taker, maker.publicKey()).encrypt(plaintext, HEX.parseHex(v.get("nonce_hex").asText()));
        assertThat(enc).isEqualTo(v.get("encrypted_base64").asText()).isEqualTo(signed.get("message").asText());
        NickKey nick = NickKey.fromPrivateKey(HEX.parseHex(signed.get("nick_privkey_hex").asText()));
        String rebuilt = nick.nick() + "!" + signed.get("to_nick").asText() + "!auth " + enc + " " + nick.pubKeyHex()
                + " " + nick.signPrivmsg(enc);
        assertThat(rebuilt).isEqualTo(line);
        assertThat("{\"type\": 685, \"line\": \"" + rebuilt + "\"}").isEqualTo(signed.get("onion_json_frame").asText());
    }
}
