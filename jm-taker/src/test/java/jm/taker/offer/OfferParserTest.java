package jm.taker.offer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import jm.core.Nick;
import jm.core.ProtocolException;
import jm.core.Sats;
import jm.core.testing.Vectors;
import org.junit.jupiter.api.Test;

class OfferParserTest {
    private static final Nick MAKER = new Nick("J5AAAAAAAAAAAAAA");

    /** Splits a public line into its '!'-separated offers, as the orderbook collector does. */
    private static List<MakerOffer> parseLine(Nick nick, String line) {
        List<MakerOffer> out = new ArrayList<>();
        for (String part : line.split("!")) {
            if (part.isBlank()) {
                continue;
            }
            int sp = part.indexOf(' ');
            String type = sp < 0 ? part : part.substring(0, sp);
            String fields = sp < 0 ? "" : part.substring(sp + 1);
            try {
                out.add(OfferParser.parse(nick, type, fields));
            } catch (ProtocolException e) {
                // dropped, like the reference
            }
        }
        return out;
    }

    @Test
    void parsesEveryReferenceOfferVectorToTheSameRows() {
        JsonNode vectors = Vectors.load("offers/offers.json").get("vectors");
        assertThat(vectors.size()).isGreaterThan(5);
        for (JsonNode v : vectors) {
            // the vectors use readable fake nicks; the parser does not care which nick sent it
            String raw = v.get("nick").asText();
            Nick nick = Nick.isWellFormed(raw) ? new Nick(raw) : MAKER;
            List<MakerOffer> got = parseLine(nick, v.get("line").asText());
            JsonNode rows = v.get("orderbook_rows");
            assertThat(got).as(v.get("line").asText()).hasSize(rows.size());
            for (int i = 0; i < rows.size(); i++) {
                JsonNode r = rows.get(i);
                MakerOffer o = got.get(i);
                assertThat(o.maker()).isEqualTo(nick);
                assertThat(o.type().wireName()).isEqualTo(r.get("ordertype").asText());
                assertThat(o.oid()).isEqualTo(r.get("oid").asLong());
                assertThat(o.minSize()).isEqualTo(Sats.of(r.get("minsize").asLong()));
                assertThat(o.maxSize()).isEqualTo(Sats.of(r.get("maxsize").asLong()));
                assertThat(o.txFee()).isEqualTo(Sats.of(r.get("txfee").asLong()));
                assertThat(o.cjFee().toString()).isEqualTo(r.get("cjfee").asText());
            }
        }
    }

    /** Parsing the offer is refused with {@code reason}. */
    static void assertRefused(String type, String body, ProtocolException.Reason reason) {
        assertThatThrownBy(() -> OfferParser.parse(MAKER, type, body)).isInstanceOfSatisfying(
                ProtocolException.class, e -> assertThat(e.reason()).isEqualTo(reason));
    }

    @Test
    void rejectsRelativeFeeOfOneOrMoreAsAbsurd() {
        assertRefused("sw0reloffer", "0 100000 200000 0 1", ProtocolException.Reason.OUT_OF_RANGE);
    }

    @Test
    void rejectsNegativeRelativeFee() {
        assertThatThrownBy(() -> OfferParser.parse(MAKER, "sw0reloffer", "0 100000 200000 0 -0.0001"))
                .isInstanceOf(ProtocolException.class);
    }

    @Test
    void rejectsMaxSizeAboveTotalBitcoinSupply() {
        assertThatThrownBy(() -> OfferParser.parse(MAKER, "sw0absoffer", "0 100000 2100000000000001 0 5"))
                .isInstanceOfSatisfying(ProtocolException.class, e -> assertThat(e.field()).isEqualTo("offer.maxsize"));
    }

    @Test
    void rejectsUnknownOfferType() {
        assertRefused("sw1reloffer", "0 100000 200000 0 0.1", ProtocolException.Reason.UNKNOWN);
    }

    @Test
    void ignoresExtraTrailingFields() throws Exception {
        MakerOffer o = OfferParser.parse(MAKER, "sw0reloffer", "3 100000 200000 10 0.0002 extra stuff");
        assertThat(o.oid()).isEqualTo(3);
        assertThat(o.cjFee()).isEqualByComparingTo(new BigDecimal("0.0002"));
    }

    @Test
    void neverThrowsUncheckedOnHostileFields() {
        String[] hostile = {"", " ", "a b c d e", "1 2 3 4", "99999999999999999999 1 2 3 4",
            "0 0 0 0 1e999999999", "0 0 0 0 NaN", "0 1 2 3 " + "9".repeat(100), "\u0000 1 2 3 4"};
        for (String h : hostile) {
            for (String type : new String[] {"sw0reloffer", "sw0absoffer"}) {
                try {
                    OfferParser.parse(MAKER, type, h);
                } catch (ProtocolException expected) {
                    // fine
                }
            }
        }
        assertThat(hostile).isNotEmpty();
    }
}
