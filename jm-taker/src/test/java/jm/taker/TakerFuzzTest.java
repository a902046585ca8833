package jm.taker;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import jm.chain.TxOutInfo;
import jm.core.Network;
import jm.core.Nick;
import jm.core.OutPoint;
import jm.core.ProtocolException;
import jm.core.Sats;
import jm.taker.offer.MakerOffer;
import jm.core.offer.OfferType;
import jm.taker.offer.OfferParser;
import jm.taker.tx.SigVerdict;
import jm.taker.tx.SignatureCollector;
import jm.taker.verify.IoAuthClaim;
import jm.taker.verify.IoAuthVerdict;
import jm.taker.verify.IoAuthVerifier;

/**
 * Fuzz targets (regression mode in normal test runs; real fuzzing with JAZZER_FUZZ=1): the
 * taker's parsers and verifiers of peer data never throw an unchecked exception, and a
 * signature blob never signs an input unless it verifies.
 */
class TakerFuzzTest {
    private static final Nick MAKER = new Nick("J59y7hPYEhZ3MzDt");
    private static final String[] TYPES = {"sw0reloffer", "sw0absoffer", "reloffer", "absoffer", "x"};

    @FuzzTest(maxDuration = "30s")
    void offerParserOnlyThrowsProtocolException(FuzzedDataProvider data) {
        String type = TYPES[data.consumeInt(0, TYPES.length - 1)];
        String fields = data.consumeRemainingAsString();
        try {
            MakerOffer o = OfferParser.parse(MAKER, type, fields);
            assertThat(o.minSize().compareTo(o.maxSize())).isLessThanOrEqualTo(0);
            assertThat(o.cjFee().signum()).isGreaterThanOrEqualTo(0);
        } catch (ProtocolException expected) {
            assertThat(expected.reason()).isNotNull();
        }
    }

    @FuzzTest(maxDuration = "30s")
    void signatureCollectorNeverThrowsAndOnlyAcceptsValidSignatures(FuzzedDataProvider data) {
        var cj = jm.taker.tx.SignatureCollectorFixture.vectorTx();
        SignatureCollector c = new SignatureCollector(cj);
        byte[] blob = data.consumeRemainingAsBytes();
        SigVerdict v = c.accept(MAKER, blob);
        if (v instanceof SigVerdict.Accepted a) {
            // only the spec's genuine signature verifies for that input
            assertThat(HexFormat.of().formatHex(blob)).isEqualTo(jm.taker.tx.SignatureCollectorFixture.SIG_BLOB);
            assertThat(a.index()).isZero();
        }
    }

    @FuzzTest(maxDuration = "30s")
    void ioauthVerifierNeverThrows(FuzzedDataProvider data) {
        OutPoint u = OutPoint.of("aa".repeat(32), 0);
        IoAuthClaim claim = new IoAuthClaim(List.of(u), data.consumeString(80), data.consumeString(100),
                data.consumeString(100), data.consumeString(120));
        byte[] spk = data.consumeBytes(40);
        Map<OutPoint, Optional<TxOutInfo>> lookups = Map.of(u, Optional.of(new TxOutInfo(
                Sats.of(data.consumeLong(0, Sats.MAX_MONEY)), spk, data.consumeInt(0, 100), false)));
        MakerOffer offer = new MakerOffer(MAKER, OfferType.SW0RELOFFER, 0, Sats.of(27_300), Sats.of(1_000_000_000),
                Sats.ZERO, new BigDecimal("0.0002"), 0);
        IoAuthVerdict v = new IoAuthVerifier(Network.REGTEST, 15).verify(MAKER,
                new String(data.consumeRemainingAsBytes(), StandardCharsets.ISO_8859_1), claim, offer,
                Sats.of(1_000_000), lookups, Set.of(), Set.of());
        assertThat(v).isNotNull();
    }
}
