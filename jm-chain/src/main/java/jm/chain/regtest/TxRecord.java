package jm.chain.regtest;

import org.bitcoinj.base.Sha256Hash;
import org.bitcoinj.core.Transaction;

/**
 * A known transaction: confirmed (height >= 0) or in the mempool (height -1). Immutable: the chain
 * replaces the record when a block confirms it, so RPC threads may read one without the chain lock.
 */
final class TxRecord {
    final Transaction tx;
    final byte[] raw;
    final Sha256Hash txid;
    final boolean coinbase;
    final int height;
    final int indexInBlock;
    final long fee;
    final long timeReceived;
    /** The tip height when the mempool accepted it (Core's entry height), else -1. */
    final int entryHeight;

    private TxRecord(Transaction tx, byte[] raw, boolean coinbase, int height, int indexInBlock, long fee,
                     long timeReceived, int entryHeight) {
        this.tx = tx;
        this.raw = raw;
        this.txid = tx.getTxId();
        this.coinbase = coinbase;
        this.height = height;
        this.indexInBlock = indexInBlock;
        this.fee = fee;
        this.timeReceived = timeReceived;
        this.entryHeight = entryHeight;
    }

    /** A transaction not (yet) in a block; {@code entryHeight} the tip when the mempool took it, or -1. */
    static TxRecord unconfirmed(Transaction tx, byte[] raw, boolean coinbase, long fee, long timeReceived,
                                int entryHeight) {
        return new TxRecord(tx, raw, coinbase, -1, -1, fee, timeReceived, entryHeight);
    }

    /** This transaction as confirmed at {@code height}, position {@code index}, paying {@code fee}. */
    TxRecord confirmed(int height, int index, long fee) {
        return new TxRecord(tx, raw, coinbase, height, index, fee, timeReceived, entryHeight);
    }
}
