package jm.chain.regtest;

import static jm.chain.regtest.TxPolicy.INCREMENTAL_RELAY_FEE_SAT_PER_KVB;
import static jm.chain.regtest.TxPolicy.feeAt;
import static jm.chain.regtest.TxPolicy.formatFeeRate;
import static jm.chain.regtest.TxPolicy.formatMoney;
import static jm.chain.regtest.TxPolicy.reject;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import jm.core.OutPoint;
import org.bitcoinj.base.Sha256Hash;
import org.bitcoinj.core.Transaction;
import org.bitcoinj.core.TransactionInput;
import org.bitcoinj.core.TransactionOutput;

/**
 * The mempool: accepted unconfirmed transactions in arrival order, the coins they create and the
 * outpoints they spend, their ancestor packages and Core's replacement (full RBF) rules. Not
 * thread-safe: only {@link RegtestChain} uses it, under its lock.
 */
final class Mempool {
    private final LinkedHashMap<Sha256Hash, TxRecord> txs = new LinkedHashMap<>();
    private final Map<OutPoint, Coin> coins = new HashMap<>();
    private final Map<OutPoint, Sha256Hash> spends = new HashMap<>();

    /** Size of a set of mempool transactions: count, total vsize and fees. */
    record Stats(int count, long vbytes, long fees) {
        static Stats of(Collection<TxRecord> records) {
            long vbytes = 0;
            long fees = 0;
            for (TxRecord r : records) {
                vbytes += r.tx.getVsize();
                fees += r.fee;
            }
            return new Stats(records.size(), vbytes, fees);
        }
    }

    TxRecord get(Sha256Hash txid) {
        return txs.get(txid);
    }

    boolean contains(Sha256Hash txid) {
        return txs.containsKey(txid);
    }

    int size() {
        return txs.size();
    }

    /** Transactions in arrival order. */
    Collection<TxRecord> records() {
        return txs.values();
    }

    List<Sha256Hash> txids() {
        return new ArrayList<>(txs.keySet());
    }

    /** A coin created by a mempool transaction (spent in the mempool or not). */
    Coin coin(OutPoint op) {
        return coins.get(op);
    }

    /** The mempool transaction spending {@code op}, or null. */
    Sha256Hash spender(OutPoint op) {
        return spends.get(op);
    }

    Stats stats() {
        return Stats.of(txs.values());
    }

    /** A mempool transaction with its unconfirmed ancestors (Core's ancestor*); zero if not in the mempool. */
    Stats ancestors(Sha256Hash txid) {
        TxRecord r = txs.get(txid);
        return r == null ? new Stats(0, 0, 0) : Stats.of(ancestorsAndSelf(r, Set.of()));
    }

    void add(TxRecord rec) {
        txs.put(rec.txid, rec);
        for (TransactionInput input : rec.tx.getInputs()) {
            spends.put(TxCodec.outPoint(input), rec.txid);
        }
        List<TransactionOutput> outs = rec.tx.getOutputs();
        for (int i = 0; i < outs.size(); i++) {
            coins.put(new OutPoint(rec.txid, i), new Coin(outs.get(i).getValue().value, outs.get(i).getScriptBytes(),
                    -1, false));
        }
    }

    /**
     * Takes a transaction out (evicted, or confirmed by a block): its record, the coins it created
     * and its spends. Returns the record, or null if it was not in the mempool.
     */
    TxRecord remove(Sha256Hash txid) {
        TxRecord r = txs.remove(txid);
        if (r == null) {
            return null;
        }
        for (TransactionInput input : r.tx.getInputs()) {
            spends.remove(TxCodec.outPoint(input), txid);
        }
        for (int i = 0; i < r.tx.getOutputs().size(); i++) {
            coins.remove(new OutPoint(txid, i));
        }
        return r;
    }

    /** One mempool transaction with its package facts (Core's CTxMemPoolEntry as RPCs show it). */
    record Entry(TxRecord tx, Stats ancestors, Stats descendants, List<Sha256Hash> depends,
                 List<Sha256Hash> spentBy, boolean bip125Replaceable) {
    }

    /**
     * Every transaction as an {@link Entry}, in Core's depth-and-score order: fewer ancestors
     * first, then higher fee rate, then the larger txid (uint256 order).
     */
    List<Entry> entries() {
        List<Entry> out = new ArrayList<>(txs.size());
        for (TxRecord r : txs.values()) {
            List<TxRecord> ancestors = ancestorsAndSelf(r, Set.of());
            Set<Sha256Hash> descendants = new LinkedHashSet<>();
            collectDescendants(r.txid, descendants);
            List<TxRecord> descendantRecords = new ArrayList<>();
            descendants.forEach(d -> descendantRecords.add(txs.get(d)));
            TreeSet<Sha256Hash> depends = new TreeSet<>(Comparator.comparing(Sha256Hash::toString));
            for (TransactionInput in : r.tx.getInputs()) {
                if (txs.containsKey(in.getOutpoint().hash())) {
                    depends.add(in.getOutpoint().hash());
                }
            }
            TreeSet<Sha256Hash> children = new TreeSet<>(Comparator.comparing(Sha256Hash::toString));
            for (int i = 0; i < r.tx.getOutputs().size(); i++) {
                Sha256Hash child = spends.get(new OutPoint(r.txid, i));
                if (child != null) {
                    children.add(child);
                }
            }
            // BIP125 opt-in: the transaction or an unconfirmed ancestor signals it
            boolean signals = ancestors.stream().anyMatch(a -> a.tx.getInputs().stream()
                    .anyMatch(in -> in.getSequenceNumber() < 0xFFFFFFFEL));
            out.add(new Entry(r, Stats.of(ancestors), Stats.of(descendantRecords), new ArrayList<>(depends),
                    new ArrayList<>(children), signals));
        }
        out.sort(Comparator.comparingInt((Entry e) -> e.ancestors().count()).thenComparing((x, y) -> {
            int byRate = Long.compare(y.tx().fee * x.tx().tx.getVsize(), x.tx().fee * y.tx().tx.getVsize());
            return byRate != 0 ? byRate : TxCodec.compareUint256(y.tx().txid, x.tx().txid);
        }));
        return out;
    }

    /** {@code r} and its not yet excluded mempool ancestors. */
    List<TxRecord> ancestorsAndSelf(TxRecord r, Set<Sha256Hash> exclude) {
        LinkedHashMap<Sha256Hash, TxRecord> found = new LinkedHashMap<>();
        ArrayDeque<TxRecord> todo = new ArrayDeque<>(List.of(r));
        while (!todo.isEmpty()) {
            TxRecord t = todo.pop();
            if (exclude.contains(t.txid) || found.putIfAbsent(t.txid, t) != null) {
                continue;
            }
            for (TransactionInput in : t.tx.getInputs()) {
                TxRecord parent = txs.get(in.getOutpoint().hash());
                if (parent != null) {
                    todo.push(parent);
                }
            }
        }
        return new ArrayList<>(found.values());
    }

    /**
     * Core's replacement rules (full RBF, always on since 28): the new transaction must pay a
     * higher fee rate than each transaction it conflicts with, at least their fees (with their
     * descendants), plus the incremental relay fee for its own size; it may not add unconfirmed
     * inputs. Returns every transaction the replacement evicts.
     */
    Set<Sha256Hash> checkReplacement(Transaction tx, long fee, int vsize, Set<Sha256Hash> conflicts)
            throws RpcError {
        Sha256Hash txid = tx.getTxId();
        List<TransactionInput> ins = tx.getInputs();
        for (int j = 0; j < ins.size(); j++) {
            OutPoint op = TxCodec.outPoint(ins.get(j));
            if (conflicts.contains(op.txid())) {
                throw reject("bad-txns-spends-conflicting-tx, " + txid + " spends conflicting transaction "
                        + op.txid());
            }
        }
        for (int j = 0; j < ins.size(); j++) {
            OutPoint op = TxCodec.outPoint(ins.get(j));
            if (coins.containsKey(op) && !conflicts.contains(op.txid())) {
                boolean parentOfConflict = false;
                for (Sha256Hash c : conflicts) {
                    for (TransactionInput ci : txs.get(c).tx.getInputs()) {
                        parentOfConflict |= TxCodec.outPoint(ci).txid().equals(op.txid());
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
            TxRecord old = txs.get(c);
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
            originalFees += txs.get(e).fee;
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
        TxRecord r = txs.get(txid);
        for (int i = 0; i < r.tx.getOutputs().size(); i++) {
            Sha256Hash child = spends.get(new OutPoint(txid, i));
            if (child != null) {
                collectDescendants(child, into);
            }
        }
    }
}
