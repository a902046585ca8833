package jm.core.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import jm.core.ProtocolException;
import jm.core.ProtocolException.Reason;
import org.junit.jupiter.api.Test;

class MessageSigningStrictnessTest {
    private static final NickKey KEY = NickKey.fromPrivateKey(
            Hashes.sha256("strictness test key".getBytes(StandardCharsets.US_ASCII)));
    private static final String DATA = "0 1000000 abc Pdef";
    private static final byte[] SIGNED = MessageSigning.withHostId(DATA).getBytes(StandardCharsets.UTF_8);

    private static byte[] goodDer() {
        return MessageSigning.signDer(KEY.ecKey(), SIGNED);
    }

    private static String b64(byte[] b) {
        return Base64.getEncoder().encodeToString(b);
    }

    private static ProtocolException failure(String pub, String sig) {
        try {
            MessageSigning.checkPrivmsg(pub, DATA, sig, "privmsg");
        } catch (ProtocolException e) {
            return e;
        }
        throw new AssertionError("expected a ProtocolException");
    }

    @Test
    void acceptsOwnLowSSignature() throws ProtocolException {
        String sig = KEY.signPrivmsg(DATA);
        assertThat(MessageSigning.verifyPrivmsg(KEY.pubKeyHex(), DATA, sig)).isTrue();
        MessageSigning.checkPrivmsg(KEY.pubKeyHex(), DATA, sig, "privmsg");
        assertThat(DerSignature.parse(goodDer(), "sig").isLowS()).isTrue();
    }

    @Test
    void rejectsHighSVersionOfValidSignature() throws ProtocolException {
        DerSignature low = DerSignature.parse(goodDer(), "sig");
        DerSignature high = new DerSignature(low.r(), Secp256k1.ORDER.subtract(low.s()));
        assertThat(high.isLowS()).isFalse();
        assertThat(MessageSigning.verifyDigest(Secp256k1.decodeCompressedHex(KEY.pubKeyHex(), "k"),
                MessageSigning.bitcoinMessageHash(SIGNED), high)).as("mathematically valid").isTrue();
        ProtocolException e = failure(KEY.pubKeyHex(), b64(high.encode()));
        assertThat(e.reason()).isEqualTo(Reason.BAD_SIGNATURE);
        assertThat(e.getMessage()).contains("high-S");
    }

    @Test
    void rejectsNonMinimalInteger() {
        byte[] der = goodDer();
        // insert a redundant leading zero into r
        int rLen = der[3];
        byte[] bad = new byte[der.length + 1];
        bad[0] = 0x30;
        bad[1] = (byte) (der[1] + 1);
        bad[2] = 0x02;
        bad[3] = (byte) (rLen + 1);
        bad[4] = 0x00;
        System.arraycopy(der, 4, bad, 5, der.length - 4);
        assertThat(failure(KEY.pubKeyHex(), b64(bad)).reason()).isEqualTo(Reason.MALFORMED);
    }

    @Test
    void rejectsLongFormLength() {
        byte[] der = goodDer();
        byte[] bad = new byte[der.length + 1];
        bad[0] = 0x30;
        bad[1] = (byte) 0x81;
        bad[2] = der[1];
        System.arraycopy(der, 2, bad, 3, der.length - 2);
        ProtocolException e = failure(KEY.pubKeyHex(), b64(bad));
        assertThat(e.reason()).isEqualTo(Reason.MALFORMED);
        assertThat(e.getMessage()).contains("long-form");
    }

    @Test
    void rejectsTrailingBytes() {
        byte[] der = goodDer();
        byte[] bad = java.util.Arrays.copyOf(der, der.length + 1);
        assertThat(failure(KEY.pubKeyHex(), b64(bad)).getMessage()).contains("trailing");
    }

    @Test
    void rejectsNegativeInteger() {
        // r = 0x80.. without the sign byte
        byte[] r = new byte[32];
        r[0] = (byte) 0x80;
        r[31] = 1;
        byte[] s = {0x01};
        byte[] der = new byte[4 + 32 + 2 + 1 + 2];
        der[0] = 0x30;
        der[1] = (byte) (der.length - 2);
        der[2] = 0x02;
        der[3] = 32;
        System.arraycopy(r, 0, der, 4, 32);
        der[36] = 0x02;
        der[37] = 1;
        der[38] = s[0];
        der = java.util.Arrays.copyOf(der, 39);
        der[1] = 37;
        assertThat(failure(KEY.pubKeyHex(), b64(der)).getMessage()).contains("negative");
    }

    @Test
    void rejectsZeroAndOversizedScalars() {
        byte[] zeroR = {0x30, 0x06, 0x02, 0x01, 0x00, 0x02, 0x01, 0x01};
        assertThat(failure(KEY.pubKeyHex(), b64(zeroR)).reason()).isEqualTo(Reason.OUT_OF_RANGE);
        DerSignature ok = new DerSignature(BigInteger.ONE, BigInteger.ONE);
        byte[] der = ok.encode();
        der[4] = 0x00; // r = 0
        assertThat(failure(KEY.pubKeyHex(), b64(der)).reason()).isEqualTo(Reason.OUT_OF_RANGE);
    }

    @Test
    void rejectsUppercaseOrInvalidPublicKey() {
        String sig = KEY.signPrivmsg(DATA);
        assertThat(failure(KEY.pubKeyHex().toUpperCase(), sig).field()).isEqualTo("privmsg.pubkey");
        assertThat(failure(KEY.pubKeyHex().toUpperCase(), sig).reason()).isEqualTo(Reason.BAD_ENCODING);
        String notOnCurve = "02" + "ff".repeat(32);
        assertThat(failure(notOnCurve, sig).reason()).isEqualTo(Reason.INVALID);
        String uncompressedPrefix = "04" + KEY.pubKeyHex().substring(2);
        assertThat(failure(uncompressedPrefix, sig).field()).isEqualTo("privmsg.pubkey");
        assertThat(failure(KEY.pubKeyHex().substring(2), sig).reason()).isEqualTo(Reason.MALFORMED);
    }

    @Test
    void rejectsNonCanonicalBase64() {
        String sig = KEY.signPrivmsg(DATA);
        String unpadded = sig.replace("=", "");
        assertThat(failure(KEY.pubKeyHex(), unpadded).reason()).isEqualTo(Reason.BAD_ENCODING);
        assertThat(failure(KEY.pubKeyHex(), "-" + sig.substring(1)).reason())
                .isEqualTo(Reason.BAD_ENCODING);
        assertThat(failure(KEY.pubKeyHex(), " " + sig.substring(1)).reason()).isEqualTo(Reason.BAD_ENCODING);
        assertThat(failure(KEY.pubKeyHex(), "").reason()).isEqualTo(Reason.MISSING_FIELD);
    }

    @Test
    void rejectsBase64WithNonZeroTrailingBits() {
        assertThatThrownBy(() -> StrictBase64.decode("QR==", "x")).isInstanceOf(ProtocolException.class);
        assertThat(MessageSigning.verifyBase64(KEY.pubKeyHex(), SIGNED, "QR==")).isFalse();
    }

    @Test
    void rejectsSignatureByAnotherKey() {
        NickKey other = NickKey.fromPrivateKey(Hashes.sha256(new byte[] {1}));
        assertThat(failure(KEY.pubKeyHex(), other.signPrivmsg(DATA)).reason()).isEqualTo(Reason.BAD_SIGNATURE);
    }

    @Test
    void verifiersReturnFalseOnNullsAndGarbage() {
        assertThat(MessageSigning.verifyPrivmsg(null, DATA, null)).isFalse();
        assertThat(MessageSigning.verifyPrivmsg(KEY.pubKeyHex(), DATA, "A".repeat(100_000))).isFalse();
        assertThat(MessageSigning.verifyPrivmsg("zz", DATA, "AAAA")).isFalse();
        assertThat(MessageSigning.verifyPrivmsg(KEY.pubKeyHex(), null, KEY.signPrivmsg(DATA))).isFalse();
        assertThat(MessageSigning.verifyPrivmsg(KEY.pubKeyHex(), DATA, KEY.signPrivmsg(DATA), null)).isFalse();
        assertThat(MessageSigning.verifyBase64(KEY.pubKeyHex(), null, KEY.signPrivmsg(DATA))).isFalse();
    }

    @Test
    void derRoundTripsThroughStrictParser() throws ProtocolException {
        byte[] der = goodDer();
        assertThat(DerSignature.parse(der, "sig").encode()).isEqualTo(der);
    }
}
