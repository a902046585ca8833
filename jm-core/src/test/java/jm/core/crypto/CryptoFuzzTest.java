package jm.core.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import jm.core.ProtocolException;

/**
 * Fuzz targets for the crypto parsers of peer data: signature/pubkey checking (base64, DER,
 * point decoding) and box decryption. The only allowed failure is a ProtocolException.
 * Regression mode in normal test runs; {@code JAZZER_FUZZ=1} fuzzes one target.
 */
class CryptoFuzzTest {
    private static final NickKey KEY = NickKey.fromPrivateKey(Hashes.sha256("fuzz".getBytes(StandardCharsets.US_ASCII)));
    private static final BoxChannel BOX = channel();

    private static BoxChannel channel() {
        try {
            return BoxChannel.of(BoxKeyPair.fromSecret(new byte[32]),
                    BoxKeyPair.fromSecret(Hashes.sha256(new byte[] {1})).publicKey());
        } catch (ProtocolException e) {
            throw new IllegalStateException(e);
        }
    }

    @FuzzTest(maxDuration = "60s")
    void signatureCheckRejectsGarbageWithTypedErrorsOnly(FuzzedDataProvider data) {
        boolean ownKey = data.consumeBoolean();
        String pub = ownKey ? KEY.pubKeyHex() : data.consumeString(80);
        String message = data.consumeString(200);
        String sig = data.consumeRemainingAsString();
        try {
            MessageSigning.checkPrivmsg(pub, message, sig, "fuzz");
            // accepted: must be a canonical low-S signature that the boolean API agrees with
            assertThat(MessageSigning.verifyPrivmsg(pub, message, sig)).isTrue();
        } catch (ProtocolException expected) {
            assertThat(expected.reason()).isNotNull();
            assertThat(MessageSigning.verifyPrivmsg(pub, message, sig)).isFalse();
        }
    }

    @FuzzTest(maxDuration = "60s")
    void derParserAcceptsOnlyCanonicalEncodings(byte[] der) {
        try {
            DerSignature sig = DerSignature.parse(der, "fuzz");
            assertThat(sig.encode()).isEqualTo(der);
        } catch (ProtocolException expected) {
            assertThat(expected.field()).startsWith("fuzz");
        }
    }

    @FuzzTest(maxDuration = "60s")
    void boxDecryptRejectsForgeriesWithTypedErrorsOnly(FuzzedDataProvider data) {
        String wire = data.consumeBoolean()
                ? BOX.encrypt(data.consumeAsciiString(100), java.util.Arrays.copyOf(data.consumeBytes(24), 24))
                : data.consumeRemainingAsString();
        try {
            String plain = BOX.decrypt(wire);
            assertThat(BOX.decrypt(wire)).isEqualTo(plain);
        } catch (ProtocolException expected) {
            assertThat(expected.field()).startsWith("box");
        }
    }

    @FuzzTest(maxDuration = "60s")
    void peerBoxKeyIsAcceptedOrRejectedWithTypedError(FuzzedDataProvider data) {
        try {
            BoxChannel c = BoxChannel.of(BoxKeyPair.fromSecret(new byte[32]), data.consumeRemainingAsString());
            assertThat(c.decrypt(c.encrypt("x", new byte[24]))).isEqualTo("x");
        } catch (ProtocolException expected) {
            assertThat(expected.field()).isEqualTo("box.pubkey");
        }
    }
}
