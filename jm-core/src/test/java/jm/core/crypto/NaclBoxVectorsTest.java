package jm.core.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HexFormat;
import java.util.stream.Stream;
import jm.core.ProtocolException;
import jm.core.testing.Vectors;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class NaclBoxVectorsTest {
    private static final HexFormat HEX = HexFormat.of();

    static Stream<Named<JsonNode>> vectors() {
        return Vectors.items(Vectors.load("nacl_box/nacl_box.json").get("vectors"))
                .map(v -> {
                    String pt = v.get("plaintext").asText();
                    return Named.of("plaintext " + pt.length() + " chars: "
                            + (pt.length() > 24 ? pt.substring(0, 24) + "..." : pt), v);
                });
    }

    private static BoxKeyPair sender(JsonNode v) {
        return BoxKeyPair.fromSecret(HEX.parseHex(v.get("sender_secret_key_hex").asText()));
    }

    private static BoxKeyPair receiver(JsonNode v) {
        return BoxKeyPair.fromSecret(HEX.parseHex(v.get("receiver_secret_key_hex").asText()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("vectors")
    void derivesPublicKeysAndBeforenmKeyInBothDirections(JsonNode v) throws ProtocolException {
        assertThat(sender(v).publicKeyHex()).isEqualTo(v.get("sender_public_key_hex").asText());
        assertThat(receiver(v).publicKeyHex()).isEqualTo(v.get("receiver_public_key_hex").asText());
        String shared = v.get("shared_key_beforenm_hex").asText();
        assertThat(HEX.formatHex(BoxChannel.of(sender(v), receiver(v).publicKey()).sharedKey())).isEqualTo(shared);
        assertThat(HEX.formatHex(BoxChannel.of(receiver(v), sender(v).publicKeyHex()).sharedKey())).isEqualTo(shared);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("vectors")
    void encryptsByteForByteWithFixedNonce(JsonNode v) throws ProtocolException {
        BoxChannel box = BoxChannel.of(sender(v), receiver(v).publicKey());
        byte[] nonce = HEX.parseHex(v.get("nonce_hex").asText());
        String wire = box.encrypt(v.get("plaintext").asText(), nonce);
        assertThat(wire).isEqualTo(v.get("wire_base64").asText());
        byte[] raw = StrictBase64.decode(wire, "w");
        assertThat(HEX.formatHex(raw, 24, raw.length)).isEqualTo(v.get("ciphertext_hex").asText());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("vectors")
    void receiverDecryptsFixedAndRandomNonceMessages(JsonNode v) throws ProtocolException {
        BoxChannel atReceiver = BoxChannel.of(receiver(v), sender(v).publicKey());
        assertThat(atReceiver.decrypt(v.get("wire_base64").asText())).isEqualTo(v.get("plaintext").asText());
        assertThat(atReceiver.decrypt(v.get("random_nonce_wire_base64_example").asText()))
                .isEqualTo(v.get("plaintext").asText());
        BoxChannel fromShared = BoxChannel.fromSharedKey(HEX.parseHex(v.get("shared_key_beforenm_hex").asText()));
        assertThat(fromShared.decrypt(v.get("wire_base64").asText())).isEqualTo(v.get("plaintext").asText());
    }
}
