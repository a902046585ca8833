package jm.chain.regtest;

import static jm.chain.regtest.RpcJson.F;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/** The wallet management RPCs: listwallets, createwallet, loadwallet, unloadwallet. */
record WalletAdminRpc(RegtestNode node) {
    void register(NodeRpc rpc) {
        rpc.chainMethod("listwallets", List.of(), (p, w) -> {
            ArrayNode a = F.arrayNode();
            node.listWallets().forEach(a::add);
            return a;
        });
        rpc.chainMethod("createwallet", List.of("wallet_name", "disable_private_keys", "blank", "passphrase",
                "avoid_reuse", "descriptors", "load_on_startup", "external_signer"), (p, w) -> {
            String name = p.str(0);
            if (!p.bool(5, true)) {
                throw new RpcError(RpcError.WALLET_ERROR, "BDB wallet creation is deprecated and will be removed in a "
                        + "future release. In this release it can be re-enabled temporarily with the "
                        + "-deprecatedrpc=create_bdb setting.");
            }
            if (!p.str(3, "").isEmpty()) {
                throw new RpcError(RpcError.WALLET_ERROR, "Encrypted wallets are not supported by the embedded node");
            }
            if (p.bool(7, false)) {
                throw new RpcError(RpcError.WALLET_ERROR, "Compiled without external signing support (required for "
                        + "external signing)");
            }
            node.createWallet(name, p.bool(1, false), p.bool(2, false));
            ObjectNode o = F.objectNode();
            o.put("name", name);
            if (p.has(3) && p.str(3).isEmpty()) {
                o.putArray("warnings").add("Empty string given as passphrase, wallet will not be encrypted.");
            }
            return o;
        });
        rpc.chainMethod("loadwallet", List.of("filename", "load_on_startup"), (p, w) -> {
            String name = p.str(0);
            node.loadWallet(name);
            ObjectNode o = F.objectNode();
            o.put("name", name);
            return o;
        });
        rpc.chainMethod("unloadwallet", List.of("wallet_name", "load_on_startup"), (p, w) -> {
            if (!p.has(0)) {
                throw Params.typeError(p.raw(0) == null ? F.nullNode() : p.raw(0), "string");
            }
            node.unloadWallet(p.str(0));
            return F.objectNode();
        });

    }
}
