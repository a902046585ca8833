package jm.orderbook.web;

import static jm.orderbook.testing.Fixtures.absolute;
import static jm.orderbook.testing.Fixtures.bond;
import static jm.orderbook.testing.Fixtures.nick;
import static jm.orderbook.testing.Fixtures.regtestBook;
import static jm.orderbook.testing.Fixtures.relative;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;
import jm.core.Network;
import jm.core.Nick;
import jm.core.bond.FidelityBondScripts;
import jm.orderbook.watch.MarketBook;
import jm.orderbook.watch.MarketSnapshot;
import jm.taker.bond.VerifiedBond;
import org.junit.jupiter.api.Test;

class OrderbookJsonTest {
    static final String D1 = "dir1.onion:5222";
    final Nick a = nick();
    final Nick b = nick();

    MarketSnapshot market() {
        MarketBook book = regtestBook(Instant.parse("2026-12-01T00:00:00Z"));
        book.offer(relative(a, 0, 100_000, 5_000_000, 100, "0.000020"), D1);
        book.offer(absolute(b, 3, 200_000, 9_000_000, 0, 250), D1);
        book.bond(bond(a, 7, 1_000_000, 5.5e9), D1);
        return book.snapshot(List.of(D1, "dir2.onion:5222"), D1::equals, n -> List.of());
    }

    @Test
    void offersHaveTheReferenceFieldsWithTheReferenceTypes() {
        JsonNode j = OrderbookJson.of(market());
        JsonNode rel = j.get("offers").get(0);
        assertThat(rel.get("counterparty").asText()).isEqualTo(a.value());
        assertThat(rel.get("oid").isIntegralNumber()).isTrue();
        assertThat(rel.get("ordertype").asText()).isEqualTo("sw0reloffer");
        assertThat(rel.get("minsize").asLong()).isEqualTo(100_000);
        assertThat(rel.get("maxsize").asLong()).isEqualTo(5_000_000);
        assertThat(rel.get("txfee").asLong()).isEqualTo(100);
        assertThat(rel.get("cjfee").isTextual()).isTrue();
        assertThat(rel.get("cjfee").asText()).isEqualTo("0.00002");
        assertThat(rel.get("fidelity_bond_value").asDouble()).isEqualTo(5.5e9);
        JsonNode abs = j.get("offers").get(1);
        assertThat(abs.get("ordertype").asText()).isEqualTo("sw0absoffer");
        assertThat(abs.get("cjfee").isIntegralNumber()).isTrue();
        assertThat(abs.get("cjfee").asLong()).isEqualTo(250);
        assertThat(abs.get("fidelity_bond_value").asDouble()).isZero();
        assertThat(abs.get("directory_nodes")).extracting(JsonNode::asText).containsExactly(D1);
    }

    @Test
    void bondsHaveTheReferenceFields() {
        MarketSnapshot s = market();
        VerifiedBond expected = s.bonds().get(0);
        JsonNode b = OrderbookJson.of(s).get("fidelitybonds").get(0);
        assertThat(b.get("counterparty").asText()).isEqualTo(a.value());
        assertThat(b.get("utxo").get("txid").asText()).isEqualTo(expected.utxo().txid().toString());
        assertThat(b.get("utxo").get("vout").asLong()).isZero();
        assertThat(b.get("bond_value").asDouble()).isEqualTo(5.5e9);
        assertThat(b.get("locktime").asLong()).isEqualTo(expected.locktime());
        assertThat(b.get("amount").asLong()).isEqualTo(1_000_000);
        assertThat(b.get("address").asText()).isEqualTo(FidelityBondScripts.address(Network.REGTEST,
                FidelityBondScripts.freezeScript(expected.locktime(), expected.utxoPub()))).startsWith("bcrt1q");
        assertThat(b.get("utxo_confirmations").asInt()).isEqualTo(6);
        assertThat(b.get("utxo_confirmation_timestamp").asLong()).isEqualTo(expected.confirmationTime());
        assertThat(b.get("utxo_pub").asText()).hasSize(66);
        assertThat(b.get("cert_expiry").asInt()).isEqualTo(52);
    }

    @Test
    void directoryStatsSayWhatEachDirectorySees() {
        JsonNode j = OrderbookJson.of(market());
        assertThat(j.get("directory_nodes")).extracting(JsonNode::asText)
                .containsExactly(D1, "dir2.onion:5222");
        JsonNode d1 = j.get("directory_stats").get(D1);
        assertThat(d1.get("connected").asBoolean()).isTrue();
        assertThat(d1.get("offer_count").asInt()).isEqualTo(2);
        assertThat(d1.get("bond_offer_count").asInt()).isEqualTo(1);
        JsonNode d2 = j.get("directory_stats").get("dir2.onion:5222");
        assertThat(d2.get("connected").asBoolean()).isFalse();
        assertThat(d2.get("offer_count").asInt()).isZero();
        assertThat(j.get("timestamp").asText()).isEqualTo("2026-12-01T00:00:00Z");
    }

    @Test
    void anEmptyBookIsStillTheReferenceObject() {
        MarketSnapshot empty = regtestBook(Instant.EPOCH)
                .snapshot(List.of(), d -> false, n -> List.of());
        JsonNode j = OrderbookJson.of(empty);
        assertThat(j.get("offers").isArray()).isTrue();
        assertThat(j.get("offers")).isEmpty();
        assertThat(j.get("fidelitybonds").isArray()).isTrue();
        assertThat(j.has("last_update")).isFalse();
    }
}
