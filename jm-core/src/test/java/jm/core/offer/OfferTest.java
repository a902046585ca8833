package jm.core.offer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.Map;
import java.util.stream.Stream;
import jm.core.ProtocolException;
import jm.core.Sats;
import jm.core.testing.RejectTable;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

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

    @TestFactory
    Stream<DynamicTest> rejectsInvalidFieldsNamingThem() {
        return RejectTable.tests(RejectTable.load(OfferTest.class, "offer-rejects.txt",
                Map.of("FRAC40", "0." + "1".repeat(40), "DIGITS70", "1".repeat(70))), OfferTest::parseTypeAndFields);
    }

    /** {@code ordertype fields}: the fields parsed as an offer of that type. */
    static Offer parseTypeAndFields(String line) throws ProtocolException {
        int sp = line.indexOf(' ');
        OfferType type = OfferType.fromWireName(sp < 0 ? line : line.substring(0, sp)).orElseThrow();
        return Offer.parse(type, sp < 0 ? "" : line.substring(sp + 1));
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
}
