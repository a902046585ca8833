package jm.maker.offer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Random;
import jm.core.Sats;
import jm.core.offer.Fees;
import jm.core.offer.Offer;
import jm.core.offer.OfferType;
import org.junit.jupiter.api.Test;

class OfferFactoryTest {
    static final Map<Integer, Sats> BALANCES = Map.of(0, Sats.of(1_000_000), 1, Sats.of(5_000_000), 2, Sats.ZERO);
    final Random random = new Random(7);

    static void assertChangeAboveDustEverywhere(Offer o, long balance) {
        for (long a : new long[] {o.minSize().value(), (o.minSize().value() + o.maxSize().value()) / 2,
                o.maxSize().value()}) {
            long change = balance - a - o.txFee().value() + Fees.cjFee(o, a);
            assertThat(change).as("change at %d", a).isGreaterThanOrEqualTo(27_301);
        }
    }

    @Test
    void defaultIsOneRelativeOfferSizedByTheRichestMixdepth() {
        List<Offer> offers = OfferFactory.build(BALANCES, OfferConfig.defaults(), random);
        assertThat(offers).hasSize(1);
        Offer o = offers.get(0);
        assertThat(o.type()).isEqualTo(OfferType.SW0RELOFFER);
        assertThat(o.oid()).isZero();
        assertThat(o.cjFee()).isEqualTo("0.00002");
        assertThat(o.minSize()).isEqualTo(Sats.of(100_000));
        assertThat(o.txFee()).isEqualTo(Sats.ZERO);
        long max = o.maxSize().value();
        // NG rule: largest A with A + txfee + 27301 - cjfee(A) <= balance
        assertThat(max + 27_301 - Fees.cjFee(o, max)).isLessThanOrEqualTo(5_000_000);
        assertThat(max + 1 + 27_301 - Fees.cjFee(o, max + 1)).isGreaterThan(5_000_000);
        assertChangeAboveDustEverywhere(o, 5_000_000);
    }

    @Test
    void absoluteOfferMaxSizeAddsTheFeeBack() {
        OfferConfig c = OfferConfig.defaults().withOrderType(OfferType.SW0ABSOFFER).withFees(BigDecimal.ZERO, 250, 100);
        Offer o = OfferFactory.build(BALANCES, c, random).get(0);
        assertThat(o.type()).isEqualTo(OfferType.SW0ABSOFFER);
        assertThat(o.cjFee()).isEqualTo("250");
        assertThat(o.maxSize().value()).isEqualTo(5_000_000 - 100 - 27_301 + 250);
        assertChangeAboveDustEverywhere(o, 5_000_000);
    }

    @Test
    void noOfferWhenNoMixdepthCanFundMinsize() {
        assertThat(OfferFactory.build(Map.of(0, Sats.of(127_000)), OfferConfig.defaults(), random)).isEmpty();
        assertThat(OfferFactory.build(Map.of(), OfferConfig.defaults(), random)).isEmpty();
        assertThat(OfferFactory.build(Map.of(0, Sats.of(128_000)), OfferConfig.defaults(), random)).hasSize(1);
    }

    @Test
    void minsizeNeverBelowDustAndRelativeMinsizeCoversTheTxFee() {
        Offer low = OfferFactory.build(BALANCES, OfferConfig.defaults().withMinSize(0), random).get(0);
        assertThat(low.minSize().value()).isEqualTo(27_300);
        OfferConfig c = OfferConfig.defaults().withFees(new BigDecimal("0.001"), 0, 1_000);
        Offer o = OfferFactory.build(BALANCES, c, random).get(0);
        // reference break-even: ceil(1.5 * 1000 / 0.001) = 1,500,000
        assertThat(o.minSize().value()).isEqualTo(1_500_000);
        // and when that is above what we can fund, there is no offer at all
        OfferConfig tooDear = OfferConfig.defaults().withFees(new BigDecimal("0.0001"), 0, 1_000);
        assertThat(OfferFactory.build(BALANCES, tooDear, random)).isEmpty();
    }

    @Test
    void dualOffersSplitAtTheFeeIntersectionChargingTheLargerFee() {
        OfferConfig c = OfferConfig.defaults().withDualOffers(true).withFees(new BigDecimal("0.0002"), 500, 0);
        List<Offer> offers = OfferFactory.build(BALANCES, c, random);
        assertThat(offers).hasSize(2);
        Offer abs = offers.get(0);
        Offer rel = offers.get(1);
        assertThat(abs.type()).isEqualTo(OfferType.SW0ABSOFFER);
        assertThat(rel.type()).isEqualTo(OfferType.SW0RELOFFER);
        assertThat(abs.oid()).isZero();
        assertThat(rel.oid()).isEqualTo(1);
        // intersection 500 / 0.0002 = 2,500,000
        assertThat(abs.maxSize().value()).isEqualTo(2_499_999);
        assertThat(rel.minSize().value()).isEqualTo(2_500_000);
        assertThat(Fees.cjFee(abs, 2_499_999)).isGreaterThanOrEqualTo(Fees.cjFee(rel, 2_499_999));
        assertThat(Fees.cjFee(rel, 2_500_000)).isGreaterThanOrEqualTo(Fees.cjFee(abs, 2_500_000));
        assertChangeAboveDustEverywhere(abs, 5_000_000);
        assertChangeAboveDustEverywhere(rel, 5_000_000);
    }

    @Test
    void dualOffersDegradeToOneWhenTheBalanceEndsBeforeTheIntersection() {
        OfferConfig c = OfferConfig.defaults().withDualOffers(true).withFees(new BigDecimal("0.00001"), 500, 0);
        List<Offer> offers = OfferFactory.build(BALANCES, c, random);
        assertThat(offers).extracting(Offer::type).containsExactly(OfferType.SW0ABSOFFER);
    }

    @Test
    void randomisationIsOffByDefaultAndStaysWithinRulesWhenOn() {
        assertThat(OfferConfig.defaults().randomised()).isFalse();
        assertThat(OfferFactory.build(BALANCES, OfferConfig.defaults(), new Random(1)))
                .isEqualTo(OfferFactory.build(BALANCES, OfferConfig.defaults(), new Random(2)));
        OfferConfig c = OfferConfig.defaults().withFees(new BigDecimal("0.0002"), 500, 300)
                .withRandomisation(new BigDecimal("0.1"), new BigDecimal("0.3"), new BigDecimal("0.1"));
        for (int seed = 0; seed < 200; seed++) {
            Offer o = OfferFactory.build(BALANCES, c, new Random(seed)).get(0);
            BigDecimal fee = new BigDecimal(o.cjFee());
            assertThat(fee).isBetween(new BigDecimal("0.00018"), new BigDecimal("0.00022"));
            assertThat(o.txFee().value()).isBetween(210L, 390L);
            assertThat(o.minSize().value()).isLessThanOrEqualTo(o.maxSize().value());
            assertChangeAboveDustEverywhere(o, 5_000_000);
        }
    }

    @Test
    void rejectsInvalidConfig() {
        OfferConfig d = OfferConfig.defaults();
        assertThatThrownBy(() -> d.withFees(BigDecimal.ONE, 0, 0)).hasMessageContaining("cjfee_r");
        assertThatThrownBy(() -> d.withFees(new BigDecimal("-0.1"), 0, 0)).hasMessageContaining("cjfee_r");
        assertThatThrownBy(() -> d.withFees(BigDecimal.ZERO, -1, 0)).hasMessageContaining("cjfee_a");
        assertThatThrownBy(() -> d.withFees(BigDecimal.ZERO, 0, -1)).hasMessageContaining("txfee_contribution");
        assertThatThrownBy(() -> d.withOrderType(OfferType.RELOFFER)).hasMessageContaining("ordertype");
        assertThatThrownBy(() -> d.withRandomisation(BigDecimal.ONE, BigDecimal.ZERO, BigDecimal.ZERO))
                .hasMessageContaining("cjfee_factor");
    }

    @Test
    void makerOffersLookUpSizeRangeAndFeeByOid() {
        MakerOffers offers = new MakerOffers(OfferFactory.build(BALANCES, OfferConfig.defaults(), random));
        assertThat(offers.find(0)).isPresent();
        assertThat(offers.find(1)).isEmpty();
        assertThat(offers.cjFee(0, Sats.of(1_000_000))).contains(Sats.of(20));
    }
}
