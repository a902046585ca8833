package jm.chain.regtest;

import static jm.chain.regtest.RpcJson.F;
import static jm.chain.regtest.RpcJson.btc;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Locale;
import org.bitcoinj.base.Sha256Hash;

/** The mempool and fee RPCs: getrawmempool, getmempoolentry, getmempoolinfo, estimatesmartfee. */
record MempoolRpc(RegtestChain chain) {
    void register(NodeRpc rpc) {
        rpc.chainMethod("getrawmempool", List.of("verbose", "mempool_sequence"), (p, w) -> {
            boolean verbose = p.bool(0, false);
            if (p.bool(1, false)) {
                throw new RpcError(RpcError.INVALID_PARAMETER, verbose
                        ? "Verbose results cannot contain mempool sequence values."
                        : "mempool_sequence is not supported by the embedded node");
            }
            if (verbose) {
                ObjectNode o = F.objectNode();
                chain.mempoolEntries().forEach(e -> o.set(e.tx().txid.toString(), entry(e)));
                return o;
            }
            ArrayNode a = F.arrayNode();
            chain.mempoolEntries().forEach(e -> a.add(e.tx().txid.toString()));
            return a;
        });
        rpc.chainMethod("getmempoolentry", List.of("txid"), (p, w) -> {
            Sha256Hash txid = p.hash(0, "txid");
            return chain.mempoolEntries().stream().filter(e -> e.tx().txid.equals(txid)).findFirst()
                    .map(MempoolRpc::entry).orElseThrow(() -> new RpcError(RpcError.INVALID_ADDRESS_OR_KEY,
                            "Transaction not in mempool"));
        });
        rpc.chainMethod("getmempoolinfo", List.of(), (p, w) -> {
            Mempool.Stats st = chain.mempoolStats();
            ObjectNode o = F.objectNode();
            o.put("loaded", true);
            o.put("size", st.count());
            o.put("bytes", st.vbytes());
            o.put("usage", st.vbytes() * 8L);
            o.put("total_fee", btc(st.fees()));
            o.put("maxmempool", 300_000_000);
            o.put("mempoolminfee", btc(TxPolicy.MIN_RELAY_FEE_SAT_PER_KVB));
            o.put("minrelaytxfee", btc(TxPolicy.MIN_RELAY_FEE_SAT_PER_KVB));
            o.put("incrementalrelayfee", btc(TxPolicy.INCREMENTAL_RELAY_FEE_SAT_PER_KVB));
            o.put("unbroadcastcount", st.count());
            o.put("fullrbf", true);
            return o;
        });
        rpc.chainMethod("estimatesmartfee", List.of("conf_target", "estimate_mode"), (p, w) -> {
            long target = p.lng(0);
            if (target < 1 || target > 1008) {
                throw new RpcError(RpcError.INVALID_PARAMETER, "Invalid conf_target, must be between 1 and 1008");
            }
            String mode = p.str(1, "economical").toLowerCase(Locale.ROOT);
            if (!mode.equals("economical") && !mode.equals("conservative") && !mode.equals("unset")) {
                throw new RpcError(RpcError.INVALID_PARAMETER, "Invalid estimate_mode parameter, must be one of: "
                        + "\"unset\", \"economical\", \"conservative\"");
            }
            ObjectNode o = F.objectNode();
            o.putArray("errors").add("Insufficient data or no feerate found");
            o.put("blocks", 0);
            return o;
        });
    }

    /** Core's entryToJSON, member for member. */
    private static ObjectNode entry(Mempool.Entry e) {
        TxRecord r = e.tx();
        ObjectNode o = F.objectNode();
        o.put("vsize", r.tx.getVsize());
        o.put("weight", r.tx.getWeight());
        o.put("time", r.timeReceived);
        o.put("height", r.entryHeight);
        o.put("descendantcount", e.descendants().count());
        o.put("descendantsize", e.descendants().vbytes());
        o.put("ancestorcount", e.ancestors().count());
        o.put("ancestorsize", e.ancestors().vbytes());
        o.put("wtxid", r.tx.getWTxId().toString());
        ObjectNode fees = o.putObject("fees");
        fees.put("base", btc(r.fee));
        fees.put("modified", btc(r.fee));
        fees.put("ancestor", btc(e.ancestors().fees()));
        fees.put("descendant", btc(e.descendants().fees()));
        ArrayNode depends = o.putArray("depends");
        e.depends().forEach(d -> depends.add(d.toString()));
        ArrayNode spentBy = o.putArray("spentby");
        e.spentBy().forEach(c -> spentBy.add(c.toString()));
        o.put("bip125-replaceable", e.bip125Replaceable());
        o.put("unbroadcast", true); // submitted over RPC and never relayed: Core keeps it unbroadcast
        return o;
    }
}
