package jm.chain.rpc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import jm.chain.ChainBackend;
import jm.chain.ChainException;
import jm.chain.ChainNotFoundException;
import jm.chain.ChainUnavailableException;
import jm.chain.DescriptorChecksum;
import jm.chain.DescriptorImport;
import jm.chain.NamedThreadFactory;
import jm.chain.TransactionRejectedException;
import jm.chain.TxOutInfo;
import jm.chain.WalletTx;
import jm.chain.WalletUtxo;
import jm.core.Network;
import jm.core.OutPoint;
import jm.core.Sats;
import org.bitcoinj.base.Sha256Hash;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link ChainBackend} over Bitcoin Core's JSON-RPC (Core 28+, descriptor wallets only), also
 * used unchanged against the embedded regtest node.
 *
 * <p>Core error codes map to typed errors: -25/-26/-27/-22 on broadcast to {@link
 * TransactionRejectedException}; -5 (not found) to empty results; -18 (wallet not loaded) to
 * {@link ChainNotFoundException}; -28 (warming up) and connection failures to {@link
 * ChainUnavailableException}; HTTP 401 to {@link jm.chain.ChainAuthenticationException}.
 */
public final class BitcoinCoreBackend implements ChainBackend {
    private static final Logger LOG = LoggerFactory.getLogger(BitcoinCoreBackend.class);
    static final int RPC_INVALID_ADDRESS_OR_KEY = -5;
    static final int RPC_WALLET_NOT_FOUND = -18;
    static final int RPC_WALLET_ALREADY_LOADED = -35;
    static final int RPC_WALLET_ERROR = -4;
    static final int RPC_DESERIALIZATION_ERROR = -22;
    static final int RPC_VERIFY_ERROR = -25;
    static final int RPC_VERIFY_REJECTED = -26;
    static final int RPC_VERIFY_ALREADY_IN_CHAIN = -27;

    /** How far a stored ranged descriptor is extended at least (Core's default {@code -keypool}). */
    static final int GROWTH_STEP = 1000;

    private final RpcClient rpc;
    /**
     * Runs the (possibly hours long) {@code rescanblockchain} call while {@link #rescan} polls its
     * progress: one thread, started on demand, ended after 30 s idle or on {@link #close}.
     */
    private final ThreadPoolExecutor rescanner;
    private volatile Network network;

    public BitcoinCoreBackend(RpcConfig config) {
        this(new RpcClient(config));
    }

    public BitcoinCoreBackend(RpcClient rpc) {
        this.rpc = rpc;
        this.rescanner = new ThreadPoolExecutor(1, 1, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
                new NamedThreadFactory("core-rescan-" + rpc.config().walletName()));
        rescanner.allowCoreThreadTimeOut(true);
    }

    /** The underlying client, for calls this interface does not cover. */
    public RpcClient rpc() {
        return rpc;
    }

    @Override
    public Network network() {
        Network n = network;
        if (n == null) {
            String chain = rpc.call("getblockchaininfo").path("chain").asText();
            n = switch (chain) {
                case "main" -> Network.MAINNET;
                case "test", "testnet4" -> Network.TESTNET;
                case "signet" -> Network.SIGNET;
                case "regtest" -> Network.REGTEST;
                default -> throw new ChainUnavailableException("node reports unknown chain '" + chain + "'");
            };
            network = n;
        }
        return n;
    }

    @Override
    public long tipHeight() {
        return requireLong(rpc.call("getblockcount"), "getblockcount");
    }

    @Override
    public long tipMedianTime() {
        return requireLong(rpc.call("getblockchaininfo").get("mediantime"), "getblockchaininfo.mediantime");
    }

    @Override
    public long blockTime(long height) {
        if (height < 0) {
            throw new ChainNotFoundException("no block at height " + height);
        }
        String hash;
        try {
            hash = rpc.call("getblockhash", height).asText();
        } catch (RpcException e) {
            if (e.code() == -8) { // Core: "Block height out of range"
                throw new ChainNotFoundException("no block at height " + height + ": " + e.getMessage());
            }
            throw e;
        }
        return requireLong(rpc.call("getblockheader", hash, true).get("time"), "getblockheader.time");
    }

    @Override
    public Optional<TxOutInfo> getTxOut(OutPoint outpoint, boolean includeMempool) {
        JsonNode r = rpc.call("gettxout", outpoint.txid().toString(), outpoint.vout(), includeMempool);
        if (r == null || r.isNull()) {
            return Optional.empty();
        }
        return Optional.of(answer("gettxout", () -> {
            long sats = RpcClient.btcToSats(r.get("value"));
            byte[] spk = hex(r.path("scriptPubKey").path("hex").asText(), "gettxout.scriptPubKey.hex");
            int conf = (int) requireLong(r.get("confirmations"), "gettxout.confirmations");
            return new TxOutInfo(Sats.of(sats), spk, conf, r.path("coinbase").asBoolean(false));
        }));
    }

    @Override
    public Optional<byte[]> getRawTransaction(Sha256Hash txid) {
        try {
            return Optional.of(hex(rpc.call("getrawtransaction", txid.toString(), false).asText(),
                    "getrawtransaction"));
        } catch (RpcException e) {
            if (e.code() != RPC_INVALID_ADDRESS_OR_KEY) {
                throw e;
            }
        }
        // without -txindex Core only finds confirmed transactions through the wallet
        return walletTransaction(txid).map(t -> hex(t.path("hex").asText(), "gettransaction.hex"));
    }

    @Override
    public Optional<Integer> getConfirmations(Sha256Hash txid) {
        try {
            JsonNode r = rpc.call("getrawtransaction", txid.toString(), true);
            return Optional.of(r.path("confirmations").asInt(0));
        } catch (RpcException e) {
            if (e.code() != RPC_INVALID_ADDRESS_OR_KEY) {
                throw e;
            }
        }
        return walletTransaction(txid).map(t -> Math.max(0, t.path("confirmations").asInt(0)));
    }

    private Optional<JsonNode> walletTransaction(Sha256Hash txid) {
        try {
            return Optional.of(rpc.callWallet("gettransaction", txid.toString(), true));
        } catch (RpcException e) {
            if (e.code() == RPC_INVALID_ADDRESS_OR_KEY || e.code() == RPC_WALLET_NOT_FOUND) {
                return Optional.empty();
            }
            throw e;
        }
    }

    @Override
    public Sha256Hash broadcast(byte[] rawTx) {
        try {
            JsonNode r = rpc.call("sendrawtransaction", HexFormat.of().formatHex(rawTx));
            return Sha256Hash.wrap(r.asText());
        } catch (RpcException e) {
            switch (e.code()) {
                case RPC_VERIFY_ERROR, RPC_VERIFY_REJECTED, RPC_VERIFY_ALREADY_IN_CHAIN, RPC_DESERIALIZATION_ERROR:
                    throw new TransactionRejectedException(e.code(), e.rpcMessage());
                default:
                    throw e;
            }
        } catch (IllegalArgumentException e) {
            throw new ChainUnavailableException("sendrawtransaction answered a malformed txid", e);
        }
    }

    @Override
    public long estimateFeeSatPerVb(int targetBlocks, long floorSatPerVb, long capSatPerVb) {
        if (floorSatPerVb > capSatPerVb) {
            throw new IllegalArgumentException("fee floor above cap");
        }
        JsonNode r = rpc.call("estimatesmartfee", Math.max(1, targetBlocks));
        JsonNode feerate = r.get("feerate");
        if (feerate == null || !feerate.isNumber()) {
            LOG.debug("no fee estimate for {} blocks ({}); using floor {} sat/vB", targetBlocks, r.path("errors"),
                    floorSatPerVb);
            return floorSatPerVb;
        }
        // BTC per 1000 vB -> sat/vB, rounded up
        long satPerVb = feerate.decimalValue().movePointRight(8).divide(BigDecimal.valueOf(1000), 0,
                RoundingMode.CEILING).longValue();
        return Math.min(capSatPerVb, Math.max(floorSatPerVb, satPerVb));
    }

    @Override
    public long waitForBlockAbove(long height, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            long tip = tipHeight();
            long left = deadline - System.nanoTime();
            if (tip > height || left <= 0) {
                return tip;
            }
            if (Thread.interrupted()) {
                throw new InterruptedException();
            }
            long waitMs = Math.max(1, TimeUnit.NANOSECONDS.toMillis(left));
            // hidden but long-standing Core RPC; the embedded node serves it too
            rpc.callWithExtraTime(null, "waitforblockheight", Duration.ofMillis(waitMs), height + 1, waitMs);
        }
    }

    @Override
    public int waitForConfirmations(Sha256Hash txid, int confirmations, Duration timeout)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            long tip = tipHeight();
            int conf = getConfirmations(txid).orElse(0);
            long left = deadline - System.nanoTime();
            if (conf >= confirmations || left <= 0) {
                return conf;
            }
            waitForBlockAbove(tip, Duration.ofNanos(left));
        }
    }

    @Override
    public void ensureWallet() {
        JsonNode loaded = rpc.call("listwallets");
        for (JsonNode w : loaded) {
            if (w.asText().equals(rpc.config().walletName())) {
                return;
            }
        }
        try {
            rpc.call("loadwallet", rpc.config().walletName());
            LOG.info("loaded watch-only wallet {}", rpc.config().walletName());
            return;
        } catch (RpcException e) {
            if (e.code() == RPC_WALLET_ALREADY_LOADED) {
                return;
            }
            if (e.code() != RPC_WALLET_NOT_FOUND) {
                throw e;
            }
        }
        // wallet_name, disable_private_keys, blank, passphrase, avoid_reuse, descriptors, load_on_startup
        rpc.call("createwallet", rpc.config().walletName(), true, true, "", false, true, true);
        LOG.info("created watch-only descriptor wallet {}", rpc.config().walletName());
    }

    /**
     * Imports only what the node's wallet does not hold yet. Core tops a newly imported ranged
     * descriptor up to its keypool ({@code -keypool}, 1,000 by default) and refuses (-8, per
     * request) a later import whose range does not include the stored one, so the stored ranges
     * are read first ({@code listdescriptors}): a descriptor whose stored range already covers
     * {@code [0, rangeEnd]} is skipped, a shorter one is re-imported with a range that includes the
     * stored one and reaches at least {@code rangeEnd} and {@value #GROWTH_STEP} past the stored end.
     * Nothing new means no {@code importdescriptors} call at all, hence no rescan.
     */
    @Override
    public void importDescriptors(List<DescriptorImport> descriptors) {
        if (descriptors.isEmpty()) {
            return;
        }
        Map<String, long[]> stored = storedDescriptors();
        List<DescriptorImport> sent = new ArrayList<>();
        ArrayNode reqs = rpc.mapper().createArrayNode();
        for (DescriptorImport d : descriptors) {
            String bare = DescriptorChecksum.strip(d.descriptor());
            boolean ranged = bare.contains("*");
            long[] have = stored.get(normalized(bare));
            long begin = 0;
            long end = d.rangeEnd();
            if (have != null) {
                if (!ranged || have[0] <= begin && have[1] >= end) {
                    continue;
                }
                // grow in keypool-sized steps, as Core itself tops up: a wallet with many used
                // addresses then needs a few rounds instead of one per gap limit
                begin = Math.min(begin, have[0]);
                end = Math.max(end, have[1] + GROWTH_STEP);
            }
            ObjectNode o = reqs.addObject();
            o.put("desc", DescriptorChecksum.append(bare));
            if (ranged) {
                o.putArray("range").add(begin).add(end);
            }
            if (d.timestamp() < 0) {
                o.put("timestamp", "now");
            } else {
                o.put("timestamp", d.timestamp());
            }
            o.put("internal", d.internal());
            o.put("watchonly", true);
            sent.add(d);
        }
        if (sent.isEmpty()) {
            LOG.debug("wallet {} already watches all {} descriptors; no import", rpc.config().walletName(),
                    descriptors.size());
            return;
        }
        // importdescriptors may rescan: allow it time
        JsonNode r = rpc.callWithExtraTime(rpc.config().walletName(), "importdescriptors", Duration.ofHours(1),
                reqs);
        List<String> failures = new ArrayList<>();
        for (int i = 0; i < sent.size(); i++) {
            JsonNode res = r.path(i);
            if (!res.path("success").asBoolean(false)) {
                failures.add(sent.get(i).descriptor() + ": " + res.path("error").path("message").asText());
            }
        }
        if (!failures.isEmpty()) {
            throw new ChainException("importdescriptors rejected " + failures);
        }
    }

    /** What the wallet holds: descriptor without checksum (normalized) to {@code [begin, end]} ({@code [0,0]} unranged). */
    private Map<String, long[]> storedDescriptors() {
        JsonNode r = walletCall("listdescriptors");
        Map<String, long[]> out = new HashMap<>();
        for (JsonNode d : r.path("descriptors")) {
            String desc = d.path("desc").asText("");
            if (desc.isEmpty()) {
                continue;
            }
            JsonNode range = d.path("range");
            long[] have = range.isArray() && range.size() == 2
                    ? new long[] {range.get(0).asLong(), range.get(1).asLong()} : new long[] {0, 0};
            out.put(normalized(DescriptorChecksum.strip(desc)), have);
        }
        return out;
    }

    /** Core writes hardened steps as {@code h} in some versions and {@code '} in others. */
    private static String normalized(String descriptorWithoutChecksum) {
        return descriptorWithoutChecksum.replace('\'', 'h');
    }

    @Override
    public List<WalletUtxo> listUnspent(int minConf) {
        JsonNode r = walletCall("listunspent", minConf, 9_999_999, List.of(), true);
        List<WalletUtxo> out = new ArrayList<>(r.size());
        for (JsonNode u : r) {
            out.add(answer("listunspent", () -> {
                OutPoint op = new OutPoint(Sha256Hash.wrap(u.path("txid").asText()), u.path("vout").asLong());
                return new WalletUtxo(op, Sats.of(RpcClient.btcToSats(u.get("amount"))),
                        hex(u.path("scriptPubKey").asText(), "listunspent.scriptPubKey"),
                        u.path("address").asText(""), u.path("confirmations").asInt(0));
            }));
        }
        return out;
    }

    @Override
    public List<WalletTx> listTransactions(int count) {
        JsonNode r = walletCall("listtransactions", "*", count, 0, true);
        List<WalletTx> out = new ArrayList<>(r.size());
        for (JsonNode t : r) {
            out.add(answer("listtransactions", () -> new WalletTx(Sha256Hash.wrap(t.path("txid").asText()),
                    t.path("address").asText(""), t.path("category").asText(), RpcClient.btcToSats(t.get("amount")),
                    Math.max(0, t.path("confirmations").asInt(0)), t.path("blocktime").asLong(0))));
        }
        return out;
    }

    @Override
    public void rescan(long fromHeight, RescanProgress progress) {
        CompletableFuture<JsonNode> done;
        try {
            done = CompletableFuture.supplyAsync(() -> rpc.callWithExtraTime(
                    rpc.config().walletName(), "rescanblockchain", Duration.ofHours(6), fromHeight), rescanner);
        } catch (RejectedExecutionException e) {
            throw new ChainUnavailableException("chain backend is closed", e);
        }
        try {
            while (true) {
                try {
                    done.get(500, TimeUnit.MILLISECONDS);
                    break;
                } catch (TimeoutException e) {
                    JsonNode scanning = walletCall("getwalletinfo").path("scanning");
                    if (scanning.isObject()) {
                        progress.onProgress(scanning.path("progress").asDouble(0));
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ChainUnavailableException("interrupted during rescan", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            throw new ChainException("rescan failed", e.getCause());
        }
        progress.onProgress(1.0);
    }

    private JsonNode walletCall(String method, Object... params) {
        try {
            return rpc.callWallet(method, params);
        } catch (RpcException e) {
            if (e.code() == RPC_WALLET_NOT_FOUND) {
                throw new ChainNotFoundException("wallet '" + rpc.config().walletName()
                        + "' is not loaded (call ensureWallet): " + e.rpcMessage());
            }
            throw e;
        }
    }

    @Override
    public void close() {
        // java.net.http.HttpClient (Java 17) has no close; connections idle out
        rescanner.shutdownNow();
    }

    /** Converts a node answer, reporting any malformation as the node misbehaving (not our bug). */
    private static <T> T answer(String method, java.util.function.Supplier<T> f) {
        try {
            return f.get();
        } catch (ChainUnavailableException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new ChainUnavailableException("malformed " + method + " answer from node: " + e.getMessage(), e);
        }
    }

    private static long requireLong(JsonNode n, String what) {
        if (n == null || !n.canConvertToLong()) {
            throw new ChainUnavailableException("rpc answer lacks integer " + what);
        }
        return n.asLong();
    }

    private static byte[] hex(String s, String what) {
        try {
            return HexFormat.of().parseHex(s);
        } catch (IllegalArgumentException e) {
            throw new ChainUnavailableException("rpc answer has malformed hex in " + what);
        }
    }
}
