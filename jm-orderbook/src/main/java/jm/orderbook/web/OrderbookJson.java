package jm.orderbook.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.HexFormat;
import java.util.List;
import jm.core.Nick;
import jm.core.bond.FidelityBondScripts;
import jm.orderbook.watch.MarketSnapshot;
import jm.orderbook.watch.MarketSnapshot.DirectoryView;
import jm.taker.bond.VerifiedBond;
import jm.taker.offer.MakerOffer;

/**
 * {@code /orderbook.json}: the reference watcher's schema, which Jam (through the wallet daemon's
 * {@code /obwatch/orderbook.json}) and scripts read, plus JoinMarket NG's additions.
 *
 * <ul>
 * <li>{@code offers}: {@code counterparty, oid, ordertype, minsize, maxsize, txfee} (integers,
 *     sats), {@code cjfee} (integer sats for absolute offers, a decimal string for relative
 *     ones), {@code fidelity_bond_value} (0 without a verified bond); NG's
 *     {@code directory_nodes} (where the maker was seen).</li>
 * <li>{@code fidelitybonds}: {@code counterparty, utxo {txid, vout}, bond_value, locktime,
 *     amount, address, utxo_confirmations, utxo_confirmation_timestamp, utxo_pub, cert_expiry};
 *     NG's {@code script}.</li>
 * <li>NG's {@code timestamp}, {@code directory_nodes} and {@code directory_stats}.</li>
 * </ul>
 */
public final class OrderbookJson {
    static final ObjectMapper MAPPER = new ObjectMapper();

    private OrderbookJson() {
    }

    public static ObjectNode of(MarketSnapshot s) {
        ObjectNode root = MAPPER.createObjectNode();
        ArrayNode offers = root.putArray("offers");
        for (MakerOffer o : s.offers()) {
            ObjectNode n = offers.addObject();
            n.put("counterparty", o.maker().value());
            n.put("oid", o.oid());
            n.put("ordertype", o.type().wireName());
            n.put("minsize", o.minSize().value());
            n.put("maxsize", o.maxSize().value());
            n.put("txfee", o.txFee().value());
            if (o.type().isRelative()) {
                n.put("cjfee", o.cjFee().stripTrailingZeros().toPlainString());
            } else {
                n.put("cjfee", o.cjFee().longValueExact());
            }
            n.put("fidelity_bond_value", o.bondValue());
            strings(n.putArray("directory_nodes"), s.directoriesOf(o.maker()));
        }
        ArrayNode bonds = root.putArray("fidelitybonds");
        for (VerifiedBond b : s.bonds()) {
            ObjectNode n = bonds.addObject();
            n.put("counterparty", b.maker().value());
            n.putObject("utxo").put("txid", b.utxo().txid().toString()).put("vout", b.utxo().vout());
            n.put("bond_value", b.value());
            n.put("locktime", b.locktime());
            n.put("amount", b.amount().value());
            byte[] script = FidelityBondScripts.freezeScript(b.locktime(), b.utxoPub());
            n.put("address", FidelityBondScripts.address(s.network(), script));
            n.put("script", HexFormat.of().formatHex(script));
            n.put("utxo_confirmations", b.confirmations());
            n.put("utxo_confirmation_timestamp", b.confirmationTime());
            n.put("utxo_pub", HexFormat.of().formatHex(b.utxoPub()));
            n.put("cert_expiry", b.certExpiry());
        }
        root.put("timestamp", s.taken().toString());
        s.lastUpdate().ifPresent(t -> root.put("last_update", t.toString()));
        strings(root.putArray("directory_nodes"), s.directories().stream().map(DirectoryView::name).toList());
        ObjectNode stats = root.putObject("directory_stats");
        for (DirectoryView d : s.directories()) {
            ObjectNode n = stats.putObject(d.name());
            n.put("connected", d.connected());
            n.put("maker_count", d.makers().size());
            n.put("offer_count", s.offers().stream().filter(o -> d.makers().contains(o.maker())).count());
            n.put("bond_offer_count", s.bonds().stream().filter(b -> d.makers().contains(b.maker())).count());
            ArrayNode makers = n.putArray("makers");
            d.makers().stream().map(Nick::value).forEach(makers::add);
        }
        return root;
    }

    private static void strings(ArrayNode a, List<String> values) {
        values.forEach(a::add);
    }
}
