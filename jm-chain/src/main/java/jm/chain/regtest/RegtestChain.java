package jm.chain.regtest;

import static jm.chain.regtest.TxPolicy.COINBASE_MATURITY;
import static jm.chain.regtest.TxPolicy.MAX_MONEY;
import static jm.chain.regtest.TxPolicy.MIN_RELAY_FEE_SAT_PER_KVB;
import static jm.chain.regtest.TxPolicy.feeAt;
import static jm.chain.regtest.TxPolicy.formatMoney;
import static jm.chain.regtest.TxPolicy.reject;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiConsumer;
import jm.core.OutPoint;
import org.bitcoinj.base.Sha256Hash;
import org.bitcoinj.base.VarInt;
import org.bitcoinj.core.Transaction;
import org.bitcoinj.core.TransactionInput;
import org.bitcoinj.core.TransactionOutput;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The regtest chain state: blocks (persisted by {@link BlockStore}), the UTXO set, the indexes the
 * wallets and RPCs read, and the contextual checks that admit a transaction to its
 * {@link Mempool}; blocks come from {@link BlockAssembler}. Thread-safe: every method synchronizes
 * on this object; {@link #waitForHeight} waits on it. The records it hands out are immutable.
 */
final class RegtestChain implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RegtestChain.class);
    /** Bitcoin Core's regtest genesis block. */
    static final String GENESIS_HEX = "0100000000000000000000000000000000000000000000000000000000000000000000003ba3edfd7a7b12b27ac72c3e67768f617fc81bc3888a51323a9fb8aa4b1e5e4adae5494dffff7f20020000000101000000010000000000000000000000000000000000000000000000000000000000000000ffffffff4d04ffff001d0104455468652054696d65732030332f4a616e2f32303039204368616e63656c6c6f72206f6e206272696e6b206f66207365636f6e64206261696c6f757420666f722062616e6b73ffffffff0100f2052a01000000434104678afdb0fe5548271967f1a67130b7105cd6a828e03909a67962e0ea1f61deb649f6bc3f4cef38c4f35504e51ec112de5c384df7ba0b8d578a4c702b6bf11d5fac00000000";

    private final Clock clock;
    private final BlockStore store;
    private final List<BlockInfo> blocks = new ArrayList<>();
    private final Map<Sha256Hash, BlockInfo> blocksByHash = new HashMap<>();
    private final Map<OutPoint, Coin> utxos = new HashMap<>();
    private final Map<Sha256Hash, TxRecord> txs = new HashMap<>();
    private final Mempool mempool = new Mempool();
    private final Map<Bytes, List<OutPoint>> outputsBySpk = new HashMap<>();
    private final Map<OutPoint, Sha256Hash> spentBy = new HashMap<>();
    private final ScriptVerifier verifier = new ScriptVerifier();
    /** Told of every transaction entering the mempool or a connected block (under the chain's lock). */
    private volatile java.util.function.Consumer<Transaction> txListener = tx -> { };

    private RegtestChain(Clock clock, BlockStore store) {
        this.clock = clock;
        this.store = store;
    }

    /** Sets the one listener told of every transaction entering the mempool or a connected block. */
    void onTransaction(java.util.function.Consumer<Transaction> listener) {
        txListener = listener;
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

    /**
     * Core's findFirstBlockWithTimeAndHeight: the first height whose block or an ancestor has a
     * time of at least {@code time} (Core's GetBlockTimeMax), or -1 when no block has.
     */
    synchronized int firstBlockWithTimeMax(long time) {
        long max = Long.MIN_VALUE;
        for (int h = 0; h < blocks.size(); h++) {
            max = Math.max(max, blocks.get(h).time);
            if (max >= time) {
                return h;
            }
        }
        return -1;
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

    synchronized Mempool.Stats mempoolStats() {
        return mempool.stats();
    }

    /** A mempool transaction with its unconfirmed ancestors: count, vsize and fees (Core's ancestor*). */
    synchronized Mempool.Stats ancestors(Sha256Hash txid) {
        return mempool.ancestors(txid);
    }

    synchronized List<Sha256Hash> mempoolTxids() {
        return mempool.txids();
    }

    /** The mempool as Core's getrawmempool verbose / getmempoolentry show it, in Core's order. */
    synchronized List<Mempool.Entry> mempoolEntries() {
        return mempool.entries();
    }

    synchronized int confirmations(TxRecord r) {
        return r.height < 0 ? 0 : tipHeight() - r.height + 1;
    }

    /** A coin as gettxout sees it: confirmed unspent, or (with mempool) created there; hidden if spent in the mempool. */
    synchronized Optional<Coin> unspent(OutPoint op, boolean includeMempool) {
        if (includeMempool && mempool.spender(op) != null) {
            return Optional.empty();
        }
        Coin c = utxos.get(op);
        if (c == null && includeMempool) {
            c = mempool.coin(op);
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
                                     BiConsumer<Bytes, Map.Entry<OutPoint, Coin>> f) {
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

    /**
     * Validates a transaction fully and adds it to the mempool.
     *
     * @param maxFeeRateSatPerKvb reject if the fee rate exceeds this (0 = no limit)
     * @return its txid
     * @throws RpcError with Bitcoin Core's code and message when rejected
     */
    synchronized Sha256Hash accept(byte[] raw, long maxFeeRateSatPerKvb) throws RpcError {
        Transaction tx = TxCodec.decode(raw);
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
        TxPolicy.checkTransaction(tx);
        if (tx.isCoinBase()) {
            throw reject("coinbase");
        }
        int dustOutputs = 0;
        for (TransactionOutput o : tx.getOutputs()) {
            if (TxPolicy.isDust(o)) {
                dustOutputs++;
            }
        }
        if (dustOutputs > 1) {
            throw reject("dust");
        }
        int spendHeight = tipHeight() + 1;
        if (!TxPolicy.isFinal(tx, spendHeight, medianTimePast(tipHeight()))) {
            throw reject("non-final");
        }
        List<Coin> prevs = new ArrayList<>(tx.getInputs().size());
        // mempool transactions this one double-spends: a replacement attempt (full RBF)
        LinkedHashSet<Sha256Hash> conflicts = new LinkedHashSet<>();
        boolean missing = false;
        for (TransactionInput in : tx.getInputs()) {
            OutPoint op = TxCodec.outPoint(in);
            Sha256Hash spender = mempool.spender(op);
            if (spender != null) {
                conflicts.add(spender);
            }
            Coin c = utxos.get(op);
            if (c == null) {
                c = mempool.coin(op);
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
            if (c.coinbase() && spendHeight - c.height() < COINBASE_MATURITY) {
                throw reject("bad-txns-premature-spend-of-coinbase, tried to spend coinbase at depth "
                        + (spendHeight - c.height()));
            }
            in += c.value();
            if (c.value() < 0 || c.value() > MAX_MONEY || in > MAX_MONEY) {
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
        Set<Sha256Hash> evicted = conflicts.isEmpty() ? Set.of() : mempool.checkReplacement(tx, fee, vsize, conflicts);
        verifier.verify(raw, prevs);
        if (maxFeeRateSatPerKvb > 0 && fee * 1000 > maxFeeRateSatPerKvb * (long) vsize) {
            throw new RpcError(RpcError.VERIFY_ERROR,
                    "Fee exceeds maximum configured by user (e.g. -maxtxfee, maxfeerate)");
        }
        for (Sha256Hash gone : evicted) {
            removeFromMempool(gone);
        }
        TxRecord rec = TxRecord.unconfirmed(tx, raw.clone(), false, fee, clock.instant().getEpochSecond(),
                tipHeight());
        mempool.add(rec);
        txs.put(txid, rec);
        for (TransactionInput input : tx.getInputs()) {
            spentBy.put(TxCodec.outPoint(input), txid);
        }
        List<TransactionOutput> outs = tx.getOutputs();
        for (int i = 0; i < outs.size(); i++) {
            outputsBySpk.computeIfAbsent(Bytes.wrap(outs.get(i).getScriptBytes()), k -> new ArrayList<>(1))
                    .add(new OutPoint(txid, i));
        }
        txListener.accept(tx);
        notifyAll();
        return txid;
    }

    /** Evicts a mempool transaction from every index (its descendants must go too; see Mempool.checkReplacement). */
    private void removeFromMempool(Sha256Hash txid) {
        TxRecord r = mempool.remove(txid);
        if (r == null) {
            return;
        }
        txs.remove(txid);
        for (TransactionInput input : r.tx.getInputs()) {
            spentBy.remove(TxCodec.outPoint(input), txid);
        }
        List<TransactionOutput> outs = r.tx.getOutputs();
        for (int i = 0; i < outs.size(); i++) {
            List<OutPoint> list = outputsBySpk.get(Bytes.wrap(outs.get(i).getScriptBytes()));
            if (list != null) {
                list.remove(new OutPoint(txid, i));
            }
        }
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
            int coinHeight = prevs.get(i).height() < 0 ? spendHeight : prevs.get(i).height();
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

    /** Mines {@code n} blocks paying to {@code spk}, each including the whole mempool; durable on return. */
    synchronized List<Sha256Hash> generate(int n, byte[] spk) throws IOException {
        List<Sha256Hash> hashes = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            BlockInfo prev = tip();
            long time = Math.max(medianTimePast(prev.height) + 1, clock.instant().getEpochSecond());
            byte[] block = BlockAssembler.build(prev, time, spk, mempool);
            store.append(block);
            hashes.add(connect(block, false).hash);
        }
        store.sync();
        notifyAll();
        return hashes;
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
        int stripped = 80 + VarInt.sizeOf(count);
        for (int i = 0; i < list.size(); i++) {
            Transaction tx = list.get(i);
            Sha256Hash txid = tx.getTxId();
            txids.add(txid);
            stripped += TxCodec.strippedSize(tx);
            boolean cb = i == 0;
            TxRecord pooled = mempool.remove(txid);
            boolean wasInMempool = pooled != null;
            if (genesis) {
                continue; // the genesis coinbase is unspendable and unknown to the tx index
            }
            long fee = 0;
            if (!cb) {
                long in = 0;
                for (TransactionInput input : tx.getInputs()) {
                    OutPoint op = TxCodec.outPoint(input);
                    Coin c = utxos.remove(op);
                    if (c != null) {
                        in += c.value();
                    }
                    spentBy.put(op, txid);
                }
                long out = 0;
                for (TransactionOutput o : tx.getOutputs()) {
                    out += o.getValue().value;
                }
                fee = in - out;
            }
            if (!wasInMempool) {
                txListener.accept(tx);
            }
            TxRecord unconfirmed = wasInMempool ? pooled : TxRecord.unconfirmed(tx, raws.get(i), cb, 0, time, -1);
            txs.put(txid, unconfirmed.confirmed(height, i, fee));
            List<TransactionOutput> outs = tx.getOutputs();
            for (int v = 0; v < outs.size(); v++) {
                byte[] spk = outs.get(v).getScriptBytes();
                OutPoint op = new OutPoint(txid, v);
                if (spk.length > 0 && spk[0] == 0x6a) {
                    continue; // OP_RETURN: provably unspendable
                }
                Sha256Hash spender = spentBy.get(op);
                if (spender == null || mempool.contains(spender)) {
                    utxos.put(op, new Coin(outs.get(v).getValue().value, spk, height, cb));
                }
                if (!wasInMempool) {
                    outputsBySpk.computeIfAbsent(Bytes.wrap(spk), k -> new ArrayList<>(1)).add(op);
                }
            }
        }
        // Core's block weight: the stripped block counted 3 times plus the whole block (header included)
        int weight = stripped * (TxPolicy.WITNESS_SCALE_FACTOR - 1) + raw.length;
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
