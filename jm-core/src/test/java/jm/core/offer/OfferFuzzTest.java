package jm.core.offer;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.List;
import jm.core.ProtocolException;
import jm.core.Sats;
import org.junit.jupiter.api.Test;

/**
 * Fuzz targets for offer parsing and fee math. Property: {@link Offer#parse} throws only
 * {@link ProtocolException} and round-trips; {@link ReceivedOffers#read} never throws; the fee of
 * a parsed offer is computed or refused with {@link ArithmeticException}, never anything else.
 */
class OfferFuzzTest {

    static void checkOffer(OfferType type, String fields, long amount) {
        try {
            Offer o = Offer.parse(type, fields);
            Offer back = Offer.parse(type, o.toWireFields());
            // the wire form has no exponent, so 0E+2 or 1E+3 come back as 0 or 1000: same value
            assertThat(back.cjFeeDecimal()).isEqualByComparingTo(o.cjFeeDecimal());
            assertThat(new Offer(type, back.oid(), back.minSize(), back.maxSize(), back.txFee(), o.cjFee())).isEqualTo(o);
            o.asReceivedByTaker();
            try {
                long fee = Fees.cjFee(o, amount);
                if (!type.isRelative()) {
                    assertThat(fee).isEqualTo(Long.parseLong(o.cjFee()));
                }
            } catch (ArithmeticException tooLarge) {
                // documented for absurd relative fees
            }
        } catch (ProtocolException expected) {
            // rejected
        }
    }

    @FuzzTest(maxDuration = "60s")
    void offer(FuzzedDataProvider d) {
        OfferType t = d.pickValue(OfferType.values());
        long amount = d.consumeLong(0, Sats.MAX_MONEY);
        checkOffer(t, d.consumeRemainingAsString(), amount);
    }

    @FuzzTest(maxDuration = "60s")
    void receivedOffers(FuzzedDataProvider d) {
        ReceivedOffers.Batch b = ReceivedOffers.read(d.consumeRemainingAsString());
        for (Offer o : b.kept()) {
            assertThat(o.minSize().value()).isGreaterThanOrEqualTo(Dust.DUST_THRESHOLD);
            assertThat(b.touchedOids()).contains(o.oid());
        }
    }

    @Test
    void mutationsOfVectorLinesHoldTheFuzzProperty() {
        int checked = 0;
        for (String fields : List.of("0 27300 4000000000 0 0.00002", "1 2000001 9000000 500 1000", "0 60000 500000 0 2e-05")) {
            for (OfferType t : OfferType.values()) {
                for (int i = 0; i < fields.length(); i++) {
                    for (char x : new char[] {' ', '-', '+', 'e', '.', '9', '0', 'x'}) {
                        checkOffer(t, fields.substring(0, i) + x + fields.substring(i + 1), 123_456_789L);
                        checked++;
                    }
                    checkOffer(t, fields.substring(0, i), 1);
                }
            }
        }
        assertThat(checked).isGreaterThan(1000);
    }
}
