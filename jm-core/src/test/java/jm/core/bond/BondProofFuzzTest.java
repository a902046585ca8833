package jm.core.bond;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.math.BigInteger;
import java.util.Base64;
import jm.core.Nick;
import jm.core.OutPoint;
import jm.core.ProtocolException;
import jm.core.crypto.Hashes;
import jm.core.crypto.NickKey;
import org.bitcoinj.crypto.ECKey;

/** Fuzz target for the {@code !tbond} proof parser and verifier. */
class BondProofFuzzTest {
    private static final Nick TAKER = NickKey.fromPrivateKey(Hashes.sha256(new byte[] {1})).nick();
    private static final Nick MAKER = NickKey.fromPrivateKey(Hashes.sha256(new byte[] {2})).nick();
    private static final byte[] VALID = BondProof.build(
            ECKey.fromPrivate(new BigInteger(1, Hashes.sha256(new byte[] {3})), true),
            ECKey.fromPrivate(new BigInteger(1, Hashes.sha256(new byte[] {4})), true), 447, TAKER, MAKER,
            OutPoint.of("cd".repeat(32), 0), TimeNumber.toLocktime(100)).toBytes();

    @FuzzTest(maxDuration = "60s")
    void proofParserAndVerifierFailOnlyWithTypedResults(FuzzedDataProvider data) {
        String b64;
        if (data.consumeBoolean()) {
            byte[] blob = VALID.clone();
            int flips = data.consumeInt(1, 8);
            for (int i = 0; i < flips; i++) {
                blob[data.consumeInt(0, blob.length - 1)] = data.consumeByte();
            }
            b64 = Base64.getEncoder().encodeToString(blob);
        } else {
            b64 = data.consumeRemainingAsString();
        }
        try {
            BondProof p = BondProof.parse(b64);
            BondVerdict v = p.verify(TAKER, MAKER);
            assertThat(v).isNotNull();
            assertThat(BondProof.parse(p.toBase64())).isEqualTo(p);
            assertThat(p.expectedScriptPubKey()).hasSize(34);
        } catch (ProtocolException expected) {
            assertThat(expected.field()).startsWith("tbond");
        }
    }
}
