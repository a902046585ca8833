package jm.chain.regtest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The node's JSON-RPC method table: Bitcoin Core's method names and parameter names, wallet
 * resolution from the {@code /wallet/<name>} path, and dispatch to the method groups
 * ({@link ChainRpc}, {@link MempoolRpc}, {@link UtilRpc}, {@link WalletAdminRpc}, {@link WalletRpc},
 * {@link FaucetRpc}).
 */
final class NodeRpc {
    private record Method(List<String> params, boolean wallet, RpcHandler handler) {
    }

    private final RegtestNode node;
    private final Map<String, Method> methods = new HashMap<>();
    private final AtomicBoolean stopRequested = new AtomicBoolean();

    NodeRpc(RegtestNode node) {
        this.node = node;
        RpcJson json = new RpcJson(node.chain());
        new ChainRpc(node, json).register(this);
        new MempoolRpc(node.chain()).register(this);
        new UtilRpc(node, json).register(this);
        new WalletAdminRpc(node).register(this);
        new WalletRpc(node, json, new WalletLedger(node.chain())).register(this);
        new FaucetRpc(node).register(this);
    }

    ObjectMapper mapper() {
        return node.mapper();
    }

    /** A method that needs no wallet. */
    void chainMethod(String name, List<String> params, RpcHandler h) {
        methods.put(name, new Method(params, false, h));
    }

    /** A method of the wallet named by the request path (or the only loaded one). */
    void walletMethod(String name, List<String> params, RpcHandler h) {
        methods.put(name, new Method(params, true, h));
    }

    /** The names of every method served (for {@code help}). */
    Set<String> methodNames() {
        return new TreeSet<>(methods.keySet());
    }

    /** Asks for the node to close once the current answer has been written (Core's {@code stop}). */
    void requestStop() {
        stopRequested.set(true);
    }

    /** True once, after a {@code stop} call has been answered: the server then closes the node. */
    boolean takeStopRequest() {
        return stopRequested.compareAndSet(true, false);
    }

    JsonNode call(String name, JsonNode params, String walletPath) throws RpcError, InterruptedException {
        Method m = methods.get(name);
        if (m == null) {
            throw new RpcError(RpcError.METHOD_NOT_FOUND, "Method not found");
        }
        Params p = Params.of(params, m.params);
        RegtestWallet w = null;
        if (m.wallet) {
            w = resolveWallet(walletPath);
        }
        return m.handler.handle(p, w);
    }

    private RegtestWallet resolveWallet(String walletPath) throws RpcError {
        if (walletPath != null) {
            return node.wallet(walletPath).orElseThrow(() -> new RpcError(RpcError.WALLET_NOT_FOUND,
                    "Requested wallet does not exist or is not loaded"));
        }
        List<String> names = node.listWallets();
        if (names.isEmpty()) {
            throw new RpcError(RpcError.WALLET_NOT_FOUND, "No wallet is loaded. Load a wallet using loadwallet or "
                    + "create a new one with createwallet. (Note: A default wallet is no longer automatically created)");
        }
        if (names.size() > 1) {
            throw new RpcError(RpcError.WALLET_NOT_SPECIFIED, "Multiple wallets are loaded. Please select which "
                    + "wallet to use by requesting the RPC through the /wallet/<walletname> URI path.");
        }
        return node.wallet(names.get(0)).orElseThrow();
    }
}
