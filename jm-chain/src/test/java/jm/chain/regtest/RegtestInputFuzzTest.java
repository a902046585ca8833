package jm.chain.regtest;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import jm.chain.rpc.RpcClient;

/** Untrusted input to the node (RPC requests, descriptors, raw transactions) fails only with Core-style RPC errors. */
class RegtestInputFuzzTest {
    private static final List<String> METHODS = List.of("getblockhash", "getblockheader", "getblock", "gettxout",
            "getrawtransaction", "decoderawtransaction", "sendrawtransaction", "estimatesmartfee",
            "createwallet", "loadwallet", "importdescriptors", "listunspent", "listtransactions", "gettransaction",
            "getdescriptorinfo", "deriveaddresses", "rescanblockchain", "waitforblockheight", "getbalance",
            "nosuchmethod");
    private static RegtestNode node;
    private static NodeRpc rpc;

    private static synchronized NodeRpc rpc() {
        if (rpc == null) {
            try {
                Path dir = Files.createTempDirectory("jm-regtest-fuzz");
                dir.toFile().deleteOnExit();
                node = RegtestNode.start(dir, 0);
                node.mine(2, null);
                rpc = new NodeRpc(node);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return rpc;
    }

    @FuzzTest(maxDuration = "60s")
    void rpcCallsFailOnlyWithRpcErrors(FuzzedDataProvider data) throws Exception {
        String method = METHODS.get(data.consumeInt(0, METHODS.size() - 1));
        String params = data.consumeRemainingAsString();
        JsonNode p;
        try {
            p = RpcClient.newMapper().readTree(params);
        } catch (IOException notJson) {
            return;
        }
        if (method.equals("waitforblockheight")) {
            return; // may legitimately block for its timeout
        }
        try {
            rpc().call(method, p, data.consumeBoolean() ? null : "faucet");
        } catch (RpcError expected) {
            assertThat(expected.getMessage()).isNotBlank();
        }
    }

    @FuzzTest(maxDuration = "60s")
    void descriptorParserFailsOnlyWithRpcErrors(FuzzedDataProvider data) {
        boolean checksum = data.consumeBoolean();
        String text = data.consumeRemainingAsString();
        try {
            Descriptor d = Descriptor.parse(text, checksum);
            assertThat(d.scripts(0, 1)).isNotEmpty();
        } catch (RpcError expected) {
            assertThat(expected.code()).isIn(RpcError.INVALID_ADDRESS_OR_KEY, RpcError.WALLET_ERROR);
        }
    }

    @FuzzTest(maxDuration = "60s")
    void transactionAcceptanceFailsOnlyWithRpcErrors(byte[] raw) {
        rpc();
        try {
            node.chain().accept(raw, 0);
        } catch (RpcError expected) {
            assertThat(expected.code()).isIn(RpcError.DESERIALIZATION_ERROR, RpcError.VERIFY_ERROR,
                    RpcError.VERIFY_REJECTED, RpcError.VERIFY_ALREADY_IN_CHAIN);
        }
    }
}
