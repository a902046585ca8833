package jm.core.podle;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.math.BigInteger;
import jm.core.OutPoint;
import jm.core.ProtocolException;
import jm.core.crypto.Hashes;
import org.bitcoinj.crypto.ECKey;

/** Fuzz targets for the {@code !auth} revelation, UTXO strings and commitment fields. */
class PodleFuzzTest {
    private static final String VALID = Podle.prove(
            ECKey.fromPrivate(new BigInteger(1, Hashes.sha256(new byte[] {7})), true),
            OutPoint.of("ab".repeat(32), 1), 0, Hashes.sha256(new byte[] {8})).toWire();

    @FuzzTest(maxDuration = "60s")
    void revelationParserIsCanonicalAndTyped(FuzzedDataProvider data) {
        String line;
        if (data.consumeBoolean()) {
            // mutate one character of a valid revelation
            int at = data.consumeInt(0, VALID.length() - 1);
            line = VALID.substring(0, at) + data.consumeChar() + VALID.substring(at + 1);
        } else {
            line = data.consumeRemainingAsString();
        }
        try {
            PodleRevelation rev = PodleRevelation.parse(line);
            assertThat(rev.toWire()).isEqualTo(line);
            PodleVerdict v = Podle.verify(rev, rev.commitment(), 3);
            assertThat(v).isNotNull();
        } catch (ProtocolException expected) {
            assertThat(expected.reason()).isNotNull();
        }
    }

    @FuzzTest(maxDuration = "60s")
    void utxoAndCommitmentParsersAreCanonicalAndTyped(FuzzedDataProvider data) {
        String s = data.consumeRemainingAsString();
        try {
            assertThat(UtxoRef.parse(s).toWire()).isEqualTo(s);
        } catch (ProtocolException expected) {
            assertThat(expected.field()).startsWith("utxo");
        }
        try {
            assertThat(PodleCommitment.parseFillField(s).toFillField()).isEqualTo(s);
        } catch (ProtocolException expected) {
            assertThat(expected.field()).isEqualTo("fill.commitment");
        }
    }
}
