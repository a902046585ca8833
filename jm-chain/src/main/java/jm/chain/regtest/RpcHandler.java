package jm.chain.regtest;

import com.fasterxml.jackson.databind.JsonNode;

/** One JSON-RPC method: its parameters (and wallet, for wallet methods; else null) to its result. */
@FunctionalInterface
interface RpcHandler {
    JsonNode handle(Params p, RegtestWallet w) throws RpcError, InterruptedException;
}
