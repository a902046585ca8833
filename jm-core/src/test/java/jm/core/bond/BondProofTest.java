package jm.core.bond;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import jm.core.Nick;
import jm.core.OutPoint;
import jm.core.ProtocolException;
import jm.core.ProtocolException.Reason;
import jm.core.crypto.Hashes;
import jm.core.crypto.MessageSigning;
import jm.core.crypto.NickKey;
import org.bitcoinj.crypto.ECKey;
import org.junit.jupiter.api.Test;

class BondProofTest {
    private static final HexFormat HEX = HexFormat.of();
    private static final ECKey UTXO_KEY = key("bond test utxo");
    private static final ECKey CERT_KEY = key("bond test cert");
    private static final Nick TAKER = NickKey.fromPrivateKey(Hashes.sha256("t".getBytes())).nick();
    private static final Nick MAKER = NickKey.fromPrivateKey(Hashes.sha256("m".getBytes())).nick();
    private static final OutPoint UTXO = OutPoint.of("5545ed6e0765a7275f60f67373874069c8da971d85117dab63109e70e3ad5d03", 7);
    private static final long LOCKTIME = TimeNumber.toLocktime(84);

    private static ECKey key(String label) {
        return ECKey.fromPrivate(new BigInteger(1, Hashes.sha256(label.getBytes())), true);
    }

    private static BondProof proof() {
        return BondProof.build(UTXO_KEY, CERT_KEY, 447, TAKER, MAKER, UTXO, LOCKTIME);
    }

    private static Reason reasonOf(String base64) {
        try {
            BondProof.parse(base64);
        } catch (ProtocolException e) {
            return e.reason();
        }
        throw new AssertionError("accepted");
    }

    @Test
    void roundTripsThroughBase64() throws ProtocolException {
        BondProof p = proof();
        String b64 = p.toBase64();
        assertThat(b64).hasSize(BondProof.BASE64_LENGTH);
        BondProof parsed = BondProof.parse(b64);
        assertThat(parsed).isEqualTo(p);
        assertThat(parsed.utxo()).isEqualTo(UTXO);
        assertThat(parsed.locktime()).isEqualTo(LOCKTIME);
        assertThat(parsed.verify(TAKER, MAKER).isValid()).isTrue();
    }

    @Test
    void acceptsColdStorageCertificateWithHexCertPub() throws ProtocolException {
        BondProof hot = proof();
        byte[] coldCertSig = MessageSigning.signDer(UTXO_KEY, BondProof.certMessage(CERT_KEY.getPubKey(), 447, true));
        BondProof cold = new BondProof(hot.nickSig(), coldCertSig, hot.certPub(), 447, hot.utxoPub(), UTXO, LOCKTIME);
        assertThat(BondProof.parse(cold.toBase64()).verify(TAKER, MAKER).isValid()).isTrue();
    }

    @Test
    void rejectsCertificateByAnotherKeyOrForAnotherExpiry() {
        BondProof hot = proof();
        byte[] wrongKey = MessageSigning.signDer(CERT_KEY, BondProof.certMessage(CERT_KEY.getPubKey(), 447, false));
        BondVerdict v = new BondProof(hot.nickSig(), wrongKey, hot.certPub(), 447, hot.utxoPub(), UTXO, LOCKTIME)
                .verify(TAKER, MAKER);
        assertThat(((BondVerdict.Invalid) v).reason()).isEqualTo(BondVerdict.Reason.CERT_SIGNATURE);
        BondVerdict expiry = new BondProof(hot.nickSig(), hot.certSig(), hot.certPub(), 448, hot.utxoPub(), UTXO, LOCKTIME)
                .verify(TAKER, MAKER);
        assertThat(((BondVerdict.Invalid) expiry).reason()).isEqualTo(BondVerdict.Reason.CERT_SIGNATURE);
    }

    @Test
    void rejectsProofForAnotherTaker() {
        Nick other = NickKey.fromPrivateKey(Hashes.sha256("o".getBytes())).nick();
        assertThat(((BondVerdict.Invalid) proof().verify(other, MAKER)).reason())
                .isEqualTo(BondVerdict.Reason.NICK_SIGNATURE);
    }

    @Test
    void rejectsWrongLengthEncodingAndPadding() {
        String b64 = proof().toBase64();
        assertThat(reasonOf(b64.substring(4))).isEqualTo(Reason.MALFORMED);
        assertThat(reasonOf(b64 + "AAAA")).isEqualTo(Reason.OVERSIZED);
        assertThat(reasonOf("!" + b64.substring(1))).isEqualTo(Reason.BAD_ENCODING);
        assertThat(reasonOf("")).isEqualTo(Reason.MISSING_FIELD);
        byte[] raw = proof().toBytes();
        Arrays.fill(raw, 0, 72, (byte) 0xff);
        assertThat(reasonOf(Base64.getEncoder().encodeToString(raw))).isEqualTo(Reason.MALFORMED);
        byte[] badKey = proof().toBytes();
        badKey[144] = 0x04;
        assertThat(reasonOf(Base64.getEncoder().encodeToString(badKey))).isEqualTo(Reason.INVALID);
    }

    @Test
    void corruptedSignatureFieldFailsVerificationWithoutThrowing() throws ProtocolException {
        byte[] raw = proof().toBytes();
        raw[71] ^= 0x01;
        BondProof p = BondProof.parseBytes(raw);
        assertThat(p.verify(TAKER, MAKER).isValid()).isFalse();
    }

    @Test
    void certExpiryFollowsHotWalletRule() {
        assertThat(BondProof.certExpiryFor(900_000)).isEqualTo(447);
        BondProof p = proof();
        assertThat(p.certValidAtHeight(447L * 2016)).isTrue();
        assertThat(p.certValidAtHeight(447L * 2016 + 1)).isFalse();
    }

    @Test
    void unsignedFieldsDecodeLittleEndian() throws ProtocolException {
        BondProof p = new BondProof(proof().nickSig(), proof().certSig(), CERT_KEY.getPubKey(), 0xFFFF,
                UTXO_KEY.getPubKey(), OutPoint.of(UTXO.txid().toString(), 0xFFFF_FFFFL), 0xFFFF_FFFFL);
        BondProof parsed = BondProof.parse(p.toBase64());
        assertThat(parsed.certExpiry()).isEqualTo(0xFFFF);
        assertThat(parsed.utxo().vout()).isEqualTo(0xFFFF_FFFFL);
        assertThat(parsed.locktime()).isEqualTo(0xFFFF_FFFFL);
        byte[] raw = p.toBytes();
        assertThat(HEX.formatHex(raw, 212, 244)).isEqualTo(UTXO.txid().toString());
    }

    @Test
    void constructorRejectsBadValues() {
        BondProof p = proof();
        assertThatThrownBy(() -> new BondProof(new byte[73], p.certSig(), p.certPub(), 1, p.utxoPub(), UTXO, 1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new BondProof(p.nickSig(), p.certSig(), p.certPub(), 65_536, p.utxoPub(), UTXO, 1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new BondProof(p.nickSig(), p.certSig(), new byte[33], 1, p.utxoPub(), UTXO, 1))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
