package jm.core.offer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import jm.core.ProtocolException;
import jm.core.ProtocolException.Reason;
import jm.core.Sats;
import org.junit.jupiter.api.Test;

class OfferTest {

    static Offer rel(String fee) throws ProtocolException {
        return Offer.parse(OfferType.SW0RELOFFER, "0 100000 4972000 0 " + fee);
    }

    @Test
    void specRoundingExamplesAreHalfEven() throws Exception {
        assertThat(Fees.cjFeeSats(rel("0.000022"), Sats.of(9_994_243)).value()).isEqualTo(220);
        assertThat(Fees.cjFeeSats(rel("0.000002"), Sats.of(1_250_000)).value()).isEqualTo(2);
        assertThat(Fees.cjFeeSats(rel("0.000002"), Sats.of(3_750_000)).value()).isEqualTo(8);
    }

    @Test
    void productIsRoundedTo28DigitsBeforeTheQuantizeAsPythonDoes() throws Exception {
        Offer o = rel("0.000025000000000000000000000000001");
        assertThat(Fees.cjFeeSats(o, Sats.of(100_000)).value()).isEqualTo(2);
        BigDecimal exact = o.cjFeeDecimal().multiply(BigDecimal.valueOf(100_000));
        assertThat(exact.setScale(0, java.math.RoundingMode.HALF_EVEN).longValue()).isEqualTo(3);
    }

    @Test
    void absoluteFeeIsTheIntegerAndMakerNetSubtractsTxFee() throws Exception {
        Offer o = Offer.parse(OfferType.SW0ABSOFFER, "1 100000 4972000 300 250");
        assertThat(Fees.cjFeeSats(o, Sats.of(1_000_000)).value()).isEqualTo(250);
        assertThat(Fees.makerNet(o, Sats.of(1_000_000))).isEqualTo(-50);
    }

    @Test
    void specOfferAnnouncementRoundTrips() throws Exception {
        Offer o = rel("0.00002");
        assertThat(o.toWire()).isEqualTo("sw0reloffer 0 100000 4972000 0 0.00002");
        assertThat(Offer.parse(o.type(), o.toWireFields())).isEqualTo(o);
    }

    @Test
    void storesCanonicalFeeTextButNeverSendsExponents() throws Exception {
        assertThat(rel("2e-05").cjFee()).isEqualTo("0.00002");
        assertThat(rel("0.000020").cjFee()).isEqualTo("0.000020");
        Offer tiny = rel("0.0000001");
        assertThat(tiny.cjFee()).isEqualTo("1E-7");
        assertThat(tiny.toWireFields()).endsWith(" 0.0000001");
        assertThat(Offer.parse(tiny.type(), tiny.toWireFields())).isEqualTo(tiny);
        assertThat(Offer.parse(OfferType.SW0ABSOFFER, "0 1 2 0 +0250").cjFee()).isEqualTo("250");
        assertThat(rel("-0.000").cjFee()).isEqualTo("-0.000");
        assertThat(rel("+0.10").cjFee()).isEqualTo("0.10");
        assertThat(rel("1e2").cjFee()).isEqualTo("1E+2");
        assertThat(rel("100E-2").cjFee()).isEqualTo("1.00");
    }

    @Test
    void readsIntegersLikePythonInt() throws Exception {
        Offer o = Offer.parse(OfferType.SW0ABSOFFER, "+007 0100 200 -0 5 extra fields ignored");
        assertThat(o.oid()).isEqualTo(7);
        assertThat(o.minSize().value()).isEqualTo(100);
        assertThat(o.txFee().value()).isZero();
    }

    @Test
    void keepsNegativeRelativeFeesAsTheReferenceDoesButFlagsThem() throws Exception {
        Offer o = rel("-0.001");
        assertThat(o.hasNonNegativeFee()).isFalse();
        assertThat(Fees.cjFee(o, 1_000_000)).isEqualTo(-1000);
        assertThatThrownBy(() -> Fees.cjFeeSats(o, Sats.of(1_000_000))).isInstanceOf(ArithmeticException.class);
    }

    @Test
    void raisesSmallMinsizeOnlyOnTheReceivingSide() throws Exception {
        Offer o = Offer.parse(OfferType.SW0RELOFFER, "0 1000 20000 0 0.001");
        assertThat(o.minSize().value()).isEqualTo(1000);
        assertThat(o.asReceivedByTaker()).isEmpty();
        assertThat(Offer.parse(OfferType.SW0RELOFFER, "0 1000 27300 0 0.001").asReceivedByTaker())
                .get().extracting(x -> x.minSize().value()).isEqualTo(27_300L);
    }

    @Test
    void laterInvalidOfferWithValidOidDeletesTheEarlierOne() {
        ReceivedOffers.Batch b = ReceivedOffers.read("!sw0reloffer 0 100000 200000 0 0.001!sw0reloffer 0 300000 200000 0 0.001!sw0absoffer 1 100000 200000 0 5");
        assertThat(b.kept()).extracting(Offer::oid).containsExactly(1L);
        assertThat(b.touchedOids()).containsExactlyInAnyOrder(0L, 1L);
        assertThat(ReceivedOffers.parse("!sw0reloffer x 1 2 3 4!tbond AAAA!neutrino")).isEmpty();
    }

    @Test
    void rejectsInvalidFieldsNamingThem() {
        assertReject(OfferType.SW0RELOFFER, "0 60000", Reason.MISSING_FIELD, "offer");
        assertReject(OfferType.SW0RELOFFER, "", Reason.MISSING_FIELD, "offer");
        assertReject(OfferType.SW0RELOFFER, "-1 60000 500000 0 0.001", Reason.OUT_OF_RANGE, "offer.oid");
        assertReject(OfferType.SW0RELOFFER, "9223372036854775808 1 2 0 0.001", Reason.OUT_OF_RANGE, "offer.oid");
        assertReject(OfferType.SW0RELOFFER, "0 60000 500000 -5 0.001", Reason.OUT_OF_RANGE, "offer.txfee");
        assertReject(OfferType.SW0RELOFFER, "0 60000 2100000000000001 0 0.001", Reason.OUT_OF_RANGE, "offer.maxsize");
        assertReject(OfferType.SW0RELOFFER, "0 600000 500000 0 0.001", Reason.INVALID, "offer.minsize");
        assertReject(OfferType.SW0RELOFFER, "0  60000 500000 0 0.001", Reason.MISSING_FIELD, "offer.minsize");
        assertReject(OfferType.SW0RELOFFER, "0 6e4 500000 0 0.001", Reason.BAD_ENCODING, "offer.minsize");
        assertReject(OfferType.SW0RELOFFER, "0 60000 500000 0 abc", Reason.BAD_ENCODING, "offer.cjfee");
        assertReject(OfferType.SW0RELOFFER, "0 60000 500000 0 NaN", Reason.BAD_ENCODING, "offer.cjfee");
        assertReject(OfferType.SW0RELOFFER, "0 60000 500000 0 1e-99", Reason.OUT_OF_RANGE, "offer.cjfee");
        assertReject(OfferType.SW0RELOFFER, "0 60000 500000 0 1e99", Reason.OUT_OF_RANGE, "offer.cjfee");
        assertReject(OfferType.SW0RELOFFER, "0 60000 500000 0 0." + "1".repeat(40), Reason.OUT_OF_RANGE, "offer.cjfee");
        assertReject(OfferType.SW0RELOFFER, "0 60000 500000 0 " + "1".repeat(70), Reason.OVERSIZED, "offer.cjfee");
        assertReject(OfferType.SW0ABSOFFER, "0 60000 500000 0 1.5", Reason.BAD_ENCODING, "offer.cjfee");
        assertReject(OfferType.SW0ABSOFFER, "0 60000 500000 0 -5", Reason.OUT_OF_RANGE, "offer.cjfee");
    }

    @Test
    void constructorDemandsCanonicalFeeText() {
        assertThatThrownBy(() -> new Offer(OfferType.SW0RELOFFER, 0, Sats.of(1), Sats.of(2), Sats.of(0), "2e-05"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Offer(OfferType.SW0ABSOFFER, 0, Sats.of(1), Sats.of(2), Sats.of(0), "0250"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Offer(OfferType.SW0ABSOFFER, 0, Sats.of(3), Sats.of(2), Sats.of(0), "1"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(Offer.relative(OfferType.SW0RELOFFER, 0, Sats.of(1), Sats.of(2), Sats.ZERO, new BigDecimal("0.00002")).cjFee())
                .isEqualTo("0.00002");
    }

    @Test
    void offerTypesKnowTheirWireNames() {
        for (OfferType t : OfferType.values()) {
            assertThat(OfferType.fromWireName(t.wireName())).contains(t);
            assertThat(t.isRelative()).isEqualTo(t.wireName().contains("rel"));
        }
        assertThat(OfferType.fromWireName("SW0RELOFFER")).isEmpty();
        assertThat(Dust.BITCOIN_DUST_THRESHOLD).isEqualTo(2_730);
    }

    static void assertReject(OfferType t, String fields, Reason reason, String field) {
        assertThatThrownBy(() -> Offer.parse(t, fields)).isInstanceOfSatisfying(ProtocolException.class, e -> {
            assertThat(e.reason()).as(e.getMessage()).isEqualTo(reason);
            assertThat(e.field()).as(e.getMessage()).isEqualTo(field);
        });
    }
}
