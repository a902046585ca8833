package jm.chain.regtest;

import static jm.chain.regtest.RpcJson.F;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The faucet wallet's spending RPCs (getnewaddress, getrawchangeaddress, sendtoaddress, sendmany); other
 * wallets have no keys.
 */
record FaucetRpc(RegtestNode node) {
    void register(NodeRpc rpc) {
        RpcHandler newAddress = (p, w) -> {
            if (!node.isFaucet(w)) {
                throw new RpcError(RpcError.WALLET_ERROR, "Error: This wallet has no available keys");
            }
            return F.textNode(node.faucetAddress().toString());
        };
        rpc.walletMethod("getnewaddress", List.of("label", "address_type"), newAddress);
        rpc.walletMethod("getrawchangeaddress", List.of("address_type"), newAddress);
        rpc.walletMethod("sendmany", List.of("dummy", "amounts", "minconf", "comment", "subtractfeefrom",
                "replaceable", "conf_target", "estimate_mode", "fee_rate", "verbose"), (p, w) -> {
            if (!node.isFaucet(w)) {
                throw new RpcError(RpcError.WALLET_ERROR, "Error: Private keys are disabled for this wallet");
            }
            JsonNode amounts = p.raw(1);
            if (amounts == null || !amounts.isObject()) {
                throw Params.typeError(amounts, "object");
            }
            List<Map.Entry<Bytes, Long>> payments = new ArrayList<>();
            for (var it = amounts.fields(); it.hasNext(); ) {
                var e = it.next();
                payments.add(Map.entry(Bytes.wrap(Scripts.scriptOf(e.getKey())), Params.amountOf(e.getValue())));
            }
            return F.textNode(node.fundScripts(payments).toString());
        });
        rpc.walletMethod("sendtoaddress", List.of("address", "amount", "comment", "comment_to",
                "subtractfeefromamount", "replaceable", "conf_target", "estimate_mode", "avoid_reuse", "fee_rate",
                "verbose"), (p, w) -> {
            if (!node.isFaucet(w)) {
                throw new RpcError(RpcError.WALLET_ERROR, "Error: Private keys are disabled for this wallet");
            }
            byte[] spk = Scripts.scriptOf(p.str(0));
            long sats = p.amount(1);
            return F.textNode(node.fundScript(spk, sats).toString());
        });
    }
}
