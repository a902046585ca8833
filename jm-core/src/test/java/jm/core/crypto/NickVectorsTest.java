package jm.core.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.stream.Stream;
import jm.core.Nick;
import jm.core.testing.Vectors;
import org.bitcoinj.base.Base58;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class NickVectorsTest {
    private static final HexFormat HEX = HexFormat.of();

    static Stream<Named<JsonNode>> nickVectors() {
        JsonNode root = Vectors.load("nick/nick.json");
        return Vectors.named(root.get("vectors"), v -> v.get("nick").asText() + " (padding " + v.get("padding_count").asInt() + ")");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("nickVectors")
    void derivesReferenceNickFromNickKey(JsonNode v) {
        NickKey key = NickKey.fromPrivateKey(HEX.parseHex(v.get("nick_privkey_hex").asText()));

        assertThat(key.pubKeyHex()).isEqualTo(v.get("nick_pubkey_hex").asText());
        assertThat(key.nick().value()).isEqualTo(v.get("nick").asText());
        assertThat(NickKeys.nickFromPubKeyHex(v.get("nick_pubkey_hex").asText()).value())
                .isEqualTo(v.get("nick").asText());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("nickVectors")
    void reproducesEveryIntermediateStep(JsonNode v) {
        String input = v.get("sha256_input_ascii").asText();
        byte[] h = Hashes.sha256(input.getBytes(StandardCharsets.US_ASCII));
        assertThat(HEX.formatHex(h)).isEqualTo(v.get("sha256_of_pubkey_hex_ascii").asText());
        byte[] h10 = Arrays.copyOf(h, NickKeys.NICK_HASH_LENGTH);
        assertThat(HEX.formatHex(h10)).isEqualTo(v.get("truncated_hash_hex").asText());
        assertThat(Base58.encode(h10)).isEqualTo(v.get("base58_of_truncated_hash").asText());
        assertThat(NickKeys.encodedPart(input)).endsWith("O".repeat(v.get("padding_count").asInt()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("nickVectors")
    void bindsNickToItsKeyOnly(JsonNode v) {
        Nick nick = new Nick(v.get("nick").asText());
        assertThat(NickKeys.matches(nick, v.get("nick_pubkey_hex").asText())).isTrue();
        NickKey other = NickKey.fromPrivateKey(Hashes.sha256(v.get("nick").asText().getBytes(StandardCharsets.US_ASCII)));
        assertThat(NickKeys.matches(nick, other.pubKeyHex())).isFalse();
        assertThat(NickKeys.matches(nick, v.get("nick_pubkey_hex").asText().toUpperCase())).isFalse();
    }
}
