package jm.chain.regtest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import jm.core.OutPoint;
import org.bitcoinj.base.Sha256Hash;
import org.bitcoinj.core.Transaction;
import org.bitcoinj.core.TransactionInput;
import org.bitcoinj.core.TransactionOutput;

/** The node's JSON-RPC methods: Bitcoin Core's names, parameters, result fields and errors. */
final class NodeRpc {
    private static final HexFormat HEX = HexFormat.of();
    private static final JsonNodeFactory F = JsonNodeFactory.instance;
    /** Core's default maxfeerate for sendrawtransaction: 0.10 BTC/kvB. */
    private static final long DEFAULT_MAX_FEE_RATE_SAT_PER_KVB = 10_000_000L;
    private static final String GENESIS_COINBASE_TXID =
            "4a5e1e4baab89f3a32518a88c31bc87f618f76673e2cc77ab2127b7afdeda33b";
    /** Longest wait of waitforblockheight / waitfornewblock (Core: unlimited with timeout 0). */
    private static final long MAX_WAIT_MS = 600_000;

    @FunctionalInterface
    private interface Handler {
        JsonNode handle(Params p, RegtestWallet w) throws RpcError, InterruptedException;
    }

    private record Method(List<String> params, boolean wallet, Handler handler) {
    }

    private final RegtestNode node;
    private final RegtestChain chain;
    private final Map<String, Method> methods = new HashMap<>();
    private final java.util.concurrent.atomic.AtomicBoolean stopRequested =
            new java.util.concurrent.atomic.AtomicBoolean();

    /**
     * Called by the HTTP server after each answer has been written and the exchange closed: a
     * {@code stop} call closes the node only then, so its caller always gets the answer.
     */
    void afterResponse() {
        if (stopRequested.compareAndSet(true, false)) {
            Thread t = new Thread(node::close, "regtest-stop");
            t.setDaemon(true);
            t.start();
        }
    }

    NodeRpc(RegtestNode node) {
        this.node = node;
        this.chain = node.chain();
        register();
    }

    ObjectMapper mapper() {
        return node.mapper();
    }

    private void chainMethod(String name, List<String> params, Handler h) {
        methods.put(name, new Method(params, false, h));
    }

    private void walletMethod(String name, List<String> params, Handler h) {
        methods.put(name, new Method(params, true, h));
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

    static BigDecimal btc(long sats) {
        return BigDecimal.valueOf(sats, 8);
    }

    private static Sha256Hash hash(Params p, int i, String what) throws RpcError {
        String s = p.str(i);
        if (s.length() != 64) {
            throw new RpcError(RpcError.INVALID_PARAMETER, what + " must be of length 64 (not " + s.length()
                    + ", for '" + s + "')");
        }
        if (!s.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
            throw new RpcError(RpcError.INVALID_PARAMETER, what + " must be hexadecimal string (not '" + s + "')");
        }
        return Sha256Hash.wrap(s.toLowerCase(java.util.Locale.ROOT));
    }

    private void register() {
        // ---- node ----
        chainMethod("getblockcount", List.of(), (p, w) -> F.numberNode(chain.tipHeight()));
        chainMethod("getbestblockhash", List.of(), (p, w) -> F.textNode(chain.tip().hash.toString()));
        chainMethod("getblockchaininfo", List.of(), (p, w) -> blockchainInfo());
        chainMethod("getnetworkinfo", List.of(), (p, w) -> networkInfo());
        chainMethod("uptime", List.of(), (p, w) -> F.numberNode(node.uptimeSeconds()));
        chainMethod("getblockhash", List.of("height"), (p, w) -> {
            long h = p.lng(0);
            return F.textNode(chain.block((int) Math.min(Integer.MAX_VALUE, Math.max(-1, h))).orElseThrow(
                    () -> new RpcError(RpcError.INVALID_PARAMETER, "Block height out of range")).hash.toString());
        });
        chainMethod("getblockheader", List.of("blockhash", "verbose"), (p, w) -> {
            RegtestChain.BlockInfo b = block(p);
            if (!p.bool(1, true)) {
                return F.textNode(HEX.formatHex(b.raw, 0, 80));
            }
            return header(b);
        });
        chainMethod("getblock", List.of("blockhash", "verbosity"), (p, w) -> {
            RegtestChain.BlockInfo b = block(p);
            int verbosity = p.raw(1) != null && p.raw(1).isBoolean() ? (p.raw(1).asBoolean() ? 1 : 0)
                    : p.integer(1, 1);
            if (verbosity <= 0) {
                return F.textNode(HEX.formatHex(b.raw));
            }
            ObjectNode o = header(b);
            o.put("strippedsize", b.strippedSize);
            o.put("size", b.raw.length);
            o.put("weight", b.weight);
            ArrayNode txs = o.putArray("tx");
            for (Sha256Hash id : b.txids) {
                if (verbosity == 1 || b.height == 0) {
                    txs.add(id.toString());
                } else {
                    txs.add(decodeTx(chain.tx(id).orElseThrow(), false, true));
                }
            }
            return o;
        });
        chainMethod("gettxout", List.of("txid", "n", "include_mempool"), (p, w) -> {
            Sha256Hash txid = hash(p, 0, "txid");
            long n = p.lng(1);
            if (n < 0 || n > 0xFFFF_FFFFL) {
                return F.nullNode();
            }
            boolean mempool = p.bool(2, true);
            Optional<RegtestChain.Coin> c = chain.unspent(new OutPoint(txid, n), mempool);
            if (c.isEmpty()) {
                return F.nullNode();
            }
            ObjectNode o = F.objectNode();
            o.put("bestblock", chain.tip().hash.toString());
            o.put("confirmations", c.get().height() < 0 ? 0 : chain.tipHeight() - c.get().height() + 1);
            o.put("value", btc(c.get().value()));
            o.set("scriptPubKey", scriptPubKey(c.get().spk()));
            o.put("coinbase", c.get().coinbase());
            return o;
        });
        chainMethod("getrawtransaction", List.of("txid", "verbose", "blockhash"), (p, w) -> {
            Sha256Hash txid = hash(p, 0, "parameter 1");
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
            Optional<RegtestChain.TxRecord> r = chain.tx(txid);
            if (p.has(2)) {
                RegtestChain.BlockInfo b = chain.block(hash(p, 2, "parameter 3")).orElseThrow(
                        () -> new RpcError(RpcError.INVALID_ADDRESS_OR_KEY, "Block hash not found"));
                if (r.isEmpty() || r.get().height != b.height) {
                    throw new RpcError(RpcError.INVALID_ADDRESS_OR_KEY,
                            "No such transaction found in the provided block. Use gettransaction for wallet transactions.");
                }
            }
            if (r.isEmpty()) {
                throw new RpcError(RpcError.INVALID_ADDRESS_OR_KEY,
                        "No such mempool or blockchain transaction. Use gettransaction for wallet transactions.");
            }
            if (verbosity == 0) {
                return F.textNode(HEX.formatHex(r.get().raw));
            }
            return decodeTx(r.get(), true, true);
        });
        chainMethod("decoderawtransaction", List.of("hexstring", "iswitness"), (p, w) -> {
            Transaction tx;
            byte[] raw;
            try {
                raw = hexParam(p.str(0));
                tx = RegtestChain.decode(raw);
            } catch (RpcError e) {
                throw new RpcError(RpcError.DESERIALIZATION_ERROR, "TX decode failed");
            }
            return decodeTx(new RegtestChain.TxRecord(tx, raw, tx.isCoinBase(), 0, 0), false, false);
        });
        chainMethod("sendrawtransaction", List.of("hexstring", "maxfeerate", "maxburnamount"), (p, w) -> {
            byte[] raw = hexParam(p.str(0));
            Transaction tx;
            try {
                // the witness serialisation first, as Core does: a segwit transaction's bytes can
                // also happen to parse as a legacy one without inputs
                tx = RegtestChain.decode(raw);
            } catch (RpcError e) {
                if (isLegacyWithoutInputs(raw)) {
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
        chainMethod("getrawmempool", List.of("verbose", "mempool_sequence"), (p, w) -> {
            ArrayNode a = F.arrayNode();
            chain.mempoolTxids().forEach(id -> a.add(id.toString()));
            return a;
        });
        chainMethod("getmempoolinfo", List.of(), (p, w) -> {
            RegtestChain.MempoolStats st = chain.mempoolStats();
            ObjectNode o = F.objectNode();
            o.put("loaded", true);
            o.put("size", st.count());
            o.put("bytes", st.vbytes());
            o.put("usage", st.vbytes() * 8L);
            o.put("total_fee", btc(st.fees()));
            o.put("maxmempool", 300_000_000);
            o.put("mempoolminfee", btc(RegtestChain.MIN_RELAY_FEE_SAT_PER_KVB));
            o.put("minrelaytxfee", btc(RegtestChain.MIN_RELAY_FEE_SAT_PER_KVB));
            o.put("incrementalrelayfee", btc(RegtestChain.INCREMENTAL_RELAY_FEE_SAT_PER_KVB));
            o.put("unbroadcastcount", st.count());
            o.put("fullrbf", true);
            return o;
        });
        chainMethod("estimatesmartfee", List.of("conf_target", "estimate_mode"), (p, w) -> {
            long target = p.lng(0);
            if (target < 1 || target > 1008) {
                throw new RpcError(RpcError.INVALID_PARAMETER, "Invalid conf_target, must be between 1 and 1008");
            }
            String mode = p.str(1, "economical").toLowerCase(java.util.Locale.ROOT);
            if (!mode.equals("economical") && !mode.equals("conservative") && !mode.equals("unset")) {
                throw new RpcError(RpcError.INVALID_PARAMETER, "Invalid estimate_mode parameter, must be one of: "
                        + "\"unset\", \"economical\", \"conservative\"");
            }
            ObjectNode o = F.objectNode();
            o.putArray("errors").add("Insufficient data or no feerate found");
            o.put("blocks", 0);
            return o;
        });
        chainMethod("generatetoaddress", List.of("nblocks", "address", "maxtries"), (p, w) -> {
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
        chainMethod("waitforblockheight", List.of("height", "timeout"), (p, w) -> {
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
        chainMethod("waitfornewblock", List.of("timeout"), (p, w) -> {
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
        chainMethod("getdescriptorinfo", List.of("descriptor"), (p, w) -> {
            String s = p.str(0);
            Descriptor d = Descriptor.parse(s, false);
            ObjectNode o = F.objectNode();
            o.put("descriptor", d.withChecksum());
            o.put("checksum", jm.chain.DescriptorChecksum.of(jm.chain.DescriptorChecksum.strip(s)).orElseThrow());
            o.put("isrange", d.isRange());
            o.put("issolvable", !d.text().startsWith("addr(") && !d.text().startsWith("raw("));
            o.put("hasprivatekeys", false);
            return o;
        });
        chainMethod("deriveaddresses", List.of("descriptor", "range"), (p, w) -> {
            Descriptor d = Descriptor.parse(p.str(0), true);
            int[] range = range(p.raw(1), d.isRange());
            ArrayNode a = F.arrayNode();
            for (byte[] spk : d.scripts(range[0], range[1])) {
                a.add(Scripts.address(spk).orElseThrow(() -> new RpcError(RpcError.INVALID_ADDRESS_OR_KEY,
                        "Descriptor does not have a corresponding address")));
            }
            return a;
        });
        chainMethod("stop", List.of("wait"), (p, w) -> {
            // closed only after this answer has been written (see afterResponse), as Core does
            stopRequested.set(true);
            return F.textNode("Bitcoin Core stopping");
        });
        chainMethod("help", List.of("command"), (p, w) -> F.textNode(
                "embedded regtest node; methods: " + String.join(", ", new java.util.TreeSet<>(methods.keySet()))));

        // ---- wallet management ----
        chainMethod("listwallets", List.of(), (p, w) -> {
            ArrayNode a = F.arrayNode();
            node.listWallets().forEach(a::add);
            return a;
        });
        chainMethod("createwallet", List.of("wallet_name", "disable_private_keys", "blank", "passphrase",
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
        chainMethod("loadwallet", List.of("filename", "load_on_startup"), (p, w) -> {
            String name = p.str(0);
            node.loadWallet(name);
            ObjectNode o = F.objectNode();
            o.put("name", name);
            return o;
        });
        methods.put("unloadwallet", new Method(List.of("wallet_name", "load_on_startup"), false, (p, w) -> {
            if (!p.has(0)) {
                throw Params.typeError(p.raw(0) == null ? F.nullNode() : p.raw(0), "string");
            }
            node.unloadWallet(p.str(0));
            return F.objectNode();
        }));

        // ---- wallet ----
        walletMethod("getwalletinfo", List.of(), (p, w) -> walletInfo(w));
        walletMethod("importdescriptors", List.of("requests"), this::importDescriptors);
        walletMethod("listdescriptors", List.of("private"), (p, w) -> {
            ObjectNode o = F.objectNode();
            o.put("wallet_name", w.name());
            ArrayNode a = o.putArray("descriptors");
            // Core lists by descriptor string; "internal" only for active descriptors (never here)
            List<RegtestWallet.Entry> entries = w.entries();
            entries.sort(Comparator.comparing(e -> e.descriptor.withChecksum()));
            for (RegtestWallet.Entry e : entries) {
                ObjectNode d = a.addObject();
                d.put("desc", e.descriptor.withChecksum());
                d.put("timestamp", e.timestamp);
                d.put("active", false);
                if (e.descriptor.isRange()) {
                    d.putArray("range").add(e.rangeStart).add(e.rangeEnd);
                    d.put("next", e.nextIndex);
                    d.put("next_index", e.nextIndex);
                }
            }
            return o;
        });
        walletMethod("listunspent", List.of("minconf", "maxconf", "addresses", "include_unsafe", "query_options"),
                this::listUnspent);
        walletMethod("listtransactions", List.of("label", "count", "skip", "include_watchonly"),
                this::listTransactions);
        walletMethod("gettransaction", List.of("txid", "include_watchonly", "verbose"), this::getTransaction);
        walletMethod("getbalance", List.of("dummy", "minconf", "include_watchonly", "avoid_reuse"), (p, w) -> {
            int minconf = p.integer(1, 0);
            long sum = 0;
            for (Coin c : walletCoins(w)) {
                if (!c.immature && (c.conf >= Math.max(1, minconf) || minconf == 0 && c.conf == 0 && c.trusted)) {
                    sum += c.value;
                }
            }
            return F.numberNode(btc(sum));
        });
        walletMethod("rescanblockchain", List.of("start_height", "stop_height"), (p, w) -> {
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
            ObjectNode o = F.objectNode();
            o.put("start_height", start);
            o.put("stop_height", stop);
            return o;
        });
        walletMethod("abortrescan", List.of(), (p, w) -> F.booleanNode(false));
        walletMethod("getnewaddress", List.of("label", "address_type"), (p, w) -> {
            if (!node.isFaucet(w)) {
                throw new RpcError(RpcError.WALLET_ERROR, "Error: This wallet has no available keys");
            }
            return F.textNode(node.faucetAddress().toString());
        });
        walletMethod("sendmany", List.of("dummy", "amounts", "minconf", "comment", "subtractfeefrom",
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
        walletMethod("sendtoaddress", List.of("address", "amount", "comment", "comment_to",
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

    private RegtestChain.BlockInfo block(Params p) throws RpcError {
        return chain.block(hash(p, 0, "blockhash")).orElseThrow(
                () -> new RpcError(RpcError.INVALID_ADDRESS_OR_KEY, "Block not found"));
    }

    /** A complete legacy serialization with zero inputs: version, 0x00, outputs, locktime. */
    static boolean isLegacyWithoutInputs(byte[] raw) {
        if (raw.length < 10 || raw[4] != 0) {
            return false;
        }
        java.nio.ByteBuffer b = java.nio.ByteBuffer.wrap(raw, 5, raw.length - 5);
        try {
            long n = varInt(b);
            for (long i = 0; i < n; i++) {
                b.position(b.position() + 8);
                long len = varInt(b);
                if (len > b.remaining()) {
                    return false;
                }
                b.position(b.position() + (int) len);
            }
            return b.remaining() == 4;
        } catch (RuntimeException e) {
            return false;
        }
    }

    private static long varInt(java.nio.ByteBuffer b) {
        int first = b.get() & 0xff;
        b.order(java.nio.ByteOrder.LITTLE_ENDIAN);
        return switch (first) {
            case 0xfd -> b.getShort() & 0xffff;
            case 0xfe -> b.getInt() & 0xffffffffL;
            case 0xff -> b.getLong();
            default -> first;
        };
    }

    private static byte[] hexParam(String s) throws RpcError {
        try {
            return HEX.parseHex(s);
        } catch (IllegalArgumentException e) {
            throw new RpcError(RpcError.DESERIALIZATION_ERROR, "TX decode failed. Make sure the tx has at least one input.");
        }
    }

    private static int[] range(JsonNode r, boolean ranged) throws RpcError {
        if (!ranged) {
            if (r != null && !r.isNull()) {
                throw new RpcError(RpcError.INVALID_PARAMETER, "Range should not be specified for an un-ranged descriptor");
            }
            return new int[] {0, 0};
        }
        if (r == null || r.isNull()) {
            throw new RpcError(RpcError.INVALID_PARAMETER, "Range must be specified for a ranged descriptor");
        }
        long lo;
        long hi;
        if (r.isIntegralNumber()) {
            lo = 0;
            hi = r.asLong();
        } else if (r.isArray() && r.size() == 2 && r.get(0).isIntegralNumber() && r.get(1).isIntegralNumber()) {
            lo = r.get(0).asLong();
            hi = r.get(1).asLong();
        } else {
            throw new RpcError(RpcError.TYPE_ERROR, "Range must be specified as end or as [begin,end]");
        }
        if (lo < 0 || hi < 0) {
            throw new RpcError(RpcError.INVALID_PARAMETER, "Range should be greater or equal than 0");
        }
        if (hi < lo) {
            throw new RpcError(RpcError.INVALID_PARAMETER, "Range specified as [begin,end] must not have begin after end");
        }
        if (hi >= 0x7fffffffL || hi - lo >= 1_000_000) {
            throw new RpcError(RpcError.INVALID_PARAMETER, "Range is too large");
        }
        return new int[] {(int) lo, (int) hi};
    }

    // ---- node info ----

    private ObjectNode blockchainInfo() {
        RegtestChain.BlockInfo tip = chain.tip();
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

    private ObjectNode networkInfo() {
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
        o.put("relayfee", btc(RegtestChain.MIN_RELAY_FEE_SAT_PER_KVB));
        o.put("incrementalfee", btc(RegtestChain.INCREMENTAL_RELAY_FEE_SAT_PER_KVB));
        o.putArray("localaddresses");
        o.putArray("warnings");
        return o;
    }

    private ObjectNode header(RegtestChain.BlockInfo b) {
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

    private static ObjectNode scriptPubKey(byte[] spk) {
        ObjectNode o = F.objectNode();
        o.put("asm", Scripts.asm(spk));
        o.put("desc", Scripts.inferredDescriptor(spk));
        o.put("hex", HEX.formatHex(spk));
        Scripts.address(spk).ifPresent(a -> o.put("address", a));
        o.put("type", Scripts.type(spk));
        return o;
    }

    private ObjectNode decodeTx(RegtestChain.TxRecord r, boolean withBlock, boolean withHex) {
        Transaction tx = r.tx;
        ObjectNode o = F.objectNode();
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
        if (withHex) {
            o.put("hex", HEX.formatHex(r.raw));
        }
        if (withBlock && r.height >= 0) {
            RegtestChain.BlockInfo b = chain.block(r.height).orElseThrow();
            o.put("blockhash", b.hash.toString());
            o.put("confirmations", chain.tipHeight() - r.height + 1);
            o.put("time", b.time);
            o.put("blocktime", b.time);
        }
        return o;
    }

    // ---- wallet ----

    private JsonNode importDescriptors(Params p, RegtestWallet w) throws RpcError {
        JsonNode reqs = p.raw(0);
        if (reqs == null || !reqs.isArray()) {
            throw new RpcError(RpcError.TYPE_ERROR, "Expected type array");
        }
        ArrayNode results = F.arrayNode();
        boolean changed = false;
        for (JsonNode r : reqs) {
            ObjectNode res = results.addObject();
            try {
                if (!r.isObject() || !r.path("desc").isTextual()) {
                    throw new RpcError(RpcError.TYPE_ERROR, "Descriptor not found.");
                }
                JsonNode ts = r.get("timestamp");
                long timestamp;
                if (ts == null || ts.isNull()) {
                    throw new RpcError(RpcError.TYPE_ERROR, "Missing required timestamp field for key");
                } else if (ts.isTextual() && ts.asText().equals("now")) {
                    timestamp = chain.tip().time; // Core: the time of the wallet's tip block
                } else if (ts.isIntegralNumber()) {
                    timestamp = Math.max(1, ts.asLong());
                } else {
                    throw new RpcError(RpcError.TYPE_ERROR, "Expected number or \"now\" timestamp value for key. got type "
                            + ts.getNodeType().toString().toLowerCase(java.util.Locale.ROOT));
                }
                Descriptor d = Descriptor.parse(r.get("desc").asText(), true);
                List<String> warnings = new ArrayList<>();
                int[] range;
                if (d.isRange() && !r.has("range")) {
                    warnings.add("Range not given, using default keypool range");
                    range = new int[] {0, Math.max(1, node.keypool()) - 1};
                } else {
                    range = range(r.get("range"), d.isRange());
                }
                boolean internal = r.path("internal").asBoolean(false);
                if (internal && r.has("label")) {
                    throw new RpcError(RpcError.INVALID_PARAMETER, "Internal addresses should not have a label");
                }
                w.importDescriptor(d, range[0], range[1], internal, timestamp, node.keypool());
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
            node.saveWallet(w);
        }
        return results;
    }

    /** A wallet coin with the facts listunspent and balances need. */
    private record Coin(OutPoint op, long value, byte[] spk, RegtestWallet.Watched watched, int conf,
                        boolean coinbase, boolean immature, boolean trusted) {
    }

    private List<Coin> walletCoins(RegtestWallet w) {
        List<Coin> out = new ArrayList<>();
        int tip = chain.tipHeight();
        Map<Bytes, RegtestWallet.Watched> scripts = w.scripts();
        chain.forEachUnspent(scripts.keySet(), true, (spk, e) -> {
            OutPoint op = e.getKey();
            RegtestChain.Coin coin = e.getValue();
            int conf = coin.height() < 0 ? 0 : tip - coin.height() + 1;
            boolean immature = coin.coinbase() && conf < RegtestChain.COINBASE_MATURITY + 1;
            out.add(new Coin(op, coin.value(), coin.spk(), scripts.get(spk), conf, coin.coinbase(), immature, conf > 0));
        });
        // unconfirmed coins are "safe" (trusted) only when the wallet funded them with its own coins
        for (int i = 0; i < out.size(); i++) {
            Coin c = out.get(i);
            if (c.conf == 0 && allInputsMine(w, c.op.txid())) {
                out.set(i, new Coin(c.op, c.value, c.spk, c.watched, 0, c.coinbase, c.immature, true));
            }
        }
        return out;
    }

    /** Core's CachedTxIsTrusted for a mempool transaction: every input is the wallet's. */
    private boolean allInputsMine(RegtestWallet w, Sha256Hash txid) {
        Optional<RegtestChain.TxRecord> r = chain.tx(txid);
        if (r.isEmpty() || r.get().coinbase) {
            return false;
        }
        for (TransactionInput in : r.get().tx.getInputs()) {
            Optional<RegtestChain.Coin> prev = chain.output(RegtestChain.outPoint(in));
            if (prev.isEmpty() || w.watched(Bytes.wrap(prev.get().spk())) == null) {
                return false;
            }
        }
        return true;
    }

    private JsonNode listUnspent(Params p, RegtestWallet w) throws RpcError {
        int minconf = p.integer(0, 1);
        int maxconf = p.integer(1, 9_999_999);
        Set<Bytes> filter = null;
        JsonNode addrs = p.raw(2);
        if (addrs != null) {
            if (!addrs.isArray()) {
                throw Params.typeError(addrs, "array");
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
        List<Coin> coins = walletCoins(w);
        coins.sort(Comparator.comparing((Coin c) -> c.op.txid().toString()).thenComparingLong(c -> c.op.vout()));
        for (Coin c : coins) {
            if (c.immature || c.conf < minconf || c.conf > maxconf || !includeUnsafe && !c.trusted) {
                continue;
            }
            if (filter != null && !filter.contains(Bytes.wrap(c.spk))) {
                continue;
            }
            ObjectNode u = out.addObject();
            u.put("txid", c.op.txid().toString());
            u.put("vout", c.op.vout());
            if (!c.watched.address().isEmpty()) {
                u.put("address", c.watched.address());
            }
            u.put("scriptPubKey", HEX.formatHex(c.spk));
            u.put("amount", btc(c.value));
            u.put("confirmations", c.conf);
            if (c.conf == 0) {
                RegtestChain.MempoolStats anc = chain.ancestors(c.op.txid());
                u.put("ancestorcount", anc.count());
                u.put("ancestorsize", anc.vbytes());
                u.put("ancestorfees", anc.fees());
            }
            u.put("spendable", true); // Core 29: true for descriptor wallets, keys or not
            u.put("solvable", true);
            u.put("desc", c.watched.inferredDescriptor());
            u.putArray("parent_descs").add(c.watched.descriptorWithChecksum());
            u.put("safe", c.trusted);
        }
        return out;
    }

    /** One listtransactions/gettransaction details row. */
    private record Row(Sha256Hash txid, String address, String category, long amount, int vout, Long fee,
                       String parentDesc) {
    }

    private List<Row> rows(RegtestWallet w, RegtestChain.TxRecord r) {
        List<Row> rows = new ArrayList<>();
        Transaction tx = r.tx;
        long debit = 0;
        if (!r.coinbase) {
            for (TransactionInput in : tx.getInputs()) {
                Optional<RegtestChain.Coin> prev = chain.output(RegtestChain.outPoint(in));
                if (prev.isPresent() && w.watched(Bytes.wrap(prev.get().spk())) != null) {
                    debit += prev.get().value();
                }
            }
        }
        long valueOut = 0;
        for (TransactionOutput o : tx.getOutputs()) {
            valueOut += o.getValue().value;
        }
        // Core: fee = (all outputs) - (the wallet's inputs); the real fee when all inputs are ours
        Long fee = debit > 0 ? valueOut - debit : null;
        List<TransactionOutput> outs = tx.getOutputs();
        for (int n = 0; n < outs.size(); n++) {
            byte[] spk = outs.get(n).getScriptBytes();
            long v = outs.get(n).getValue().value;
            RegtestWallet.Watched mine = w.watched(Bytes.wrap(spk));
            if (debit > 0) {
                if (mine != null && !mine.inAddressBook()) {
                    continue; // Core: a wallet script without address-book entry is change, listed nowhere
                }
                rows.add(new Row(r.txid, Scripts.address(spk).orElse(""), "send", -v, n, fee, null));
                if (mine != null) {
                    rows.add(new Row(r.txid, mine.address(), "receive", v, n, null, mine.descriptorWithChecksum()));
                }
            } else if (mine != null) {
                String cat = "receive";
                if (r.coinbase) {
                    int conf = chain.confirmations(r);
                    cat = conf < RegtestChain.COINBASE_MATURITY + 1 ? (conf == 0 ? "orphan" : "immature") : "generate";
                }
                rows.add(new Row(r.txid, mine.address(), cat, v, n, null, mine.descriptorWithChecksum()));
            }
        }
        return rows;
    }

    /** Wallet transactions, oldest first (confirmed by height and position, then mempool). */
    private List<RegtestChain.TxRecord> walletTxs(RegtestWallet w) {
        Map<Sha256Hash, RegtestChain.TxRecord> found = new LinkedHashMap<>();
        for (Bytes spk : w.scripts().keySet()) {
            for (OutPoint op : chain.outputsTo(spk)) {
                chain.tx(op.txid()).ifPresent(r -> found.put(r.txid, r));
                chain.spender(op).flatMap(chain::tx).ifPresent(r -> found.put(r.txid, r));
            }
        }
        List<RegtestChain.TxRecord> list = new ArrayList<>(found.values());
        list.sort(Comparator.comparingLong((RegtestChain.TxRecord r) -> r.height < 0 ? Long.MAX_VALUE : r.height)
                .thenComparingInt(r -> r.indexInBlock).thenComparingLong(r -> r.timeReceived));
        return list;
    }

    private void putTxFacts(ObjectNode o, RegtestChain.TxRecord r, RegtestWallet w) {
        int conf = chain.confirmations(r);
        o.put("confirmations", conf);
        if (r.coinbase) {
            o.put("generated", true);
        }
        if (r.height >= 0) {
            RegtestChain.BlockInfo b = chain.block(r.height).orElseThrow();
            o.put("blockhash", b.hash.toString());
            o.put("blockheight", r.height);
            o.put("blockindex", r.indexInBlock);
            o.put("blocktime", b.time);
        } else {
            o.put("trusted", allInputsMine(w, r.txid));
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
    private static ObjectNode rowHead(Row row, boolean withAbandoned) {
        ObjectNode o = F.objectNode();
        if (!row.address.isEmpty()) {
            o.put("address", row.address);
        }
        if (row.parentDesc != null) {
            o.putArray("parent_descs").add(row.parentDesc);
        }
        o.put("category", row.category);
        o.put("amount", btc(row.amount));
        o.put("vout", row.vout);
        if (row.fee != null) {
            o.put("fee", btc(row.fee));
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
            List<RegtestChain.TxRecord> txs = walletTxs(w);
            for (int t = txs.size() - 1; t >= 0 && all.size() < (long) count + skip; t--) {
                RegtestChain.TxRecord r = txs.get(t);
                List<Row> rows = rows(w, r);
                rows.sort(Comparator.comparingInt((Row row) -> row.category.equals("send") ? 0 : 1));
                for (Row row : rows) {
                    boolean send = row.category.equals("send");
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
        Sha256Hash txid = hash(p, 0, "txid");
        Optional<RegtestChain.TxRecord> r = chain.tx(txid);
        if (r.isEmpty() || walletTxs(w).stream().noneMatch(t -> t.txid.equals(txid))) {
            throw new RpcError(RpcError.INVALID_ADDRESS_OR_KEY, "Invalid or non-wallet transaction id");
        }
        List<Row> rows = rows(w, r.get());
        // Core: amount = (wallet's outputs) - (wallet's inputs) - fee, fee = (all outputs) - (wallet's inputs)
        long debit = 0;
        long credit = 0;
        long valueOut = 0;
        Transaction tx = r.get().tx;
        if (!r.get().coinbase) {
            for (TransactionInput in : tx.getInputs()) {
                Optional<RegtestChain.Coin> prev = chain.output(RegtestChain.outPoint(in));
                if (prev.isPresent() && w.watched(Bytes.wrap(prev.get().spk())) != null) {
                    debit += prev.get().value();
                }
            }
        }
        for (TransactionOutput o : tx.getOutputs()) {
            valueOut += o.getValue().value;
            if (w.watched(Bytes.wrap(o.getScriptBytes())) != null) {
                credit += o.getValue().value;
            }
        }
        Long fee = debit > 0 ? valueOut - debit : null;
        long amount = credit - debit - (fee == null ? 0 : fee);
        ObjectNode o = F.objectNode();
        o.put("amount", btc(amount));
        if (fee != null) {
            o.put("fee", btc(fee));
        }
        putTxFacts(o, r.get(), w);
        ArrayNode details = o.putArray("details");
        for (Row row : rows) {
            details.add(rowHead(row, true));
        }
        o.put("hex", HEX.formatHex(r.get().raw));
        if (p.bool(2, false)) {
            o.set("decoded", decodeTx(r.get(), false, false));
        }
        putLastProcessedBlock(o);
        return o;
    }

    private void putLastProcessedBlock(ObjectNode o) {
        ObjectNode last = o.putObject("lastprocessedblock");
        last.put("hash", chain.tip().hash.toString());
        last.put("height", chain.tipHeight());
    }

    private ObjectNode walletInfo(RegtestWallet w) {
        long balance = 0;
        long unconfirmed = 0;
        long immature = 0;
        for (Coin c : walletCoins(w)) {
            if (c.immature) {
                immature += c.value;
            } else if (c.conf > 0 || c.trusted) {
                balance += c.value;
            } else {
                unconfirmed += c.value;
            }
        }
        ObjectNode o = F.objectNode();
        o.put("walletname", w.name());
        o.put("walletversion", 169900);
        o.put("format", "sqlite");
        o.put("balance", btc(balance));
        o.put("unconfirmed_balance", btc(unconfirmed));
        o.put("immature_balance", btc(immature));
        o.put("txcount", walletTxs(w).size());
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
        putLastProcessedBlock(o);
        return o;
    }
}
