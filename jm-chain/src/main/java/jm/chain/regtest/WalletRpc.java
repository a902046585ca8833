package jm.chain.regtest;

import static jm.chain.regtest.RpcJson.F;
import static jm.chain.regtest.RpcJson.HEX;
import static jm.chain.regtest.RpcJson.btc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.bitcoinj.base.Sha256Hash;

/** The watch-only wallet RPCs: descriptors, coins, transactions, balances and rescans, answered from the {@link WalletLedger}. */
final class WalletRpc {
    /** Core's TIMESTAMP_WINDOW: an import rescans from this long before its timestamp. */
    static final long TIMESTAMP_WINDOW_SECONDS = 2 * 60 * 60;

    private final RegtestNode node;
    private final RegtestChain chain;
    private final RpcJson json;
    private final WalletLedger ledger;

    WalletRpc(RegtestNode node, RpcJson json, WalletLedger ledger) {
        this.node = node;
        this.chain = node.chain();
        this.json = json;
        this.ledger = ledger;
    }

    void register(NodeRpc rpc) {
        rpc.walletMethod("getwalletinfo", List.of(), (p, w) -> walletInfo(w));
        rpc.walletMethod("importdescriptors", List.of("requests"), this::importDescriptors);
        rpc.walletMethod("listdescriptors", List.of("private"), (p, w) -> {
            if (p.bool(0, false) && !w.entries().isEmpty()) {
                // every descriptor here is watch-only: Core cannot write one with its private keys
                throw new RpcError(RpcError.WALLET_ERROR, "Can't get descriptor string.");
            }
            ObjectNode o = F.objectNode();
            o.put("wallet_name", w.name());
            ArrayNode a = o.putArray("descriptors");
            // Core lists by descriptor string; "internal" only for active descriptors
            List<RegtestWallet.Entry> entries = w.entries();
            entries.sort(Comparator.comparing(e -> e.descriptor.withChecksum()));
            for (RegtestWallet.Entry e : entries) {
                ObjectNode d = a.addObject();
                d.put("desc", e.descriptor.withChecksum());
                d.put("timestamp", e.timestamp);
                d.put("active", e.active);
                if (e.active) {
                    d.put("internal", e.internal);
                }
                if (e.descriptor.isRange()) {
                    d.putArray("range").add(e.rangeStart).add(e.rangeEnd);
                    d.put("next", e.nextIndex);
                    d.put("next_index", e.nextIndex);
                }
            }
            return o;
        });
        rpc.walletMethod("listunspent", List.of("minconf", "maxconf", "addresses", "include_unsafe", "query_options"),
                this::listUnspent);
        rpc.walletMethod("listtransactions", List.of("label", "count", "skip", "include_watchonly"),
                this::listTransactions);
        rpc.walletMethod("gettransaction", List.of("txid", "include_watchonly", "verbose"), this::getTransaction);
        rpc.walletMethod("getbalance", List.of("dummy", "minconf", "include_watchonly", "avoid_reuse"), (p, w) -> {
            int minconf = p.integer(1, 0);
            long sum = 0;
            for (WalletLedger.WalletCoin c : ledger.walletCoins(w)) {
                if (!c.immature() && (c.conf() >= Math.max(1, minconf) || minconf == 0 && c.conf() == 0 && c.trusted())) {
                    sum += c.value();
                }
            }
            return F.numberNode(btc(sum));
        });
        rpc.walletMethod("rescanblockchain", List.of("start_height", "stop_height"), (p, w) -> {
            long start = p.lng(0, 0);
            long stop = p.has(1) ? p.lng(1) : chain.tipHeight();
            if (start < 0 || start > chain.tipHeight()) {
                throw new RpcError(RpcError.INVALID_PARAMETER, "Invalid start_height");
            }
            if (stop > chain.tipHeight()) {
                throw new RpcError(RpcError.INVALID_PARAMETER, "Invalid stop_height");
            }
            if (stop < start) {
                throw new RpcError(RpcError.INVALID_PARAMETER, "stop_height must be greater than start_height");
            }
            scan(w, (int) start, (int) stop);
            node.saveWallet(w);
            ObjectNode o = F.objectNode();
            o.put("start_height", start);
            o.put("stop_height", stop);
            return o;
        });
        rpc.walletMethod("abortrescan", List.of(), (p, w) -> F.booleanNode(false));
        rpc.walletMethod("getbalances", List.of(), (p, w) -> {
            WalletLedger.Balances b = ledger.balances(w);
            ObjectNode o = F.objectNode();
            ObjectNode mine = o.putObject("mine");
            mine.put("trusted", btc(b.trusted()));
            mine.put("untrusted_pending", btc(b.untrustedPending()));
            mine.put("immature", btc(b.immature()));
            json.putLastProcessedBlock(o);
            return o;
        });
    }

    private JsonNode importDescriptors(Params p, RegtestWallet w) throws RpcError {
        JsonNode reqs = p.array(0);
        // Core reads every request's timestamp first (for the rescan): a bad one fails the whole call
        long[] timestamps = new long[reqs.size()];
        for (int i = 0; i < reqs.size(); i++) {
            timestamps[i] = importTimestamp(reqs.get(i));
        }
        ArrayNode results = F.arrayNode();
        boolean changed = false;
        for (int i = 0; i < reqs.size(); i++) {
            JsonNode r = reqs.get(i);
            ObjectNode res = results.addObject();
            try {
                if (!r.has("desc")) {
                    throw new RpcError(RpcError.INVALID_PARAMETER, "Descriptor not found.");
                }
                if (!r.get("desc").isTextual()) {
                    throw Params.typeError(r.get("desc"), "string");
                }
                long timestamp = timestamps[i];
                Descriptor d = Descriptor.parse(r.get("desc").asText(), true);
                List<String> warnings = new ArrayList<>();
                int[] range;
                if (d.isRange() && !r.has("range")) {
                    warnings.add("Range not given, using default keypool range");
                    range = new int[] {0, Math.max(1, node.keypool()) - 1};
                } else {
                    range = Params.range(r.get("range"), d.isRange());
                }
                boolean internal = r.path("internal").asBoolean(false);
                boolean active = r.path("active").asBoolean(false);
                if (active && !d.isRange()) {
                    throw new RpcError(RpcError.INVALID_PARAMETER, "Active descriptors must be ranged");
                }
                if (r.has("range") && r.has("label")) {
                    throw new RpcError(RpcError.INVALID_PARAMETER, "Ranged descriptors should not have a label");
                }
                // Core 29 tests its optional<bool> "internal" for presence, not value: any request
                // naming "internal" (even false) with a label is refused
                if (r.has("internal") && r.has("label")) {
                    throw new RpcError(RpcError.INVALID_PARAMETER, "Internal addresses should not have a label");
                }
                if (d.hasPrivateKeys()) {
                    // every wallet here is watch-only (Core's answer for a wallet with private keys disabled)
                    throw new RpcError(RpcError.WALLET_ERROR, "Cannot import private keys to a wallet with private keys "
                            + "disabled");
                }
                w.importDescriptor(d, range[0], range[1], internal, timestamp, node.keypool(), chain.tipHeight() + 1,
                        active);
                changed = true;
                res.put("success", true);
                if (!warnings.isEmpty()) {
                    ArrayNode wa = res.putArray("warnings");
                    warnings.forEach(wa::add);
                }
            } catch (RpcError e) {
                res.put("success", false);
                ObjectNode err = res.putObject("error");
                err.put("code", e.code());
                err.put("message", e.getMessage());
            }
        }
        if (changed) {
            // Core rescans every descriptor of the wallet from the first block whose time (or an
            // ancestor's) reaches the lowest timestamp of the call minus TIMESTAMP_WINDOW
            long lowest = java.util.Arrays.stream(timestamps).min().orElse(Long.MAX_VALUE);
            int start = chain.firstBlockWithTimeMax(lowest - TIMESTAMP_WINDOW_SECONDS);
            if (start >= 0) {
                scan(w, start, chain.tipHeight());
            }
            node.saveWallet(w);
        }
        return results;
    }

    /** Core's rescan of blocks {@code [from, to]}: the wallet sees them, and the scripts they pay are marked used in order. */
    private void scan(RegtestWallet w, int from, int to) {
        w.scanned(from, to);
        for (int h = from; h <= to; h++) {
            for (Sha256Hash txid : chain.block(h).orElseThrow().txids) {
                chain.tx(txid).ifPresent(r -> node.markUsed(w, r.tx));
            }
        }
    }

    /** Core's GetImportTimestamp: a number (0 stored as 1) or "now" (the tip block's time). */
    private long importTimestamp(JsonNode r) throws RpcError {
        JsonNode ts = r.isObject() ? r.get("timestamp") : null;
        if (ts == null || ts.isNull()) {
            throw new RpcError(RpcError.TYPE_ERROR, "Missing required timestamp field for key");
        }
        if (ts.isTextual() && ts.asText().equals("now")) {
            return chain.tip().time;
        }
        if (ts.isIntegralNumber()) {
            return Math.max(1, ts.asLong());
        }
        throw new RpcError(RpcError.TYPE_ERROR, "Expected number or \"now\" timestamp value for key. got type "
                + ts.getNodeType().toString().toLowerCase(Locale.ROOT));
    }

    private JsonNode listUnspent(Params p, RegtestWallet w) throws RpcError {
        int minconf = p.integer(0, 1);
        int maxconf = p.integer(1, 9_999_999);
        Set<Bytes> filter = null;
        JsonNode addrs = p.raw(2);
        if (addrs != null) {
            if (!addrs.isArray()) {
                throw p.wrongType(2, addrs, "array");
            }
            if (addrs.size() > 0) {
                filter = new LinkedHashSet<>();
                for (JsonNode a : addrs) {
                    try {
                        if (!filter.add(Bytes.wrap(Scripts.scriptOf(a.asText())))) {
                            throw new RpcError(RpcError.INVALID_PARAMETER, "Invalid parameter, duplicated address: "
                                    + a.asText());
                        }
                    } catch (RpcError e) {
                        if (e.code() == RpcError.INVALID_PARAMETER) {
                            throw e;
                        }
                        throw new RpcError(RpcError.INVALID_ADDRESS_OR_KEY, "Invalid Bitcoin address: " + a.asText());
                    }
                }
            }
        }
        boolean includeUnsafe = p.bool(3, true);
        ArrayNode out = F.arrayNode();
        List<WalletLedger.WalletCoin> coins = ledger.walletCoins(w);
        coins.sort(Comparator.comparing((WalletLedger.WalletCoin c) -> c.op().txid().toString()).thenComparingLong(c -> c.op().vout()));
        for (WalletLedger.WalletCoin c : coins) {
            if (c.immature() || c.conf() < minconf || c.conf() > maxconf || !includeUnsafe && !c.trusted()) {
                continue;
            }
            if (filter != null && !filter.contains(Bytes.wrap(c.spk()))) {
                continue;
            }
            ObjectNode u = out.addObject();
            u.put("txid", c.op().txid().toString());
            u.put("vout", c.op().vout());
            if (!c.watched().address().isEmpty()) {
                u.put("address", c.watched().address());
            }
            u.put("scriptPubKey", HEX.formatHex(c.spk()));
            u.put("amount", btc(c.value()));
            u.put("confirmations", c.conf());
            if (c.conf() == 0) {
                Mempool.Stats anc = chain.ancestors(c.op().txid());
                u.put("ancestorcount", anc.count());
                u.put("ancestorsize", anc.vbytes());
                u.put("ancestorfees", anc.fees());
            }
            u.put("spendable", true); // Core 29: true for descriptor wallets, keys or not
            u.put("solvable", true);
            u.put("desc", c.watched().inferredDescriptor());
            u.putArray("parent_descs").add(c.watched().descriptorWithChecksum());
            u.put("safe", c.trusted());
        }
        return out;
    }

    private void putTxFacts(ObjectNode o, TxRecord r, RegtestWallet w) {
        int conf = chain.confirmations(r);
        o.put("confirmations", conf);
        if (r.coinbase) {
            o.put("generated", true);
        }
        if (r.height >= 0) {
            BlockInfo b = chain.block(r.height).orElseThrow();
            o.put("blockhash", b.hash.toString());
            o.put("blockheight", r.height);
            o.put("blockindex", r.indexInBlock);
            o.put("blocktime", b.time);
        } else {
            o.put("trusted", ledger.allInputsMine(w, r.txid));
        }
        o.put("txid", r.txid.toString());
        o.put("wtxid", r.tx.getWTxId().toString());
        o.putArray("walletconflicts");
        o.putArray("mempoolconflicts");
        long time = r.height >= 0 ? Math.min(r.timeReceived, chain.block(r.height).orElseThrow().time)
                : r.timeReceived;
        o.put("time", time);
        o.put("timereceived", r.timeReceived);
        boolean signals = r.tx.getInputs().stream().anyMatch(in -> in.getSequenceNumber() < 0xFFFFFFFEL);
        o.put("bip125-replaceable", r.height < 0 && signals ? "yes" : "no");
    }

    /** One details / listtransactions row up to its {@code abandoned} member, as Core orders them. */
    private static ObjectNode rowHead(WalletLedger.Row row, boolean withAbandoned) {
        ObjectNode o = F.objectNode();
        if (!row.address().isEmpty()) {
            o.put("address", row.address());
        }
        if (row.parentDesc() != null) {
            o.putArray("parent_descs").add(row.parentDesc());
        }
        o.put("category", row.category());
        o.put("amount", btc(row.amount()));
        o.put("vout", row.vout());
        if (row.fee() != null) {
            o.put("fee", btc(row.fee()));
        }
        if (withAbandoned) {
            o.put("abandoned", false);
        }
        return o;
    }

    private JsonNode listTransactions(Params p, RegtestWallet w) throws RpcError {
        String label = p.str(0, "*");
        int count = p.integer(1, 10);
        int skip = p.integer(2, 0);
        if (count < 0) {
            throw new RpcError(RpcError.INVALID_PARAMETER, "Negative count");
        }
        if (skip < 0) {
            throw new RpcError(RpcError.INVALID_PARAMETER, "Negative from");
        }
        // Core: transactions newest first, each with its send rows then receive rows in output
        // order; skip/count applied to that list, which is then reversed as a whole
        List<ObjectNode> all = new ArrayList<>();
        if (label.equals("*")) {
            List<TxRecord> txs = ledger.walletTxs(w);
            for (int t = txs.size() - 1; t >= 0 && all.size() < (long) count + skip; t--) {
                TxRecord r = txs.get(t);
                List<WalletLedger.Row> rows = ledger.rows(w, r);
                rows.sort(Comparator.comparingInt((WalletLedger.Row row) -> row.category().equals("send") ? 0 : 1));
                for (WalletLedger.Row row : rows) {
                    boolean send = row.category().equals("send");
                    ObjectNode o = rowHead(row, !send);
                    putTxFacts(o, r, w);
                    if (send) {
                        o.put("abandoned", false);
                    }
                    all.add(o);
                }
            }
        }
        int from = Math.min(skip, all.size());
        int to = (int) Math.min(all.size(), (long) from + count);
        List<ObjectNode> page = new ArrayList<>(all.subList(from, to));
        java.util.Collections.reverse(page);
        ArrayNode out = F.arrayNode();
        page.forEach(out::add);
        return out;
    }

    private JsonNode getTransaction(Params p, RegtestWallet w) throws RpcError {
        Sha256Hash txid = p.hash(0, "txid");
        Optional<TxRecord> r = chain.tx(txid);
        if (r.isEmpty() || ledger.walletTxs(w).stream().noneMatch(t -> t.txid.equals(txid))) {
            throw new RpcError(RpcError.INVALID_ADDRESS_OR_KEY, "Invalid or non-wallet transaction id");
        }
        List<WalletLedger.Row> rows = ledger.rows(w, r.get());
        WalletLedger.Effect effect = ledger.effect(w, r.get());
        Long fee = effect.fee();
        long amount = effect.amount();
        ObjectNode o = F.objectNode();
        o.put("amount", btc(amount));
        if (fee != null) {
            o.put("fee", btc(fee));
        }
        putTxFacts(o, r.get(), w);
        ArrayNode details = o.putArray("details");
        for (WalletLedger.Row row : rows) {
            details.add(rowHead(row, true));
        }
        o.put("hex", HEX.formatHex(r.get().raw));
        if (p.bool(2, false)) {
            o.set("decoded", json.decodeTx(r.get(), false, false));
        }
        json.putLastProcessedBlock(o);
        return o;
    }

    private ObjectNode walletInfo(RegtestWallet w) {
        WalletLedger.Balances b = ledger.balances(w);
        ObjectNode o = F.objectNode();
        o.put("walletname", w.name());
        o.put("walletversion", 169900);
        o.put("format", "sqlite");
        o.put("balance", btc(b.trusted()));
        o.put("unconfirmed_balance", btc(b.untrustedPending()));
        o.put("immature_balance", btc(b.immature()));
        o.put("txcount", ledger.walletTxs(w).size());
        o.put("keypoolsize", 0);
        o.put("keypoolsize_hd_internal", 0);
        o.put("paytxfee", btc(0));
        o.put("private_keys_enabled", !w.disablePrivateKeys());
        o.put("avoid_reuse", false);
        o.put("scanning", false);
        o.put("descriptors", true);
        o.put("external_signer", false);
        o.put("blank", w.blank());
        // Core: the earliest key time, absent while the wallet has no descriptors
        w.entries().stream().mapToLong(e -> e.timestamp).min().ifPresent(t -> o.put("birthtime", t));
        json.putLastProcessedBlock(o);
        return o;
    }
}
