package jm.chain.regtest;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.util.HexFormat;
import java.util.List;
import org.bitcoinj.core.Transaction;
import org.bitcoinj.core.TransactionInput;
import org.bitcoinj.core.TransactionOutput;

/** The JSON shapes Bitcoin Core 29.3 answers with: amounts, block headers, decoded transactions, node info. */
final class RpcJson {
    static final HexFormat HEX = HexFormat.of();
    static final JsonNodeFactory F = JsonNodeFactory.instance;

    private final RegtestChain chain;

    RpcJson(RegtestChain chain) {
        this.chain = chain;
    }

    static BigDecimal btc(long sats) {
        return BigDecimal.valueOf(sats, 8);
    }

    ObjectNode blockchainInfo() {
        BlockInfo tip = chain.tip();
        ObjectNode o = F.objectNode();
        o.put("chain", "regtest");
        o.put("blocks", tip.height);
        o.put("headers", tip.height);
        o.put("bestblockhash", tip.hash.toString());
        o.put("bits", "207fffff");
        o.put("target", "7fffff0000000000000000000000000000000000000000000000000000000000");
        o.put("difficulty", 4.656542373906925e-10);
        o.put("time", tip.time);
        o.put("mediantime", chain.medianTimePast(tip.height));
        o.put("verificationprogress", 1);
        o.put("initialblockdownload", tip.height == 0);
        o.put("chainwork", chainwork(tip.height));
        o.put("size_on_disk", 0);
        o.put("pruned", false);
        o.putArray("warnings");
        return o;
    }

    private static String chainwork(int height) {
        return String.format("%064x", 2L * (height + 1));
    }

    ObjectNode networkInfo() {
        ObjectNode o = F.objectNode();
        o.put("version", 290300);
        o.put("subversion", "/Satoshi:29.3.0/");
        o.put("protocolversion", 70016);
        o.put("localservices", "0000000000000c09");
        ArrayNode names = o.putArray("localservicesnames");
        List.of("NETWORK", "WITNESS", "NETWORK_LIMITED", "P2P_V2").forEach(names::add);
        o.put("localrelay", true);
        o.put("timeoffset", 0);
        o.put("networkactive", true);
        o.put("connections", 0);
        o.put("connections_in", 0);
        o.put("connections_out", 0);
        ArrayNode nets = o.putArray("networks");
        for (String n : List.of("ipv4", "ipv6", "onion", "i2p", "cjdns")) {
            ObjectNode net = nets.addObject();
            boolean ip = n.startsWith("ipv");
            net.put("name", n);
            net.put("limited", !ip);
            net.put("reachable", ip);
            net.put("proxy", "");
            net.put("proxy_randomize_credentials", false);
        }
        o.put("relayfee", btc(TxPolicy.MIN_RELAY_FEE_SAT_PER_KVB));
        o.put("incrementalfee", btc(TxPolicy.INCREMENTAL_RELAY_FEE_SAT_PER_KVB));
        o.putArray("localaddresses");
        o.putArray("warnings");
        return o;
    }

    ObjectNode header(BlockInfo b) {
        ObjectNode o = F.objectNode();
        o.put("hash", b.hash.toString());
        o.put("confirmations", chain.tipHeight() - b.height + 1);
        o.put("height", b.height);
        o.put("version", b.version);
        o.put("versionHex", String.format("%08x", b.version));
        o.put("merkleroot", b.merkleRoot.toString());
        o.put("time", b.time);
        o.put("mediantime", chain.medianTimePast(b.height));
        o.put("nonce", b.nonce);
        o.put("bits", "207fffff");
        o.put("target", "7fffff0000000000000000000000000000000000000000000000000000000000");
        o.put("difficulty", 4.656542373906925e-10);
        o.put("chainwork", chainwork(b.height));
        o.put("nTx", b.txids.size());
        if (b.height > 0) {
            o.put("previousblockhash", b.prev.toString());
        }
        chain.block(b.height + 1).ifPresent(n -> o.put("nextblockhash", n.hash.toString()));
        return o;
    }

    static ObjectNode scriptPubKey(byte[] spk) {
        ObjectNode o = F.objectNode();
        o.put("asm", Scripts.asm(spk));
        o.put("desc", Scripts.inferredDescriptor(spk));
        o.put("hex", HEX.formatHex(spk));
        Scripts.address(spk).ifPresent(a -> o.put("address", a));
        o.put("type", Scripts.type(spk));
        return o;
    }

    /** How much of the spent coins a decoded transaction shows (Core's TxVerbosity). */
    enum Detail {
        /** Inputs as outpoints only. */
        PLAIN,
        /** With the fee (a confirmed, non-coinbase transaction: Core has its undo data). */
        FEE,
        /** With the fee and each input's {@code prevout}. */
        FEE_AND_PREVOUT
    }

    ObjectNode decodeTx(TxRecord r, boolean withBlock, boolean withHex) {
        return decodeTx(F.objectNode(), r, withBlock, withHex, Detail.PLAIN);
    }

    /** A decoded transaction appended to {@code o} (which may already hold Core's leading members). */
    ObjectNode decodeTx(ObjectNode o, TxRecord r, boolean withBlock, boolean withHex, Detail detail) {
        Transaction tx = r.tx;
        if (r.height < 0 || r.coinbase) {
            detail = Detail.PLAIN; // Core: no undo data for mempool transactions and coinbases
        }
        o.put("txid", r.txid.toString());
        o.put("hash", tx.getWTxId().toString());
        o.put("version", tx.getVersion());
        o.put("size", r.raw.length);
        o.put("vsize", tx.getVsize());
        o.put("weight", tx.getWeight());
        o.put("locktime", tx.getLockTime());
        ArrayNode vin = o.putArray("vin");
        for (TransactionInput in : tx.getInputs()) {
            ObjectNode i = vin.addObject();
            if (tx.isCoinBase()) {
                i.put("coinbase", HEX.formatHex(in.getScriptBytes()));
            } else {
                i.put("txid", in.getOutpoint().hash().toString());
                i.put("vout", in.getOutpoint().index());
                ObjectNode ss = i.putObject("scriptSig");
                ss.put("asm", "");
                ss.put("hex", HEX.formatHex(in.getScriptBytes()));
            }
            if (in.hasWitness()) {
                ArrayNode wit = i.putArray("txinwitness");
                for (int k = 0; k < in.getWitness().getPushCount(); k++) {
                    wit.add(HEX.formatHex(in.getWitness().getPush(k)));
                }
            }
            if (detail == Detail.FEE_AND_PREVOUT) {
                Coin prev = chain.output(TxCodec.outPoint(in)).orElseThrow();
                ObjectNode po = i.putObject("prevout");
                po.put("generated", prev.coinbase());
                po.put("height", prev.height());
                po.put("value", btc(prev.value()));
                po.set("scriptPubKey", scriptPubKey(prev.spk()));
            }
            i.put("sequence", in.getSequenceNumber());
        }
        ArrayNode vout = o.putArray("vout");
        List<TransactionOutput> outs = tx.getOutputs();
        for (int n = 0; n < outs.size(); n++) {
            ObjectNode v = vout.addObject();
            v.put("value", btc(outs.get(n).getValue().value));
            v.put("n", n);
            v.set("scriptPubKey", scriptPubKey(outs.get(n).getScriptBytes()));
        }
        if (detail != Detail.PLAIN) {
            o.put("fee", btc(r.fee));
        }
        if (withHex) {
            o.put("hex", HEX.formatHex(r.raw));
        }
        if (withBlock && r.height >= 0) {
            BlockInfo b = chain.block(r.height).orElseThrow();
            o.put("blockhash", b.hash.toString());
            o.put("confirmations", chain.tipHeight() - r.height + 1);
            o.put("time", b.time);
            o.put("blocktime", b.time);
        }
        return o;
    }

    void putLastProcessedBlock(ObjectNode o) {
        ObjectNode last = o.putObject("lastprocessedblock");
        last.put("hash", chain.tip().hash.toString());
        last.put("height", chain.tipHeight());
    }
}
