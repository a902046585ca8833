package jm.core.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.spec.NamedParameterSpec;
import java.security.spec.XECPrivateKeySpec;
import java.security.spec.XECPublicKeySpec;
import java.util.Arrays;
import java.util.Base64;
import java.util.Random;
import javax.crypto.KeyAgreement;
import jm.core.ProtocolException;
import jm.core.ProtocolException.Reason;
import org.bouncycastle.crypto.engines.Salsa20Engine;
import org.bouncycastle.crypto.engines.XSalsa20Engine;
import org.bouncycastle.crypto.params.KeyParameter;
import org.bouncycastle.crypto.params.ParametersWithIV;
import org.junit.jupiter.api.Test;

class BoxChannelTest {
    private static final SecureRandom RANDOM = new SecureRandom();

    private static BoxKeyPair key(String label) {
        return BoxKeyPair.fromSecret(Hashes.sha256(label.getBytes()));
    }

    @Test
    void roundTripsEveryLengthInBothDirections() throws ProtocolException {
        BoxKeyPair a = key("a");
        BoxKeyPair b = key("b");
        BoxChannel ab = BoxChannel.of(a, b.publicKey());
        BoxChannel ba = BoxChannel.of(b, a.publicKey());
        Random r = new Random(7);
        for (int len = 0; len < 300; len += 7) {
            char[] text = new char[len];
            for (int i = 0; i < len; i++) {
                text[i] = (char) (32 + r.nextInt(95));
            }
            String pt = new String(text);
            assertThat(ba.decrypt(ab.encrypt(pt, RANDOM))).isEqualTo(pt);
            assertThat(ab.decrypt(ba.encrypt(pt, RANDOM))).isEqualTo(pt);
        }
    }

    @Test
    void randomNoncesDifferPerMessage() {
        BoxChannel ab = channel();
        assertThat(ab.encrypt("same", RANDOM)).isNotEqualTo(ab.encrypt("same", RANDOM));
    }

    private static BoxChannel channel() {
        try {
            return BoxChannel.of(key("a"), key("b").publicKey());
        } catch (ProtocolException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void rejectsEveryFlippedBit() {
        BoxChannel ab = channel();
        byte[] box = Base64.getDecoder().decode(ab.encrypt("!auth payload", RANDOM));
        for (int i = 0; i < box.length * 8; i += 5) {
            byte[] bad = box.clone();
            bad[i / 8] ^= (byte) (1 << (i % 8));
            String wire = Base64.getEncoder().encodeToString(bad);
            assertThatThrownBy(() -> ab.decrypt(wire)).isInstanceOf(ProtocolException.class)
                    .extracting(e -> ((ProtocolException) e).reason()).isEqualTo(Reason.BAD_SIGNATURE);
        }
    }

    @Test
    void rejectsTruncatedBadBase64AndOversizedInput() {
        BoxChannel ab = channel();
        String wire = ab.encrypt("hello", RANDOM);
        byte[] raw = Base64.getDecoder().decode(wire);
        String short39 = Base64.getEncoder().encodeToString(Arrays.copyOf(raw, 39));
        assertThatThrownBy(() -> ab.decrypt(short39)).isInstanceOf(ProtocolException.class)
                .hasMessageContaining("shorter than nonce and MAC");
        assertThatThrownBy(() -> ab.decrypt(wire.substring(0, wire.length() - 1)))
                .isInstanceOf(ProtocolException.class);
        assertThatThrownBy(() -> ab.decrypt("%%%%" + wire)).isInstanceOf(ProtocolException.class);
        assertThatThrownBy(() -> ab.decrypt("A".repeat(40_004))).isInstanceOf(ProtocolException.class)
                .extracting(e -> ((ProtocolException) e).reason()).isEqualTo(Reason.OVERSIZED);
        assertThatThrownBy(() -> ab.decrypt(null)).isInstanceOf(ProtocolException.class);
    }

    @Test
    void rejectsNonAsciiPlaintextFromPeer() throws ProtocolException {
        BoxChannel ab = channel();
        String wire = Base64.getEncoder().encodeToString(ab.seal(new byte[] {'a', (byte) 0xc3, (byte) 0xa9}, new byte[24]));
        assertThatThrownBy(() -> ab.decrypt(wire)).isInstanceOf(ProtocolException.class)
                .extracting(e -> ((ProtocolException) e).reason()).isEqualTo(Reason.BAD_ENCODING);
        assertThatThrownBy(() -> ab.encrypt("caf\u00e9", RANDOM)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void rejectsLowOrderAndMalformedPeerKeys() {
        BoxKeyPair a = key("a");
        assertThatThrownBy(() -> BoxChannel.of(a, new byte[32])).isInstanceOf(ProtocolException.class)
                .extracting(e -> ((ProtocolException) e).reason()).isEqualTo(Reason.INVALID);
        byte[] one = new byte[32];
        one[0] = 1;
        assertThatThrownBy(() -> BoxChannel.of(a, one)).isInstanceOf(ProtocolException.class);
        assertThatThrownBy(() -> BoxChannel.of(a, new byte[31])).isInstanceOf(ProtocolException.class);
        assertThatThrownBy(() -> BoxChannel.of(a, "AB".repeat(32))).isInstanceOf(ProtocolException.class)
                .extracting(e -> ((ProtocolException) e).reason()).isEqualTo(Reason.BAD_ENCODING);
    }

    @Test
    void keyPairAndChannelNeverPrintSecrets() throws ProtocolException {
        BoxKeyPair a = key("a");
        String secretHex = StrictHex.encode(a.secret());
        assertThat(a.toString()).doesNotContain(secretHex).contains("redacted");
        BoxChannel c = BoxChannel.of(a, key("b").publicKey());
        assertThat(c.toString()).doesNotContain(StrictHex.encode(c.sharedKey()));
    }

    /** Second construction of HSalsa20: XSalsa20(k, n16||n8) must equal Salsa20(HSalsa20(k, n16), n8). */
    @Test
    void hsalsa20AgreesWithBouncyCastleXSalsa20() {
        Random r = new Random(1);
        for (int t = 0; t < 20; t++) {
            byte[] k = new byte[32];
            byte[] n = new byte[24];
            r.nextBytes(k);
            r.nextBytes(n);
            XSalsa20Engine x = new XSalsa20Engine();
            x.init(true, new ParametersWithIV(new KeyParameter(k), n));
            byte[] viaX = new byte[128];
            x.processBytes(new byte[128], 0, 128, viaX, 0);
            Salsa20Engine s = new Salsa20Engine();
            s.init(true, new ParametersWithIV(new KeyParameter(HSalsa20.derive(k, Arrays.copyOf(n, 16))),
                    Arrays.copyOfRange(n, 16, 24)));
            byte[] viaS = new byte[128];
            s.processBytes(new byte[128], 0, 128, viaS, 0);
            assertThat(viaS).isEqualTo(viaX);
        }
    }

    /** Second construction of the key agreement: the JDK's own X25519 (XDH) implementation. */
    @Test
    void x25519AgreesWithJdkXdh() throws Exception {
        BoxKeyPair a = key("jdk a");
        BoxKeyPair b = key("jdk b");
        KeyFactory kf = KeyFactory.getInstance("XDH");
        PrivateKey priv = kf.generatePrivate(new XECPrivateKeySpec(NamedParameterSpec.X25519, a.secret()));
        byte[] pubLe = b.publicKey();
        byte[] be = new byte[32];
        for (int i = 0; i < 32; i++) {
            be[i] = pubLe[31 - i];
        }
        PublicKey pub = kf.generatePublic(new XECPublicKeySpec(NamedParameterSpec.X25519, new BigInteger(1, be)));
        KeyAgreement ka = KeyAgreement.getInstance("XDH");
        ka.init(priv);
        ka.doPhase(pub, true);
        byte[] dh = ka.generateSecret();
        byte[] expected = HSalsa20.derive(dh, new byte[16]);
        assertThat(BoxChannel.of(a, b.publicKey()).sharedKey()).isEqualTo(expected);
    }
}
