package jm.chain.regtest;

import static jm.chain.regtest.RpcJson.F;
import static jm.chain.regtest.RpcJson.btc;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Locale;

/** The mempool and fee RPCs: getrawmempool, getmempoolinfo, estimatesmartfee. */
record MempoolRpc(RegtestChain chain) {
    void register(NodeRpc rpc) {
        rpc.chainMethod("getrawmempool", List.of("verbose", "mempool_sequence"), (p, w) -> {
            ArrayNode a = F.arrayNode();
            chain.mempoolTxids().forEach(id -> a.add(id.toString()));
            return a;
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
}
