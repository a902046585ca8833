package jm.daemon;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import jm.core.OutPoint;
import jm.wallet.Wallet;
import jm.wallet.bond.BondAddress;
import jm.wallet.coins.WalletCoin;
import jm.wallet.keys.Branch;
import jm.wallet.keys.KeyPath;
import org.bitcoinj.base.Address;
import org.bitcoinj.base.BitcoinNetwork;
import org.bitcoinj.core.Transaction;
import org.bitcoinj.core.TransactionInput;
import org.bitcoinj.core.TransactionOutput;

/**
 * The reference's JSON views of a wallet: {@code display} (wallet_display, amounts as BTC strings
 * with 8 decimals), {@code utxos} (wallet_showutxos, values as integer sats) and
 * {@code txinfo}/{@code txdetails} (human_readable_transaction).
 */
final class WalletViews {
    static final ObjectMapper JSON = new ObjectMapper();
    /** Unused external addresses shown after the last used one (the reference's display gap). */
    static final int DISPLAY_NEW_ADDRESSES = 6;
    private static final DateTimeFormatter LOCKTIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
            .withZone(ZoneOffset.UTC);

    private WalletViews() {
    }

    static String btc(long sats) {
        return BigDecimal.valueOf(sats, 8).toPlainString();
    }

    private record Sum(long total, long available) {
        Sum plus(Sum o) {
            return new Sum(total + o.total, available + o.available);
        }
    }

    private static Sum sum(List<WalletCoin> coins) {
        long t = 0;
        long a = 0;
        for (WalletCoin c : coins) {
            t += c.sats();
            if (!c.frozen() && !c.locked() && c.kind() == WalletCoin.Kind.STANDARD) {
                a += c.sats();
            }
        }
        return new Sum(t, a);
    }

    static ObjectNode display(Wallet w) {
        Map<String, List<WalletCoin>> byAddress = new HashMap<>();
        for (WalletCoin c : w.coins()) {
            byAddress.computeIfAbsent(c.address(), k -> new java.util.ArrayList<>()).add(c);
        }
        Map<String, String> labels = w.addressLabels();
        ObjectNode info = JSON.createObjectNode();
        info.put("wallet_name", "JM wallet");
        ArrayNode accounts = JSON.createArrayNode();
        Sum total = new Sum(0, 0);
        for (int m = 0; m < w.mixdepths(); m++) {
            ObjectNode acc = JSON.createObjectNode();
            ArrayNode branches = JSON.createArrayNode();
            Sum accSum = new Sum(0, 0);
            for (Branch b : List.of(Branch.EXTERNAL, Branch.INTERNAL)) {
                int next = w.nextIndex(m, b);
                int shown = b == Branch.EXTERNAL ? next + DISPLAY_NEW_ADDRESSES : next;
                ArrayNode entries = JSON.createArrayNode();
                Sum branchSum = new Sum(0, 0);
                String branchPath = null;
                for (int i = 0; i < shown; i++) {
                    var a = w.deriveAddress(m, b, i);
                    String p = a.path().toString();
                    branchPath = p.substring(0, p.lastIndexOf('/'));
                    List<WalletCoin> coins = byAddress.getOrDefault(a.address(), List.of());
                    Sum s = sum(coins);
                    branchSum = branchSum.plus(s);
                    String status = !coins.isEmpty() ? (b == Branch.EXTERNAL ? "deposit" : "cj-out")
                            : i < next ? "used" : "new";
                    entries.add(entry(p, a.address(), s, status, labels.getOrDefault(a.address(), ""), ""));
                }
                if (branchPath == null) {
                    String p = w.deriveAddress(m, b, 0).path().toString();
                    branchPath = p.substring(0, p.lastIndexOf('/'));
                }
                branches.add(branch((b == Branch.EXTERNAL ? "external addresses" : "internal addresses") + "\t"
                        + branchPath + "\t" + w.accountExport(m), branchSum, entries));
                accSum = accSum.plus(branchSum);
            }
            if (m == 0) {
                Map<WalletCoin, BondAddress> bonds = w.bondCoins();
                if (!bonds.isEmpty()) {
                    ArrayNode entries = JSON.createArrayNode();
                    Sum bondSum = new Sum(0, 0);
                    for (var e : bonds.entrySet()) {
                        Sum s = sum(List.of(e.getKey()));
                        bondSum = bondSum.plus(s);
                        entries.add(entry(e.getValue().pathText(), e.getKey().address(), s, "bond",
                                labels.getOrDefault(e.getKey().address(), ""),
                                LOCKTIME.format(Instant.ofEpochSecond(e.getValue().locktime()))));
                    }
                    branches.add(branch("fidelity bond addresses\t" + w.deriveAddress(0, Branch.EXTERNAL, 0).path()
                            .toString().replaceFirst("/0/0$", "/2") + "\t" + w.accountExport(0), bondSum, entries));
                    accSum = accSum.plus(bondSum);
                }
            }
            acc.put("account", Integer.toString(m));
            acc.put("account_balance", btc(accSum.total));
            acc.put("available_balance", btc(accSum.available));
            acc.set("branches", branches);
            accounts.add(acc);
            total = total.plus(accSum);
        }
        info.put("total_balance", btc(total.total));
        info.put("available_balance", btc(total.available));
        info.set("accounts", accounts);
        return info;
    }

    private static ObjectNode branch(String header, Sum s, ArrayNode entries) {
        ObjectNode n = JSON.createObjectNode();
        n.put("branch", header);
        n.put("balance", btc(s.total));
        n.put("available_balance", btc(s.available));
        n.set("entries", entries);
        return n;
    }

    private static ObjectNode entry(String path, String address, Sum s, String status, String label, String extra) {
        ObjectNode n = JSON.createObjectNode();
        n.put("hd_path", path);
        n.put("address", address);
        n.put("amount", btc(s.total));
        n.put("available_balance", btc(s.available));
        n.put("status", status);
        n.put("label", label);
        n.put("extradata", extra);
        return n;
    }

    static ArrayNode utxos(Wallet w, int triesAllowed) {
        Map<String, String> labels = w.addressLabels();
        Map<WalletCoin, BondAddress> bonds = w.bondCoins();
        ArrayNode out = JSON.createArrayNode();
        for (WalletCoin c : w.coins()) {
            ObjectNode n = out.addObject();
            BondAddress bond = bonds.get(c);
            KeyPath p = c.path();
            n.put("address", c.address());
            n.put("path", bond != null ? bond.pathText() : p.toString());
            n.put("label", labels.getOrDefault(c.address(), ""));
            n.put("value", c.sats());
            n.put("tries", 0);
            n.put("tries_remaining", triesAllowed);
            n.put("external", p.branch() == Branch.EXTERNAL);
            n.put("mixdepth", c.mixdepth());
            n.put("confirmations", c.confirmations());
            n.put("frozen", c.frozen());
            if (bond != null) {
                n.put("locktime", LOCKTIME.format(Instant.ofEpochSecond(bond.locktime())));
            }
            n.put("utxo", c.outpoint().toString());
        }
        return out;
    }

    /** The reference's human_readable_transaction. */
    static ObjectNode txinfo(Transaction tx, BitcoinNetwork network) {
        ObjectNode n = JSON.createObjectNode();
        HexFormat hex = HexFormat.of();
        n.put("hex", hex.formatHex(tx.serialize()));
        ArrayNode ins = n.putArray("inputs");
        for (TransactionInput in : tx.getInputs()) {
            ObjectNode i = ins.addObject();
            i.put("outpoint", new OutPoint(in.getOutpoint().hash(), in.getOutpoint().index()).toString());
            i.put("scriptSig", hex.formatHex(in.getScriptBytes()));
            i.put("nSequence", in.getSequenceNumber());
            if (in.hasWitness()) {
                StringBuilder sb = new StringBuilder();
                for (int k = 0; k < in.getWitness().getPushCount(); k++) {
                    sb.append(hex.formatHex(in.getWitness().getPush(k)));
                }
                i.put("witness", sb.toString());
            }
        }
        ArrayNode outs = n.putArray("outputs");
        for (TransactionOutput o : tx.getOutputs()) {
            ObjectNode x = outs.addObject();
            x.put("value_sats", o.getValue().value);
            x.put("scriptPubKey", hex.formatHex(o.getScriptBytes()));
            try {
                Address a = o.getScriptPubKey().getToAddress(network);
                x.put("address", a.toString());
            } catch (RuntimeException e) {
                // not a standard address script (OP_RETURN, ...): the reference omits the field too
            }
        }
        n.put("txid", tx.getTxId().toString());
        n.put("nLockTime", tx.lockTime().rawValue());
        n.put("nVersion", tx.getVersion());
        return n;
    }
}
