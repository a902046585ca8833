package jm.chain.regtest;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import jm.core.OutPoint;
import org.bitcoinj.base.Sha256Hash;
import org.bitcoinj.base.VarInt;
import org.bitcoinj.core.Transaction;
import org.bitcoinj.core.TransactionInput;
import org.bitcoinj.core.TransactionOutput;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The regtest chain: blocks (persisted by {@link BlockStore}), the UTXO set, a mempool with full
 * validation, mining, and the indexes the wallets and RPCs read. Thread-safe: every method
 * synchronizes on this object; {@link #waitForHeight} waits on it.
 */
final class RegtestChain implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RegtestChain.class);
    static final int COINBASE_MATURITY = 100;
    static final long BITS = 0x207fffffL;
    static final int HALVING_INTERVAL = 150;
    static final long MAX_MONEY = 2_100_000_000_000_000L;
    static final int MAX_BLOCK_WEIGHT = 4_000_000;
    static final long LOCKTIME_THRESHOLD = 500_000_000L;
    static final BigInteger TARGET = BigInteger.valueOf(0x7fffffL).shiftLeft(8 * (0x20 - 3));
    /** Bitcoin Core's regtest genesis block. */
    static final String GENESIS_HEX = "0100000000000000000000000000000000000000000000000000000000000000000000003ba3edfd7a7b12b27ac72c3e67768f617fc81bc3888a51323a9fb8aa4b1e5e4adae5494dffff7f20020000000101000000010000000000000000000000000000000000000000000000000000000000000000ffffffff4d04ffff001d0104455468652054696d65732030332f4a616e2f32303039204368616e63656c6c6f72206f6e206272696e6b206f66207365636f6e64206261696c6f757420666f722062616e6b73ffffffff0100f2052a01000000434104678afdb0fe5548271967f1a67130b7105cd6a828e03909a67962e0ea1f61deb649f6bc3f4cef38c4f35504e51ec112de5c384df7ba0b8d578a4c702b6bf11d5fac00000000";

    /** An unspent (or mempool) output. height -1 = created by a mempool transaction. */
    record Coin(long value, byte[] spk, int height, boolean coinbase) {
    }

    /** A stored block's header facts and its transactions in order. */
    static final class BlockInfo {
        final Sha256Hash hash;
        final int height;
        final long version;
        final Sha256Hash prev;
        final Sha256Hash merkleRoot;
        final long time;
        final long nonce;
        final byte[] raw;
        final List<Sha256Hash> txids;
        final int weight;
        final int strippedSize;

        BlockInfo(Sha256Hash hash, int height, long version, Sha256Hash prev, Sha256Hash merkleRoot, long time,
                  long nonce, byte[] raw, List<Sha256Hash> txids, int weight, int strippedSize) {
            this.hash = hash;
            this.height = height;
            this.version = version;
            this.prev = prev;
            this.merkleRoot = merkleRoot;
            this.time = time;
            this.nonce = nonce;
            this.raw = raw;
            this.txids = txids;
            this.weight = weight;
            this.strippedSize = strippedSize;
        }
    }

    /** A known transaction: confirmed (height >= 0) or in the mempool (height -1). */
    static final class TxRecord {
        final Transaction tx;
        final byte[] raw;
        final Sha256Hash txid;
        final boolean coinbase;
        int height = -1;
        int indexInBlock = -1;
        long fee;
        final long timeReceived;

        TxRecord(Transaction tx, byte[] raw, boolean coinbase, long fee, long timeReceived) {
            this.tx = tx;
            this.raw = raw;
            this.txid = tx.getTxId();
            this.coinbase = coinbase;
            this.fee = fee;
            this.timeReceived = timeReceived;
        }
    }

    private final Clock clock;
    private final BlockStore store;
    /** Core 29's -minrelaytxfee and -incrementalrelayfee: 100 sat/kvB (0.1 sat/vB). */
    static final long MIN_RELAY_FEE_SAT_PER_KVB = 100;
    static final long INCREMENTAL_RELAY_FEE_SAT_PER_KVB = 100;
    /** Core's -dustrelayfee: 3,000 sat/kvB. */
    static final long DUST_RELAY_FEE_SAT_PER_KVB = 3_000;

    private final List<BlockInfo> blocks = new ArrayList<>();
    private final Map<Sha256Hash, BlockInfo> blocksByHash = new HashMap<>();
    private final Map<OutPoint, Coin> utxos = new HashMap<>();
    private final Map<Sha256Hash, TxRecord> txs = new HashMap<>();
    private final LinkedHashMap<Sha256Hash, TxRecord> mempool = new LinkedHashMap<>();
    private final Map<OutPoint, Coin> mempoolCoins = new HashMap<>();
    private final Map<OutPoint, Sha256Hash> mempoolSpends = new HashMap<>();
    private final Map<Bytes, List<OutPoint>> outputsBySpk = new HashMap<>();
    private final Map<OutPoint, Sha256Hash> spentBy = new HashMap<>();
    private final ScriptVerifier verifier = new ScriptVerifier();

    private RegtestChain(Clock clock, BlockStore store) {
        this.clock = clock;
        this.store = store;
    }

    /** Opens the chain stored in {@code dir} (creating it with the regtest genesis block). */
    static RegtestChain open(Path dir, Clock clock) throws IOException {
        List<byte[]> stored = new ArrayList<>();
        BlockStore store = BlockStore.open(dir.resolve("blocks.dat"), stored);
        RegtestChain c = new RegtestChain(clock, store);
        c.connect(HexFormat.of().parseHex(GENESIS_HEX), true);
        int n = 0;
        for (byte[] b : stored) {
            try {
                c.connect(b, false);
                n++;
            } catch (RuntimeException e) {
                LOG.warn("block file: stopping replay at stored block {}: {}", n + 1, e.toString());
                break;
            }
        }
        LOG.info("regtest chain loaded: height {}", c.tipHeight());
        return c;
    }

    // ---- queries ----

    synchronized int tipHeight() {
        return blocks.size() - 1;
    }

    synchronized BlockInfo tip() {
        return blocks.get(blocks.size() - 1);
    }

    synchronized Optional<BlockInfo> block(int height) {
        return height < 0 || height >= blocks.size() ? Optional.empty() : Optional.of(blocks.get(height));
    }

    synchronized Optional<BlockInfo> block(Sha256Hash hash) {
        return Optional.ofNullable(blocksByHash.get(hash));
    }

    /** Median time past of the block at {@code height} (median of it and its 10 ancestors). */
    synchronized long medianTimePast(int height) {
        int from = Math.max(0, height - 10);
        long[] times = new long[height - from + 1];
        for (int i = from; i <= height; i++) {
            times[i - from] = blocks.get(i).time;
        }
        Arrays.sort(times);
        return times[times.length / 2];
    }

    synchronized Optional<TxRecord> tx(Sha256Hash txid) {
        return Optional.ofNullable(txs.get(txid));
    }

    /** Size of the mempool: transactions, their total vsize and fees. */
    record MempoolStats(int count, long vbytes, long fees) {
    }

    synchronized MempoolStats mempoolStats() {
        long vbytes = 0;
        long fees = 0;
        for (TxRecord r : mempool.values()) {
            vbytes += r.tx.getVsize();
            fees += r.fee;
        }
        return new MempoolStats(mempool.size(), vbytes, fees);
    }

    /** A mempool transaction with its unconfirmed ancestors: count, vsize and fees (Core's ancestor*). */
    synchronized MempoolStats ancestors(Sha256Hash txid) {
        TxRecord r = mempool.get(txid);
        if (r == null) {
            return new MempoolStats(0, 0, 0);
        }
        long vbytes = 0;
        long fees = 0;
        List<TxRecord> all = ancestorsAndSelf(r, Set.of());
        for (TxRecord a : all) {
            vbytes += a.tx.getVsize();
            fees += a.fee;
        }
        return new MempoolStats(all.size(), vbytes, fees);
    }

    synchronized List<Sha256Hash> mempoolTxids() {
        return new ArrayList<>(mempool.keySet());
    }

    synchronized int confirmations(TxRecord r) {
        return r.height < 0 ? 0 : tipHeight() - r.height + 1;
    }

    /** A coin as gettxout sees it: confirmed unspent, or (with mempool) created there; hidden if spent in the mempool. */
    synchronized Optional<Coin> unspent(OutPoint op, boolean includeMempool) {
        if (includeMempool && mempoolSpends.containsKey(op)) {
            return Optional.empty();
        }
        Coin c = utxos.get(op);
        if (c == null && includeMempool) {
            c = mempoolCoins.get(op);
        }
        return Optional.ofNullable(c);
    }

    /** Every output ever paid to {@code spk} (confirmed or mempool), in creation order. */
    synchronized List<OutPoint> outputsTo(Bytes spk) {
        List<OutPoint> l = outputsBySpk.get(spk);
        return l == null ? List.of() : new ArrayList<>(l);
    }

    /** Unspent coins (confirmed, or mempool if asked) paying any of {@code spks}, under one lock. */
    synchronized void forEachUnspent(Iterable<Bytes> spks, boolean includeMempool,
                                     java.util.function.BiConsumer<Bytes, Map.Entry<OutPoint, Coin>> f) {
        for (Bytes spk : spks) {
            List<OutPoint> ops = outputsBySpk.get(spk);
            if (ops == null) {
                continue;
            }
            for (OutPoint op : ops) {
                unspent(op, includeMempool).ifPresent(c -> f.accept(spk, Map.entry(op, c)));
            }
        }
    }

    synchronized Optional<Sha256Hash> spender(OutPoint op) {
        return Optional.ofNullable(spentBy.get(op));
    }

    /** Coin (spent or not) created by a known transaction. */
    synchronized Optional<Coin> output(OutPoint op) {
        TxRecord r = txs.get(op.txid());
        if (r == null || op.vout() >= r.tx.getOutputs().size()) {
            return Optional.empty();
        }
        TransactionOutput o = r.tx.getOutput(op.vout());
        return Optional.of(new Coin(o.getValue().value, o.getScriptBytes(), r.height, r.coinbase));
    }

    /** Blocks until the tip reaches {@code height} or the timeout passes (0 = no wait); returns the tip. */
    synchronized int waitForHeight(long height, long timeoutMillis) throws InterruptedException {
        long deadline = System.nanoTime() + timeoutMillis * 1_000_000L;
        while (tipHeight() < height) {
            long left = (deadline - System.nanoTime()) / 1_000_000L;
            if (timeoutMillis <= 0 || left <= 0) {
                break;
            }
            wait(left);
        }
        return tipHeight();
    }

    /** Block subsidy at a height (regtest halves every 150 blocks). */
    static long subsidy(int height) {
        int halvings = height / HALVING_INTERVAL;
        return halvings >= 64 ? 0 : (50L * 100_000_000L) >> halvings;
    }

    // ---- mempool acceptance ----

    /**
     * Validates a transaction fully and adds it to the mempool.
     *
     * @param maxFeeRateSatPerKvb reject if the fee rate exceeds this (0 = no limit)
     * @return its txid
     * @throws RpcError with Bitcoin Core's code and message when rejected
     */
    synchronized Sha256Hash accept(byte[] raw, long maxFeeRateSatPerKvb) throws RpcError {
        Transaction tx = decode(raw);
        Sha256Hash txid = tx.getTxId();
        TxRecord known = txs.get(txid);
        if (known != null && known.height < 0) {
            return txid; // already in the mempool: Core answers the txid without further checks
        }
        if (known != null) {
            for (int i = 0; i < tx.getOutputs().size(); i++) {
                if (utxos.containsKey(new OutPoint(txid, i))) {
                    throw new RpcError(RpcError.VERIFY_ALREADY_IN_CHAIN, "Transaction outputs already in utxo set");
                }
            }
        }
        checkTransaction(tx);
        if (tx.isCoinBase()) {
            throw reject("coinbase");
        }
        int dustOutputs = 0;
        for (TransactionOutput o : tx.getOutputs()) {
            if (isDust(o)) {
                dustOutputs++;
            }
        }
        if (dustOutputs > 1) {
            throw reject("dust");
        }
        int spendHeight = tipHeight() + 1;
        if (!isFinal(tx, spendHeight, medianTimePast(tipHeight()))) {
            throw reject("non-final");
        }
        List<Coin> prevs = new ArrayList<>(tx.getInputs().size());
        // mempool transactions this one double-spends: a replacement attempt (full RBF)
        LinkedHashSet<Sha256Hash> conflicts = new LinkedHashSet<>();
        boolean missing = false;
        for (TransactionInput in : tx.getInputs()) {
            OutPoint op = outPoint(in);
            Sha256Hash spender = mempoolSpends.get(op);
            if (spender != null) {
                conflicts.add(spender);
            }
            Coin c = utxos.get(op);
            if (c == null) {
                c = mempoolCoins.get(op);
            }
            if (c == null) {
                missing = true;
            }
            prevs.add(c);
        }
        if (missing) {
            throw new RpcError(RpcError.VERIFY_ERROR, "bad-txns-inputs-missingorspent");
        }
        if (!sequenceLocksSatisfied(tx, prevs, spendHeight)) {
            throw reject("non-BIP68-final");
        }
        long in = 0;
        for (Coin c : prevs) {
            if (c.coinbase && spendHeight - c.height < COINBASE_MATURITY) {
                throw reject("bad-txns-premature-spend-of-coinbase, tried to spend coinbase at depth "
                        + (spendHeight - c.height));
            }
            in += c.value;
            if (c.value < 0 || c.value > MAX_MONEY || in > MAX_MONEY) {
                throw reject("bad-txns-inputvalues-outofrange");
            }
        }
        long out = 0;
        for (TransactionOutput o : tx.getOutputs()) {
            out += o.getValue().value;
        }
        if (in < out) {
            throw reject("bad-txns-in-belowout, value in (" + formatMoney(in) + ") < value out ("
                    + formatMoney(out) + ")");
        }
        long fee = in - out;
        int vsize = tx.getVsize();
        if (dustOutputs > 0 && fee != 0) {
            throw reject("dust, tx with dust output must be 0-fee");
        }
        long minFee = feeAt(MIN_RELAY_FEE_SAT_PER_KVB, vsize);
        if (fee < minFee) {
            throw reject("min relay fee not met, " + fee + " < " + minFee);
        }
        Set<Sha256Hash> evicted = conflicts.isEmpty() ? Set.of() : checkReplacement(tx, fee, vsize, conflicts);
        verifier.verify(raw, prevs);
        if (maxFeeRateSatPerKvb > 0 && fee * 1000 > maxFeeRateSatPerKvb * (long) vsize) {
            throw new RpcError(RpcError.VERIFY_ERROR,
                    "Fee exceeds maximum configured by user (e.g. -maxtxfee, maxfeerate)");
        }
        for (Sha256Hash gone : evicted) {
            removeFromMempool(gone);
        }
        TxRecord rec = new TxRecord(tx, raw.clone(), false, fee, clock.instant().getEpochSecond());
        mempool.put(txid, rec);
        txs.put(txid, rec);
        for (TransactionInput input : tx.getInputs()) {
            OutPoint op = outPoint(input);
            mempoolSpends.put(op, txid);
            spentBy.put(op, txid);
        }
        List<TransactionOutput> outs = tx.getOutputs();
        for (int i = 0; i < outs.size(); i++) {
            byte[] spk = outs.get(i).getScriptBytes();
            OutPoint op = new OutPoint(txid, i);
            mempoolCoins.put(op, new Coin(outs.get(i).getValue().value, spk, -1, false));
            outputsBySpk.computeIfAbsent(Bytes.wrap(spk), k -> new ArrayList<>(1)).add(op);
        }
        notifyAll();
        return txid;
    }

    /** Core's {@code CFeeRate::GetFee}: the fee at a rate (sat/kvB) for a size, rounded up. */
    static long feeAt(long satPerKvb, long vsize) {
        return (satPerKvb * vsize + 999) / 1000;
    }

    /** Core's {@code IsDust} at -dustrelayfee 3 sat/vB (OP_RETURN outputs are never dust). */
    static boolean isDust(TransactionOutput o) {
        byte[] spk = o.getScriptBytes();
        if (spk.length > 0 && (spk[0] & 0xff) == 0x6a || spk.length > 10_000) {
            return false;
        }
        long size = 8 + varIntSize(spk.length) + spk.length;
        boolean witnessProgram = spk.length >= 4 && spk.length <= 42 && (spk[0] == 0 || (spk[0] & 0xff) >= 0x51
                && (spk[0] & 0xff) <= 0x60) && (spk[1] & 0xff) + 2 == spk.length;
        size += witnessProgram ? 32 + 4 + 1 + 107 / 4 + 4 : 32 + 4 + 1 + 107 + 4;
        return o.getValue().value < feeAt(DUST_RELAY_FEE_SAT_PER_KVB, size);
    }

    private static int varIntSize(long n) {
        return n < 0xfd ? 1 : n <= 0xffff ? 3 : n <= 0xffffffffL ? 5 : 9;
    }

    /**
     * Core's replacement rules (full RBF, always on since 28): the new transaction must pay a
     * higher fee rate than each transaction it conflicts with, at least their fees (with their
     * descendants), plus the incremental relay fee for its own size; it may not add unconfirmed
     * inputs. Returns every transaction the replacement evicts.
     */
    private Set<Sha256Hash> checkReplacement(Transaction tx, long fee, int vsize, Set<Sha256Hash> conflicts)
            throws RpcError {
        Sha256Hash txid = tx.getTxId();
        List<TransactionInput> ins = tx.getInputs();
        for (int j = 0; j < ins.size(); j++) {
            OutPoint op = outPoint(ins.get(j));
            if (conflicts.contains(op.txid())) {
                throw reject("bad-txns-spends-conflicting-tx, " + txid + " spends conflicting transaction "
                        + op.txid());
            }
        }
        for (int j = 0; j < ins.size(); j++) {
            OutPoint op = outPoint(ins.get(j));
            if (mempoolCoins.containsKey(op) && !conflicts.contains(op.txid())) {
                boolean parentOfConflict = false;
                for (Sha256Hash c : conflicts) {
                    for (TransactionInput ci : mempool.get(c).tx.getInputs()) {
                        parentOfConflict |= outPoint(ci).txid().equals(op.txid());
                    }
                }
                if (!parentOfConflict) {
                    throw reject("replacement-adds-unconfirmed, replacement " + txid + " adds unconfirmed input, idx "
                            + j);
                }
            }
        }
        long newRate = fee * 1000 / vsize;
        for (Sha256Hash c : conflicts) {
            TxRecord old = mempool.get(c);
            long oldVsize = old.tx.getVsize();
            long oldRate = old.fee * 1000 / oldVsize;
            if (newRate <= oldRate) {
                throw reject("insufficient fee, rejecting replacement " + txid + "; new feerate "
                        + formatFeeRate(newRate) + " <= old feerate " + formatFeeRate(oldRate));
            }
        }
        Set<Sha256Hash> evicted = new LinkedHashSet<>();
        for (Sha256Hash c : conflicts) {
            collectDescendants(c, evicted);
        }
        long originalFees = 0;
        for (Sha256Hash e : evicted) {
            originalFees += mempool.get(e).fee;
        }
        if (fee < originalFees) {
            throw reject("insufficient fee, rejecting replacement " + txid + ", less fees than conflicting txs; "
                    + formatMoney(fee) + " < " + formatMoney(originalFees));
        }
        long additional = fee - originalFees;
        long relayFee = feeAt(INCREMENTAL_RELAY_FEE_SAT_PER_KVB, vsize);
        if (additional < relayFee) {
            throw reject("insufficient fee, rejecting replacement " + txid + ", not enough additional fees to relay; "
                    + formatMoney(additional) + " < " + formatMoney(relayFee));
        }
        return evicted;
    }

    private void collectDescendants(Sha256Hash txid, Set<Sha256Hash> into) {
        if (!into.add(txid)) {
            return;
        }
        TxRecord r = mempool.get(txid);
        for (int i = 0; i < r.tx.getOutputs().size(); i++) {
            Sha256Hash child = mempoolSpends.get(new OutPoint(txid, i));
            if (child != null) {
                collectDescendants(child, into);
            }
        }
    }

    /** Drops a mempool transaction (its descendants must be dropped too; see collectDescendants). */
    private void removeFromMempool(Sha256Hash txid) {
        TxRecord r = mempool.remove(txid);
        if (r == null) {
            return;
        }
        txs.remove(txid);
        for (TransactionInput input : r.tx.getInputs()) {
            OutPoint op = outPoint(input);
            if (txid.equals(mempoolSpends.get(op))) {
                mempoolSpends.remove(op);
            }
            if (txid.equals(spentBy.get(op))) {
                spentBy.remove(op);
            }
        }
        List<TransactionOutput> outs = r.tx.getOutputs();
        for (int i = 0; i < outs.size(); i++) {
            OutPoint op = new OutPoint(txid, i);
            mempoolCoins.remove(op);
            List<OutPoint> list = outputsBySpk.get(Bytes.wrap(outs.get(i).getScriptBytes()));
            if (list != null) {
                list.remove(op);
            }
        }
    }

    /** Core's {@code CFeeRate::ToString}: {@code 0.00090909 BTC/kvB}. */
    static String formatFeeRate(long satPerKvb) {
        return String.format("%d.%08d BTC/kvB", satPerKvb / 100_000_000L, satPerKvb % 100_000_000L);
    }

    private static RpcError reject(String reason) {
        return new RpcError(RpcError.VERIFY_REJECTED, reason);
    }

    static Transaction decode(byte[] raw) throws RpcError {
        try {
            ByteBuffer buf = ByteBuffer.wrap(raw);
            Transaction tx = Transaction.read(buf);
            if (buf.hasRemaining() || tx.getInputs().isEmpty()) {
                throw new IllegalArgumentException("trailing bytes or no inputs");
            }
            return tx;
        } catch (RuntimeException e) {
            throw new RpcError(RpcError.DESERIALIZATION_ERROR,
                    "TX decode failed. Make sure the tx has at least one input.");
        }
    }

    /** Context-free checks (Core's CheckTransaction). */
    private static void checkTransaction(Transaction tx) throws RpcError {
        if (tx.getInputs().isEmpty()) {
            throw reject("bad-txns-vin-empty");
        }
        if (tx.getOutputs().isEmpty()) {
            throw reject("bad-txns-vout-empty");
        }
        if (tx.getWeight() > MAX_BLOCK_WEIGHT) {
            throw reject("bad-txns-oversize");
        }
        long total = 0;
        for (TransactionOutput o : tx.getOutputs()) {
            long v = o.getValue().value;
            if (v < 0) {
                throw reject("bad-txns-vout-negative");
            }
            if (v > MAX_MONEY) {
                throw reject("bad-txns-vout-toolarge");
            }
            total += v;
            if (total > MAX_MONEY) {
                throw reject("bad-txns-txouttotal-toolarge");
            }
        }
        Set<OutPoint> seen = new HashSet<>();
        for (TransactionInput in : tx.getInputs()) {
            if (!seen.add(outPoint(in))) {
                throw reject("bad-txns-inputs-duplicate");
            }
        }
        if (!tx.isCoinBase()) {
            for (TransactionInput in : tx.getInputs()) {
                if (in.getOutpoint().hash().equals(Sha256Hash.ZERO_HASH) && in.getOutpoint().index() == 0xFFFFFFFFL) {
                    throw reject("bad-txns-prevout-null");
                }
            }
        }
    }

    static boolean isFinal(Transaction tx, int blockHeight, long blockTime) {
        long lt = tx.getLockTime();
        if (lt == 0) {
            return true;
        }
        if (lt < (lt < LOCKTIME_THRESHOLD ? blockHeight : blockTime)) {
            return true;
        }
        for (TransactionInput in : tx.getInputs()) {
            if (in.getSequenceNumber() != TransactionInput.NO_SEQUENCE) {
                return false;
            }
        }
        return true;
    }

    /** BIP68 relative lock-times (version >= 2) against the next block; mempool parents count as in it. */
    private boolean sequenceLocksSatisfied(Transaction tx, List<Coin> prevs, int spendHeight) {
        if (tx.getVersion() < 2) {
            return true;
        }
        long tipMtp = medianTimePast(tipHeight());
        for (int i = 0; i < prevs.size(); i++) {
            long seq = tx.getInput(i).getSequenceNumber();
            if ((seq & TransactionInput.SEQUENCE_LOCKTIME_DISABLE_FLAG) != 0) {
                continue;
            }
            int coinHeight = prevs.get(i).height < 0 ? spendHeight : prevs.get(i).height;
            long value = seq & TransactionInput.SEQUENCE_LOCKTIME_MASK;
            if ((seq & TransactionInput.SEQUENCE_LOCKTIME_TYPE_FLAG) != 0) {
                long coinTime = medianTimePast(Math.max(0, Math.min(coinHeight, tipHeight() + 1) - 1));
                if (coinTime + (value << 9) - 1 >= tipMtp) {
                    return false;
                }
            } else if (coinHeight + value - 1 >= spendHeight) {
                return false;
            }
        }
        return true;
    }

    static OutPoint outPoint(TransactionInput in) {
        return new OutPoint(in.getOutpoint().hash(), in.getOutpoint().index());
    }

    /** Core's FormatMoney: BTC with trailing zeros trimmed to at least two decimals. */
    static String formatMoney(long sats) {
        String s = String.format("%s%d.%08d", sats < 0 ? "-" : "", Math.abs(sats) / 100_000_000L,
                Math.abs(sats) % 100_000_000L);
        int end = s.length();
        while (s.charAt(end - 1) == '0' && Character.isDigit(s.charAt(end - 3))) {
            end--;
        }
        return s.substring(0, end);
    }

    // ---- mining ----

    /** Mines {@code n} blocks paying to {@code spk}, each including the whole mempool; durable on return. */
    synchronized List<Sha256Hash> generate(int n, byte[] spk) throws IOException {
        List<Sha256Hash> hashes = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            byte[] block = buildBlock(spk);
            store.append(block);
            hashes.add(connect(block, false).hash);
        }
        store.sync();
        notifyAll();
        return hashes;
    }

    private byte[] buildBlock(byte[] payTo) {
        BlockInfo prev = tip();
        int height = prev.height + 1;
        List<TxRecord> included = new ArrayList<>();
        int weight = 4 * 80 + 4000; // header + coinbase allowance
        long fees = 0;
        for (TxRecord r : blockOrder()) {
            int w = r.tx.getWeight();
            if (weight + w > MAX_BLOCK_WEIGHT) {
                break; // keep topological order: stop at the first that does not fit
            }
            weight += w;
            fees += r.fee;
            included.add(r);
        }
        // witness commitment: merkle root of wtxids (coinbase's as zero) and a zero reserved value
        List<byte[]> wtxids = new ArrayList<>(included.size() + 1);
        wtxids.add(new byte[32]);
        for (TxRecord r : included) {
            wtxids.add(r.tx.getWTxId().getReversedBytes());
        }
        byte[] commitment = Sha256Hash.hashTwice(merkleRoot(wtxids), new byte[32]);
        byte[] coinbase = coinbase(height, subsidy(height) + fees, payTo, commitment);
        List<byte[]> txids = new ArrayList<>(included.size() + 1);
        txids.add(Sha256Hash.hashTwice(stripWitness(coinbase)));
        for (TxRecord r : included) {
            txids.add(r.txid.getReversedBytes());
        }
        byte[] merkle = merkleRoot(txids);
        long time = Math.max(medianTimePast(prev.height) + 1, clock.instant().getEpochSecond());
        ByteBuffer header = ByteBuffer.allocate(80).order(ByteOrder.LITTLE_ENDIAN);
        header.putInt(0x20000000).put(prev.hash.getReversedBytes()).put(merkle).putInt((int) time)
                .putInt((int) BITS).putInt(0);
        byte[] h = header.array();
        for (long nonce = 0; ; nonce++) {
            ByteBuffer.wrap(h, 76, 4).order(ByteOrder.LITTLE_ENDIAN).putInt((int) nonce);
            byte[] hash = Sha256Hash.hashTwice(h);
            if (new BigInteger(1, reverse(hash)).compareTo(TARGET) <= 0) {
                break;
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(80 + 300 + included.size() * 250);
        out.writeBytes(h);
        out.writeBytes(VarInt.of(included.size() + 1L).serialize());
        out.writeBytes(coinbase);
        for (TxRecord r : included) {
            out.writeBytes(r.raw);
        }
        return out.toByteArray();
    }

    /**
     * The mempool in Core's block-assembly order: repeatedly the package (a transaction with its
     * not yet included mempool ancestors) of highest ancestor fee rate, ties by the smaller txid
     * (Core's uint256 order), ancestors first.
     */
    private List<TxRecord> blockOrder() {
        List<TxRecord> out = new ArrayList<>(mempool.size());
        Set<Sha256Hash> done = new HashSet<>();
        while (done.size() < mempool.size()) {
            TxRecord best = null;
            long bestFee = 0;
            long bestSize = 1;
            for (TxRecord r : mempool.values()) {
                if (done.contains(r.txid)) {
                    continue;
                }
                long fee = 0;
                long size = 0;
                for (TxRecord a : ancestorsAndSelf(r, done)) {
                    fee += a.fee;
                    size += a.tx.getVsize();
                }
                int cmp = best == null ? 1 : Long.compare(fee * bestSize, bestFee * size);
                if (cmp > 0 || cmp == 0 && compareUint256(r.txid, best.txid) < 0) {
                    best = r;
                    bestFee = fee;
                    bestSize = size;
                }
            }
            List<TxRecord> pkg = ancestorsAndSelf(best, done);
            pkg.sort(Comparator.comparingInt((TxRecord a) -> ancestorsAndSelf(a, done).size()));
            for (TxRecord a : pkg) {
                out.add(a);
                done.add(a.txid);
            }
        }
        return out;
    }

    private List<TxRecord> ancestorsAndSelf(TxRecord r, Set<Sha256Hash> exclude) {
        LinkedHashMap<Sha256Hash, TxRecord> found = new LinkedHashMap<>();
        ArrayDeque<TxRecord> todo = new ArrayDeque<>(List.of(r));
        while (!todo.isEmpty()) {
            TxRecord t = todo.pop();
            if (exclude.contains(t.txid) || found.putIfAbsent(t.txid, t) != null) {
                continue;
            }
            for (TransactionInput in : t.tx.getInputs()) {
                TxRecord parent = mempool.get(in.getOutpoint().hash());
                if (parent != null) {
                    todo.push(parent);
                }
            }
        }
        return new ArrayList<>(found.values());
    }

    /** Core's {@code uint256} order: bytes compared in internal (little-endian) order. */
    private static int compareUint256(Sha256Hash a, Sha256Hash b) {
        return Arrays.compareUnsigned(a.getReversedBytes(), b.getReversedBytes());
    }

    /** A segwit coinbase: BIP34 height push, one payout, the witness commitment, a zero witness nonce. */
    private static byte[] coinbase(int height, long value, byte[] payTo, byte[] commitment) {
        // exactly Core's "CScript() << nHeight << OP_0": heights 1..16 are OP_1..OP_16, so coinbases
        // (and every transaction descending from them) get the same txids as on Core's regtest
        ByteArrayOutputStream s = new ByteArrayOutputStream();
        if (height >= 1 && height <= 16) {
            s.write(0x50 + height);
        } else {
            byte[] heightPush = scriptNum(height);
            s.write(heightPush.length);
            s.writeBytes(heightPush);
        }
        s.write(0x00); // OP_0 extra nonce, keeps the scriptSig at least 2 bytes
        byte[] scriptSig = s.toByteArray();
        ByteArrayOutputStream t = new ByteArrayOutputStream();
        t.writeBytes(new byte[] {2, 0, 0, 0, 0, 1}); // version 2, segwit marker+flag
        t.write(1);
        t.writeBytes(new byte[32]);
        t.writeBytes(new byte[] {-1, -1, -1, -1});
        t.writeBytes(VarInt.of(scriptSig.length).serialize());
        t.writeBytes(scriptSig);
        t.writeBytes(new byte[] {-1, -1, -1, -1});
        t.write(2);
        t.writeBytes(le64(value));
        t.writeBytes(VarInt.of(payTo.length).serialize());
        t.writeBytes(payTo);
        byte[] commitScript = new byte[38];
        commitScript[0] = 0x6a;
        commitScript[1] = 0x24;
        commitScript[2] = (byte) 0xaa;
        commitScript[3] = 0x21;
        commitScript[4] = (byte) 0xa9;
        commitScript[5] = (byte) 0xed;
        System.arraycopy(commitment, 0, commitScript, 6, 32);
        t.writeBytes(le64(0));
        t.write(commitScript.length);
        t.writeBytes(commitScript);
        t.write(1); // one witness item
        t.write(32);
        t.writeBytes(new byte[32]);
        t.writeBytes(new byte[4]); // locktime
        return t.toByteArray();
    }

    /** Non-witness serialization of a segwit-serialized transaction (for the txid). */
    private static byte[] stripWitness(byte[] segwitRaw) {
        return nonWitness(Transaction.read(ByteBuffer.wrap(segwitRaw)));
    }

    private static byte[] nonWitness(Transaction tx) {
        ByteArrayOutputStream t = new ByteArrayOutputStream();
        t.writeBytes(le32(tx.getVersion()));
        t.writeBytes(VarInt.of(tx.getInputs().size()).serialize());
        for (TransactionInput in : tx.getInputs()) {
            t.writeBytes(in.getOutpoint().hash().getReversedBytes());
            t.writeBytes(le32(in.getOutpoint().index()));
            byte[] ss = in.getScriptBytes();
            t.writeBytes(VarInt.of(ss.length).serialize());
            t.writeBytes(ss);
            t.writeBytes(le32(in.getSequenceNumber()));
        }
        t.writeBytes(VarInt.of(tx.getOutputs().size()).serialize());
        for (TransactionOutput o : tx.getOutputs()) {
            t.writeBytes(le64(o.getValue().value));
            byte[] spk = o.getScriptBytes();
            t.writeBytes(VarInt.of(spk.length).serialize());
            t.writeBytes(spk);
        }
        t.writeBytes(le32(tx.getLockTime()));
        return t.toByteArray();
    }

    static int strippedSize(Transaction tx) {
        return nonWitness(tx).length;
    }

    static byte[] merkleRoot(List<byte[]> leaves) {
        List<byte[]> level = new ArrayList<>(leaves);
        while (level.size() > 1) {
            List<byte[]> next = new ArrayList<>((level.size() + 1) / 2);
            for (int i = 0; i < level.size(); i += 2) {
                byte[] a = level.get(i);
                byte[] b = i + 1 < level.size() ? level.get(i + 1) : a;
                next.add(Sha256Hash.hashTwice(a, b));
            }
            level = next;
        }
        return level.get(0);
    }

    private static byte[] scriptNum(long v) {
        if (v == 0) {
            return new byte[0];
        }
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        long x = v;
        while (x > 0) {
            o.write((int) (x & 0xff));
            x >>= 8;
        }
        byte[] b = o.toByteArray();
        if ((b[b.length - 1] & 0x80) != 0) {
            b = Arrays.copyOf(b, b.length + 1);
        }
        return b;
    }

    private static byte[] le64(long v) {
        return ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(v).array();
    }

    private static byte[] le32(long v) {
        return ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt((int) v).array();
    }

    private static byte[] reverse(byte[] b) {
        byte[] r = new byte[b.length];
        for (int i = 0; i < b.length; i++) {
            r[i] = b[b.length - 1 - i];
        }
        return r;
    }

    /**
     * Connects a block we produced or stored earlier (no script re-verification: blocks are only
     * built from validated mempool transactions).
     */
    private BlockInfo connect(byte[] raw, boolean genesis) {
        ByteBuffer buf = ByteBuffer.wrap(raw);
        byte[] header = new byte[80];
        buf.get(header);
        Sha256Hash hash = Sha256Hash.wrapReversed(Sha256Hash.hashTwice(header));
        ByteBuffer hb = ByteBuffer.wrap(header).order(ByteOrder.LITTLE_ENDIAN);
        long version = hb.getInt(0) & 0xffffffffL;
        byte[] prevBytes = Arrays.copyOfRange(header, 4, 36);
        Sha256Hash prev = Sha256Hash.wrapReversed(prevBytes);
        Sha256Hash merkle = Sha256Hash.wrapReversed(Arrays.copyOfRange(header, 36, 68));
        long time = hb.getInt(68) & 0xffffffffL;
        long nonce = hb.getInt(76) & 0xffffffffL;
        int height = blocks.size();
        if (!genesis && !prev.equals(tip().hash)) {
            throw new IllegalStateException("block " + hash + " does not extend the tip");
        }
        long count = VarInt.read(buf).longValue();
        List<Transaction> list = new ArrayList<>();
        List<byte[]> raws = new ArrayList<>();
        for (long i = 0; i < count; i++) {
            int start = buf.position();
            Transaction tx = Transaction.read(buf);
            list.add(tx);
            raws.add(Arrays.copyOfRange(raw, start, buf.position()));
        }
        List<Sha256Hash> txids = new ArrayList<>(list.size());
        int weight = 0;
        int stripped = 80 + VarInt.sizeOf(count);
        for (int i = 0; i < list.size(); i++) {
            Transaction tx = list.get(i);
            Sha256Hash txid = tx.getTxId();
            txids.add(txid);
            weight += tx.getWeight();
            stripped += strippedSize(tx);
            boolean cb = i == 0;
            TxRecord rec = mempool.remove(txid);
            boolean wasInMempool = rec != null;
            if (rec == null) {
                rec = new TxRecord(tx, raws.get(i), cb, 0, time);
            }
            rec.height = height;
            rec.indexInBlock = i;
            if (genesis) {
                continue; // the genesis coinbase is unspendable and unknown to the tx index
            }
            txs.put(txid, rec);
            if (!cb) {
                long in = 0;
                for (TransactionInput input : tx.getInputs()) {
                    OutPoint op = outPoint(input);
                    Coin c = utxos.remove(op);
                    if (c == null) {
                        c = mempoolCoins.get(op);
                    }
                    if (c != null) {
                        in += c.value;
                    }
                    spentBy.put(op, txid);
                }
                long out = 0;
                for (TransactionOutput o : tx.getOutputs()) {
                    out += o.getValue().value;
                }
                rec.fee = in - out;
            }
            List<TransactionOutput> outs = tx.getOutputs();
            for (int v = 0; v < outs.size(); v++) {
                byte[] spk = outs.get(v).getScriptBytes();
                OutPoint op = new OutPoint(txid, v);
                if (spk.length > 0 && spk[0] == 0x6a) {
                    continue; // OP_RETURN: provably unspendable
                }
                Sha256Hash spender = spentBy.get(op);
                if (spender == null || mempool.containsKey(spender)) {
                    utxos.put(op, new Coin(outs.get(v).getValue().value, spk, height, cb));
                }
                if (!wasInMempool) {
                    outputsBySpk.computeIfAbsent(Bytes.wrap(spk), k -> new ArrayList<>(1)).add(op);
                }
            }
        }
        // the mempool is mined whole (see buildBlock); whatever remains spent nothing in this block
        for (Sha256Hash id : txids) {
            TxRecord r = txs.get(id);
            if (r != null) {
                for (int v = 0; v < r.tx.getOutputs().size(); v++) {
                    mempoolCoins.remove(new OutPoint(id, v));
                }
                for (TransactionInput input : r.tx.getInputs()) {
                    mempoolSpends.remove(outPoint(input));
                }
            }
        }
        BlockInfo info = new BlockInfo(hash, height, version, prev, merkle, time, nonce, raw, txids, weight,
                stripped);
        blocks.add(info);
        blocksByHash.put(hash, info);
        return info;
    }

    @Override
    public synchronized void close() throws IOException {
        store.close();
    }
}
