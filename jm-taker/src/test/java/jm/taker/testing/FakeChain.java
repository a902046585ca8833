package jm.taker.testing;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import jm.chain.ChainBackend;
import jm.chain.DescriptorImport;
import jm.chain.TransactionRejectedException;
import jm.chain.TxOutInfo;
import jm.chain.WalletTx;
import jm.chain.WalletUtxo;
import jm.core.Network;
import jm.core.OutPoint;
import jm.core.Sats;
import org.bitcoinj.base.Coin;
import org.bitcoinj.base.Sha256Hash;
import org.bitcoinj.core.Transaction;
import org.bitcoinj.core.TransactionInput;
import org.bitcoinj.core.TransactionOutput;
import org.bitcoinj.script.Script;

/**
 * An in-memory chain for session tests: outputs with confirmation heights, mempool, broadcast
 * that checks every input's script with bitcoinj's interpreter, and mining. Thread-safe.
 */
public final class FakeChain implements ChainBackend, TestChain {
    private record Out(Sats value, byte[] spk, long height /* -1 = mempool */) {
    }

    private final Map<OutPoint, Out> utxos = new LinkedHashMap<>();
    private final Map<Sha256Hash, Long> txs = new HashMap<>();
    private final Map<Sha256Hash, Transaction> rawTxs = new HashMap<>();
    private long height = 1_000;
    private final boolean autoMine;
    private int counter;

    public FakeChain(boolean autoMine) {
        this.autoMine = autoMine;
    }

    @Override
    public synchronized void spend(OutPoint op, org.bitcoinj.crypto.ECKey key, long value) {
        spend(op);
    }

    /** Creates a coin with the given confirmations (0 = in the mempool). */
    @Override
    public synchronized OutPoint fund(byte[] spk, long value, int confirmations) {
        counter++;
        OutPoint op = OutPoint.of(String.format("%064x", 0xabc0000L + counter), counter % 3);
        utxos.put(op, new Out(Sats.of(value), spk.clone(), confirmations == 0 ? -1 : height - confirmations + 1));
        return op;
    }

    /** Marks a coin spent by someone else. */
    public synchronized void spend(OutPoint op) {
        utxos.remove(op);
    }

    public synchronized void mine(int blocks) {
        height += blocks;
        for (Map.Entry<OutPoint, Out> e : utxos.entrySet()) {
            if (e.getValue().height < 0) {
                e.setValue(new Out(e.getValue().value, e.getValue().spk, height - blocks + 1));
            }
        }
        txs.replaceAll((k, v) -> v < 0 ? height - blocks + 1 : v);
    }

    public synchronized Optional<Transaction> transaction(Sha256Hash txid) {
        return Optional.ofNullable(rawTxs.get(txid));
    }

    public synchronized int broadcasts() {
        return rawTxs.size();
    }

    @Override
    public Network network() {
        return Network.REGTEST;
    }

    @Override
    public synchronized long tipHeight() {
        return height;
    }

    @Override
    public synchronized long tipMedianTime() {
        return 1_767_225_600L + height * 600;
    }

    /** Blocks 600 s apart; the tip's median time past is the time of the block 5 below it. */
    @Override
    public synchronized long blockTime(long h) {
        if (h < 0 || h > height) {
            throw new jm.chain.ChainNotFoundException("no block at height " + h);
        }
        return 1_767_225_600L + h * 600 + 3_000;
    }

    @Override
    public synchronized Optional<TxOutInfo> getTxOut(OutPoint outpoint, boolean includeMempool) {
        txOutCalls.merge(outpoint, 1, Integer::sum);
        Out o = utxos.get(outpoint);
        if (o == null || (o.height < 0 && !includeMempool)) {
            return Optional.empty();
        }
        int conf = o.height < 0 ? 0 : (int) (height - o.height + 1);
        return Optional.of(new TxOutInfo(o.value, o.spk, conf, false));
    }

    private final Map<OutPoint, Integer> txOutCalls = new HashMap<>();

    /** How many times {@code gettxout} was asked about {@code outpoint}. */
    public synchronized int txOutCalls(OutPoint outpoint) {
        return txOutCalls.getOrDefault(outpoint, 0);
    }

    @Override
    public synchronized Optional<byte[]> getRawTransaction(Sha256Hash txid) {
        return Optional.ofNullable(rawTxs.get(txid)).map(Transaction::serialize);
    }

    @Override
    public synchronized Optional<Integer> getConfirmations(Sha256Hash txid) {
        Long h = txs.get(txid);
        return h == null ? Optional.empty() : Optional.of(h < 0 ? 0 : (int) (height - h + 1));
    }

    @Override
    public synchronized Sha256Hash broadcast(byte[] rawTx) {
        Transaction tx;
        try {
            tx = Transaction.read(ByteBuffer.wrap(rawTx));
        } catch (RuntimeException e) {
            throw new TransactionRejectedException(-22, "TX decode failed");
        }
        if (txs.containsKey(tx.getTxId())) {
            throw new TransactionRejectedException(-27, "txn-already-known");
        }
        long in = 0;
        for (int i = 0; i < tx.getInputs().size(); i++) {
            TransactionInput input = tx.getInput(i);
            OutPoint op = new OutPoint(input.getOutpoint().hash(), input.getOutpoint().index());
            Out o = utxos.get(op);
            if (o == null) {
                throw new TransactionRejectedException(-25, "bad-txns-inputs-missingorspent " + op);
            }
            try {
                Script spk = Script.parse(o.spk);
                spk.correctlySpends(tx, i, input.getWitness(), Coin.valueOf(o.value.value()), spk,
                        Script.ALL_VERIFY_FLAGS);
            } catch (RuntimeException e) {
                throw new TransactionRejectedException(-26, "mandatory-script-verify-flag-failed " + e.getMessage());
            }
            in += o.value.value();
        }
        long out = tx.getOutputs().stream().mapToLong(x -> x.getValue().value).sum();
        if (out > in) {
            throw new TransactionRejectedException(-26, "bad-txns-in-belowout");
        }
        for (TransactionInput input : tx.getInputs()) {
            utxos.remove(new OutPoint(input.getOutpoint().hash(), input.getOutpoint().index()));
        }
        int vout = 0;
        for (TransactionOutput o : tx.getOutputs()) {
            utxos.put(new OutPoint(tx.getTxId(), vout++), new Out(Sats.of(o.getValue().value), o.getScriptBytes(), -1));
        }
        txs.put(tx.getTxId(), -1L);
        rawTxs.put(tx.getTxId(), tx);
        if (autoMine) {
            mine(1);
        }
        return tx.getTxId();
    }

    @Override
    public long estimateFeeSatPerVb(int targetBlocks, long floorSatPerVb, long capSatPerVb) {
        return Math.max(floorSatPerVb, Math.min(capSatPerVb, 2));
    }

    @Override
    public long waitForBlockAbove(long h, Duration timeout) {
        throw notUsedByTheTaker("waitForBlockAbove");
    }

    @Override
    public int waitForConfirmations(Sha256Hash txid, int confirmations, Duration timeout) {
        throw notUsedByTheTaker("waitForConfirmations");
    }

    @Override
    public void ensureWallet() {
    }

    @Override
    public void importDescriptors(List<DescriptorImport> descriptors) {
        throw notUsedByTheTaker("importDescriptors");
    }

    @Override
    public List<WalletUtxo> listUnspent(int minConf) {
        throw notUsedByTheTaker("listUnspent");
    }

    @Override
    public List<WalletTx> listTransactions(int count) {
        throw notUsedByTheTaker("listTransactions");
    }

    @Override
    public void rescan(long fromHeight, RescanProgress progress) {
        throw notUsedByTheTaker("rescan");
    }

    @Override
    public void close() {
    }

    /**
     * The taker reads its own coins through its wallet port and checks makers' coins with
     * outpoint lookups; it never blocks on the chain nor touches the watch-only wallet. A call
     * here means the session changed that contract: the session fails with this message.
     */
    private static IllegalStateException notUsedByTheTaker(String method) {
        return new IllegalStateException("the taker session must not call ChainBackend." + method);
    }
}
