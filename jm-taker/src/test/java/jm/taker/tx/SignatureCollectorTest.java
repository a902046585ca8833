package jm.taker.tx;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import jm.core.Nick;
import jm.core.OutPoint;
import jm.core.Sats;
import org.bitcoinj.core.Transaction;
import org.bitcoinj.crypto.ECKey;
import org.bitcoinj.script.ScriptBuilder;
import org.junit.jupiter.api.Test;

/** Uses the CoinJoin of PROTOCOL.md Appendix A (one maker, mainnet keys). */
class SignatureCollectorTest {
    static final HexFormat HEX = HexFormat.of();
    static final Nick MAKER = new Nick("J59y7hPYEhZ3MzDt");
    static final Nick OTHER = new Nick("J59ZjjDtY2v1G1F9");
    static final String UNSIGNED = "0200000002dfa1f83d1c767a936b43fb4718659258f31bc11a56f07f39e821636305d9cce80100000000"
            + "feffffffbf94d0b50a4c4586d7b096d51846ab4dd29231081c86163e2f67c435a148baf50000000000feffffff0440420f00000000"
            + "00160014b4e8a2a37431e01408845fed2fae8770d4da130f14093d0000000000160014ebf1bd3367d02266cdcdd7d6e4cd44b3ab96"
            + "0a320e400f00000000001600148860b70f6334ec7253aaf6505a61bb0fba86dc9740420f000000000016001472919c7adc6e6ee93c"
            + "37f395bc68b49d7cced7da93bb0d00";
    static final String SIG_BLOB = "483045022100ab1dad05f90393bd307a2e97ae6c3598ac87704370af65ccb29dc769241a2d42"
            + "02207f1d804c9fb35c8779594835328cb0efbea1ac6b3f9a4df3efb94d8aa62ce4d90121035152ebbad218621206dcf5995357c56af8"
            + "ea643f273fa4932317b48c4bfcc180";
    static final String MAKER_PUB = "035152ebbad218621206dcf5995357c56af8ea643f273fa4932317b48c4bfcc180";

    static CoinJoinTransaction vectorTx() {
        Transaction tx = Transaction.read(ByteBuffer.wrap(HEX.parseHex(UNSIGNED)));
        byte[] makerSpk = ScriptBuilder.createP2WPKHOutputScript(ECKey.fromPublicOnly(HEX.parseHex(MAKER_PUB))).program();
        var makerIn = new CoinJoinTransaction.InputInfo(
                OutPoint.of("e8ccd905636321e8397ff0561ac11bf35892651847fb436b937a761c3df8a1df", 1), Sats.of(5_000_000),
                makerSpk, Optional.of(MAKER));
        var takerIn = new CoinJoinTransaction.InputInfo(
                OutPoint.of("f5ba48a135c4672f3e16861c083192d24dab4618d596b0d786454c0ab5d094bf", 0), Sats.of(2_000_000),
                HEX.parseHex("00149199234aaad5fe1c096d4e8d2072d6ec7f54811a"), Optional.empty());
        return CoinJoinTransaction.wrap(tx, List.of(makerIn, takerIn));
    }

    @Test
    void acceptsTheSpecMakerSignatureForItsInput() {
        CoinJoinTransaction cj = vectorTx();
        SignatureCollector c = new SignatureCollector(cj);
        assertThat(c.allMakersSigned()).isFalse();
        assertThat(c.accept(MAKER, HEX.parseHex(SIG_BLOB))).isEqualTo(new SigVerdict.Accepted(0));
        assertThat(c.allMakersSigned()).isTrue();
        assertThat(cj.isSigned(0)).isTrue();
        assertThat(cj.isSigned(1)).isFalse();
        assertThat(cj.transaction().getTxId().toString())
                .isEqualTo("d58a5ec8128108aab6dbfc83b1840e601e21e2e4bfb8cbb188131ee5c01ed3a3");
    }

    @Test
    void countsARelayedCopyOnceAsDuplicate() {
        SignatureCollector c = new SignatureCollector(vectorTx());
        c.accept(MAKER, HEX.parseHex(SIG_BLOB));
        assertThat(c.accept(MAKER, HEX.parseHex(SIG_BLOB))).isInstanceOf(SigVerdict.Duplicate.class);
    }

    @Test
    void rejectsASignatureThatDoesNotVerify() {
        byte[] blob = HEX.parseHex(SIG_BLOB);
        blob[10] ^= 1;
        SignatureCollector c = new SignatureCollector(vectorTx());
        assertThat(c.accept(MAKER, blob)).isInstanceOf(SigVerdict.Rejected.class);
        assertThat(c.allMakersSigned()).isFalse();
    }

    @Test
    void rejectsSignatureWithWrongAmountCommitmentWhenValueDiffers() {
        // same signature, but our lookup says the maker input is worth something else: BIP143 fails
        CoinJoinTransaction base = vectorTx();
        var in0 = base.inputs().get(0);
        var lying = new CoinJoinTransaction.InputInfo(in0.outpoint(), Sats.of(5_000_001), in0.scriptPubKey(), in0.owner());
        CoinJoinTransaction cj = CoinJoinTransaction.wrap(base.transaction(), List.of(lying, base.inputs().get(1)));
        assertThat(new SignatureCollector(cj).accept(MAKER, HEX.parseHex(SIG_BLOB)))
                .isInstanceOfSatisfying(SigVerdict.Rejected.class,
                        r -> assertThat(r.reason()).isEqualTo(SigVerdict.Reason.NO_MATCHING_INPUT));
    }

    @Test
    void rejectsSignaturesFromNonParticipants() {
        assertThat(new SignatureCollector(vectorTx()).accept(OTHER, HEX.parseHex(SIG_BLOB)))
                .isInstanceOfSatisfying(SigVerdict.Rejected.class,
                        r -> assertThat(r.reason()).isEqualTo(SigVerdict.Reason.NOT_A_PARTICIPANT));
    }

    @Test
    void rejectsMalformedBlobsWithoutThrowing() {
        SignatureCollector c = new SignatureCollector(vectorTx());
        for (String junk : new String[] {"", "00", "ff", "4c", "05aabb", "0101", "020101020202" + "03aaaaaa"}) {
            assertThat(c.accept(MAKER, HEX.parseHex(junk))).isInstanceOf(SigVerdict.Rejected.class);
        }
    }

    @Test
    void unsignedSerialisationIsLegacyWithoutWitness() {
        CoinJoinTransaction cj = vectorTx();
        new SignatureCollector(cj).accept(MAKER, HEX.parseHex(SIG_BLOB));
        assertThat(HEX.formatHex(cj.unsignedBytes())).isEqualTo(UNSIGNED);
    }

    @Test
    void buildsTheP2wpkhPushBlob() {
        byte[] blob = HEX.parseHex(SIG_BLOB);
        byte[] sig = java.util.Arrays.copyOfRange(blob, 1, 1 + 0x48);
        assertThat(HEX.formatHex(SignatureCollector.p2wpkhBlob(sig, HEX.parseHex(MAKER_PUB)))).isEqualTo(SIG_BLOB);
    }
}
