package jm.taker.offer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import jm.core.Nick;
import jm.core.Sats;
import jm.core.offer.Offer;
import jm.core.offer.OfferType;
import jm.core.testing.Vectors;
import org.junit.jupiter.api.Test;

class MakerOfferTest {

    @Test
    void cjFeeMatchesEveryReferenceVectorIncludingHalfEvenCases() {
        JsonNode vectors = Vectors.load("cj_fee/cj_fee.json").get("vectors");
        assertThat(vectors.size()).isGreaterThan(5);
        for (JsonNode v : vectors) {
            OfferType kind = OfferType.fromWireName(v.get("ordertype").asText()).orElseThrow();
            long fee = MakerOffer.cjFeeSats(kind.isRelative(), new BigDecimal(v.get("cjfee").asText()),
                    Sats.of(v.get("cj_amount").asLong())).value();
            assertThat(fee).as(v.toString()).isEqualTo(v.get("real_cjfee_sat").asLong());
        }
    }

    @Test
    void usesTwentyEightDigitContextLikePythonDecimal() {
        // PROTOCOL.md 6.2: the reference gets 2 here, exact arithmetic would give 3.
        Sats fee = MakerOffer.cjFeeSats(true, new BigDecimal("0.000025000000000000000000000000001"), Sats.of(100_000));
        assertThat(fee).isEqualTo(Sats.of(2));
    }

    @Test
    void rejectsMinSizeAboveMaxSize() {
        assertThatThrownBy(() -> new MakerOffer(new Nick("J5AAAAAAAAAAAAAA"), OfferType.SW0RELOFFER, 0,
                Sats.of(5), Sats.of(4), Sats.ZERO, BigDecimal.ZERO, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void amountBoundsAreStrict() {
        MakerOffer o = new MakerOffer(new Nick("J5AAAAAAAAAAAAAA"), OfferType.SW0RELOFFER, 0, Sats.of(100_000),
                Sats.of(200_000), Sats.ZERO, new BigDecimal("0.0001"), 0);
        assertThat(o.acceptsAmountStrictly(Sats.of(100_000))).isFalse();
        assertThat(o.acceptsAmountStrictly(Sats.of(100_001))).isTrue();
        assertThat(o.acceptsAmountStrictly(Sats.of(199_999))).isTrue();
        assertThat(o.acceptsAmountStrictly(Sats.of(200_000))).isFalse();
    }

    @Test
    void wrapsTheCoreOfferItWasMadeFrom() throws Exception {
        Offer parsed = Offer.parse(OfferType.SW0RELOFFER, "3 100000 5000000 0 0.00002");
        MakerOffer o = MakerOffer.from(new Nick("J5AAAAAAAAAAAAAA"), parsed);
        assertThat(o.offer()).isEqualTo(parsed);
        assertThat(o.cjFee()).isEqualByComparingTo(parsed.cjFeeDecimal());
        assertThat(o.withBondValue(2.5).offer()).isEqualTo(parsed);
        assertThat(o.withBondValue(2.5).hasBond()).isTrue();
    }

    @Test
    void rejectsAbsoluteFeesThatAreNotWholeSatoshis() {
        assertThatThrownBy(() -> new MakerOffer(new Nick("J5AAAAAAAAAAAAAA"), OfferType.SW0ABSOFFER, 0,
                Sats.of(100_000), Sats.of(200_000), Sats.ZERO, new BigDecimal("1.5"), 0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new MakerOffer(new Nick("J5AAAAAAAAAAAAAA"), OfferType.SW0RELOFFER, 0,
                Sats.of(100_000), Sats.of(200_000), Sats.ZERO, new BigDecimal("1"), 0))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
