package jm.core.offer;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import jm.core.command.Commands;
import jm.core.command.OfferCommand;
import jm.core.command.ParsedCommands;
import jm.core.command.PrivateCommand;
import jm.core.command.TBond;
import jm.core.testing.Vectors;
import jm.core.wire.PubMsg;
import jm.core.wire.RawPrivMsg;
import jm.core.wire.VerifiedPrivMsg;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class OfferVectorsTest {
    static final JsonNode OFFERS = Vectors.load("offers/offers.json");

    static Stream<JsonNode> publicOfferVectors() {
        return Vectors.items(OFFERS.get("vectors"));
    }

    static List<String> rows(String nick, List<Offer> offers) {
        List<String> out = new ArrayList<>();
        for (Offer o : offers) {
            out.add(nick + " " + o.oid() + " " + o.type().wireName() + " " + o.minSize().value() + " "
                    + o.maxSize().value() + " " + o.txFee().value() + " " + o.cjFee());
        }
        return out;
    }

    static List<String> expectedRows(JsonNode rows) {
        List<String> out = new ArrayList<>();
        for (JsonNode r : rows) {
            out.add(r.get("counterparty").asText() + " " + r.get("oid").asLong() + " " + r.get("ordertype").asText() + " "
                    + r.get("minsize").asLong() + " " + r.get("maxsize").asLong() + " " + r.get("txfee").asLong() + " "
                    + r.get("cjfee").asText());
        }
        return out;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("publicOfferVectors")
    void publicOfferLineGivesTheReferenceOrderbookRows(JsonNode v) throws Exception {
        assertThat(OFFERS.get("dust_threshold_used").asLong()).isEqualTo(Dust.DUST_THRESHOLD);
        String nick = v.get("nick").asText();
        String line = v.get("line").asText();
        List<String> expected = expectedRows(v.get("orderbook_rows"));
        assertThat(rows(nick, ReceivedOffers.parse(line))).isEqualTo(expected);
        // the same line as it arrives in a PUBMSG, through the command layer (vector nicks such
        // as J5IIIIIIIIIIIIII are not derivable from any key, so the line is rebuilt with a real one)
        String realNick = jm.core.Nick.isWellFormed(nick) ? nick : "J56Qu3cvNvi3Y1vt";
        PubMsg pm = PubMsg.parse(realNick + "!PUBLIC!" + line.substring(1));
        List<Offer> viaCommands = new ArrayList<>();
        for (var c : Commands.parsePublic(pm).commands()) {
            if (c instanceof OfferCommand oc) {
                oc.offer().asReceivedByTaker().ifPresent(viaCommands::add);
            }
        }
        assertThat(rows(nick, viaCommands)).isEqualTo(expected);
    }

    static Stream<JsonNode> privateOfferExamples() {
        return Vectors.items(OFFERS.get("privmsg_offer_examples"));
    }

    @ParameterizedTest
    @MethodSource("privateOfferExamples")
    void signedPrivateOfferWithBondVerifiesAndGivesTheReferenceRows(JsonNode ex) throws Exception {
        JsonNode s = ex.get("signed");
        RawPrivMsg raw = RawPrivMsg.parse(s.get("onion_privmsg_line").asText());
        VerifiedPrivMsg v = raw.verify();
        assertThat(v.data()).isEqualTo(s.get("message").asText());
        ParsedCommands<PrivateCommand> parsed = Commands.parsePrivate(v);
        assertThat(parsed.isClean()).isTrue();
        List<Offer> offers = new ArrayList<>();
        String proof = null;
        for (PrivateCommand c : parsed.commands()) {
            if (c instanceof OfferCommand oc) {
                oc.offer().asReceivedByTaker().ifPresent(offers::add);
            } else if (c instanceof TBond tb) {
                proof = tb.proofBase64();
            }
        }
        assertThat(rows(v.from().value(), offers)).isEqualTo(expectedRows(ex.get("orderbook_rows")));
        assertThat(rows(v.from().value(), ReceivedOffers.parse(v.body()))).isEqualTo(expectedRows(ex.get("orderbook_rows")));
        JsonNode bond = ex.get("fidelitybond_rows").get(0);
        assertThat(proof).isEqualTo(bond.get("proof").asText());
        assertThat(v.to().value()).isEqualTo(bond.get("takernick").asText());
        assertThat(v.from().value()).isEqualTo(bond.get("counterparty").asText());
    }

    static Stream<JsonNode> cjFeeVectors() {
        return Vectors.items(Vectors.load("cj_fee/cj_fee.json").get("vectors"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cjFeeVectors")
    void cjFeeMatchesTheReference(JsonNode v) throws Exception {
        OfferType type = OfferType.fromWireName(v.get("ordertype").asText()).orElseThrow();
        String fee = Offer.canonicalFee(type, v.get("cjfee").asText());
        Offer o = new Offer(type, 0, jm.core.Sats.of(0), jm.core.Sats.of(jm.core.Sats.MAX_MONEY), jm.core.Sats.of(0), fee);
        long amount = v.get("cj_amount").asLong();
        assertThat(Fees.cjFeeSats(o, jm.core.Sats.of(amount)).value()).isEqualTo(v.get("real_cjfee_sat").asLong());
        if (type.isRelative()) {
            assertThat(o.cjFeeDecimal().multiply(java.math.BigDecimal.valueOf(amount)))
                    .isEqualByComparingTo(v.get("exact_product").asText());
        }
    }
}
