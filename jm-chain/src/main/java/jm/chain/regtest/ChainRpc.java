package jm.chain.regtest;

import static jm.chain.regtest.RpcJson.F;
import static jm.chain.regtest.RpcJson.HEX;
import static jm.chain.regtest.RpcJson.btc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import jm.core.OutPoint;
import org.bitcoinj.base.Sha256Hash;
import org.bitcoinj.core.Transaction;
import org.bitcoinj.core.TransactionOutput;

/** The chain RPCs: blocks, transactions, broadcasting, mining and waiting for blocks. */
final class ChainRpc {
    /** Core's default maxfeerate for sendrawtransaction: 0.10 BTC/kvB. */
    private static final long DEFAULT_MAX_FEE_RATE_SAT_PER_KVB = 10_000_000L;
    private static final String GENESIS_COINBASE_TXID =
            "4a5e1e4baab89f3a32518a88c31bc87f618f76673e2cc77ab2127b7afdeda33b";
    /** Longest wait of waitforblockheight / waitfornewblock (Core: unlimited with timeout 0). */
    private static final long MAX_WAIT_MS = 600_000;

    private final RegtestNode node;
    private final RegtestChain chain;
    private final RpcJson json;

    ChainRpc(RegtestNode node, RpcJson json) {
        this.node = node;
        this.chain = node.chain();
        this.json = json;
    }

    void register(NodeRpc rpc) {
        rpc.chainMethod("getblockcount", List.of(), (p, w) -> F.numberNode(chain.tipHeight()));
        rpc.chainMethod("getbestblockhash", List.of(), (p, w) -> F.textNode(chain.tip().hash.toString()));
        rpc.chainMethod("getblockchaininfo", List.of(), (p, w) -> json.blockchainInfo());
        rpc.chainMethod("getblockhash", List.of("height"), (p, w) -> {
            long h = p.lng(0);
            return F.textNode(chain.block((int) Math.min(Integer.MAX_VALUE, Math.max(-1, h))).orElseThrow(
                    () -> new RpcError(RpcError.INVALID_PARAMETER, "Block height out of range")).hash.toString());
        });
        rpc.chainMethod("getblockheader", List.of("blockhash", "verbose"), (p, w) -> {
            BlockInfo b = block(p);
            if (!p.bool(1, true)) {
                return F.textNode(HEX.formatHex(b.raw, 0, 80));
            }
            return json.header(b);
        });
        rpc.chainMethod("getblock", List.of("blockhash", "verbosity"), (p, w) -> {
            BlockInfo b = block(p);
            int verbosity = p.raw(1) != null && p.raw(1).isBoolean() ? (p.raw(1).asBoolean() ? 1 : 0)
                    : p.integer(1, 1);
            if (verbosity <= 0) {
                return F.textNode(HEX.formatHex(b.raw));
            }
            ObjectNode o = json.header(b);
            o.put("strippedsize", b.strippedSize);
            o.put("size", b.raw.length);
            o.put("weight", b.weight);
            ArrayNode txs = o.putArray("tx");
            for (Sha256Hash id : b.txids) {
                if (verbosity == 1 || b.height == 0) {
                    txs.add(id.toString());
                } else {
                    txs.add(json.decodeTx(F.objectNode(), chain.tx(id).orElseThrow(), false, true,
                            verbosity == 2 ? RpcJson.Detail.FEE : RpcJson.Detail.FEE_AND_PREVOUT));
                }
            }
            return o;
        });
        rpc.chainMethod("gettxout", List.of("txid", "n", "include_mempool"), (p, w) -> {
            Sha256Hash txid = p.hash(0, "txid");
            long n = p.lng(1);
            if (n < 0 || n > 0xFFFF_FFFFL) {
                throw new RpcError(RpcError.MISC_ERROR, "JSON integer out of range"); // getInt<uint32_t>
            }
            boolean mempool = p.bool(2, true);
            Optional<Coin> c = chain.unspent(new OutPoint(txid, n), mempool);
            if (c.isEmpty()) {
                return F.nullNode();
            }
            ObjectNode o = F.objectNode();
            o.put("bestblock", chain.tip().hash.toString());
            o.put("confirmations", c.get().height() < 0 ? 0 : chain.tipHeight() - c.get().height() + 1);
            o.put("value", btc(c.get().value()));
            o.set("scriptPubKey", json.scriptPubKey(c.get().spk()));
            o.put("coinbase", c.get().coinbase());
            return o;
        });
        rpc.chainMethod("getrawtransaction", List.of("txid", "verbose", "blockhash"), (p, w) -> {
            Sha256Hash txid = p.hash(0, "parameter 1");
            JsonNode v = p.raw(1);
            int verbosity = v == null ? 0 : v.isBoolean() ? (v.asBoolean() ? 1 : 0) : v.isIntegralNumber() ? v.asInt()
                    : -1;
            if (verbosity < 0) {
                throw Params.typeError(v, "number");
            }
            if (txid.toString().equals(GENESIS_COINBASE_TXID)) {
                throw new RpcError(RpcError.INVALID_ADDRESS_OR_KEY, "The genesis block coinbase is not considered an "
                        + "ordinary transaction and cannot be retrieved");
            }
            Optional<TxRecord> r = chain.tx(txid);
            ObjectNode o = F.objectNode();
            if (p.has(2)) {
                BlockInfo b = chain.block(p.hash(2, "parameter 3")).orElseThrow(
                        () -> new RpcError(RpcError.INVALID_ADDRESS_OR_KEY, "Block hash not found"));
                if (r.isEmpty() || r.get().height != b.height) {
                    throw new RpcError(RpcError.INVALID_ADDRESS_OR_KEY,
                            "No such transaction found in the provided block. Use gettransaction for wallet transactions.");
                }
                o.put("in_active_chain", true);
            } else if (r.isEmpty() || r.get().height >= 0 && !node.txindex()) {
                // Core without -txindex finds a confirmed transaction only in a block it is given
                throw new RpcError(RpcError.INVALID_ADDRESS_OR_KEY, node.txindex()
                        ? "No such mempool or blockchain transaction. Use gettransaction for wallet transactions."
                        : "No such mempool transaction. Use -txindex or provide a block hash to enable blockchain "
                        + "transaction queries. Use gettransaction for wallet transactions.");
            }
            if (verbosity == 0) {
                return F.textNode(HEX.formatHex(r.get().raw));
            }
            return json.decodeTx(o, r.get(), true, true, verbosity == 1 ? RpcJson.Detail.PLAIN
                    : RpcJson.Detail.FEE_AND_PREVOUT);
        });
        rpc.chainMethod("getindexinfo", List.of("index_name"), (p, w) -> {
            ObjectNode o = F.objectNode();
            String only = p.str(0, null);
            if (node.txindex() && (only == null || only.equals("txindex"))) {
                ObjectNode t = o.putObject("txindex");
                t.put("synced", true);
                t.put("best_block_height", chain.tipHeight());
            }
            return o;
        });
        rpc.chainMethod("decoderawtransaction", List.of("hexstring", "iswitness"), (p, w) -> {
            Transaction tx;
            byte[] raw;
            try {
                raw = hexParam(p.str(0));
                tx = TxCodec.decode(raw);
            } catch (RpcError e) {
                throw new RpcError(RpcError.DESERIALIZATION_ERROR, "TX decode failed");
            }
            return json.decodeTx(TxRecord.unconfirmed(tx, raw, tx.isCoinBase(), 0, 0, -1), false, false);
        });
        rpc.chainMethod("sendrawtransaction", List.of("hexstring", "maxfeerate", "maxburnamount"), (p, w) -> {
            byte[] raw = hexParam(p.str(0));
            Transaction tx;
            try {
                // the witness serialisation first, as Core does: a segwit transaction's bytes can
                // also happen to parse as a legacy one without inputs
                tx = TxCodec.decode(raw);
            } catch (RpcError e) {
                if (TxCodec.isLegacyWithoutInputs(raw)) {
                    // Core decodes it (as a legacy transaction) and rejects it in CheckTransaction
                    throw new RpcError(RpcError.VERIFY_REJECTED, "bad-txns-vin-empty");
                }
                throw e;
            }
            long maxBurn = p.has(2) ? p.amount(2) : 0;
            for (TransactionOutput o : tx.getOutputs()) {
                byte[] spk = o.getScriptBytes();
                boolean unspendable = spk.length > 0 && (spk[0] & 0xff) == 0x6a || spk.length > 10_000;
                if (unspendable && o.getValue().value > maxBurn) {
                    throw new RpcError(RpcError.VERIFY_ERROR,
                            "Unspendable output exceeds maximum configured by user (maxburnamount)");
                }
            }
            long maxRate = p.has(1) ? p.amount(1) : DEFAULT_MAX_FEE_RATE_SAT_PER_KVB;
            if (maxRate >= 100_000_000L) {
                throw new RpcError(RpcError.INVALID_PARAMETER, "Fee rates larger than or equal to 1BTC/kvB are not "
                        + "accepted");
            }
            return F.textNode(chain.accept(raw, maxRate).toString());
        });
        rpc.chainMethod("generatetoaddress", List.of("nblocks", "address", "maxtries"), (p, w) -> {
            long n = p.lng(0);
            byte[] spk;
            try {
                spk = Scripts.scriptOf(p.str(1));
            } catch (RpcError e) {
                throw new RpcError(RpcError.INVALID_ADDRESS_OR_KEY, "Error: Invalid address");
            }
            if (n > 100_000) {
                throw new RpcError(RpcError.INVALID_PARAMETER, "nblocks out of range");
            }
            n = Math.max(0, n); // Core: a negative count mines nothing, no error
            ArrayNode a = F.arrayNode();
            try {
                chain.generate((int) n, spk).forEach(h -> a.add(h.toString()));
            } catch (IOException e) {
                throw new RpcError(RpcError.MISC_ERROR, "cannot write block file: " + e.getMessage());
            }
            return a;
        });
        rpc.chainMethod("waitforblockheight", List.of("height", "timeout"), (p, w) -> {
            long h = p.lng(0);
            long timeout = p.lng(1, 0);
            if (timeout < 0) {
                throw new RpcError(RpcError.MISC_ERROR, "Negative timeout");
            }
            // Core waits without limit for 0; the embedded node caps every wait at 10 minutes
            int tip = chain.waitForHeight(h, timeout == 0 ? MAX_WAIT_MS : Math.min(timeout, MAX_WAIT_MS));
            ObjectNode o = F.objectNode();
            o.put("hash", chain.block(tip).orElseThrow().hash.toString());
            o.put("height", tip);
            return o;
        });
        rpc.chainMethod("waitfornewblock", List.of("timeout"), (p, w) -> {
            long timeout = p.lng(0, 0);
            if (timeout < 0) {
                throw new RpcError(RpcError.MISC_ERROR, "Negative timeout");
            }
            int tip = chain.waitForHeight(chain.tipHeight() + 1L, timeout == 0 ? MAX_WAIT_MS
                    : Math.min(timeout, MAX_WAIT_MS));
            ObjectNode o = F.objectNode();
            o.put("hash", chain.block(tip).orElseThrow().hash.toString());
            o.put("height", tip);
            return o;
        });
    }

    private BlockInfo block(Params p) throws RpcError {
        return chain.block(p.hash(0, "blockhash")).orElseThrow(
                () -> new RpcError(RpcError.INVALID_ADDRESS_OR_KEY, "Block not found"));
    }

    private static byte[] hexParam(String s) throws RpcError {
        try {
            return HEX.parseHex(s);
        } catch (IllegalArgumentException e) {
            throw new RpcError(RpcError.DESERIALIZATION_ERROR, "TX decode failed. Make sure the tx has at least one input.");
        }
    }
}
