package jm.core.podle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.security.SecureRandom;
import jm.core.OutPoint;
import jm.core.ProtocolException;
import jm.core.ProtocolException.Reason;
import jm.core.crypto.Hashes;
import jm.core.crypto.Secp256k1;
import jm.core.crypto.StrictHex;
import org.bitcoinj.crypto.ECKey;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PodleRevelationTest {
    private static final ECKey KEY = ECKey.fromPrivate(new BigInteger(1, Hashes.sha256("podle key".getBytes())), true);
    private static final OutPoint UTXO = OutPoint.of("ab" + "11".repeat(31), 3);
    private static final PodleRevelation GOOD = Podle.prove(KEY, UTXO, 1, Hashes.sha256("nonce".getBytes()));

    private static Reason reasonOf(String line) {
        try {
            PodleRevelation.parse(line);
        } catch (ProtocolException e) {
            return e.reason();
        }
        throw new AssertionError("accepted: " + line);
    }

    private static String[] fields() {
        return GOOD.toWire().split("\\|");
    }

    private static String with(int i, String value) {
        String[] f = fields();
        f[i] = value;
        return String.join("|", f);
    }

    @Test
    void roundTripsLegacyAndExtendedForms() throws ProtocolException {
        assertThat(PodleRevelation.parse(GOOD.toWire())).isEqualTo(GOOD);
        UtxoRef ext = UtxoRef.extended(UTXO, StrictHex.decodeAny("0014" + "ab".repeat(20), "s"), 899_000);
        PodleRevelation extRev = Podle.prove(KEY, ext, 0, new SecureRandom());
        assertThat(extRev.toWire()).startsWith(UTXO.toWire() + ":0014" + "ab".repeat(20) + ":899000|");
        PodleRevelation parsed = PodleRevelation.parse(extRev.toWire());
        assertThat(parsed).isEqualTo(extRev);
        assertThat(parsed.utxo().isExtended()).isTrue();
        assertThat(parsed.utxo().height()).isEqualTo(899_000);
        assertThat(Podle.verify(parsed, parsed.commitment(), 3)).isEqualTo(new PodleVerdict.Accepted(0));
    }

    @Test
    void randomNonceProofVerifiesOnlyAtItsIndex() {
        PodleRevelation rev = Podle.prove(KEY, UtxoRef.legacy(UTXO), 2, new SecureRandom());
        assertThat(Podle.verify(rev, rev.commitment(), 3)).isEqualTo(new PodleVerdict.Accepted(2));
        assertThat(Podle.verify(rev, rev.commitment(), 2)).isInstanceOf(PodleVerdict.Rejected.class);
    }

    @Test
    void rejectsWrongCommitment() throws ProtocolException {
        PodleCommitment other = PodleCommitment.parseHex("00".repeat(32));
        PodleVerdict v = Podle.verify(GOOD, other, 3);
        assertThat(v).isInstanceOf(PodleVerdict.Rejected.class);
        assertThat(((PodleVerdict.Rejected) v).reason()).isEqualTo(PodleVerdict.Reason.COMMITMENT_MISMATCH);
    }

    @Test
    void rejectsZeroAndOutOfRangeS() throws ProtocolException {
        for (String s : new String[] {"00".repeat(32), StrictHex.encode(Secp256k1.scalarBytes(Secp256k1.ORDER)), "ff".repeat(32)}) {
            PodleRevelation bad = PodleRevelation.parse(with(3, s));
            PodleVerdict v = Podle.verify(bad, bad.commitment(), 3);
            assertThat(((PodleVerdict.Rejected) v).reason()).isEqualTo(PodleVerdict.Reason.S_OUT_OF_RANGE);
        }
    }

    @Test
    void rejectsTamperedProof() throws ProtocolException {
        String e = fields()[4];
        String flipped = (e.charAt(0) == '0' ? "1" : "0") + e.substring(1);
        PodleRevelation bad = PodleRevelation.parse(with(4, flipped));
        assertThat(((PodleVerdict.Rejected) Podle.verify(bad, bad.commitment(), 3)).reason())
                .isEqualTo(PodleVerdict.Reason.NO_INDEX_VERIFIES);
        PodleRevelation otherP = PodleRevelation.parse(with(1, StrictHex.encode(Nums.generator(7))));
        assertThat(Podle.verify(otherP, otherP.commitment(), 3).isAccepted()).isFalse();
    }

    @Test
    void rejectsPointsNotOnCurve() {
        assertThat(reasonOf(with(1, "02" + "ff".repeat(32)))).isEqualTo(Reason.INVALID);
        assertThat(reasonOf(with(2, "05" + fields()[2].substring(2)))).isEqualTo(Reason.INVALID);
        assertThat(reasonOf(with(2, "00".repeat(33)))).isEqualTo(Reason.INVALID);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "",
        "a|b|c|d",
        "a|b|c|d|e|f",
    })
    void rejectsWrongFieldCount(String line) {
        assertThat(reasonOf(line)).isIn(Reason.MALFORMED, Reason.MISSING_FIELD);
    }

    @Test
    void rejectsBadEncodingsAndLengths() {
        assertThat(reasonOf(with(1, fields()[1].toUpperCase()))).isEqualTo(Reason.BAD_ENCODING);
        assertThat(reasonOf(with(3, fields()[3].substring(2)))).isEqualTo(Reason.MALFORMED);
        assertThat(reasonOf(with(4, fields()[4] + "00"))).isEqualTo(Reason.MALFORMED);
        assertThat(reasonOf(with(0, UTXO.txid() + ":x"))).isEqualTo(Reason.BAD_ENCODING);
        assertThat(reasonOf(with(0, UTXO.txid() + ":01"))).isEqualTo(Reason.MALFORMED);
        assertThat(reasonOf(with(0, UTXO.txid() + ":1:0014:"))).isEqualTo(Reason.MALFORMED);
        assertThat(reasonOf(with(0, UTXO.txid() + ":1:0014"))).isEqualTo(Reason.MALFORMED);
        assertThat(reasonOf(with(0, UTXO.txid() + ":1::5"))).isEqualTo(Reason.OUT_OF_RANGE);
        assertThat(reasonOf(with(0, UTXO.txid() + ":1:00ZZ:5"))).isEqualTo(Reason.BAD_ENCODING);
        assertThat(reasonOf(with(0, UTXO.txid() + ":1:0014:99999999999"))).isEqualTo(Reason.MALFORMED);
        assertThat(reasonOf(with(0, UTXO.txid().toString().toUpperCase() + ":1"))).isEqualTo(Reason.BAD_ENCODING);
        assertThat(reasonOf("x".repeat(PodleRevelation.MAX_WIRE_CHARS + 1))).isEqualTo(Reason.OVERSIZED);
    }

    @Test
    void commitmentFieldRequiresPPrefixAnd64LowercaseHex() throws ProtocolException {
        String hex = GOOD.commitment().toHex();
        assertThat(PodleCommitment.parseFillField("P" + hex)).isEqualTo(GOOD.commitment());
        assertThatThrownBy(() -> PodleCommitment.parseFillField("Q" + hex)).isInstanceOf(ProtocolException.class)
                .hasMessageContaining("unsupported commitment type");
        assertThatThrownBy(() -> PodleCommitment.parseFillField(hex)).isInstanceOf(ProtocolException.class);
        assertThatThrownBy(() -> PodleCommitment.parseFillField("P" + hex.toUpperCase())).isInstanceOf(ProtocolException.class);
        assertThatThrownBy(() -> PodleCommitment.parseHex(hex.substring(1))).isInstanceOf(ProtocolException.class);
        assertThatThrownBy(() -> PodleCommitment.parseFillField("")).isInstanceOf(ProtocolException.class);
    }

    @Test
    void pubKeyMatchesItsP2wpkhP2shP2wpkhAndP2pkhScriptsOnly() {
        byte[] h = Hashes.hash160(KEY.getPubKey());
        String p2wpkh = "0014" + StrictHex.encode(h);
        assertThat(p2wpkh).isEqualTo(StrictHex.encode(org.bitcoinj.script.ScriptBuilder.createP2WPKHOutputScript(KEY).program()));
        assertThat(GOOD.pubKeyMatchesScript(java.util.HexFormat.of().parseHex(p2wpkh))).isTrue();
        String p2sh = "a914" + StrictHex.encode(Hashes.hash160(java.util.HexFormat.of().parseHex(p2wpkh))) + "87";
        assertThat(GOOD.pubKeyMatchesScript(java.util.HexFormat.of().parseHex(p2sh))).isTrue();
        String p2pkh = "76a914" + StrictHex.encode(h) + "88ac";
        assertThat(p2pkh).isEqualTo(StrictHex.encode(org.bitcoinj.script.ScriptBuilder.createP2PKHOutputScript(KEY).program()));
        assertThat(GOOD.pubKeyMatchesScript(java.util.HexFormat.of().parseHex(p2pkh))).isTrue();
        ECKey other = ECKey.fromPrivate(BigInteger.TWO, true);
        assertThat(GOOD.pubKeyMatchesScript(org.bitcoinj.script.ScriptBuilder.createP2WPKHOutputScript(other).program()))
                .isFalse();
        assertThat(GOOD.pubKeyMatchesScript(new byte[0])).isFalse();
        assertThat(GOOD.pubKeyMatchesScript(null)).isFalse();
    }

    @Test
    void recordCopiesArraysInAndOut() {
        byte[] s = GOOD.s();
        s[0] ^= 1;
        assertThat(GOOD.s()).isNotEqualTo(s);
    }
}
