package jm.taker.tx;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HexFormat;
import jm.core.Nick;
import org.junit.jupiter.api.Test;

/**
 * Regression for a fuzzing finding (TakerFuzzTest#signatureCollectorNeverThrowsAndOnlyAcceptsValidSignatures,
 * input {@code crash-a1ccf691be6bdeb332dacf904e3a8ccda9f0f68f}): the spec maker's signature wrapped in a
 * non-minimal OP_PUSHDATA1 was accepted as a second, different blob for the same signature.
 */
class SignatureCollectorPushEncodingTest {
    private static final HexFormat HEX = HexFormat.of();
    private static final Nick MAKER = new Nick("J59y7hPYEhZ3MzDt");

    @Test
    void rejectsTheSpecSignatureReEncodedWithNonMinimalPushdata1() {
        SignatureCollector c = new SignatureCollector(SignatureCollectorFixture.vectorTx());
        byte[] blob = HEX.parseHex("4c" + SignatureCollectorFixture.SIG_BLOB);

        assertThat(c.accept(MAKER, blob)).isInstanceOfSatisfying(SigVerdict.Rejected.class,
                r -> assertThat(r.reason()).isEqualTo(SigVerdict.Reason.MALFORMED));
        assertThat(c.accept(MAKER, HEX.parseHex(SignatureCollectorFixture.SIG_BLOB)))
                .isEqualTo(new SigVerdict.Accepted(0));
    }

    @Test
    void parsesPushdata1OnlyForPushesLongerThan75Bytes() {
        byte[] long76 = new byte[78];
        long76[0] = 0x4c;
        long76[1] = 76;
        assertThat(SignatureCollector.parsePushes(long76)).singleElement()
                .satisfies(p -> assertThat(p).hasSize(76));
        assertThat(SignatureCollector.parsePushes(HEX.parseHex("4c01ab"))).isNull();
    }
}
